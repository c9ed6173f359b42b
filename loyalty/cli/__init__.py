"""`loyalty COMMAND` (also `python main.py COMMAND`): the headless face of the
domain, for owners' scripts, scheduled tasks and tests. It calls the same
functions as the GUI. Exit status: 0 done, 2 bad input or card, 1 other failure."""

import argparse
import json
import os
import sys
import traceback
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..common.clock import FixedClock
from ..common.errors import LoyaltyError, StorageError, ValidationError
from ..common.messages import t
from ..common.notes import VOID
from ..common.paths import default_database_path
from ..exchange import privacy
from ..ledger import corrections, daily, enrolment, redemptions, sales, tiers
from ..ledger import entries as ledger
from ..ledger.lookup import lookup_card
from ..operations.daily_job import run_daily_job
from ..operations.verify import verify
from ..people import members
from ..programme import campaigns, rewards
from ..programme import rules as programme
from ..programme.money import parse_shop_amount, plain_amount
from ..programme.settings import change_settings, change_tier
from ..programme.shop import open_shop
from ..retention.campaign_results import campaign_results
from . import backups as cli_backups
from . import imports as cli_imports
from . import printing as cli_printing
from . import reports as cli_reports
from . import retention as cli_retention
from . import staff as cli_staff
from .files import output_file


class CommandLineError(ValidationError):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but its complaints become one line with exit status 2 like every other user error."""

    def error(self, message):
        raise CommandLineError(t("command line: {message} (see --help)", message=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="loyalty", description="Loyalty points for a retail counter (offline, local database).")
    parser.add_argument("--db", help="database file (default: the user data folder, or $LOYALTY_DB)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--now", help="use this ISO date-time as the current time (replays); no offset = shop time")
    parser.add_argument("--staff", default=os.environ.get("LOYALTY_STAFF"),
                        help="sign in as this staff member (or $LOYALTY_STAFF); the PIN from --pin, $LOYALTY_PIN "
                             "or a prompt")
    parser.add_argument("--approved-by", metavar="NAME",
                        help="a manager or owner approving this one command (PIN from $LOYALTY_APPROVER_PIN or a "
                             "prompt)")
    parser.add_argument("--pin", help="the staff member's PIN or password (visible to other users of this PC: "
                                      "prefer $LOYALTY_PIN or the prompt)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    init = sub.add_parser("init", help="create the database with the default programme")
    init.add_argument("--shop-name")
    sub.add_parser("demo", help="fill an empty shop with demo members, sales, rewards and a campaign")

    member = sub.add_parser("member", help="enrol, show, find, re-issue, block").add_subparsers(dest="action", required=True)
    add = member.add_parser("add", help="enrol a member; prints the new card number")
    add.add_argument("--name", required=True)
    add.add_argument("--phone")
    add.add_argument("--email")
    add.add_argument("--birthday", help="YYYY-MM-DD or DD/MM/YYYY")
    add.add_argument("--consent", action="store_true", help="the member agrees to marketing contact")
    add.add_argument("--profiling-consent", action="store_true",
                     help="the member agrees to offers tailored to their purchases")
    add.add_argument("--referrer", metavar="CARD")
    for name in ("show", "reissue", "block", "unblock"):
        cmd = member.add_parser(name)
        cmd.add_argument("card")
        if name in ("block", "unblock"):
            cmd.add_argument("--reason", default="")
    export = member.add_parser("export", help="everything held about a member (their data-access request)")
    export.add_argument("card")
    export.add_argument("--json-file", metavar="FILE")
    export.add_argument("--pdf", metavar="FILE")
    erase = member.add_parser("erase", help="anonymise a member for good on their request (owner)")
    erase.add_argument("card")
    erase.add_argument("--reason", required=True)
    find = member.add_parser("find", help="search by name, phone or card")
    find.add_argument("text")
    find.add_argument("--limit", type=int, default=20)

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

    settings = sub.add_parser("settings").add_subparsers(dest="action", required=True)
    settings.add_parser("show")
    settings_set = settings.add_parser("set")
    settings_set.add_argument("key", choices=programme.SETTING_NAMES)
    settings_set.add_argument("value")

    sub.add_parser("verify", help="recompute balances and lots from the ledger; exit 1 if anything disagrees")
    cli_printing.add_commands(sub)
    cli_reports.add_commands(sub)
    cli_backups.add_commands(sub)
    cli_imports.add_commands(sub)
    cli_staff.add_commands(sub)
    cli_retention.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        result, text = run(args)
    except LoyaltyError as error:
        print(f"error: {one_line(error.message)}", file=sys.stderr)
        return error.exit_code
    except SystemExit as done:  # --help
        return int(done.code or 0)
    except Exception as error:  # a bug, not a user mistake
        print(f"internal error: {error.__class__.__name__}: {error} (set LOYALTY_DEBUG=1 for details)", file=sys.stderr)
        if os.environ.get("LOYALTY_DEBUG"):
            traceback.print_exc()
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        print(text)
    return 1 if result.get("problems") else 0


def one_line(message: str) -> str:
    """Errors quote what was typed; control characters in it (a pasted CR, a tab) are shown
    escaped, so the error stays one readable line."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


