"""Start the app: `python main.py` opens the window; `python main.py COMMAND ...` runs the CLI.

The CLI never loads Qt, so scheduled tasks run on a machine without a display.
"""

import sys


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
    if opens_the_window(argv):
        from ui.app import main as run_gui

        return run_gui(argv)
    from loyalty.cli import main as run_cli

    return run_cli(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
