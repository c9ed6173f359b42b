"""The chain's stores and tills as a till sees them, and what the owner does with them from a till
(issue 23: Settings → *Shops and tills*): the list comes through the till's own role
(`hub.hub_tills()`: names, stores, last contact, revoked — nothing a counter could abuse); adding
a till, revoking one and renaming a store need the hub owner's login (hub_admin.py), asked for at
the moment and never kept. Each owner's act is in this till's audit trail too."""

from dataclasses import dataclass

import psycopg
from psycopg.conninfo import make_conninfo

from ..common.clock import to_iso
from ..common.errors import ConflictError, ValidationError
from ..common.messages import t, translated
from ..programme.audit import record
from ..programme.context import Context
from ..programme.permissions import require
from ..storage import write_transaction
from . import hub_admin
from .join_code import JoinCode
from .link import Joined, conninfo, hub_link, join_chain, tls_options
from .problems import hub_problem


@dataclass(frozen=True)
class Till:
    name: str
    store: str
    store_name: str
    last_contact: str | None       # UTC ISO moment; None: never
    revoked_at: str | None
    this_till: bool
    waiting_to_send: int | None = None      # at its last contact: its entries not yet on the hub
    waiting_to_take_in: int | None = None   # the hub's entries it has not taken in (counted now)


def chain_tills(ctx: Context) -> list[Till]:
    """The chain's tills, store by store; a hub out of reach or refusing is one sentence (ValidationError)."""
    link = _linked(ctx)
    try:
        with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
            me = conn.execute("SELECT name FROM hub.hub_whoami()").fetchone()[0]
            rows = conn.execute("SELECT name, store_code, store_name, last_contact, revoked_at "
                                "FROM hub.hub_tills()").fetchall()
            waiting = {name: (up, down) for name, up, down in conn.execute("SELECT * FROM hub.hub_tills_waiting()")}
    except psycopg.Error as error:
        raise ValidationError(translated(hub_problem(error, f"{link.host}:{link.port}").sentence), "hub") from None
    return [Till(name, store, store_name, contact and to_iso(contact), revoked and to_iso(revoked), name == me,
                 *waiting.get(name, (None, None))) for name, store, store_name, contact, revoked in rows]


def owner_dsn(ctx: Context, user: str, password: str) -> str:
    """The hub owner's connection to this till's hub (its address, database and TLS mode)."""
    link = _linked(ctx)
    if not (user or "").strip():
        raise ValidationError(t("user: give the hub owner's user name"), "user")
    return make_conninfo(host=link.host, port=link.port, dbname=link.dbname, user=user.strip(), password=password,
                         connect_timeout=10, **tls_options(ctx, link))


def hub_on_a_server(ctx: Context, dsn: str, store: str, store_name: str, till_name: str,
                    merge_shops: bool = False) -> Joined:
    """A PostgreSQL server of the chain's (hosted, or in the office) made its hub from this till,
    with the owner's login: `hub init` (an existing hub keeps its data), the store (added unless
    it is there), this till as one of its counters, joined — its history then goes up."""
    require(ctx, "settings")
    if hub_link(ctx) is not None:
        raise ConflictError(t("hub: this till has joined a hub already"), "hub")
    hub_admin.init_hub(dsn)
    with hub_admin.hub_connection(dsn) as conn:
        known = conn.execute("SELECT 1 FROM hub.stores WHERE lower(code) = lower(%s)", (store,)).fetchone()
        host, sslmode = conn.info.host, conn.info.get_parameters().get("sslmode", "prefer")
    if not known:
        hub_admin.add_store(dsn, store, store_name)
    code = hub_admin.add_counter(dsn, store, till_name, device_id=ctx.device_id, host=host, sslmode=sslmode)
    return join_chain(ctx, code.text(), merge_shops=merge_shops)


def server_dsn(host: str, port: int | str, dbname: str, user: str, password: str, sslmode: str = "prefer") -> str:
    """The owner's connection to a PostgreSQL server, from what they typed (each part named when
    it is missing or wrong)."""
    for field, value in (("host", host), ("dbname", dbname), ("user", user)):
        if not (value or "").strip():
            raise ValidationError(t("{field}: give the server's {field}", field=field), field)
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = 0
    if not 0 < port < 65536:
        raise ValidationError(t("port: a number from 1 to 65535"), "port")
    return make_conninfo(host=host.strip(), port=port, dbname=dbname.strip(), user=user.strip(), password=password,
                         sslmode=sslmode, connect_timeout=10)


def add_till(ctx: Context, dsn: str, store: str, name: str) -> JoinCode:
    require(ctx, "settings")
    code = hub_admin.add_counter(dsn, store, name, **_how_tills_reach_the_hub(ctx))
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


def _how_tills_reach_the_hub(ctx: Context) -> dict:
    """The address (and TLS) a new till's join code carries: this PC's on the shop's network when
    it keeps the hub (its own till talks to the server on 127.0.0.1), else this till's hub's."""
    from .hosting import reach_from_the_network  # here: PostgreSQL's package loads only for this act
    link = _linked(ctx)
    return reach_from_the_network(ctx) or {"host": link.host, "port": link.port, "sslmode": link.sslmode}


def _audit(ctx: Context, action: str, subject: str, **details) -> None:
    with write_transaction(ctx.db):
        record(ctx, action, subject, **details)


def _linked(ctx: Context):
    link = hub_link(ctx)
    if link is None:
        raise ValidationError(t("hub: this counter has not joined a hub (loyalty join CODE)"), "hub")
    return link