def run(args) -> tuple[dict, str]:
    path = Path(args.db or default_database_path())
    try:
        ctx = cli_staff.signed_in(open_shop(path, staff_id=args.staff or "owner"), args)
    except StorageError:
        if args.command == "restore" and path.exists():   # a database that cannot be opened can still be replaced
            return cli_backups.restore_over_damaged(path, args.file, args.other_shop)
        raise
    if args.now:
        ctx.clock = FixedClock(_parse_now(args.now, ctx.programme().timezone))
    handler = HANDLERS[args.command if not getattr(args, "action", None) else f"{args.command} {args.action}"]
    return handler(ctx, args)


def _parse_now(text: str, tz_name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(t("--now: '{text}' is not an ISO date-time such as 2026-03-01T10:30",
                                text=text), "now") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(tz_name))


def _amount(ctx, text: str) -> int:
    return parse_shop_amount(ctx.programme(), text)


def _money(ctx, minor: int) -> str:
    return plain_amount(minor, ctx.programme().currency_decimals)


def _state(ctx, card: str) -> dict:
    """The keys every member-changing command reports: card, balance, tier as they stand now."""
    member = members.member_by_card(ctx, card, allow_blocked=True)
    return {"card": member.card, "balance": member.balance, "tier": member.tier_code}


def cmd_init(ctx, args):
    if args.shop_name:
        change_settings(ctx, {"shop_name": args.shop_name})
    from ..storage import SCHEMA_VERSION

    path = ctx.db.conn.execute("PRAGMA database_list").fetchone()[2]
    return {"database": path, "schema": SCHEMA_VERSION, "shop_name": ctx.programme().shop_name}, f"Database ready: {path}"


def cmd_demo(ctx, args):
    from ..operations.demo import load_demo_data

    count = load_demo_data(ctx)
    return {"members": count}, f"Demo data loaded: {count} members with six months of sales."


def cmd_member_add(ctx, args):
    member = enrolment.enrol_member(ctx, members.NewMember(
        args.name, args.phone, args.email, args.birthday, marketing_consent=args.consent,
        profiling_consent=args.profiling_consent, referrer_card=args.referrer))
    return {**_state(ctx, member.card), "name": member.name}, member.card


def cmd_member_show(ctx, args):
    found = lookup_card(ctx, args.card)
    member = found.member
    progress = tiers.tier_progress(ctx, member)
    info = {
        **_state(ctx, member.card), "name": member.name, "phone": member.phone, "email": member.email,
        "birthday": member.birthday, "marketing_consent": member.marketing_consent, "marketing_consent_at": member.marketing_consent_at,
        "profiling_consent": member.profiling_consent, "profiling_consent_at": member.profiling_consent_at,
        "joined_at": member.joined_at, "status": member.status, "balance_value": _money(ctx, found.balance_value_cents),
        "qualifying_spend": _money(ctx, progress.qualifying_spend_cents),
        "next_tier": progress.next_tier.code if progress.next_tier else None,
        "missing_for_next_tier": _money(ctx, progress.missing_cents),
        "expiring_points_30_days": found.expiring_points, "expiring_on": found.expiring_on,
        "tier_grace_until": member.tier_grace_until,
    }
    lines = [f"{member.name}  card {member.card}  ({member.status})", f"Tier: {found.tier.name}",
             f"Balance: {member.balance} points (worth {info['balance_value']})",
             f"Qualifying spend (last {ctx.programme().tier_window_days} days): {info['qualifying_spend']}"]
    if progress.next_tier:
        lines.append(f"{info['missing_for_next_tier']} more for {progress.next_tier.name}")
    if found.expiring_points:
        lines.append(f"{found.expiring_points} points expire by {found.expiring_on}")
    return info, "\n".join(lines)


