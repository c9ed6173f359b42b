"""The domain's sentences in the language of the screens.

A message is built with `t("name: at most {limit} characters", limit=80)`: the result is the
English text (a `str`, so the command line, the logs and the tests read it as before) that also
keeps its template and values. `translated(text)` looks the template up in the catalog of the
language in use (`use_language`, called by the GUI where it installs its Qt translator) and
formats the translated template with the same values. The command line never switches: English.

No Qt here: the domain stays importable without PySide6."""

ENGLISH = "en"
_language = ENGLISH


class Text(str):
    """English text that remembers the template and the values it was made from."""

    template: str
    values: dict

    def __new__(cls, template: str, values: dict):
        text = super().__new__(cls, template.format(**values))
        text.template = template
        text.values = values
        return text


def t(template: str, **values) -> Text:
    """A message: `template` is English with `{named}` placeholders (str.format syntax)."""
    return Text(template, values)


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


def translated(text: str) -> str:
    """`text` in the language in use: a Text whose template the catalog has, formatted with its
    values (translated in turn); anything else as it is."""
    if not isinstance(text, Text) or _language == ENGLISH:
        return text
    messages, fields = _catalogs()[_language]
    template = messages.get(text.template)
    if template is None:
        template = fields.get(text.template)
        if template is None:
            return text
        return template
    values = {name: translated(value) for name, value in text.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):   # a broken catalog entry must not hide the error
        return text
