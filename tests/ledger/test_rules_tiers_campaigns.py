"""Tiers, campaigns and the daily job."""

from datetime import date, timedelta

import pytest

from loyalty.common.clock import local_date, local_midnight_utc, to_iso
from loyalty.common.errors import ValidationError
from loyalty.ledger.daily import members_with_expiring_points, run_daily
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.ledger.tiers import tier_progress
from loyalty.operations.verify import verify
from loyalty.people.members import member_by_id
from loyalty.programme.campaigns import add_campaign, campaign_for_day, parse_weekdays, set_campaign_active
from loyalty.programme.rules import load_tiers, update_tier
from loyalty.storage import write_transaction


def tier_changes(ctx, member_id):
    return ctx.db.execute("SELECT from_code, to_code FROM tier_changes WHERE member_id = ? ORDER BY id",
                          [member_id]).fetchall()


def test_the_sale_that_crosses_a_threshold_upgrades_but_earns_at_the_old_tier(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 40000, "T1")
    crossing = post_sale(ctx, member.card, 20000, "T2")
    assert crossing.entry.points == 200 and crossing.previous_tier.code == "bronze"
    assert crossing.tier.code == "silver" and crossing.tier_changed
    assert post_sale(ctx, member.card, 10000, "T3").entry.points == 125
    assert tier_changes(ctx, member.id) == [(None, "bronze"), ("bronze", "silver")]


def test_straight_to_gold_and_progress_to_the_next_tier(ctx, enrol):
    member = enrol()
    assert post_sale(ctx, member.card, 160000).tier.code == "gold"
    progress = tier_progress(ctx, member_by_id(ctx, member.id))
    assert progress.next_tier is None and progress.missing_cents == 0
    other = enrol("Other")
    post_sale(ctx, other.card, 38000)
    progress = tier_progress(ctx, member_by_id(ctx, other.id))
    assert progress.next_tier.code == "silver" and progress.missing_cents == 12000


def test_refunds_reduce_qualifying_spend(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 45000, "T1")
    refund_sale(ctx, member.card, 5000, "T1")
    assert post_sale(ctx, member.card, 9000, "T2").tier.code == "bronze"  # 400 + 90 < 500
    assert post_sale(ctx, member.card, 1000, "T3").tier.code == "silver"


def test_downgrade_after_the_grace_period_when_the_window_no_longer_supports_the_tier(ctx, enrol, clock):
    member = enrol()
    post_sale(ctx, member.card, 60000, "T1")
    left_the_window = local_date(clock.now() + timedelta(days=365), ctx.programme().timezone)
    clock.advance(days=364)
    assert run_daily(ctx).grace_started == 0
    clock.advance(days=2)  # the sale left the 365-day window yesterday: the grace counts from then
    result = run_daily(ctx)
    assert result.grace_started == 1 and result.downgraded == 0
    assert member_by_id(ctx, member.id).tier_grace_until == (left_the_window + timedelta(days=30)).isoformat()
    clock.advance(days=28)
    assert run_daily(ctx).downgraded == 0 and member_by_id(ctx, member.id).tier_code == "silver"
    clock.advance(days=1)
    assert run_daily(ctx).downgraded == 1
    after = member_by_id(ctx, member.id)
    assert after.tier_code == "bronze" and after.tier_grace_until is None
    assert tier_changes(ctx, member.id)[-1] == ("silver", "bronze")
    moment = ctx.db.execute("SELECT changed_at, reason FROM tier_changes ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(moment) == (to_iso(local_midnight_utc(left_the_window + timedelta(days=30), "Europe/Madrid")),
                             "qualifying spend below threshold after grace")


def test_the_grace_period_does_not_wait_for_the_days_the_daily_job_did_not_run(ctx, enrol, clock):
    """A shop closed for weeks: its first daily job finds the grace period over, as a counter that
    ran every day (or another till of the chain) found it."""
    member = enrol()
    post_sale(ctx, member.card, 60000, "T1")
    clock.advance(days=365 + 31)
    result = run_daily(ctx)
    assert result.downgraded == 1 and member_by_id(ctx, member.id).tier_code == "bronze"


def test_a_refund_below_the_tier_starts_the_grace_period_at_once(ctx, enrol, clock):
    member = enrol()
    post_sale(ctx, member.card, 60000, "T1")
    refund_sale(ctx, member.card, 20000, "T1")
    today = local_date(clock.now(), ctx.programme().timezone)
    held = member_by_id(ctx, member.id)
    assert (held.tier_code, held.tier_grace_until) == ("silver", (today + timedelta(days=30)).isoformat())
    assert run_daily(ctx).grace_started == 0       # already started


def test_a_sale_during_grace_that_restores_the_spend_lifts_the_downgrade(ctx, enrol, clock):
    member = enrol()
    post_sale(ctx, member.card, 60000, "T1")
    clock.advance(days=370)
    run_daily(ctx)
    post_sale(ctx, member.card, 50000, "T2")
    assert member_by_id(ctx, member.id).tier_grace_until is None
    clock.advance(days=40)
    run_daily(ctx)
    assert member_by_id(ctx, member.id).tier_code == "silver"


