"""Money parsing and points arithmetic: exact, in one place each."""

from fractions import Fraction
from math import floor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty.common.errors import ValidationError
from loyalty.programme.money import parse_amount, plain_amount
from loyalty.programme.points import points_for_sale, points_to_reverse, points_value


@pytest.mark.parametrize("text, cents", [
    ("12.50", 1250), ("12,50", 1250), ("1.234,50", 123450), ("1,234.50", 123450), ("12,5", 1250),
    ("7", 700), ("12,50 €", 1250), ("1 234,50", 123450), ("1.000.000", 100_000_000), ("0,01", 1),
])
def test_accepted_amounts(text, cents):
    assert parse_amount(text) == cents


@pytest.mark.parametrize("text, why", [
    ("abc", "not an amount"), ("12a", "not an amount"), ("1e5", "not an amount"), ("-5", "negative"),
    ("0", "more than zero"), ("0,00", "more than zero"), ("12.5555", "more than 2 decimals"),
    ("12.345", "ambiguous"), ("1000000.01", "over the limit"), ("1,2,3", "separators"), ("", "enter an amount"),
    ("1.234.5", "separators"), ("1,23.45", "separators"), ("NaN", "not an amount"), ("Infinity", "not an amount"),
])
def test_refused_amounts_name_the_field_and_the_reason(text, why):
    with pytest.raises(ValidationError) as caught:
        parse_amount(text)
    assert caught.value.field == "amount"
    assert caught.value.message.startswith("amount:") and why in caught.value.message


def test_currency_without_decimals():
    assert parse_amount("1500", decimals=0) == 1500
    with pytest.raises(ValidationError, match="more than 0 decimals"):
        parse_amount("15,5", decimals=0)


@given(st.integers(min_value=1, max_value=100_000_000), st.sampled_from([",", "."]))
def test_formatted_amounts_parse_back_to_themselves(cents, separator):
    units, rest = divmod(cents, 100)
    assert parse_amount(f"{units}{separator}{rest:02d}") == cents
    assert parse_amount(plain_amount(cents)) == cents


@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_validation_error(text):
    try:
        value = parse_amount(text)
    except ValidationError:
        return
    assert isinstance(value, int) and 0 < value <= 100_000_000


def test_points_round_down():
    assert points_for_sale(1299, 2, "1").total == 12
    assert points_for_sale(99, 2, "1").total == 0


def test_tier_and_campaign_parts_add_up():
    earning = points_for_sale(1000, 2, "1", "1.25", "2")
    assert (earning.base, earning.tier_bonus, earning.campaign_bonus) == (10, 2, 13)
    assert earning.total == 25


@given(st.integers(1, 100_000_000), st.sampled_from(["1", "0.5", "2", "1.1"]), st.sampled_from(["1", "1.25", "1.5"]),
       st.sampled_from(["1", "2", "1.5", "3"]))
def test_earning_is_the_exact_floor(amount, rate, tier, campaign):
    earning = points_for_sale(amount, 2, rate, tier, campaign)
    exact = Fraction(amount, 100) * Fraction(rate) * Fraction(tier) * Fraction(campaign)
    assert earning.total == floor(exact)
    assert all(isinstance(part, int) for part in earning)
    assert earning.base >= 0 and earning.tier_bonus >= 0 and earning.campaign_bonus >= 0


def test_point_value():
    assert points_value(100, 100, 2) == 100  # 100 points = 1.00
    assert points_value(150, 100, 2) == 150
    assert points_value(1, 3, 2) == 33


@given(st.integers(0, 10_000), st.integers(1, 1_000_000), st.lists(st.integers(1, 1_000_000), max_size=6))
def test_partial_refunds_never_take_more_than_the_sale_earned(earned, amount, parts):
    refunded, taken = 0, 0
    for part in parts:
        part = min(part, amount - refunded)
        if part <= 0:
            break
        taken += points_to_reverse(earned, amount, refunded, part)
        refunded += part
        assert 0 <= taken <= earned
    if refunded == amount:
        assert taken == earned


@pytest.mark.parametrize("text, points", [("1500", 1500), ("1.500", 1500), ("1,500", 1500), (" 1 500 ", 1500), ("7", 7)])
def test_points_as_typed(text, points):
    from loyalty.programme.points import parse_points

    assert parse_points(text) == points


@pytest.mark.parametrize("text, problem", [("", "required"), ("12.5", "not a whole number"), ("-3", "not a whole"),
                                           ("0", "between 1"), ("abc", "not a whole"), ("1e3", "not a whole"),
                                           ("٣", "not a whole")])
def test_bad_points_are_refused_naming_the_field(text, problem):
    from loyalty.common.errors import ValidationError
    from loyalty.programme.points import parse_points

    with pytest.raises(ValidationError, match=f"points: .*{problem}"):
        parse_points(text)
