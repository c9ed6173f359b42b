"""Every time a person reads is on the shop's clock, whatever the computer's own zone: a shop in
Bogotá on a computer set to UTC, a little after UTC midnight, is still in the evening before.
Each screen that shows a moment is asked for it; none may show the UTC day or hour."""

import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtWidgets import QMessageBox, QTableWidget

from loyalty.ledger.sales import post_sale
from loyalty.operations.backups import make_backup
from loyalty.people.members import member_by_id
from loyalty.reports.fraud import Flag
from loyalty.retention.complaints import open_complaint
from loyalty.storage import database_path
from ui.members.member_detail import MemberDetailDialog
from ui.shell.recovery import ask_to_restore

UTC_MOMENT = datetime(2026, 12, 6, 1, 16, tzinfo=timezone.utc)   # Saturday 5 December, 20:16 in Bogotá


def short(day: QDate, hour: int, minute: int) -> str:
    return QLocale().toString(QDateTime(day, QTime(hour, minute), QTimeZone(QTimeZone.Initialization.UTC)),
                              QLocale.FormatType.ShortFormat)


SHOP_TIME = lambda: short(QDate(2026, 12, 5), 20, 16)   # noqa: E731 - after the locale is chosen
UTC_TIME = lambda: short(QDate(2026, 12, 6), 1, 16)     # noqa: E731
SHOP_DAY = lambda: QLocale().toString(QDate(2026, 12, 5), QLocale.FormatType.ShortFormat)   # noqa: E731
UTC_DAY = lambda: QLocale().toString(QDate(2026, 12, 6), QLocale.FormatType.ShortFormat)    # noqa: E731


@pytest.fixture
def bogota(monkeypatch, clock, settings):
    """The computer on UTC, the shop in Bogotá, the clock at 01:16 UTC on 6 December."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    clock.current = UTC_MOMENT
    settings(timezone="America/Bogota")
    yield
    monkeypatch.undo()
    time.tzset()


def shows_the_shop_time(text: str) -> None:
    assert SHOP_TIME() in text and UTC_TIME() not in text, text


def test_the_counter_shows_the_shops_day_and_hours(qtbot, bogota, window, ctx, enrol):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 2_500, "T-1")
    window.refresh()
    assert window.date_label.text() == QLocale().toString(QDate(2026, 12, 5), QLocale.FormatType.LongFormat)
    window.counter.open_card(ana.card)
    shows_the_shop_time(window.counter.panel.visits.text())
    window.counter.show_action(2)
    shows_the_shop_time(window.counter.refund.sales.item(0).text())


def test_members_their_record_and_history_show_the_shops_day_and_hours(qtbot, bogota, window, ctx, enrol):
    ana = enrol("Ana García", marketing_consent=True)
    post_sale(ctx, ana.card, 2_500, "T-1")
    window.show_screen(1)
    model = window.members.model
    joined = model.data(model.index(0, model.COLUMNS.index("joined")))
    assert joined == SHOP_DAY() and joined != UTC_DAY()
    dialog = MemberDetailDialog(ctx, member_by_id(ctx, ana.id))
    qtbot.addWidget(dialog)
    shows_the_shop_time(dialog.history_model.data(dialog.history_model.index(0, 0)))
    shows_the_shop_time(dialog.consent_dates.text())
    qtbot.waitUntil(lambda: dialog.rfm_thread is None, timeout=10_000)   # its scores, before the shop closes


def test_the_audit_trail_its_date_filter_and_the_backups_show_the_shops_clock(qtbot, bogota, window, ctx, enrol,
                                                                              monkeypatch):
    enrol("Ana García")
    window.show_screen(5)
    audit = window.audit
    assert audit.until.date() == QDate(2026, 12, 5), "the shop's today, not the computer's"
    assert audit.table.rowCount() == 1, "the enrolment, made this evening in the shop, is in today's trail"
    shows_the_shop_time(audit.table.item(0, 0).text())
    make_backup(ctx, "manual")
    window.show_screen(4)
    window.settings.backups.reload()
    shows_the_shop_time(window.settings.backups.table.item(0, 0).text())
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *rest: asked.append(text))
    ask_to_restore(None, Path(database_path(ctx.db)), "damaged")   # the start-up offer of that backup
    shows_the_shop_time(asked[0])


def test_complaints_and_fraud_flags_show_the_shops_clock(qtbot, bogota, window, ctx, enrol):
    ana = enrol("Ana García")
    open_complaint(ctx, ana.card, "waiting", "Long queue at the till")
    window.show_screen(6)
    window.retention.tabs.setCurrentWidget(window.retention.complaints)
    table: QTableWidget = window.retention.complaints.table
    shows_the_shop_time(table.item(0, 0).text())
    window.show_screen(3)
    entry = {"id": 1, "kind": "earn", "created_at": UTC_MOMENT.isoformat(), "points": 25, "card": ana.card,
             "staff_id": "tester"}
    window.reports._flags_found([Flag("own_card", "tester", "1 entries crediting their own card", [entry])])
    shows_the_shop_time(window.reports.flags.topLevelItem(0).child(0).text(1))
