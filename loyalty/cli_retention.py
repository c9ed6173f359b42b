"""The CLI's retention commands: segments and their consent-only contact lists, a member's
purchase profile and RFM scores."""

from dataclasses import asdict

from .cli_files import output_file
from .members import member_by_card
from .profiles import purchase_profile
from .rfm import rfm_scores
from .segments import FILTERS, segment_ids, segment_members, write_contact_list


def add_commands(sub) -> None:
    segment = sub.add_parser("segment", help="members of a segment; --contacts writes those who agreed to "
                                             "marketing contact (only they)")
    segment.add_argument("name", choices=sorted(FILTERS))
    segment.add_argument("value", nargs="?", help="the segment's N days, amount (minor units), tier or RFM name")
    segment.add_argument("--contacts", metavar="FILE", help="CSV contact list: consenting members only")
    segment.add_argument("--limit", type=int, default=50, help="members listed (the count is always whole)")
    profile = sub.add_parser("profile", help="a member's purchase profile and RFM scores")
    profile.add_argument("card")


def cmd_segment(ctx, args):
    target = args.contacts and output_file(args.contacts, "contacts")
    ids = segment_ids(ctx, args.name, args.value)
    shown = segment_members(ctx, ids[:max(args.limit, 0)])
    data = {"segment": args.name, "value": args.value, "count": len(ids), "members": [asdict(m) for m in shown]}
    text = f"{len(ids)} members in {args.name}{' ' + args.value if args.value else ''}"
    text += "".join(f"\n  {m.card}  {m.name}" for m in shown)
    if target:
        data["contacts_written"] = write_contact_list(ctx, ids, target)
        text += f"\n{data['contacts_written']} with marketing consent written to {target}"
    return data, text


def cmd_profile(ctx, args):
    member = member_by_card(ctx, args.card, allow_blocked=True)
    profile = purchase_profile(ctx, member.id)
    score = rfm_scores(ctx).get(member.id)
    data = {**asdict(profile), "rfm": asdict(score) if score else None}
    text = (f"{member.name}: {profile.visits} visits, {profile.total_cents} spent (average "
            f"{profile.average_ticket_cents}), last {profile.last_visit or 'never'}"
            + (f"; usually every {profile.usual_interval_days} days" if profile.usual_interval_days else "")
            + (f"; RFM {score.r}{score.f}{score.m} ({score.segment})" if score else ""))
    return data, text


HANDLERS = {"segment": cmd_segment, "profile": cmd_profile}
