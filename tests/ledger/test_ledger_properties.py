"""Random sequences of counter operations keep the ledger's invariants."""

import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from loyalty.common.clock import FixedClock
from loyalty.common.errors import LoyaltyError
from loyalty.ledger.corrections import adjust_points, reverse_entry
from loyalty.ledger.daily import run_daily
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.entries import owed_points
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.replay import replay_member
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember, member_by_id
from loyalty.programme.shop import open_shop
from loyalty.storage import write_transaction

amounts = st.integers(min_value=1, max_value=300_000)
sales = st.tuples(st.just("sale"), st.integers(0, 1), amounts, st.integers(0, 3))
operations = st.lists(
    st.one_of(
        sales, sales, sales,  # weighted: most counter operations are sales, and the rest need them
        st.tuples(st.just("again"), st.integers(0, 1)),
        st.tuples(st.just("redeem"), st.integers(0, 1), st.integers(1, 120)),  # % of the balance
        st.tuples(st.just("spend_all"), st.integers(0, 1)),
        st.tuples(st.just("refund"), st.integers(0, 1), st.integers(1, 100), st.integers(0, 3)),  # % of the sale
        st.tuples(st.just("unrefund"), st.integers(0, 1)),  # reverses the member's latest refund still standing
        st.tuples(st.just("void"), st.integers(0, 1000)),  # picks one of the entries so far
        st.tuples(st.just("undo")),  # the counter's undo: void the latest entry
        st.tuples(st.just("adjust"), st.integers(0, 1), st.integers(-500, 500)),
        st.tuples(st.just("days"), st.integers(1, 200)),
        st.tuples(st.just("expire")),
    ),
    min_size=3, max_size=30,
)


def check_invariants(ctx, members):
    assert verify(ctx) == []
    for member_id in members:
        balance = member_by_id(ctx, member_id).balance
        ledger_sum = ctx.db.execute("SELECT COALESCE(SUM(points), 0) FROM entries WHERE member_id = ?",
                                    [member_id]).fetchone()[0]
        assert balance == ledger_sum
        # Only a refund of spent points makes a balance negative; then exactly that is owed.
        assert sum(owed for _, owed in owed_points(ctx, member_id)) == max(0, -balance)
        for (points,) in ctx.db.execute("SELECT points FROM entries WHERE member_id = ?", [member_id]):
            assert type(points) is int


def derived_state(ctx) -> tuple:
    return (ctx.db.execute("SELECT id, balance FROM members ORDER BY id").fetchall(),
            ctx.db.execute("SELECT entry_id, remaining FROM lots ORDER BY entry_id").fetchall(),
            ctx.db.execute("SELECT entry_id, lot_id, SUM(points) FROM allocations GROUP BY entry_id, lot_id "
                           "HAVING SUM(points) <> 0 ORDER BY entry_id, lot_id").fetchall(),
            [owed_points(ctx, member_id) for (member_id,) in ctx.db.execute("SELECT id FROM members ORDER BY id")])


def assert_replay_derives_the_same(ctx, members):
    """What the counter derived entry by entry is what the chain's replay derives from the entries
    in their total order (ledger/replay.py): one rule, whichever way it is applied."""
    posted = derived_state(ctx)
    with write_transaction(ctx.db):
        for member_id in members:
            replay_member(ctx, member_id)
    assert derived_state(ctx) == posted
    assert verify(ctx) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
@example([("sale", 0, 10_000, 0), ("days", 40), ("sale", 0, 10_000, 1), ("redeem", 0, 80)])  # spans two lots
@example([("sale", 0, 10_000, 0), ("sale", 0, 10_000, 1), ("spend_all", 0), ("refund", 0, 100, 0),
          ("refund", 0, 100, 1), ("unrefund", 0), ("sale", 0, 5_000, 2), ("sale", 0, 20_000, 3)])  # an undone debt
@example([("sale", 0, 6_100, 2), ("redeem", 0, 68), ("refund", 0, 35, 2), ("undo",)])  # a voided refund's debt
def test_random_operation_sequences_keep_the_ledger_consistent(steps):
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(datetime(2025, 1, 10, 12, tzinfo=timezone.utc))
        ctx = open_shop(Path(folder) / "p.sqlite", clock=clock)
        members = [enrol_member(ctx, NewMember(name=f"M{i}")) for i in range(2)]
        last_sale = {}
        try:
            for step in steps:
                kind, *args = step
                try:
                    if kind == "sale":
                        who, amount, ref = args
                        result = post_sale(ctx, members[who].card, amount, f"R{ref}")
                        last_sale[who] = (amount, f"R{ref}", result.entry.amount_cents)
                    elif kind == "again" and args[0] in last_sale:
                        who = args[0]
                        _, ref, recorded_amount = last_sale[who]
                        before = ctx.db.execute("SELECT COUNT(*), SUM(points) FROM entries").fetchone()
                        assert post_sale(ctx, members[who].card, recorded_amount, ref).already_recorded
                        assert ctx.db.execute("SELECT COUNT(*), SUM(points) FROM entries").fetchone() == before
                    elif kind == "redeem":
                        before = member_by_id(ctx, members[args[0]].id).balance
                        points = max(1, before * args[1] // 100)
                        try:
                            redeem_points(ctx, members[args[0]].card, points)
                        except LoyaltyError:
                            assert points > before
                            assert member_by_id(ctx, members[args[0]].id).balance == before
                    elif kind == "spend_all":  # sets up refunds of points already spent
                        balance = member_by_id(ctx, members[args[0]].id).balance
                        if balance > 0:
                            redeem_points(ctx, members[args[0]].card, balance)
                    elif kind == "refund":
                        who, percent, ref = args
                        sale = ctx.db.execute("SELECT amount_cents FROM entries WHERE idempotency_key = ?",
                                              [f"sale:{members[who].uuid}:R{ref}"]).fetchone()
                        amount = max(1, sale[0] * percent // 100) if sale else 1
                        refund_sale(ctx, members[who].card, amount, f"R{ref}")
                    elif kind == "unrefund":
                        refund = ctx.db.execute(
                            "SELECT r.uuid FROM entries r JOIN entries s ON s.id = r.reverses_id AND s.kind = 'earn' "
                            "WHERE r.member_id = ? AND NOT EXISTS (SELECT 1 FROM entries u WHERE u.reverses_id = r.id) "
                            "ORDER BY r.id DESC LIMIT 1", [members[args[0]].id]).fetchone()
                        if refund:
                            reverse_entry(ctx, refund[0])
                    elif kind == "undo":
                        latest = ctx.db.execute("SELECT MAX(id) FROM entries").fetchone()[0]
                        if latest:
                            reverse_entry(ctx, str(latest))
                    elif kind == "void":
                        ids = [row[0] for row in ctx.db.execute("SELECT id FROM entries ORDER BY id")]
                        if ids:
                            reverse_entry(ctx, str(ids[args[0] % len(ids)]))
                    elif kind == "adjust" and args[1]:
                        adjust_points(ctx, members[args[0]].card, args[1], "test")
                    elif kind == "days":
                        clock.advance(days=args[0])
                    elif kind == "expire":
                        run_daily(ctx)
                        assert run_daily(ctx).expired_points == 0  # twice = once
                except LoyaltyError:
                    pass  # a refused operation must leave everything as it was: checked below
                check_invariants(ctx, [m.id for m in members])
            assert_replay_derives_the_same(ctx, [m.id for m in members])
        finally:
            ctx.db.close()
