"""Handing a print job to the operating system's queue, so any printer the system knows
(USB, network, shared) works and the queue deals with the hardware.

- Linux and macOS: CUPS, through its standard commands `lpstat` (list) and `lp`
  (print); ESC/POS bytes go as a raw job (`-o raw`) so CUPS passes them untouched.
- Windows: the spooler, through pywin32's `win32print` (a RAW job for ESC/POS).
PDFs (cards, PDF slips) are printed by the app's print dialog through Qt, not from here.
"""

import shutil
import subprocess
import sys

from ..common.errors import PrintingError
from ..common.messages import t

TIMEOUT_SECONDS = 20


def list_printers() -> list[str]:
    if sys.platform == "win32":
        win32print = _win32print()
        flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
        return [printer[2] for printer in win32print.EnumPrinters(flags)]
    if shutil.which("lpstat") is None:
        return []
    done = subprocess.run(["lpstat", "-e"], capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def send_raw(printer: str, data: bytes, title: str = "loyalty slip") -> None:
    """Send bytes the printer understands (ESC/POS) without any conversion."""
    if sys.platform == "win32":
        _spool_raw(_win32print(), printer, data, title)
        return
    _lp(["-o", "raw"], printer, title, data)


def _spool_raw(win32print, printer: str, data: bytes, title: str) -> None:
    """A RAW job through the Windows spooler: the bytes reach the printer's driver untouched. The
    spooler's refusals (no such printer, access denied, a short write) say which printer and why."""
    try:
        handle = win32print.OpenPrinter(printer or win32print.GetDefaultPrinter())
        try:
            win32print.StartDocPrinter(handle, 1, (title, None, "RAW"))
            try:
                win32print.StartPagePrinter(handle)
                written = win32print.WritePrinter(handle, data)
                win32print.EndPagePrinter(handle)
            finally:
                win32print.EndDocPrinter(handle)
        finally:
            win32print.ClosePrinter(handle)
    except win32print.error as error:           # pywintypes.error: (code, function, message)
        reason = f"{error.args[2]} ({error.args[1]})" if len(error.args) > 2 else str(error)
        raise _refused(printer, reason) from None
    if written != len(data):
        raise _refused(printer, f"{written} of {len(data)} bytes written")


def _refused(printer: str, reason: str) -> PrintingError:
    return PrintingError(t("printer: '{printer}' refused the job: {reason}", printer=printer or t("default"),
                           reason=reason), "printer")


def _lp(options: list[str], printer: str, title: str, data: bytes) -> None:
    if shutil.which("lp") is None:
        raise PrintingError(t("printer: no print system found (install CUPS: apt-get install cups)"), "printer")
    command = ["lp", *(["-d", printer] if printer else []), "-t", title, *options]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise PrintingError(t("printer: the print queue did not answer within {timeout_seconds} s",
                              timeout_seconds=TIMEOUT_SECONDS), "printer") from None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip() or f"lp exit status {done.returncode}"
        raise PrintingError(t("printer: '{printer}' refused the job: {reason}", printer=printer or t("default"),
                              reason=reason), "printer")


def _win32print():
    try:
        import win32print  # pywin32, installed on Windows only (see pyproject.toml)
    except ImportError:
        raise PrintingError(t("printer: pywin32 is missing; reinstall the app"), "printer") from None
    return win32print
