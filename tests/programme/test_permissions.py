"""Staff, roles and permissions: every role × every protected action, in the domain and on
the command line; sign-in lockout timed with the injected clock; on-the-spot approval."""

from dataclasses import replace
from datetime import date

import pytest

from loyalty.cli import main
from loyalty.common.errors import LoginError, PermissionDeniedError, ValidationError
from loyalty.common.period import month_period
from loyalty.exchange import members_import
from loyalty.exchange.exports import export_json
from loyalty.exchange.privacy import erase_member
from loyalty.ledger.corrections import adjust_points, grant_bonus, reverse_entry, undo_entry
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.merges import merge_members
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.operations.backups import make_backup, restore
from loyalty.people.members import MemberEdit, NewMember, reissue_card, set_blocked, update_member
from loyalty.people.staff import add_staff, approved_by, sign_in, staff_accounts, staff_by_name
from loyalty.programme.audit import audit_people, audit_records
from loyalty.programme.campaigns import add_campaign
from loyalty.programme.permissions import LEAST_ROLE, ROLES, allowed
from loyalty.programme.rewards import add_reward
from loyalty.programme.settings import change_settings, change_tier
from loyalty.reports.cache import report
from loyalty.retention.complaints import open_complaint
from loyalty.retention.followups import add_followup
from loyalty.retention.survey import active_questions, record_answers, set_questions

PINS = {"owner": "24681357", "manager": "1357", "cashier": "9753"}
NAMES = {"owner": "Olga", "manager": "Manu", "cashier": "Carla"}


@pytest.fixture
def shop(ctx, tmp_path):
    """A shop with one account per role, a member with points and a sale, and a backup."""
    for role in ("owner", "manager", "cashier"):
        add_staff(ctx, NAMES[role], role, PINS[role])
    owner = sign_in(ctx, "Olga", PINS["owner"])
    ana = enrol_member(owner, NewMember(name="Ana"))
    enrol_member(owner, NewMember(name="Ana bis"))             # the same person enrolled twice: to merge
    post_sale(owner, ana.card, 5_000, "R1")
    (tmp_path / "socios.csv").write_text("Nombre\nLuis\n")
    (tmp_path / "questions.json").write_text('[{"text": "¿Nos recomendaría?", "kind": "scale", "nps": true}]')
    set_questions(owner, [{"text": "¿Nos recomendaría?", "kind": "scale", "nps": True}])
    make_backup(owner, folder=tmp_path / "backups")
    return ctx, ana.card


def _second_card(ctx) -> str:
    return ctx.db.execute("SELECT card FROM members WHERE name = 'Ana bis'").fetchone()[0]


def as_role(ctx, role):
    return sign_in(ctx, NAMES[role], PINS[role])


# Each protected action, done the way the counter or the owner's screens do it.
ACTIONS = {
    "enrol": lambda c, card, tmp: enrol_member(c, NewMember(name="Nuevo")),
    "sale": lambda c, card, tmp: post_sale(c, card, 1_000),
    "redeem": lambda c, card, tmp: redeem_points(c, card, 10),
    "edit_member": lambda c, card, tmp: update_member(c, 1, MemberEdit(name="Ana B")),
    "undo_own": lambda c, card, tmp: undo_entry(c, post_sale(replace(c, approver_role="owner"), card, 700).entry.uuid),
    "refund": lambda c, card, tmp: refund_sale(c, card, 500, "R1"),
    "void": lambda c, card, tmp: reverse_entry(c, "1"),
    "adjust": lambda c, card, tmp: adjust_points(c, card, 10, "counter correction"),
    "adjust_over_limit": lambda c, card, tmp: adjust_points(c, card, 5_000, "old system balance"),
    "compensate": lambda c, card, tmp: grant_bonus(c, card, 10, "late order"),
    "compensate_over_limit": lambda c, card, tmp: grant_bonus(c, card, 5_000, "broken appliance"),
    "block_card": lambda c, card, tmp: set_blocked(c, card, True, "lost"),
    "reissue_card": lambda c, card, tmp: reissue_card(c, card),
    "settings": lambda c, card, tmp: change_settings(c, {"shop_name": "Otra"}),
    "tiers": lambda c, card, tmp: change_tier(c, "gold", multiplier="2"),
    "rewards": lambda c, card, tmp: add_reward(c, "Taza", 300),
    "campaigns": lambda c, card, tmp: add_campaign(c, "Doble", "2", "2026-04-01", "2026-04-30"),
    "staff": lambda c, card, tmp: add_staff(c, "Nueva", "cashier", "4444"),
    "export": lambda c, card, tmp: export_json(c, tmp / "all.json"),
    "import": lambda c, card, tmp: members_import.plan(c, tmp / "socios.csv"),
    "reports": lambda c, card, tmp: report(c, month_period("2026-02")),
    "audit": lambda c, card, tmp: audit_records(c),
    "restore": lambda c, card, tmp: restore(c, next((tmp / "backups").glob("*.sqlite"))),
    "erase": lambda c, card, tmp: erase_member(c, 1, "asked by the member"),
    "merge_members": lambda c, card, tmp: merge_members(c, card, _second_card(c)),
    "followups": lambda c, card, tmp: add_followup(c, card, "Call about the cake", date(2026, 3, 12)),
    "complaints": lambda c, card, tmp: open_complaint(c, card, "service", "Slow till"),
    "survey": lambda c, card, tmp: record_answers(c, card, {active_questions(c)[0].id: "9"}),
    "survey_setup": lambda c, card, tmp: set_questions(c, [{"text": "¿Nos recomendaría?", "kind": "scale"}]),
}


