"""The Members screen's list: a million members read a page at a time.

Pages are keyset ranges on an index ("the next 200 after this one"), so the last
page costs what the first does; an OFFSET would read every row it skips.
"""

from ..programme.context import Context
from .members import Member

# Sort orders and the indexed key that serves each (the id breaks ties).
SORT_KEYS = {
    "name": ("sort_name", "id"),
    "card": ("card",),
    "joined": ("id",),
    "balance": ("balance", "id"),
}
PAGE_SIZE = 200


def member_count(ctx: Context) -> int:
    """Counts every row: about 0.1 s on a million members, so screens ask for it off the GUI thread."""
    return ctx.db.execute("SELECT COUNT(*) FROM members WHERE status != 'erased'").fetchone()[0]


def has_members(ctx: Context) -> bool:
    return ctx.db.execute("SELECT EXISTS (SELECT 1 FROM members WHERE status != 'erased')").fetchone()[0] == 1


def members_page(ctx: Context, order: str = "name", descending: bool = False, after: tuple | None = None,
                 limit: int = PAGE_SIZE) -> tuple[list[Member], tuple | None]:
    """Up to `limit` members in `order` following the key `after`; returns them and the key to continue from."""
    columns = SORT_KEYS[order]
    direction = "DESC" if descending else "ASC"
    key = f"({', '.join(columns)})"
    where = "status != 'erased'"
    params: list = []
    if after is not None:
        where += f" AND {key} {'<' if descending else '>'} ({', '.join('?' * len(columns))})"
        params.extend(after)
    rows = list(ctx.db.query(
        f"SELECT * FROM members WHERE {where} ORDER BY {', '.join(f'{c} {direction}' for c in columns)} LIMIT ?",
        [*params, limit],
    ))
    next_key = tuple(rows[-1][c] for c in columns) if len(rows) == limit else None
    return [Member.from_row(row) for row in rows], next_key
