"""Demo data (loyalty/operations/demo.py): a past that ends now, whatever the hour it is loaded at."""

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.common.clock import FixedClock, to_iso
from loyalty.operations.demo import load_demo_data
from loyalty.operations.verify import verify
from loyalty.programme.shop import open_shop

# Every moment the demo writes, table by table.
MOMENTS = {"entries": "created_at", "members": "joined_at", "tier_changes": "changed_at", "rewards": "created_at",
           "campaigns": "created_at", "cards": "issued_at"}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes_into_the_day=st.integers(0, 24 * 60 - 1), seed=st.integers(0, 1_000))
def test_no_demo_entry_is_dated_after_now(minutes_into_the_day, seed):
    now = datetime(2026, 3, 10, tzinfo=timezone.utc) + timedelta(minutes=minutes_into_the_day, seconds=17)
    ctx = open_shop(":memory:", clock=FixedClock(now))
    load_demo_data(ctx, seed=seed)
    latest = {table: ctx.db.execute(f"SELECT MAX({column}) FROM {table}").fetchone()[0]
              for table, column in MOMENTS.items()}
    assert all(moment <= to_iso(now) for moment in latest.values()), latest
    assert latest["entries"] > to_iso(now - timedelta(days=2)), "the sales come up to about now"
    assert verify(ctx) == []
