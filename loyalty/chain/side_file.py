"""A first download's side file (bulk_download.py): the hub's entries as it keeps them, and how they
go into a shop's file — the copy being built, and the second process's scratch shop (side_share.py)."""

from .pull import PULLED_NAMES

# The side file's tables (after CREATE TABLE, with the schema's name when attached): the hub's entries
# as pulled, and the copy's local ids of what they name, listed for the second process.
ENTRIES = f"entries ({', '.join(PULLED_NAMES)})"
LOCAL_IDS = "local_ids (kind TEXT, uuid TEXT, id INTEGER, PRIMARY KEY (kind, uuid)) WITHOUT ROWID"

# Each entry's id is its row number in the side file: the copy and the second process's files
# (side_seals.py, side_share.py) name the same entry by the same id. `:first`: the first row taken;
# `{into}`: the table written, `entries` or its twin (storage/bulk_fill.py).
TAKE_IN = """
    INSERT INTO {into} (id, uuid, kind, points, amount_cents, spend_cents, receipt_ref, reason, bonus_kind, tier_code,
                         detail, staff_id, device_id, device_seq, created_at, idempotency_key, member_id, reward_id,
                         campaign_id)
    SELECT d.rowid, d.uuid, d.kind, d.points, d.amount_cents, d.spend_cents, d.receipt_ref, d.reason, d.bonus_kind,
           d.tier_code, d.detail, d.staff_id, d.device_id, d.device_seq, d.created_at, d.idempotency_key, m.id,
           (SELECT id FROM rewards WHERE uuid = d.reward_uuid), (SELECT id FROM campaigns WHERE uuid = d.campaign_uuid)
    FROM download.entries AS d JOIN members AS m ON m.uuid = d.member_uuid
    WHERE d.rowid >= :first ORDER BY d.rowid
    ON CONFLICT DO NOTHING"""

# A reversal names what it reverses by UUID: linked once every entry has its id.
LINK_REVERSALS = """
    UPDATE entries SET reverses_id = r.id
    FROM download.entries AS d JOIN entries AS r ON r.uuid = d.reverses_uuid
    WHERE d.reverses_uuid IS NOT NULL AND entries.uuid = d.uuid"""


def list_local_ids(db) -> None:
    """In the side file (attached to the copy's connection as `download`, outside a transaction):
    the copy's members, rewards and campaigns by UUID, before its entries are written, for the
    second process, which never opens the copy."""
    db.execute("DROP TABLE IF EXISTS download.local_ids")
    db.execute(f"CREATE TABLE download.{LOCAL_IDS}")
    for kind, table in (("member", "members"), ("reward", "rewards"), ("campaign", "campaigns")):
        db.execute(f"INSERT INTO download.local_ids SELECT '{kind}', uuid, id FROM {table}")
