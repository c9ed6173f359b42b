"""Follow-ups (by hand and by rule, each rule's once) and complaints (compensation limits by
role, the satisfaction check two days later)."""

from datetime import date, datetime, timedelta, timezone

import pytest
from conftest import count

from loyalty.common.errors import PermissionDeniedError, ValidationError
from loyalty.ledger.sales import post_sale
from loyalty.people.staff import add_staff, sign_in
from loyalty.programme.campaigns import add_campaign
from loyalty.retention.complaints import complaint_figures, open_complaint, record_satisfaction, resolve_complaint
from loyalty.retention.followups import add_followup, complete_followup, generate_followups, open_followups


def at(clock, day: str, hour: int = 11):
    clock.current = datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


def test_a_follow_up_by_hand_shows_for_the_member_until_it_is_done(ctx, enrol):
    ana = enrol("Ana")
    item = add_followup(ctx, ana.card, "Call about the order of cakes", date(2026, 3, 12), assigned_to="Lola")
    assert [f.id for f in open_followups(ctx, member_id=ana.id)] == [item.id]
    assert open_followups(ctx, due_by=date(2026, 3, 11)) == []
    with pytest.raises(ValidationError, match="outcome"):
        complete_followup(ctx, item.id, " ")
    done = complete_followup(ctx, item.id, "called: picks it up on Friday")
    assert done.done_at and open_followups(ctx, member_id=ana.id) == []
    with pytest.raises(ValidationError, match="already done"):
        complete_followup(ctx, item.id, "again")


def test_a_regular_who_stops_coming_gets_a_call_this_week_once(ctx, enrol, clock):
    regular, occasional = enrol("Regular"), enrol("Occasional")
    for week in range(8):                                      # weekly: 8 sales in two months
        at(clock, (date(2025, 10, 1) + timedelta(weeks=week)).isoformat())
        post_sale(ctx, regular.card, 1_500)
    post_sale(ctx, occasional.card, 1_500)
    at(clock, "2026-01-10")                                    # 12 sales/year -> every 45 days; 46 days since
    assert generate_followups(ctx) == 0
    at(clock, "2026-04-01")                                    # now more than 2 x 45 days since
    assert generate_followups(ctx) == 1
    [item] = open_followups(ctx, member_id=regular.id)
    assert "call this week" in item.reason and item.due_on == "2026-04-07"
    assert generate_followups(ctx) == 0, "a rule adds each follow-up once"


def test_expiring_points_are_reminded_only_to_members_who_agreed_to_contact(ctx, enrol, clock, settings):
    settings(expiry_months=1)
    yes, no = enrol("Sí", marketing_consent=True), enrol("No")
    at(clock, "2026-02-10")
    post_sale(ctx, yes.card, 2_000)
    post_sale(ctx, no.card, 2_000)
    at(clock, "2026-03-05")                                   # February's points expire on 31 March
    assert generate_followups(ctx) == 1
    assert [f.member_id for f in open_followups(ctx, due_by=date(2026, 3, 5))] == [yes.id]


def test_the_rules_read_before_the_write_and_skip_a_card_replaced_in_between(ctx, enrol, clock, settings,
                                                                           monkeypatch):
    import loyalty.retention.followups as followups
    from loyalty.people.members import reissue_card

    settings(expiry_months=1)
    kept, replaced = enrol("Sí", marketing_consent=True), enrol("Otra", marketing_consent=True)
    at(clock, "2026-02-10")
    post_sale(ctx, kept.card, 2_000)
    post_sale(ctx, replaced.card, 2_000)
    at(clock, "2026-03-05")
    rules, in_transaction = followups._rule_candidates, []

    def reading(ctx, today):
        in_transaction.append(ctx.db.conn.in_transaction)
        found = list(rules(ctx, today))
        reissue_card(ctx, replaced.card)              # as if at the counter while the rules were reading
        return iter(found)

    monkeypatch.setattr(followups, "_rule_candidates", reading)
    assert generate_followups(ctx) == 1
    assert in_transaction == [False], "the rules read without holding the write lock"
    assert [f.member_id for f in open_followups(ctx, due_by=date(2026, 3, 5))] == [kept.id]


def test_a_campaign_about_to_start_is_one_follow_up_for_the_list(ctx, clock):
    add_campaign(ctx, "Dobles de primavera", "2", "2026-03-14", "2026-03-31")
    add_campaign(ctx, "Verano", "2", "2026-07-01", "2026-07-31")
    assert generate_followups(ctx) == 1
    [item] = open_followups(ctx, due_by=date(2026, 3, 10))
    assert item.member_id is None and "Dobles de primavera" in item.reason