# The table, written out here so that a change to permissions.py must change it too.
SPEC = {
    "cashier": {"enrol", "sale", "redeem", "edit_member", "undo_own", "followups", "complaints", "survey"},
    "manager": {"refund", "void", "adjust", "compensate", "block_card", "reissue_card"},
    "owner": {"settings", "tiers", "rewards", "campaigns", "staff", "export", "import", "reports", "audit", "restore",
              "survey_setup", "erase", "adjust_over_limit", "compensate_over_limit", "merge_members"},
}


def test_the_table_is_the_specified_one_and_every_action_is_in_the_matrix():
    assert LEAST_ROLE == {action: role for role, actions in SPEC.items() for action in actions}
    assert set(ACTIONS) == set(LEAST_ROLE)


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_the_table_says(shop, role, action, tmp_path):
    ctx, card = shop
    signed_in = as_role(ctx, role)
    changes_before = ctx.db.conn.total_changes
    if allowed(role, action):
        ACTIONS[action](signed_in, card, tmp_path)
        return
    with pytest.raises(PermissionDeniedError) as refused:
        ACTIONS[action](signed_in, card, tmp_path)
    refused_for = refused.value.field   # over the limit, a cashier is refused the adjustment itself
    assert refused_for in (action, action.removesuffix("_over_limit"))
    assert f"needs a{'n' if LEAST_ROLE[refused_for] == 'owner' else ''} {LEAST_ROLE[refused_for]}" in refused.value.message
    assert ctx.db.conn.total_changes == changes_before, "a refused action writes nothing"


def test_the_ladder_of_roles():
    assert [role for role in ROLES if allowed(role, "sale")] == ["cashier", "manager", "owner"]
    assert [role for role in ROLES if allowed(role, "refund")] == ["manager", "owner"]
    assert [role for role in ROLES if allowed(role, "settings")] == ["owner"]


def test_signed_out_may_do_nothing_protected(shop, tmp_path):
    ctx, card = shop
    with pytest.raises(PermissionDeniedError, match="sign in first"):
        post_sale(replace(ctx, staff_id="", role=""), card, 1_000)


def test_a_manager_approves_a_cashiers_refund_on_the_spot(shop):
    ctx, card = shop
    cashier = as_role(ctx, "cashier")
    with pytest.raises(PermissionDeniedError):
        refund_sale(cashier, card, 500, "R1")
    with pytest.raises(LoginError):
        approved_by(cashier, "Manu", "0000")
    with pytest.raises(LoginError, match="cannot approve"):
        approved_by(cashier, "Carla", PINS["cashier"])
    result = refund_sale(approved_by(cashier, "Manu", PINS["manager"], "refund"), card, 500, "R1")
    assert result.entry.staff_id == "Carla", "the entry records who did it"
    [trail] = [r for r in audit_records(as_role(ctx, "owner"), action="entry.reverse")]
    assert (trail.staff_id, trail.approved_by) == ("Carla", "Manu")
    with pytest.raises(PermissionDeniedError):
        refund_sale(cashier, card, 100, "R1"), "the approval was for that one action"


