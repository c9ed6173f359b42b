"""Purchase profiles, RFM scores and segments, and the consent rule of contact lists: each
definition of docs/metrics.md checked at its boundaries."""

import csv
from datetime import date, datetime, timedelta, timezone

import pytest

from loyalty.ledger.corrections import adjust_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.people.members import MemberEdit, update_member
from loyalty.people.profiles import purchase_profile
from loyalty.retention.rfm import rfm_scores, segment_for, window_months
from loyalty.retention.segments import segment_ids, write_contact_list


def at(clock, day: str, hour: int = 11):
    clock.current = datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


def test_the_purchase_profile_of_a_regular(ctx, enrol, clock):
    ana = enrol("Ana")
    for day, amount in (("2026-01-05", 2_000), ("2026-01-12", 3_000), ("2026-01-19", 1_000), ("2026-02-02", 4_000)):
        at(clock, day)                                  # Mondays, weekly then a fortnight
        post_sale(ctx, ana.card, amount, f"T{day}")
    refund_sale(ctx, ana.card, 1_000, "T2026-01-12")
    at(clock, "2026-02-12")
    profile = purchase_profile(ctx, ana.id)
    assert (profile.visits, profile.total_cents, profile.average_ticket_cents) == (4, 9_000, 2_250)
    assert (profile.first_visit, profile.last_visit, profile.days_since_last) == (date(2026, 1, 5),
                                                                                date(2026, 2, 2), 10)
    assert profile.usual_interval_days == 7 and profile.favourite_weekday == 1


def test_a_member_who_never_bought_has_an_empty_profile(ctx, enrol):
    profile = purchase_profile(ctx, enrol("Eva").id)
    assert profile.visits == 0 and profile.last_visit is None and profile.usual_interval_days is None


@pytest.mark.parametrize("scores, segment", [
    ((5, 5, 5), "champions"), ((4, 4, 4), "champions"), ((4, 4, 3), "loyal"), ((3, 5, 5), "loyal"),
    ((5, 1, 1), "new"), ((4, 1, 5), "new"), ((5, 2, 1), "potential"), ((3, 3, 3), "potential"),
    ((2, 3, 5), "at_risk"), ((1, 5, 5), "at_risk"), ((2, 2, 2), "hibernating"), ((1, 2, 5), "lost"),
])
def test_segment_boundaries(scores, segment):
    assert segment_for(*scores) == segment


def test_every_score_combination_has_exactly_one_segment():
    combinations = [(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)]
    assert {segment_for(*c) for c in combinations} == {"champions", "loyal", "new", "potential", "at_risk",
                                                       "hibernating", "lost"}


def test_the_window_is_the_twelve_months_ending_with_this_one():
    assert window_months(date(2026, 3, 10)) == ("2025-04", "2026-03")
    assert window_months(date(2026, 12, 31)) == ("2026-01", "2026-12")


def test_quintile_scores_give_equal_values_equal_scores(ctx, enrol, clock):
    members = [enrol(f"Socio {n}") for n in range(10)]
    for n, member in enumerate(members):               # member n: n + 1 sales of 10.00, the last n days ago
        for visit in range(n + 1):
            at(clock, (date(2026, 3, 1) + timedelta(days=visit)).isoformat())
            post_sale(ctx, member.card, 1_000, f"R{visit}")
    at(clock, "2026-03-20")
    scores = rfm_scores(ctx)
    assert [scores[m.id].f for m in members] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [scores[m.id].m for m in members] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores[members[9].id].r == 5 and scores[members[0].id].r == 1, "recent is 5"
    assert scores[members[9].id].segment == "champions"


