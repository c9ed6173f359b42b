"""Only SQLite may open the database's files in this process.

POSIX record locks belong to the process, not to a file descriptor: when any code in the
app's process opens the database file (or its -wal or -shm) and closes it again — Qt's file
dialog sniffing a file's type, an `open()` for a header check — the kernel silently drops
the locks SQLite holds on that file. The next program that opens and closes the database
(the command line, a second counter, a backup script) then finds no other user, checkpoints,
and deletes the -wal and -shm that the app still has open: whatever the app saves from then
on goes into deleted files and is gone at the next crash or power cut ("How To Corrupt An
SQLite Database File", section 2.2). Windows locks belong to a file handle instead, and an
open file cannot be deleted there, so the trap is POSIX's (Linux, macOS).

Two defences live here:
- `refuse_database_file(path, field)`: any file a person names (a dialog, an import, an
  export) is checked before anything opens it; the database's own files are refused.
- `ensure_attached(db)`, the guard that catches the next mistake: before a transaction
  commits, the files on disk must still be those the process's connections opened (same
  device and inode) and, where the system lists its locks (Linux, by descriptor in
  /proc/self/fdinfo), this process must still hold its locks on the database and its -shm. A
  file found detached refuses every write of every connection of this process to it, and the
  handlers given to `on_detached` are told (the window then restarts the app: in one process
  SQLite shares its locks and shared memory among all connections to a file, so only closing all
  of them gets them back).
"""

import functools
import logging
import os
import threading
import weakref
from dataclasses import dataclass, field

from ..common.errors import StorageError, ValidationError
from ..common.messages import field_name, t

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm")
# Linux lists each descriptor's POSIX locks on its "lock:" lines in fdinfo. Not /proc/locks: reading
# that takes the kernel's lock table for writing, which waits for an RCU grace period (~8 ms here,
# up to 16) and stalls every file lock of the machine meanwhile — a sale's commit paid it each
# time, once sales were more than a few ms apart (bench/README.md, "The hub").
DESCRIPTORS = "/proc/self/fd"
DESCRIPTOR_INFO = "/proc/self/fdinfo"


class DatabaseDetached(StorageError):
    """This process no longer holds the database's files as SQLite opened them: nothing may be
    written through any of its connections until they are all closed and opened again."""


@dataclass(frozen=True)
class _FileId:
    path: str
    device: int
    inode: int


@dataclass
class _Watch:
    """One database file as this process's connections share it (SQLite shares its locks and
    shared memory among them by the file's device and inode; so does this)."""

    path: str
    files: tuple[_FileId, ...]              # the database, its -wal and -shm, as first opened
    locks_listed: bool                      # the system showed the locks when it was opened
    lock_descriptors: tuple[int, ...] = ()  # the descriptors through which it showed them last
    # This process's writers of the file queue here before SQLite's lock (storage/transactions.py).
    writers: threading.Lock = field(default_factory=threading.Lock)
    connections: weakref.WeakSet = field(default_factory=weakref.WeakSet)
    detached: str | None = None             # why writing stopped, once it has

    def problem(self) -> str | None:
        for known in self.files:
            try:
                now = os.stat(known.path)
            except FileNotFoundError:
                return t("{file} was deleted while this program had it open", file=known.path)
            if (now.st_dev, now.st_ino) != (known.device, known.inode):
                return t("{file} was replaced while this program had it open", file=known.path)
        return self._lost_locks()

    def _lost_locks(self) -> str | None:
        if not self.locks_listed:
            return None   # no usable list of locks on this system: the files' identity is what is checked
        held = self.locks_held()
        missing = None if held is None else self.file_not_locked(held)
        if missing is None:
            return None   # held, or the list could not be read this time (no verdict on a failed read)
        return t("this program no longer holds its lock on {file} (something in it opened and closed the file)",
                 file=missing.path)

    def locks_held(self) -> set[tuple[int, int]] | None:
        """(device, inode) of the files this process holds POSIX locks on, as the descriptors
        that showed the locks last time show them (a few small reads); all of the process's
        descriptors of these files are looked at again when those no longer show both. None
        where the system has no such list or it cannot be read this time."""
        held, _ = locks_through(self.lock_descriptors)
        if held is None or self.file_not_locked(held) is not None:
            held, self.lock_descriptors = locks_through(descriptors_of(self.files))
        return held

    def file_not_locked(self, held: set[tuple[int, int]]) -> _FileId | None:
        """In WAL mode every connection holds a shared lock on the database and one on its -shm
        for as long as it is open: the first of the two this process holds no lock on."""
        database, _, shm = self.files
        return next((known for known in (database, shm) if (known.device, known.inode) not in held), None)


