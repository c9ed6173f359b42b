"""The hub's owner at work: create or upgrade a hub, add stores and counters, revoke a counter,
see how the counters are doing. Each is one PostgreSQL transaction on the admin's DSN (the role
that ran `hub init` owns the hub; adding and revoking counters needs CREATEROLE, ending a revoked
counter's sessions a superuser or pg_signal_backend). A refusal is one ValidationError naming
the field, and writes nothing. No local shop database is involved."""

import secrets
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import psycopg
from psycopg import sql

from ..common.errors import ValidationError
from ..common.messages import t
from ..programme.shop_identity import require_store_code
from .hub_schema import COUNTER_FUNCTIONS, MIGRATION_LOCK, SCHEMA_VERSION, STEPS
from .join_code import JoinCode, expiry, write_join_code
from .problems import password_refused

ROLE_PREFIX = "loyalty_counter_"


@contextmanager
def hub_connection(dsn: str):
    """An admin connection; its `with` block is one transaction. Bad DSNs, unreachable hubs,
    wrong passwords and missing rights become one sentence naming the DSN."""
    if not dsn:
        raise ValidationError(t("dsn: give the hub's connection string (--dsn or $LOYALTY_HUB_DSN)"), "dsn")
    try:
        conn = psycopg.connect(dsn, connect_timeout=10)
    except psycopg.ProgrammingError as error:
        raise ValidationError(t("dsn: not a connection string ({reason})", reason=_first_line(error)), "dsn") from None
    except psycopg.OperationalError as error:
        if password_refused(error):
            raise ValidationError(t("dsn: the hub refused this login: a wrong user name or password ({reason})",
                                    reason=_first_line(error)), "dsn") from None
        raise ValidationError(t("dsn: cannot connect to the hub ({reason})", reason=_first_line(error)), "dsn") from None
    try:
        with conn.transaction():
            yield conn
    except psycopg.errors.InsufficientPrivilege as error:
        raise ValidationError(t("dsn: {user} may not do this on the hub ({reason})", user=conn.info.user,
                                reason=_first_line(error)), "dsn") from None
    finally:
        conn.close()


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else error.__class__.__name__


def schema_version(conn) -> int:
    if conn.execute("SELECT to_regclass('hub.hub_meta')").fetchone()[0] is None:
        return 0
    row = conn.execute("SELECT schema_version FROM hub.hub_meta").fetchone()
    return row[0] if row else 0


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise ValidationError(t("hub: its schema is version {found}, newer than this app knows ({known}): "
                                "upgrade the app first", found=version, known=SCHEMA_VERSION), "hub")


def _current(conn) -> str:
    """The chain id of an initialised hub of this app's schema; refuses any other."""
    version = schema_version(conn)
    _refuse_newer(version)
    if version < SCHEMA_VERSION:
        raise ValidationError(t("hub: not initialised or older than this app (version {found} of {known}): "
                                "run loyalty hub init first", found=version, known=SCHEMA_VERSION), "hub")
    return str(conn.execute("SELECT chain_id FROM hub.hub_meta").fetchone()[0])


def init_hub(dsn: str) -> dict:
    """Creates the hub or brings it to this app's schema; running it again changes nothing."""
    with hub_connection(dsn) as conn:
        server = conn.info.server_version
        if server < 140000:
            raise ValidationError(t("dsn: the hub needs PostgreSQL 14 or newer (this server is {version})",
                                    version=server), "dsn")
        encoding = conn.execute("SELECT current_setting('server_encoding')").fetchone()[0]
        if encoding != "UTF8":
            raise ValidationError(t("dsn: the hub's database must be UTF8 (it is {encoding})", encoding=encoding),
                                  "dsn")
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        before = schema_version(conn)
        _refuse_newer(before)
        for number in range(before + 1, SCHEMA_VERSION + 1):
            conn.execute(STEPS[number - 1])
            if number == 1:
                conn.execute("INSERT INTO hub.hub_meta (schema_version, chain_id) VALUES (1, gen_random_uuid())")
            conn.execute("UPDATE hub.hub_meta SET schema_version = %s", (number,))
        chain_id = str(conn.execute("SELECT chain_id FROM hub.hub_meta").fetchone()[0])
    return {"chain_id": chain_id, "schema_version": SCHEMA_VERSION, "was": before}


def add_store(dsn: str, code: str, name: str) -> dict:
    require_store_code(code)
    name = (name or "").strip()
    if not 1 <= len(name) <= 80:
        raise ValidationError(t("name: 1 to 80 characters"), "name")
    with hub_connection(dsn) as conn:
        _current(conn)
        if conn.execute("SELECT 1 FROM hub.stores WHERE lower(code) = lower(%s)", (code,)).fetchone():
            raise ValidationError(t("code: the store {code} is already on the hub", code=code), "code")
        conn.execute("INSERT INTO hub.stores (code, name) VALUES (%s, %s)", (code, name))
    return {"code": code, "name": name}


