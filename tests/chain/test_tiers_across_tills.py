"""A member's tier and grace period are the same at every till of a chain — whatever order the
sales reached each till in, whichever days each till's daily job ran — and the same at a till
that joins afterwards, as at one counter that posted every sale and refund itself and ran its
daily job every day (ledger/tier_timeline.py)."""

from datetime import timedelta

import postgres_server
from hub_helpers import T0, joined_tills
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.chain import hub_admin
from loyalty.chain.rounds import sync_once
from loyalty.common.clock import FixedClock, local_date, local_midnight_utc
from loyalty.common.errors import LoyaltyError
from loyalty.ledger.daily import run_daily
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.people.members import NewMember, member_by_card
from loyalty.programme.shop import open_shop

OPERATIONS = st.lists(st.tuples(st.sampled_from(["sale", "sale", "refund", "days", "sync", "daily"]),
                                st.integers(0, 1), st.integers(1, 80)), min_size=1, max_size=30)
ZONE = "Europe/Madrid"


class OneCounter:
    """The reference: one counter posting everything itself, its daily job run every day."""

    def __init__(self, folder, now):
        self.ctx = open_shop(folder / "alone.sqlite", clock=FixedClock(now))
        self.card = enrol_member(self.ctx, NewMember(name="Ana")).card
        self.last_job = local_date(now, ZONE)

    def at(self, now):
        """Its clock at `now`, the daily job run at the start of each day since the last."""
        while self.last_job < local_date(now, ZONE):
            self.last_job += timedelta(days=1)
            self.ctx.clock.current = local_midnight_utc(self.last_job, ZONE)
            run_daily(self.ctx)
        self.ctx.clock.current = now
        return self.ctx

    def tier(self):
        member = member_by_card(self.ctx, self.card)
        return member.tier_code, member.tier_grace_until


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_every_till_and_a_new_one_hold_the_tier_one_counter_holds(hub_server, tmp_path_factory, operations):
    database = postgres_server.create_database(hub_server)
    roles_before = postgres_server.server_roles(hub_server)
    folder = tmp_path_factory.mktemp("tiers")
    try:
        hub_admin.init_hub(database.dsn)
        *tills, new = joined_tills(database.dsn, folder, 3)
        alone, now = OneCounter(folder, T0), T0
        card = enrol_member(tills[0], NewMember(name="Ana")).card
        sync_once(tills[0]), sync_once(tills[1])
        sales = {0: [], 1: []}
        for step, (operation, which, amount) in enumerate(operations):
            till = tills[which]
            now += timedelta(days=amount * 4) if operation == "days" else timedelta(minutes=7)
            for one in (*tills, new):
                one.clock.current = now
            if operation == "sale":
                post_sale(till, card, amount * 1_000, f"T{which}-{step}")
                post_sale(alone.at(now), alone.card, amount * 1_000, f"T{which}-{step}")
                sales[which].append(f"T{which}-{step}")
            elif operation == "refund" and sales[which]:
                try:
                    refund_sale(till, card, amount * 500, sales[which][-1])
                except LoyaltyError:
                    continue                    # more than is left of it: refused, nothing written
                refund_sale(alone.at(now), alone.card, amount * 500, sales[which][-1])
            elif operation == "sync":
                assert sync_once(till).problem is None
            elif operation == "daily":
                run_daily(till)
        for till in (*tills, *tills):
            assert sync_once(till).problem is None
        for till in tills:
            run_daily(till)
        assert sync_once(new).problem is None       # its first round: the chain's history downloaded
        alone.at(now)                               # its daily job up to today
        expected = alone.tier()
        for till in (*tills, new):
            member = member_by_card(till, card)
            assert (member.tier_code, member.tier_grace_until) == expected
    finally:
        postgres_server.drop_database(database, roles_before)
