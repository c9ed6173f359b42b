"""`loyalty join CODE|FILE` (this counter joins a hub) and `loyalty sync` (one round: send what
the hub lacks and take in the other counters' programme, members, edits, erasures and entries;
`--watch` keeps doing it, as the app does in the background; `--status` says how far it is and
where the hub's password is kept); `loyalty host-hub STORE` (this PC keeps the shop's hub),
`loyalty add-till NAME` (there: a new till's join code) and `loyalty keep-hub` (keeps it, until
stopped). docs/sync.md."""

import sys
import threading
import time
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from ..chain import credentials
from ..chain.link import hub_link, join_chain
from ..chain.rounds import SyncState, sync_once, sync_state, watch
from ..common.errors import StorageError, ValidationError
from ..common.messages import Text, regrouped, t
from ..storage import database_path, open_database

PROGRESS_EVERY_SECONDS = 2


def add_commands(sub) -> None:
    joining = sub.add_parser("join", help="this counter joins a chain's hub with the join code the hub's owner made")
    joining.add_argument("code", help="the join code, or the file holding it")
    joining.add_argument("--merge-shops", action="store_true", help="this shop has members of its own and the hub "
                         "holds another shop's: merge them (cards whose numbers the other shop uses are re-issued)")
    sync = sub.add_parser("sync", help="send this counter's entries to the hub (once)")
    sync.add_argument("--once", action="store_true", help="one round, then stop (the default)")
    sync.add_argument("--watch", action="store_true", help="a round every second until Ctrl+C (what the app "
                                                           "does in the background)")
    sync.add_argument("--status", action="store_true", help="how far the sync is; sends nothing")
    host = sub.add_parser("host-hub", help="this PC keeps the shop's hub for its tills (a PostgreSQL server here, "
                                           "encrypted on the shop's network), this till its first (owner)")
    host.add_argument("store", help="a short code for this shop: 1 to 16 letters or digits, such as M1")
    host.add_argument("--port", type=int, help="the port the other tills reach it on (default 5432, or a free one)")
    host.add_argument("--till-name", default="", help="this till's name on the hub (default: this PC's name)")
    till = sub.add_parser("add-till", help="on the PC that keeps the shop's hub: a new till's one-time join code "
                                           "(owner; as Settings → Shops and tills → Add a till)")
    till.add_argument("name", help="the new till's name, such as \"Till 2\"")
    till.add_argument("--store", help="its store's code (default: this till's)")
    till.add_argument("--file", help="also write the join code to this file, readable only by you")
    sub.add_parser("keep-hub", help="keep the hub this PC keeps for the shop's tills (its server and TLS) until "
                                    "stopped: what the app starts, and the system service runs")


def cmd_join(ctx, args):
    joined = join_chain(ctx, args.code, merge_shops=args.merge_shops)
    link = joined.link
    kept = credentials.where_kept(database_path(ctx.db))
    text = (f"Joined the chain {link.chain_id} as a counter of store {link.store}; its password is kept in {kept}."
            "\nNext, before starting the app: `loyalty sync` takes in the chain's members and history at once (the "
            "app would take them in the background, more slowly).")
    if joined.merged_shops:
        text += (f"\nThis shop's members join the chain's at the first sync; {len(joined.cards_reissued)} card(s) "
                 "another shop's member holds were re-issued here:"
                 + "".join(f"\n  {old} -> {new}" for old, new in joined.cards_reissued))
    return ({"chain_id": link.chain_id, "store": link.store, "device_id": ctx.device_id, "password_kept": kept,
             "merged_shops": joined.merged_shops, "cards_reissued": [list(pair) for pair in joined.cards_reissued]},
            text)


def cmd_host_hub(ctx, args):
    from ..chain.hosting import keep_hub_here
    if args.port is not None and not 0 < args.port < 65536:
        raise ValidationError(t("port: a number from 1 to 65535"), "port")
    hub = keep_hub_here(ctx, args.store, ctx.programme().shop_name, port=args.port, till_name=args.till_name)
    starts = (f"it starts with this PC ({hub.starts_with_pc})" if hub.starts_with_pc else
              "the system could not be set to start it with this PC: the app starts it when it opens, "
              "or run `loyalty keep-hub`")
    return ({"address": hub.address, "port": hub.port, "folder": str(hub.folder), "starts_with_pc": hub.starts_with_pc},
            f"This PC keeps the shop's hub at {hub.address}:{hub.port} (TLS), in {hub.folder}; {starts}. "
            f"Add the other tills with Settings → Shops and tills → Add a till.")


