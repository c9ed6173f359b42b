"""Start the app: `python main.py` opens the window; `python main.py COMMAND ...` runs the CLI;
`python main.py --self-test` checks this installation (see loyalty/operations/self_test.py).

The CLI never loads Qt, so scheduled tasks run on a machine without a display.
"""

import multiprocessing
import sys
import time

STARTED = time.perf_counter()   # the self-test reports how long the window took from here


def opens_the_window(argv: list[str]) -> bool:
    """No command, only the window's options: `--db PATH` or `--db=PATH`."""
    rest = list(argv)
    while rest:
        if rest[0] == "--db" and len(rest) > 1:
            rest = rest[2:]
        elif rest[0].startswith("--db="):
            rest = rest[1:]
        else:
            return False
    return True


def main(argv: list[str]) -> int:
    if argv == ["--self-test"]:
        from loyalty.operations.self_test import run_self_test

        return run_self_test(window_checks)
    if opens_the_window(argv):
        from ui.shell.app import main as run_gui

        return run_gui(argv)
    from loyalty.cli import main as run_cli

    return run_cli(argv)


def window_checks():
    """Imported only here, so that missing Qt libraries fail one check, after the domain's."""
    from ui.shell.self_test import qt_checks

    return lambda report, ctx, folder: qt_checks(report, ctx, folder, STARTED)


if __name__ == "__main__":
    # A process the app starts (a first download's seals: loyalty/chain/side_seals.py) runs here in
    # the installed bundle, whose executable is the app itself: its work, not a second app.
    multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1:]))