def test_expire_posts_once_however_often_it_runs(ctx, enrol, clock):
    member = enrol()
    post_sale(ctx, member.card, 4000, "T1")  # March 2026: valid until 2027-03-31
    clock.advance(days=385)  # 2027-03-30
    assert members_with_expiring_points(ctx, 30)[0][2] == 40
    assert run_daily(ctx).expired_points == 0
    clock.advance(days=2)  # 2027-04-01
    first = run_daily(ctx)
    assert (first.expired_entries, first.expired_points) == (1, 40)
    assert run_daily(ctx).expired_points == 0
    clock.advance(days=1)
    assert run_daily(ctx).expired_points == 0
    assert member_by_id(ctx, member.id).balance == 0 and verify(ctx) == []


def test_tier_ladder_is_configurable_and_must_rise(ctx):
    with write_transaction(ctx.db):
        update_tier(ctx.db, "silver", min_spend_cents=40000, multiplier="1.3")
    assert [(t.code, t.min_spend_cents, t.multiplier) for t in load_tiers(ctx.db)][1] == ("silver", 40000, "1.3")
    with pytest.raises(ValidationError, match="more spend"):
        with write_transaction(ctx.db):
            update_tier(ctx.db, "gold", min_spend_cents=30000)
    with pytest.raises(ValidationError, match="multiplier"):
        with write_transaction(ctx.db):
            update_tier(ctx.db, "gold", multiplier="1e3")


def test_double_points_on_tuesdays_in_march(ctx, enrol, clock):
    campaign = add_campaign(ctx, "Martes dobles", "2", "2026-03-01", "2026-03-31", "mar")
    assert campaign.weekdays == "2"
    assert campaign_for_day(ctx, date(2026, 3, 10)).id == campaign.id  # Tuesday
    assert campaign_for_day(ctx, date(2026, 3, 11)) is None  # Wednesday
    assert campaign_for_day(ctx, date(2026, 4, 7)) is None  # a Tuesday in April
    member = enrol()
    sale = post_sale(ctx, member.card, 1000)  # the fixture clock is Tuesday 10 March
    assert sale.earning.campaign_bonus == 10 and sale.entry.campaign_id == campaign.id
    set_campaign_active(ctx, campaign.id, False)
    assert post_sale(ctx, member.card, 1000).entry.points == 10


def test_campaigns_do_not_stack_the_highest_wins(ctx):
    add_campaign(ctx, "x2", "2", "2026-03-01", "2026-03-31")
    best = add_campaign(ctx, "x3", "3", "2026-03-10", "2026-03-10")
    assert campaign_for_day(ctx, date(2026, 3, 10)).id == best.id


@pytest.mark.parametrize("text, expected", [("mar,jue", "2,4"), ("tue, thu", "2,4"), ("1,7", "1,7"), ("", "")])
def test_weekdays_in_spanish_english_or_numbers(text, expected):
    assert parse_weekdays(text) == expected


@pytest.mark.parametrize("args, field", [
    (("", "2", "2026-03-01", "2026-03-31"), "name"), (("x", "0", "2026-03-01", "2026-03-31"), "multiplier"),
    (("x", "2", "2026-03-31", "2026-03-01"), "ends_on"), (("x", "2", "31/02/2026", "2026-03-01"), "starts_on"),
])
def test_bad_campaigns_are_refused(ctx, args, field):
    with pytest.raises(ValidationError) as caught:
        add_campaign(ctx, *args)
    assert caught.value.field == field


def test_editing_a_campaign_or_reward_validates_like_adding(ctx):
    from loyalty.common.errors import ValidationError
    from loyalty.programme.campaigns import add_campaign, campaign_by_id, update_campaign
    from loyalty.programme.rewards import add_reward, reward_by_id, update_reward

    campaign = add_campaign(ctx, "Marzo", "2", "2026-03-01", "2026-03-31")
    assert update_campaign(ctx, campaign.id, "Marzo x3", "3", "2026-03-01", "2026-03-31", "tue").weekdays == "2"
    with pytest.raises(ValidationError, match="ends_on"):
        update_campaign(ctx, campaign.id, "Marzo", "2", "2026-04-01", "2026-03-31")
    assert campaign_by_id(ctx, campaign.id).multiplier == "3"
    reward = add_reward(ctx, "Café", 300)
    assert update_reward(ctx, reward.id, "Café grande", 400, 10).points_cost == 400
    with pytest.raises(ValidationError, match="stock"):
        update_reward(ctx, reward.id, "Café", 400, -1)
    assert reward_by_id(ctx, reward.id).name == "Café grande"


@pytest.mark.parametrize("name, value, stored", [
    ("scan_min_length", "10", 10), ("scan_prefix", "#", "#"), ("scan_prefix", "", ""),
])
def test_scanner_settings_are_stored(ctx, name, value, stored):
    from loyalty.programme.rules import load_programme, save_settings
    with write_transaction(ctx.db):
        save_settings(ctx.db, {name: value})
    assert getattr(load_programme(ctx.db), name) == stored


@pytest.mark.parametrize("name, value", [
    ("scan_min_length", "3"), ("scan_min_length", "40"), ("scan_prefix", "7"), ("scan_prefix", "##"),
])
def test_bad_scanner_settings_are_refused_and_nothing_is_written(ctx, name, value):
    from loyalty.programme.rules import load_programme, save_settings
    before = load_programme(ctx.db)
    with pytest.raises(ValidationError) as caught:
        with write_transaction(ctx.db):
            save_settings(ctx.db, {"shop_name": "Otra", name: value})
    assert caught.value.field == name
    assert load_programme(ctx.db) == before
