"""The hub's wake-up call (docs/sync.md, "Rounds"): the hub sends `NOTIFY loyalty_hub` when it
has taken entries or members; a counter listening on a connection of its own runs its next round
at once instead of at the next tick. Only a wake-up call: the rounds' cursors stay the truth, a
lost notification costs a tick's wait, and a hub out of reach is tried again every
RETRY_SECONDS."""

import logging
import threading
from typing import Callable

import psycopg

from ..common.errors import LoyaltyError
from ..programme.context import Context
from .link import conninfo, hub_link

log = logging.getLogger(__name__)

CHANNEL = "loyalty_hub"
RETRY_SECONDS = 5
LOOK_EVERY_SECONDS = 1      # how soon the listener notices it was asked to stop


class HubListener(threading.Thread):
    """Calls `heard()` (from its own thread) whenever the hub says it took something."""

    def __init__(self, ctx: Context, heard: Callable[[], None]):
        super().__init__(name="hub-listener", daemon=True)
        try:        # read here: the shop's connection stays in its thread
            self.address = conninfo(ctx, hub_link(ctx))
        except LoyaltyError:        # no password kept here: the rounds say so; nothing to listen with
            self.address = None
        self.heard = heard
        self.stopping = threading.Event()

    def run(self) -> None:
        while self.address and not self.stopping.is_set():
            try:
                with psycopg.connect(self.address, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    while not self.stopping.is_set():
                        if any(True for _ in conn.notifies(timeout=LOOK_EVERY_SECONDS)):
                            self.heard()
            except psycopg.Error as error:
                log.info("Hub listener: %s (tried again in %s s)", (str(error).strip().splitlines() or [""])[0],
                         RETRY_SECONDS)
                self.stopping.wait(RETRY_SECONDS)

    def stop(self) -> None:
        self.stopping.set()