def rename_store(dsn: str, code: str, name: str) -> dict:
    """A store's name as people know it (its code, in every entry and join code, stays)."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 80:
        raise ValidationError(t("name: 1 to 80 characters"), "name")
    with hub_connection(dsn) as conn:
        _current(conn)
        found = conn.execute("UPDATE hub.stores SET name = %s WHERE lower(code) = lower(%s) RETURNING code",
                             (name, code)).fetchone()
        if not found:
            raise ValidationError(t("store: no store {code} on the hub (add it with loyalty hub add-store)",
                                    code=code), "store")
    return {"code": found[0], "name": name}


def add_counter(dsn: str, store: str, name: str, *, device_id: str | None = None, host: str | None = None,
                port: int | None = None, sslmode: str | None = None, cert_sha256: str = "", file: Path | None = None,
                now: datetime | None = None) -> JoinCode:
    """Registers a counter (a till) of `store`: a LOGIN role with a random password that may only
    call the hub's functions, and its device. Returns its join code (written to `file` too,
    before the transaction commits: a file that cannot be written leaves nothing behind).
    host, port, sslmode: how the counter reaches the hub, when not as `dsn` does; cert_sha256:
    the certificate it must find there (a hub kept on a shop's PC)."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 80:
        raise ValidationError(t("name: 1 to 80 characters"), "name")
    device = _device_id(device_id)
    password = secrets.token_urlsafe(32)
    role = ROLE_PREFIX + device.hex
    with hub_connection(dsn) as conn:
        chain_id = _current(conn)
        found = conn.execute("SELECT code FROM hub.stores WHERE lower(code) = lower(%s)", (store,)).fetchone()
        if not found:
            raise ValidationError(t("store: no store {code} on the hub (add it with loyalty hub add-store)",
                                    code=store), "store")
        store = found[0]
        # A till reinstalled, or replaced, comes back as a new counter under its old name: the old
        # one, revoked, keeps its entries under a name that says when it left.
        conn.execute("UPDATE hub.devices SET name = left(name, 50) || ' (revoked ' "
                     "|| to_char(revoked_at, 'YYYY-MM-DD') || ', ' || left(device_id::text, 8) || ')' "
                     "WHERE lower(name) = lower(%s) AND revoked_at IS NOT NULL", (name,))
        if conn.execute("SELECT 1 FROM hub.devices WHERE lower(name) = lower(%s)", (name,)).fetchone():
            raise ValidationError(t("name: a counter called {name} is already on the hub (revoke it first to give "
                                    "the name to a reinstalled till)", name=name), "name")
        taken = conn.execute("SELECT name FROM hub.devices WHERE device_id = %s", (device,)).fetchone()
        if taken or conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            raise ValidationError(t("device id: {device_id} is already registered (as {name})", device_id=str(device),
                                    name=taken[0] if taken else role), "device_id")
        ident = sql.Identifier(role)
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOINHERIT PASSWORD {}").format(ident, sql.Literal(password)))
        conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(conn.info.dbname), ident))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA hub TO {}").format(ident))
        conn.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(
            sql.SQL(", ".join(COUNTER_FUNCTIONS)), ident))
        conn.execute("LOCK TABLE hub.devices IN SHARE ROW EXCLUSIVE MODE")     # one block number each
        conn.execute("INSERT INTO hub.devices (device_id, name, store_code, role_name, card_block) VALUES "
                     "(%s, %s, %s, %s, (SELECT coalesce(max(card_block), 0) + 1 FROM hub.devices))",
                     (device, name, store, role))
        code = JoinCode(chain_id=chain_id, host=host or conn.info.host, port=port or int(conn.info.port),
                        dbname=conn.info.dbname, user=role, password=password, device_id=str(device), store=store,
                        sslmode=sslmode or conn.info.get_parameters().get("sslmode", "prefer"),
                        expires_at=expiry(now or datetime.now(timezone.utc)), cert_sha256=cert_sha256)
        if file is not None:
            write_join_code(code, Path(file))
    return code


def _device_id(text: str | None) -> uuid.UUID:
    if text is None:
        return uuid.uuid4()
    try:
        return uuid.UUID(text)
    except ValueError:
        raise ValidationError(t("device id: '{text}' is not a UUID", text=text), "device_id") from None


def revoke_counter(dsn: str, name: str) -> dict:
    """The counter may no longer log in (NOLOGIN), its open sessions are ended, and the hub's
    functions refuse it (revoked_at). Its entries stay."""
    with hub_connection(dsn) as conn:
        _current(conn)
        row = conn.execute("SELECT device_id, name, role_name, revoked_at FROM hub.devices WHERE lower(name) = lower(%s)",
                           (name,)).fetchone()
        if not row:
            raise ValidationError(t("name: no counter called {name} on the hub", name=name), "name")
        device_id, name, role, revoked_at = row
        conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(role)))
        if revoked_at is None:
            revoked_at = conn.execute("UPDATE hub.devices SET revoked_at = now() WHERE device_id = %s "
                                      "RETURNING revoked_at", (device_id,)).fetchone()[0]
    with hub_connection(dsn) as conn:   # after the commit: a session opened meanwhile could not log in
        ended = conn.execute("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                             "WHERE usename = %s AND pid <> pg_backend_pid()", (role,)).fetchone()[0]
    return {"name": name, "device_id": str(device_id), "revoked_at": revoked_at.isoformat(), "sessions_ended": ended}


def hub_status(dsn: str) -> dict:
    with hub_connection(dsn) as conn:
        chain_id = _current(conn)
        rows = conn.execute(
            "SELECT d.name, d.store_code, d.device_id, d.last_contact, d.last_seq, d.revoked_at, "
            "(SELECT count(*) FROM hub.quarantine q WHERE q.device_id = d.device_id) "
            "FROM hub.devices d ORDER BY d.store_code, d.name").fetchall()
        entries, stores = conn.execute("SELECT (SELECT count(*) FROM hub.entries), (SELECT count(*) FROM hub.stores)"
                                       ).fetchone()
    devices = [{"name": name, "store": store, "device_id": str(device_id),
                "last_contact": contact.isoformat() if contact else None, "last_seq": last_seq,
                "revoked_at": revoked.isoformat() if revoked else None, "quarantined": quarantined}
               for name, store, device_id, contact, last_seq, revoked, quarantined in rows]
    return {"chain_id": chain_id, "schema_version": SCHEMA_VERSION, "stores": stores, "entries": entries,
            "quarantined": sum(device["quarantined"] for device in devices), "devices": devices}
