"""A new counter's first download, member by member (chain/first_download.py), against the real
hub: it derives what the chain's tills derived (lots, balances, allocations, the month's report),
in one round or in many with sales at the new till in between, goes on entry by entry afterwards,
and leaves to the entry-by-entry pull an entry whose member it does not have."""

from datetime import timedelta

import psycopg
import pytest
from hub_helpers import joined_tills, lots_and_balances

from loyalty.chain import first_download
from loyalty.chain.link import conninfo, hub_link
from loyalty.chain.rounds import sync_once
from loyalty.common.period import month_period
from loyalty.ledger.corrections import reverse_entry
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember
from loyalty.reports.metrics import compute_report


@pytest.fixture
def small_pieces(monkeypatch):
    """Every hub the size of a big one for the download, in small pages and pieces: members cut
    across pages, a member larger than a piece split."""
    monkeypatch.setattr(first_download, "BULK_FROM", 1)
    monkeypatch.setattr(first_download, "PAGE", 7)
    monkeypatch.setattr(first_download, "PIECE", 2)


def a_chain_with_history(hub, tmp_path, tills: int = 3):
    """Two tills that sold, redeemed, refunded and voided for the same members, the second with
    its clock 10 minutes behind, over two months, all synced; and `tills` - 2 new ones."""
    one, two, *new = joined_tills(hub.dsn, tmp_path, tills)
    two.clock.current -= timedelta(minutes=10)
    cards = [enrol_member(one, NewMember(name=f"Member {n}")).card for n in range(5)]
    for n in range(40):
        post_sale(one, cards[n % 5], 1_000 + 137 * n, f"A{n}")
    sync_once(one), sync_once(two)
    for n in range(30):
        post_sale(two, cards[n % 4], 2_000 + 91 * n, f"B{n}")
    redeem_points(two, cards[0], 30)
    refund_sale(two, cards[1], 1_000, "A1")
    for till in (one, two):
        till.clock.advance(days=35)
    redeem_points(one, cards[2], 50)
    reverse_entry(one, one.db.execute("SELECT uuid FROM entries WHERE receipt_ref = 'A7'").fetchone()[0])
    post_sale(one, cards[3], 99_000, "A-late")
    for till in (one, two, one, two):
        assert sync_once(till).problem is None
    return one, two, new, cards


def assert_the_same(*tills):
    derived = lots_and_balances(tills[0])
    month = month_period(tills[0].clock.now().strftime("%Y-%m"))
    report = compute_report(tills[0], month).metrics
    for till in tills:
        assert verify(till) == []
        assert lots_and_balances(till) == derived
        assert compute_report(till, month).metrics == report


def test_a_new_counter_derives_what_the_chain_derived_member_by_member(hub, tmp_path, small_pieces):
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    with psycopg.connect(hub.dsn) as admin:
        head = admin.execute("SELECT max(hub_seq) FROM hub.entries").fetchone()[0]
    assert sync_once(new).problem is None
    link = hub_link(new)
    assert (link.bulk_up_to, link.pulled_hub_seq) == (None, head), "done: the next rounds go on one by one"
    assert new.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == head
    assert_the_same(one, two, new)
    post_sale(one, one.db.execute("SELECT card FROM members LIMIT 1").fetchone()[0], 5_000, "after")
    for till in (one, new):
        sync_once(till)
    assert new.db.execute("SELECT COUNT(*) FROM entries WHERE receipt_ref = 'after'").fetchone()[0] == 1
    assert_the_same(one, new)


def test_an_interrupted_download_goes_on_and_the_new_till_sells_meanwhile(hub, tmp_path, small_pieces, monkeypatch):
    one, two, (new,), cards = a_chain_with_history(hub, tmp_path)
    monkeypatch.setattr(first_download, "ROUND_SECONDS", 0)       # a piece per round, as if stopped each time
    rounds = 0
    while rounds == 0 or hub_link(new).bulk_up_to is not None:
        assert sync_once(new).problem is None
        rounds += 1
        if rounds == 2:
            assert hub_link(new).bulk_member is not None, "where it stopped is kept"
            for card in (cards[0], cards[4]):          # one member reached already, one not yet
                post_sale(new, card, 3_000, f"N{card}")
            redeem_points(new, cards[0], 5)
            assert verify(new) == [], "the ledger is whole between two pieces"
    assert rounds > 10
    for till in (one, two, new, one, two):
        assert sync_once(till).problem is None
    assert_the_same(one, two, new)


def hub_head(hub) -> int:
    with psycopg.connect(hub.dsn) as admin:
        return admin.execute("SELECT max(hub_seq) FROM hub.entries").fetchone()[0]


def test_a_counter_that_took_in_or_sent_entries_goes_on_one_by_one(hub, tmp_path, small_pieces):
    one, two, (new,), cards = a_chain_with_history(hub, tmp_path)
    with psycopg.connect(conninfo(two, hub_link(two)), autocommit=True) as conn:
        assert first_download.download_first(two, conn) is None        # it took entries in before
    own = enrol_member(new, NewMember(name="Own"))
    post_sale(new, own.card, 1_000, "OWN1")
    head = hub_head(hub)
    assert sync_once(new).problem is None       # it posted its own: one by one, and every entry comes
    link = hub_link(new)
    assert link.pulled_hub_seq == head and link.uploaded_seq == new.db.execute(
        "SELECT COUNT(*) FROM entries WHERE device_id = ?", [new.device_id]).fetchone()[0]
    for till in (one, two, new):
        assert sync_once(till).problem is None
    assert_the_same(one, two, new)


def a_member_left_aside(hub, one, new, card: str) -> tuple[str, int]:
    """A member of the new till holds the card number of one of the chain's (an import): the
    chain's member is not taken in (pull.py sets the clash aside), nor their entries. Returns that
    member's UUID and the hub's number of their first entry."""
    enrol_member(new, NewMember(name="Imported", card=card))
    clash = one.db.execute("SELECT m.uuid FROM members m JOIN cards c ON c.member_id = m.id WHERE c.number = ?",
                           [card]).fetchone()[0]
    with psycopg.connect(hub.dsn) as admin:
        return clash, admin.execute("SELECT min(hub_seq) FROM hub.entries WHERE member_uuid = %s",
                                    (clash,)).fetchone()[0]


def test_an_entry_whose_member_is_not_here_is_left_to_the_pull_one_by_one(hub, tmp_path, small_pieces):
    one, two, (new,), cards = a_chain_with_history(hub, tmp_path)
    _, first_entry = a_member_left_aside(hub, one, new, cards[3])
    sync_once(new)
    link = hub_link(new)
    assert link.bulk_up_to is None and link.pulled_hub_seq == first_entry - 1, "the pull goes on from that entry"
    assert new.db.execute("SELECT COUNT(*) FROM entries WHERE device_id != ?", [new.device_id]).fetchone()[0] > 0
    assert verify(new) == []


def test_a_till_that_sold_offline_before_taking_anything_in_catches_up_one_by_one(hub, tmp_path, small_pieces):
    """A till back from offline with sales of its own (never sent, nothing taken in yet) is no new
    till: its cashier sells while it catches up, in short turns (pull.py), not a first download's."""
    one, two, (new,), cards = a_chain_with_history(hub, tmp_path)
    own = enrol_member(new, NewMember(name="Own"))
    post_sale(new, own.card, 1_000, "OWN1")
    with psycopg.connect(conninfo(new, hub_link(new)), autocommit=True) as conn:
        assert first_download.download_first(new, conn) is None
    assert sync_once(new).problem is None and hub_link(new).pulled_hub_seq == hub_head(hub) - 1
