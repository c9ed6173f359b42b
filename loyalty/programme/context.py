"""Who is acting, where and when: passed to every domain operation."""

from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from ..common.clock import Clock, SystemClock
from ..storage.bulk import entries_upkeep_deferred
from ..storage.seals import seal_entries_after
from .ladder import Tier
from .rules import Programme, load_programme, load_tiers


@dataclass
class Context:
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    staff_id: str = "system"
    role: str = "cashier"                  # of the signed-in staff member (loyalty/programme/permissions.py)
    approver: str | None = None            # a manager or owner who approved the one action in hand
    approver_role: str | None = None
    _held: Programme | None = field(default=None, repr=False, compare=False)
    _held_tiers: list[Tier] | None = field(default=None, repr=False, compare=False)
    _bulk: bool = field(default=False, repr=False, compare=False)
    _seal_later: bool = field(default=False, repr=False, compare=False)

    def programme(self) -> Programme:
        """Read fresh each time: settings changed on another counter apply at once."""
        return self._held or load_programme(self.db)

    def tiers(self) -> list[Tier]:
        """The tiers, lowest first; read fresh each time, like the settings."""
        return self._held_tiers or load_tiers(self.db)

    def become(self, other: "Context") -> None:
        """Take another signed-in person's identity (a cashier switch at the counter: the
        window's screens share this one context)."""
        self.staff_id, self.role, self.approver, self.approver_role = other.staff_id, other.role, None, None

    def on_connection(self, db: Database) -> "Context":
        """The same person, role and clock on another connection (a worker thread's own)."""
        return replace(self, db=db, _held=None, _held_tiers=None)

    @contextmanager
    def programme_held(self):
        """For a bulk operation inside one transaction (an import): read the settings once.
        Nothing else can change them meanwhile: the transaction holds the write lock. Inside
        another hold, the outer one's reading stays."""
        if self._held is not None:
            yield
            return
        self._held = load_programme(self.db)
        try:
            yield
        finally:
            self._held = None

    @contextmanager
    def bulk_writing(self):
        """For an import writing many entries in one transaction: settings and tiers read once
        (the transaction holds the write lock, so they cannot change meanwhile), and the
        entries' report totals and seals brought up to date once at the end instead of after
        each entry (`storage.bulk.entries_upkeep_deferred`)."""
        self._held_tiers, self._bulk = load_tiers(self.db), True
        try:
            with self.programme_held(), entries_upkeep_deferred(self.db):
                yield
        finally:
            self._held_tiers, self._bulk = None, False

    @contextmanager
    def taking_in(self):
        """For many entries taken in within one transaction while the counter works (the hub's
        catch-up): the settings read once and the seal chain brought up to date once, at the end.
        The report totals' triggers stay: setting them aside is a schema change, which makes the
        counter's own connection prepare its statements again after every turn."""
        after = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]
        self._seal_later = True
        try:
            with self.programme_held():
                yield
        finally:
            self._seal_later = False
        seal_entries_after(self.db, after)

    @property
    def sealing_deferred(self) -> bool:
        return self._bulk or self._seal_later

    @property
    def device_id(self) -> str:
        return self.programme().device_id
