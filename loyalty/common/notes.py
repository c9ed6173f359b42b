"""Notes the app itself writes beside ledger entries and follow-ups: "refund", "points of entry
12 expired", "Regular customer, usually every 14 days, …". They are stored in English, as the
command line, the logs and the exports read them; a screen or a slip that shows one recognises
it (`read_note`) and says it in its own language (messages.translated, with the Spanish of
each template in messages_es.py). A note a person typed is none of these and reads as typed.

Writers call `note(TEMPLATE, **values)`, never an f-string of their own: the text written and
the text recognised are then the same template."""

import re
from typing import Callable

from .messages import Text, plural_form, t, tn

REFUND = "refund"
DISCOUNT = "discount"
UNDO_AT_THE_COUNTER = "undo at the counter"
VOID = "void"
COUNTER_SURVEY = "counter survey"
OPENING_BALANCE = "opening balance (import)"
REFERRED_BY_A_MEMBER = "referred by a member"
REFERRED_MEMBER = "referred member {card}"
BIRTHDAY = "birthday {year}"
EXPIRED = "points of entry {entry} expired"
MERGED_INTO = "merged into card {card}"
MERGED_FROM = "merged from card {card}"
MERGE_UNDONE = "merge with card {card} undone"
COMPLAINT = "complaint {complaint}"
COMPLAINT_CHECK = "Complaint {complaint} ({category}) was resolved: ask whether they are satisfied now"
LAPSED_REGULAR = "Regular customer, usually every {interval} days, last came {days} days ago: call this week"
CAMPAIGN_SOON = ("Campaign '{name}' starts on {day}: tell the members who agreed to marketing contact "
                 "(loyalty segment ... --contacts)")
EXPIRING = ("{count} point expires on {day}: remind them", "{count} points expire on {day}: remind them")

NOTES = (REFUND, DISCOUNT, UNDO_AT_THE_COUNTER, VOID, COUNTER_SURVEY, OPENING_BALANCE, REFERRED_BY_A_MEMBER,
         REFERRED_MEMBER, BIRTHDAY, EXPIRED, MERGED_INTO, MERGED_FROM, MERGE_UNDONE, COMPLAINT, COMPLAINT_CHECK,
         LAPSED_REGULAR, CAMPAIGN_SOON)
PLURAL_NOTES = (EXPIRING,)

# What each placeholder may hold when a stored note is read back: narrow, so that a reason a
# person typed ("complaint about the noise") is not mistaken for one of these.
_VALUE = {"card": r"\d+", "year": r"\d{4}", "entry": r"\d+", "complaint": r"\d+", "category": r"[a-z_]+",
          "interval": r"\d+", "days": r"\d+", "count": r"-?\d+", "day": r"\d{4}-\d{2}-\d{2}", "name": r".+"}
_NUMBERS = {"card", "day"}   # digits that stay text


def note(template: str | tuple[str, str], **values) -> Text:
    """The note to store: one of NOTES with its values, or one of PLURAL_NOTES with `count`."""
    if isinstance(template, tuple):
        if template not in PLURAL_NOTES:
            raise ValueError(f"not a note: {template!r}")
        return tn(values.pop("count"), *template, **values)
    if template not in NOTES:
        raise ValueError(f"not a note: {template!r}")
    return t(template, **values)


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>{_VALUE.get(part, '.+')})"
                              for index, part in enumerate(parts)))


_READERS = [(_pattern(template), template) for template in NOTES] + [
    (_pattern(form), forms) for forms in PLURAL_NOTES for form in forms]


def read_note(stored: str | None, shown: dict[str, Callable[[str], str]] | None = None) -> str:
    """A stored note as a Text to translate (`translated`), or the text itself when it is none of
    the app's notes. `shown` turns a value into display text first (a day in the locale's format)."""
    if not stored:
        return ""
    for pattern, template in _READERS:
        match = pattern.fullmatch(stored)
        if match is None:
            continue
        values = {name: value if name in _NUMBERS or not value.lstrip("-").isdigit() else int(value)
                  for name, value in match.groupdict().items()}
        shown_values = {name: (shown or {}).get(name, lambda value: value)(value) for name, value in values.items()}
        if isinstance(template, tuple):
            count = values["count"]
            return Text(template[plural_form(count)], shown_values, template, count)
        return Text(template, shown_values)
    return stored
