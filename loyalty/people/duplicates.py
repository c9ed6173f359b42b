"""Members who may be one person: the same phone number or e-mail address on two members — most
often one person enrolled at two tills while they were offline (docs/sync.md). Listed for the
owner, who decides: `loyalty member merge` (ledger/merges.py). Erased members and members already
merged into another are left out."""

from dataclasses import dataclass

from ..programme.context import Context
from .members import Member, member_by_id

MIN_PHONE_DIGITS = 6      # shorter numbers (an extension, a typo) say nothing about who it is


@dataclass(frozen=True)
class PossibleDuplicate:
    first: Member
    second: Member
    same: str             # "phone" or "email"


_STILL_HERE = "status != 'erased' AND id NOT IN (SELECT absorbed_id FROM member_merges WHERE undone_at IS NULL)"


def possible_duplicates(ctx: Context, limit: int = 200) -> list[PossibleDuplicate]:
    rows = ctx.db.execute(
        f"""SELECT a.id, b.id, 'phone' FROM members a JOIN members b ON b.phone_digits = a.phone_digits AND b.id > a.id
            WHERE length(a.phone_digits) >= {MIN_PHONE_DIGITS}
              AND a.id IN (SELECT id FROM members WHERE {_STILL_HERE}) AND b.id IN (SELECT id FROM members WHERE {_STILL_HERE})
            UNION
            SELECT a.id, b.id, 'email' FROM members a JOIN members b ON lower(b.email) = lower(a.email) AND b.id > a.id
            WHERE a.email IS NOT NULL
              AND a.id IN (SELECT id FROM members WHERE {_STILL_HERE}) AND b.id IN (SELECT id FROM members WHERE {_STILL_HERE})
            ORDER BY 1, 2 LIMIT ?""", [limit]).fetchall()
    found, seen = [], set()
    for first, second, same in rows:
        if (first, second) not in seen:          # the same phone and e-mail: one pair
            seen.add((first, second))
            found.append(PossibleDuplicate(member_by_id(ctx, first), member_by_id(ctx, second), same))
    return found