def test_a_manager_cannot_approve_what_only_an_owner_may(shop):
    ctx, card = shop
    with pytest.raises(PermissionDeniedError, match="owner"):
        adjust_points(approved_by(as_role(ctx, "cashier"), "Manu", PINS["manager"]), card, 5_000, "big")


def test_five_wrong_tries_lock_the_account_for_five_minutes(shop, clock):
    ctx, _ = shop
    for left in (4, 3, 2, 1):
        with pytest.raises(LoginError, match=f"{left} tr"):
            sign_in(ctx, "Carla", "0000")
    with pytest.raises(LoginError, match="locked for 5 minutes"):
        sign_in(ctx, "Carla", "0000")
    with pytest.raises(LoginError, match="locked for 5 more minutes"):
        sign_in(ctx, "Carla", PINS["cashier"])
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(LoginError, match="locked for 1 more minute"):
        sign_in(ctx, "Carla", PINS["cashier"])
    clock.advance(seconds=1)
    assert sign_in(ctx, "Carla", PINS["cashier"]).role == "cashier"
    with pytest.raises(LoginError, match="4 tries left"):
        sign_in(ctx, "Carla", "0000"), "a good sign-in starts the count again"
    actions = [r.action for r in audit_records(as_role(ctx, "owner"), action="login")]
    assert actions.count("login.failed") == 5 and actions.count("login.locked") == 1


def test_pins_and_passwords_are_checked_and_never_stored_in_clear(ctx):
    for bad in ("123", "123456789", "short", ""):
        with pytest.raises(ValidationError, match="pin"):
            add_staff(ctx, "Olga", "owner", bad)
    with pytest.raises(ValidationError, match="first account"):
        add_staff(ctx, "Olga", "cashier", "1234")
    add_staff(ctx, "Olga", "owner", "a long passphrase")
    stored = ctx.db.execute("SELECT secret_hash FROM staff").fetchone()[0]
    assert stored.startswith("$argon2id$") and "passphrase" not in stored


def test_the_only_owner_cannot_be_demoted_or_deactivated(shop):
    from loyalty.people.staff import change_role, set_active

    owner = as_role(shop[0], "owner")
    with pytest.raises(ValidationError, match="only owner"):
        change_role(owner, "Olga", "manager")
    with pytest.raises(ValidationError, match="only owner"):
        set_active(owner, "Olga", False)
    change_role(owner, "Manu", "owner")
    set_active(owner, "Olga", False)
    with pytest.raises(LoginError, match="no active staff"):
        sign_in(shop[0], "Olga", PINS["owner"])


def test_changes_to_members_and_settings_are_in_the_audit_trail(shop):
    ctx, card = shop
    owner = as_role(ctx, "owner")
    update_member(as_role(ctx, "cashier"), 1, MemberEdit(name="Ana", phone="600 111 222", marketing_consent=True))
    change_settings(owner, {"earn_rate": "2"})
    trail = {(r.staff_id, r.action, r.target): r.detail for r in audit_records(owner)}
    assert '"marketing_consent": [false, true]' in trail[("Carla", "member.edit", "member 1")]
    assert trail[("Olga", "settings.change", "earn_rate")] == '{"before": "1", "after": "2"}'
    assert staff_by_name(ctx, "carla").name == "Carla", "names are matched without regard to case"


