"""The owner's report for one store of a chain (reports/scope.py; `loyalty report --store CODE`,
the Reports screen's store picker), against a real hub: a store that is the whole chain has the
whole report, figure for figure (the store's report reads the entries, the whole one the kept
totals: they must agree); two stores split the chain — what happened at each one's tills, and
each one's home members — and their figures add up to the chain's."""

import json
from dataclasses import asdict
from datetime import timedelta

import pytest

from loyalty.chain import hub_admin
from loyalty.chain.link import join
from loyalty.cli import main
from loyalty.common.errors import ValidationError
from loyalty.common.period import month_period, range_period
from loyalty.ledger.corrections import reverse_entry
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.operations.demo import load_demo_data
from loyalty.people.members import NewMember
from loyalty.reports.cache import report
from loyalty.reports.metrics import compute_report
from loyalty.reports.scope import WHOLE, Scope


def figures(a_report) -> dict:
    return {name: value for name, value in asdict(a_report).items() if name != "store"}


def test_a_store_that_is_the_whole_chain_has_the_whole_report_figure_for_figure(ctx, hub):
    load_demo_data(ctx)         # six months of sales, refunds, redemptions, bonuses, complaints
    ana = enrol_member(ctx, NewMember(name="Ana García"))
    voided = post_sale(ctx, ana.card, 12_000, "V-1").entry
    reverse_entry(ctx, str(voided.id))         # a void: counts nowhere
    post_sale(ctx, ana.card, 8_000, "R-1")
    refund_sale(ctx, ana.card, 3_000, "R-1")   # a refund: counts, net
    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id).text())
    today = ctx.clock.now().date()
    months = {(today - timedelta(days=days)).strftime("%Y-%m") for days in (0, 35, 70, 100)}
    periods = [month_period(month) for month in sorted(months)]
    periods.append(range_period((today - timedelta(days=50)).isoformat(), (today - timedelta(days=3)).isoformat()))
    for period in periods:
        whole = compute_report(ctx, period, scope=WHOLE)
        store = compute_report(ctx, period, scope=Scope("M1"))
        assert whole.metrics["transactions"] > 0
        assert figures(store) == figures(whole), period.label()
        assert store.store == "M1" and whole.store is None


@pytest.fixture
def two_stores(hub_db, tmp_path):
    from hub_helpers import two_store_chain
    tills = two_store_chain(hub_db.dsn, tmp_path)
    yield tills
    for till in tills:
        till.db.close()


def test_two_stores_split_the_chain_and_add_up_to_it(two_stores):
    december = month_period("2026-12")
    for till in two_stores:                       # the same at every counter
        whole = report(till, december)
        madrid, barcelona = report(till, december, store="M1"), report(till, december, store="b2")
        assert (madrid.store, barcelona.store) == ("M1", "B2")
        assert madrid.metrics["member_sales"] == 10_000 and barcelona.metrics["member_sales"] == 8_000
        assert [row["name"] for row in barcelona.top_members] == ["Ana García", "Luis Pérez"], "who bought there"
        assert madrid.metrics["members_total"] == barcelona.metrics["members_total"] == 1, "home members"
        assert madrid.metrics["points_outstanding"] == 130 and barcelona.metrics["points_outstanding"] == 30
        assert barcelona.metrics["points_redeemed"] == 20 and madrid.metrics["points_redeemed"] == 0
        for name in ("member_sales", "transactions", "members_total", "new_members", "points_redeemed",
                     "points_outstanding", "liability", "points_expired"):
            assert madrid.metrics[name] + barcelona.metrics[name] == whole.metrics[name], name
        assert madrid.metrics["points_issued"]["total"] + barcelona.metrics["points_issued"]["total"] == \
            whole.metrics["points_issued"]["total"]
        assert [a["members"] + b["members"] for a, b in zip(madrid.tier_distribution, barcelona.tier_distribution)] \
            == [row["members"] for row in whole.tier_distribution]
        assert [a["member_sales"] + b["member_sales"] for a, b in zip(madrid.daily, barcelona.daily)] == \
            [day["member_sales"] for day in whole.daily]


def test_the_store_is_chosen_on_the_command_line_and_a_wrong_one_is_named(two_stores, monkeypatch, capsys, ctx):
    madrid, _ = two_stores
    monkeypatch.setenv("LOYALTY_DB", madrid.db.execute("PRAGMA database_list").fetchone()[2])
    assert main(["--json", "report", "--month", "2026-12", "--store", "B2"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["store"] == "B2" and shown["member_sales"] == 8_000
    assert main(["report", "--month", "2026-12", "--store", "b2"]) == 0
    assert capsys.readouterr().out.startswith("Report 2026-12 for store B2: 2 active of 1 members")
    assert main(["report", "--month", "2026-12", "--store", "X9"]) == 2
    assert "store: no store X9 in this chain (known here: B2, M1)" in capsys.readouterr().err
    assert main(["report", "--month", "2026-12", "--store", "M1", "--by-store"]) == 2
    assert "--store CODE or --by-store" in capsys.readouterr().err
    with pytest.raises(ValidationError, match="belongs to no chain"):
        report(ctx, month_period("2026-12"), store="M1")
