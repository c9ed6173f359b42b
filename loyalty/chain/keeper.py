"""The process that keeps this PC's hub (hosting.py) for the shop's other tills: it starts the
PostgreSQL server (listening on 127.0.0.1 only), runs the TLS front on the shop's network
(tls_front.py), starts the server again should it stop, and stops it when asked to stop itself.

One per hub: its pid file in the hub's folder, made exclusively. It is started by the app when it
opens on this PC and finds it not running (`spawn`, detached: it outlives the window), by the
system when the PC starts (autostart.py: a systemd user unit, a Windows scheduled task), or by
hand (`loyalty keep-hub`); a second one finds the first and leaves."""

import asyncio
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from ..common.app_info import own_command
from ..common.errors import ValidationError
from ..common.messages import t
from . import pg_server, tls_front

PID_FILE, LOG_FILE, STOP_FILE = "keeper.pid", "keeper.log", "keeper.stop"
WATCH_SECONDS = 10          # how often it checks that the server still runs
READY_SECONDS = 90          # how long `spawn` waits for the hub to answer
LOOK_MS = 200               # how often a waiting caller looks again


def running_pid(folder: Path) -> int | None:
    """The pid of the keeper of the hub in `folder`, when one runs."""
    try:
        pid = int((folder / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def _alive(pid: int) -> bool:
    """Running, and not a zombie: a keeper killed while the app that started it still runs stays
    the app's child, dead but not yet reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:         # no /proc (Windows, macOS)
        return pg_server.pg_utils.process_is_running(pid)


def keep(folder: Path, port: int, backend_port: int, start_server) -> bool:
    """Keeps the hub until SIGTERM/SIGINT (or Ctrl+C); False, at once, when another keeper runs.
    `start_server()` starts PostgreSQL on 127.0.0.1:backend_port."""
    if not _take_pid_file(folder):
        return False
    (folder / STOP_FILE).unlink(missing_ok=True)
    try:
        if not pg_server.is_running(folder):
            start_server()
        asyncio.run(_serve(folder, port, backend_port, start_server))
    finally:
        try:
            if pg_server.is_running(folder):
                pg_server.stop(folder)
        finally:        # whatever the server did: a pid file left naming this process would be signalled
            (folder / PID_FILE).unlink(missing_ok=True)
    return True


async def _serve(folder: Path, port: int, backend_port: int, start_server) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def asked_to_stop(*_) -> None:
        if not loop.is_closed():
            loop.call_soon_threadsafe(stop.set)

    # SIGBREAK: a Windows console's Ctrl+Break. The process's own handlers come back at the end.
    signals = [getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGBREAK") if hasattr(signal, name)]
    before = {number: signal.signal(number, asked_to_stop) for number in signals}
    try:
        await _front_until_stopped(folder, port, backend_port, start_server, stop)
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


async def _front_until_stopped(folder: Path, port: int, backend_port: int, start_server, stop: asyncio.Event) -> None:
    front = tls_front.Front(folder, "0.0.0.0", port, backend_port)
    try:
        await front.start()
    except OSError as error:        # the port: another program's (a PostgreSQL of the PC's own, say)
        raise ValidationError(t("hub: this PC's hub cannot listen on port {port} ({reason}); another program "
                                "uses it", port=port, reason=error.strerror or str(error)), "port") from None
    async with front.server:
        ticks = 0
        while not stop.is_set() and not (folder / STOP_FILE).exists():   # the file: how Windows asks it to stop
            try:
                await asyncio.wait_for(stop.wait(), 1)
            except asyncio.TimeoutError:
                ticks += 1
                if ticks % WATCH_SECONDS == 0 and not pg_server.is_running(folder):
                    await asyncio.to_thread(start_server)   # it crashed, or was stopped: the tills need it


def _take_pid_file(folder: Path) -> bool:
    for _ in range(2):
        try:
            descriptor = os.open(folder / PID_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if running_pid(folder) is not None:
                return False
            (folder / PID_FILE).unlink(missing_ok=True)     # left by a keeper that was killed
            continue
        with os.fdopen(descriptor, "w") as pid_file:
            pid_file.write(str(os.getpid()))
        return True
    return False


def spawn(database: Path, folder: Path, port: int) -> None:
    """Starts a keeper for the shop's database, detached from this process, and waits until the
    hub answers on `port`. RuntimeError (with the end of its log) when it does not."""
    if running_pid(folder) is None:
        log = open(folder / LOG_FILE, "ab")
        detached = ({"creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
                     | subprocess.CREATE_NO_WINDOW} if os.name == "nt" else {"start_new_session": True})
        with log:
            process = subprocess.Popen([*own_command(), "--db", str(database), "keep-hub"], stdin=subprocess.DEVNULL,
                                       stdout=log, stderr=log, close_fds=True, **detached)
    else:
        process = None
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if _answers(port) and running_pid(folder) is not None:
            return
        if process is not None and process.poll() is not None:
            break
        time.sleep(LOOK_MS / 1000)
    tail = (folder / LOG_FILE).read_text(errors="replace")[-1500:] if (folder / LOG_FILE).exists() else ""
    raise RuntimeError(f"the hub's keeper did not start: {tail.strip() or 'no log'}")


def stop(folder: Path, timeout: float = 60) -> None:
    """Asks the keeper to stop (it stops the server); waits until it has."""
    pid = running_pid(folder)
    if pid is None or pid == os.getpid():     # never this process (a pid file left behind by it)
        return
    (folder / STOP_FILE).touch()
    if os.name != "nt":
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while running_pid(folder) is not None and time.monotonic() < deadline:
        time.sleep(LOOK_MS / 1000)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
