"""`loyalty sale`, `refund`, `redeem`, `adjust`, `bonus`, `reverse`, `balance`, `history`, `expire`,
`expiring`: the ledger, one member at a time."""

from dataclasses import asdict

from ..common.notes import VOID
from ..ledger import corrections, daily
from ..ledger import entries as ledger
from ..ledger import redemptions, sales
from ..ledger.lookup import lookup_card
from ..operations.daily_job import run_daily_job
from ..people import members
from .shared import amount_typed, member_state, plain_money


def add_commands(sub) -> None:
    sale = sub.add_parser("sale", help="record a sale and earn points")
    sale.add_argument("card")
    sale.add_argument("amount")
    sale.add_argument("--ref", help="receipt reference (same member + ref = recorded once)")
    refund = sub.add_parser("refund", help="refund (part of) a sale: points back in proportion")
    refund.add_argument("card")
    refund.add_argument("amount")
    refund.add_argument("--ref", required=True, help="the original sale's receipt reference")
    refund.add_argument("--refund-ref", help="this refund's own reference (makes a retry safe)")
    redeem = sub.add_parser("redeem", help="spend points as a discount or on a reward")
    redeem.add_argument("card")
    how = redeem.add_mutually_exclusive_group(required=True)
    how.add_argument("--points", type=int)
    how.add_argument("--reward", type=int, metavar="ID")
    adjust = sub.add_parser("adjust", help="manual correction of points (+ or -)")
    adjust.add_argument("card")
    adjust.add_argument("points", type=int)
    adjust.add_argument("--reason", required=True)
    bonus = sub.add_parser("bonus", help="compensation bonus")
    bonus.add_argument("card")
    bonus.add_argument("points", type=int)
    bonus.add_argument("--reason", required=True)
    reverse = sub.add_parser("reverse", help="void an entry (by its id or uuid) with a linked reversal")
    reverse.add_argument("entry")
    reverse.add_argument("--reason", default=VOID)
    for name in ("balance", "history"):
        cmd = sub.add_parser(name)
        cmd.add_argument("card")
        if name == "history":
            cmd.add_argument("--limit", type=int, default=50)
    sub.add_parser("expire", help="daily job: expire old points, review tiers (safe to repeat)")
    expiring = sub.add_parser("expiring", help="members whose points expire within N days")
    expiring.add_argument("--days", type=int, default=30)


def cmd_sale(ctx, args):
    result = sales.post_sale(ctx, args.card, amount_typed(ctx, args.amount), args.ref)
    data = {**member_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid,
            "receipt_ref": result.entry.receipt_ref, "earning": result.earning._asdict(),
            "bonuses": [{"kind": b.bonus_kind, "points": b.points} for b in result.bonuses if b.member_id == result.entry.member_id],
            "tier_changed": result.tier_changed, "already_recorded": result.already_recorded}
    if result.already_recorded:
        return data, f"Already recorded (receipt {result.entry.receipt_ref}): nothing changed. Balance {result.balance}"
    text = f"+{result.entry.points} points (receipt {result.entry.receipt_ref}) · balance {result.balance}"
    if result.tier_changed:
        text += f" · now {result.tier.name}"
    return data, text


def cmd_refund(ctx, args):
    result = sales.refund_sale(ctx, args.card, amount_typed(ctx, args.amount), args.ref, args.refund_ref)
    data = {**member_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid,
            "already_recorded": result.already_recorded}
    return data, f"{result.entry.points} points (refund of receipt {args.ref}) · balance {result.balance}"


def cmd_redeem(ctx, args):
    if args.reward is not None:
        result = redemptions.redeem_reward(ctx, args.card, args.reward)
        what = result.reward.name
    else:
        result = redemptions.redeem_points(ctx, args.card, args.points)
        what = f"discount of {plain_money(ctx, result.value_cents)}"
    data = {**member_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid,
            "value": plain_money(ctx, result.value_cents)}
    return data, f"{result.entry.points} points for {what} · balance {result.balance}"


def cmd_adjust(ctx, args):
    result = corrections.adjust_points(ctx, args.card, args.points, args.reason)
    return ({**member_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid},
            f"{result.entry.points:+d} points · balance {result.balance}")


def cmd_bonus(ctx, args):
    result = corrections.grant_bonus(ctx, args.card, args.points, args.reason)
    return ({**member_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid},
            f"+{result.entry.points} bonus points · balance {result.balance}")


def cmd_reverse(ctx, args):
    result = corrections.reverse_entry(ctx, args.entry, args.reason)
    card = members.member_by_id(ctx, result.entry.member_id).card
    return ({**member_state(ctx, card), "points": result.entry.points, "entry_id": result.entry.uuid,
             "reverses": result.original.uuid, "already_recorded": result.already_recorded},
            (f"Entry {result.original.id} was already reversed (entry {result.entry.id}): nothing changed · "
             f"balance {result.balance}" if result.already_recorded else
             f"Reversed entry {result.original.id}: {result.entry.points:+d} points · balance {result.balance}"))


def cmd_balance(ctx, args):
    found = lookup_card(ctx, args.card)
    data = {**member_state(ctx, args.card), "value": plain_money(ctx, found.balance_value_cents),
            "expiring_points": found.expiring_points, "expiring_on": found.expiring_on}
    return data, f"{found.member.name}: {found.balance} points (worth {data['value']}) · {found.tier.name}"


def cmd_history(ctx, args):
    member = members.member_by_card(ctx, args.card, allow_blocked=True)
    entries = ledger.history(ctx, member.id, args.limit)
    rows = [{k: v for k, v in asdict(e).items() if k not in ("detail",)} for e in entries]
    text = "\n".join(f"{e.created_at[:19]}  {e.kind:<8} {e.points:>+7}  {e.receipt_ref or e.reason or ''}" for e in entries)
    return {**member_state(ctx, member.card), "entries": rows}, text or "No entries yet."


def cmd_expire(ctx, args):
    job = run_daily_job(ctx)
    result, prepared, backup = job.daily, job.report_prepared, job.backup
    return {**asdict(result), "backup": str(backup) if backup else None, "report_prepared": prepared,
            "followups_added": job.followups_added}, (
        f"Expired {result.expired_points} points in {result.expired_entries} entries; "
        f"{result.downgraded} tier downgrades, {result.grace_started} grace periods started; "
        f"report for {prepared} ready" + (f"; backup {backup}" if backup else "") + ".")


def cmd_expiring(ctx, args):
    rows = [{"card": c, "name": n, "points": p, "first_day": d} for c, n, p, d in daily.members_with_expiring_points(ctx, args.days)]
    total = sum(r["points"] for r in rows)
    text = "\n".join(f"{r['card']}  {r['name']:<40} {r['points']:>7}  by {r['first_day']}" for r in rows)
    return {"days": args.days, "members": rows, "points": total}, text or f"No points expire within {args.days} days."


HANDLERS = {
    "sale": cmd_sale,
    "refund": cmd_refund,
    "redeem": cmd_redeem,
    "adjust": cmd_adjust,
    "bonus": cmd_bonus,
    "reverse": cmd_reverse,
    "balance": cmd_balance,
    "history": cmd_history,
    "expire": cmd_expire,
    "expiring": cmd_expiring,
}
