"""A shop with members of its own joining a chain whose hub holds another shop's members is a
merge of two shops: refused unless the owner confirms it; then its cards whose numbers the other
shop's members hold are re-issued, and after the sync both shops' members are at both counters,
each number opening the member the chain knows by it (chain/link.py, against the real hub)."""

import json

import psycopg
import pytest

from loyalty.chain import hub_admin
from loyalty.chain.link import hub_link, join, join_chain
from loyalty.chain.rounds import sync_once
from loyalty.cli import main
from loyalty.common.errors import ConflictError
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember, member_by_card
from loyalty.programme.shop import open_shop


@pytest.fixture
def two_shops(hub_db, tmp_path):
    hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Madrid")
    hub_admin.add_store(hub_db.dsn, "B2", "Barcelona")
    madrid = open_shop(tmp_path / "madrid.sqlite", staff_id="m")
    ana = enrol_member(madrid, NewMember(name="Ana García"))
    join(madrid, hub_admin.add_counter(hub_db.dsn, "M1", "Madrid 1", device_id=madrid.device_id).text())
    assert sync_once(madrid).problem is None
    barcelona = open_shop(tmp_path / "barcelona.sqlite", staff_id="b")      # its own shop until today
    same_number = enrol_member(barcelona, NewMember(name="Jordi Puig", card=ana.card))
    luis = enrol_member(barcelona, NewMember(name="Luis Pérez"))
    post_sale(barcelona, same_number.card, 4_000, "B-1")
    code = hub_admin.add_counter(hub_db.dsn, "B2", "Barcelona 1", device_id=barcelona.device_id).text()
    yield madrid, barcelona, code, ana, same_number, luis
    madrid.db.close()
    barcelona.db.close()


def test_joining_a_chain_with_another_shops_members_is_refused_unless_confirmed(two_shops, hub_db):
    madrid, barcelona, code, *_ = two_shops
    with pytest.raises(ConflictError) as refused:
        join(barcelona, code)
    assert refused.value.field == "join_code" and "--merge-shops" in str(refused.value)
    assert hub_link(barcelona) is None
    with psycopg.connect(hub_db.dsn) as admin:
        assert admin.execute("SELECT count(*) FROM hub.members").fetchone()[0] == 1


def test_a_confirmed_merge_reissues_the_clashing_card_and_both_shops_see_everyone(two_shops):
    madrid, barcelona, code, ana, jordi, luis = two_shops
    joined = join_chain(barcelona, code, merge_shops=True)
    assert joined.merged_shops and [old for old, _ in joined.cards_reissued] == [ana.card]
    new_number = joined.cards_reissued[0][1]
    for till in (barcelona, madrid, barcelona):
        assert sync_once(till).problem is None
    for till in (madrid, barcelona):
        assert member_by_card(till, ana.card).uuid == ana.uuid, "the number opens the member the chain knows by it"
        assert member_by_card(till, new_number).uuid == jordi.uuid
        assert member_by_card(till, new_number).balance == 40
        assert member_by_card(till, luis.card).uuid == luis.uuid
        assert till.db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 3
        assert verify(till) == []


def test_the_command_line_says_what_was_merged(two_shops, monkeypatch, capsys):
    madrid, barcelona, code, ana, *_ = two_shops
    path = barcelona.db.execute("PRAGMA database_list").fetchone()[2]
    barcelona.db.close()
    monkeypatch.setenv("LOYALTY_DB", path)
    assert main(["join", code]) == 2
    assert "--merge-shops" in capsys.readouterr().err
    assert main(["--json", "join", code, "--merge-shops"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["merged_shops"] and data["cards_reissued"][0][0] == ana.card