_watches: dict[tuple[int, int], _Watch] = {}   # by the database file's (device, inode)
_handlers: list = []
_mutex = threading.Lock()


def attach(db, path) -> None:
    """Called by open_database once the connection is in WAL mode."""
    if str(path) == ":memory:":
        return   # no files (tests and tools)
    db.execute("PRAGMA schema_version").fetchone()   # a first read opens (creates) the -wal and -shm
    name = os.path.realpath(path)
    try:
        files = tuple(_file_id(name + suffix) for suffix in ("", *SIDE_FILES))
    except FileNotFoundError:
        log.warning("Database %s is not in WAL mode: its files are not watched", name)
        return
    key = (files[0].device, files[0].inode)
    with _mutex:
        watch = _watches.get(key)
        if watch is None or not len(watch.connections):
            watch = _Watch(name, files, locks_listed=False)
            # Where the system does not show the locks of a database just opened (not Linux), only
            # the files' identity can be checked.
            held = watch.locks_held()
            watch.locks_listed = held is not None and watch.file_not_locked(held) is None
            _watches[key] = watch
        watch.connections.add(db)
    db.lock_watch = watch


def release(db) -> None:
    """Called as a connection closes: once a file has no connection left, the next one starts afresh."""
    watch = getattr(db, "lock_watch", None)
    if watch is None:
        return
    with _mutex:
        watch.connections.discard(db)
        key = (watch.files[0].device, watch.files[0].inode)
        if not len(watch.connections) and _watches.get(key) is watch:
            del _watches[key]


def _file_id(path: str) -> _FileId:
    status = os.stat(path)
    return _FileId(path, status.st_dev, status.st_ino)


def check(db) -> str | None:
    """Why the connection's database may no longer be written, or None when all is well. The
    first problem found detaches the file for every connection of the process and is reported
    to the `on_detached` handlers."""
    watch = getattr(db, "lock_watch", None)
    if watch is None:
        return None
    if watch.detached:
        return watch.detached
    problem = watch.problem()
    if problem is None:
        return None
    with _mutex:
        first = watch.detached is None
        if first:
            watch.detached = problem
    if first:
        log.error("Database %s detached: %s. Writing stopped; open file descriptors: %s",
                  watch.path, problem, _descriptors_of(watch.path))
        for handler in list(_handlers):
            handler(watch.path, problem)
    return watch.detached


def ensure_attached(db) -> None:
    """Raise DatabaseDetached (nothing is written) if `check` finds a problem."""
    problem = check(db)
    if problem is not None:
        raise DatabaseDetached(t("database: writing stopped because {problem}; nothing more was saved. Close the "
                                 "program and open it again (what it saved before is safe).", problem=problem))


def refuse_when_detached(db) -> None:
    """The cheap part of the guard (no system call): a file already known detached refuses writes."""
    watch = getattr(db, "lock_watch", None)
    if watch is not None and watch.detached:
        ensure_attached(db)


def on_detached(handler) -> callable:
    """`handler(path, problem)` runs (on whichever thread noticed) when a database is found detached.
    Returns a function that removes it again."""
    _handlers.append(handler)
    return lambda: _handlers.remove(handler) if handler in _handlers else None


