"""Render every screen offscreen on a demo shop into docs/screenshots/ (run after UI work,
then look at the pictures: cut text, overlaps and empty panels are defects).

    python tools/render_screens.py [--size 1280x800] [--out docs/screenshots] [--language es] [--currency COP]

Without --language the screens show the English source texts (in the PC's locale). With
--currency the demo shop counts in that currency (its defaults, demo prices and the amounts typed
here follow its size). tools/render_matrix.sh renders every screen in both languages, in EUR
and COP, at 1024×768, 1366×768 and 1920×1080 on a real X server (Xvfb).
"""

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from loyalty.common.clock import FixedClock  # noqa: E402
from loyalty.ledger.enrolment import enrol_member  # noqa: E402
from loyalty.ledger.sales import post_sale  # noqa: E402
from loyalty.people.members import NewMember
from loyalty.people.staff import add_staff, sign_in  # noqa: E402
from loyalty.programme.currencies import scaled_amount  # noqa: E402
from loyalty.programme.rules import LANGUAGES, save_settings  # noqa: E402
from loyalty.programme.settings import change_settings  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.retention.complaints import open_complaint, record_satisfaction, resolve_complaint  # noqa: E402
from loyalty.retention.survey import record_answers, set_questions  # noqa: E402
from loyalty.storage import write_transaction  # noqa: E402
from ui.settings.first_run import POINTS, SHOP, TIERS, FirstRunWizard  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402
from ui.widgets.formatting import amount_for_editing, choose_locale  # noqa: E402
from ui.widgets.sign_in import ApprovalDialog, SignInDialog  # noqa: E402
from ui.widgets.translations import install_translator  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def settle(app: QApplication, ms: int = 300) -> None:
    """Let timers (search debounce) and the search thread answer before the picture."""
    QTest.qWait(ms)
    app.processEvents()


SURVEY = [
    {"text": "Del 0 al 10, ¿recomendaría la tienda a un amigo?", "kind": "scale", "nps": True},
    {"text": "¿Encontró todo lo que buscaba?", "kind": "yes_no"},
    {"text": "¿Cómo nos conoció?", "kind": "choice", "choices": ["Amigos o familia", "Redes sociales",
                                                                 "Pasaba por aquí", "Otro"]},
    {"text": "¿Qué podríamos mejorar?", "kind": "text"},
]


