"""Tamper evidence for the ledger: every entry is sealed with a SHA-256 hash of its content
and of the previous entry's seal (table `entry_seals`, migration 0008). Changing, removing or
reordering an entry with another tool breaks the chain from that entry on; `verify` walks
it and names the first entry that no longer matches.

The seals are not secret: a person who knows this scheme and recomputes every later seal can
hide an edit. What the chain catches is a change made with an ordinary database tool."""

import hashlib
import json

# The sealed content, in this order (everything but the seal itself).
SEALED_COLUMNS = ("id", "uuid", "member_id", "kind", "points", "amount_cents", "spend_cents", "receipt_ref",
                  "reason", "bonus_kind", "reverses_id", "reward_id", "campaign_id", "tier_code", "detail",
                  "staff_id", "device_id", "created_at", "idempotency_key")
GENESIS = "0" * 64     # the "previous seal" of the first entry
SELECT_SEALED = f"SELECT {', '.join(SEALED_COLUMNS)} FROM entries"
# One encoder for every seal: json.dumps with options makes a new one each call (a quarter of a
# seal's time; a first download seals millions).
_CONTENT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def seal(previous: str, row) -> str:
    """The seal of an entry, from its sealed columns' values in SEALED_COLUMNS order (a list or a
    row: both are written as a JSON array)."""
    return hashlib.sha256(f"{previous}|{_CONTENT(row)}".encode()).hexdigest()


def last_seal(db) -> str:
    row = db.execute("SELECT seal FROM entry_seals ORDER BY entry_id DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def seal_entries_after(db, after_id: int) -> None:
    """Seal the entries with an id above `after_id`, in order (inside the writer's transaction)."""
    previous = last_seal(db)
    seals = []
    for row in db.execute(f"{SELECT_SEALED} WHERE id > ? ORDER BY id", [after_id]):
        previous = seal(previous, row)
        seals.append((row[0], previous))
        if len(seals) >= 10_000:
            db.conn.executemany("INSERT INTO entry_seals(entry_id, seal) VALUES (?, ?)", seals)
            seals.clear()
    db.conn.executemany("INSERT INTO entry_seals(entry_id, seal) VALUES (?, ?)", seals)


def broken_seals(db, limit: int = 5) -> list[str]:
    """The first places where the chain does not hold, in words (empty: intact). After a
    break the walk carries on from the recorded seal, so each broken entry is named once."""
    problems: list[str] = []
    previous, last_id = GENESIS, 0
    entries = db.execute(f"{SELECT_SEALED} ORDER BY id")
    seals = db.execute("SELECT entry_id, seal FROM entry_seals ORDER BY entry_id")
    entry, sealed = next(entries, None), next(seals, None)
    while (entry or sealed) and len(problems) < limit:
        if sealed is None or (entry is not None and entry[0] < sealed[0]):
            problems.append(f"ledger seal: entry {entry[0]} has no seal (written by another program)")
            entry = next(entries, None)
        elif entry is None or sealed[0] < entry[0]:
            problems.append(f"ledger seal: entry {sealed[0]} was removed")
            previous, last_id, sealed = sealed[1], sealed[0], next(seals, None)
        else:
            if seal(previous, entry) != sealed[1]:
                gap = range(last_id + 1, entry[0])
                problems.append(
                    f"ledger seal: entry {entry[0]} was edited, moved or replaced after it was written" if not gap
                    else f"ledger seal: entry {gap[0]} was removed (with its seal)" if len(gap) == 1
                    else f"ledger seal: entries {gap[0]} to {gap[-1]} were removed (with their seals)")
            previous, last_id = sealed[1], entry[0]
            entry, sealed = next(entries, None), next(seals, None)
    return problems
