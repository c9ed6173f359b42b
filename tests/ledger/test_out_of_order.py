"""Which members a run of entries reached out of the ledger's total order (their lots are then
derived again: ledger/replay.py). `LatestSoFar`, the upload's cheaper form that probes only the
entries some entry before them is not earlier than, must name the same members as the probe of
every entry, whatever the times, the batches and where the run starts."""

import json
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.common.clock import FixedClock
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.replay import LatestSoFar, members_out_of_order
from loyalty.ledger.sales import post_sale
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop
from loyalty.storage import write_transaction

START = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)

# A sale by one of three members, the till's clock moved by some minutes first (back as well:
# a clock put right, a till whose clock was ahead); 0 posts two entries at the same moment.
sales = st.lists(st.tuples(st.integers(0, 2), st.integers(-30, 30)), min_size=1, max_size=25)


def posted(shop, cards, clock, moves) -> list[int]:
    for member, minutes in moves:
        clock.advance(minutes=minutes)
        post_sale(shop, cards[member], 1_000)
    return [entry_id for (entry_id,) in shop.db.execute("SELECT id FROM entries WHERE kind = 'earn' ORDER BY id")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=sales, batch=st.integers(1, 7), start=st.integers(0, 24), recent=st.sampled_from([1, 3, 10_000]))
def test_latest_so_far_names_the_members_the_probe_of_every_entry_names(moves, batch, start, recent, monkeypatch):
    monkeypatch.setattr(LatestSoFar, "RECENT", recent)      # 1 and 3: the start's value often unknown
    clock = FixedClock(START)
    with tempfile.TemporaryDirectory() as folder:
        shop = open_shop(Path(folder) / "shop.sqlite", clock=clock, staff_id="tester")
        try:
            cards = [enrol_member(shop, NewMember(name=name)).card for name in ("Ana", "Luis", "Marta")]
            ids = posted(shop, cards, clock, moves)[start:]
            if not ids:
                return
            latest_so_far = LatestSoFar(shop, ids[0])
            for first in range(0, len(ids), batch):
                run = ids[first:first + batch]
                assert latest_so_far.members_out_of_order(shop, run) == members_out_of_order(shop, run)
        finally:
            shop.db.close()


def test_a_sale_stamped_before_the_members_previous_one_is_found_in_a_later_batch(ctx, enrol, clock):
    ana, luis = enrol(), enrol("Luis Pérez")
    post_sale(ctx, ana.card, 1_000)
    clock.advance(hours=2)
    post_sale(ctx, luis.card, 1_000)       # the latest time so far: Luis's
    clock.advance(hours=-1)
    post_sale(ctx, ana.card, 1_000)        # before Luis's sale, after Ana's: in order for Ana
    clock.advance(minutes=-90)
    post_sale(ctx, ana.card, 1_000)        # before Ana's first sale: out of order
    ids = [entry_id for (entry_id,) in ctx.db.execute("SELECT id FROM entries WHERE kind = 'earn' ORDER BY id")]
    latest_so_far = LatestSoFar(ctx, ids[0])
    assert latest_so_far.members_out_of_order(ctx, ids[:3]) == set()
    assert latest_so_far.members_out_of_order(ctx, ids[3:]) == {ana.id}


def as_device(path, clock, device_id: str):
    """The shop's file opened as the till `device_id` (two tills' entries in one file)."""
    ctx = open_shop(path, clock=clock, staff_id="tester")
    with write_transaction(ctx.db):
        ctx.db.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", [json.dumps(device_id)])
    ctx.db.close()
    return open_shop(path, clock=clock, staff_id="tester")


def test_a_sale_at_the_same_moment_as_another_tills_later_one_is_found(tmp_path, clock):
    """Equal times are ordered by device: an entry of a till whose id sorts after this one's, at
    the same moment and taken in before, comes after this till's sale in the total order."""
    path = tmp_path / "shop.sqlite"
    other = as_device(path, clock, "ffffffff-ffff-4fff-bfff-ffffffffffff")     # a till whose id sorts last
    ana = enrol_member(other, NewMember(name="Ana"))
    post_sale(other, ana.card, 1_000)
    other.db.close()
    here = as_device(path, clock, "00000000-0000-4000-8000-000000000000")      # then this till, the same file
    try:
        post_sale(here, ana.card, 1_000)                            # the same moment
        first, second = [entry_id for (entry_id,) in here.db.execute(
            "SELECT id FROM entries WHERE kind = 'earn' ORDER BY id")]
        assert members_out_of_order(here, [second]) == {ana.id}
        assert LatestSoFar(here, second).members_out_of_order(here, [second]) == {ana.id}
    finally:
        here.db.close()
