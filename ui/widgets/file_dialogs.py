"""Every file dialog of the app: the one place that makes them, so that none can cost SQLite
its locks (loyalty/storage/lock_guard.py tells the trap).

Qt's file dialog runs in the app's process, and its model asks each listed file for its type
and icon; Qt finds the type by opening the file and reading its first bytes whenever the name
does not settle it — the database and its -wal and -shm among them. Closing that descriptor
drops SQLite's locks. So every dialog here is Qt's own (never the platform's, which runs in
this process too and reads files the same way; `prepare_application` also switches native
dialogs off for the ones Qt makes itself) and gets an icon provider that looks at names only.
The print dialog's *Print to file* browser is such a dialog made by Qt: `print_dialog`
gives it the same provider while the print dialog is open.

Whatever a person picks is also refused if it is one of the database's files (reading it
would drop the locks; writing it would destroy the shop). A test fails when a screen makes a
QFileDialog or a QPrintDialog anywhere but here.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QFileInfo, QObject
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QFileIconProvider, QMessageBox, QWidget

from loyalty.common.errors import ValidationError
from loyalty.storage.lock_guard import refuse_database_file

# Qt's own Spanish (qtbase_es.qm) has these labels of its file dialog only as they were before Qt 6
# gave them shortcuts ("Look in:"), so they showed in English; and it says "fichero", which only
# Spain says. Our translation file has them under Qt's own context, and Qt asks it first.
QT_FILE_DIALOG_LABELS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
                         QT_TRANSLATE_NOOP("QFileDialog", "File &name:"),
                         QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


class NamesOnlyIconProvider(QFileIconProvider):
    """Icons and type names from a file's name and kind, never from its contents."""

    def icon(self, what):
        if isinstance(what, QFileInfo):
            kind = (QAbstractFileIconProvider.IconType.Folder if what.isDir()
                    else QAbstractFileIconProvider.IconType.File)
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("file_dialogs", "Folder")
        if info.suffix():
            return QCoreApplication.translate("file_dialogs", "{suffix} file").format(suffix=info.suffix().upper())
        return QCoreApplication.translate("file_dialogs", "File")


_provider: NamesOnlyIconProvider | None = None


def names_only_icon_provider() -> NamesOnlyIconProvider:
    """One for the whole app: a dialog does not own its provider, so it must outlive them all."""
    global _provider
    if _provider is None:
        _provider = NamesOnlyIconProvider()
    return _provider


def make_safe(dialog: QFileDialog) -> QFileDialog:
    """Qt's own dialog with the names-only provider. The model lists the folder on a thread but
    asks for types and icons on the GUI thread as the list arrives (an event), so a provider set
    before the dialog's event loop runs is the one every file meets."""
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(names_only_icon_provider())
    return dialog


def _chosen(dialog: QFileDialog, parent: QWidget | None, field: str) -> str:
    """The picked path, or "" when the person cancelled or picked one of the database's files."""
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    path = dialog.selectedFiles()[0]
    try:
        refuse_database_file(path, field)
    except ValidationError as error:
        QMessageBox.warning(parent, dialog.windowTitle(), error.message)
        return ""
    return path


def file_to_open(parent: QWidget | None, caption: str, filters: str, field: str = "file") -> str:
    dialog = make_safe(QFileDialog(parent, caption, "", filters))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _chosen(dialog, parent, field)


def file_to_save(parent: QWidget | None, caption: str, suggested_name: str, filters: str,
                 field: str = "file") -> str:
    dialog = make_safe(QFileDialog(parent, caption, "", filters))
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested_name)
    return _chosen(dialog, parent, field)


def folder(parent: QWidget | None, caption: str, field: str = "folder") -> str:
    dialog = make_safe(QFileDialog(parent, caption, ""))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _chosen(dialog, parent, field)


class _FileDialogsMadeSafe(QObject):
    """While installed on the application: any QFileDialog that Qt itself makes gets the
    names-only provider as it is polished — before it is shown and before its event loop
    hands it the folder's files."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QFileDialog):
            watched.setIconProvider(names_only_icon_provider())
        return False


def print_dialog(printer: QPrinter, parent: QWidget | None) -> bool:
    """The system's print dialog for `printer`; True when the person chose to print. Printing
    to a file that is one of the database's files is refused."""
    guard = _FileDialogsMadeSafe()
    application = QApplication.instance()
    application.installEventFilter(guard)
    try:
        accepted = QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted
    finally:
        application.removeEventFilter(guard)
    if accepted and printer.outputFileName():
        try:
            refuse_database_file(printer.outputFileName(), "file")
        except ValidationError as error:
            QMessageBox.warning(parent, QCoreApplication.translate("file_dialogs", "Print"), error.message)
            return False
    return accepted