@pytest.fixture
def people(ctx):
    add_staff(ctx, "Olga", "owner", "24681357")
    owner = sign_in(ctx, "Olga", "24681357")
    add_staff(owner, "Manu", "manager", "1357")
    add_staff(owner, "Carla", "cashier", "9753")
    return owner, sign_in(ctx, "Manu", "1357"), sign_in(ctx, "Carla", "9753")


def test_a_complaint_resolved_with_points_then_checked_two_days_later(ctx, people, enrol, clock):
    owner, manager, cashier = people
    ana = enrol("Ana")
    complaint = open_complaint(cashier, ana.card, "waiting", "Waited 20 minutes at the till")
    assert complaint.status == "open" and complaint.staff_id == "Carla"
    clock.advance(hours=3)
    resolved = resolve_complaint(cashier, complaint.id, "Apologised; opened a second till", 150)
    assert resolved.status == "resolved" and resolved.compensation_entry_id is not None
    assert ctx.db.execute("SELECT balance FROM members WHERE id = ?", [ana.id]).fetchone()[0] == 150
    [check] = open_followups(ctx, member_id=ana.id)
    assert check.due_on == "2026-03-12" and "satisfied" in check.reason
    record_satisfaction(cashier, complaint.id, True, "happy with the points")
    assert open_followups(ctx, member_id=ana.id) == []
    figures = complaint_figures(ctx, "2026-03-01", "2026-04-01")
    assert figures == {"opened": 1, "by_category": {"waiting": 1}, "resolved": 1, "median_hours_to_resolve": 3,
                       "satisfied_after": 1, "not_satisfied_after": 0}


@pytest.mark.parametrize("points, who, allowed", [
    (200, "cashier", True), (201, "cashier", False), (201, "manager", True), (1_000, "manager", True),
    (1_001, "manager", False), (1_001, "owner", True)])
def test_compensation_limits(ctx, people, enrol, points, who, allowed):
    staff = dict(zip(("owner", "manager", "cashier"), people))
    ana = enrol("Ana")
    complaint = open_complaint(staff["cashier"], ana.card, "product", "Stale bread")
    if allowed:
        resolve_complaint(staff[who], complaint.id, "Refunded and compensated", points)
        return
    with pytest.raises(PermissionDeniedError):
        resolve_complaint(staff[who], complaint.id, "Refunded and compensated", points)
    assert count(ctx, "entries") == 0, "nothing posted"


def test_bad_complaints_are_refused(ctx, enrol):
    ana = enrol("Ana")
    with pytest.raises(ValidationError, match="category"):
        open_complaint(ctx, ana.card, "rude", "x")
    with pytest.raises(ValidationError, match="description"):
        open_complaint(ctx, ana.card, "service", "  ")
    complaint = open_complaint(ctx, ana.card, "service", "No bags")
    with pytest.raises(ValidationError, match="not resolved"):
        record_satisfaction(ctx, complaint.id, True)


def test_the_command_line_takes_resolves_and_checks_a_complaint(ctx, enrol, tmp_path, capsys):
    from loyalty.cli import main

    ana = enrol("Ana")
    path, now = str(tmp_path / "shop.sqlite"), "2026-03-10T12:00"
    assert main(["--db", path, "--now", now, "complaint", "open", ana.card, "--category", "price", "--description", "Wrong price"]) == 0
    assert main(["--db", path, "--now", now, "complaint", "resolve", "1", "--resolution", "Price fixed", "--points", "50"]) == 0
    assert main(["--db", path, "--now", now, "followups", "list", "--due", "2026-03-12"]) == 0
    assert "Complaint 1 (price) was resolved" in capsys.readouterr().out
    assert main(["--db", path, "--now", now, "complaint", "check", "1", "--satisfied", "yes"]) == 0
    assert main(["--db", path, "followups", "list", "--card", ana.card]) == 0
    assert "Nothing to follow up." in capsys.readouterr().out


