"""Staff accounts: a name, a role (cashier, manager, owner) and a PIN of 4-8 digits or a
password of at least 8 characters, stored only as an Argon2id hash (argon2-cffi).

Five wrong tries lock the account for five minutes, and the message says until when. A
4-digit PIN is only as strong as that lockout: anyone holding the database file can try all
10,000 PINs offline (each costs ~40 ms here), which is why the owner should use a password.
The first account of a shop is its owner, created without signing in."""

from dataclasses import dataclass, replace
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..common.clock import from_iso, to_iso
from ..common.errors import LoginError, NotFoundError, ValidationError
from ..common.messages import t, tn
from ..programme.audit import record
from ..programme.context import Context
from ..programme.permissions import A_ROLE, ROLES, allowed, require
from ..programme.shared import record_staff
from ..storage import write_transaction

MAX_TRIES = 5
LOCK_MINUTES = 5
# OWASP's minimum for Argon2id (19 MiB, 2 passes): ~40 ms a check, short enough for the counter.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


@dataclass(frozen=True)
class Staff:
    id: int
    name: str
    role: str
    active: bool
    created_at: str


def validate_secret(secret: str | None) -> str:
    text = secret or ""
    if text.isdigit():
        if not 4 <= len(text) <= 8:
            raise ValidationError(t("pin: a PIN has 4 to 8 digits"), "pin")
        return text
    if len(text) < 8:
        raise ValidationError(t("pin: a PIN of 4 to 8 digits, or a password of at least 8 characters"), "pin")
    if len(text) > 128:
        raise ValidationError(t("pin: a password has at most 128 characters"), "pin")
    return text


def _validate_name(name: str | None) -> str:
    clean = " ".join((name or "").split())
    if not clean or len(clean) > 40 or not clean.isprintable():
        raise ValidationError(t("name: 1 to 40 printable characters"), "name")
    if clean.lower() in ("system", "daily job"):   # what scheduled work records as its author
        raise ValidationError(t("name: '{clean}' is reserved", clean=clean), "name")
    return clean


def _validate_role(role: str | None) -> str:
    if role not in ROLES:
        raise ValidationError(t("role: one of {choices} (got '{role}')", choices=', '.join(ROLES), role=role), "role")
    return role


def has_staff(ctx: Context) -> bool:
    return ctx.db.execute("SELECT 1 FROM staff LIMIT 1").fetchone() is not None


def list_staff(ctx: Context) -> list[Staff]:
    """Every account, for the sign-in dialogs (who may sign in is shown to whoever is at the
    counter); the owner's view of the accounts goes through `staff_accounts`."""
    return [Staff(row[0], row[1], row[2], bool(row[3]), row[4]) for row in ctx.db.execute(
        "SELECT id, name, role, active, created_at FROM staff ORDER BY name")]


def staff_accounts(ctx: Context) -> list[Staff]:
    """The accounts as the owner manages them (Settings → Staff, `loyalty staff list`): theirs to read."""
    require(ctx, "staff")
    return list_staff(ctx)


def staff_by_name(ctx: Context, name: str) -> Staff:
    row = ctx.db.execute("SELECT id, name, role, active, created_at FROM staff WHERE name = ?",
                         [" ".join((name or "").split())]).fetchone()
    if row is None:
        raise NotFoundError(t("name: no staff member called '{name}'", name=name), "name")
    return Staff(row[0], row[1], row[2], bool(row[3]), row[4])


