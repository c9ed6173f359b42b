"""Members and their cards: validation, card numbers for new members, lookup by card, search,
re-issue, block, edits. Enrolment, which also writes the ledger, is ledger/enrolment.py."""

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from ..common.clock import local_date, to_iso
from ..common.errors import BlockedCardError, NotFoundError, UnknownCardError, ValidationError
from ..common.messages import field_name, t
from ..common.text import digits_only, fold
from ..programme.audit import record
from ..programme.context import Context
from ..programme.permissions import require
from ..storage import write_transaction
from ..storage.bulk import in_batches, placeholders
from .cards import new_card_number, normalize_card_text, require_well_formed
from .member_changes import field_values, record_changes

MAX_NAME_LENGTH = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-]+$")
_NUMBER_TEXT = re.compile(r"^\+?[0-9][0-9 ().\-]*$")


@dataclass(frozen=True)
class Member:
    id: int
    card: str
    name: str
    phone: str | None
    email: str | None
    birthday: str | None
    marketing_consent: bool
    marketing_consent_at: str | None   # when given or withdrawn
    profiling_consent: bool
    profiling_consent_at: str | None
    joined_at: str
    status: str
    referrer_id: int | None
    tier_code: str
    tier_since: str
    tier_grace_until: str | None
    balance: int
    notes: str
    uuid: str = ""                     # the member across tills and shops (docs/sync.md)

    @classmethod
    def from_row(cls, row: dict) -> "Member":
        values = {name: row[name] for name in cls.__dataclass_fields__}
        values["marketing_consent"] = bool(values["marketing_consent"])
        values["profiling_consent"] = bool(values["profiling_consent"])
        return cls(**values)


@dataclass(frozen=True)
class NewMember:
    """What a person types to enrol someone; validated by `validate_new_member`."""

    name: str
    phone: str | None = None
    email: str | None = None
    birthday: str | None = None
    marketing_consent: bool = False
    profiling_consent: bool = False
    referrer_card: str | None = None
    # Set by imports only: an existing card and joining date from the old system, its id.
    card: str | None = None
    joined_at: datetime | None = None
    external_id: str | None = None


def validate_name(name: str | None) -> str:
    clean = " ".join((name or "").split())
    if not clean:
        raise ValidationError(t("name: required"), "name")
    if len(clean) > MAX_NAME_LENGTH:
        raise ValidationError(t("name: at most {max_name_length} characters (got {length})",
                                max_name_length=MAX_NAME_LENGTH, length=len(clean)), "name")
    if any(ord(ch) < 32 for ch in clean):
        raise ValidationError(t("name: contains control characters"), "name")
    return clean


def validate_phone(phone: str | None) -> str | None:
    clean = (phone or "").strip()
    if not clean:
        return None
    if not _PHONE_CHARS.match(clean) or not 6 <= len(digits_only(clean)) <= 15:
        raise ValidationError(t("phone: '{clean}' is not a phone number (6 to 15 digits, may start with +)",
                                clean=clean), "phone")
    return clean


def validate_email(email: str | None) -> str | None:
    clean = (email or "").strip()
    if not clean:
        return None
    if len(clean) > 254 or not _EMAIL.match(clean):
        raise ValidationError(t("email: '{clean}' is not an email address", clean=clean), "email")
    return clean


def validate_birthday(text: str | None, today: date) -> str | None:
    """Accepts YYYY-MM-DD or DD/MM/YYYY (how Spanish forms write dates)."""
    clean = (text or "").strip()
    if not clean:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", clean) or re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", clean)
    if not match:
        raise ValidationError(t("birthday: '{clean}' is not a date; write 1990-04-23 or 23/04/1990",
                                clean=clean), "birthday")
    parts = [int(p) for p in match.groups()]
    year, month, day = parts if "-" in clean else (parts[2], parts[1], parts[0])
    try:
        born = date(year, month, day)
    except ValueError:
        raise ValidationError(t("birthday: {clean} does not exist in the calendar", clean=clean), "birthday") from None
    if born > today or born.year < 1900:
        raise ValidationError(t("birthday: {clean} is not a plausible birth date", clean=clean), "birthday")
    return born.isoformat()


def validated_new_member(new: NewMember, today: date) -> NewMember:
    return replace(new, name=validate_name(new.name), phone=validate_phone(new.phone),
                   email=validate_email(new.email), birthday=validate_birthday(new.birthday, today))


def imported_card_number(ctx: Context, text: str) -> str:
    """A card from an older system: digits (its check digit may follow another rule), not on file."""
    number = normalize_card_text(text)
    if not (number.isdigit() and 4 <= len(number) <= 20):
        raise ValidationError(t("card: '{text}' is not a card number (4 to 20 digits)", text=text), "card")
    if ctx.db.execute("SELECT 1 FROM cards WHERE number = ?", [number]).fetchone() is not None:
        raise ValidationError(t("card: {number} is already on file", number=number), "card")
    return number


