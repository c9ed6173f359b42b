"""Reference cycles are collected on the window's thread, never by a worker that allocates
(ui/shell/main_thread_gc.py: a collection on a worker destroyed a main-thread widget in CI)."""

import gc
import threading

from ui.shell.main_thread_gc import MainThreadGarbageCollector, collect_if_due


class _Cycle:
    finalised_on: list[int] = []

    def __init__(self):
        self.me = self

    def __del__(self):
        _Cycle.finalised_on.append(threading.get_ident())


def _make_garbage(count: int) -> None:
    for _ in range(count):
        _Cycle()


def test_cycles_made_by_a_worker_are_collected_on_the_main_thread(qtbot, qapp):
    gc.enable()   # as at the app's start; the collector turns automatic collection off
    _Cycle.finalised_on.clear()
    collector = MainThreadGarbageCollector(qapp, every_ms=20)
    try:
        assert not gc.isenabled()
        worker = threading.Thread(target=_make_garbage, args=(20 * gc.get_threshold()[0],))
        worker.start()
        worker.join()
        assert _Cycle.finalised_on == []   # nothing collected while the worker allocated
        qtbot.waitUntil(lambda: len(_Cycle.finalised_on) > 0, timeout=2000)
        gc.collect()
        assert set(_Cycle.finalised_on) == {threading.main_thread().ident}
    finally:
        collector.timer.stop()
        collector.setParent(None)


def test_nothing_is_collected_before_the_threshold():
    gc.collect()
    assert collect_if_due((10_000, 10, 10)) is None
    _make_garbage(20_001)
    assert collect_if_due((10_000, 10, 10)) == 0
