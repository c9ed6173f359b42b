"""The one-time join code `hub add-counter` prints (or writes to a file readable only by its
owner): how a counter reaches the hub and who it is there.

A code is `lhj1.` and the base64url (no padding) of a small JSON object: chain_id, host, port,
dbname, user, password, device_id, store, sslmode, expires_at (UTC), and for a hub kept on a
shop's PC cert_sha256: its certificate's fingerprint (tls_front.py). `parse_join_code` reads a
code or a file holding one and refuses, in one sentence naming the field, a damaged code, an
expired one, or one of another chain than the counter's; it writes nothing."""

import base64
import binascii
import json
import os
import re
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..common.errors import ValidationError
from ..common.messages import t

PREFIX = "lhj1."
VALID_DAYS = 7
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class JoinCode:
    chain_id: str
    host: str
    port: int
    dbname: str
    user: str
    password: str
    device_id: str
    store: str
    sslmode: str
    expires_at: str
    cert_sha256: str = ""       # a hub kept on a shop's PC: the certificate the till must find there

    def text(self) -> str:
        raw = json.dumps(asdict(self), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def conninfo(self, sslrootcert: Path | None = None) -> str:
        """The libpq connection string of the counter's own role (`sslrootcert`: the hub's
        certificate, pinned)."""
        from psycopg.conninfo import make_conninfo
        pinned = {"sslrootcert": str(sslrootcert)} if sslrootcert else {}
        return make_conninfo(host=self.host, port=self.port, dbname=self.dbname, user=self.user,
                             password=self.password, sslmode=self.sslmode, connect_timeout=10, **pinned)


def expiry(now: datetime) -> str:
    return (now.astimezone(timezone.utc) + timedelta(days=VALID_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_join_code(code: JoinCode, path: Path) -> None:
    """The code in a file only its owner may read (0600), replacing one there."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(t("{field}: the folder '{folder}' does not exist", field="file", folder=str(folder)), "file")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
        os.write(descriptor, (code.text() + "\n").encode("ascii"))
    finally:
        os.close(descriptor)


def parse_join_code(text: str, now: datetime, chain_id: str | None = None) -> JoinCode:
    """The code in `text`, or in the file `text` names. `chain_id`: the counter's chain, when it
    has joined one already (a code of another chain is refused)."""
    text = (text or "").strip()
    if not text.startswith(PREFIX) and len(text) < 1024 and Path(text).is_file():
        try:
            text = Path(text).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise ValidationError(t("join code: cannot read the file ({reason})", reason=str(error)),
                                  "join_code") from None
    if not text.startswith(PREFIX):
        raise ValidationError(t("join code: not a join code (it starts with {prefix})", prefix=PREFIX), "join_code")
    body = text[len(PREFIX):]
    try:
        fields = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8"))
    except (binascii.Error, ValueError):
        raise ValidationError(t("join code: damaged (copy it again, whole)"), "join_code") from None
    if not isinstance(fields, dict):
        raise ValidationError(t("join code: damaged (copy it again, whole)"), "join_code")
    optional = {"cert_sha256": ""}
    fields = {**optional, **fields}
    for name in JoinCode.__dataclass_fields__:
        value = fields.get(name)
        if name in optional and value == optional[name]:
            continue
        if not (isinstance(value, int) and not isinstance(value, bool) if name == "port" else
                isinstance(value, str) and value):
            raise ValidationError(t("join code: {field} is missing or wrong", field=name), "join_code")
    code = JoinCode(**{name: fields[name] for name in JoinCode.__dataclass_fields__})
    for name in ("chain_id", "device_id"):
        try:
            uuid.UUID(getattr(code, name))
        except ValueError:
            raise ValidationError(t("join code: {field} is missing or wrong", field=name), "join_code") from None
    if code.cert_sha256 and not re.fullmatch("[0-9a-f]{64}", code.cert_sha256):
        raise ValidationError(t("join code: {field} is missing or wrong", field="cert_sha256"), "join_code")
    if not 0 < code.port < 65536 or code.sslmode not in SSL_MODES:
        raise ValidationError(t("join code: {field} is missing or wrong",
                                field="port" if not 0 < code.port < 65536 else "sslmode"), "join_code")
    try:
        expires = datetime.strptime(code.expires_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        raise ValidationError(t("join code: {field} is missing or wrong", field="expires_at"), "join_code") from None
    if now >= expires:
        raise ValidationError(t("join code: expired on {moment} UTC; ask the hub's owner for a new one",
                                moment=code.expires_at[:16].replace("T", " ")), "join_code")
    if chain_id is not None and uuid.UUID(code.chain_id) != uuid.UUID(str(chain_id)):
        raise ValidationError(t("join code: it is for the chain {theirs}, but this counter belongs to the chain {ours}",
                                theirs=code.chain_id, ours=str(chain_id)), "join_code")
    return code
