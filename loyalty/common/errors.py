"""Errors a user can cause, each with a sentence that names the field and the problem.

Anything that is not a LoyaltyError is a bug: the CLI and the GUI treat those
differently (log and report) from these (show the sentence, change nothing).

`message` is the sentence in the language of the screens (see messages.py); `str(error)` and
`args` stay English, for the command line and the logs.
"""

from .messages import translated


class LoyaltyError(Exception):
    """Base class. `field` names the input at fault, when there is one."""

    exit_code = 1

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self._message = message
        self.field = field

    @property
    def message(self) -> str:
        return translated(self._message)


class ValidationError(LoyaltyError):
    """Bad input: a malformed amount, a missing name, an unknown option value."""

    exit_code = 2


class OtherShopError(ValidationError):
    """A backup of another shop, offered for restoring without the explicit confirmation that
    names both shops. `ours` and `theirs` are the two shops' labels, for that confirmation."""

    def __init__(self, message: str, field: str | None, ours: str, theirs: str):
        super().__init__(message, field)
        self.ours, self.theirs = ours, theirs


class NotFoundError(LoyaltyError):
    """A member, reward, campaign or entry that is not on file."""

    exit_code = 2


class InvalidCardError(ValidationError):
    """The card number fails its check digit: most likely a typo or a bad scan."""


class UnknownCardError(NotFoundError):
    """A well-formed card number that is not on file."""


class BlockedCardError(LoyaltyError):
    """A card that was blocked or replaced by a re-issued one."""

    exit_code = 2


class InsufficientPointsError(LoyaltyError):
    """A redemption or deduction larger than the member's balance."""

    exit_code = 2


class ConflictError(LoyaltyError):
    """The operation contradicts what is already recorded (e.g. same receipt, other amount)."""

    exit_code = 2


class StorageError(LoyaltyError):
    """The database cannot be used: newer schema, network share, disk full, read-only."""

    exit_code = 1


class PrintingError(LoyaltyError):
    """The printer or the system's print queue refused the job (not the user's input)."""

    exit_code = 1


class PermissionDeniedError(LoyaltyError):
    """The signed-in staff member's role does not allow this action (a manager may approve it)."""

    exit_code = 3


class LoginError(LoyaltyError):
    """Wrong name or PIN/password, or an account locked after too many wrong tries."""

    exit_code = 3
