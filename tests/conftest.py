import gc
import os
import tempfile
from datetime import datetime, timezone

# Before Qt is imported anywhere: the suite renders offscreen, with or without a display.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
# A hub kept on this PC writes a systemd user unit (chain/autostart.py): into the tests' folder.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="loyalty-tests-config-")

import pytest  # noqa: E402

from loyalty.common.clock import FixedClock  # noqa: E402
from loyalty.ledger.enrolment import enrol_member  # noqa: E402
from loyalty.people.members import NewMember
from loyalty.programme.rules import save_settings  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.storage import write_transaction  # noqa: E402
from ui.shell.main_thread_gc import collect_if_due  # noqa: E402

# As in the app (ui/shell/main_thread_gc.py): cycles are collected on the main thread only, after
# each test, never by a worker thread that happens to allocate (a segfault in CI came from that).
gc.disable()

START = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)  # a Tuesday


@pytest.fixture(autouse=True)
def garbage_collected_on_the_main_thread():
    yield
    collect_if_due()


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def ctx(tmp_path, clock):
    shop = open_shop(tmp_path / "shop.sqlite", clock=clock, staff_id="tester")
    yield shop
    shop.db.close()


@pytest.fixture
def enrol(ctx):
    def make(name="Ana García", **fields):
        return enrol_member(ctx, NewMember(name=name, **fields))

    return make


@pytest.fixture
def settings(ctx):
    def change(**values):
        with write_transaction(ctx.db):
            return save_settings(ctx.db, values)

    return change


def count(ctx, table: str) -> int:
    return ctx.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def window(qtbot, ctx):
    """The main window on the test shop, shown and focused; its threads stopped afterwards."""
    from ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


@pytest.fixture
def spanish(qapp):
    """The Spanish translators and locale for one test; English and the old locale afterwards."""
    from PySide6.QtCore import QLocale

    from ui.widgets.translations import install_translator, remove_translators

    before = QLocale()
    install_translator(qapp, "es", system=QLocale.c())
    yield
    remove_translators(qapp)
    QLocale.setDefault(before)


@pytest.fixture
def english(qapp):
    """The English translators (the plural forms: "1 point", "2 points") and locale for one test."""
    from PySide6.QtCore import QLocale

    from ui.widgets.translations import install_translator, remove_translators

    before = QLocale()
    install_translator(qapp, "en", system=QLocale.c())
    yield
    remove_translators(qapp)
    QLocale.setDefault(before)


# -- the hub's PostgreSQL (tests/chain/): one server for the session, a fresh database per test ----

@pytest.fixture(scope="session")
def hub_server():
    """A real PostgreSQL server (tests/postgres_server.py), started when a test first needs it;
    a server that cannot start fails those tests."""
    import postgres_server
    server = postgres_server.start()
    print(f"\nPostgreSQL started in {server.started_in:.2f} s on port {server.port}")
    yield server
    postgres_server.stop(server)


@pytest.fixture
def hub_db(hub_server):
    """A database of its own for one test (`.dsn` is the admin's); dropped afterwards with the
    roles the test created."""
    import postgres_server
    before = postgres_server.server_roles(hub_server)
    database = postgres_server.create_database(hub_server)
    yield database
    postgres_server.drop_database(database, before)


@pytest.fixture
def hub(hub_db):
    """An initialised hub with the store M1 (Madrid); `hub.counter(name)` adds a counter."""
    from hub_helpers import Hub

    from loyalty.chain import hub_admin
    done = hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Madrid")
    return Hub(hub_db.dsn, done["chain_id"])
