"""The same person enrolled twice — at two tills while offline — is flagged as a possible
duplicate; the owner merges the two: balances added, the absorbed card opens the kept member at
every till, and points a till posted on the absorbed member before it heard of the merge follow
(people/duplicates.py, ledger/merges.py; the chain's part against the real hub)."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from hub_helpers import joined_tills

from loyalty.chain import hub_admin
from loyalty.chain.link import join
from loyalty.chain.rounds import sync_once
from loyalty.cli import main
from loyalty.common.errors import PermissionDeniedError, ValidationError
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.merges import merge_members, merges_made, undo_merge
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.duplicates import possible_duplicates
from loyalty.people.members import NewMember, member_by_card, member_by_id
from loyalty.programme.shop import open_shop

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def test_the_same_phone_twice_is_flagged_and_merging_adds_the_balances(ctx, enrol):
    ana = enrol("Ana García", phone="600 123 456")
    again = enrol("Ana Garcia", phone="+34 600-123-456".replace("+34 ", ""))
    enrol("Luis Pérez", phone="611 000 000")
    post_sale(ctx, ana.card, 10_000, "T1")
    post_sale(ctx, again.card, 5_000, "T2")
    [pair] = possible_duplicates(ctx)
    assert (pair.first.id, pair.second.id, pair.same) == (ana.id, again.id, "phone")
    done = merge_members(ctx, ana.card, again.card)
    assert (done.kept.balance, done.absorbed.balance) == (100 + 50, 0)
    assert done.moved_points == 50
    assert member_by_card(ctx, again.card).id == ana.id, "the other card opens the kept member"
    assert possible_duplicates(ctx) == []
    assert verify(ctx) == []


def test_a_merge_that_makes_no_sense_is_refused_and_writes_nothing(ctx, enrol):
    ana = enrol("Ana García", phone="600 123 456")
    before = ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    with pytest.raises(ValidationError) as refused:
        merge_members(ctx, ana.card, ana.card)
    assert refused.value.field == "other"
    ctx.role = "cashier"
    other = enrol("Ana G.", phone="600 123 456")
    with pytest.raises(PermissionDeniedError):
        merge_members(ctx, ana.card, other.card)
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == before
    assert ctx.db.execute("SELECT COUNT(*) FROM member_merges").fetchone()[0] == 0


def test_the_command_line_lists_duplicates_and_merges_them(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LOYALTY_DB", str(tmp_path / "cli.sqlite"))
    assert main(["init"]) == 0
    capsys.readouterr()
    cards = []
    for name in ("Ana García", "Ana Garcia"):
        assert main(["--json", "member", "add", "--name", name, "--email", "ANA@example.com"]) == 0
        cards.append(json.loads(capsys.readouterr().out)["card"])
    assert main(["member", "duplicates"]) == 0
    assert f"same email: {cards[0]} Ana García" in capsys.readouterr().out
    assert main(["member", "merge", cards[0], "12345"]) == 2
    assert "other" in capsys.readouterr().err
    assert main(["member", "merge", cards[0], cards[1]]) == 0
    assert f"Card {cards[1]} merged into card {cards[0]}" in capsys.readouterr().out
    assert main(["member", "duplicates"]) == 0
    assert "No possible duplicates." in capsys.readouterr().out
    assert main(["member", "unmerge", cards[0]]) == 2
    assert "card: " + cards[0] + " is not a member merged into another" in capsys.readouterr().err
    assert main(["--json", "member", "unmerge", cards[1]]) == 0
    parted = json.loads(capsys.readouterr().out)
    assert (parted["card"], parted["parted_from"], parted["moved_points"]) == (cards[1], cards[0], 0)


def test_two_tills_enrol_the_same_person_offline_and_a_merge_reaches_both(hub_db, tmp_path):
    hub_admin.init_hub(hub_db.dsn)
    tills = joined_tills(hub_db.dsn, tmp_path, 2, NOON)
    try:
        at_one = enrol_member(tills[0], NewMember(name="Ana García", phone="600 123 456"))   # both offline
        at_two = enrol_member(tills[1], NewMember(name="Ana García", phone="600123456"))
        post_sale(tills[0], at_one.card, 10_000, "ONE")
        post_sale(tills[1], at_two.card, 5_000, "TWO")
        for till in (*tills, tills[0]):
            assert sync_once(till).problem is None
        for till in tills:
            assert [(p.first.uuid, p.second.uuid) for p in possible_duplicates(till)] in (
                [(at_one.uuid, at_two.uuid)], [(at_two.uuid, at_one.uuid)])
        merge_members(tills[0], at_one.card, at_two.card)
        for till in tills:
            till.clock.current = NOON + timedelta(minutes=5)
        post_sale(tills[1], at_two.card, 2_000, "LATE")       # till 2 has not heard of the merge yet
        for which in (1, 0, 1, 0, 1):
            assert sync_once(tills[which]).problem is None
        for till in tills:
            kept = member_by_card(till, at_two.card)           # the absorbed card opens the kept member
            assert kept.uuid == at_one.uuid
            absorbed = member_by_id(till, till.db.execute("SELECT id FROM members WHERE uuid = ?",
                                                          [at_two.uuid]).fetchone()[0])
            assert (kept.balance, absorbed.balance) == (100 + 50 + 20, 0), "the late sale's points moved too"
            assert possible_duplicates(till) == []
            assert verify(till) == []
    finally:
        for till in tills:
            till.db.close()


def test_each_till_enrols_from_its_own_card_block(hub_db, tmp_path):
    """Two tills enrolling offline cannot hand out the same number: each draws from the block the
    hub gave it (prefix, four digits of the block, random digits, check digit)."""
    hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Main")
    blocks = []
    for number in (1, 2):
        till = open_shop(tmp_path / f"till{number}.sqlite", staff_id=f"till{number}")
        join(till, hub_admin.add_counter(hub_db.dsn, "M1", f"Till {number}", device_id=till.device_id).text())
        prefix = till.programme().card_prefix
        block = till.db.execute("SELECT card_block FROM hub_link").fetchone()[0]
        cards = [enrol_member(till, NewMember(name=f"Member {n}")).card for n in range(30)]
        assert all(card.startswith(f"{prefix}{block:04d}") and len(card) == 12 for card in cards)
        blocks.append(block)
        till.db.close()
    assert blocks == [1, 2]


def test_a_merge_is_undone_as_a_reversal_and_can_be_made_again(ctx, enrol):
    """Undoing a merge parts the two again without rewriting anything: the points that moved come
    back (the kept member owes what they spent of them), the absorbed card opens its own member,
    the pair is a possible duplicate again; merging them again moves the points again."""
    ana = enrol("Ana García", phone="600 123 456")
    again = enrol("Ana Garcia", phone="600123456")
    post_sale(ctx, ana.card, 10_000, "T1")
    post_sale(ctx, again.card, 5_000, "T2")
    merge_members(ctx, ana.card, again.card)
    redeem_points(ctx, ana.card, 120)                         # more than her own 100
    entries = ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    [made] = merges_made(ctx)
    assert (made.kept.id, made.absorbed.id) == (ana.id, again.id)

    undone = undo_merge(ctx, again.card)
    assert undone.moved_points == 50
    assert (member_by_card(ctx, ana.card).balance, member_by_card(ctx, again.card).balance) == (30 - 50, 50)
    assert member_by_card(ctx, again.card).id == again.id, "her card opens her own record again"
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == entries + 2, "appended, none rewritten"
    assert merges_made(ctx) == [] and len(possible_duplicates(ctx)) == 1
    assert verify(ctx) == []
    with pytest.raises(ValidationError, match="is not a member merged into another"):
        undo_merge(ctx, again.card)

    again_merged = merge_members(ctx, ana.card, again.card)
    assert again_merged.moved_points == 50 and member_by_card(ctx, ana.card).balance == 30
    assert [action for (action,) in ctx.db.execute(
        "SELECT action FROM audit WHERE action LIKE 'member.%merge' ORDER BY id")] == \
        ["member.merge", "member.unmerge", "member.merge"]


def test_undoing_a_merge_at_one_till_parts_them_at_every_till(hub_db, tmp_path):
    hub_admin.init_hub(hub_db.dsn)
    tills = joined_tills(hub_db.dsn, tmp_path, 2, NOON)
    try:
        ana = enrol_member(tills[0], NewMember(name="Ana García", phone="600 123 456"))
        luisa = enrol_member(tills[0], NewMember(name="Luisa García", phone="600 123 456"))   # her daughter
        post_sale(tills[0], ana.card, 10_000, "ONE")
        post_sale(tills[0], luisa.card, 5_000, "TWO")
        merge_members(tills[0], ana.card, luisa.card)             # a mistake: two people, one phone
        for till in (*tills, tills[0]):
            assert sync_once(till).problem is None
        assert member_by_card(tills[1], luisa.card).uuid == ana.uuid
        undo_merge(tills[1], luisa.card)                          # undone at the other till
        for which in (1, 0, 1):
            assert sync_once(tills[which]).problem is None
        for till in tills:
            assert member_by_card(till, luisa.card).uuid == luisa.uuid
            assert (member_by_card(till, ana.card).balance, member_by_card(till, luisa.card).balance) == (100, 50)
            assert merges_made(till) == [] and verify(till) == []
    finally:
        for till in tills:
            till.db.close()
