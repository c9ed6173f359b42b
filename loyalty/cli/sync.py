"""`loyalty join CODE|FILE` (this counter joins a hub) and `loyalty sync` (send this counter's
entries to the hub; `--status` says how far it is and where the hub's password is kept). The
pull of the other counters' entries, `--watch` and the app's background sync follow (docs/sync.md)."""

import psycopg

from ..chain import credentials
from ..chain.link import conninfo, hub_link, join, note_progress
from ..chain.upload import upload
from ..common.errors import ValidationError
from ..common.messages import t
from ..storage import database_path


def add_commands(sub) -> None:
    joining = sub.add_parser("join", help="this counter joins a chain's hub with the join code the hub's owner made")
    joining.add_argument("code", help="the join code, or the file holding it")
    sync = sub.add_parser("sync", help="send this counter's entries to the hub (once)")
    sync.add_argument("--once", action="store_true", help="one round, then stop (the default, for now)")
    sync.add_argument("--status", action="store_true", help="how far the sync is; sends nothing")


def cmd_join(ctx, args):
    link = join(ctx, args.code)
    kept = credentials.where_kept(database_path(ctx.db))
    return ({"chain_id": link.chain_id, "store": link.store, "device_id": ctx.device_id, "password_kept": kept},
            f"Joined the chain {link.chain_id} as a counter of store {link.store}; its password is kept in {kept}.")


def cmd_sync(ctx, args):
    link = _linked(ctx)
    if args.status:
        return _status(ctx, link)
    try:
        with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
            done = upload(ctx, link, conn)
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        note_progress(ctx, last_problem=reason)
        raise ValidationError(t("hub: the sync stopped ({reason}); it resumes from where it was next time",
                                reason=reason), "hub") from None
    return ({"sent": done.sent, **done.outcomes, "batches": done.batches},
            f"Sent {done.sent} entries: {done.outcomes['new']} new, {done.outcomes['duplicate']} the hub had, "
            f"{done.outcomes['quarantined']} quarantined.")


def _linked(ctx):
    link = hub_link(ctx)
    if link is None:
        raise ValidationError(t("hub: this counter has not joined a hub (loyalty join CODE)"), "hub")
    return link


def _status(ctx, link):
    pending = ctx.db.execute("SELECT COUNT(*) FROM entries WHERE device_id = ? AND device_seq > ?",
                             [ctx.device_id, link.uploaded_seq]).fetchone()[0]
    data = {"chain_id": link.chain_id, "store": link.store, "hub": f"{link.host}:{link.port}/{link.dbname}",
            "uploaded_seq": link.uploaded_seq, "pending": pending, "last_upload_at": link.last_upload_at,
            "last_problem": link.last_problem, "password_kept": credentials.where_kept(database_path(ctx.db))}
    return data, "\n".join(f"{key}: {value}" for key, value in data.items())


HANDLERS = {"join": cmd_join, "sync": cmd_sync}
