"""Card numbers: digits only (the only characters every keyboard-wedge scanner
types the same on every layout), ending in a Luhn check digit so that a one-digit
typo or a misread is reported as an invalid card rather than looked up."""

import secrets

from ..common.errors import InvalidCardError
from ..common.messages import field_name, t

CARD_LENGTH = 12


def luhn_check_digit(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:  # doubled: these positions sit left of the check digit
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def is_luhn_valid(number: str) -> bool:
    return len(number) >= 2 and number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


def card_from_body(body: str) -> str:
    return body + luhn_check_digit(body)


def new_card_number(prefix: str = "2") -> str:
    """A random (not sequential, so not guessable) number with the shop's prefix."""
    random_digits = CARD_LENGTH - 1 - len(prefix)
    body = prefix + f"{secrets.randbelow(10**random_digits):0{random_digits}d}"
    return card_from_body(body)


def normalize_card_text(text: str) -> str:
    """What a scanner or a person typed, minus spaces and dashes people add for reading."""
    return "".join(ch for ch in str(text).strip() if ch not in " -")


def require_well_formed(number: str, field: str = "card") -> None:
    if not number.isdigit():
        raise InvalidCardError(t("{field}: '{number}' is not a card number (digits only)",
                                 field=field_name(field), number=number), field)
    if not is_luhn_valid(number):
        raise InvalidCardError(
            t("{field}: {number} is not a valid card number (check digit wrong: mistyped or misread)",
              field=field_name(field), number=number), field
        )