def test_the_command_line_lists_the_shops_complaints_by_status_and_category(ctx, enrol, tmp_path, capsys):
    import json

    from loyalty.cli import main

    ana, luis = enrol("Ana"), enrol("Luis")
    path = str(tmp_path / "shop.sqlite")
    for card, category in ((ana.card, "price"), (luis.card, "waiting"), (luis.card, "price")):
        assert main(["--db", path, "complaint", "open", card, "--category", category, "--description", "x"]) == 0
    assert main(["--db", path, "complaint", "resolve", "1", "--resolution", "Fixed"]) == 0
    capsys.readouterr()

    def listed(*options):
        assert main(["--db", path, "--json", "complaint", "list", *options]) == 0
        return [(item["id"], item["card"]) for item in json.loads(capsys.readouterr().out)["complaints"]]

    assert listed() == [(3, luis.card), (2, luis.card), (1, ana.card)]
    assert listed("--status", "open") == [(3, luis.card), (2, luis.card)]
    assert listed("--status", "to_check") == [(1, ana.card)]
    assert listed("--category", "price") == [(3, luis.card), (1, ana.card)]
    assert listed(luis.card, "--category", "price") == [(3, luis.card)]


def test_scanning_a_card_shows_its_open_follow_ups_and_complaints(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    add_followup(ctx, ana.card, "Ask how the birthday cake went", date(2026, 3, 10))
    open_complaint(ctx, ana.card, "product", "The bread was stale")
    window.counter.open_card(ana.card)
    panel_text = window.counter.panel.followups.text()
    assert "Ask how the birthday cake went" in panel_text and "The bread was stale" in panel_text
    assert window.counter.panel.followups.isVisible()


def test_f7_takes_down_a_complaint_and_resolves_it_with_points(qtbot, window, ctx, enrol):
    from PySide6.QtCore import Qt
    from ui_helpers import press, type_fast

    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    press(qtbot, Qt.Key.Key_F7, window.counter.search_box)
    dialog = window.counter.complaint_dialog
    qtbot.waitExposed(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData("waiting"))
    type_fast(qtbot, dialog.description, "Long queue at the till")
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert ctx.db.execute("SELECT category, status FROM complaints").fetchone() == ("waiting", "open")
    type_fast(qtbot, dialog.resolution, "Apologised")
    type_fast(qtbot, dialog.points, "50")
    qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    assert "Resolved" in dialog.message.text()
    assert ctx.db.execute("SELECT status FROM complaints").fetchone()[0] == "resolved"
    assert ctx.db.execute("SELECT balance FROM members WHERE id = ?", [ana.id]).fetchone()[0] == 50
    dialog.accept()
    qtbot.waitUntil(lambda: "satisfied" in window.counter.panel.followups.text())


def test_the_retention_screen_lists_a_segment_exports_consenting_contacts_and_closes_follow_ups(
        qtbot, window, ctx, enrol, tmp_path):
    from PySide6.QtCore import Qt

    yes = enrol("Sí Quiere", marketing_consent=True)
    enrol("No Quiere")
    add_followup(ctx, yes.card, "Call about the cake", date(2026, 3, 10))
    window.show_screen(6)
    screen = window.retention
    assert screen.followups.rowCount() == 1
    screen.segment.setCurrentIndex(screen.segment.findData("tier"))
    screen.value.setCurrentText("bronze")
    qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.thread is None, timeout=10_000)
    assert screen.count.text() == "2 members" and screen.members.rowCount() == 2
    screen.export_contacts(str(tmp_path / "c.csv"))
    assert "1 of 2 members agreed" in screen.banner.text()
    assert "No Quiere" not in (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    screen.followups.selectRow(0)
    screen.outcome.setText("Called: comes Saturday")
    qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    assert screen.followups.rowCount() == 0
    assert ctx.db.execute("SELECT outcome FROM followups").fetchone()[0] == "Called: comes Saturday"


def test_the_monthly_report_counts_complaints_and_a_later_resolution_refreshes_a_kept_month(ctx, enrol, clock):
    from loyalty.common.period import month_period
    from loyalty.reports.cache import report

    ana = enrol("Ana")
    first = open_complaint(ctx, ana.card, "price", "Wrong price on the shelf")
    open_complaint(ctx, ana.card, "waiting", "Long queue")
    clock.advance(hours=5)
    resolve_complaint(ctx, first.id, "Price corrected")
    at(clock, "2026-04-02")
    march = report(ctx, month_period("2026-03"))
    assert march.complaints["opened"] == 2 and march.complaints["resolved"] == 1
    assert march.complaints["by_category"] == {"price": 1, "waiting": 1}
    assert march.complaints["median_hours_to_resolve"] == 5
    resolve_complaint(ctx, 2, "Second till opened")             # in April: March's kept report must not stand
    assert report(ctx, month_period("2026-03")).complaints["resolved"] == 2
