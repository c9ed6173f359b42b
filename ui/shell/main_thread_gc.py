"""Python's cycle collector, run on the window's thread only.

CPython collects reference cycles in whichever thread happens to cross the allocation
threshold. The app's workers (card sheets, searches, imports, backups, sync rounds) allocate a
lot, so a collection often starts on one of them; if the garbage holds a widget or timer made
on the window's thread, Qt destroys it from the wrong thread and the app dies with a
segmentation fault (seen in CI: a card sheet's worker collecting a dialog of an earlier test).
The known cure, used by calibre, pyqtgraph and NeXpy: turn automatic collection off and collect
from a timer on the window's thread, with the thresholds Python would have used.
"""

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 500


def collect_if_due(thresholds: tuple[int, int, int] | None = None) -> int | None:
    """Collect the oldest generation whose count has passed its threshold, as Python's own
    collector would; returns the generation collected, or None when nothing was due."""
    first, second, third = thresholds or gc.get_threshold()
    young, middle, old = gc.get_count()
    if young <= first:
        return None
    generation = 2 if (middle > second and old > third) else 1 if middle > second else 0
    gc.collect(generation)
    return generation


class MainThreadGarbageCollector(QObject):
    """Create on the window's thread, after the QApplication; lives as long as its parent."""

    def __init__(self, parent: QObject, every_ms: int = CHECK_EVERY_MS):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: collect_if_due(self.thresholds))
        self.timer.start(every_ms)
