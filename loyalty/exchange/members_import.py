"""Importing members from a spreadsheet or an older system, in two steps: `plan` reads
and validates every row without writing anything (the preview: a problem per bad row
with its line, column and reason, and the possible duplicates), then `apply` writes the
accepted rows in one transaction, or nothing."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from ..common.clock import local_date
from ..common.errors import ValidationError
from ..common.messages import field_name, t, translated
from ..common.notes import OPENING_BALANCE
from ..common.text import digits_only
from ..ledger.enrolment import enrol_members_in_bulk
from ..ledger.entries import append_entry, entry_by_key, post_opening_balances
from ..people.members import NewMember, cards_on_file, validate_birthday, validate_email, validate_name, validate_phone
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.points import parse_points
from ..storage import write_transaction
from ..storage.bulk import in_batches, placeholders
from .import_table import PROGRESS_EVERY, RowProblem, problem_reason, read_table

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
OPENING_REASON = OPENING_BALANCE
OPENING_KEY = "import-opening:"     # + the member's uuid: one opening balance per member, however often imported
BATCH = 2_000                       # members per bulk step (each sets triggers aside); progress between steps
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
    require(ctx, "import")
    table = read_table(path, SYNONYMS, required=("name",))
    result = MembersPlan(encoding=table.encoding, delimiter=table.delimiter)
    programme = ctx.programme()
    today = local_date(ctx.clock.now(), programme.timezone)
    header = lambda name: table.columns.get(name, name)  # noqa: E731
    readable: list[tuple[int, NewMember, int]] = []
    for line, cells in table.rows:
        try:
            readable.append((line, *_member(cells, today, programme.timezone)))
        except ValidationError as error:
            result.problems.append(RowProblem(line, header(error.field or "row"), problem_reason(error)))
    members = [new for _, new, _ in readable]
    cards_taken = cards_on_file(ctx, [new.card for new in members if new.card])
    on_file = _on_file(ctx, members)
    seen: dict[tuple[str, str], int] = {}
    for line, new, points in readable:
        keys = _keys(new)
        if new.card and ("card", new.card) in seen:
            result.problems.append(RowProblem(line, header("card"), translated(
                t("card {card} is also on line {line}", card=new.card, line=seen[('card', new.card)]))))
            continue
        if new.card in cards_taken:
            result.problems.append(RowProblem(line, header("card"), translated(t("card {card} is already on file",
                                                                                 card=new.card))))
            continue
        in_file = next((translated(t("same {label} as line {line}", label=field_name(label), line=seen[(label, value)]))
                        for label, value in keys if (label, value) in seen), "")
        existing = next(((on_file[key], key[0]) for key in keys if key in on_file), None)
        why = translated(t("same {label} as member {member_id} ({name})", label=field_name(existing[1]),
                           member_id=existing[0][0], name=existing[0][1])) if existing else in_file
        for key in keys:
            seen.setdefault(key, line)
        result.rows.append(ImportedMember(line, new, points, existing[0][0] if existing else None, why))
    result.problems.sort(key=lambda problem: problem.line)
    return result


def apply(ctx: Context, planned: MembersPlan, skip_duplicates: bool = False, merge_duplicates: bool = False,
          progress=lambda done, total: None) -> int:
    """Write the planned members in one transaction; returns how many were added.

    `merge_duplicates`: a row that matches a member already on file completes that member
    instead (empty phone, email, birthday or customer id filled in; opening points added once).
    The number merged is left in `planned.merged`."""
    merging = [row for row in planned.rows if merge_duplicates and row.duplicate_of is not None]
    adding = [row for row in planned.rows if not (merge_duplicates and row.duplicate_of is not None)
              and not (skip_duplicates and row.duplicate_reason)]
    total = len(merging) + len(adding)
    with write_transaction(ctx.db), ctx.programme_held():
        require(ctx, "import")
        for done, row in enumerate(merging, start=1):
            _merge(ctx, row)
            if done % PROGRESS_EVERY == 0:
                progress(done, total)
        for start in range(0, len(adding), BATCH):
            batch = adding[start:start + BATCH]
            ids = enrol_members_in_bulk(ctx, [row.member for row in batch])
            post_opening_balances(ctx, [(member_id, row.opening_points) for member_id, row in zip(ids, batch)],
                                  OPENING_REASON, OPENING_KEY)
            progress(len(merging) + start + len(batch), total)
    planned.merged = len(merging)
    return len(adding)


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
    member_uuid = ctx.db.execute("SELECT uuid FROM members WHERE id = ?", [member_id]).fetchone()[0]
    key = f"{OPENING_KEY}{member_uuid}"
    if points and entry_by_key(ctx, key) is None:
        append_entry(ctx, member_id, "adjust", points, idempotency_key=key, reason=OPENING_REASON)


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
        raise ValidationError(t("consent: '{consent}' is not yes or no (sí/no, 1/0, x)",
                                consent=cells['consent']), "consent")
    card = digits_only(cells.get("card", "")) or None
    if cells.get("card", "").strip() and not (card and 4 <= len(card) <= 20 and
                                              re.fullmatch(r"[\d\s-]+", cells["card"].strip())):
        raise ValidationError(t("card: '{card}' is not a card number (4 to 20 digits)", card=cells['card']), "card")
    external_id = cells.get("external_id", "").strip() or None
    if external_id and len(external_id) > 64:
        raise ValidationError(t("external_id: at most 64 characters"), "external_id")
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
        raise ValidationError(t("joined: '{clean}' is not a date (23/04/2021 or 2021-04-23)",
                                clean=clean), "joined") from None
    if day > today or day.year < 1950:
        raise ValidationError(t("joined: {clean} is not a plausible joining date", clean=clean), "joined")
    return datetime.combine(day, time(12), ZoneInfo(tz))


def _keys(new: NewMember) -> list[tuple[str, str]]:
    keys = [("external id", new.external_id), ("phone", digits_only(new.phone or "")),
            ("email", (new.email or "").lower()), ("card", new.card)]
    return [(label, value) for label, value in keys if value]


# How a row may match a member on file, in the order the reasons are given: (label, column,
# and the condition that lets SQLite use the partial index on lower(email)).
_MATCHES = (("external id", "external_id", "1"), ("phone", "phone_digits", "1"),
            ("email", "lower(email)", "email IS NOT NULL"))


def _on_file(ctx: Context, members: list[NewMember]) -> dict[tuple[str, str], tuple[int, str]]:
    """(label, value) -> (id, name) of the first member on file with that external id, phone
    or email, for the values in these rows (asked in batches, not row by row)."""
    keys = {key for new in members for key in _keys(new)}
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for label, column, index_condition in _MATCHES:
        for batch in in_batches(value for key, value in keys if key == label):
            for value, member_id, name in ctx.db.execute(
                    f"SELECT {column}, id, name FROM members WHERE {index_condition} AND {column} "
                    f"IN ({placeholders(batch)}) AND status != 'erased' ORDER BY id", batch):
                found.setdefault((label, value), (member_id, name))
    return found
