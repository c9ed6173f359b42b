"""Bad input over the CLI, generated: whatever a person or a script types, the answer is
exit 0 or a one-line error with exit 2 — never a traceback — and a refused command writes
nothing."""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.cli import main

NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["12x", "-5", "1e3", "0", "0,00", "99999999999", "1.234,567", "١٢٣", "12.5.3", " ", "NaN",
                     "'; DROP TABLE members; --", "0\r", "12\t50", "\u202eمرحبا", "😀" * 10, "a" * 1000, "31/02/2026", "\x00", ""]),
)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite")
    assert main(["--db", db, "member", "add", "--name", "Ana"]) == 0
    card = sqlite3.connect(db).execute("SELECT card FROM members").fetchone()[0]
    return db, card


def snapshot(db: str) -> tuple:
    connection = sqlite3.connect(db)
    try:
        return tuple(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                     for table in ("members", "entries", "lots", "rewards", "campaigns"))
    finally:
        connection.close()


def run(capsys, db: str, *args: str) -> tuple[int, str]:
    code = main(["--db", db, *args])
    _, err = capsys.readouterr()
    return code, err


COMMANDS = [
    lambda card, text: ["sale", card, text],
    lambda card, text: ["sale", text, "12,50"],
    lambda card, text: ["redeem", card, "--points", text],
    lambda card, text: ["refund", card, text, "--ref", "T-1"],
    lambda card, text: ["member", "add", "--name", text],
    lambda card, text: ["member", "add", "--name", "Luis", "--birthday", text],
    lambda card, text: ["member", "add", "--name", "Luis", "--phone", text, "--email", text],
    lambda card, text: ["reward", "add", text, text],
    lambda card, text: ["campaign", "add", text, text, "2026-03-01", text],
    lambda card, text: ["report", "--month", text],
    lambda card, text: ["settings", "set", "earn_rate", text],
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(range(len(COMMANDS))), text=NASTY)
def test_any_text_gets_an_answer_not_a_traceback(shop, capsys, command, text):
    db, card = shop
    args = COMMANDS[command](card, text)
    if "\x00" in "".join(args):
        return   # the operating system cannot pass NUL in a command line
    before = snapshot(db)
    code, err = run(capsys, db, *args)
    assert "Traceback" not in err and "internal error" not in err
    if code != 0:
        assert code == 2, err
        assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
        assert snapshot(db) == before, f"refused, yet something was written: {args}"
