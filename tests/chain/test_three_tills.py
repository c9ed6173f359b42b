"""Three counters posting in any interleaving, syncing in any order, some twice (hypothesis,
against the real hub): at the end every counter holds every entry once, every member's balance is
the same at every counter and equals the sum of the chain's entries, and `verify` is clean at each.
(Which lot a redemption drew from may still differ between counters: the replay in one total
order is not built yet, docs/sync.md.)"""

from datetime import datetime, timedelta, timezone

import postgres_server
import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.chain import hub_admin
from loyalty.chain.link import join
from loyalty.chain.rounds import sync_once
from loyalty.common.clock import FixedClock
from loyalty.common.errors import LoyaltyError
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember, member_by_card
from loyalty.programme.shop import open_shop

OPERATIONS = st.lists(st.tuples(st.sampled_from(["sale", "redeem", "sync"]), st.integers(0, 2),
                                st.integers(1, 60)), min_size=1, max_size=25)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS, final_order=st.permutations([0, 1, 2]))
def test_three_tills_agree_whatever_the_interleaving(hub_server, tmp_path_factory, operations, final_order):
    database = postgres_server.create_database(hub_server)
    roles_before = postgres_server.server_roles(hub_server)
    folder = tmp_path_factory.mktemp("chain")
    clock = FixedClock(datetime.now(timezone.utc))
    try:
        hub_admin.init_hub(database.dsn)
        hub_admin.add_store(database.dsn, "M1", "Main")
        tills = []
        for number in range(3):
            till = open_shop(folder / f"till{number}.sqlite", clock=clock)
            join(till, hub_admin.add_counter(database.dsn, "M1", f"Till {number}", device_id=till.device_id).text())
            tills.append(till)
        ana = enrol_member(tills[0], NewMember(name="Ana"))
        sync_once(tills[0])
        for till in tills[1:]:
            sync_once(till)
        for step, (operation, which, amount) in enumerate(operations):
            till = tills[which]
            clock.current += timedelta(minutes=1)
            if operation == "sale":
                post_sale(till, ana.card, amount * 100, f"T{which}-{step}")
            elif operation == "redeem":
                try:
                    redeem_points(till, ana.card, amount)
                except LoyaltyError:
                    pass                                   # not that many points here: refused, nothing written
            else:
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
    finally:
        for till in locals().get("tills", []):
            till.db.close()
        postgres_server.drop_database(database, roles_before)
