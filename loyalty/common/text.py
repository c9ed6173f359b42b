"""Text folding for search: `José Núñez` and `jose nunez` are the same to a cashier."""

import re
import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(without_marks.casefold().split())


_NOT_A_DIGIT = re.compile(r"[^0-9]")


def digits_only(text: str) -> str:
    """The ASCII digits of a phone or card number as people write them (spaces, dashes, dots)."""
    return _NOT_A_DIGIT.sub("", text or "")
