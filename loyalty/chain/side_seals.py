"""The seals of a new counter's first download, made by the second process (second_process.py) from
the side file while the builder writes the copy (bulk_download.py). The seal chain is one hash after
another: two minutes of one core for the big shop's 20 M entries.

The copy's entries take the side file's row numbers as their ids, and the builder lists in the side
file the copy's ids of the members, rewards and campaigns (side_file.list_local_ids): so what is
read here is, column for column, what the copy holds (storage/seals.SEALED_COLUMNS), and the same
entries — those whose member is here. A reversal names its entry by UUID; it is found among the same
member's earlier entries (the side file keeps each member's together, in the hub's order). Anything
this process cannot do — a reversal of another member's entry, a failure, a count that differs from
the copy's — leaves the seals unused: the builder seals the copy itself, as before (`take_seals`)."""

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from ..storage.seals import GENESIS, last_seal, seal

log = logging.getLogger(__name__)

# The side file's entries as the copy holds them (side_file.TAKE_IN: the same members kept, the same
# rewards and campaigns found), in its order, with the reversal's UUID and the member's UUID after
# the sealed columns.
_AS_THE_COPY_HOLDS_THEM = """
    SELECT d.rowid, d.uuid, m.id, d.kind, d.points, d.amount_cents, d.spend_cents, d.receipt_ref, d.reason,
           d.bonus_kind, NULL, rw.id, c.id, d.tier_code, d.detail, d.staff_id, d.device_id, d.created_at,
           d.idempotency_key, d.reverses_uuid, d.member_uuid
    FROM entries AS d JOIN local_ids AS m ON m.kind = 'member' AND m.uuid = d.member_uuid
         LEFT JOIN local_ids AS rw ON rw.kind = 'reward' AND rw.uuid = d.reward_uuid
         LEFT JOIN local_ids AS c ON c.kind = 'campaign' AND c.uuid = d.campaign_uuid
    ORDER BY d.rowid"""
_REVERSES, _REVERSES_UUID, _MEMBER_UUID = 10, 19, 20


def prepare(sealed: Path) -> None:
    """The seals' file, made by the builder with its tables before the second process starts."""
    sealed.unlink(missing_ok=True)
    with closing(sqlite3.connect(sealed)) as db:
        db.execute("CREATE TABLE seals (entry_id INTEGER PRIMARY KEY, seal TEXT NOT NULL)")
        db.execute("CREATE TABLE done (entries INTEGER)")
        db.commit()


def seal_side_file(side: str, sealed: str) -> None:
    """The second process's first work: every entry's seal, in id order, then a row saying how many."""
    with closing(sqlite3.connect(side)) as source, closing(sqlite3.connect(sealed, isolation_level=None)) as target:
        target.execute("PRAGMA journal_mode = OFF")     # a failed run is thrown away whole
        target.execute("PRAGMA synchronous = OFF")
        target.execute("BEGIN")
        previous, member, ids, seals, count = GENESIS, None, {}, [], 0
        for row in source.execute(_AS_THE_COPY_HOLDS_THEM):
            if row[_MEMBER_UUID] != member:
                member, ids = row[_MEMBER_UUID], {}
            content = list(row[:_REVERSES_UUID])
            if row[_REVERSES_UUID] is not None:
                content[_REVERSES] = ids.get(row[_REVERSES_UUID])
                if content[_REVERSES] is None:
                    log.warning("Entry %s reverses one that is not its member's before it: sealed by the builder",
                                row[1])
                    return
            ids[row[1]] = row[0]
            previous = seal(previous, content)
            seals.append((row[0], previous))
            if len(seals) == 10_000:
                target.executemany("INSERT INTO seals VALUES (?, ?)", seals)
                count += len(seals)
                seals.clear()
        target.executemany("INSERT INTO seals VALUES (?, ?)", seals)
        target.execute("INSERT INTO done VALUES (?)", [count + len(seals)])
        target.execute("COMMIT")


def take_seals(db, after: int) -> bool:
    """Inside the copy's transaction, the finished process's file attached as `sealed`: its seals of
    the entries above `after` written, if they are the copy's — every entry sealed and nothing else,
    from the start of the chain. False when they are not used."""
    done = db.execute("SELECT entries FROM sealed.done").fetchone()
    copy = db.execute("SELECT COUNT(*) FROM entries WHERE id > ?", [after]).fetchone()[0]
    # Both hold the side file's entries whose member is here, but the copy not one it refused (a
    # UUID twice): equal counts, equal entries. The chain starts from the first seal.
    if done is None or done[0] != copy or after != 0 or last_seal(db) != GENESIS:
        log.warning("The seals' process sealed %s entries, the copy has %s: sealed by the builder", done, copy)
        return False
    db.execute("INSERT INTO entry_seals (entry_id, seal) SELECT entry_id, seal FROM sealed.seals ORDER BY entry_id")
    return True