def test_a_member_without_a_sale_in_twelve_months_is_not_scored_but_is_lapsed(ctx, enrol, clock):
    old, recent = enrol("Antiguo"), enrol("Reciente")
    at(clock, "2025-01-10")
    post_sale(ctx, old.card, 1_000)
    at(clock, "2026-03-01")
    post_sale(ctx, recent.card, 1_000)
    at(clock, "2026-03-10")
    assert set(rfm_scores(ctx)) == {recent.id}
    assert segment_ids(ctx, "lapsed", 90) == [old.id]
    assert segment_ids(ctx, "lapsed", 10) == [old.id], "bought 9 days ago: not 10 days without a sale"
    assert segment_ids(ctx, "lapsed", 9) == [old.id, recent.id]


def test_birthday_expiring_new_tier_and_near_next_tier_segments(ctx, enrol, clock, settings):
    settings(expiry_months=1)
    at(clock, "2026-02-10")
    ana = enrol("Ana", birthday="1980-03-23")
    luis = enrol("Luis", birthday="1975-07-02")
    post_sale(ctx, luis.card, 45_000)                 # silver at 500.00: 50.00 short
    at(clock, "2026-03-10")
    eva = enrol("Eva")
    assert segment_ids(ctx, "birthday_this_month") == [ana.id]
    assert segment_ids(ctx, "expiring", 30) == [luis.id], "points earned in February expire on 31 March"
    assert segment_ids(ctx, "expiring", 20) == []
    assert segment_ids(ctx, "new_this_month") == [eva.id]
    assert segment_ids(ctx, "tier", "bronze") == [ana.id, luis.id, eva.id]
    assert segment_ids(ctx, "near_next_tier", 5_000) == [luis.id]
    assert segment_ids(ctx, "near_next_tier", 4_999) == []


