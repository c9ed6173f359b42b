"""An entry on the wire (docs/sync.md): its fields, its canonical JSON and its seal, written once.

The canonical JSON of an entry is every wire field but the seal, always all of them (null when
empty), keys sorted, no spaces, text as UTF-8 (not escaped to ASCII): `json.dumps(...,
sort_keys=True, separators=(",", ":"), ensure_ascii=False)`. Values are in their wire form:
UUIDs as lowercase text with hyphens, amounts and numbers as JSON integers, `created_at` as
UTC text `2026-03-01T10:30:00.000000Z` (microseconds, always six digits).

The seal of an entry is the SHA-256 (hex) of the previous seal of the same device (64 zeros
before the first entry), a `|`, and the entry's canonical JSON. The hub checks the same thing in
SQL (`hub_canonical` and `hub_seal` in hub_schema.py); tests/chain/test_hub_wire.py holds the
two equal over arbitrary text."""

import hashlib
import json
import re
import sqlite3
from datetime import datetime, timezone

from ..common.errors import ValidationError
from ..common.messages import t

UUID_FIELDS = ("uuid", "device_id", "member_uuid", "reverses_uuid", "reward_uuid", "campaign_uuid")
INTEGER_FIELDS = ("device_seq", "points", "amount_cents", "spend_cents")
TEXT_FIELDS = ("store", "kind", "receipt_ref", "reason", "bonus_kind", "tier_code", "staff", "detail",
               "idempotency_key")
TIME_FIELDS = ("created_at",)
SEALED_FIELDS = tuple(sorted(UUID_FIELDS + INTEGER_FIELDS + TEXT_FIELDS + TIME_FIELDS))
WIRE_FIELDS = SEALED_FIELDS + ("device_seal",)
REQUIRED = ("uuid", "device_id", "device_seq", "store", "kind", "created_at", "idempotency_key", "device_seal")
KINDS = ("earn", "redeem", "adjust", "reverse", "expire", "bonus")
GENESIS = "0" * 64
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def created_at_text(moment: datetime) -> str:
    """A moment as the wire writes it: UTC, microseconds, a Z."""
    if moment.tzinfo is None:
        raise ValidationError(t("created_at: the time has no time zone"), "created_at")
    return moment.astimezone(timezone.utc).strftime(TIME_FORMAT)


def canonical_json(entry: dict) -> str:
    """The entry's canonical JSON (what its seal covers). Refuses a value not in its wire form,
    naming the field, so that a device never seals what the hub would render differently."""
    if not entry.keys() <= _WIRE_FIELD_SET:
        raise ValidationError(t("entry: unknown field {field}", field=sorted(entry.keys() - _WIRE_FIELD_SET)[0]),
                              "entry")
    # SEALED_FIELDS is in key order already; each field's check looked up, not searched for: a
    # tenth of a big upload's time at the counter went to this function.
    return json.dumps({name: _CHECKS[name](name, entry.get(name)) for name in SEALED_FIELDS},
                      separators=(",", ":"), ensure_ascii=False)


def seal(previous_seal: str, entry: dict) -> str:
    return _seal_of_text(previous_seal, canonical_json(entry))


def _seal_of_text(previous_seal: str, canonical: str) -> str:
    return hashlib.sha256(f"{previous_seal}|{canonical}".encode("utf-8")).hexdigest()


def sealed_json(entries: list[dict], previous_seal: str = GENESIS) -> tuple[str, str]:
    """The entries (a device's, in device_seq order) sealed, written as the JSON array the hub
    takes, and the last seal."""
    return sealed_texts([canonical_json(entry) for entry in entries], previous_seal)


def sealed_texts(canonicals: list[str], previous_seal: str = GENESIS) -> tuple[str, str]:
    """Entries given as their canonical JSON, sealed and written as sealed_json writes them: each
    entry's canonical JSON with its seal added (dumping the batch again was a tenth of a big
    upload's time at the counter, bench/README.md)."""
    texts = []
    for canonical in canonicals:
        previous_seal = _seal_of_text(previous_seal, canonical)
        texts.append(f'{canonical[:-1]},"device_seal":"{previous_seal}"}}')
    return f"[{','.join(texts)}]", previous_seal


def canonical_json_in_sqlite(values: dict[str, str]) -> str:
    """An SQLite expression of an entry's canonical JSON, each sealed field's value given as an
    SQL expression — the time as the app stores times (common/clock.to_iso: `…+00:00`), which the
    wire writes `…Z`: the text canonical_json writes, or NULL where any value is not plainly in its
    wire form (canonical_json then says which, or writes it in its own way). A big upload reads
    its entries this way: building the dicts and dumping them was half the counter's time
    (bench/README.md). json_object() with the keys in order writes what json.dumps writes for
    such values — no spaces, UTF-8 kept, the same escapes (tests/chain/test_hub_wire.py; a
    counter checks its own SQLite first: sqlite_writes_canonical_json)."""
    plain = " AND ".join(_plain_in_sqlite(name, values[name]) for name in SEALED_FIELDS)
    fields = ", ".join(f"'{name}', {_wire_form_in_sqlite(name, values[name])}" for name in SEALED_FIELDS)
    return f"CASE WHEN coalesce({plain}, 0) THEN json_object({fields}) END"


