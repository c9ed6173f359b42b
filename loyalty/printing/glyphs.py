"""What a PDF's built-in font can draw.

The cards are set in Helvetica, one of the PDF's standard fonts: nothing to embed, the same on
every PC and printer. It draws the Windows-1252 characters (every Spanish, Portuguese, French,
German and Italian letter, €, ñ, ¿, ¡), and reportlab adds the Symbol and ZapfDingbats fonts
(Greek letters, ✓). Any other character is printed as a black box: an emoji in a member's name,
a Polish ł, a Chinese name. So the text is cleaned first: a letter the font lacks keeps its base
letter (ő → o, ł → l); what has none (emoji, other scripts) is left out."""

import unicodedata
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getFont

# Latin letters with a stroke have no decomposition to a base letter; these are the ones
# found in European names.
STROKED = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "ı": "i"})


@lru_cache(maxsize=4096)
def can_draw(char: str, font: str) -> bool:
    """reportlab's own rule: the character is in the font's encoding or in one of the fonts it
    substitutes (its 'notdef' box is drawn otherwise)."""
    face = getFont(font)
    for candidate in (face, *getattr(face, "substitutionFonts", ())):
        try:
            char.encode(candidate.encName)
            return True
        except (UnicodeEncodeError, LookupError, AttributeError):
            continue
    return False


def drawable(text: str, font: str) -> str:
    """`text` as `font` can print it: no black boxes; the spaces left by a dropped character
    close up."""
    kept = []
    for char in text.translate(STROKED):
        if char.isspace():
            kept.append(" ")      # a tab or a line break the font has no shape for still parts words
        elif can_draw(char, font):
            kept.append(char)
        else:
            kept.append("".join(part for part in unicodedata.normalize("NFKD", char)
                                if not unicodedata.combining(part) and can_draw(part, font)))
    return " ".join("".join(kept).split())
