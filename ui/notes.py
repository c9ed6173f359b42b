"""The notes the app writes beside ledger entries and follow-ups (loyalty/notes.py: "refund",
"points of entry 12 expired", "Regular customer, …") as the screens show them: in the screens'
language, with days and numbers in the locale's format and complaint categories in words. A
note a person typed is shown as typed."""

from loyalty.messages import translated
from loyalty.notes import read_note

from .complaint_dialog import category_words
from .formatting import date_text, points_text


def note_text(stored: str | None) -> str:
    categories = category_words()
    return translated(read_note(stored, {"day": date_text, "count": points_text, "interval": points_text,
                                         "days": points_text,
                                         "category": lambda code: categories.get(code, code).lower()}))
