"""Why a sync round stopped, said so that a person knows what to do (docs/sync.md, "What a till
says"). Two kinds: `offline` — the hub cannot be reached (the hub PC is off, the network is down):
the till keeps selling and sends everything when it is back, nobody needs to act; and `owner` —
the hub answered but refuses this till, or something on it needs the owner (the password was
changed, the till was revoked, the hub is older or newer than this app, a certificate that does
not match): it will not mend itself.

PostgreSQL says why a login failed only in its message (libpq gives no SQLSTATE before a session
exists), in the server's language: the known phrases are matched in English and Spanish; anything
else that fails before a session exists is taken for the network."""

from dataclasses import dataclass

import psycopg
import psycopg.errors

from ..common.errors import LoyaltyError
from ..common.messages import t

OFFLINE, OWNER = "offline", "owner"

# Phrases of PostgreSQL's login refusals (en, es) -> what they mean here.
_PASSWORD = ("password authentication failed", "autentificación password falló", "autenticación password falló")
_REVOKED = ("is not permitted to log in", "no tiene permitido conectarse", "no tiene permitido iniciar sesión")
_UNKNOWN_ROLE = ("role \"", "el rol «", "no pg_hba.conf entry", "ninguna línea en pg_hba.conf")
# A certificate refused, or TLS asked of a server without it; not every message that names SSL (a
# connection cut in the middle of a TLS session is the network's).
_CERTIFICATE = ("certificate", "certificado", "does not support ssl", "no soporta ssl")


@dataclass(frozen=True)
class HubProblem:
    kind: str        # OFFLINE or OWNER
    sentence: str    # what happened and what to do, in the shop's language


def hub_problem(error: BaseException, host: str = "") -> HubProblem:
    """The problem a round's error stands for."""
    if isinstance(error, psycopg.errors.UndefinedFunction):       # a hub not upgraded since this app came
        return HubProblem(OWNER, t("hub: the hub is older than this app: ask the owner to upgrade it "
                                   "(loyalty hub init, which keeps its data); sales are saved here meanwhile"))
    if isinstance(error, LoyaltyError):       # checked by this app: the hub's chain or schema, a missing password
        return HubProblem(OWNER, error.message)
    text = _first_line(error)
    lowered = str(error).lower()
    if isinstance(error, psycopg.errors.InsufficientPrivilege):      # hub.calling_device() refused this till
        return _revoked() if "revoked" in lowered else _unknown_till()
    if isinstance(error, psycopg.OperationalError):
        if any(phrase in lowered for phrase in _REVOKED):
            return _revoked()
        if password_refused(error):
            return HubProblem(OWNER, t("hub: the hub refused this till's password (was it changed?): ask the owner "
                                       "for a new join code; sales are saved here meanwhile"))
        if any(phrase in lowered for phrase in _UNKNOWN_ROLE):
            return _unknown_till()
        if any(phrase in lowered for phrase in _CERTIFICATE):
            return HubProblem(OWNER, t("hub: the hub's certificate could not be checked ({reason}): ask the owner; "
                                       "sales are saved here meanwhile", reason=text))
        if error.sqlstate is None or error.sqlstate.startswith("08"):   # no session: the network
            return HubProblem(OFFLINE, t("hub: the hub at {host} cannot be reached (is the hub's PC on, and this till "
                                         "on the network?); sales are saved here and sent when it is back",
                                         host=host or "?"))
    return HubProblem(OWNER, t("hub: the hub refused what this till sent ({reason}): ask the owner; sales are "
                               "saved here meanwhile", reason=text))


def password_refused(error: BaseException) -> bool:
    """PostgreSQL refused a login's password (read in English and Spanish)."""
    lowered = str(error).lower()
    return any(phrase in lowered for phrase in _PASSWORD)


def _revoked() -> HubProblem:
    return HubProblem(OWNER, t("hub: this till was revoked on the hub: if that was a mistake, the owner can join it "
                               "again with a new join code; sales are saved here meanwhile"))


def _unknown_till() -> HubProblem:
    return HubProblem(OWNER, t("hub: the hub does not know this till (is it the chain's hub?): ask the owner for a "
                               "new join code; sales are saved here meanwhile"))


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
