"""A chain of two stores: each counter's entries count for its store; the report can be read
store by store, the same at every counter, and a member's record says their home store and
where they buy (reports/stores.py, against the real hub)."""

import json
from datetime import datetime, timezone

from loyalty.chain import hub_admin
from loyalty.chain.link import join
from loyalty.chain.rounds import sync_once
from loyalty.cli import main
from loyalty.common.clock import FixedClock
from loyalty.common.period import month_period
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop
from loyalty.reports.stores import member_stores, store_figures

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def test_each_store_has_its_own_figures_and_every_counter_agrees(hub_db, tmp_path, monkeypatch, capsys):
    hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Madrid")
    hub_admin.add_store(hub_db.dsn, "B2", "Barcelona")
    madrid = open_shop(tmp_path / "madrid.sqlite", clock=FixedClock(NOON), staff_id="m")
    join(madrid, hub_admin.add_counter(hub_db.dsn, "M1", "Madrid 1", device_id=madrid.device_id).text())
    barcelona = open_shop(tmp_path / "barcelona.sqlite", clock=FixedClock(NOON), staff_id="b")
    join(barcelona, hub_admin.add_counter(hub_db.dsn, "B2", "Barcelona 1", device_id=barcelona.device_id).text())
    tills = (madrid, barcelona)
    ana = enrol_member(madrid, NewMember(name="Ana García"))
    luis = enrol_member(barcelona, NewMember(name="Luis Pérez"))
    post_sale(madrid, ana.card, 10_000, "M-1")
    for till in (*tills, madrid):
        assert sync_once(till).problem is None
    post_sale(barcelona, ana.card, 5_000, "B-1")                 # Ana buys in Barcelona too
    post_sale(barcelona, luis.card, 3_000, "B-2")
    redeem_points(barcelona, ana.card, 20)
    for till in (*tills, madrid):
        assert sync_once(till).problem is None
    expected = [
        {"store": "B2", "member_sales": 8_000, "transactions": 2, "active_members": 2, "points_issued": 80,
         "points_redeemed": 20, "new_members": 1},
        {"store": "M1", "member_sales": 10_000, "transactions": 1, "active_members": 1, "points_issued": 100,
         "points_redeemed": 0, "new_members": 1},
    ]
    for till in tills:
        assert store_figures(till, month_period("2026-12")) == expected
        ana_here = till.db.execute("SELECT id FROM members WHERE uuid = ?", [ana.uuid]).fetchone()[0]
        assert member_stores(till, ana_here) == {"home_store": "M1", "buys_at": [
            {"store": "B2", "sales": 1, "spend_cents": 5_000}, {"store": "M1", "sales": 1, "spend_cents": 10_000}]}
    path = barcelona.db.execute("PRAGMA database_list").fetchone()[2]
    for till in tills:
        till.db.close()
    monkeypatch.setenv("LOYALTY_DB", path)
    assert main(["--json", "report", "--month", "2026-12", "--by-store"]) == 0
    assert json.loads(capsys.readouterr().out)["stores"] == expected
    assert main(["member", "show", ana.card]) == 0
    assert "Home store: M1; buys at: B2 (1 sale), M1 (1 sale)" in capsys.readouterr().out
