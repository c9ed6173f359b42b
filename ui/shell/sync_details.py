"""What the header says of a counter's sync to its hub, and the details one click away (issue 23):
in sync; syncing; offline since a time with what waits to be sent (the till sells all the same);
or a problem the owner must look at. The details: the last contact, what waits to go up and to
come down, this till's entries the hub set aside for the owner, the hub's address and the store."""

import math
import time

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from loyalty.chain.problems import OWNER
from loyalty.chain.rounds import SyncState

from ..widgets.formatting import moment_text, points_text, since_text

IN_SYNC, BUSY, OFFLINE_COLOUR, OWNER_COLOUR = "#1b6e2a", "#333333", "#9a5b00", "#a3261b"


class TimeLeft:
    """About how long a new till's first download has left, from how fast its percentage moved
    since this window first saw it (a rate, not a promise: said once it has moved a little)."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.first: tuple[float, int] | None = None

    def minutes(self, percent: int | None) -> int | None:
        if percent is None:
            self.first = None
            return None
        now = self.clock()
        if self.first is None or percent < self.first[1]:
            self.first = (now, percent)
            return None
        began, at_first = self.first
        if percent - at_first < 2 or now - began < 10:        # too soon to say
            return None
        return max(1, math.ceil((now - began) / (percent - at_first) * (100 - percent) / 60))


def sync_headline(state: SyncState, timezone: str, now, minutes_left: int | None = None) -> tuple[str, str]:
    """The header's few words (short enough for 1024 px) and their colour."""
    translate = QCoreApplication.translate   # literal calls, so that lupdate finds them under their context
    waiting = points_text(state.pending)
    if state.problem and state.problem_kind == OWNER:
        text = translate("SyncDetailsDialog", "Hub: a problem for the owner · {count} to send").format(count=waiting)
        return text, OWNER_COLOUR
    if state.problem:
        if state.last_upload_at:
            text = translate("SyncDetailsDialog", "Hub: offline since {time} · {count} to send").format(
                time=since_text(state.last_upload_at, timezone, now), count=waiting)
        else:
            text = translate("SyncDetailsDialog", "Hub: offline · {count} to send").format(count=waiting)
        return text, OFFLINE_COLOUR
    if state.downloading is not None and minutes_left:     # a new till: the till works meanwhile
        return translate("SyncDetailsDialog", "Hub: taking in history · {percent} % · about %n min left", "",
                         minutes_left).format(percent=state.downloading), BUSY
    if state.downloading is not None:
        text = translate("SyncDetailsDialog", "Hub: taking in history · {percent} %").format(percent=state.downloading)
        return text, BUSY
    if state.pending:
        return translate("SyncDetailsDialog", "Hub: syncing · {count} to send").format(count=waiting), BUSY
    return translate("SyncDetailsDialog", "Hub: in sync"), IN_SYNC


class SyncDetailsDialog(QDialog):
    """The sync's details; kept current while open (`show_state`); *Sync now* asks for a round."""
    sync_now = Signal()

    def __init__(self, timezone: str, clock, parent=None):
        super().__init__(parent)
        self.timezone, self.clock = timezone, clock
        self.setWindowTitle(self.tr("Sync with the hub"))
        self.headline = QLabel(wordWrap=True)
        self.headline.setStyleSheet("font-size: 13pt; font-weight: 700;")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_contact, self.to_send, self.to_take_in = QLabel(), QLabel(), QLabel()
        self.set_aside, self.hub, self.store = QLabel(), QLabel(), QLabel()
        self.set_aside.setWordWrap(True)
        form = QFormLayout()
        for label, field in ((self.tr("Last contact"), self.last_contact),
                             (self.tr("Waiting to be sent"), self.to_send),
                             (self.tr("Waiting to come from the hub"), self.to_take_in),
                             (self.tr("Set aside for the owner"), self.set_aside), (self.tr("Hub"), self.hub),
                             (self.tr("Store"), self.store)):
            field.setAccessibleName(label)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_now)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def show_state(self, state: SyncState, minutes_left: int | None = None) -> None:
        text, colour = sync_headline(state, self.timezone, self.clock.now(), minutes_left)
        self.headline.setText(text)
        self.headline.setStyleSheet(f"font-size: 13pt; font-weight: 700; color: {colour};")
        self.problem.setText(state.problem or "")
        self.problem.setVisible(bool(state.problem))
        self.last_contact.setText(moment_text(state.last_upload_at, self.timezone) if state.last_upload_at
                                  else self.tr("never"))
        self.to_send.setText(self.tr("%n entries of this till", "", state.pending) if state.pending
                             else self.tr("none"))
        if state.downloading is not None:
            self.to_take_in.setText(self.tr("the chain's history: {percent} % here").format(percent=state.downloading))
        elif state.to_take_in is None:
            self.to_take_in.setText(self.tr("not known yet"))
        else:
            self.to_take_in.setText(self.tr("at most %n entries of other tills", "", state.to_take_in)
                                    if state.to_take_in else self.tr("none"))
        self.set_aside.setText(self.tr("%n entries: the hub already had other facts under their numbers; the "
                                       "owner sees them with loyalty hub status", "", state.set_aside)
                               if state.set_aside else self.tr("none"))
        self.hub.setText(state.hub)
        self.store.setText(state.store)
