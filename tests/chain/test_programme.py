"""One programme for the whole chain: the first counter's becomes the chain's, a counter that
joins later takes it up (whatever it had chosen on its own), and a change of a shop-wide setting
or a tier at any counter reaches every counter, the latest winning; a till's own settings stay
its own (programme/shared.py, against the real hub)."""

from datetime import datetime, timedelta, timezone

import pytest

from loyalty.chain import hub_admin
from loyalty.chain.link import join
from loyalty.chain.rounds import sync_once
from loyalty.common.clock import FixedClock
from loyalty.programme.rules import load_tiers
from loyalty.programme.settings import change_settings, change_tier
from loyalty.programme.shop import open_shop

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def test_the_chain_runs_one_programme(hub_db, tmp_path):
    hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Main")
    first = open_shop(tmp_path / "first.sqlite", clock=FixedClock(NOON), staff_id="owner")
    change_settings(first, {"shop_name": "Zapatería Ana", "welcome_bonus": 50, "earn_rate": "2"})
    join(first, hub_admin.add_counter(hub_db.dsn, "M1", "Till 1", device_id=first.device_id).text())
    assert sync_once(first).problem is None
    second = open_shop(tmp_path / "second.sqlite", clock=FixedClock(NOON + timedelta(hours=1)), staff_id="owner")
    join(second, hub_admin.add_counter(hub_db.dsn, "M1", "Till 2", device_id=second.device_id).text())
    for till in (first, second, first):
        assert sync_once(till).problem is None
    for till in (first, second):
        programme = till.programme()
        assert (programme.shop_name, programme.welcome_bonus, programme.earn_rate) == ("Zapatería Ana", 50, "2")
    third = open_shop(tmp_path / "third.sqlite", clock=FixedClock(NOON + timedelta(hours=1)), staff_id="owner")
    change_settings(third, {"shop_name": "Otra cosa", "welcome_bonus": 5, "receipt_width": 58})   # its own choice
    join(third, hub_admin.add_counter(hub_db.dsn, "M1", "Till 3", device_id=third.device_id).text())
    assert sync_once(third).problem is None
    programme = third.programme()
    assert (programme.shop_name, programme.welcome_bonus, programme.earn_rate) == ("Zapatería Ana", 50, "2")
    assert programme.receipt_width == 58, "a till's printer stays its own"
    third.db.close()

    second.clock.current = NOON + timedelta(hours=2)
    change_settings(second, {"welcome_bonus": 75})
    change_tier(second, "gold", min_spend_cents=150_000)
    first.clock.current = NOON + timedelta(hours=3)
    change_settings(first, {"shop_name": "Zapatería Ana e hijos"})
    for till in (first, second, first):
        assert sync_once(till).problem is None
    for till in (first, second):
        programme = till.programme()
        assert (programme.shop_name, programme.welcome_bonus) == ("Zapatería Ana e hijos", 75)
        assert {tier.code: tier.min_spend_cents for tier in load_tiers(till.db)}["gold"] == 150_000
    first.db.close()
    second.db.close()


def test_two_tills_joining_an_empty_hub_at_once_end_with_the_same_programme(hub_db, tmp_path):
    hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Main")
    tills = []
    for number, bonus in ((1, 10), (2, 20)):
        till = open_shop(tmp_path / f"till{number}.sqlite", clock=FixedClock(NOON), staff_id="owner")
        change_settings(till, {"welcome_bonus": bonus})
        join(till, hub_admin.add_counter(hub_db.dsn, "M1", f"Till {number}", device_id=till.device_id).text())
        tills.append(till)                      # both published: neither had seen the other
    for till in (*tills, tills[0]):
        assert sync_once(till).problem is None
    assert tills[0].programme().welcome_bonus == tills[1].programme().welcome_bonus in (10, 20)
    for till in tills:
        till.db.close()


def test_a_cashier_added_at_one_till_signs_in_at_every_till(hub_db, tmp_path):
    """Staff accounts are the chain's: added, their PIN changed or deactivated at any till, the
    latest change reaches every till; wrong tries and locks stay each till's."""
    from loyalty.common.errors import LoginError
    from loyalty.people.staff import add_staff, change_secret, set_active, sign_in

    hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Main")
    first = open_shop(tmp_path / "first.sqlite", clock=FixedClock(NOON), staff_id="Olga")
    add_staff(first, "Olga", "owner", "4321")
    owner = sign_in(first, "Olga", "4321")
    join(owner, hub_admin.add_counter(hub_db.dsn, "M1", "Till 1", device_id=first.device_id).text())
    add_staff(owner, "Carla", "cashier", "1234")
    second = open_shop(tmp_path / "second.sqlite", clock=FixedClock(NOON), staff_id="setup")
    join(second, hub_admin.add_counter(hub_db.dsn, "M1", "Till 2", device_id=second.device_id).text())
    for till in (first, second):
        assert sync_once(till).problem is None
    assert sign_in(second, "Carla", "1234").role == "cashier"
    second.clock.current = NOON + timedelta(minutes=5)
    change_secret(sign_in(second, "Carla", "1234"), "Carla", "5678")        # her own PIN, at till 2
    for till in (second, first):
        assert sync_once(till).problem is None
    assert sign_in(first, "Carla", "5678").staff_id == "Carla"
    first.clock.current = NOON + timedelta(minutes=10)
    set_active(sign_in(first, "Olga", "4321"), "Carla", False)             # she left
    for till in (first, second):
        assert sync_once(till).problem is None
    with pytest.raises(LoginError):
        sign_in(second, "Carla", "5678")
    first.db.close()
    second.db.close()


