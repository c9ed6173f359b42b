"""A Spanish shop reads Spanish: no English word, code or JSON left on the screens that used to
show them — campaigns' weekdays, the history's notes, segments and tiers, the audit trail, the
default tier names a shop gets from the command line, the file dialog, the names offered for
exported files, birthdays — and what is typed back in those forms still works."""

import re
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit

from loyalty.cli import main
from loyalty.common.notes import EXPIRING, note
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.people.members import MemberEdit, NewMember, member_by_id, update_member
from loyalty.printing.receipt import receipt_for_entry
from loyalty.programme.campaigns import add_campaign, list_campaigns
from loyalty.programme.rules import load_programme, load_tiers
from loyalty.programme.settings import change_settings, change_tier
from loyalty.programme.shop import open_shop
from loyalty.retention.followups import add_followup
from loyalty.storage import database_path, write_transaction
from ui.members.member_detail import MemberDetailDialog

# Words that are English only (not Spanish too), as they used to leak onto Spanish screens.
ENGLISH = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun|refund|discount|void|champions|loyal|bronze|silver|gold|"
                     r"member|members|changed?|enrol|settings|true|false|null|points|expire|Look in|Files of)\b|"
                     r"[{}\[\]_]|\w+\.\w+\.", re.IGNORECASE)


def no_english(*texts: str) -> None:
    found = [(text, ENGLISH.findall(text)) for text in texts if ENGLISH.search(text)]
    assert not found, found


def cells(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_campaign_weekdays_read_spanish_and_are_read_back(qtbot, spanish, window, ctx):
    add_campaign(ctx, "Fin de semana", "2", "2026-03-01", "2026-03-31", "tue,sat,sun")
    window.show_screen(2)
    catalog = window.catalog
    assert cells(catalog.campaigns, 4) == ["mar, sáb, dom"]
    catalog.campaigns.selectRow(0)
    assert catalog.campaign_days.text() == "mar, sáb, dom"
    catalog.campaign_name.setText("Fin de semana largo")
    catalog.campaign_save_button.click()
    assert catalog.banner.kind == "success", catalog.banner.text()
    assert [(c.name, c.weekdays) for c in list_campaigns(ctx)] == [("Fin de semana largo", "2,6,7")]


def test_the_history_and_the_counter_say_the_apps_notes_in_spanish(qtbot, spanish, window, ctx, enrol, settings):
    ana = enrol("Ana García", marketing_consent=True)
    post_sale(ctx, ana.card, 5_000, "T-1")
    refund_sale(ctx, ana.card, 1_000, "T-1")
    redeem_points(ctx, ana.card, 10)
    add_followup(ctx, ana.card, note(EXPIRING, count=1, day="2026-04-30"), date(2026, 3, 10))
    dialog = MemberDetailDialog(ctx, member_by_id(ctx, ana.id))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rfm_thread is None, timeout=10_000)
    model = dialog.history_model
    notes = [model.data(model.index(row, 5)) for row in range(model.rowCount())]
    assert notes[:2] == ["descuento", "devolución"], notes
    assert ctx.db.execute("SELECT reason FROM entries WHERE kind = 'reverse'").fetchone()[0] == "refund", \
        "stored in English, for the command line and the exports"
    window.counter.open_card(ana.card)
    assert window.counter.panel.followups.text() == "☎ 1 punto caduca el 30/4/26: recuérdeselo"
    window.show_screen(6)
    assert cells(window.retention.followups, 0) == ["1 punto caduca el 30/4/26: recuérdeselo"]
    assert cells(window.retention.followups, 1) == ["10/3/26"]
    no_english(*notes, window.counter.panel.followups.text(), *cells(window.retention.followups, 0))


