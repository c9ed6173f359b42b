"""The app runs the daily job itself, off the GUI thread: at start, then once per local date."""

from datetime import datetime, timezone

import pytest
from conftest import count

from loyalty.ledger.sales import post_sale
from ui.shell.daily_job import DailyJobRunner

A_YEAR_AGO = datetime(2025, 1, 15, 12, tzinfo=timezone.utc)   # its points expire at the end of January 2026


@pytest.fixture
def runner(qtbot, ctx):
    runner = DailyJobRunner(ctx, first_run_after_ms=0, look_every_ms=3_600_000)
    yield runner
    runner.stop()


def test_the_job_runs_at_start_then_once_a_day(qtbot, ctx, clock, enrol, runner):
    card = enrol().card
    now = clock.current
    clock.current = A_YEAR_AGO
    post_sale(ctx, card, 4_000)
    clock.current = now
    with qtbot.waitSignal(runner.finished, timeout=20_000) as first:
        runner.start()
    assert first.args[0].daily.expired_points == 40 and first.args[0].report_prepared == "2026-02"
    assert ctx.db.execute("SELECT SUM(points) FROM entries WHERE kind = 'expire'").fetchone()[0] == -40
    assert first.args[0].backup is not None and first.args[0].backup.exists()
    assert count(ctx, "report_cache") == 1 and count(ctx, "member_year_windows") > 0

    qtbot.waitUntil(lambda: runner.thread is None)
    runs = []
    runner.finished.connect(runs.append)
    runner.look()                                          # the same day: nothing to do
    assert runner.thread is None
    qtbot.wait(50)
    assert runs == []

    clock.advance(days=1)                                  # the next look after midnight runs it again
    with qtbot.waitSignal(runner.finished, timeout=20_000) as second:
        runner.look()
    assert second.args[0].daily.expired_points == 0
    assert count(ctx, "entries") == 2, "a second day adds no entries"
    qtbot.waitUntil(lambda: runner.thread is None)


def test_a_failed_run_is_logged_and_tried_again_at_the_next_look(qtbot, ctx, settings, tmp_path, runner):
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the backup folder should be")
    settings(backup_folder=str(in_the_way))
    with qtbot.waitSignal(runner.failed, timeout=20_000) as failure:
        runner.start()
    assert "backup folder" in failure.args[0] and "Traceback" not in failure.args[0]
    assert runner.done_for is None
    qtbot.waitUntil(lambda: runner.thread is None)

    settings(backup_folder=str(tmp_path / "backups"))
    with qtbot.waitSignal(runner.finished, timeout=20_000):
        runner.look()
    assert list((tmp_path / "backups").glob("*-daily.sqlite"))


def test_closing_the_window_stops_the_job(qtbot, ctx):
    from ui.shell.main_window import MainWindow

    window = MainWindow(ctx, daily_job=True)
    qtbot.addWidget(window)
    window.daily_job.first_look.setInterval(0)
    window.daily_job.start()
    qtbot.waitUntil(lambda: window.daily_job.thread is not None, timeout=5_000)
    window.close()
    assert window.daily_job.thread is None or window.daily_job.thread.isFinished()
    assert not window.daily_job.timer.isActive()


def test_a_job_stopped_as_the_window_closes_is_no_failure(qtbot, ctx, runner, monkeypatch, caplog):
    """Closing interrupts the job (SQLite's 'interrupted'): that is logged as a stop, not as a
    failure to try again, and says nothing on screen."""
    import logging
    import time

    import ui.shell.daily_job
    from loyalty.storage.turns import write_in_turns

    caplog.set_level(logging.INFO, logger="ui.shell.daily_job")
    started = []

    def slow_job(worker_ctx):
        def a_piece() -> bool:
            started.append(True)
            time.sleep(0.05)
            return True                                    # never done by itself

        write_in_turns(worker_ctx.db, a_piece)

    monkeypatch.setattr(ui.shell.daily_job, "run_daily_job", slow_job)
    failures = []
    runner.failed.connect(failures.append)
    runner.start()
    qtbot.waitUntil(lambda: bool(started), timeout=5_000)
    runner.stop()
    assert runner.thread.isFinished()
    qtbot.wait(100)                                        # the worker's last signals arrive
    assert failures == []
    assert "stopped as the window closed" in caplog.text and "failed" not in caplog.text
