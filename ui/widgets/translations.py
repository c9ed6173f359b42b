"""The screens' language: the app's Qt Linguist translations, Qt's own, and the locale that
formats money and dates.

The sources are `resources/i18n/loyalty_<language>.ts` (English is the source language, so
`loyalty_en.ts` holds only plural forms). The compiled `.qm` files are build output, written
beside the `.ts` by pyside6-lrelease and ignored by git: `compile_translations()` rebuilds any
that is missing or older than its `.ts` (at start in development, and by the build before
PyInstaller copies resources/ into the bundle, which has no lrelease)."""

import logging
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from loyalty.common.messages import use_language
from loyalty.programme.rules import LANGUAGES

from .formatting import locale_for

# The project's (or the bundle's) resources folder, beside the ui package: ui/shell/ is two down.
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
I18N = RESOURCES / "i18n"
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES = {"es": "Español", "en": "English"}   # each in its own language, never translated

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def ts_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"loyalty_{language}.ts"


def qm_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"loyalty_{language}.qm"


def qt_tool(name: str) -> Path:
    """A Qt Linguist tool (lupdate, lrelease) as PySide6 ships it, beside its package."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{name}: not found in {folder} (is PySide6 installed with its tools?)")


def stale_translations(folder: Path = I18N) -> list[Path]:
    """The .ts files whose .qm is missing or older than the .ts."""
    stale = []
    for source in sorted(folder.glob("loyalty_*.ts")):
        compiled = source.with_suffix(".qm")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            stale.append(source)
    return stale


def compile_translations(folder: Path = I18N, force: bool = False) -> list[Path]:
    """Compile each stale (or, with force, every) .ts to the .qm beside it; the .qm written.
    Unfinished translations are left out of the .qm, so Qt shows the English source for them."""
    sources = sorted(folder.glob("loyalty_*.ts")) if force else stale_translations(folder)
    if not sources:
        return []
    lrelease = qt_tool("lrelease")
    written = []
    for source in sources:
        target = source.with_suffix(".qm")
        result = subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)],
                                capture_output=True, text=True)
        if result.returncode != 0 or not target.exists():
            raise RuntimeError(f"lrelease {source.name}: {(result.stderr or result.stdout).strip()}")
        written.append(target)
    return written


def _refresh_in_development() -> None:
    """Running from the source tree: rebuild a missing or outdated .qm. A bundle has no
    lrelease and ships its .qm ready; a failure here leaves the screens in English, logged."""
    if getattr(sys, "frozen", False):
        return
    try:
        compile_translations()
    except (OSError, RuntimeError) as error:
        log.warning("Translations not compiled: %s", error)


def qt_translations_folder() -> Path:
    """Qt's own translations (qtbase_es.qm: standard buttons, file dialogs, context menus):
    where QLibraryInfo says, else beside PySide6's Qt libraries (where a bundle keeps them)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not any(folder.glob("qtbase_*.qm")):
        import PySide6

        beside = Path(PySide6.__file__).resolve().parent / "Qt" / "translations"
        if beside.is_dir():
            return beside
    return folder


def install_translator(app: QCoreApplication, language: str, system: QLocale | None = None) -> QLocale:
    """Show the screens in `language` ("es" or "en"; anything else: Spanish) from now on, and
    make its locale the default one that formats money, numbers and dates. Calling it again
    replaces the translators installed before. Widgets made before the call keep their texts."""
    language = language if language in LANGUAGES else LANGUAGES[0]
    _refresh_in_development()
    remove_translators(app)
    for name, folder in ((f"qtbase_{language}.qm", qt_translations_folder()), (qm_path(language).name, I18N)):
        translator = QTranslator(app)
        if translator.load(str(folder / name)):
            app.installTranslator(translator)
            _installed.append(translator)
        elif language != SOURCE_LANGUAGE:
            log.warning("No translation %s in %s: those texts stay in English", name, folder)
    use_language(language)   # the domain's error messages, which the screens show as they come
    locale = locale_for(language, system)
    QLocale.setDefault(locale)
    return locale


def remove_translators(app: QCoreApplication) -> None:
    """Back to the English source texts (tests switch languages within one process)."""
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    use_language(SOURCE_LANGUAGE)
