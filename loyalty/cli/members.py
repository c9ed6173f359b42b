"""`loyalty member add|show|find|reissue|block|unblock|export|erase|duplicates|merge|unmerge`:
members and their cards."""


from ..common.errors import ValidationError
from ..common.messages import t
from ..exchange import privacy
from ..ledger import enrolment, merges, tiers
from ..ledger.lookup import lookup_card
from ..people import duplicates, members
from ..reports.stores import member_stores
from .files import output_file
from .shared import member_state, plain_money


def add_commands(sub) -> None:
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
    member.add_parser("duplicates", help="members who may be one person: the same phone or e-mail")
    merge = member.add_parser("merge", help="merge a member into another: points, cards and history (owner)")
    merge.add_argument("keep", help="the card of the member to keep")
    merge.add_argument("other", help="the card of the member merged into it")
    unmerge = member.add_parser("unmerge", help="undo a merge: the member merged away is their own again, with "
                                                "the points that moved (owner)")
    unmerge.add_argument("card", help="the own card of the member who was merged into another")
    find = member.add_parser("find", help="search by name, phone or card")
    find.add_argument("text")
    find.add_argument("--limit", type=int, default=20)


def cmd_member_add(ctx, args):
    member = enrolment.enrol_member(ctx, members.NewMember(
        args.name, args.phone, args.email, args.birthday, marketing_consent=args.consent,
        profiling_consent=args.profiling_consent, referrer_card=args.referrer))
    return {**member_state(ctx, member.card), "name": member.name}, member.card


def cmd_member_show(ctx, args):
    found = lookup_card(ctx, args.card)
    member = found.member
    progress = tiers.tier_progress(ctx, member)
    info = {
        **member_state(ctx, member.card), "name": member.name, "phone": member.phone, "email": member.email,
        "birthday": member.birthday, "marketing_consent": member.marketing_consent, "marketing_consent_at": member.marketing_consent_at,
        "profiling_consent": member.profiling_consent, "profiling_consent_at": member.profiling_consent_at,
        "joined_at": member.joined_at, "status": member.status, "balance_value": plain_money(ctx, found.balance_value_cents),
        "qualifying_spend": plain_money(ctx, progress.qualifying_spend_cents),
        "next_tier": progress.next_tier.code if progress.next_tier else None,
        "missing_for_next_tier": plain_money(ctx, progress.missing_cents),
        "expiring_points_30_days": found.expiring_points, "expiring_on": found.expiring_on,
        "tier_grace_until": member.tier_grace_until, **member_stores(ctx, member.id),
    }
    lines = [f"{member.name}  card {member.card}  ({member.status})", f"Tier: {found.tier.name}",
             f"Balance: {member.balance} points (worth {info['balance_value']})",
             f"Qualifying spend (last {ctx.programme().tier_window_days} days): {info['qualifying_spend']}"]
    if progress.next_tier:
        lines.append(f"{info['missing_for_next_tier']} more for {progress.next_tier.name}")
    if found.expiring_points:
        lines.append(f"{found.expiring_points} points expire by {found.expiring_on}")
    if info["home_store"]:
        lines.append(f"Home store: {info['home_store']}; buys at: " + ", ".join(
            f"{row['store'] or '?'} ({row['sales']} sale{'' if row['sales'] == 1 else 's'})" for row in info["buys_at"]))
    return info, "\n".join(lines)


def cmd_member_find(ctx, args):
    found = members.search_members(ctx, args.text, args.limit)
    rows = [{"card": m.card, "name": m.name, "phone": m.phone, "balance": m.balance, "tier": m.tier_code} for m in found]
    text = "\n".join(f"{r['card']}  {r['name']:<40} {r['phone'] or '':<14} {r['balance']:>8}  {r['tier']}" for r in rows)
    return {"members": rows}, text or "No member found."


def cmd_member_reissue(ctx, args):
    member = members.reissue_card(ctx, args.card)
    return {**member_state(ctx, member.card), "old_card": args.card}, f"New card {member.card} (old card {args.card} now refused)"


def cmd_member_block(ctx, args, blocked=True):
    member = members.set_blocked(ctx, args.card, blocked, args.reason)
    return {**member_state(ctx, member.card), "status": member.status}, f"Card {member.card}: {member.status}"


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


def cmd_member_duplicates(ctx, args):
    pairs = duplicates.possible_duplicates(ctx)
    rows = [{"same": pair.same, "first": {"card": pair.first.card, "name": pair.first.name, "balance": pair.first.balance},
             "second": {"card": pair.second.card, "name": pair.second.name, "balance": pair.second.balance}}
            for pair in pairs]
    text = "\n".join(f"same {row['same']}: {row['first']['card']} {row['first']['name']} "
                      f"({row['first']['balance']} points) — {row['second']['card']} {row['second']['name']} "
                      f"({row['second']['balance']} points)" for row in rows)
    return {"possible_duplicates": rows}, text or "No possible duplicates."


def cmd_member_merge(ctx, args):
    done = merges.merge_members(ctx, args.keep, args.other)
    return ({**member_state(ctx, done.kept.card), "merged": done.absorbed.card, "moved_points": done.moved_points},
            f"Card {done.absorbed.card} merged into card {done.kept.card}: {done.moved_points} points moved; "
            f"balance {done.kept.balance}")


def cmd_member_unmerge(ctx, args):
    done = merges.undo_merge(ctx, args.card)
    return ({**member_state(ctx, done.absorbed.card), "parted_from": done.kept.card, "moved_points": done.moved_points},
            f"Card {done.absorbed.card} parted from card {done.kept.card}: {done.moved_points} points came back; "
            f"balance {done.absorbed.balance} (card {done.kept.card}: {done.kept.balance})")


def cmd_member_erase(ctx, args):
    member = members.member_by_card(ctx, args.card, allow_blocked=True)
    privacy.erase_member(ctx, member.id, args.reason)
    return {"member": member.id, "erased": True}, f"Member {member.id}'s personal data erased; amounts kept"


HANDLERS = {
    "member add": cmd_member_add,
    "member show": cmd_member_show,
    "member find": cmd_member_find,
    "member reissue": cmd_member_reissue,
    "member export": cmd_member_export,
    "member erase": cmd_member_erase,
    "member duplicates": cmd_member_duplicates,
    "member merge": cmd_member_merge,
    "member unmerge": cmd_member_unmerge,
    "member block": cmd_member_block,
    "member unblock": lambda ctx, args: cmd_member_block(ctx, args, blocked=False),
}
