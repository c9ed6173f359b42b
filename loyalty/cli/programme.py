"""`loyalty reward`, `tier` and `campaign`: what the programme offers."""

from dataclasses import asdict

from ..programme import campaigns, rewards
from ..programme import rules as programme
from ..programme.money import parse_shop_amount
from ..programme.settings import change_tier
from ..retention.campaign_results import campaign_results
from .shared import plain_money


def add_commands(sub) -> None:
    reward = sub.add_parser("reward").add_subparsers(dest="action", required=True)
    reward_add = reward.add_parser("add")
    reward_add.add_argument("name")
    reward_add.add_argument("points", type=int)
    reward_add.add_argument("--stock", type=int)
    reward.add_parser("list")
    reward_off = reward.add_parser("deactivate")
    reward_off.add_argument("id", type=int)

    tier = sub.add_parser("tier").add_subparsers(dest="action", required=True)
    tier.add_parser("list")
    tier_set = tier.add_parser("set")
    tier_set.add_argument("code")
    tier_set.add_argument("--min-spend")
    tier_set.add_argument("--multiplier")
    tier_set.add_argument("--name")
    tier_set.add_argument("--colour")

    campaign = sub.add_parser("campaign").add_subparsers(dest="action", required=True)
    campaign_add = campaign.add_parser("add")
    campaign_add.add_argument("name")
    campaign_add.add_argument("--multiplier", required=True)
    campaign_add.add_argument("--from", dest="starts_on", required=True)
    campaign_add.add_argument("--to", dest="ends_on", required=True)
    campaign_add.add_argument("--weekdays", help="e.g. tue,thu or mar,jue")
    campaign.add_parser("list")
    results = campaign.add_parser("results", help="targeted, buyers, conversion, extra visits, cost")
    results.add_argument("id", type=int)
    results.add_argument("--segment", nargs="+", metavar=("NAME", "VALUE"),
                         help="only the targeted members in this segment (as it stands today)")
    campaign_off = campaign.add_parser("deactivate")
    campaign_off.add_argument("id", type=int)


def cmd_reward_add(ctx, args):
    reward = rewards.add_reward(ctx, args.name, args.points, args.stock)
    return asdict(reward), f"Reward {reward.id}: {reward.name} for {reward.points_cost} points"


def cmd_reward_list(ctx, args):
    items = rewards.list_rewards(ctx)
    text = "\n".join(f"{r.id:>4}  {r.name:<30} {r.points_cost:>7} pts  stock {r.stock if r.stock is not None else '∞'}"
                     f"{'' if r.active else '  (inactive)'}" for r in items)
    return {"rewards": [asdict(r) for r in items]}, text or "No rewards yet."


def cmd_reward_deactivate(ctx, args):
    reward = rewards.set_reward_active(ctx, args.id, False)
    return asdict(reward), f"Reward {reward.id} deactivated"


def cmd_tier_list(ctx, args):
    items = programme.load_tiers(ctx.db)
    text = "\n".join(f"{t.code:<8} {t.name:<10} from {plain_money(ctx, t.min_spend_cents):>10}  ×{t.multiplier}" for t in items)
    return {"tiers": [asdict(t) for t in items]}, text


def cmd_tier_set(ctx, args):
    tier = change_tier(ctx, args.code, _amount_or_zero(ctx, args.min_spend), args.multiplier, args.name, args.colour)
    return asdict(tier), f"{tier.name}: from {plain_money(ctx, tier.min_spend_cents)}, ×{tier.multiplier}"


def _amount_or_zero(ctx, text):
    if text is None:
        return None
    return parse_shop_amount(ctx.programme(), text, field="min_spend", allow_zero=True)


def cmd_campaign_add(ctx, args):
    campaign = campaigns.add_campaign(ctx, args.name, args.multiplier, args.starts_on, args.ends_on, args.weekdays)
    return asdict(campaign), f"Campaign {campaign.id}: {campaign.name} ×{campaign.multiplier}"


def cmd_campaign_list(ctx, args):
    items = campaigns.list_campaigns(ctx)
    text = "\n".join(f"{c.id:>4}  {c.name:<30} ×{c.multiplier:<5} {c.starts_on}..{c.ends_on} "
                     f"days {c.weekdays or 'all'}{'' if c.active else '  (inactive)'}" for c in items)
    return {"campaigns": [asdict(c) for c in items]}, text or "No campaigns yet."


def cmd_campaign_results(ctx, args):
    segment, value = (args.segment + [None])[:2] if args.segment else (None, None)
    result = campaign_results(ctx, args.id, segment, value)
    tenths = round(result.conversion_rate * 10)   # exact to one decimal, no float
    text = (f"{result.name} ({result.starts_on}..{result.ends_on}): {result.buyers} of {result.targeted} targeted "
            f"members bought ({tenths // 10}.{tenths % 10} %), {result.extra_visits:+d} visits against the "
            f"days before; cost {plain_money(ctx, result.cost_cents)} in {result.bonus_points} bonus points, "
            f"{plain_money(ctx, result.cost_per_converted_cents)} per converted member")
    return {**asdict(result), "conversion_rate": str(result.conversion_rate)}, text


def cmd_campaign_deactivate(ctx, args):
    campaign = campaigns.set_campaign_active(ctx, args.id, False)
    return asdict(campaign), f"Campaign {campaign.id} deactivated"


HANDLERS = {
    "reward add": cmd_reward_add,
    "reward list": cmd_reward_list,
    "reward deactivate": cmd_reward_deactivate,
    "tier list": cmd_tier_list,
    "tier set": cmd_tier_set,
    "campaign add": cmd_campaign_add,
    "campaign list": cmd_campaign_list,
    "campaign results": cmd_campaign_results,
    "campaign deactivate": cmd_campaign_deactivate,
}