def cmd_member_find(ctx, args):
    found = members.search_members(ctx, args.text, args.limit)
    rows = [{"card": m.card, "name": m.name, "phone": m.phone, "balance": m.balance, "tier": m.tier_code} for m in found]
    text = "\n".join(f"{r['card']}  {r['name']:<40} {r['phone'] or '':<14} {r['balance']:>8}  {r['tier']}" for r in rows)
    return {"members": rows}, text or "No member found."


def cmd_member_reissue(ctx, args):
    member = members.reissue_card(ctx, args.card)
    return {**_state(ctx, member.card), "old_card": args.card}, f"New card {member.card} (old card {args.card} now refused)"


def cmd_member_block(ctx, args, blocked=True):
    member = members.set_blocked(ctx, args.card, blocked, args.reason)
    return {**_state(ctx, member.card), "status": member.status}, f"Card {member.card}: {member.status}"


def cmd_member_export(ctx, args):
    if not (args.json_file or args.pdf):
        raise ValidationError(t("file: give --json-file FILE, --pdf FILE or both"), "file")
    member = members.member_by_card(ctx, args.card, allow_blocked=True)
    written = []
    if args.json_file:
        written.append(str(privacy.export_member_json(ctx, member.id, output_file(args.json_file, "json_file"))))
    if args.pdf:
        written.append(str(privacy.export_member_pdf(ctx, member.id, output_file(args.pdf, "pdf"))))
    return {"files": written}, "Written: " + ", ".join(written)


def cmd_member_erase(ctx, args):
    member = members.member_by_card(ctx, args.card, allow_blocked=True)
    privacy.erase_member(ctx, member.id, args.reason)
    return {"member": member.id, "erased": True}, f"Member {member.id}'s personal data erased; amounts kept"


def cmd_sale(ctx, args):
    result = sales.post_sale(ctx, args.card, _amount(ctx, args.amount), args.ref)
    data = {**_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid,
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
    result = sales.refund_sale(ctx, args.card, _amount(ctx, args.amount), args.ref, args.refund_ref)
    data = {**_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid,
            "already_recorded": result.already_recorded}
    return data, f"{result.entry.points} points (refund of receipt {args.ref}) · balance {result.balance}"


def cmd_redeem(ctx, args):
    if args.reward is not None:
        result = redemptions.redeem_reward(ctx, args.card, args.reward)
        what = result.reward.name
    else:
        result = redemptions.redeem_points(ctx, args.card, args.points)
        what = f"discount of {_money(ctx, result.value_cents)}"
    data = {**_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid,
            "value": _money(ctx, result.value_cents)}
    return data, f"{result.entry.points} points for {what} · balance {result.balance}"


def cmd_adjust(ctx, args):
    result = corrections.adjust_points(ctx, args.card, args.points, args.reason)
    return ({**_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid},
            f"{result.entry.points:+d} points · balance {result.balance}")


def cmd_bonus(ctx, args):
    result = corrections.grant_bonus(ctx, args.card, args.points, args.reason)
    return ({**_state(ctx, args.card), "points": result.entry.points, "entry_id": result.entry.uuid},
            f"+{result.entry.points} bonus points · balance {result.balance}")


def cmd_reverse(ctx, args):
    result = corrections.reverse_entry(ctx, args.entry, args.reason)
    card = members.member_by_id(ctx, result.entry.member_id).card
    return ({**_state(ctx, card), "points": result.entry.points, "entry_id": result.entry.uuid,
             "reverses": result.original.uuid, "already_recorded": result.already_recorded},
            (f"Entry {result.original.id} was already reversed (entry {result.entry.id}): nothing changed · "
             f"balance {result.balance}" if result.already_recorded else
             f"Reversed entry {result.original.id}: {result.entry.points:+d} points · balance {result.balance}"))


def cmd_balance(ctx, args):
    found = lookup_card(ctx, args.card)
    data = {**_state(ctx, args.card), "value": _money(ctx, found.balance_value_cents),
            "expiring_points": found.expiring_points, "expiring_on": found.expiring_on}
    return data, f"{found.member.name}: {found.balance} points (worth {data['value']}) · {found.tier.name}"


def cmd_history(ctx, args):
    member = members.member_by_card(ctx, args.card, allow_blocked=True)
    entries = ledger.history(ctx, member.id, args.limit)
    rows = [{k: v for k, v in asdict(e).items() if k not in ("detail",)} for e in entries]
    text = "\n".join(f"{e.created_at[:19]}  {e.kind:<8} {e.points:>+7}  {e.receipt_ref or e.reason or ''}" for e in entries)
    return {**_state(ctx, member.card), "entries": rows}, text or "No entries yet."


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
    text = "\n".join(f"{t.code:<8} {t.name:<10} from {_money(ctx, t.min_spend_cents):>10}  ×{t.multiplier}" for t in items)
    return {"tiers": [asdict(t) for t in items]}, text


def cmd_tier_set(ctx, args):
    tier = change_tier(ctx, args.code, _amount_or_zero(ctx, args.min_spend), args.multiplier, args.name, args.colour)
    return asdict(tier), f"{tier.name}: from {_money(ctx, tier.min_spend_cents)}, ×{tier.multiplier}"


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
            f"days before; cost {_money(ctx, result.cost_cents)} in {result.bonus_points} bonus points, "
            f"{_money(ctx, result.cost_per_converted_cents)} per converted member")
    return {**asdict(result), "conversion_rate": str(result.conversion_rate)}, text