def unused_card_number(ctx: Context, prefix: str) -> str:
    return next(unused_card_numbers(ctx, prefix, 1))


def unused_card_numbers(ctx: Context, prefix: str, count: int):
    """`count` random card numbers, none on file and no two alike. A counter of a chain draws
    them from its own block (the shop's prefix, then the four digits of the block the hub gave
    it): two tills enrolling while offline never hand out the same number."""
    block = ctx.db.execute("SELECT card_block FROM hub_link WHERE id = 1").fetchone()
    if block and block[0]:
        prefix = f"{prefix}{block[0]:04d}"
    chosen: set[str] = set()
    for _ in range(100):
        if len(chosen) == count:
            return iter(chosen)
        candidates = {new_card_number(prefix) for _ in range(count - len(chosen))} - chosen
        chosen |= candidates - cards_on_file(ctx, candidates)
    raise ValidationError(t("card_prefix: no free card numbers left with this prefix; choose another"), "card_prefix")


def cards_on_file(ctx: Context, numbers) -> set[str]:
    """Which of these card numbers are on file."""
    return {number for batch in in_batches(numbers) for (number,) in ctx.db.execute(
        f"SELECT number FROM cards WHERE number IN ({placeholders(batch)})", batch)}


def member_by_id(ctx: Context, member_id: int) -> Member:
    row = next(ctx.db.query("SELECT * FROM members WHERE id = ?", [member_id]), None)
    if row is None:
        raise NotFoundError(t("member: no member with id {member_id}", member_id=member_id), "member")
    return Member.from_row(row)


def member_by_card(ctx: Context, text: str, field: str = "card", allow_blocked: bool = False) -> Member:
    """The member a scanned or typed card belongs to, or the reason it cannot be used.

    A number on file is accepted even without a valid check digit (cards imported
    from an older system); otherwise a bad check digit is reported as a typo,
    distinctly from a well-formed number that is simply not on file.
    """
    number = normalize_card_text(text)
    row = next(
        ctx.db.query(
            "SELECT c.status AS card_status, c.replaced_by, m.* FROM cards c JOIN members m ON m.id = c.member_id "
            "WHERE c.number = ?",
            [number],
        ),
        None,
    )
    if row is None:
        require_well_formed(number, field)
        raise UnknownCardError(t("{field}: card {number} is not on file",
                                 field=field_name(field), number=number), field)
    if row["status"] == "erased":
        raise BlockedCardError(t("{field}: card {number} belonged to a member whose data was erased",
                                 field=field_name(field), number=number), field)
    if row["card_status"] == "replaced":
        raise BlockedCardError(
            t("{field}: card {number} was replaced by card {replaced_by}; use the new card",
              field=field_name(field), number=number, replaced_by=row['replaced_by']), field
        )
    if row["status"] == "blocked" and not allow_blocked:
        raise BlockedCardError(t("{field}: card {number} is blocked ({name}); ask a manager",
                                 field=field_name(field), number=number, name=row['name']), field)
    return Member.from_row(row)


def reissue_card(ctx: Context, card: str) -> Member:
    """Lost card: a new number; the old one says 'replaced' when scanned; history stays."""
    now = to_iso(ctx.clock.now())
    with write_transaction(ctx.db):
        require(ctx, "reissue_card")
        member = member_by_card(ctx, card, allow_blocked=True)
        new_number = unused_card_number(ctx, ctx.programme().card_prefix)
        record(ctx, "member.reissue_card", f"member {member.id}", before=member.card, after=new_number)
        ctx.db.execute("INSERT INTO cards(number, member_id, status, issued_at) VALUES (?, ?, 'active', ?)",
                       [new_number, member.id, now])
        ctx.db.execute("UPDATE cards SET status = 'replaced', replaced_by = ? WHERE number = ?", [new_number, member.card])
        ctx.db.execute("UPDATE members SET card = ? WHERE id = ?", [new_number, member.id])
        return member_by_id(ctx, member.id)


def set_blocked(ctx: Context, card: str, blocked: bool, reason: str = "") -> Member:
    with write_transaction(ctx.db):
        require(ctx, "block_card")
        member = member_by_card(ctx, card, allow_blocked=True)
        note = f"{member.notes}\n" if member.notes else ""
        action = "blocked" if blocked else "unblocked"
        record(ctx, f"member.{'block' if blocked else 'unblock'}", f"member {member.id}", reason=reason)
        status, notes = "blocked" if blocked else "active", f"{note}{to_iso(ctx.clock.now())[:10]} {action}: {reason}".strip()
        record_changes(ctx, member.id, field_values(member), {"status": status, "notes": notes})
        ctx.db.execute("UPDATE members SET status = ?, notes = ? WHERE id = ?", [status, notes, member.id])
        return member_by_id(ctx, member.id)