def test_segments_and_tiers_are_named_not_coded(qtbot, spanish, window):
    window.show_screen(6)
    picker = window.retention.picker
    picker.segment.setCurrentIndex(picker.segment.findData("rfm"))
    shown = [picker.value.itemText(row) for row in range(picker.value.count())]
    assert shown == ["campeones", "fieles", "nuevos", "potenciales", "en riesgo", "dormidos", "perdidos"]
    picker.value.setCurrentIndex(4)
    assert picker.chosen() == ("rfm", "at_risk"), "chosen by its code"
    picker.segment.setCurrentIndex(picker.segment.findData("tier"))
    assert [picker.value.itemText(row) for row in range(3)] == ["Bronce", "Plata", "Oro"]
    assert picker.chosen() == ("tier", "bronze")
    picker.value.setCurrentText("90")
    picker.segment.setCurrentIndex(picker.segment.findData("lapsed"))
    picker.value.setCurrentText("45")
    assert picker.chosen() == ("lapsed", "45"), "a number can still be typed"
    window.show_screen(4)
    tiers = window.settings.tiers
    assert [tiers.verticalHeaderItem(row).text() for row in range(3)] == ["1", "2", "3"]
    no_english(*shown)


def test_the_audit_trail_reads_in_words(qtbot, spanish, window, ctx, enrol):
    ana = enrol("Ana García")
    update_member(ctx, ana.id, MemberEdit(name="Ana María García", phone="600111222", email=None, birthday=None,
                                          marketing_consent=True, profiling_consent=False, notes=""))
    change_settings(ctx, {"earn_rate": "2", "language": "en"})
    change_settings(ctx, {"language": "es"})
    change_tier(ctx, "silver", min_spend_cents=60_000)
    window.show_screen(5)
    table = window.audit.table
    what, on, details = cells(table, 3), cells(table, 4), cells(table, 5)
    assert what[-1] == "Alta de socio" and on[-1] == "socio 1"
    edit = what.index("Datos del socio cambiados")
    assert details[edit] == ("nombre: Ana García → Ana María García; teléfono: — → 600111222; "
                             "consentimiento publicitario: no → sí")
    earn = on.index("puntos por unidad")
    assert (what[earn], details[earn]) == ("Configuración cambiada", "puntos por unidad: 1 → 2")
    assert details[on.index("idioma")] == "idioma: English → Español"
    assert details[on.index("Plata")].replace("\xa0", " ") == "gasto mínimo: 500,00 € → 600,00 €"
    assert "nombre: Bronze → Bronce" in details, "the default ladder followed the language back to Spanish"
    no_english(*what, *on, *(text for text in details if not text.startswith("nombre: ")))   # names are data
    assert ctx.db.execute("SELECT action FROM audit ORDER BY id").fetchone()[0] == "member.enrol", "kept as codes"


def test_a_shop_made_from_the_command_line_names_its_tiers_in_its_language(tmp_path, monkeypatch, clock):
    path = tmp_path / "cli.sqlite"
    assert main(["--db", str(path), "init"]) == 0
    shop = open_shop(path, clock=clock)
    assert [tier.name for tier in load_tiers(shop.db)] == ["Bronce", "Plata", "Oro"]
    card = enrol_member(shop, NewMember(name="Ana García")).card
    assert receipt_for_entry(shop, post_sale(shop, card, 2_000, "T-1").entry.id).tier_line == "Bronce"
    shop.db.close()
    assert main(["--db", str(path), "settings", "set", "language", "en"]) == 0
    shop = open_shop(path, clock=clock)
    assert [tier.name for tier in load_tiers(shop.db)] == ["Bronze", "Silver", "Gold"]
    assert shop.db.execute("SELECT COUNT(*) FROM audit WHERE action = 'tier.change'").fetchone()[0] == 3
    with write_transaction(shop.db):
        change_tier(shop, "gold", name="Diamante")          # named by the owner: left alone from now on
    change_settings(shop, {"language": "es"})
    assert [tier.name for tier in load_tiers(shop.db)] == ["Bronze", "Silver", "Diamante"]
    shop.db.close()


def test_a_spanish_shop_made_before_gets_its_default_tiers_named_in_spanish_when_opened(ctx, clock):
    with write_transaction(ctx.db):   # as the command line named them until now
        for code, name in (("bronze", "Bronze"), ("silver", "Silver"), ("gold", "Gold")):
            ctx.db.execute("UPDATE tiers SET name = ? WHERE code = ?", [name, code])
    path = database_path(ctx.db)
    again = open_shop(path, clock=clock)
    assert load_programme(again.db).language == "es"
    assert [tier.name for tier in load_tiers(again.db)] == ["Bronce", "Plata", "Oro"]
    again.db.close()


