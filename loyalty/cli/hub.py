"""The CLI's hub commands (docs/sync.md), for the owner of a chain of tills and shops: create or
upgrade the hub, add stores and counters, revoke a counter, see the counters' state, and check
a join code. They work on the hub's PostgreSQL alone: no local shop database is opened or made
(`NEEDS_NO_SHOP`, read by cli/__init__.py's run)."""

import argparse
import os
from dataclasses import asdict
from datetime import datetime, timezone

from ..chain import hub_admin
from ..chain.join_code import SSL_MODES, parse_join_code

NEEDS_NO_SHOP = ("hub",)


def add_commands(sub) -> None:
    hub = sub.add_parser("hub", help="the chain's hub (PostgreSQL): init, add-store, rename-store, add-counter, "
                                     "revoke, status")
    actions = hub.add_subparsers(dest="action", required=True)
    dsn_help = "the hub's admin connection string (or $LOYALTY_HUB_DSN)"
    init = actions.add_parser("init", help="create the hub, or bring it to this app's schema; prints the chain id")
    init.add_argument("dsn", nargs="?", default=os.environ.get("LOYALTY_HUB_DSN"), help=dsn_help)

    def with_dsn(parser):
        parser.add_argument("--dsn", default=os.environ.get("LOYALTY_HUB_DSN"), help=dsn_help)
        return parser

    store = with_dsn(actions.add_parser("add-store", help="a store of the chain"))
    store.add_argument("code", help="1 to 16 letters or digits")
    store.add_argument("name")
    rename = with_dsn(actions.add_parser("rename-store", help="a store's name (its code stays)"))
    rename.add_argument("code")
    rename.add_argument("name")
    counter = with_dsn(actions.add_parser("add-counter", help="a counter (till) of a store; prints its one-time "
                                                              "join code"))
    counter.add_argument("store")
    counter.add_argument("name")
    counter.add_argument("--device-id", help="the counter's device id (its database's device_id setting); new if "
                                             "left out")
    counter.add_argument("--file", help="also write the join code to this file, readable only by you")
    counter.add_argument("--host", help="the hub's address as the counter reaches it (default: the DSN's)")
    counter.add_argument("--sslmode", choices=SSL_MODES, help="how the counter connects (default: the DSN's, or "
                                                              "prefer)")
    revoke = with_dsn(actions.add_parser("revoke", help="a counter may no longer connect; its sessions end"))
    revoke.add_argument("name")
    status = with_dsn(actions.add_parser("status", help="counters, last contact, last sequence, quarantined entries"))
    status.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON object")
    check = actions.add_parser("check-code", help="read a join code (or a file) and say what it holds")
    check.add_argument("code", help="the join code, or the file holding it")
    check.add_argument("--chain-id", help="refuse a code of another chain than this one")


def cmd_init(args):
    done = hub_admin.init_hub(args.dsn)
    change = ("created" if done["was"] == 0 else
              "already up to date" if done["was"] == done["schema_version"] else f"upgraded from version {done['was']}")
    return done, f"Hub {change} (schema version {done['schema_version']}); chain id {done['chain_id']}"


def cmd_add_store(args):
    store = hub_admin.add_store(args.dsn, args.code, args.name)
    return store, f"Store {store['code']} ({store['name']}) added"


def cmd_rename_store(args):
    store = hub_admin.rename_store(args.dsn, args.code, args.name)
    return store, f"Store {store['code']} is now called {store['name']}"


def cmd_add_counter(args):
    code = hub_admin.add_counter(args.dsn, args.store, args.name, device_id=args.device_id, host=args.host,
                                 sslmode=args.sslmode, file=args.file)
    result = {"name": args.name, "store": code.store, "device_id": code.device_id, "join_code": code.text(),
              "expires_at": code.expires_at, "file": args.file}
    where = f"\nAlso written to {args.file} (readable only by you)." if args.file else ""
    return result, (f"Counter {args.name} of {code.store} added (device {code.device_id}).\n"
                    f"Its join code, shown once (valid until {code.expires_at}; it holds the counter's password):\n"
                    f"{code.text()}{where}")


def cmd_revoke(args):
    done = hub_admin.revoke_counter(args.dsn, args.name)
    return done, (f"Counter {done['name']} revoked ({done['revoked_at'][:19]}); "
                  f"{done['sessions_ended']} open session(s) ended")


def cmd_status(args):
    status = hub_admin.hub_status(args.dsn)
    lines = [f"Chain {status['chain_id']} · {status['stores']} store(s) · {status['entries']} entries · "
             f"{status['quarantined']} quarantined"]
    for device in status["devices"]:
        contact = (device["last_contact"] or "never")[:19].replace("T", " ")
        state = f"revoked {device['revoked_at'][:10]}" if device["revoked_at"] else "active"
        lines.append(f"{device['store']:<8} {device['name']:<24} {state:<18} last contact {contact:<19} "
                     f"last seq {device['last_seq']:<8} quarantined {device['quarantined']}")
    if not status["devices"]:
        lines.append("No counters yet (loyalty hub add-counter STORE NAME).")
    return status, "\n".join(lines)


def cmd_check_code(args):
    code = parse_join_code(args.code, datetime.now(timezone.utc), args.chain_id)
    shown = {**asdict(code), "password": "(hidden)"}
    return shown, (f"Join code of chain {code.chain_id}: counter {code.user} (device {code.device_id}) of store "
                   f"{code.store}, hub {code.host}:{code.port}/{code.dbname} ({code.sslmode}), valid until "
                   f"{code.expires_at}")


HANDLERS = {
    "hub init": lambda ctx, args: cmd_init(args),
    "hub add-store": lambda ctx, args: cmd_add_store(args),
    "hub rename-store": lambda ctx, args: cmd_rename_store(args),
    "hub add-counter": lambda ctx, args: cmd_add_counter(args),
    "hub revoke": lambda ctx, args: cmd_revoke(args),
    "hub status": lambda ctx, args: cmd_status(args),
    "hub check-code": lambda ctx, args: cmd_check_code(args),
}