def search_members(ctx: Context, text: str, limit: int = 20) -> list[Member]:
    """By card or phone prefix when the text is a number, else by name word prefixes.

    Names: every word typed must start a word of the name, ignoring case and accents
    ('jose nu' finds 'José Núñez'). Served by indexes (FTS5 prefix index, phone and
    card primary keys), so the time does not depend on the number of members.
    """
    query = (text or "").strip()
    if not query:
        return []
    if _NUMBER_TEXT.match(query):
        return _search_by_number(ctx, digits_only(query), limit)
    words = [word for word in fold(query).replace('"', " ").split() if word]
    if not words:
        return []
    match = " AND ".join(f'"{word}"*' for word in words)
    rows = ctx.db.query(
        "SELECT m.* FROM members_fts f JOIN members m ON m.id = f.rowid "
        "WHERE members_fts MATCH ? AND m.status != 'erased' LIMIT ?",
        [match, limit],
    )
    return sorted((Member.from_row(row) for row in rows), key=lambda m: fold(m.name))


def _search_by_number(ctx: Context, digits: str, limit: int) -> list[Member]:
    upper = digits + ":"  # ':' sorts right after '9': a prefix range on the index
    rows = list(ctx.db.query(
        "SELECT m.* FROM cards c JOIN members m ON m.id = c.member_id "
        "WHERE c.number >= ? AND c.number < ? AND c.status = 'active' AND m.status != 'erased' LIMIT ?",
        [digits, upper, limit],
    ))
    seen = {row["id"] for row in rows}
    rows += [row for row in ctx.db.query(
        "SELECT * FROM members WHERE phone_digits >= ? AND phone_digits < ? AND status != 'erased' LIMIT ?",
        [digits, upper, limit],
    ) if row["id"] not in seen]
    return [Member.from_row(row) for row in rows[:limit]]


MAX_NOTES_LENGTH = 2000


@dataclass(frozen=True)
class MemberEdit:
    """The fields staff may change on a member's record."""

    name: str
    phone: str | None = None
    email: str | None = None
    birthday: str | None = None
    marketing_consent: bool = False
    profiling_consent: bool = False
    notes: str = ""


def update_member(ctx: Context, member_id: int, edit: MemberEdit) -> Member:
    """Validate and save; a consent's date changes only when the consent itself does."""
    now = ctx.clock.now()
    name = validate_name(edit.name)
    phone = validate_phone(edit.phone)
    email = validate_email(edit.email)
    birthday = validate_birthday(edit.birthday, local_date(now, ctx.programme().timezone))
    notes = (edit.notes or "").strip()
    if len(notes) > MAX_NOTES_LENGTH:
        raise ValidationError(t("notes: at most {max_notes_length} characters (got {length})",
                                max_notes_length=MAX_NOTES_LENGTH, length=len(notes)), "notes")
    with write_transaction(ctx.db):
        require(ctx, "edit_member")
        member = member_by_id(ctx, member_id)
        stamp = to_iso(now)
        _audit_edit(ctx, member, {"name": name, "phone": phone, "email": email, "birthday": birthday,
                                  "marketing_consent": edit.marketing_consent,
                                  "profiling_consent": edit.profiling_consent, "notes": notes})
        marketing_at = stamp if edit.marketing_consent != member.marketing_consent else member.marketing_consent_at
        profiling_at = stamp if edit.profiling_consent != member.profiling_consent else member.profiling_consent_at
        record_changes(ctx, member_id, field_values(member), {
            "name": name, "phone": phone, "email": email, "birthday": birthday, "notes": notes,
            "marketing_consent": {"given": edit.marketing_consent, "at": marketing_at},
            "profiling_consent": {"given": edit.profiling_consent, "at": profiling_at}})
        ctx.db.execute(
            """UPDATE members SET name = ?, sort_name = ?, phone = ?, phone_digits = ?, email = ?, birthday = ?,
                   marketing_consent = ?, marketing_consent_at = ?, profiling_consent = ?, profiling_consent_at = ?,
                   notes = ? WHERE id = ?""",
            [name, fold(name), phone, digits_only(phone) or None, email, birthday, int(edit.marketing_consent),
             marketing_at, int(edit.profiling_consent), profiling_at, notes, member_id],
        )
        return member_by_id(ctx, member_id)


def _audit_edit(ctx: Context, member: Member, after: dict) -> None:
    """The fields an edit changes, before and after (who recorded a consent, and when, is here)."""
    changed = {name: [getattr(member, name), value] for name, value in after.items() if getattr(member, name) != value}
    if changed:
        record(ctx, "member.edit", f"member {member.id}", **changed)