def drive_file_dialog(trigger) -> dict:
    """Open a file dialog through `trigger()` and read what it shows, then cancel it."""
    seen = {}

    def inside():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog), dialog
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        seen["name"] = dialog.findChild(QLineEdit, "fileNameEdit").text()
        dialog.reject()

    QTimer.singleShot(0, inside)
    trigger()
    return seen


def test_the_file_dialog_and_the_names_it_offers_are_spanish(qtbot, spanish, window, ctx, enrol):
    ana = enrol("Ana García")
    window.show_screen(5)
    audit = drive_file_dialog(lambda: window.audit.export())
    assert audit["name"] == "auditoria.csv"
    assert {"&Buscar en:", "&Nombre del archivo:", "&Tipo de archivo:"} <= set(audit["labels"]), audit["labels"]
    no_english(*audit["labels"])
    window.show_screen(6)
    assert drive_file_dialog(lambda: window.retention.export_contacts())["name"] == "contactos.csv"
    detail = MemberDetailDialog(ctx, member_by_id(ctx, ana.id))
    qtbot.addWidget(detail)
    qtbot.waitUntil(lambda: detail.rfm_thread is None, timeout=10_000)
    assert drive_file_dialog(lambda: detail.export_data())["name"] == f"datos-{ana.card}.pdf"


def test_the_report_is_offered_as_an_informe(qtbot, spanish, window, monkeypatch):
    from ui.widgets import file_dialogs

    offered = []
    monkeypatch.setattr(file_dialogs, "file_to_save", lambda parent, caption, name, filters: offered.append(name))
    window.show_screen(3)
    reports = window.reports
    reports.compute()
    qtbot.waitUntil(lambda: reports.thread is None and reports.report is not None, timeout=20_000)
    reports.export("pdf")
    assert offered == ["informe-2026-02.pdf"]
    assert reports.banner.text() == "Informe de febrero 2026", "the month in words"


@pytest.mark.parametrize("language", ["spanish", "english"])
def test_a_birthday_shows_as_a_date_and_is_saved_back_unchanged(qtbot, request, language, ctx, enrol):
    request.getfixturevalue(language)
    ana = enrol("Ana García", birthday="1990-04-23")
    dialog = MemberDetailDialog(ctx, member_by_id(ctx, ana.id))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rfm_thread is None, timeout=10_000)
    assert dialog.birthday.text() == "23/04/1990"
    dialog.phone.setText("600111222")
    dialog.save()
    assert dialog.problem.text() == ""
    assert member_by_id(ctx, ana.id).birthday == "1990-04-23" and member_by_id(ctx, ana.id).phone == "600111222"


def test_a_fraud_flag_says_what_it_found_in_spanish(qtbot, spanish, window, ctx):
    from PySide6.QtCore import QDate

    from loyalty.ledger.enrolment import enrol_member
    from loyalty.people.members import NewMember
    from loyalty.people.staff import add_staff, link_own_card, sign_in

    add_staff(ctx, "Olga", "owner", "24681357")
    owner = sign_in(ctx, "Olga", "24681357")
    add_staff(owner, "Manu", "manager", "1357")
    own = enrol_member(owner, NewMember(name="Manu Pérez"))
    link_own_card(owner, "Manu", own.card)
    post_sale(sign_in(ctx, "Manu", "1357"), own.card, 3_000)
    ctx.become(owner)
    window.identity_changed()
    window.show_screen(3)
    reports = window.reports
    reports.month.setDate(QDate(2026, 3, 1))
    reports.compute()
    qtbot.waitUntil(lambda: reports.thread is None and reports.flags.topLevelItemCount() > 0, timeout=20_000)
    flag = reports.flags.topLevelItem(0)
    assert flag.text(0).endswith("· Manu · 1 movimiento a favor de su propia tarjeta"), flag.text(0)
    assert flag.child(0).text(0) == "movimiento 1 (Compra)"
    no_english(flag.text(0).replace("Manu", ""), flag.child(0).text(0))
