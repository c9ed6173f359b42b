"""Cards, enrolment, search, re-issue and blocking."""

import pytest
from conftest import count

from loyalty.common.errors import BlockedCardError, InvalidCardError, UnknownCardError, ValidationError
from loyalty.ledger.entries import history
from loyalty.ledger.sales import post_sale
from loyalty.people.cards import card_from_body, is_luhn_valid, new_card_number
from loyalty.people.members import member_by_card, reissue_card, search_members, set_blocked


def test_new_cards_are_digits_with_a_valid_check_digit():
    for _ in range(200):
        card = new_card_number("2")
        assert card.isdigit() and len(card) == 12 and card.startswith("2") and is_luhn_valid(card)


def test_every_one_digit_typo_is_caught():
    card = card_from_body("20000012345")
    for position in range(len(card)):
        for digit in "0123456789":
            if digit != card[position]:
                assert not is_luhn_valid(card[:position] + digit + card[position + 1:])


def test_typo_is_invalid_but_a_valid_unknown_number_is_not_on_file(ctx, enrol):
    member = enrol()
    typo = member.card[:-1] + str((int(member.card[-1]) + 1) % 10)
    with pytest.raises(InvalidCardError, match="check digit"):
        member_by_card(ctx, typo)
    with pytest.raises(UnknownCardError, match="not on file"):
        member_by_card(ctx, card_from_body("29999999999"))
    with pytest.raises(InvalidCardError, match="digits only"):
        member_by_card(ctx, "ABC")
    assert member_by_card(ctx, f" {member.card[:4]}-{member.card[4:]} ").id == member.id


def test_enrolment_stores_fields_and_dated_consent(ctx, enrol, clock):
    member = enrol("  José   Núñez ", phone="+34 600 111 222", email="jose@example.es", birthday="23/04/1990",
                   marketing_consent=True)
    assert member.name == "José Núñez" and member.birthday == "1990-04-23" and member.tier_code == "bronze"
    assert member.marketing_consent and member.marketing_consent_at.startswith("2026-03-10")
    assert enrol("Sin Consentimiento").marketing_consent_at is None
    assert count(ctx, "tier_changes") == 2


@pytest.mark.parametrize("fields, field", [
    ({"name": ""}, "name"), ({"name": "x" * 1000}, "name"), ({"name": "A", "email": "no-at"}, "email"),
    ({"name": "A", "birthday": "31/02/1990"}, "birthday"), ({"name": "A", "birthday": "2090-01-01"}, "birthday"),
    ({"name": "A", "phone": "12ab"}, "phone"), ({"name": "A", "referrer_card": "123"}, "referrer"),
])
def test_bad_enrolment_names_the_field_and_writes_nothing(ctx, enrol, fields, field):
    with pytest.raises(ValidationError) as caught:
        enrol(**fields)
    assert caught.value.field == field
    assert count(ctx, "members") == 0


def test_search_is_accent_and_case_insensitive_by_word_prefix(ctx, enrol):
    jose = enrol("José Núñez Peña", phone="600111222")
    enrol("María García")
    assert [m.id for m in search_members(ctx, "jose nunez")] == [jose.id]
    assert [m.id for m in search_members(ctx, "NUÑ jos")] == [jose.id]
    assert [m.id for m in search_members(ctx, "pena")] == [jose.id]
    assert [m.id for m in search_members(ctx, "600 111")] == [jose.id]
    assert [m.id for m in search_members(ctx, jose.card[:6])] == [jose.id]
    assert search_members(ctx, "pedro") == []
    assert search_members(ctx, '"') == []


def test_erased_members_are_not_found(ctx, enrol):
    member = enrol("Borrado Pérez")
    ctx.db.execute("UPDATE members SET status = 'erased' WHERE id = ?", [member.id])
    assert search_members(ctx, "borrado") == []
    with pytest.raises(BlockedCardError, match="erased"):
        member_by_card(ctx, member.card)


def test_reissued_card_refuses_the_old_number_and_keeps_the_history(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 5000, "T1")
    new = reissue_card(ctx, member.card)
    assert new.card != member.card and new.balance == 50
    with pytest.raises(BlockedCardError, match=f"replaced by card {new.card}"):
        member_by_card(ctx, member.card)
    assert member_by_card(ctx, new.card).id == member.id
    assert len(history(ctx, member.id)) == 1
    assert [m.card for m in search_members(ctx, "ana")] == [new.card]


def test_blocked_card_is_refused_until_unblocked(ctx, enrol):
    member = enrol()
    set_blocked(ctx, member.card, True, "suspected fraud")
    with pytest.raises(BlockedCardError, match="blocked"):
        post_sale(ctx, member.card, 1000)
    assert count(ctx, "entries") == 0
    set_blocked(ctx, member.card, False)
    assert post_sale(ctx, member.card, 1000).balance == 10


def test_member_edit_validates_and_dates_each_consent_separately(ctx, enrol, clock):
    from loyalty.people.members import MemberEdit, member_by_id, search_members, update_member

    member = enrol("Ana García", marketing_consent=True)
    clock.advance(days=3)
    edit = MemberEdit(name="Ana Núñez", phone="600 111 222", marketing_consent=True, profiling_consent=True,
                      notes="Prefiere WhatsApp")
    updated = update_member(ctx, member.id, edit)
    assert updated.marketing_consent_at == member.marketing_consent_at  # unchanged consent keeps its date
    assert updated.profiling_consent and updated.profiling_consent_at.startswith("2026-03-13")
    assert [m.id for m in search_members(ctx, "nunez")] == [member.id]
    with pytest.raises(ValidationError, match="email: 'nope'"):
        update_member(ctx, member.id, MemberEdit(name="Otro", email="nope"))
    assert member_by_id(ctx, member.id).name == "Ana Núñez"  # nothing written


def test_member_pages_follow_the_accent_free_order_without_gaps(ctx, enrol):
    from loyalty.people.directory import members_page

    names = ["Álvaro Ruiz", "Zoe Pérez", "ana López", "Óscar Gil", "Beatriz Sanz"]
    for name in names:
        enrol(name)
    seen, after = [], None
    while True:
        page, after = members_page(ctx, "name", after=after, limit=2)
        seen += [m.name for m in page]
        if after is None:
            break
    assert seen == ["Álvaro Ruiz", "ana López", "Beatriz Sanz", "Óscar Gil", "Zoe Pérez"]
    newest_first, _ = members_page(ctx, "joined", descending=True, limit=10)
    assert [m.name for m in newest_first] == names[::-1]
