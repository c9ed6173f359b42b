"""Fraud flags: each pattern is raised by the entries that make it, and ordinary trade raises
nothing."""


import pytest

from loyalty.common.period import month_period
from loyalty.ledger.corrections import adjust_points, grant_bonus
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale
from loyalty.people.members import NewMember
from loyalty.people.staff import add_staff, link_own_card, sign_in
from loyalty.programme.rules import save_settings
from loyalty.reports.fraud import fraud_flags
from loyalty.storage import write_transaction

MARCH = month_period("2026-03")


@pytest.fixture
def staff(ctx):
    add_staff(ctx, "Olga", "owner", "24681357")
    owner = sign_in(ctx, "Olga", "24681357")
    for name in ("Manu", "Marta", "Mario"):
        add_staff(owner, name, "manager", "1357")
    return owner, {name: sign_in(ctx, name, "1357") for name in ("Manu", "Marta", "Mario")}


def codes(owner) -> list[tuple[str, str]]:
    return [(flag.code, flag.about) for flag in fraud_flags(owner, MARCH)]


def test_ordinary_trade_raises_nothing(staff, clock):
    owner, managers = staff
    for day in range(10):
        member = enrol_member(owner, NewMember(name=f"Socio {day}"))
        post_sale(managers["Manu"], member.card, 2_000 + day * 100)
        clock.advance(hours=20)
    adjust_points(managers["Marta"], member.card, 20, "typo on a sale")
    assert codes(owner) == []


def test_points_credited_to_ones_own_card(staff):
    owner, managers = staff
    own = enrol_member(owner, NewMember(name="Manu Pérez"))
    link_own_card(owner, "Manu", own.card)
    post_sale(managers["Manu"], own.card, 3_000)
    post_sale(managers["Marta"], own.card, 1_000)        # a colleague serving him: not flagged
    [flag] = fraud_flags(owner, MARCH)
    assert (flag.code, flag.about) == ("own_card", "Manu")
    assert [entry["staff_id"] for entry in flag.entries] == ["Manu"]


def test_many_sales_on_one_card_in_an_hour(staff, clock):
    owner, managers = staff
    ana = enrol_member(owner, NewMember(name="Ana"))
    for _ in range(4):
        post_sale(managers["Manu"], ana.card, 900)
        clock.advance(minutes=12)
    [flag] = fraud_flags(owner, MARCH)
    assert (flag.code, flag.about, len(flag.entries)) == ("sales_burst", ana.card, 4)
    clock.advance(days=1)
    assert [f.code for f in fraud_flags(owner, MARCH)] == ["sales_burst"], "three more later do not add a flag"


def test_one_staff_member_crediting_far_more_by_hand(staff):
    owner, managers = staff
    ana = enrol_member(owner, NewMember(name="Ana"))
    adjust_points(managers["Marta"], ana.card, 30, "typo")
    grant_bonus(managers["Mario"], ana.card, 40, "late order")
    for _ in range(3):
        grant_bonus(managers["Manu"], ana.card, 300, "goodwill")
    [flag] = fraud_flags(owner, MARCH)
    assert (flag.code, flag.about, len(flag.entries)) == ("manual_credits", "Manu", 3)
    assert "900 points" in flag.detail


def test_a_large_earn_redeemed_the_same_day(staff, clock):
    owner, managers = staff
    members = [enrol_member(owner, NewMember(name=f"Socio {n}")) for n in range(6)]
    for member in members[1:]:
        post_sale(managers["Manu"], member.card, 1_000)
    post_sale(managers["Manu"], members[0].card, 60_000)
    clock.advance(hours=2)
    redeem_points(managers["Manu"], members[0].card, 500)
    [flag] = fraud_flags(owner, MARCH)
    assert flag.code == "quick_redemption" and [e["kind"] for e in flag.entries] == ["earn", "redeem"]


def test_small_sales_that_carry_members_over_a_threshold_again_and_again(staff, ctx):
    owner, managers = staff
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"tier_window_days": 365})
    for n in range(2):
        member = enrol_member(owner, NewMember(name=f"Socio {n}"))
        post_sale(managers["Marta"], member.card, 49_800)     # silver at 500.00: just below
        post_sale(managers["Manu"], member.card, 300)         # a 3.00 sale carries them over
    [flag] = fraud_flags(owner, MARCH)
    assert (flag.code, flag.about, len(flag.entries)) == ("tier_top_ups", "Manu", 2)


def test_the_flags_are_the_owners(staff):
    from loyalty.common.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        fraud_flags(staff[1]["Manu"], MARCH)


def test_the_command_line_lists_each_flag_with_its_entries(staff, ctx, capsys, monkeypatch):
    from loyalty.cli import main

    owner, managers = staff
    own = enrol_member(owner, NewMember(name="Manu Pérez"))
    link_own_card(owner, "Manu", own.card)
    post_sale(managers["Manu"], own.card, 3_000)
    path = ctx.db.execute("PRAGMA database_list").fetchone()[2]
    monkeypatch.setenv("LOYALTY_PIN", "24681357")
    assert main(["--db", path, "--staff", "Olga", "fraud", "--month", "2026-03"]) == 0
    out = capsys.readouterr().out
    assert "own_card: Manu" in out and f"card {own.card}  by Manu" in out
