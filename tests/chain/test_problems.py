"""A round that stops says why in words a person can act on, and whether the till only waits for
the network or the owner must do something (loyalty/chain/problems.py) — against a real hub:
a hub out of reach, a changed password, a revoked till, a role the hub does not know, a hub
not upgraded; and what the hub said at the last contact (how much waits to come, what it set
aside) is kept for the window."""

import psycopg
import pytest
from psycopg import sql

from loyalty.chain import hub_admin, rounds
from loyalty.chain.link import hub_link, join
from loyalty.chain.problems import OFFLINE, OWNER, hub_problem
from loyalty.common.errors import ValidationError
from loyalty.ledger.sales import post_sale


@pytest.fixture
def till(ctx, hub):
    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id).text())
    return ctx


def the_round(ctx):
    state = rounds.sync_once(ctx)
    assert state.problem, "the round stopped"
    return state


def test_a_hub_out_of_reach_is_the_network_and_the_till_only_waits(till, enrol, monkeypatch):
    post_sale(till, enrol("Ana").card, 1_000, "T-1")
    real = rounds.conninfo
    monkeypatch.setattr(rounds, "conninfo", lambda ctx, link: real(ctx, link).replace(f"port={link.port}", "port=1"))
    state = the_round(till)
    assert state.problem_kind == OFFLINE and state.pending == 1
    assert state.problem.startswith("hub: the hub at 127.0.0.1:") and "sent when it is back" in state.problem
    assert hub_link(till).problem_kind == OFFLINE, "kept for the header after a restart"


def test_a_changed_password_is_for_the_owner(till, hub):
    role = hub_link(till).user
    with psycopg.connect(hub.dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("ALTER ROLE {} PASSWORD 'another'").format(sql.Identifier(role)))
    state = the_round(till)
    assert state.problem_kind == OWNER and "refused this till's password" in state.problem


def test_a_revoked_till_is_told_so_and_keeps_selling(till, hub, enrol):
    hub_admin.revoke_counter(hub.dsn, "Till 1")
    post_sale(till, enrol("Ana").card, 1_000, "T-1")
    state = the_round(till)
    assert state.problem_kind == OWNER and "revoked" in state.problem and state.pending == 1


def test_a_revoked_till_with_a_session_still_open_is_refused_by_the_hubs_functions(till, hub):
    """Refused by hub.calling_device() (InsufficientPrivilege), not at the login."""
    with psycopg.connect(hub.dsn, autocommit=True) as admin:
        admin.execute("UPDATE hub.devices SET revoked_at = now()")
    state = the_round(till)
    assert state.problem_kind == OWNER and "revoked" in state.problem


def test_a_role_the_hub_does_not_know_is_for_the_owner(till, hub):
    with psycopg.connect(hub.dsn, autocommit=True) as admin:
        admin.execute("SET session_replication_role = replica")     # past the hub's rule that keeps devices
        admin.execute("DELETE FROM hub.devices")       # the role logs in, but is no counter of this hub
    state = the_round(till)
    assert state.problem_kind == OWNER and "does not know this till" in state.problem


def test_known_refusals_are_read_in_spanish_too():
    """A hub whose server speaks Spanish (lc_messages) words its refusals so."""
    refused = psycopg.OperationalError('connection failed: FATAL:  la autentificación password falló para el '
                                       'usuario «loyalty_counter_x»')
    assert hub_problem(refused).kind == OWNER and "password" in hub_problem(refused).sentence
    revoked = psycopg.OperationalError('FATAL:  el rol «loyalty_counter_x» no tiene permitido conectarse')
    assert "revoked" in hub_problem(revoked).sentence
    missing = ValidationError("hub: this counter's hub password is missing; join again with a new code", "hub")
    assert hub_problem(missing) == hub_problem(missing).__class__(OWNER, missing.message)


def test_the_last_contact_keeps_what_waits_to_come_and_what_the_hub_set_aside(tmp_path, hub, enrol):
    from hub_helpers import joined_tills

    from loyalty.ledger.enrolment import enrol_member
    from loyalty.people.members import NewMember

    first, second = joined_tills(hub.dsn, tmp_path, 2)
    card = enrol_member(first, NewMember(name="Ana")).card
    for n in range(3):
        post_sale(first, card, 1_000 + n, f"A{n}")
    assert rounds.sync_once(first).problem is None
    seen = rounds.sync_state(second)
    assert seen.to_take_in is None, "never in touch: not known"
    assert rounds.sync_once(second).problem is None
    after = rounds.sync_state(second)
    assert after.to_take_in == 0 and after.set_aside == 0 and after.problem_kind is None
    assert after.hub.endswith(f"/{hub_link(second).dbname}") and after.store == "M1"
    post_sale(first, card, 5_000, "A9")
    rounds.sync_once(first)
    with psycopg.connect(hub.dsn, autocommit=True) as admin:       # one of this till's entries set aside
        device = first.device_id
        admin.execute("INSERT INTO hub.quarantine (device_id, uuid, payload, reason) "
                      "VALUES (%s, gen_random_uuid(), '{}', 'test')", [device])
    assert rounds.sync_once(first).set_aside == 1


def test_the_problem_is_kept_in_the_language_of_the_screens(till, monkeypatch):
    """The round runs on the sync's own thread and the header shows what it kept: in Spanish in a
    Spanish window (the command line's is English)."""
    from loyalty.common.messages import language, use_language

    real = rounds.conninfo
    monkeypatch.setattr(rounds, "conninfo", lambda ctx, link: real(ctx, link).replace(f"port={link.port}", "port=1"))
    before = language()
    use_language("es")
    try:
        state = the_round(till)
    finally:
        use_language(before)
    assert state.problem.startswith("concentrador: no se puede contactar con el concentrador en 127.0.0.1:")
