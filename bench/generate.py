"""Generate a big shop's database for the benchmark (not part of the test suite).

    python bench/generate.py                       # 1,000,000 members, ~20,000,000 entries
    python bench/generate.py --members 20000 --entries 400000 --out bench/data/small.sqlite

The history covers the three years before --end and obeys the ledger's invariants
(`loyalty --db FILE verify` passes): every sale opens a lot, redemptions spend the
soonest-expiring lots first, the daily job's expiry entries are there, balances and
lot remainders are the sums they cache. Activity is skewed as in a real shop: most
members come a handful of times, a few come every week. Two members are placed for
the lookup comparison: one with exactly 10 entries, one with exactly 10,000.

Speed: the file is written with the journal off and secondary indexes built at the
end; the schema itself comes from the app's own migrations. Entry ids follow time
(millisecond of the entry × 2^20 + member id), so the entries table is laid out
chronologically as a real counter would write it, not member by member.
"""

import argparse
import json
import math
import random
import sqlite3
import sys
import time
import uuid
from collections import deque
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlite_utils import Database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loyalty.common.clock import FixedClock, to_iso  # noqa: E402
from loyalty.common.text import fold  # noqa: E402
from loyalty.ledger.entries import expiry_date  # noqa: E402
from loyalty.people.cards import card_from_body  # noqa: E402
from loyalty.programme.points import points_for_sale  # noqa: E402
from loyalty.programme.rules import load_programme, load_tiers, tier_for_spend  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.storage.bulk import catch_up  # noqa: E402
from loyalty.storage.schema_changes import global_identities  # noqa: E402
from loyalty.storage.seals import seal_entries_after  # noqa: E402
from loyalty.storage.year_totals import list_windows  # noqa: E402

FIRST_NAMES = ("María Carmen José Antonio Manuel Francisco Lucía Laura Marta Ana Isabel David Javier Daniel "
               "Carlos Pablo Sergio Alejandro Elena Cristina Paula Sara Raquel Pilar Rosa Teresa Jorge Luis "
               "Miguel Ángel Rafael Fernando Andrés Beatriz Nuria Silvia Patricia Irene Alba Noelia Iñaki "
               "Begoña Óscar Rubén Víctor Adrián Álvaro Hugo Lola Inés Julia Sofía Martina").split()
SURNAMES = ("García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz "
            "Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez "
            "Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín "
            "Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez "
            "Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos Vega Fuentes Carrasco "
            "Diez Caballero Reyes Nieto Aguilar Pascual Santana Herrero Lorenzo Montero Hidalgo Giménez "
            "Ibáñez Ferrer Durán Santiago Benítez Mora Vicente Vargas Arias Carmona Crespo Román Pastor Soto "
            "Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas Echeverría Goikoetxea Peñalver").split()

SPAN_DAYS = 3 * 365
ID_SHIFT = 20            # entry id = millisecond × 2^20 + member id: unique and chronological
REDEEM_CHANCE = 0.35     # at a visit with at least REDEEM_MIN points
REDEEM_MIN = 500
ENTRIES_PER_VISIT = 1.28  # entries per drawn visit, redemptions and expiries included (measured on small runs)
BATCH_ROWS = 100_000


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=20_000_000, help="about this many ledger entries")
    parser.add_argument("--end", default="2026-11-01", help="the day the history ends (the benchmark's today)")
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--out", default="bench/data/big.sqlite")
    return parser.parse_args(argv)


class Shop:
    """What the generator needs of the programme, read from the new database."""

    def __init__(self, db):
        programme = load_programme(db)
        self.tiers = load_tiers(db)
        self.decimals = programme.currency_decimals
        self.earn_rate = programme.earn_rate
        self.expiry_months = programme.expiry_months
        self.window_days = programme.tier_window_days
        self.device_id = programme.device_id
        self.points_per_unit = programme.points_per_currency_unit


