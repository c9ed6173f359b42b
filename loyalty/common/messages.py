"""The domain's sentences in the language of the screens.

A message is built with `t("name: at most {limit} characters", limit=80)`: the result is the
English text (a `str`, so the command line, the logs and the tests read it as before) that also
keeps its template and values. `translated(text)` looks the template up in the catalog of the
language in use (`use_language`, called by the GUI where it installs its Qt translator) and
formats the translated template with the same values. The command line never switches: English.

A message with a count in it has a form per plural category ("1 bad row", "2 bad rows"):
`tn(count, "{count} bad row", "{count} bad rows")` keeps both English forms, and `translated`
picks the form the count takes in the language shown (`plural_form`), each form translated by
its own catalog entry.

No Qt here: the domain stays importable without PySide6."""

from typing import Callable

ENGLISH = "en"
_language = ENGLISH


class Text(str):
    """English text that remembers the template and the values it was made from (and, for a
    message with a count, every form of the template: see `tn`)."""

    template: str
    values: dict
    forms: tuple[str, ...] = ()
    count: int = 0          # what picks the form, when there are forms

    def __new__(cls, template: str, values: dict, forms: tuple[str, ...] = (), count: int = 0):
        text = super().__new__(cls, template.format(**values))
        text.template = template
        text.values = values
        text.forms = forms
        text.count = count
        return text

    def __reduce__(self):   # copied (dataclasses.asdict deep-copies) and pickled whole
        return Text, (self.template, self.values, self.forms, self.count)


def t(template: str, **values) -> Text:
    """A message: `template` is English with `{named}` placeholders (str.format syntax)."""
    return Text(template, values)


def regrouped(text: Text, group: Callable[[int], str]) -> Text:
    """`text` with its whole numbers written by `group` (the digit grouping of where it is shown:
    "1,500,000" on the command line, "1.500.000" on a Spanish screen)."""
    values = {name: group(value) if isinstance(value, int) and not isinstance(value, bool) else value
              for name, value in text.values.items()}
    return Text(text.template, values, text.forms, text.count)


def plural_form(count: int, code: str = ENGLISH) -> int:
    """Which form of a message a count takes in language `code`: 0 for one, 1 for any other
    number. English and Spanish agree (1 visit, 0 and 2 visits; 1 visita, 0 and 2 visitas); a
    language with more forms would add its rule here, as Qt's .ts files do for the screens."""
    return 0 if abs(count) == 1 else 1


def tn(count: int, one: str, other: str, **values) -> Text:
    """A message with a count: `one` ("{count} bad row") and `other` ("{count} bad rows"), both
    English, with `count` among the values as {count}; each form needs its catalog entry."""
    forms = (one, other)
    return Text(forms[plural_form(count)], {"count": count, **values}, forms, count)


def field_name(name: str) -> str:
    """A field's name as the person reads it (the 'card' of 'card: … is not on file'), so that a
    message whose field prefix is a placeholder shows the field in the language in use."""
    return name if isinstance(name, Text) else Text(str(name).replace("{", "{{").replace("}", "}}"), {})


def use_language(code: str) -> None:
    """Messages in `code` ("es") from now on; anything without a catalog: English."""
    global _language
    _language = code if code in _catalogs() else ENGLISH


def language() -> str:
    return _language


def _catalogs() -> dict[str, tuple[dict, dict]]:
    from . import messages_es

    return {"es": (messages_es.MESSAGES, messages_es.FIELDS)}


def translated(text: str, code: str | None = None) -> str:
    """`text` in the language in use (or in `code`: what is printed goes in the shop's language):
    a Text whose template the catalog has, formatted with its values (translated in turn); a
    message with a count in the form its count takes in that language; anything else as it is."""
    code = code or _language
    if not isinstance(text, Text) or code not in _catalogs():
        return text
    messages, fields = _catalogs()[code]
    template = messages.get(text.template)
    if text.forms:
        forms = [messages.get(form) for form in text.forms]
        template = forms[plural_form(text.count, code)] if all(forms) else None
    if template is None:
        template = fields.get(text.template)
        if template is None:
            return text
        return template
    values = {name: translated(value, code) for name, value in text.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):   # a broken catalog entry must not hide the error
        return text
