"""Render resources/loyalty-counter.svg to the PNG sizes Linux desktops use and to a
Windows .ico (Qt draws the SVG; Pillow writes the .ico). Run again after editing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SVG = RESOURCES / "loyalty-counter.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int, path: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    sizes_folder = RESOURCES / "icons"
    sizes_folder.mkdir(exist_ok=True)
    for size in PNG_SIZES:
        render(renderer, size, sizes_folder / f"loyalty-counter-{size}.png")
    big = sizes_folder / "loyalty-counter-256.png"
    (RESOURCES / "loyalty-counter.png").write_bytes(big.read_bytes())
    Image.open(big).save(RESOURCES / "loyalty-counter.ico", sizes=[(size, size) for size in ICO_SIZES])
    print(f"wrote {len(PNG_SIZES)} PNGs in {sizes_folder}, {RESOURCES / 'loyalty-counter.png'}, "
          f"{RESOURCES / 'loyalty-counter.ico'}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