def refuse_database_file(path, field: str) -> None:
    """A file a person chose (to read, write or print to) must not be one of the database's own
    files: opening it outside SQLite would drop SQLite's locks, writing it would destroy the shop."""
    if is_database_file(path):
        raise ValidationError(t("{field}: {path} is the shop's database (or one of SQLite's files beside it); "
                                "choose another file", field=field_name(field), path=path), field)


def is_database_file(path) -> bool:
    """By name (a file that does not exist yet) and by identity (a link or another name for it),
    without opening anything."""
    try:
        candidate = os.path.realpath(path)
    except ValueError:   # a NUL in the name: no file at all
        return False
    try:
        status = os.stat(candidate)
        identity = (status.st_dev, status.st_ino)
    except (OSError, ValueError):
        identity = None
    with _mutex:   # the files of connections still open (a watch outlives its last one until the next open)
        watches = [watch for watch in _watches.values() if len(watch.connections)]
    for watch in watches:
        if candidate in {watch.path + suffix for suffix in ("", "-journal", *SIDE_FILES)}:
            return True
        if identity is not None and any(identity == (known.device, known.inode) and _still_there(known)
                                        for known in watch.files):
            return True
    return False


def _still_there(known: _FileId) -> bool:
    """The file is still where it was found: a deleted file's inode number may since have been
    given to any new file (a CSV to import), which must not then pass for the database."""
    try:
        now = os.stat(known.path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (known.device, known.inode)


@functools.cache
def locks_are_listed() -> bool:
    """Whether this system shows a descriptor's locks (Linux); asked once, not at every commit."""
    return os.path.isdir(DESCRIPTOR_INFO)


def descriptors_of(files: tuple[_FileId, ...]) -> tuple[int, ...] | None:
    """This process's descriptors open on any of `files` (by device and inode); None where the
    system does not list them."""
    wanted = {(known.device, known.inode) for known in files}
    try:
        names = os.listdir(DESCRIPTORS)
    except OSError:
        return None
    found = []
    for name in names:
        try:
            status = os.stat(f"{DESCRIPTORS}/{name}")   # the file the descriptor is open on
        except OSError:
            continue   # closed meanwhile, or not a file
        if (status.st_dev, status.st_ino) in wanted:
            found.append(int(name))
    return tuple(found)


def locks_through(descriptors: tuple[int, ...] | None) -> tuple[set[tuple[int, int]] | None, tuple[int, ...]]:
    """(device, inode) of the files this process holds a POSIX lock on through `descriptors`
    (None where the system does not show them or they cannot be read this time), and which of
    the descriptors show a lock."""
    if descriptors is None or not locks_are_listed():
        return None, ()
    pid, held, holding = str(os.getpid()), set(), set()
    for descriptor in descriptors:
        try:
            lines = read_descriptor_info(descriptor)
        except FileNotFoundError:
            continue   # closed since: its locks, if it had any, are gone
        except OSError:
            return None, ()
        for line in lines:
            # "lock:\t1: POSIX  ADVISORY  READ 4780 fe:00:2146484 128 128"; "1: -> POSIX" waits, holds nothing
            fields = line.split()
            if len(fields) < 7 or fields[0] != "lock:" or fields[2] != "POSIX" or fields[5] != pid:
                continue
            major, minor, inode = fields[6].split(":")
            held.add((os.makedev(int(major, 16), int(minor, 16)), int(inode)))
            holding.add(descriptor)
    return held, tuple(sorted(holding))


def read_descriptor_info(descriptor: int) -> list[str]:
    with open(f"{DESCRIPTOR_INFO}/{descriptor}", encoding="ascii") as info:
        return info.read().splitlines()


def _descriptors_of(path: str) -> list[str]:
    """For the log: what this process has open of the database's files (Linux), '(deleted)' included."""
    found = []
    try:
        for descriptor in os.listdir(DESCRIPTORS):
            try:
                target = os.readlink(f"{DESCRIPTORS}/{descriptor}")
            except OSError:
                continue
            if target.startswith(path):
                found.append(f"{descriptor} -> {target}")
    except OSError:
        pass
    return found
