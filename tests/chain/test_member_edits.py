"""Member details edited at two tills merge field by field, the latest change by the hybrid
logical clock winning everywhere, whatever order the tills sync in (people/member_changes.py,
against the real hub); an erasure wipes the changes' values at the hub and at every counter."""

from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from hub_helpers import joined_tills

from loyalty.chain import hub_admin
from loyalty.chain.rounds import sync_once
from loyalty.exchange.privacy import erase_member
from loyalty.ledger.enrolment import enrol_member
from loyalty.people.member_changes import field_values
from loyalty.people.members import MemberEdit, NewMember, update_member

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def tills(hub_db, tmp_path):
    hub_admin.init_hub(hub_db.dsn)
    made = joined_tills(hub_db.dsn, tmp_path, 2, NOON)
    yield made
    for till in made:
        till.db.close()


def ana_everywhere(tills):
    ana = enrol_member(tills[0], NewMember(name="Ana García", phone="600 111 222", email="ana@example.com"))
    for till in (*tills, tills[0]):
        assert sync_once(till).problem is None
    return ana.uuid


def member(till, uuid: str):
    from loyalty.people.members import member_by_id
    return member_by_id(till, till.db.execute("SELECT id FROM members WHERE uuid = ?", [uuid]).fetchone()[0])


def edit(till, uuid: str, at: datetime, **fields):
    till.clock.current = at
    now = member(till, uuid)
    values = {"name": now.name, "phone": now.phone, "email": now.email, "birthday": now.birthday,
              "marketing_consent": now.marketing_consent, "profiling_consent": now.profiling_consent,
              "notes": now.notes, **fields}
    return update_member(till, now.id, MemberEdit(**values))


@pytest.mark.parametrize("order", [(0, 1, 0, 1), (1, 0, 1, 0)])
def test_the_latest_edit_of_a_field_wins_at_every_till_whatever_the_order(tills, order):
    ana = ana_everywhere(tills)
    edit(tills[0], ana, NOON + timedelta(minutes=1), phone="600 000 001")       # both offline
    edit(tills[1], ana, NOON + timedelta(minutes=2), phone="600 000 002")
    for which in order:
        assert sync_once(tills[which]).problem is None
    assert [member(till, ana).phone for till in tills] == ["600 000 002", "600 000 002"]
    for till in tills:            # both edits stay on file at both tills: the trail keeps both
        assert till.db.execute("SELECT COUNT(*) FROM member_changes WHERE field = 'phone'").fetchone()[0] == 2


def test_edits_of_different_fields_at_two_tills_are_both_kept(tills):
    ana = ana_everywhere(tills)
    edit(tills[0], ana, NOON + timedelta(minutes=2), email="ana.garcia@example.com", marketing_consent=True)
    edit(tills[1], ana, NOON + timedelta(minutes=1), name="Ana García López")
    for which in (0, 1, 0):
        sync_once(tills[which])
    first, second = member(tills[0], ana), member(tills[1], ana)
    assert (first.name, first.email, first.marketing_consent) == ("Ana García López", "ana.garcia@example.com", True)
    assert field_values(first) == field_values(second), "the consent's date travels with it"
    assert first.marketing_consent_at == (NOON + timedelta(minutes=2)).isoformat(timespec="microseconds")


def test_an_edit_made_after_seeing_another_wins_even_on_a_till_whose_clock_is_behind(tills):
    ana = ana_everywhere(tills)
    edit(tills[0], ana, NOON + timedelta(minutes=10), email="first@example.com")
    sync_once(tills[0])
    sync_once(tills[1])                                   # till 2 has seen it...
    edit(tills[1], ana, NOON + timedelta(minutes=1), email="second@example.com")   # ...its clock 9 min behind
    for which in (1, 0):
        sync_once(tills[which])
    assert [member(till, ana).email for till in tills] == ["second@example.com", "second@example.com"]