class MemberHistory:
    """One member's three years, simulated in time order with FIFO lots."""

    def __init__(self, shop: Shop, member_id: int, rng: random.Random, visit_days: list[int], start: date,
                 redeem_chance: float = REDEEM_CHANCE):
        self.shop, self.member_id, self.rng, self.start = shop, member_id, rng, start
        self.redeem_chance = redeem_chance
        self.entries, self.lots, self.allocations = [], {}, []
        self.open_lots = deque()        # [lot id, expires_on, remaining], soonest-expiring first
        self.spends = deque()           # (day, cents) inside the tier window
        self.window_spend = 0
        self.balance = 0
        self.tier = shop.tiers[0]
        self.tier_since = None
        self.last_ms = -1
        for day in visit_days:
            self._visit(day)

    def finish(self, end_day: int) -> None:
        self._expire_before(end_day)
        self._slide_window(end_day)
        self._settle_tier(end_day)

    # -- events ---------------------------------------------------------------
    def _visit(self, day: int) -> None:
        self._expire_before(day)
        self._slide_window(day)
        self._settle_tier(day)  # the daily job's view; the sale itself earns at this tier
        ms = self._moment(day, self.rng.randint(9 * 3600, 20 * 3600))
        if self.balance >= REDEEM_MIN and self.rng.random() < self.redeem_chance:
            points = min(self.balance // REDEEM_MIN, self.rng.choice((1, 1, 1, 2, 4))) * REDEEM_MIN
            entry_id = self._entry(ms, "redeem", -points, amount_cents=points * 10**self.shop.decimals
                                   // self.shop.points_per_unit, key=None)
            self._allocate(entry_id, points)
            ms = self._moment(day, self.rng.randint(9 * 3600, 20 * 3600))
        amount = max(100, int(self.rng.lognormvariate(math.log(2200), 0.8)))
        earning = points_for_sale(amount, self.shop.decimals, self.shop.earn_rate, self.tier.multiplier)
        ref = f"T{ms}"
        entry_id = self._entry(ms, "earn", earning.total, amount_cents=amount, spend_cents=amount, receipt_ref=ref,
                               tier_code=self.tier.code, key=f"sale:{self.member_id}:{ref}",
                               detail=json.dumps({"base": earning.base, "tier_bonus": earning.tier_bonus,
                                                  "campaign_bonus": 0, "tier": self.tier.code}))
        if earning.total > 0:
            expires_on = expiry_date(self.start + timedelta(days=day), self.shop.expiry_months)
            self.lots[entry_id] = [entry_id, self.member_id, expires_on, earning.total]
            self.open_lots.append(self.lots[entry_id])
        self.spends.append((day, amount))
        self.window_spend += amount
        self._settle_tier(day)

    def _expire_before(self, day: int) -> None:
        today = (self.start + timedelta(days=day)).isoformat()
        while self.open_lots and self.open_lots[0][2] < today:
            lot = self.open_lots.popleft()
            if lot[3] == 0:
                continue
            run_on = date.fromisoformat(lot[2]) + timedelta(days=1)
            run_day = (run_on - self.start).days
            ms = self._moment(run_day, 2 * 3600)
            key = f"expire:{lot[0]}:{run_on.isoformat()}"
            entry_id = self._entry(ms, "expire", -lot[3], key=key, reason=f"points of entry {lot[0]} expired")
            self.allocations.append((entry_id, lot[0], lot[3]))
            lot[3] = 0

    def _allocate(self, entry_id: int, points: int) -> None:
        for lot in self.open_lots:
            if points == 0:
                break
            take = min(points, lot[3])
            if take:
                self.allocations.append((entry_id, lot[0], take))
                lot[3] -= take
                points -= take
        while self.open_lots and self.open_lots[0][3] == 0:
            self.open_lots.popleft()

    def _slide_window(self, day: int) -> None:
        while self.spends and self.spends[0][0] <= day - self.shop.window_days:
            self.window_spend -= self.spends.popleft()[1]

    def _settle_tier(self, day: int) -> None:
        tier = tier_for_spend(self.shop.tiers, self.window_spend)
        if tier.code != self.tier.code:
            self.tier, self.tier_since = tier, day

    # -- rows -----------------------------------------------------------------
    def _moment(self, day: int, second: int) -> int:
        ms = (day * 86400 + second) * 1000 + self.rng.randint(0, 999)
        ms = max(ms, self.last_ms + 1)  # a member's entries never share a millisecond
        self.last_ms = ms
        return ms

    def _entry(self, ms: int, kind: str, points: int, key: str | None, **columns) -> int:
        entry_id = (ms << ID_SHIFT) + self.member_id
        entry_uuid = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        created = datetime.combine(self.start, datetime.min.time(), timezone.utc) + timedelta(milliseconds=ms)
        self.entries.append((
            entry_id, entry_uuid, self.member_id, kind, points, columns.get("amount_cents"),
            columns.get("spend_cents", 0), columns.get("receipt_ref"), columns.get("reason"),
            columns.get("tier_code"), columns.get("detail"), "bench", self.shop.device_id,
            to_iso(created), key or f"{kind}:{entry_uuid}",
        ))
        self.balance += points
        return entry_id


ENTRY_COLUMNS = ("id, uuid, member_id, kind, points, amount_cents, spend_cents, receipt_ref, reason, tier_code, "
                 "detail, staff_id, device_id, created_at, idempotency_key")


def visit_days(rng: random.Random, visits: int, end_day: int) -> list[int]:
    """A member joins on any day and comes for a while, every few days to every few weeks."""
    joined = rng.randrange(end_day)
    active_days = min(end_day - joined, max(1, visits * rng.randint(3, 40)))
    return sorted(joined + rng.randrange(active_days) for _ in range(visits))


def exact_history(shop, member_id, seed, start, end_day, wanted_entries, spread_days):
    """A member with exactly `wanted_entries` entries (the 10 vs 10,000 comparison)."""
    visits = wanted_entries
    while True:
        rng = random.Random(seed)
        days = sorted(rng.randint(end_day - spread_days, end_day - 1) for _ in range(visits))
        history = MemberHistory(shop, member_id, rng, days, start, redeem_chance=0.05)
        history.finish(end_day)
        if len(history.entries) == wanted_entries:
            return history
        visits -= len(history.entries) - wanted_entries
        if visits < 1:
            raise SystemExit("cannot place the member with an exact history")


def member_row(rng, member_id, card, history, start):
    first = rng.choice(FIRST_NAMES)
    name = f"{first} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
    phone_digits = f"6{rng.randrange(10**8):08d}" if rng.random() < 0.8 else None
    phone = f"{phone_digits[:3]} {phone_digits[3:6]} {phone_digits[6:]}" if phone_digits else None
    email = f"{first.lower()}.{member_id}@example.es" if rng.random() < 0.5 else None
    birthday = (date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65))).isoformat() if rng.random() < 0.6 else None
    consent = 1 if rng.random() < 0.4 else 0
    first_ms = min((entry[0] >> ID_SHIFT for entry in history.entries), default=0)
    origin = datetime.combine(start, datetime.min.time(), timezone.utc)
    joined_at = to_iso(origin + timedelta(milliseconds=max(0, first_ms - 60_000)))
    tier_since = to_iso(origin + timedelta(days=history.tier_since)) if history.tier_since else joined_at
    return (member_id, card, name, fold(name), phone, phone_digits, email, birthday, consent,
            joined_at if consent else None, joined_at, history.tier.code, tier_since, history.balance)


