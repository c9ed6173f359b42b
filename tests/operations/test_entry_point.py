"""main.py opens the window when given no command (only where the database is), else the CLI."""

from main import opens_the_window


def test_the_window_or_the_command_line():
    assert opens_the_window([]) and opens_the_window(["--db", "shop.sqlite"])
    assert opens_the_window(["--db=shop.sqlite"])
    assert not opens_the_window(["--db", "shop.sqlite", "verify"])
    assert not opens_the_window(["--help"]) and not opens_the_window(["verify"]) and not opens_the_window(["--db"])