# The command line: the same table, through --staff and the PIN in $LOYALTY_PIN.
CLI = {
    "enrol": ["member", "add", "--name", "Nuevo"],
    "sale": ["sale", "{card}", "10"],
    "redeem": ["redeem", "{card}", "--points", "10"],
    "refund": ["refund", "{card}", "5", "--ref", "R1"],
    "void": ["reverse", "1"],
    "adjust": ["adjust", "{card}", "10", "--reason", "fix"],
    "adjust_over_limit": ["adjust", "{card}", "5000", "--reason", "old balance"],
    "compensate": ["bonus", "{card}", "10", "--reason", "late order"],
    "compensate_over_limit": ["bonus", "{card}", "5000", "--reason", "broken appliance"],
    "block_card": ["member", "block", "{card}", "--reason", "lost"],
    "reissue_card": ["member", "reissue", "{card}"],
    "settings": ["settings", "set", "shop_name", "Otra"],
    "tiers": ["tier", "set", "gold", "--multiplier", "2"],
    "rewards": ["reward", "add", "Taza", "300"],
    "campaigns": ["campaign", "add", "Doble", "--multiplier", "2", "--from", "2026-04-01", "--to", "2026-04-30"],
    "staff": ["staff", "add", "Nueva", "--role", "cashier", "--new-pin", "4444"],
    "export": ["export", "--json-file", "{tmp}/all.json"],
    "import": ["import", "members", "{tmp}/socios.csv"],
    "reports": ["report", "--month", "2026-02"],
    "audit": ["audit"],
    "restore": ["restore", "{backup}"],
    "erase": ["member", "erase", "{card}", "--reason", "asked"],
    "merge_members": ["member", "merge", "{card}", "{other}"],
    "followups": ["followups", "add", "{card}", "--reason", "Call", "--due", "2026-03-12"],
    "complaints": ["complaint", "open", "{card}", "--category", "service", "--description", "Slow till"],
    "survey": ["survey", "answer", "{card}", "--answer", "1=9"],
    "survey_setup": ["survey", "set", "{tmp}/questions.json"],
}
# No command of their own: editing a member (the window's member record) and undoing one's own
# last action at the counter (the window's Ctrl+Z); both are in the domain matrix above.
WINDOW_ONLY = {"edit_member", "undo_own"}


def test_every_action_with_a_command_is_in_the_command_line_matrix():
    assert set(CLI) | WINDOW_ONLY == set(LEAST_ROLE)


@pytest.mark.parametrize("action", sorted(CLI))
@pytest.mark.parametrize("role", ROLES)
def test_the_command_line_obeys_the_same_table(shop, role, action, monkeypatch, capsys, tmp_path):
    ctx, card = shop
    monkeypatch.setenv("LOYALTY_PIN", PINS[role])
    path = ctx.db.execute("PRAGMA database_list").fetchone()[2]
    backup = str(next((tmp_path / "backups").glob("*.sqlite")))
    command = ["--db", path, "--staff", NAMES[role],
               *[part.format(card=card, tmp=tmp_path, backup=backup, other=_second_card(ctx)) for part in CLI[action]]]
    status = main(command)
    error = capsys.readouterr().err
    if allowed(role, action):
        assert status == 0, error
    else:   # over the limit, a cashier is refused the adjustment itself
        least = {LEAST_ROLE[action], LEAST_ROLE[action.removesuffix("_over_limit")]}
        assert status == 3 and any(f"needs a{'n' if role == 'owner' else ''} {role}" in error for role in least)


def test_the_command_line_refuses_protected_commands_without_signing_in(shop, capsys):
    ctx, card = shop
    path = ctx.db.execute("PRAGMA database_list").fetchone()[2]
    assert main(["--db", path, "sale", card, "10"]) == 3
    assert "sign in first" in capsys.readouterr().err


# Reading what the owner's screens show: the staff accounts (Settings → Staff, `staff list`) and the
# people the audit trail is filtered by are the owner's too, whoever asks and however.
READS = {"staff": lambda c: staff_accounts(c), "audit": lambda c: audit_people(c)}


@pytest.mark.parametrize("action", sorted(READS))
@pytest.mark.parametrize("role", ROLES)
def test_reading_the_staff_accounts_and_the_trails_people_follows_the_table(shop, role, action):
    ctx, _ = shop
    signed_in = as_role(ctx, role)
    if allowed(role, action):
        assert {"Olga", "Manu", "Carla"} <= {getattr(item, "name", item) for item in READS[action](signed_in)}
        return
    with pytest.raises(PermissionDeniedError, match="needs an owner"):
        READS[action](signed_in)


@pytest.mark.parametrize("role", ROLES)
def test_the_staff_list_on_the_command_line_is_the_owners(shop, role, monkeypatch, capsys):
    ctx, _ = shop
    monkeypatch.setenv("LOYALTY_PIN", PINS[role])
    path = ctx.db.execute("PRAGMA database_list").fetchone()[2]
    status = main(["--db", path, "--staff", NAMES[role], "staff", "list"])
    printed = capsys.readouterr()
    if role == "owner":
        assert status == 0 and "Carla" in printed.out
    else:
        assert status == 3 and "needs an owner" in printed.err and "Manu" not in printed.out