def test_rewards_and_campaigns_travel_and_a_rewards_stock_is_the_chains(hub, tmp_path):
    """A reward added at one till is offered at every till, its stock counted down by the
    redemptions of every till (an undone one gives it back); a campaign added at one till doubles
    the points at another; an edit or a withdrawal at any till reaches the others."""
    from hub_helpers import joined_tills

    from loyalty.ledger.corrections import reverse_entry
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.ledger.redemptions import redeem_reward
    from loyalty.ledger.sales import post_sale
    from loyalty.operations.verify import verify
    from loyalty.people.members import NewMember
    from loyalty.programme.campaigns import add_campaign, list_campaigns, set_campaign_active
    from loyalty.programme.rewards import add_reward, list_rewards, update_reward

    one, two = joined_tills(hub.dsn, tmp_path, 2)
    for till in (one, two):
        till.role = "owner"
    card = enrol_member(one, NewMember(name="Ana")).card
    post_sale(one, card, 200_000, "A1")
    cinema = add_reward(one, "Cine", 100, stock=5)
    today = one.clock.now().date().isoformat()
    double = add_campaign(one, "Doble", "2", today, today)
    for till in (one, two):
        assert sync_once(till).problem is None
    (at_two,) = list_rewards(two)
    assert (at_two.name, at_two.points_cost, at_two.stock) == ("Cine", 100, 5)
    assert [(c.name, c.multiplier) for c in list_campaigns(two)] == [("Doble", "2")]
    assert post_sale(two, card, 1_000, "B1").entry.points == post_sale(one, card, 1_000, "A2").entry.points == 30
    assert [row[0] for row in two.db.execute("SELECT tier_code FROM members")] == ["gold"], "upgraded at the first"

    given_at_one = redeem_reward(one, card, cinema.id).entry
    redeem_reward(two, card, at_two.id)
    redeem_reward(two, card, at_two.id)
    reverse_entry(one, given_at_one.uuid)             # undone: the ticket came back
    for till in (one, two, one):
        assert sync_once(till).problem is None
    assert [reward.stock for reward in list_rewards(one)] == [reward.stock for reward in list_rewards(two)] == [3]
    with_reward = "SELECT COUNT(*) FROM entries e JOIN rewards r ON r.id = e.reward_id WHERE r.name = 'Cine'"
    assert one.db.execute(with_reward).fetchone()[0] == two.db.execute(with_reward).fetchone()[0] == 3

    for till in (one, two):
        till.clock.advance(minutes=1)
    update_reward(two, at_two.id, "Cine 2D", 120, 10)     # counted again at the other till
    set_campaign_active(two, list_campaigns(two)[0].id, False)
    redeem_reward(one, card, cinema.id)                    # at the same time, at the first till
    for till in (two, one, two):
        assert sync_once(till).problem is None
    for till in (one, two):
        (reward,) = list_rewards(till)
        assert (reward.name, reward.points_cost, reward.stock) == ("Cine 2D", 120, 9)
        assert not list_campaigns(till)[0].active
        assert verify(till) == []
    assert double.id == list_campaigns(one)[0].id


def test_the_survey_is_the_chains_and_every_tills_answers_count_in_the_figures(hub, tmp_path):
    from hub_helpers import joined_tills

    from loyalty.common.period import month_period
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.people.members import NewMember
    from loyalty.retention.survey import active_questions, record_answers, set_questions, survey_results

    one, two = joined_tills(hub.dsn, tmp_path, 2)
    for till in (one, two):
        till.role = "owner"
    ana, luis = (enrol_member(one, NewMember(name=name)).card for name in ("Ana", "Luis"))
    set_questions(one, [{"text": "¿Nos recomendaría?", "kind": "scale", "nps": True},
                        {"text": "¿Encontró lo que buscaba?", "kind": "yes_no"}])
    for till in (one, two):
        assert sync_once(till).problem is None
    at_two = active_questions(two)
    assert [(q.text, q.kind, q.is_nps) for q in at_two] == [("¿Nos recomendaría?", "scale", True),
                                                            ("¿Encontró lo que buscaba?", "yes_no", False)]
    record_answers(one, ana, {active_questions(one)[0].id: "10", active_questions(one)[1].id: "sí"})
    record_answers(two, luis, {at_two[0].id: "3"})
    for till in (one, two, one):
        assert sync_once(till).problem is None
    month = month_period(one.clock.now().strftime("%Y-%m"))
    results = [survey_results(till, month) for till in (one, two)]
    assert results[0] == results[1]
    assert (results[0]["responses"], results[0]["nps"]) == (2, 0)       # one promoter, one detractor
    set_questions(two, [{"text": "¿Volverá?", "kind": "yes_no"}])      # changed at the other till
    for till in (two, one):
        assert sync_once(till).problem is None
    assert [q.text for q in active_questions(one)] == ["¿Volverá?"]
    assert survey_results(one, month)["responses"] == 2, "past answers keep their questions"
