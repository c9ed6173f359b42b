"""Update the translation sources from the code, or compile them.

    python tools/update_translations.py            # lupdate: new strings into resources/i18n/*.ts
    python tools/update_translations.py --compile  # lrelease: .ts -> .qm (the build runs this)

After an update, open resources/i18n/loyalty_es.ts in Qt Linguist (`pyside6-linguist`) or
any editor and translate every message marked `type="unfinished"`: tests/ui/test_translations.py
fails while one is left. English is the source language, so loyalty_en.ts holds only the
plural forms (`%n`) English needs. The .qm files are build output: never edit or commit them.
"""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.widgets.translations import I18N, SOURCE_LANGUAGE, compile_translations, qt_tool, ts_path  # noqa: E402

LANGUAGES = ("es", "en")


def sources(root: Path = ROOT) -> list[Path]:
    """Every file whose visible strings go through tr(): the Qt layer only (loyalty/ has no Qt)."""
    return sorted((root / "ui").rglob("*.py"))


def lupdate_command(ts_file: Path, language: str, root: Path = ROOT) -> list[str]:
    command = [str(qt_tool("lupdate")), "-silent", "-no-obsolete", "-locations", "relative",
               "-source-language", SOURCE_LANGUAGE, "-target-language", language]
    if language == SOURCE_LANGUAGE:
        command.append("-pluralonly")   # the source texts are the English ones
    return command + [str(path) for path in sources(root)] + ["-ts", str(ts_file)]


def update(folder: Path = I18N, root: Path = ROOT) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in LANGUAGES:
        target = ts_path(language, folder)
        subprocess.run(lupdate_command(target, language, root), check=True)
        written.append(target)
    return written


def unfinished(ts_file: Path) -> int:
    return ts_file.read_text(encoding="utf-8").count('type="unfinished"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compile", action="store_true", help="compile every .ts to its .qm (no lupdate)")
    args = parser.parse_args()
    if args.compile:
        for path in compile_translations(force=True):
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    for path in update():
        left = unfinished(path)
        print(f"{path.relative_to(ROOT)}: {left} to translate" if left else f"{path.relative_to(ROOT)}: complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
