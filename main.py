"""Start the app: `python main.py` opens the window; `python main.py COMMAND ...` runs the CLI.

The CLI never loads Qt, so scheduled tasks run on a machine without a display.
"""

import sys


def main(argv: list[str]) -> int:
    options_only = all(arg.startswith("--") for arg in argv) and "--help" not in argv and "-h" not in argv
    if options_only:
        from ui.app import main as run_gui

        return run_gui(argv)
    from loyalty.cli import main as run_cli

    return run_cli(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
