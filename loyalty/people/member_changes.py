"""A member's details, field by field, as the chain agrees on them (docs/sync.md, "Member edits").

Every edit made at a counter is kept as one change per field, stamped with the chain's hybrid
logical clock (programme/hlc.py). A change taken in from the hub is applied when it
is the latest of its field for that member; an older one is only kept on file, where the trail
of every change stays — both of two edits made at the same time at two tills. An erased member's
changes keep who and when, not the values, and changes that arrive for them are not applied."""

import json
import uuid

from ..common.clock import to_iso
from ..common.text import digits_only, fold
from ..programme.context import Context
from ..programme.hlc import next_hlc

# What travels: the member's details (kept in the member's columns), and the fact that a member
# was merged into another (the kept member's UUID: people/duplicates.py).
DETAILS = ("name", "phone", "email", "birthday", "marketing_consent", "profiling_consent", "notes", "status")
MERGED_INTO = "merged_into"
FIELDS = (*DETAILS, MERGED_INTO)
CONSENTS = ("marketing_consent", "profiling_consent")


def record_changes(ctx: Context, member_id: int, before: dict, after: dict) -> None:
    """The fields `after` changes from `before` (values as `field_values` gives them), one change
    each with one stamp. Inside the edit's transaction; the member row is written by the caller."""
    changed = {name: value for name, value in after.items() if before.get(name) != value}
    if not changed:
        return
    stamp, now = next_hlc(ctx), to_iso(ctx.clock.now())
    ctx.db.conn.executemany(
        "INSERT INTO member_changes (uuid, member_id, field, value, hlc, device_id, staff_id, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(str(uuid.uuid4()), member_id, name, json.dumps(value), stamp, ctx.device_id, ctx.staff_id, now)
         for name, value in changed.items()])


def field_values(member) -> dict:
    """A member's travelling fields as changes carry them (a consent with its date)."""
    values = {name: getattr(member, name) for name in DETAILS if name not in CONSENTS}
    for name in CONSENTS:
        values[name] = {"given": bool(getattr(member, name)), "at": getattr(member, f"{name}_at")}
    return values


def take_in_change(ctx: Context, member_id: int, change: dict, apply=None) -> bool:
    """A change made at another counter: kept on file, and applied to the member when it is the
    latest of its field (an erased member's is kept without its value). False when it was here.
    `apply(ctx, member_id, field, value)`: how it is applied (by default `apply_field`; a record of
    another package travelling as a member's change — a complaint — brings its own)."""
    erased = ctx.db.execute("SELECT status = 'erased' FROM members WHERE id = ?", [member_id]).fetchone()[0]
    latest = ctx.db.execute("SELECT MAX(hlc) FROM member_changes WHERE member_id = ? AND field = ?",
                            [member_id, change["field"]]).fetchone()[0]
    value = None if erased else change["value"]
    inserted = ctx.db.execute(
        "INSERT INTO member_changes (uuid, member_id, field, value, hlc, device_id, staff_id, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO NOTHING",
        [change["uuid"], member_id, change["field"], None if value is None else json.dumps(value), change["hlc"],
         change["device_id"], change["staff_id"], change["changed_at"]]).rowcount
    if inserted and not erased and (latest is None or change["hlc"] > latest):
        (apply or apply_field)(ctx, member_id, change["field"], value)
    return bool(inserted)


def apply_field(ctx: Context, member_id: int, field: str, value) -> None:
    if field == MERGED_INTO:
        kept = value and ctx.db.execute("SELECT id FROM members WHERE uuid = ?", [value]).fetchone()
        if kept:
            note_merge(ctx, member_id, kept[0], device_id=None)
        elif value is None:             # the merge was undone (ledger/merges.undo_merge)
            note_unmerge(ctx, member_id)
    elif field in CONSENTS:
        ctx.db.execute(f"UPDATE members SET {field} = ?, {field}_at = ? WHERE id = ?",
                       [int(bool(value["given"])), value["at"], member_id])
    elif field == "name":
        ctx.db.execute("UPDATE members SET name = ?, sort_name = ? WHERE id = ?", [value, fold(value), member_id])
    elif field == "phone":
        ctx.db.execute("UPDATE members SET phone = ?, phone_digits = ? WHERE id = ?",
                       [value, digits_only(value or "") or None, member_id])
    elif field in DETAILS:
        ctx.db.execute(f"UPDATE members SET {field} = ? WHERE id = ?", [value, member_id])


def note_merge(ctx: Context, absorbed_id: int, kept_id: int, device_id: str | None) -> None:
    """The absorbed member's cards open the kept member from now on; its history stays its own.
    `device_id`: the counter that merged them (None when the fact came from the hub: the change's)."""
    device = device_id or ctx.db.execute(
        "SELECT device_id FROM member_changes WHERE member_id = ? AND field = ? ORDER BY hlc DESC LIMIT 1",
        [absorbed_id, MERGED_INTO]).fetchone()[0]
    ctx.db.execute("INSERT INTO member_merges (absorbed_id, kept_id, device_id, merged_at) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT(absorbed_id) DO UPDATE SET kept_id = excluded.kept_id, device_id = excluded.device_id, "
                   "merged_at = excluded.merged_at, undone_at = NULL WHERE undone_at IS NOT NULL",
                   [absorbed_id, kept_id, device, to_iso(ctx.clock.now())])
    ctx.db.execute("UPDATE cards SET member_id = ? WHERE member_id = ?", [kept_id, absorbed_id])


def note_unmerge(ctx: Context, absorbed_id: int) -> None:
    """A merge undone: the absorbed member's own cards — its card and those it replaced — open it
    again; the merge stays listed, marked undone."""
    ctx.db.execute("UPDATE member_merges SET undone_at = ? WHERE absorbed_id = ? AND undone_at IS NULL",
                   [to_iso(ctx.clock.now()), absorbed_id])
    ctx.db.execute("""WITH RECURSIVE own(number) AS (
                          SELECT card FROM members WHERE id = ?
                          UNION SELECT c.number FROM cards c JOIN own ON c.replaced_by = own.number)
                      UPDATE cards SET member_id = ? WHERE number IN (SELECT number FROM own)""",
                   [absorbed_id, absorbed_id])


def forget_values(ctx: Context, member_id: int) -> None:
    """An erasure: the changes keep who and when, not what."""
    ctx.db.execute("UPDATE member_changes SET value = NULL WHERE member_id = ?", [member_id])


