"""Who is acting, where and when: passed to every domain operation."""

from dataclasses import dataclass, field

from sqlite_utils import Database

from .clock import Clock, SystemClock
from .programme import Programme, load_programme


@dataclass
class Context:
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    staff_id: str = "owner"

    def programme(self) -> Programme:
        """Read fresh each time: settings changed on another counter apply at once."""
        return load_programme(self.db)

    @property
    def device_id(self) -> str:
        return self.programme().device_id