def cmd_campaign_deactivate(ctx, args):
    campaign = campaigns.set_campaign_active(ctx, args.id, False)
    return asdict(campaign), f"Campaign {campaign.id} deactivated"


def cmd_settings_show(ctx, args):
    settings = asdict(ctx.programme())
    return settings, "\n".join(f"{key} = {value}" for key, value in settings.items())


def cmd_settings_set(ctx, args):
    before, ladder_before = asdict(ctx.programme()), programme.load_tiers(ctx.db)
    updated = change_settings(ctx, {args.key: args.value})
    lines = [f"{args.key} = {getattr(updated, args.key)}"]
    # A new currency brings others along (loyalty/programme/settings.py): say which, never silently.
    followed = [f"{name} = {value}" for name, value in asdict(updated).items()
                if name != args.key and before[name] != value]
    followed += [f"tier {tier.code} from {_money(ctx, tier.min_spend_cents)}"
                 for old, tier in zip(ladder_before, programme.load_tiers(ctx.db)) if old != tier]
    if followed:
        lines.append(f"Also changed to fit {updated.currency}: " + ", ".join(followed))
    return asdict(updated), "\n".join(lines)


def cmd_verify(ctx, args):
    problems = verify(ctx)
    return {"problems": problems, "ok": not problems}, "\n".join(problems) or "Ledger verified: no problems."


HANDLERS = {
    "init": cmd_init, "demo": cmd_demo,
    "member add": cmd_member_add, "member show": cmd_member_show, "member find": cmd_member_find,
    "member reissue": cmd_member_reissue, "member export": cmd_member_export, "member erase": cmd_member_erase, "member block": cmd_member_block,
    "member unblock": lambda ctx, args: cmd_member_block(ctx, args, blocked=False),
    "sale": cmd_sale, "refund": cmd_refund, "redeem": cmd_redeem, "adjust": cmd_adjust, "bonus": cmd_bonus,
    "reverse": cmd_reverse, "balance": cmd_balance, "history": cmd_history, "expire": cmd_expire,
    "expiring": cmd_expiring,
    "reward add": cmd_reward_add, "reward list": cmd_reward_list, "reward deactivate": cmd_reward_deactivate,
    "tier list": cmd_tier_list, "tier set": cmd_tier_set,
    "campaign add": cmd_campaign_add, "campaign list": cmd_campaign_list, "campaign results": cmd_campaign_results, "campaign deactivate": cmd_campaign_deactivate,
    "settings show": cmd_settings_show, "settings set": cmd_settings_set, "verify": cmd_verify,
    **cli_printing.HANDLERS,
    **cli_reports.HANDLERS,
    **cli_backups.HANDLERS,
    **cli_imports.HANDLERS,
    **cli_staff.HANDLERS,
    **cli_retention.HANDLERS,
}


if __name__ == "__main__":
    sys.exit(main())
