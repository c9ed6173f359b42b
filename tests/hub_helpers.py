"""Helpers for the hub's tests (tests/chain/): a hub with a store, counters that connect as
their own roles with their join code's credentials, and entries as a device writes them."""

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import psycopg

from loyalty.chain import hub_admin, wire
from loyalty.chain.join_code import JoinCode

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)


@dataclass
class Counter:
    code: JoinCode
    seq: int = 0
    seal: str = wire.GENESIS
    member: str = field(default_factory=lambda: str(uuid.uuid4()))

    def connect(self, **options) -> psycopg.Connection:
        return psycopg.connect(self.code.conninfo(), **{"autocommit": True, **options})

    def entries(self, count: int, **fields) -> list[dict]:
        """The device's next `count` entries, sealed, continuing its chain (and advancing it)."""
        made = []
        for _ in range(count):
            self.seq += 1
            made.append(entry(self.code.device_id, self.seq, self.code.store, member_uuid=self.member, **fields))
        made = sealed(made, self.seal)
        self.seal = made[-1]["device_seal"]
        return made


def sealed(entries: list[dict], previous_seal: str = wire.GENESIS) -> list[dict]:
    """The entries as the upload sends them (wire.sealed_json), as dicts: every wire field there
    (null when empty), `device_seal` filled in."""
    return json.loads(wire.sealed_json(entries, previous_seal)[0])


def entry(device_id: str, seq: int, store: str, **fields) -> dict:
    values = {name: None for name in wire.SEALED_FIELDS}
    values.update(uuid=str(uuid.uuid4()), device_id=device_id, device_seq=seq, store=store, kind="earn",
                  member_uuid=str(uuid.uuid4()), points=10, amount_cents=1000, spend_cents=1000,
                  receipt_ref=f"R{seq}", staff="Ana Núñez", detail='{"base":10}',
                  created_at=fields.get("created_at") or wire.created_at_text(T0 + timedelta(seconds=seq % 10**8)),
                  idempotency_key=f"sale:{device_id}:{seq}")
    values.update(fields)
    return values


def ingest(conn, entries: list[dict], form: str = "json") -> list[tuple[str, str]]:
    """The entries sent as a counter sends them (`json`: hub step 16), or as counters before it did
    (`jsonb`, which hub_ingest(json) hands anything but the usual batch to)."""
    rows = conn.execute(f"SELECT * FROM hub.hub_ingest(%s::{form})", (json.dumps(entries),)).fetchall()
    return [(str(uuid_), outcome) for uuid_, outcome in rows]


def pull(conn, after: int = 0, most: int = 500) -> list[tuple[int, str]]:
    return [(hub_seq, str(uuid_)) for hub_seq, uuid_ in
            conn.execute("SELECT hub_seq, uuid FROM hub.hub_pull(%s, %s)", (after, most)).fetchall()]


def admin_count(dsn: str, table: str) -> int:
    with psycopg.connect(dsn) as conn:
        return conn.execute(f"SELECT count(*) FROM hub.{table}").fetchone()[0]


@dataclass
class Hub:
    dsn: str
    chain_id: str

    def counter(self, name: str, store: str = "M1") -> Counter:
        return Counter(hub_admin.add_counter(self.dsn, store, name))


def linked_without_a_hub(ctx, last_sync: datetime | None) -> None:
    """A counter that joined a hub and last reached it at `last_sync` (None: never since), without
    a hub: the link row alone, for the rules that read it (the offline redemption limit)."""
    from loyalty.common.clock import to_iso
    from loyalty.storage import write_transaction
    with write_transaction(ctx.db):
        ctx.db.execute("INSERT INTO hub_link (id, chain_id, store, host, port, dbname, user, sslmode, joined_at, "
                       "last_upload_at) VALUES (1, 'c', 'M1', 'hub', 5432, 'hub', 'till', 'disable', ?, ?)",
                       [to_iso(ctx.clock.now()), last_sync and to_iso(last_sync)])


