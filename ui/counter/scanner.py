"""Telling a card scanner from a person at the keyboard.

A USB scanner "types" the card number as a burst of key presses a few milliseconds
apart, ended by Enter. Watching the whole window, digits are held back while they
could still be such a burst: a burst of at least `min_length` digits (after an
optional prefix character) ending in Enter becomes `scanned(number)` and never
reaches the focused field; anything else — a pause of more than `max_gap_ms`, a
letter, another key — is handed to the field it was meant for, in order. A person
typing sees each digit at most `max_gap_ms` late.
"""

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class HeldKey:
    target: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScanDetector(QObject):
    scanned = Signal(str)

    def __init__(self, window: QWidget, min_length: int = 8, max_gap_ms: int = 100, prefix: str = "",
                 clock=time.monotonic):
        super().__init__(window)
        self.window = window
        self.min_length = min_length
        self.max_gap_ms = max_gap_ms
        self.prefix = prefix
        self.clock = clock
        self.held: list[HeldKey] = []
        self.last_key_at = 0.0
        self.replaying = False
        self.release_timer = QTimer(self, singleShot=True)
        self.release_timer.timeout.connect(self.release_held)
        QApplication.instance().installEventFilter(self)

    def stop(self) -> None:
        self.release_timer.stop()
        QApplication.instance().removeEventFilter(self)

    def configure(self, min_length: int, prefix: str, max_gap_ms: int | None = None) -> None:
        self.min_length, self.prefix = min_length, prefix
        if max_gap_ms is not None:
            self.max_gap_ms = max_gap_ms

    # -- the filter -----------------------------------------------------------
    def eventFilter(self, target: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self.replaying or not self._in_window(target):
            return False
        now = self.clock()
        in_burst = bool(self.held) and (now - self.last_key_at) * 1000 <= self.max_gap_ms
        if self.held and not in_burst:
            self.release_held()
        if event.key() in ENTER_KEYS:
            number = self._held_number()
            if in_burst and number is not None:
                self.held.clear()
                self.release_timer.stop()
                self.scanned.emit(number)
                return True
            self.release_held()
            return False
        text = event.text()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and len(text) == 1 and self._may_continue_scan(text):
            self.held.append(HeldKey(target, event.key(), event.modifiers(), text))
            self.last_key_at = now
            self.release_timer.start(self.max_gap_ms)
            return True
        self.release_held()
        return False

    def _in_window(self, target: QObject) -> bool:
        return isinstance(target, QWidget) and target.window() is self.window

    def _may_continue_scan(self, char: str) -> bool:
        if not self.held and self.prefix:
            return char == self.prefix
        return char.isdigit()

    def _held_number(self) -> str | None:
        text = "".join(key.text for key in self.held)
        if self.prefix:
            if not text.startswith(self.prefix):
                return None
            text = text[len(self.prefix):]
        return text if len(text) >= self.min_length and text.isdigit() else None

    def release_held(self) -> None:
        """Not a scan after all: deliver the held keys to the widgets they were meant for."""
        self.release_timer.stop()
        held, self.held = self.held, []
        self.replaying = True
        try:
            for key in held:
                QApplication.sendEvent(key.target, QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text))
        finally:
            self.replaying = False
