"""Three counters posting in any interleaving, syncing in any order, some twice (hypothesis,
against the real hub), the third with its clock 10 minutes behind: at the end every counter holds
every entry once; every member's balance, every lot's points left and the month's report are the
same at every counter; the balance equals the sum of the chain's entries; the lots are those of
one counter deriving everything in the merged order (ledger/replay.py); `verify` is clean at each."""

from datetime import datetime, timedelta, timezone

import postgres_server
import psycopg
from hub_helpers import lots_and_balances
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.chain import hub_admin
from loyalty.chain.link import join
from loyalty.chain.rounds import sync_once
from loyalty.common.clock import FixedClock
from loyalty.common.errors import LoyaltyError
from loyalty.common.period import month_period
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.replay import replay_member
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember, member_by_card
from loyalty.programme.shop import open_shop
from loyalty.reports.metrics import compute_report
from loyalty.storage import write_transaction

OPERATIONS = st.lists(st.tuples(st.sampled_from(["sale", "sale", "redeem", "sync", "weeks"]), st.integers(0, 2),
                                st.integers(1, 60)), min_size=1, max_size=25)
SKEW = (timedelta(0), timedelta(0), timedelta(minutes=-10))     # the third till's clock is behind


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS, final_order=st.permutations([0, 1, 2]))
def test_three_tills_agree_whatever_the_interleaving(hub_server, tmp_path_factory, operations, final_order):
    database = postgres_server.create_database(hub_server)
    roles_before = postgres_server.server_roles(hub_server)
    folder = tmp_path_factory.mktemp("chain")
    now = datetime.now(timezone.utc).replace(day=1)
    clocks = [FixedClock(now + skew) for skew in SKEW]
    try:
        hub_admin.init_hub(database.dsn)
        hub_admin.add_store(database.dsn, "M1", "Main")
        tills = []
        for number in range(3):
            till = open_shop(folder / f"till{number}.sqlite", clock=clocks[number])
            join(till, hub_admin.add_counter(database.dsn, "M1", f"Till {number}", device_id=till.device_id).text())
            tills.append(till)
        ana = enrol_member(tills[0], NewMember(name="Ana"))
        sync_once(tills[0])
        for till in tills[1:]:
            sync_once(till)
        for step, (operation, which, amount) in enumerate(operations):
            till = tills[which]
            now += timedelta(weeks=amount // 10) if operation == "weeks" else timedelta(minutes=1)
            for clock, skew in zip(clocks, SKEW):
                clock.current = now + skew
            if operation == "sale":
                post_sale(till, ana.card, amount * 100, f"T{which}-{step}")
            elif operation == "redeem":
                try:
                    redeem_points(till, ana.card, amount)
                except LoyaltyError:
                    pass                                   # not that many points here: refused, nothing written
            elif operation == "sync":
                sync_once(till)
        for _ in range(2):
            for which in final_order:
                assert sync_once(tills[which]).problem is None
        with psycopg.connect(database.dsn) as admin:
            on_hub = admin.execute("SELECT count(*), coalesce(sum(points), 0) FROM hub.entries").fetchone()
            assert admin.execute("SELECT count(*) FROM hub.quarantine").fetchone()[0] == 0
        for till in tills:
            assert till.db.execute("SELECT COUNT(*), COALESCE(SUM(points), 0) FROM entries").fetchone() == on_hub
            assert member_by_card(till, ana.card).balance == on_hub[1]
            assert verify(till) == []
        derived = lots_and_balances(tills[0])
        assert all(lots_and_balances(till) == derived for till in tills[1:])
        months = sorted({row[0][:7] for row in tills[0].db.execute("SELECT created_at FROM entries")})
        for month in months:
            figures = [compute_report(till, month_period(month)).metrics for till in tills]
            assert figures[1] == figures[0] and figures[2] == figures[0]
        with write_transaction(tills[0].db):
            replay_member(tills[0], member_by_card(tills[0], ana.card).id)
        assert lots_and_balances(tills[0]) == derived, "as one counter deriving the merged order"
    finally:
        for till in locals().get("tills", []):
            till.db.close()
        postgres_server.drop_database(database, roles_before)