def test_the_contact_list_only_ever_holds_consenting_members(ctx, enrol, tmp_path):
    yes = enrol("Sí Quiere", marketing_consent=True, email="si@example.es")
    no = enrol("No Quiere", email="no@example.es")
    withdrawn = enrol("Ya No", marketing_consent=True)
    update_member(ctx, withdrawn.id, MemberEdit(name="Ya No", marketing_consent=False))
    ids = segment_ids(ctx, "tier", "bronze")
    assert set(ids) == {yes.id, no.id, withdrawn.id}
    written = write_contact_list(ctx, ids, tmp_path / "contacts.csv")
    with (tmp_path / "contacts.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert written == 1 and [row["name"] for row in rows] == ["Sí Quiere"]


def test_unknown_segments_and_bad_values_are_refused(ctx):
    from loyalty.common.errors import ValidationError

    for name, value in (("vip", None), ("rfm", "best"), ("lapsed", "soon"), ("expiring", -1)):
        with pytest.raises(ValidationError):
            segment_ids(ctx, name, value)


def test_adjustments_do_not_make_a_member_active(ctx, enrol, clock):
    ana = enrol("Ana")
    adjust_points(ctx, ana.card, 50, "welcome back")
    assert rfm_scores(ctx) == {}


def test_the_command_line_counts_a_segment_and_writes_consenting_contacts_only(ctx, enrol, tmp_path, capsys):
    from loyalty.cli import main

    enrol("Sí Quiere", marketing_consent=True)
    enrol("No Quiere")
    path = str(tmp_path / "shop.sqlite")
    assert main(["--db", path, "--json", "segment", "tier", "bronze", "--contacts", str(tmp_path / "c.csv")]) == 0
    out = capsys.readouterr().out
    assert '"count": 2' in out and '"contacts_written": 1' in out
    assert main(["--db", path, "segment", "rfm", "best"]) == 2
    assert "value: an RFM segment" in capsys.readouterr().err


def test_the_counter_and_the_member_record_show_the_purchase_profile(qtbot, window, ctx, enrol, clock):
    from ui.members.member_detail import MemberDetailDialog

    ana = enrol("Ana")
    for day in ("2026-02-02", "2026-02-09", "2026-02-16"):   # Mondays, weekly
        at(clock, day)
        post_sale(ctx, ana.card, 2_000, f"T{day}")
    at(clock, "2026-02-20")
    window.counter.open_card(ana.card)
    assert "3 visits · usually every 7 days · mostly Mondays" in window.counter.panel.visits.text()
    dialog = MemberDetailDialog(ctx, ana)
    qtbot.addWidget(dialog)
    assert "3 visits since" in dialog.profile.text() and "usually every 7 days" in dialog.profile.text()
    qtbot.waitUntil(lambda: dialog.rfm_thread is None, timeout=10_000)   # its scores, before the shop closes


def test_campaign_results_conversion_extra_visits_and_cost(ctx, enrol, clock):
    from fractions import Fraction

    from loyalty.programme.campaigns import add_campaign
    from loyalty.retention.campaign_results import campaign_results

    at(clock, "2026-02-01")
    told = [enrol(f"Sí {n}", marketing_consent=True) for n in range(4)]
    untold = enrol("No")
    campaign = add_campaign(ctx, "Dobles de marzo", "2", "2026-03-01", "2026-03-10")
    at(clock, "2026-02-25")                               # the 10 days before: one visit
    post_sale(ctx, told[0].card, 1_000, "B1")
    for day, member, ref in (("2026-03-02", told[0], "D1"), ("2026-03-05", told[0], "D2"),
                             ("2026-03-07", told[1], "D3"), ("2026-03-08", untold, "D4")):
        at(clock, day)
        post_sale(ctx, member.card, 1_000, ref)           # 10 points base + 10 campaign each
    at(clock, "2026-03-20")
    results = campaign_results(ctx, campaign.id)
    assert (results.targeted, results.buyers, results.conversion_rate) == (4, 2, Fraction(50))
    assert (results.visits_during, results.visits_before, results.extra_visits) == (3, 1, 2)
    assert results.bonus_points == 40, "the untold member's campaign points count as cost too"
    assert (results.cost_cents, results.cost_per_converted_cents) == (40, 20)
    only_some = campaign_results(ctx, campaign.id, "tier", "bronze")
    assert only_some.targeted == 4


def test_the_command_line_shows_a_campaigns_results(ctx, enrol, clock, tmp_path, capsys):
    from loyalty.cli import main
    from loyalty.programme.campaigns import add_campaign

    at(clock, "2026-02-01")
    ana = enrol("Ana", marketing_consent=True)
    campaign = add_campaign(ctx, "Dobles", "2", "2026-03-01", "2026-03-10")
    at(clock, "2026-03-02")
    post_sale(ctx, ana.card, 1_000)
    assert main(["--db", str(tmp_path / "shop.sqlite"), "--now", "2026-03-20T10:00", "campaign", "results",
                 str(campaign.id)]) == 0
    assert "1 of 1 targeted members bought (100.0 %)" in capsys.readouterr().out


def test_referrals_per_month_and_top_referrers(ctx, enrol, clock, capsys, tmp_path):
    from loyalty.cli import main
    from loyalty.retention.referrals import referrals_per_month, top_referrers

    at(clock, "2026-01-15")
    lola = enrol("Lola")
    friend = enrol("Amiga 1", referrer_card=lola.card)
    at(clock, "2026-02-28", hour=23)                       # 00:30 on 1 March in Madrid: a March referral
    clock.advance(minutes=30)
    enrol("Amiga 2", referrer_card=lola.card)
    post_sale(ctx, friend.card, 1_000)
    assert referrals_per_month(ctx, "2026-01", "2026-03") == [{"month": "2026-01", "referred": 1, "bought": 1},
                                                              {"month": "2026-03", "referred": 1, "bought": 0}]
    assert top_referrers(ctx) == [{"card": lola.card, "name": "Lola", "referred": 2, "bought": 1}]
    assert main(["--db", str(tmp_path / "shop.sqlite"), "referrals"]) == 0
    assert "Lola: 2 friends (1 bought)" in capsys.readouterr().out