def sqlite_writes_canonical_json(db) -> bool:
    """Whether this SQLite's json_object() writes a value as canonical_json does: every ASCII
    character, a few beyond, the extreme whole numbers. (An SQLite without JSON functions: no.)"""
    probe = "".join(map(chr, range(1, 128))) + "ñ€\u2028\U0001F600"
    expected = json.dumps({"a": probe, "b": -2**63, "c": 2**63 - 1, "d": None}, separators=(",", ":"),
                          ensure_ascii=False)
    try:
        written = db.execute("SELECT json_object('a', ?, 'b', ?, 'c', ?, 'd', NULL)", [probe, -2**63, 2**63 - 1])
    except sqlite3.OperationalError:
        return False
    return written.fetchone()[0] == expected


def _plain_in_sqlite(name: str, value: str) -> str:
    """SQL: the value is in its wire form as the checks below take it, no less strictly."""
    if name in UUID_FIELDS:
        shape = f"typeof({value}) = 'text' AND {value} GLOB '{_UUID_GLOB}'"
    elif name in INTEGER_FIELDS:
        shape = f"typeof({value}) = 'integer'"
    elif name in TIME_FIELDS:       # a real moment: as a day number, 31 April or 24:00 moves on
        shape = (f"typeof({value}) = 'text' AND {value} GLOB '{_STORED_TIME_GLOB}' "
                 f"AND substr({value}, 1, 4) <> '0000' "
                 f"AND strftime('%Y-%m-%dT%H:%M:%S', julianday(substr({value}, 1, 19))) = substr({value}, 1, 19)")
    else:
        shape = f"typeof({value}) = 'text' AND instr(CAST({value} AS BLOB), x'00') = 0"
    return f"({shape})" if name in REQUIRED else f"({value} IS NULL OR ({shape}))"


def _wire_form_in_sqlite(name: str, value: str) -> str:
    return f"substr({value}, 1, 26) || 'Z'" if name in TIME_FIELDS else value


def _present(name: str, value):
    if value is None and name in REQUIRED:
        raise ValidationError(t("{field}: required", field=name), name)
    return value


def _uuid_checked(name: str, value):
    if value is not None and (not isinstance(value, str) or not _is_uuid_text(value)):
        raise ValidationError(t("{field}: '{value}' is not a lowercase UUID", field=name, value=value), name)
    return _present(name, value)


def _integer_checked(name: str, value):
    if value is not None and (type(value) is not int or not -2**63 <= value < 2**63):
        raise ValidationError(t("{field}: '{value}' is not a whole number", field=name, value=value), name)
    return _present(name, value)


def _time_checked(name: str, value):
    if value is not None and (not isinstance(value, str) or not _is_time_text(value)):
        raise ValidationError(t("{field}: '{value}' is not a UTC time such as 2026-03-01T10:30:00.000000Z",
                                field=name, value=value), name)
    return _present(name, value)


def _text_checked(name: str, value):
    if value is not None and (not isinstance(value, str) or "\x00" in value):
        raise ValidationError(t("{field}: not text (or holds a NUL character)", field=name), name)
    return _present(name, value)


_CHECKS = {**dict.fromkeys(UUID_FIELDS, _uuid_checked), **dict.fromkeys(INTEGER_FIELDS, _integer_checked),
           **dict.fromkeys(TIME_FIELDS, _time_checked), **dict.fromkeys(TEXT_FIELDS, _text_checked)}
_WIRE_FIELD_SET = frozenset(WIRE_FIELDS)


# The shapes the checks accept, tested first: parsing every value (UUID(), strptime) was a third of
# a big upload's time on the counter (bench/hub_upload.py).
_UUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIME_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_HEX, _DIGIT = "[0-9a-f]", "[0-9]"
_UUID_GLOB = "-".join(_HEX * count for count in (8, 4, 4, 4, 12))
_STORED_TIME_GLOB = f"{_DIGIT * 4}-{_DIGIT * 2}-{_DIGIT * 2}T{_DIGIT * 2}:{_DIGIT * 2}:{_DIGIT * 2}.{_DIGIT * 6}+00:00"


def _is_uuid_text(text: str) -> bool:
    """Lowercase with hyphens: the form str(UUID(...)) writes."""
    return _UUID_SHAPE.fullmatch(text) is not None


def _is_time_text(text: str) -> bool:
    """UTC text such as 2026-03-01T10:30:00.000000Z, and a real moment (no 31 April)."""
    if _TIME_SHAPE.fullmatch(text) is None:
        return False
    try:
        datetime.fromisoformat(text[:-1])
    except ValueError:
        return False
    return True