def retention_examples(ctx) -> None:
    """Complaints, survey answers and referrals on top of the demo data, for the Retention tabs."""
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"survey_bonus": 25})
    questions = [question.id for question in set_questions(ctx, SURVEY)]
    cards = [row[0] for row in ctx.db.execute("SELECT card FROM members ORDER BY id LIMIT 12")]
    answers = (("10", "sí", "Amigos o familia", ""), ("9", "sí", "Redes sociales", "Más variedad de pan"),
               ("7", "no", "Pasaba por aquí", "Abrir los domingos"), ("10", "sí", "Amigos o familia", ""),
               ("4", "no", "Otro", "Menos cola por la mañana"), ("8", "sí", "Redes sociales", ""))
    for card, given in zip(cards, answers):
        record_answers(ctx, card, dict(zip(questions, given)))
    taken = [open_complaint(ctx, card, category, text) for card, category, text in (
        (cards[1], "waiting", "Esperó 20 minutos en caja"), (cards[2], "product", "El pan de ayer estaba duro"),
        (cards[3], "points", "No le sumaron los puntos de la compra del martes"),
        (cards[4], "price", "Precio de la estantería distinto del de caja"))]
    resolve_complaint(ctx, taken[1].id, "Se le cambió el pan y se pidió disculpas", 50)
    resolve_complaint(ctx, taken[2].id, "Puntos sumados a mano")
    record_satisfaction(ctx, taken[2].id, True, "Contenta")
    now = ctx.clock.now()
    for number, (months_ago, referrer, buys) in enumerate(((0, 0, True), (1, 0, True), (1, 5, False), (2, 0, True),
                                                           (3, 5, True), (5, 7, False), (5, 0, True))):
        then = replace(ctx, clock=FixedClock(now - timedelta(days=30 * months_ago + 2)))
        friend = enrol_member(then, NewMember(name=f"Amistad {number + 1} Gómez", referrer_card=cards[referrer]))
        if buys:
            programme = ctx.programme()
            post_sale(ctx, friend.card, scaled_amount(1850 + 300 * number, programme.currency,
                                                      programme.currency_decimals), f"R{number}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1280x800",
                        help="the window's size, or 'screen': as the app opens it on the screen it is on")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--language", choices=LANGUAGES, help="the shop's language: screens, slips and cards")
    parser.add_argument("--currency", help="the demo shop's currency (ISO code), e.g. COP")
    args = parser.parse_args()
    on_screen = args.size == "screen"
    width, height = (0, 0) if on_screen else (int(part) for part in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    if args.language:
        install_translator(app, args.language)
    else:
        choose_locale()
    shots = []

    def shoot(widget, name):
        settle(app)
        widget.grab().save(str(out / f"{name}.png"))
        shots.append(name)

    with tempfile.TemporaryDirectory() as folder:
        shop = open_shop(Path(folder) / "demo.sqlite")
        if args.language:   # as Settings saves it: the default tier names follow the language
            change_settings(shop, {"language": args.language})
        if args.currency:
            change_settings(shop, {"currency": args.currency})   # with the defaults of its size
        wizard = FirstRunWizard(shop)
        wizard.resize(760, 560)
        wizard.show()
        for page, name in ((SHOP, "first-run-shop"), (POINTS, "first-run-points"), (TIERS, "first-run-tiers")):
            while wizard.currentId() != page:
                wizard.next()
            shoot(wizard, name)
        wizard.reject()
        window = MainWindow(shop)
        if on_screen:
            window.show_on_screen()
        else:
            window.resize(width, height)
            window.show()
        shoot(window, "first-window-empty")
        window.show_about()
        shoot(window.about_dialog, "about")
        window.about_dialog.reject()
        window.load_demo()
        ctx, counter = window.ctx, window.counter
        busy = ctx.db.execute("SELECT card FROM members WHERE notes = '' ORDER BY balance DESC LIMIT 1").fetchone()[0]

        counter.focus_search()
        QTest.keyClicks(counter.search_box, "mar")
        shoot(window, "counter-search")
        counter.open_card(busy)
        programme = ctx.programme()
        QTest.keyClicks(counter.sale.amount, amount_for_editing(
            scaled_amount(2_395, programme.currency, programme.currency_decimals), programme.currency_decimals))
        shoot(window, "counter-sale-preview")
        QTest.keyClick(counter.sale.amount, Qt.Key.Key_Return)
        shoot(window, "counter-sale-done")
        counter.print_slip()
        window.printing.preview.resize(520, 760)
        shoot(window.printing.preview, "slip-preview")
        window.printing.preview.reject()
        counter.show_action(1)
        QTest.keyClicks(counter.redeem.points, "500")
        shoot(window, "counter-redeem")
        counter.show_action(2)
        shoot(window, "counter-refund")
        counter.enrol()
        dialog = counter.enrol_dialog
        dialog.fields["name"].setText("Lucía Fernández de la Peña")
        dialog.fields["phone"].setText("612 345 678")
        dialog.marketing.setChecked(True)
        shoot(dialog, "enrol-dialog")
        dialog.save()
        shoot(dialog, "enrol-dialog-done")
        dialog.print_button.click()
        shoot(window.printing.preview, "card-preview")
        window.printing.preview.reject()
        dialog.accept()

        window.show_screen(1)
        shoot(window, "members")
        sample = Path(folder) / "socios.csv"
        sample.write_text("Nombre;Teléfono;Correo;Puntos\nRosa Vidal;600 123 456;rosa@example.es;1.200\n"
                          "Pablo Gil;611;;\nAna Romero Castaño;;;250\n", encoding="utf-8")
        window.members.open_import()
        importer = window.members.importer
        importer.path.setText(str(sample))
        importer.check()
        while importer.thread is not None:
            settle(app, 100)
        shoot(importer, "import-wizard")
        importer.reject()
        window.members.open_details(0)
        while window.members.detail.rfm_thread is not None:
            settle(app, 100)
        shoot(window.members.detail, "member-detail")
        window.members.detail.reject()
        window.show_screen(2)
        shoot(window, "rewards-and-campaigns")
        window.show_screen(3)
        window.reports.month.setDate(window.reports.month.date().addMonths(-1))
        window.reports.compute()
        while window.reports.thread is not None:
            settle(app, 100)
        shoot(window, "reports")
        window.show_screen(4)
        shoot(window, "settings")
        window.settings.backups.backup_button.click()
        while window.settings.backups.thread is not None:
            settle(app, 100)
        bar = window.settings.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
        shoot(window, "settings-backups")

        add_staff(ctx, "Olga Martín", "owner", "olga-2026")
        ctx.become(sign_in(ctx, "Olga Martín", "olga-2026"))
        add_staff(ctx, "Carla Ruiz", "cashier", "9753")
        add_staff(ctx, "Manuel Ortega", "manager", "1357")
        window.identity_changed()
        window.settings.reload()
        window.settings.scroll.ensureWidgetVisible(window.settings.staff)
        shoot(window, "settings-staff")
        sign_in_dialog = SignInDialog(ctx, parent=window)
        sign_in_dialog.name.setCurrentIndex(sign_in_dialog.name.findData("Carla Ruiz"))
        sign_in_dialog.secret.setText("0000")
        sign_in_dialog._accept()
        sign_in_dialog.show()
        shoot(sign_in_dialog, "sign-in")
        sign_in_dialog.reject()
        approval = ApprovalDialog(ctx, "refund: refunds need a manager (Carla Ruiz is signed in as a cashier); "
                                       "ask a manager to approve it", parent=window)
        approval.show()
        shoot(approval, "approval")
        approval.reject()
        window.show_screen(5)
        shoot(window, "audit")
        window.show_screen(6)
        window.retention.segment.setCurrentIndex(window.retention.segment.findData("rfm"))
        window.retention.value.setCurrentIndex(window.retention.value.findData("champions"))
        window.retention.run_rules()
        window.retention.show_segment()
        while window.retention.thread is not None:
            settle(app, 100)
        shoot(window, "retention")
        retention_examples(ctx)
        retention = window.retention
        retention.show_tab(retention.complaints)
        retention.complaints.table.selectRow(0)
        shoot(window, "retention-complaints")
        retention.show_tab(retention.survey)
        shoot(window, "retention-survey")
        retention.show_tab(retention.campaigns)
        retention.campaigns.show_results()
        while retention.campaigns.thread is not None:
            settle(app, 100)
        shoot(window, "retention-campaigns")
        retention.show_tab(retention.referrals)
        while retention.referrals.thread is not None:
            settle(app, 100)
        shoot(window, "retention-referrals")
        retention.show_tab(retention.tabs.widget(0))
        ctx.become(sign_in(ctx, "Carla Ruiz", "9753"))
        window.identity_changed()
        window.show_screen(0)
        counter.open_card(busy)
        counter.complaint()
        counter.complaint_dialog.description.setText("Esperó 20 minutos en caja")
        counter.complaint_dialog.take()
        shoot(counter.complaint_dialog, "complaint")
        counter.complaint_dialog.accept()
        shoot(window, "counter-as-cashier")
        survey_card = ctx.db.execute("SELECT card FROM members WHERE id NOT IN (SELECT member_id FROM "
                                     "survey_responses) AND status = 'active' ORDER BY balance DESC").fetchone()[0]
        counter.open_card(survey_card)
        counter.survey()
        survey = counter.survey_dialog
        scale, found, heard, better = survey.fields.values()
        scale.setText("9")
        found.setCurrentIndex(1)
        heard.setCurrentIndex(2)
        better.setText("Más pan integral por la tarde")
        shoot(survey, "counter-survey")
        survey.save()
        shoot(window, "counter-survey-done")
        window.close()
        app.processEvents()
        ctx.db.close()
    print(f"{len(shots)} screenshots in {out}: {', '.join(shots)}")


if __name__ == "__main__":
    main()