MEMBER_COLUMNS = ("id, card, name, sort_name, phone, phone_digits, email, birthday, marketing_consent, "
                  "marketing_consent_at, joined_at, "
                  "tier_code, tier_since, balance")


def card_for(member_id: int) -> str:
    """Distinct, non-sequential 12-digit numbers: an invertible scramble of the id."""
    scrambled = (member_id * 7_919_000_003) % 10**10
    return card_from_body(f"2{scrambled:010d}")


def deferred_schema(conn) -> list[tuple[str, str, str]]:
    """Secondary indexes and the row triggers (search index, report totals): dropped for the
    bulk load, rebuilt after, each trigger's work then done once (storage/bulk.py)."""
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
        "((type = 'index' AND tbl_name IN ('members', 'cards', 'entries', 'lots', 'allocations')) "
        "OR (type = 'trigger' AND tbl_name IN ('members', 'entries') AND sql LIKE '%AFTER INSERT%'))"
    ).fetchall()
    for kind, name, _ in rows:
        conn.execute(f"DROP {kind.upper()} {name}")
    return rows


def generate(args) -> dict:
    started = time.perf_counter()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    end = date.fromisoformat(args.end)
    start = end - timedelta(days=SPAN_DAYS)
    ctx = open_shop(out, FixedClock(datetime.combine(start, datetime.min.time(), timezone.utc)), "bench")
    shop = Shop(ctx.db)
    ctx.db.conn.close()

    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -8000000")  # 8 GB: the random-order inserts stay in memory
    rebuild = deferred_schema(conn)

    if args.members >= 1 << ID_SHIFT:
        raise SystemExit(f"--members: at most {(1 << ID_SHIFT) - 1:,} (entry ids embed the member id)")
    rng = random.Random(args.seed)
    mean_visits = args.entries / args.members / ENTRIES_PER_VISIT
    sigma = 1.3
    mu = math.log(mean_visits) - sigma**2 / 2
    light_id, heavy_id = 1, 2
    counts = {"members": 0, "entries": 0, "lots": 0, "allocations": 0}
    members, entries, lots, allocations = [], [], [], []

    def flush():
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO members ({MEMBER_COLUMNS}) VALUES ({', '.join('?' * 14)})", members)
        conn.executemany("INSERT INTO cards(number, member_id, status, issued_at) VALUES (?, ?, 'active', ?)",
                         [(row[1], row[0], row[10]) for row in members])
        conn.executemany(f"INSERT INTO entries ({ENTRY_COLUMNS}) VALUES ({', '.join('?' * 15)})", entries)
        conn.executemany("INSERT INTO lots(entry_id, member_id, expires_on, remaining) VALUES (?, ?, ?, ?)", lots)
        conn.executemany("INSERT INTO allocations(entry_id, lot_id, points) VALUES (?, ?, ?)", allocations)
        conn.execute("COMMIT")
        for name, rows in (("members", members), ("entries", entries), ("lots", lots), ("allocations", allocations)):
            counts[name] += len(rows)
            rows.clear()

    for member_id in range(1, args.members + 1):
        if member_id == light_id:
            history = exact_history(shop, member_id, args.seed + 1, start, SPAN_DAYS, 10, 300)
        elif member_id == heavy_id:
            history = exact_history(shop, member_id, args.seed + 2, start, SPAN_DAYS, 10_000, SPAN_DAYS)
        else:
            visits = min(int(rng.lognormvariate(mu, sigma)) + 1, 3 * 156)
            history = MemberHistory(shop, member_id, rng, visit_days(rng, visits, SPAN_DAYS), start)
            history.finish(SPAN_DAYS)
        members.append(member_row(rng, member_id, card_for(member_id), history, start))
        entries.extend(history.entries)
        lots.extend(history.lots.values())
        allocations.extend(history.allocations)
        if len(entries) >= BATCH_ROWS:
            flush()
            if member_id % 50_000 < 5_000:
                print(f"  {member_id:,} members, {counts['entries']:,} entries, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
    flush()

    print("building indexes, the name index, the report totals and the ledger's seals…", flush=True)
    conn.execute("BEGIN")
    for kind, name, sql in rebuild:
        conn.execute(sql)
        if kind == "trigger":
            catch_up(conn, name, 0)
    list_windows(Database(conn))   # the twelve-month windows of the ABC classes, from the member months
    # Member UUIDs, the device's gapless numbering and keys naming UUIDs, as migration 0019 gives
    # an older shop (it seals the chain when it rewrites keys; else it is sealed here).
    global_identities(Database(conn))
    if conn.execute("SELECT 1 FROM entry_seals LIMIT 1").fetchone() is None:
        seal_entries_after(Database(conn), 0)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()

    meta = {
        **counts,
        "end": args.end,
        "seed": args.seed,
        "light_card": card_for(light_id),
        "heavy_card": card_for(heavy_id),
        "file_bytes": out.stat().st_size,
        "seconds": round(time.perf_counter() - started, 1),
    }
    Path(f"{out}.json").write_text(json.dumps(meta, indent=2))
    return meta


def main(argv=None) -> None:
    meta = generate(parse_args(argv))
    print(json.dumps(meta, indent=2))


if __name__ == "__main__":
    main()
