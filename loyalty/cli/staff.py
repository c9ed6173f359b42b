"""The CLI's staff accounts, sign-in and audit trail.

Once a shop has staff accounts, every command that changes or reveals the shop's data runs
as a signed-in staff member: `--staff NAME` with the PIN or password from `--pin`, from
$LOYALTY_PIN, or typed at a prompt (not echoed). Before the first account exists the shop has
no access control (README: Staff and permissions)."""

import getpass
import os
import sys
from dataclasses import asdict

from ..common.errors import ValidationError
from ..common.messages import t
from ..people import staff
from ..programme.audit import audit_records, export_audit_csv
from .files import output_file


def add_commands(sub) -> None:
    accounts = sub.add_parser("staff", help="staff accounts: add, list, role, deactivate, pin")
    actions = accounts.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="a new account (the first one is the shop's owner)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=staff.ROLES)
    add.add_argument("--new-pin", help="their PIN (4-8 digits) or password; asked for when left out")
    actions.add_parser("list")
    role = actions.add_parser("role")
    role.add_argument("name")
    role.add_argument("role", choices=staff.ROLES)
    own = actions.add_parser("card", help="link a staff member's own loyalty card (for the fraud flags)")
    own.add_argument("name")
    own.add_argument("card", nargs="?", help="leave out to unlink")
    for name in ("deactivate", "activate"):
        actions.add_parser(name).add_argument("name")
    pin = actions.add_parser("pin", help="change a PIN (your own, or anyone's as the owner); unlocks the account")
    pin.add_argument("name")
    pin.add_argument("--new-pin")

    audit = sub.add_parser("audit", help="the audit trail: who changed what and when (owner)")
    audit.add_argument("--who", help="one staff member")
    audit.add_argument("--action", help="e.g. settings, member.edit, login")
    audit.add_argument("--since", help="UTC date or time, e.g. 2026-03-01")
    audit.add_argument("--until")
    audit.add_argument("--limit", type=int, default=200)
    audit.add_argument("--csv", metavar="FILE")


def signed_in(ctx, args):
    """The context the command runs as: unchanged for a shop without accounts, signed in when
    --staff is given, signed out otherwise (protected commands then say to sign in)."""
    if ctx.role or not args.staff:   # no accounts yet (whoever runs it is the owner), or nobody signing in
        return ctx
    secret = args.pin or os.environ.get("LOYALTY_PIN") or _ask(
        f"PIN or password for {args.staff}: ", t("pin: give --pin or set LOYALTY_PIN (no terminal to ask on)"))
    ctx = staff.sign_in(ctx, args.staff, secret)
    if args.approved_by:
        approver_secret = os.environ.get("LOYALTY_APPROVER_PIN") or _ask(
            f"PIN or password for {args.approved_by}: ",
            t("pin: set LOYALTY_APPROVER_PIN for --approved-by (no terminal to ask on)"))
        ctx = staff.approved_by(ctx, args.approved_by, approver_secret)
    return ctx


def _ask(prompt: str, without_terminal: str) -> str:
    """Asked at the terminal, not echoed; with no terminal, `without_terminal` says which option
    or variable gives it instead (each secret has its own)."""
    if not sys.stdin.isatty():
        raise ValidationError(without_terminal, "pin")
    return getpass.getpass(prompt)


def _new_secret(args) -> str:
    if args.new_pin:
        return args.new_pin
    without_terminal = t("pin: give --new-pin (no terminal to ask on)")
    first = _ask("New PIN or password: ", without_terminal)
    if _ask("Again: ", without_terminal) != first:
        raise ValidationError(t("pin: the two entries differ"), "pin")
    return first


def cmd_add(ctx, args):
    member = staff.add_staff(ctx, args.name, args.role, _new_secret(args))
    return asdict(member), f"{member.name} added as {member.role}"


def cmd_list(ctx, args):
    items = staff.staff_accounts(ctx)
    text = "\n".join(f"{m.name:<24} {m.role:<8}{'' if m.active else ' (inactive)'}" for m in items)
    return {"staff": [asdict(m) for m in items]}, text or "No staff accounts yet."


def cmd_role(ctx, args):
    member = staff.change_role(ctx, args.name, args.role)
    return asdict(member), f"{member.name} is now {member.role}"


def cmd_active(ctx, args, active: bool):
    member = staff.set_active(ctx, args.name, active)
    return asdict(member), f"{member.name} {'activated' if active else 'deactivated'}"


def cmd_pin(ctx, args):
    staff.change_secret(ctx, args.name, _new_secret(args))
    return {"name": args.name}, f"PIN of {args.name} changed"


def cmd_card(ctx, args):
    staff.link_own_card(ctx, args.name, args.card)
    return {"name": args.name, "card": args.card}, (f"{args.name}'s own card: {args.card}" if args.card
                                                    else f"{args.name} has no own card linked")


def cmd_audit(ctx, args):
    records = audit_records(ctx, args.who, args.action, args.since, args.until, args.limit)
    if args.csv:
        export_audit_csv(records, output_file(args.csv, "csv"))
    text = "\n".join(f"{r.at[:19]}  {r.staff_id:<14} {r.action:<20} {r.target:<18} {r.detail}"
                     + (f"  (approved by {r.approved_by})" if r.approved_by else "") for r in records)
    return {"audit": [asdict(r) for r in records]}, text or "Nothing in the audit trail for that."


HANDLERS = {
    "staff add": cmd_add, "staff card": cmd_card, "staff list": cmd_list, "staff role": cmd_role, "staff pin": cmd_pin,
    "staff deactivate": lambda ctx, args: cmd_active(ctx, args, False),
    "staff activate": lambda ctx, args: cmd_active(ctx, args, True),
    "audit": cmd_audit,
}
