"""The chain's stores and tills as a till sees them, and what the owner does with them from a till
(issue 23: Settings → *Shops and tills*): the list comes through the till's own role
(`hub.hub_tills()`: names, stores, last contact, revoked — nothing a counter could abuse); adding
a till, revoking one and renaming a store need the hub owner's login (hub_admin.py), asked for at
the moment and never kept. Each owner's act is in this till's audit trail too."""

from dataclasses import dataclass

import psycopg
from psycopg.conninfo import make_conninfo

from ..common.clock import to_iso
from ..common.errors import ValidationError
from ..common.messages import t, translated
from ..programme.audit import record
from ..programme.context import Context
from ..programme.permissions import require
from ..storage import write_transaction
from . import hub_admin
from .join_code import JoinCode
from .link import conninfo, hub_link
from .problems import hub_problem


@dataclass(frozen=True)
class Till:
    name: str
    store: str
    store_name: str
    last_contact: str | None       # UTC ISO moment; None: never
    revoked_at: str | None
    this_till: bool


def chain_tills(ctx: Context) -> list[Till]:
    """The chain's tills, store by store; a hub out of reach or refusing is one sentence (ValidationError)."""
    link = _linked(ctx)
    try:
        with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
            me = conn.execute("SELECT name FROM hub.hub_whoami()").fetchone()[0]
            rows = conn.execute("SELECT name, store_code, store_name, last_contact, revoked_at "
                                "FROM hub.hub_tills()").fetchall()
    except psycopg.Error as error:
        raise ValidationError(translated(hub_problem(error, f"{link.host}:{link.port}").sentence), "hub") from None
    return [Till(name, store, store_name, contact and to_iso(contact), revoked and to_iso(revoked), name == me)
            for name, store, store_name, contact, revoked in rows]


def owner_dsn(ctx: Context, user: str, password: str) -> str:
    """The hub owner's connection to this till's hub (its address, database and TLS mode)."""
    link = _linked(ctx)
    if not (user or "").strip():
        raise ValidationError(t("user: give the hub owner's user name"), "user")
    return make_conninfo(host=link.host, port=link.port, dbname=link.dbname, user=user.strip(), password=password,
                         sslmode=link.sslmode, connect_timeout=10)


def add_till(ctx: Context, dsn: str, store: str, name: str) -> JoinCode:
    require(ctx, "settings")
    code = hub_admin.add_counter(dsn, store, name, host=_linked(ctx).host)
    _audit(ctx, "hub.add_till", f"till {code.device_id}", name=name, store=code.store)
    return code


def revoke_till(ctx: Context, dsn: str, name: str) -> dict:
    require(ctx, "settings")
    done = hub_admin.revoke_counter(dsn, name)
    _audit(ctx, "hub.revoke_till", f"till {done['device_id']}", name=done["name"])
    return done


def rename_store(ctx: Context, dsn: str, code: str, name: str) -> dict:
    require(ctx, "settings")
    done = hub_admin.rename_store(dsn, code, name)
    _audit(ctx, "hub.rename_store", f"store {done['code']}", name=done["name"])
    return done


def _audit(ctx: Context, action: str, subject: str, **details) -> None:
    with write_transaction(ctx.db):
        record(ctx, action, subject, **details)


def _linked(ctx: Context):
    link = hub_link(ctx)
    if link is None:
        raise ValidationError(t("hub: this counter has not joined a hub (loyalty join CODE)"), "hub")
    return link
