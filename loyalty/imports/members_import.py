"""Importing members from a spreadsheet or an older system, in two steps: `plan` reads
and validates every row without writing anything (the preview: a problem per bad row
with its line, column and reason, and the possible duplicates), then `apply` writes the
accepted rows in one transaction, or nothing."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from ..clock import local_date
from ..context import Context
from ..errors import ValidationError
from ..ledger import append_entry, entry_by_key
from ..members import NewMember, enrol_member, validate_birthday, validate_email, validate_name, validate_phone
from ..points import parse_points
from ..storage import write_transaction
from ..text import digits_only
from .table import PROGRESS_EVERY, RowProblem, problem_reason, read_table

SYNONYMS = {
    "external_id": ("id", "external id", "customer id", "client id", "id externo", "codigo", "codigo cliente",
                    "numero de cliente", "n cliente"),
    "name": ("nombre", "nombre completo", "full name", "cliente", "customer"),
    "phone": ("telefono", "movil", "tel", "mobile", "phone number", "telefono movil"),
    "email": ("e-mail", "mail", "correo", "correo electronico"),
    "birthday": ("fecha de nacimiento", "nacimiento", "cumpleanos", "birth date", "date of birth"),
    "joined": ("joined date", "joined at", "alta", "fecha de alta", "fecha alta", "since", "desde"),
    "card": ("card number", "tarjeta", "numero de tarjeta", "n tarjeta"),
    "points": ("opening points", "puntos", "saldo", "saldo de puntos", "balance"),
    "consent": ("marketing consent", "consentimiento", "acepta publicidad", "publicidad", "marketing"),
}
YES = {"1", "si", "sí", "s", "yes", "y", "x", "true", "verdadero"}
NO = {"", "0", "no", "n", "false", "falso"}


@dataclass(frozen=True)
class ImportedMember:
    line: int
    member: NewMember
    opening_points: int
    duplicate_of: int | None = None     # an existing member with the same external id, phone or email
    duplicate_reason: str = ""          # why it may be a duplicate (of that member, or of another line)


@dataclass
class MembersPlan:
    rows: list[ImportedMember] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    merged: int = 0

    @property
    def duplicates(self) -> list[ImportedMember]:
        return [row for row in self.rows if row.duplicate_reason]


def plan(ctx: Context, path: str | Path) -> MembersPlan:
    table = read_table(path, SYNONYMS, required=("name",))
    result = MembersPlan(encoding=table.encoding, delimiter=table.delimiter)
    programme = ctx.programme()
    today = local_date(ctx.clock.now(), programme.timezone)
    seen: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:
        header = lambda name: table.columns.get(name, name)  # noqa: E731
        try:
            new, points = _member(cells, today, programme.timezone)
        except ValidationError as error:
            result.problems.append(RowProblem(line, header(error.field or "row"), problem_reason(error)))
            continue
        keys = _keys(new)
        if new.card and ("card", new.card) in seen:
            result.problems.append(RowProblem(line, header("card"),
                                              f"card {new.card} is also on line {seen[('card', new.card)]}"))
            continue
        if new.card and ctx.db.execute("SELECT 1 FROM cards WHERE number = ?", [new.card]).fetchone():
            result.problems.append(RowProblem(line, header("card"), f"card {new.card} is already on file"))
            continue
        in_file = next((f"same {label} as line {seen[(label, value)]}" for label, value in keys
                        if (label, value) in seen), "")
        existing, why = _existing(ctx, new)
        for key in keys:
            seen.setdefault(key, line)
        result.rows.append(ImportedMember(line, new, points, existing, why or in_file))
    return result


def apply(ctx: Context, planned: MembersPlan, skip_duplicates: bool = False, merge_duplicates: bool = False,
          progress=lambda done, total: None) -> int:
    """Write the planned members in one transaction; returns how many were added.

    `merge_duplicates`: a row that matches a member already on file completes that member
    instead (empty phone, email, birthday or customer id filled in; opening points added once).
    The number merged is left in `planned.merged`."""
    added = planned.merged = 0
    with write_transaction(ctx.db), ctx.programme_held():
        for done, row in enumerate(planned.rows, start=1):
            if done % PROGRESS_EVERY == 0 or done == len(planned.rows):
                progress(done, len(planned.rows))
            if merge_duplicates and row.duplicate_of is not None:
                _merge(ctx, row)
                planned.merged += 1
                continue
            if skip_duplicates and row.duplicate_reason:
                continue
            member = enrol_member(ctx, row.member)
            _opening_points(ctx, member.id, row.opening_points)
            added += 1
    return added


def _merge(ctx: Context, row: ImportedMember) -> None:
    new = row.member
    ctx.db.execute(
        "UPDATE members SET phone = COALESCE(phone, ?), phone_digits = COALESCE(phone_digits, ?), "
        "email = COALESCE(email, ?), birthday = COALESCE(birthday, ?), external_id = COALESCE(external_id, ?) "
        "WHERE id = ?",
        [new.phone, digits_only(new.phone or "") or None, new.email, new.birthday, new.external_id, row.duplicate_of])
    _opening_points(ctx, row.duplicate_of, row.opening_points)


def _opening_points(ctx: Context, member_id: int, points: int) -> None:
    """An opening balance from the old system, given once per member whatever is imported again."""
    key = f"import-opening:{member_id}"
    if points and entry_by_key(ctx, key) is None:
        append_entry(ctx, member_id, "adjust", points, idempotency_key=key, reason="opening balance (import)")


def _member(cells: dict[str, str], today, tz: str) -> tuple[NewMember, int]:
    name = validate_name(cells.get("name"))
    phone = validate_phone(cells.get("phone"))
    email = validate_email(cells.get("email"))
    birthday = validate_birthday(cells.get("birthday"), today)
    joined = _joined(cells.get("joined", ""), today, tz)
    points_text = cells.get("points", "").strip()
    points = parse_points(points_text, "points") if points_text.strip("0") else 0   # empty or 0: no opening balance
    consent_text = cells.get("consent", "").strip().lower()
    if consent_text not in YES | NO:
        raise ValidationError(f"consent: '{cells['consent']}' is not yes or no (sí/no, 1/0, x)", "consent")
    card = digits_only(cells.get("card", "")) or None
    if cells.get("card", "").strip() and not (card and 4 <= len(card) <= 20 and
                                              re.fullmatch(r"[\d\s-]+", cells["card"].strip())):
        raise ValidationError(f"card: '{cells['card']}' is not a card number (4 to 20 digits)", "card")
    external_id = cells.get("external_id", "").strip() or None
    if external_id and len(external_id) > 64:
        raise ValidationError("external_id: at most 64 characters", "external_id")
    return NewMember(name=name, phone=phone, email=email, birthday=birthday, marketing_consent=consent_text in YES,
                     card=card, joined_at=joined, external_id=external_id), points


def _joined(text: str, today, tz: str) -> datetime | None:
    clean = text.strip()
    if not clean:
        return None
    day_text = clean[:10]
    try:
        day = (datetime.strptime(day_text, "%d/%m/%Y") if "/" in day_text
               else datetime.strptime(day_text, "%Y-%m-%d")).date()
    except ValueError:
        raise ValidationError(f"joined: '{clean}' is not a date (23/04/2021 or 2021-04-23)", "joined") from None
    if day > today or day.year < 1950:
        raise ValidationError(f"joined: {clean} is not a plausible joining date", "joined")
    return datetime.combine(day, time(12), ZoneInfo(tz))


def _keys(new: NewMember) -> list[tuple[str, str]]:
    keys = [("external id", new.external_id), ("phone", digits_only(new.phone or "")),
            ("email", (new.email or "").lower()), ("card", new.card)]
    return [(label, value) for label, value in keys if value]


def _existing(ctx: Context, new: NewMember) -> tuple[int | None, str]:
    checks = (("external id", "external_id = ?", new.external_id),
              ("phone", "phone_digits = ?", digits_only(new.phone or "") or None),
              ("email", "email IS NOT NULL AND lower(email) = ?", (new.email or "").lower() or None))
    for label, condition, value in checks:
        if value:
            row = ctx.db.execute(f"SELECT id, name FROM members WHERE {condition} AND status != 'erased'",
                                 [value]).fetchone()
            if row:
                return row[0], f"same {label} as member {row[0]} ({row[1]})"
    return None, ""
