"""Every screen readable at 1024×768 and up: the window opens inside the screen it is on
(measured in a process of its own, on a screen of that size), and on the screens a cashier
uses every text fits its widget, in Spanish and in English (tests/readable.py measures)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# -- the window on screens of several sizes -----------------------------------------------

def open_on_screen(tmp_path: Path, width: int, height: int, language: str = "es") -> dict:
    """tests/screen_size_driver.py opens the app's window as the app does, on an offscreen
    screen of this size, and says what it saw on each screen of the window."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "shop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "screen_size_driver.py"), str(tmp_path / "shop.sqlite"),
                           language],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("width, height, language", [(1024, 768, "es"), (1024, 768, "en"), (1366, 768, "es")])
def test_every_widget_of_the_window_is_on_a_small_screen(tmp_path, width, height, language):
    seen = open_on_screen(tmp_path, width, height, language)
    assert seen["frame"] == [0, 0, width, height], "smaller than 1280×800 plus a title bar: the whole screen"
    assert seen["maximised"]
    for screen, problems in seen["screens"].items():
        assert problems == [], f"{screen} at {width}×{height}"


def test_on_a_big_screen_the_window_opens_at_its_preferred_size_in_the_middle(tmp_path):
    seen = open_on_screen(tmp_path, 1920, 1080)
    assert seen["window"] == [320, 140, 1280, 800] and not seen["maximised"]
    assert all(problems == [] for problems in seen["screens"].values())
