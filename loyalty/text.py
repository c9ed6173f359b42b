"""Text folding for search: `José Núñez` and `jose nunez` are the same to a cashier."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(without_marks.casefold().split())


def digits_only(text: str) -> str:
    return "".join(ch for ch in text or "" if ch.isdigit())
