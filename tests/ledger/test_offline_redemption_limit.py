"""Offline spending is bounded (docs/sync.md, issue 22): a counter joined to a hub that has not
reached it for longer than `offline_after_minutes` lets a member redeem at most
`offline_redeem_points` a day there, and says why; in touch again, or on its own, no limit."""

from datetime import timedelta

import pytest
from hub_helpers import linked_without_a_hub

from loyalty.common.errors import ValidationError
from loyalty.common.messages import translated, use_language
from loyalty.ledger.redemptions import redeem_points, redeem_reward
from loyalty.ledger.sales import post_sale
from loyalty.programme.rewards import add_reward

joined = linked_without_a_hub


@pytest.fixture
def ana(ctx, enrol):
    member = enrol("Ana García")
    post_sale(ctx, member.card, 500_000, "T-1")        # 5,000 points
    return member


def test_a_counter_out_of_touch_lets_a_member_redeem_a_days_limit(ctx, ana, clock, settings):
    settings(offline_redeem_points=1_000, offline_after_minutes=60)
    joined(ctx, clock.now() - timedelta(hours=2))
    redeem_points(ctx, ana.card, 600)
    with pytest.raises(ValidationError, match="at most 1000 points a day here \\(600 already today\\)") as refused:
        redeem_points(ctx, ana.card, 500)
    assert refused.value.field == "points"
    redeem_points(ctx, ana.card, 400)                  # up to the limit exactly
    assert ctx.db.execute("SELECT COUNT(*) FROM entries WHERE kind = 'redeem'").fetchone()[0] == 2
    clock.advance(days=1)
    redeem_points(ctx, ana.card, 1_000), "a new day, a new limit"


def test_rewards_count_against_the_limit_too(ctx, ana, clock, settings):
    settings(offline_redeem_points=1_000)
    joined(ctx, None)                                  # joined, never reached the hub since
    reward = add_reward(ctx, "Mug", 800)
    redeem_reward(ctx, ana.card, reward.id)
    with pytest.raises(ValidationError, match="since it joined"):
        redeem_points(ctx, ana.card, 300)


def test_in_touch_with_the_hub_or_on_its_own_a_counter_has_no_such_limit(ctx, ana, clock, settings):
    settings(offline_redeem_points=100)
    redeem_points(ctx, ana.card, 2_000)                # on its own
    joined(ctx, clock.now() - timedelta(minutes=5))
    redeem_points(ctx, ana.card, 2_000)                # reached five minutes ago


def test_the_cashier_reads_why_in_spanish(ctx, ana, clock, settings):
    settings(offline_redeem_points=1_000)
    joined(ctx, clock.now() - timedelta(days=2))
    with pytest.raises(ValidationError) as refused:
        redeem_points(ctx, ana.card, 1_500)
    use_language("es")
    try:
        text = translated(refused.value.message)
    finally:
        use_language("en")
    assert text.startswith("puntos: esta caja no conecta con el concentrador desde el 08/03/2026 13:00")
    assert "como mucho 1000 puntos al día aquí (0 ya hoy)" in text