def cmd_add_till(ctx, args):
    from ..chain import tills
    from ..chain.hosting import owner_dsn_here
    from ..chain.join_code import write_join_code
    dsn = owner_dsn_here(ctx)
    if dsn is None:
        raise ValidationError(t("hub: this PC does not keep the hub; add the till on the PC that does, or with "
                                "loyalty hub add-counter --dsn"), "hub")
    code = tills.add_till(ctx, dsn, args.store or _linked(ctx).store, args.name)
    if args.file:
        write_join_code(code, Path(args.file))
    return ({"name": args.name, "store": code.store, "host": code.host, "port": code.port, "join_code": code.text()},
            f"Till {args.name} of store {code.store} added; its one-time join code (valid until "
            f"{code.expires_at[:16].replace('T', ' ')} UTC):\n{code.text()}")


def cmd_keep_hub(ctx, args):
    from ..chain.hosting import keep_hub_in_foreground
    if not keep_hub_in_foreground(ctx):
        return {"kept": False}, "This PC's hub is kept by another process already."
    return {"kept": True}, "This PC's hub stopped."


def cmd_sync(ctx, args):
    link = _linked(ctx)
    if args.status:
        return _status(ctx, link)
    if args.watch:
        return _watch(ctx)
    with _progress_shown(ctx) as say:
        state = sync_once(ctx, alone=say)
    if state.problem:
        raise ValidationError(t("hub: the sync stopped ({reason}); it resumes from where it was next time",
                                reason=state.problem), "hub")
    return ({"sent": state.sent, "quarantined": state.quarantined, "pending": state.pending},
            f"Sent {state.sent} entries ({state.quarantined} quarantined by the hub); {state.pending} wait.")


def _watch(ctx):
    stop, rounds = threading.Event(), []

    def report(state: SyncState) -> None:
        rounds.append(state)
        if state.sent or state.problem or len(rounds) == 1:
            print(f"{datetime.now():%H:%M:%S} {_said(state)}", flush=True)

    try:
        watch(ctx, stop, report)
    except KeyboardInterrupt:
        stop.set()
    last = rounds[-1] if rounds else None
    return ({"rounds": len(rounds), "sent": sum(state.sent for state in rounds)},
            f"Stopped after {len(rounds)} rounds" + (f"; {_said(last)}" if last else ""))


@contextmanager
def _progress_shown(ctx, every: float = PROGRESS_EVERY_SECONDS):
    """A long round (a shop's whole history sent, a new counter's download) says how far it is on
    stderr every few seconds — read on a connection of its own from what the round commits; it
    can be stopped (Ctrl+C) and resumes from there next time. A short round says nothing."""
    path, device, stop, said = database_path(ctx.db), ctx.device_id, threading.Event(), {"at": 0}

    def show() -> None:
        last = None
        while not stop.wait(every):
            if said["at"]:          # a download into a file of its own says how far it is itself (say)
                continue
            try:        # opened for each look: a new counter's first download may hold the file alone
                with closing(open_database(path, migrate=False)) as reader:
                    uploaded, own, taken, first = reader.execute(
                        "SELECT uploaded_seq, (SELECT COUNT(*) FROM entries WHERE device_id = ?), (SELECT COUNT(*) "
                        "FROM entries WHERE device_id != ?), bulk_up_to FROM hub_link", [device] * 2).fetchone()
            except StorageError:
                continue
            now = (uploaded, own, taken)
            if now != last:
                print(f"{datetime.now():%H:%M:%S} sent {uploaded:,} of this counter's {own:,} entries; "
                      f"{taken:,} of the others' taken in so far"
                      + (f" (first download: about {first:,} on the hub)" if first else ""),
                      file=sys.stderr, flush=True)
                last = now

    def say(text: Text) -> None:    # a first download into a file of its own: each stage, and how far every 2 s
        if text.template != said.get("stage") or time.monotonic() >= said["at"] + every:
            print(f"{datetime.now():%H:%M:%S} {regrouped(text, '{:,}'.format)}", file=sys.stderr, flush=True)
            said.update(at=time.monotonic(), stage=text.template)

    shower = threading.Thread(target=show, name="sync-progress", daemon=True)
    shower.start()
    try:
        yield say
    finally:
        stop.set()
        shower.join()


def _said(state: SyncState) -> str:
    if state.problem:
        return f"not reached ({state.problem}); {state.pending} entries wait"
    return f"sent {state.sent}; {state.pending} wait"


def _linked(ctx):
    link = hub_link(ctx)
    if link is None:
        raise ValidationError(t("hub: this counter has not joined a hub (loyalty join CODE)"), "hub")
    return link


def _status(ctx, link):
    pending = sync_state(ctx).pending
    data = {"chain_id": link.chain_id, "store": link.store, "hub": f"{link.host}:{link.port}/{link.dbname}",
            "uploaded_seq": link.uploaded_seq, "pending": pending, "last_upload_at": link.last_upload_at,
            "last_problem": link.last_problem, "password_kept": credentials.where_kept(database_path(ctx.db))}
    return data, "\n".join(f"{key}: {value}" for key, value in data.items())


HANDLERS = {"join": cmd_join, "sync": cmd_sync, "host-hub": cmd_host_hub, "add-till": cmd_add_till,
            "keep-hub": cmd_keep_hub}
