"""`loyalty COMMAND` (also `python main.py COMMAND`): the headless face of the
domain, for owners' scripts, scheduled tasks and tests. It calls the same
functions as the GUI. Exit status: 0 done, 2 bad input or card, 1 other failure."""

import argparse
import json
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..common.clock import FixedClock
from ..common.errors import LoyaltyError, StorageError, ValidationError
from ..common.messages import t
from ..common.paths import default_database_path
from ..programme.shop import open_shop
from . import backups as cli_backups
from . import hub as cli_hub
from . import imports as cli_imports
from . import members as cli_members
from . import points as cli_points
from . import printing as cli_printing
from . import programme as cli_programme
from . import reports as cli_reports
from . import retention as cli_retention
from . import shop as cli_shop
from . import staff as cli_staff
from . import sync as cli_sync

# One module per group of commands, each with `add_commands(sub)` and its `HANDLERS`; `--help`
# lists the commands in this order.
COMMAND_GROUPS = (cli_shop, cli_members, cli_points, cli_programme, cli_printing, cli_reports, cli_backups,
                  cli_imports, cli_staff, cli_retention, cli_hub, cli_sync)


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
    for group in COMMAND_GROUPS:
        group.add_commands(sub)
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
    handler = HANDLERS[args.command if not getattr(args, "action", None) else f"{args.command} {args.action}"]
    if args.command in cli_hub.NEEDS_NO_SHOP:   # the hub's commands work on the hub alone: no shop opened or made
        return handler(None, args)
    path = Path(args.db or default_database_path())
    try:
        ctx = cli_staff.signed_in(open_shop(path, staff_id=args.staff or "owner"), args)
    except StorageError:
        if args.command == "restore" and path.exists():   # a database that cannot be opened can still be replaced
            return cli_backups.restore_over_damaged(path, args.file, args.other_shop)
        raise
    if args.now:
        ctx.clock = FixedClock(_parse_now(args.now, ctx.programme().timezone))
    return handler(ctx, args)


def _parse_now(text: str, tz_name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(t("--now: '{text}' is not an ISO date-time such as 2026-03-01T10:30",
                                text=text), "now") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(tz_name))


HANDLERS = {name: handler for group in COMMAND_GROUPS for name, handler in group.HANDLERS.items()}


if __name__ == "__main__":
    sys.exit(main())