def test_an_erasure_wipes_the_edits_values_on_the_hub_and_at_every_till(tills, hub_db):
    ana = ana_everywhere(tills)
    edit(tills[1], ana, NOON + timedelta(minutes=1), phone="699 999 999")       # not yet sent
    edit(tills[0], ana, NOON + timedelta(minutes=2), email="private@example.com")
    sync_once(tills[0])
    erase_member(tills[0], member(tills[0], ana).id, "the member asked on 2026-12-01")
    for which in (0, 1, 0, 1):
        assert sync_once(tills[which]).problem is None
    with psycopg.connect(hub_db.dsn) as admin:
        assert admin.execute("SELECT count(*), count(value) FROM hub.member_changes").fetchone() == (2, 0)
    for till in tills:
        assert till.db.execute("SELECT COUNT(*), COUNT(value) FROM member_changes").fetchone() == (2, 0)
        assert (member(till, ana).status, member(till, ana).phone, member(till, ana).email) == ("erased", None, None)
        raw = till.db.execute("SELECT group_concat(value) FROM member_changes").fetchone()[0] or ""
        assert "699" not in raw and "private" not in raw


def test_a_complaint_opened_at_one_till_is_resolved_at_another_and_both_see_it_whole(tills, hub_db):
    from loyalty.retention.complaints import complaints_of, open_complaint, record_satisfaction, resolve_complaint

    ana = ana_everywhere(tills)
    one, two = tills
    for till in tills:
        till.role = "owner"
    card = member(one, ana).card
    opened = open_complaint(one, card, "service", "Esperó veinte minutos en caja")
    for till in (one, two):
        assert sync_once(till).problem is None
    (at_two,) = complaints_of(two, member(two, ana).id)
    assert (at_two.uuid, at_two.description, at_two.status) == (opened.uuid, "Esperó veinte minutos en caja", "open")
    two.clock.current = NOON + timedelta(hours=1)
    resolve_complaint(two, at_two.id, "Disculpas y puntos", compensation_points=50)
    for till in (two, one):
        assert sync_once(till).problem is None
    one.clock.current = NOON + timedelta(days=8)
    record_satisfaction(one, opened.id, True)
    for till in (one, two):
        assert sync_once(till).problem is None
    states = [complaints_of(till, member(till, ana).id) for till in tills]
    for (complaint,), till in zip(states, tills):
        assert (complaint.status, complaint.resolution, complaint.satisfied) == ("resolved", "Disculpas y puntos", True)
        assert complaint.compensation_entry_id is not None and member(till, ana).balance == 50
    erase_member(one, member(one, ana).id, "the member asked")
    for till in (one, two, one):
        assert sync_once(till).problem is None
    with psycopg.connect(hub_db.dsn) as admin:
        assert admin.execute("SELECT count(*) FROM hub.member_changes WHERE field LIKE 'complaint:%%' "
                             "AND value IS NOT NULL").fetchone()[0] == 0, "the complaint's words went with the member"


def test_a_member_arrives_at_another_till_with_their_details_card_and_referrer(tills):
    """The members of a page come in together (pull._take_in_page): a referrer enrolled in the same
    page as the member they referred is linked all the same."""
    one, two = tills
    ana = enrol_member(one, NewMember(name="Ana García", phone="600 111 222", email="ana@example.com"))
    luis = enrol_member(one, NewMember(name="Luis Peña", referrer_card=ana.card, marketing_consent=True))
    for till in (one, two):
        assert sync_once(till).problem is None
    here = member(two, luis.uuid)
    assert (here.card, here.name, here.marketing_consent) == (luis.card, "Luis Peña", True)
    assert here.referrer_id == two.db.execute("SELECT id FROM members WHERE uuid = ?", [ana.uuid]).fetchone()[0]
    assert member(two, ana.uuid).phone == "600 111 222"
    assert two.db.execute("SELECT member_id FROM cards WHERE number = ?", [ana.card]).fetchone()[0] == \
        member(two, ana.uuid).id
