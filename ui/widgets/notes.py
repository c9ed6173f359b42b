"""The notes the app writes beside ledger entries and follow-ups (loyalty/common/notes.py: "refund",
"points of entry 12 expired", "Regular customer, …") as the screens show them: in the screens'
language, with days and numbers in the locale's format and complaint categories in words. A
note a person typed is shown as typed."""

from PySide6.QtCore import QCoreApplication

from loyalty.common.messages import translated
from loyalty.common.notes import read_note

from .formatting import date_text, points_text


def note_text(stored: str | None) -> str:
    categories = category_words()
    return translated(read_note(stored, {"day": date_text, "count": points_text, "interval": points_text,
                                         "days": points_text,
                                         "category": lambda code: categories.get(code, code).lower()}))


def category_words() -> dict[str, str]:
    """The complaint categories as the screens name them (the dialog and the Retention screen)."""
    # Literal calls (not a helper taking a variable) so that lupdate finds them under their context.
    translate = QCoreApplication.translate
    return {"product": translate("ComplaintCategory", "Product"), "service": translate("ComplaintCategory", "Service"),
            "waiting": translate("ComplaintCategory", "Waiting"), "price": translate("ComplaintCategory", "Price"),
            "points": translate("ComplaintCategory", "Points"), "other": translate("ComplaintCategory", "Other")}
