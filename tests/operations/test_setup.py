"""The first start's setup (loyalty/operations/setup.py): everything in one transaction, a refused value
names its field and writes nothing, safe to run again; and any rising tier ladder can be
reached from any other in one change (settings.change_ladder)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty.common.errors import ConflictError, ValidationError
from loyalty.ledger.enrolment import enrol_member
from loyalty.operations.setup import Setup, apply_setup, needs_owner
from loyalty.people.members import NewMember
from loyalty.people.staff import list_staff
from loyalty.programme.rules import load_tiers
from loyalty.programme.settings import change_ladder

SHOP = {"shop_name": "Panadería Sol", "language": "es", "currency": "MXN", "currency_decimals": 2,
        "timezone": "America/Mexico_City", "earn_rate": "2", "points_per_currency_unit": 50, "expiry_months": 6}
LADDER = [{"code": "silver", "min_spend_cents": 300_000, "multiplier": "1.5", "name": "Plata"},
          {"code": "gold", "min_spend_cents": 900_000, "multiplier": "2", "name": "Oro"}]


def test_the_first_start_sets_up_the_shop_its_ladder_and_its_owner(ctx):
    assert needs_owner(ctx)
    owner = apply_setup(ctx, Setup(SHOP, LADDER, owner=("Lucía", "2468"), demo=True))
    programme = ctx.programme()
    assert {name: getattr(programme, name) for name in SHOP} == SHOP
    assert [(t.code, t.min_spend_cents, t.multiplier, t.name) for t in load_tiers(ctx.db)] == [
        ("bronze", 0, "1", "Bronce"), ("silver", 300_000, "1.5", "Plata"), ("gold", 900_000, "2", "Oro")]
    assert [(s.name, s.role) for s in list_staff(ctx)] == [("Lucía", "owner")]
    assert owner.role == "owner" and owner.staff_id == "Lucía"
    assert ctx.db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 40
    assert not needs_owner(ctx)


@pytest.mark.parametrize("change, field", [
    ({"timezone": "Mars/Olympus"}, "timezone"), ({"earn_rate": "-1"}, "earn_rate"),
    ({"currency_decimals": 7}, "currency_decimals"), ({"shop_name": ""}, "shop_name")])
def test_a_refused_value_names_its_field_and_nothing_is_written(ctx, change, field):
    before = ctx.programme()
    with pytest.raises(ValidationError) as refused:
        apply_setup(ctx, Setup({**SHOP, **change}, LADDER, owner=("Lucía", "2468")))
    assert refused.value.field == field
    assert ctx.programme() == before and list_staff(ctx) == [] and load_tiers(ctx.db)[1].min_spend_cents == 50_000


def test_a_bad_owner_or_ladder_also_leaves_the_shop_as_it_was(ctx):
    before = ctx.programme()
    with pytest.raises(ValidationError) as refused:
        apply_setup(ctx, Setup(SHOP, LADDER, owner=("Lucía", "12")))       # a PIN of 4 to 8 digits
    assert refused.value.field in ("pin", "secret")
    with pytest.raises(ValidationError, match="min_spend"):
        apply_setup(ctx, Setup(SHOP, [{"code": "gold", "min_spend_cents": 1_000}], owner=("Lucía", "2468")))
    assert ctx.programme() == before and list_staff(ctx) == []


def test_running_it_again_keeps_the_owner_and_refuses_demo_data_into_a_shop_with_members(ctx):
    owner = apply_setup(ctx, Setup(SHOP, LADDER, owner=("Lucía", "2468")))
    with pytest.raises(ConflictError):
        apply_setup(owner, Setup(SHOP, owner=("Otra", "1357")))
    apply_setup(owner, Setup({**SHOP, "earn_rate": "3"}))
    assert owner.programme().earn_rate == "3"
    enrol_member(owner, NewMember("Ana"))
    with pytest.raises(ValidationError, match="demo"):
        apply_setup(owner, Setup({**SHOP, "earn_rate": "4"}, demo=True))
    assert owner.programme().earn_rate == "3"


def test_without_an_owner_the_first_start_is_not_done(ctx):
    with pytest.raises(ValidationError) as refused:
        apply_setup(ctx, Setup(SHOP))
    assert refused.value.field == "owner"


rising_ladder = st.lists(st.integers(1, 2_000_000), min_size=2, max_size=2, unique=True).map(sorted)


@settings(max_examples=40, deadline=None)
@given(first=rising_ladder, target=rising_ladder)
def test_any_rising_ladder_is_reached_from_any_other(tmp_path_factory, first, target):
    from loyalty.programme.shop import open_shop

    shop = open_shop(tmp_path_factory.mktemp("ladder") / "shop.sqlite")
    change_ladder(shop, [{"code": "silver", "min_spend_cents": first[0]}, {"code": "gold", "min_spend_cents": first[1]}])
    change_ladder(shop, [{"code": "silver", "min_spend_cents": target[0]},
                         {"code": "gold", "min_spend_cents": target[1]}])
    assert [t.min_spend_cents for t in load_tiers(shop.db)] == [0, *target]
    shop.db.close()