def joined_tills(dsn: str, folder, count: int, clock_at: datetime = T0, store: str = "M1") -> list:
    """`count` new shops, each with a clock of its own at `clock_at`, joined to an initialised hub
    as counters of `store` (made if the hub lacks it)."""
    from loyalty.chain.link import join
    from loyalty.common.clock import FixedClock
    from loyalty.programme.shop import open_shop
    with psycopg.connect(dsn) as conn:
        known = conn.execute("SELECT 1 FROM hub.stores WHERE code = %s", (store,)).fetchone()
    if not known:
        hub_admin.add_store(dsn, store, store)
    tills = []
    for number in range(1, count + 1):
        till = open_shop(folder / f"till{number}.sqlite", clock=FixedClock(clock_at), staff_id=f"till{number}")
        join(till, hub_admin.add_counter(dsn, store, f"Till {number}", device_id=till.device_id).text())
        tills.append(till)
    return tills


def lots_and_balances(till) -> tuple:
    """What a counter derived from its entries, named by UUIDs (local ids differ between tills)."""
    return (till.db.execute("SELECT e.uuid, l.remaining, l.expires_on FROM lots l JOIN entries e ON e.id = l.entry_id "
                            "ORDER BY e.uuid").fetchall(),
            till.db.execute("SELECT uuid, balance FROM members ORDER BY uuid").fetchall(),
            till.db.execute("SELECT e.uuid, l.uuid, SUM(a.points) FROM allocations a JOIN entries e ON e.id = a.entry_id "
                            "JOIN entries l ON l.id = a.lot_id GROUP BY e.uuid, l.uuid HAVING SUM(a.points) <> 0 "
                            "ORDER BY e.uuid, l.uuid").fetchall())


def two_store_chain(dsn: str, folder) -> tuple:
    """A chain of Madrid (M1) and Barcelona (B2) on an empty hub at `dsn`, one till each, on
    1 December 2026 at noon: Ana, enrolled in Madrid, buys 100.00 there, then 50.00 in Barcelona
    and redeems 20 points there; Luis, enrolled in Barcelona, buys 30.00 there. Both tills synced."""
    from loyalty.chain.link import join
    from loyalty.chain.rounds import sync_once
    from loyalty.common.clock import FixedClock
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.ledger.redemptions import redeem_points
    from loyalty.ledger.sales import post_sale
    from loyalty.people.members import NewMember
    from loyalty.programme.shop import open_shop

    noon = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    hub_admin.init_hub(dsn)
    hub_admin.add_store(dsn, "M1", "Madrid")
    hub_admin.add_store(dsn, "B2", "Barcelona")
    madrid = open_shop(folder / "madrid.sqlite", clock=FixedClock(noon), staff_id="m")
    join(madrid, hub_admin.add_counter(dsn, "M1", "Madrid 1", device_id=madrid.device_id).text())
    barcelona = open_shop(folder / "barcelona.sqlite", clock=FixedClock(noon), staff_id="b")
    join(barcelona, hub_admin.add_counter(dsn, "B2", "Barcelona 1", device_id=barcelona.device_id).text())
    ana = enrol_member(madrid, NewMember(name="Ana García"))
    luis = enrol_member(barcelona, NewMember(name="Luis Pérez"))
    post_sale(madrid, ana.card, 10_000, "M-1")
    for till in (madrid, barcelona, madrid):
        assert sync_once(till).problem is None
    post_sale(barcelona, ana.card, 5_000, "B-1")
    post_sale(barcelona, luis.card, 3_000, "B-2")
    redeem_points(barcelona, ana.card, 20)
    for till in (madrid, barcelona, madrid):
        assert sync_once(till).problem is None
    return madrid, barcelona


def remove_kept_hub(ctx) -> None:
    """After a test: the hub `ctx`'s PC keeps (chain/hosting.py) stopped and its folder gone."""
    import shutil

    from loyalty.chain import hosting, keeper, pg_server
    hub = hosting.kept_hub(ctx)
    if hub is not None:
        keeper.stop(hub.folder)
        if pg_server.is_running(hub.folder):
            pg_server.stop(hub.folder, "immediate")
        shutil.rmtree(hub.folder, ignore_errors=True)