def add_staff(ctx: Context, name: str, role: str, secret: str) -> Staff:
    """An owner adds staff; the very first account (a shop's first start) is the owner, added
    by whoever installs the app."""
    clean_name, clean_role, clean_secret = _validate_name(name), _validate_role(role), validate_secret(secret)
    with write_transaction(ctx.db):
        first = not has_staff(ctx)
        if first and clean_role != "owner":
            raise ValidationError(t("role: the first account of a shop is its owner"), "role")
        if not first:
            require(ctx, "staff")
        if ctx.db.execute("SELECT 1 FROM staff WHERE name = ?", [clean_name]).fetchone():
            raise ValidationError(t("name: there is already a staff member called '{clean_name}'",
                                    clean_name=clean_name), "name")
        ctx.db.execute("INSERT INTO staff(name, role, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                       [clean_name, clean_role, _HASHER.hash(clean_secret), to_iso(ctx.clock.now())])
        actor = ctx if not first else replace(ctx, staff_id=clean_name)
        record(actor, "staff.add", f"staff {clean_name}", role=clean_role)
        record_staff(ctx, clean_name)                  # for the other counters of a chain
    return staff_by_name(ctx, clean_name)


def change_role(ctx: Context, name: str, role: str) -> Staff:
    clean_role = _validate_role(role)
    with write_transaction(ctx.db):
        require(ctx, "staff")
        member = staff_by_name(ctx, name)
        if member.role == "owner" and clean_role != "owner":
            _keep_an_owner(ctx, member)
        ctx.db.execute("UPDATE staff SET role = ? WHERE id = ?", [clean_role, member.id])
        record(ctx, "staff.role", f"staff {member.name}", before=member.role, after=clean_role)
        record_staff(ctx, member.name)
    return staff_by_name(ctx, name)


def set_active(ctx: Context, name: str, active: bool) -> Staff:
    """Someone who leaves is deactivated, never deleted: their entries keep their name."""
    with write_transaction(ctx.db):
        require(ctx, "staff")
        member = staff_by_name(ctx, name)
        if not active and member.role == "owner":
            _keep_an_owner(ctx, member)
        ctx.db.execute("UPDATE staff SET active = ? WHERE id = ?", [int(active), member.id])
        record(ctx, "staff.activate" if active else "staff.deactivate", f"staff {member.name}")
        record_staff(ctx, member.name)
    return staff_by_name(ctx, name)


def change_secret(ctx: Context, name: str, secret: str) -> None:
    """Your own PIN, or anyone's if you are the owner (a forgotten PIN); unlocks the account."""
    clean = validate_secret(secret)
    with write_transaction(ctx.db):
        member = staff_by_name(ctx, name)
        if member.name.lower() != ctx.staff_id.lower():
            require(ctx, "staff")
        ctx.db.execute("UPDATE staff SET secret_hash = ?, failed_tries = 0, locked_until = NULL WHERE id = ?",
                       [_HASHER.hash(clean), member.id])
        record(ctx, "staff.secret", f"staff {member.name}")
        record_staff(ctx, member.name)


def link_own_card(ctx: Context, name: str, card: str | None) -> None:
    """The staff member's own loyalty card (staff are often members): points they credit to
    it themselves are flagged for the owner. None unlinks."""
    from .members import member_by_card  # members import staff's permissions; here only when linking

    with write_transaction(ctx.db):
        require(ctx, "staff")
        member = staff_by_name(ctx, name)
        member_id = member_by_card(ctx, card, allow_blocked=True).id if card else None
        ctx.db.execute("UPDATE staff SET member_id = ? WHERE id = ?", [member_id, member.id])
        record(ctx, "staff.own_card", f"staff {member.name}", member=member_id)


def _keep_an_owner(ctx: Context, leaving: Staff) -> None:
    others = ctx.db.execute("SELECT COUNT(*) FROM staff WHERE role = 'owner' AND active = 1 AND id != ?",
                            [leaving.id]).fetchone()[0]
    if others == 0:
        raise ValidationError(t("role: {name} is the only owner; make someone else owner first",
                                name=leaving.name), "role")


def sign_in(ctx: Context, name: str, secret: str) -> Context:
    """The context of a staff member who gave the right PIN or password (also for a quick
    cashier switch); a LoginError that says what went wrong, and how long a lock lasts."""
    member = authenticate(ctx, name, secret)
    return replace(ctx, staff_id=member.name, role=member.role, approver=None, approver_role=None)


def approved_by(ctx: Context, name: str, secret: str, action: str | None = None) -> Context:
    """The cashier's context for one action that a manager or owner approves on the spot by
    typing their own PIN: the entry records the cashier, the audit trail the approver. (The
    action itself still checks that the approver's role may do it.)"""
    approver = authenticate(ctx, name, secret)
    if approver.role == "cashier" or (action and not allowed(approver.role, action)):
        raise LoginError(t("approver: {name} is {role} and cannot approve this",
                           name=approver.name, role=A_ROLE.get(approver.role, approver.role)), "approver")
    return replace(ctx, approver=approver.name, approver_role=approver.role)


def authenticate(ctx: Context, name: str, secret: str) -> Staff:
    """The staff member, if the PIN or password is right; wrong tries are counted (and kept:
    the refusal is raised after the transaction that records it commits)."""
    with write_transaction(ctx.db):
        problem = _check_secret(ctx, " ".join((name or "").split()), secret or "")
    if problem:
        raise problem
    return staff_by_name(ctx, name)


def _check_secret(ctx: Context, name: str, secret: str) -> LoginError | None:
    now = ctx.clock.now()
    row = ctx.db.execute("SELECT id, secret_hash, failed_tries, locked_until, active FROM staff WHERE name = ?",
                         [name]).fetchone()
    if row is None or not row[4]:
        record(replace(ctx, staff_id=name or "?"), "login.unknown")
        return LoginError(t("name: no active staff member called '{name}'", name=name), "name")
    staff_id, secret_hash, failed, locked_until, _ = row
    if locked_until and from_iso(locked_until) > now:
        minutes = max(1, -(-int((from_iso(locked_until) - now).total_seconds()) // 60))
        return LoginError(tn(minutes, "pin: too many wrong tries; {name}'s account is locked for {count} more minute",
                             "pin: too many wrong tries; {name}'s account is locked for {count} more minutes",
                             name=name), "pin")
    try:
        _HASHER.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        failed += 1
        locked = failed >= MAX_TRIES
        ctx.db.execute("UPDATE staff SET failed_tries = ?, locked_until = ? WHERE id = ?",
                       [0 if locked else failed, to_iso(now + timedelta(minutes=LOCK_MINUTES)) if locked else None,
                        staff_id])
        record(replace(ctx, staff_id=name), "login.locked" if locked else "login.failed")
        if locked:
            return LoginError(t("pin: wrong PIN or password {max_tries} times; {name}'s account is locked for "
                                "{lock_minutes} minutes",
                                max_tries=MAX_TRIES, name=name, lock_minutes=LOCK_MINUTES), "pin")
        left = MAX_TRIES - failed
        return LoginError(tn(left, "pin: wrong PIN or password ({count} try left before the account locks)",
                             "pin: wrong PIN or password ({count} tries left before the account locks)"), "pin")
    ctx.db.execute("UPDATE staff SET failed_tries = 0, locked_until = NULL WHERE id = ?", [staff_id])
    return None
