"""Render the app's screens offscreen on a demo shop into docs/screenshots/ (run after UI work)."""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from loyalty.shop import open_shop  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(open_shop(Path(folder) / "demo.sqlite"))
        window.show()
        app.processEvents()
        window.grab().save(str(OUT / "first-window-empty.png"))
        window.load_demo()
        app.processEvents()
        window.grab().save(str(OUT / "first-window-demo.png"))
        window.ctx.db.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
