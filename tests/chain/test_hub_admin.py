"""`loyalty hub ...`: the hub owner's commands against a real PostgreSQL. They open no local
shop; a mistake is one sentence naming the field, exit status 2, and nothing written."""

import json
import os
import stat
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from hub_helpers import admin_count

from loyalty.chain import hub_admin
from loyalty.chain.hub_schema import COUNTER_FUNCTIONS
from loyalty.chain.join_code import JoinCode, parse_join_code
from loyalty.cli import main
from loyalty.common.errors import ValidationError

NOW = datetime.now(timezone.utc)


@pytest.fixture(autouse=True)
def no_shop(tmp_path, monkeypatch):
    """Where a shop would be made: the hub's commands must leave it alone."""
    path = tmp_path / "never.sqlite"
    monkeypatch.setenv("LOYALTY_DB", str(path))
    monkeypatch.delenv("LOYALTY_HUB_DSN", raising=False)
    yield
    assert not path.exists(), "a hub command opened or made a local shop"


def hub_cli(capsys, *args):
    code = main(["--json", "hub", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err.strip()


def test_init_creates_the_hub_once_and_again_changes_nothing(capsys, hub_db):
    code, first, _ = hub_cli(capsys, "init", hub_db.dsn)
    assert code == 0 and first["was"] == 0 and first["schema_version"] == hub_admin.SCHEMA_VERSION
    code, again, _ = hub_cli(capsys, "init", hub_db.dsn)
    assert code == 0 and again["was"] == hub_admin.SCHEMA_VERSION and again["chain_id"] == first["chain_id"]
    assert main(["hub", "init", hub_db.dsn]) == 0
    assert f"chain id {first['chain_id']}" in capsys.readouterr().out


def test_a_hub_newer_than_the_app_is_refused_in_one_sentence(capsys, hub):
    with psycopg.connect(hub.dsn) as admin:
        admin.execute("UPDATE hub.hub_meta SET schema_version = 99")
    for args in (["init", hub.dsn], ["status", "--dsn", hub.dsn], ["add-store", "B1", "Bilbao", "--dsn", hub.dsn]):
        code, out, err = hub_cli(capsys, *args)
        assert (code, out) == (2, None)
        assert err == ("error: hub: its schema is version 99, newer than this app knows "
                       f"({hub_admin.SCHEMA_VERSION}): upgrade the app first")
    assert admin_count(hub.dsn, "stores") == 1


def test_commands_on_a_database_that_is_no_hub_say_to_run_init(capsys, hub_db):
    code, _, err = hub_cli(capsys, "status", "--dsn", hub_db.dsn)
    assert code == 2 and "run loyalty hub init first" in err


def test_stores_counters_and_status(capsys, hub, tmp_path):
    assert hub_cli(capsys, "add-store", "B1", "Bilbao Centro", "--dsn", hub.dsn)[0] == 0
    code_file = tmp_path / "till.code"
    code, added, _ = hub_cli(capsys, "add-counter", "b1", "Till 1", "--dsn", hub.dsn, "--file", str(code_file),
                             "--device-id", "0b5c9a4e-7f55-4d4e-9a56-1f4f4e1a2b3c")
    assert code == 0 and added["store"] == "B1" and added["device_id"] == "0b5c9a4e-7f55-4d4e-9a56-1f4f4e1a2b3c"
    assert stat.S_IMODE(os.stat(code_file).st_mode) == 0o600
    assert code_file.read_text().strip() == added["join_code"]
    joined = parse_join_code(str(code_file), NOW, chain_id=hub.chain_id)
    assert (joined.chain_id, joined.store, joined.sslmode) == (hub.chain_id, "B1", "disable")
    with psycopg.connect(joined.conninfo()) as conn:       # the counter's own role, with the code's password
        assert conn.execute("SELECT count(*) FROM hub.hub_pull(0, 10)").fetchone() == (0,)
    code, status, _ = hub_cli(capsys, "status", "--dsn", hub.dsn)
    assert code == 0 and status["chain_id"] == hub.chain_id and status["stores"] == 2
    [device] = status["devices"]
    assert (device["name"], device["store"], device["last_seq"], device["quarantined"]) == ("Till 1", "B1", 0, 0)
    assert device["last_contact"] is not None and device["revoked_at"] is None
    assert main(["hub", "status", "--dsn", hub.dsn, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["devices"][0]["name"] == "Till 1"
    assert main(["hub", "status", "--dsn", hub.dsn]) == 0
    assert "Till 1" in capsys.readouterr().out
    code, revoked, _ = hub_cli(capsys, "revoke", "till 1", "--dsn", hub.dsn)
    assert code == 0 and revoked["name"] == "Till 1"
    assert hub_cli(capsys, "status", "--dsn", hub.dsn)[1]["devices"][0]["revoked_at"]
    code, shown, _ = hub_cli(capsys, "check-code", str(code_file), "--chain-id", hub.chain_id)
    assert code == 0 and shown["password"] == "(hidden)" and shown["store"] == "B1"
    code, renamed, _ = hub_cli(capsys, "rename-store", "b1", "Bilbao Casco Viejo", "--dsn", hub.dsn)
    assert code == 0 and renamed == {"code": "B1", "name": "Bilbao Casco Viejo"}


@pytest.mark.parametrize(("args", "message"), [
    (["add-store", "M1", "Madrid again"], "error: code: the store M1 is already on the hub"),
    (["add-store", "M-1", "Madrid"], "error: code: 'M-1' must be 1 to 16 letters or digits"),
    (["add-counter", "Z9", "Till 9"], "error: store: no store Z9 on the hub (add it with loyalty hub add-store)"),
    (["add-counter", "M1", "till 1"], "error: name: a counter called till 1 is already on the hub (revoke it first "
                                      "to give the name to a reinstalled till)"),
    (["add-counter", "M1", "Till 2", "--device-id", "nope"], "error: device id: 'nope' is not a UUID"),
    (["add-counter", "M1", "Till 2", "--file", "/no/such/folder/code"],
     "error: file: the folder '/no/such/folder' does not exist"),
    (["revoke", "Till 7"], "error: name: no counter called Till 7 on the hub"),
    (["rename-store", "Z9", "Zaragoza"], "error: store: no store Z9 on the hub (add it with loyalty hub add-store)"),
    (["rename-store", "M1", " "], "error: name: 1 to 80 characters"),
])
def test_bad_input_is_one_sentence_exit_2_and_nothing_written(capsys, hub, args, message):
    hub.counter("Till 1")
    roles_before = _counter_roles(hub.dsn)
    code, out, err = hub_cli(capsys, *args, "--dsn", hub.dsn)
    assert (code, out, err) == (2, None, message)
    assert (admin_count(hub.dsn, "stores"), admin_count(hub.dsn, "devices")) == (1, 1)
    assert _counter_roles(hub.dsn) == roles_before


def test_the_same_device_id_cannot_join_twice(capsys, hub):
    till = hub.counter("Till 1")
    code, _, err = hub_cli(capsys, "add-counter", "M1", "Till 2", "--device-id", till.code.device_id, "--dsn", hub.dsn)
    assert code == 2 and err.startswith(f"error: device id: {till.code.device_id} is already registered")


def _counter_roles(dsn):
    with psycopg.connect(dsn) as conn:
        return {r for (r,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'loyalty_counter_%'")}


def test_unreachable_hub_wrong_password_and_a_bad_dsn_name_the_dsn(capsys, hub_server, hub_db):
    wrong = hub_server.dsn(hub_db.name, password="not-the-password")
    for dsn, reason in ((wrong, "password authentication failed"),
                        ("host=127.0.0.1 port=1 dbname=x user=y connect_timeout=2", "cannot connect to the hub"),
                        ("this is = not a dsn", "dsn: ")):
        code, out, err = hub_cli(capsys, "init", dsn)
        assert (code, out) == (2, None) and err.startswith("error: dsn: ") and reason in err, err
        assert "\n" not in err and "Traceback" not in err
    code, _, err = hub_cli(capsys, "status")
    assert code == 2 and err == "error: dsn: give the hub's connection string (--dsn or $LOYALTY_HUB_DSN)"
    with psycopg.connect(hub_db.dsn) as conn:
        assert conn.execute("SELECT to_regclass('hub.hub_meta')").fetchone() == (None,)


def test_the_dsn_can_come_from_the_environment(capsys, hub, monkeypatch):
    monkeypatch.setenv("LOYALTY_HUB_DSN", hub.dsn)
    assert hub_cli(capsys, "status")[1]["chain_id"] == hub.chain_id


# -- join codes -------------------------------------------------------------------------------

def a_code(**changes) -> JoinCode:
    fields = dict(chain_id="5f0c2a1e-9a4b-4c1d-8e2f-3a4b5c6d7e8f", host="hub.example", port=5432, dbname="hub",
                  user="loyalty_counter_x", password="secret", device_id="0b5c9a4e-7f55-4d4e-9a56-1f4f4e1a2b3c",
                  store="M1", sslmode="require", expires_at=(NOW + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return JoinCode(**{**fields, **changes})


def test_a_join_code_reads_back():
    code = a_code()
    assert parse_join_code(code.text(), NOW) == code
    assert parse_join_code("  " + code.text() + "\n", NOW, chain_id=code.chain_id) == code
    pinned = a_code(sslmode="verify-ca", cert_sha256="ab" * 32)         # a hub kept on a shop's PC
    assert parse_join_code(pinned.text(), NOW) == pinned


@pytest.mark.parametrize(("text", "message"), [
    ("hello", "join code: not a join code (it starts with lhj1.)"),
    ("lhj1.%%%", "join code: damaged (copy it again, whole)"),
    ("lhj1." + a_code().text()[5:40], "join code: damaged (copy it again, whole)"),
    (a_code(port=0).text(), "join code: port is missing or wrong"),
    (a_code(sslmode="sometimes").text(), "join code: sslmode is missing or wrong"),
    (a_code(device_id="x").text(), "join code: device_id is missing or wrong"),
    (a_code(password="").text(), "join code: password is missing or wrong"),
    (a_code(cert_sha256="AB:CD").text(), "join code: cert_sha256 is missing or wrong"),
    (a_code(expires_at="2020-01-01T00:00:00Z").text(),
     "join code: expired on 2020-01-01 00:00 UTC; ask the hub's owner for a new one"),
    (a_code().text(), "join code: it is for the chain 5f0c2a1e-9a4b-4c1d-8e2f-3a4b5c6d7e8f, but this counter "
                      "belongs to the chain 11111111-1111-1111-1111-111111111111"),
])
def test_a_bad_join_code_is_refused_naming_the_field(capsys, text, message):
    with pytest.raises(ValidationError) as refused:
        parse_join_code(text, NOW, chain_id="11111111-1111-1111-1111-111111111111")
    assert str(refused.value) == message and refused.value.field == "join_code"
    code, out, err = hub_cli(capsys, "check-code", text, "--chain-id", "11111111-1111-1111-1111-111111111111")
    assert (code, out, err) == (2, None, f"error: {message}")


def test_hub_functions_are_owned_by_the_hub_owner_with_a_pinned_search_path(hub):
    names = sorted({function.split("(")[0].removeprefix("hub.") for function in COUNTER_FUNCTIONS})
    with psycopg.connect(hub.dsn) as conn:
        rows = conn.execute("SELECT p.proname, p.prosecdef, p.proconfig, pg_get_userbyid(p.proowner) FROM pg_proc p "
                            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'hub' "
                            "AND p.proname = ANY(%s)", [names]).fetchall()
    assert sorted({name for name, *_ in rows}) == names      # two forms: hub_my_state (steps 9, 11), hub_ingest (1, 16)
    assert all(definer and "search_path=pg_catalog, pg_temp" in config and owner == "postgres"
               for _, definer, config, owner in rows)
    assert hub_admin.SCHEMA_VERSION == 18


def test_a_reinstalled_till_comes_back_under_its_old_name(ctx, enrol, hub, tmp_path, clock):
    """Its old counter revoked (its entries stay, under a name saying when it left), a new code
    under the same name; the new install joins as a new counter and takes in what the old one
    had sent."""
    from loyalty.chain.link import join
    from loyalty.chain.rounds import sync_once
    from loyalty.ledger.sales import post_sale
    from loyalty.programme.shop import open_shop

    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id).text())
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 4_590, "T-1")
    assert sync_once(ctx).problem is None
    hub_admin.revoke_counter(hub.dsn, "Till 1")                 # the disk died
    code = hub_admin.add_counter(hub.dsn, "M1", "till 1")
    names = sorted(device["name"] for device in hub_admin.hub_status(hub.dsn)["devices"])
    assert names[1] == "till 1" and names[0].startswith("Till 1 (revoked ")
    again = open_shop(tmp_path / "reinstalled.sqlite", clock=clock, staff_id="setup")
    join(again, code.text())
    assert sync_once(again).problem is None
    assert again.db.execute("SELECT receipt_ref FROM entries WHERE kind = 'earn'").fetchall() == [("T-1",)]
