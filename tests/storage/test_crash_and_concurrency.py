"""Crash and concurrency safety with real processes: a counter killed with SIGKILL at
random moments loses no acknowledged sale and leaves no half transaction; two counters
posting to one database at once never see "database is locked" and lose nothing.
Bounded in count and time (about 30 s together)."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loyalty.ledger.enrolment import enrol_member
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop

ROOT = Path(__file__).resolve().parents[2]

# A counter that sells in a loop and says "ok REF" only after post_sale has returned,
# that is after the commit: what it has said is what a cashier would have been told.
SELLER = """
import sys
sys.path.insert(0, {root!r})
from loyalty.programme.shop import open_shop
from loyalty.ledger.sales import post_sale
ctx = open_shop({db!r}, staff_id={name!r})
for number in range({first}, {first} + {count}):
    ref = f"{name}-{{number}}"
    post_sale(ctx, {card!r}, 100 + number % 900, ref)
    print("ok", ref, flush=True)
print("done", flush=True)
"""


def seller(db: Path, card: str, name: str, first: int, count: int) -> subprocess.Popen:
    code = SELLER.format(root=str(ROOT), db=str(db), name=name, first=first, count=count, card=card)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def shop(tmp_path):
    db = tmp_path / "counter.sqlite"
    ctx = open_shop(db)
    card = enrol_member(ctx, NewMember(name="Ana")).card
    ctx.db.close()
    return db, card


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX; Windows has no equivalent signal")
def test_sigkill_at_random_moments_loses_no_acknowledged_sale(shop):
    db, card = shop
    rng = random.Random(2026)
    acknowledged: list[str] = []
    for kill in range(30):
        process = seller(db, card, "K", first=kill * 10_000, count=10_000)
        deadline = time.monotonic() + rng.uniform(0.4, 0.9)   # start-up, then a random moment mid-selling
        while time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        # a line cut short by the kill ("ok " without its newline) was never seen whole: not acknowledged
        acknowledged += [line.split()[1] for line in out.splitlines(keepends=True)
                         if line.startswith("ok ") and line.endswith("\n")]
    assert len(acknowledged) > 30, "the sellers did sell between kills"
    ctx = open_shop(db)
    refs = {}
    for ref, copies in ctx.db.execute("SELECT receipt_ref, COUNT(*) FROM entries WHERE kind = 'earn' "
                                      "GROUP BY receipt_ref"):
        refs[ref] = copies
    missing = [ref for ref in acknowledged if ref not in refs]
    assert missing == [], "every sale a cashier saw acknowledged is in the ledger"
    assert max(refs.values()) == 1, "and only once"
    assert verify(ctx) == [], "no half-written transaction: balances, lots and ledger agree"
    ctx.db.close()


def test_two_counters_posting_at_once_lose_nothing_and_never_see_a_lock(shop):
    db, card = shop
    counters = [seller(db, card, name, first=0, count=2_000) for name in ("A", "B")]
    results = [process.communicate(timeout=240) for process in counters]
    for (out, err), process in zip(results, counters):
        assert process.returncode == 0, err
        assert "locked" not in err and out.strip().endswith("done")
    ctx = open_shop(db)
    assert ctx.db.execute("SELECT COUNT(*) FROM entries WHERE kind = 'earn'").fetchone()[0] == 4_000
    assert ctx.db.execute("SELECT COUNT(DISTINCT receipt_ref) FROM entries").fetchone()[0] == 4_000
    assert verify(ctx) == []
    ctx.db.close()
