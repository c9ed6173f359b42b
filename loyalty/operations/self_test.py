"""`main.py --self-test`: is this installation whole? A new shop in a temporary folder
(never the user's database), a member enrolled, a sale posted, the ledger verified, a card
and a receipt rendered to PDF; then the window's checks, which the caller passes in
(ui/shell/self_test.py: this package never imports Qt). One line per check, "ok: ..." or
"FAILED: ..."; exit status 0 when every check passed, else 1.

Meant for the built bundle above all: a module or data file the packager left out shows up
here as a named failure instead of at a shop's counter."""

import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..common.app_info import under_wine
from ..ledger.enrolment import enrol_member
from ..ledger.sales import SaleResult, post_sale
from ..people.members import Member, NewMember
from ..printing.card import card_content, cards_pdf
from ..printing.receipt import receipt_for_entry
from ..printing.receipt_pdf import receipt_pdf
from ..programme.context import Context
from ..programme.shop import open_shop
from ..storage import SCHEMA_VERSION
from .verify import verify

SALE_CENTS = 2495
SALE_REF = "SELFTEST-1"
# What the window's part looks like: given the report, the open shop and the temp folder.
QtChecks = Callable[["SelfTest", Context, Path], None]


class SelfTest:
    """Runs named checks in order and prints one line for each."""

    def __init__(self, out: TextIO | None = None, errors: TextIO | None = None):
        self.out = out or sys.stdout
        self.errors = errors or sys.stderr
        self.passed = 0
        self.failed: list[str] = []
        self.not_run_here: list[str] = []
        self.started = time.perf_counter()

    def check(self, name: str, step: Callable[[], tuple[Any, str]]) -> Any:
        """`step` returns (its result, the detail for the ok-line); an exception fails the check."""
        try:
            result, detail = step()
        except BaseException as error:   # a missing module or library raises anything: report it all
            if isinstance(error, KeyboardInterrupt):
                raise
            self.fail(name, f"{type(error).__name__}: {error}")
            traceback.print_exc(file=self.errors)
            return None
        self.passed += 1
        self._print(f"ok: {name}: {detail}")
        return result

    def fail(self, name: str, why: str) -> None:
        self.failed.append(name)
        self._print(f"FAILED: {name}: {why}")

    def skip(self, name: str, why: str) -> None:
        self.fail(name, f"not run ({why})")

    def not_here(self, name: str, why: str) -> None:
        """A check this kind of machine cannot make (only Wine, for now): said, not passed."""
        self.not_run_here.append(name)
        self._print(f"not run here: {name}: {why}")

    def finish(self) -> int:
        seconds = time.perf_counter() - self.started
        if self.failed:
            self._print(f"self-test FAILED: {len(self.failed)} of {self.passed + len(self.failed)} checks "
                        f"({', '.join(self.failed)})")
            return 1
        unchecked = f" ({len(self.not_run_here)} not run here: {', '.join(self.not_run_here)})" if self.not_run_here else ""
        self._print(f"self-test passed: {self.passed} checks in {seconds:.1f} s{unchecked}")
        return 0

    def _print(self, line: str) -> None:
        if self.out is not None:   # a windowed Windows build has no stdout; the exit status still tells
            print(line, file=self.out, flush=True)


def run_self_test(qt_checks: Callable[[], QtChecks] | None = None, out: TextIO | None = None) -> int:
    """`qt_checks` imports and returns the window's checks; its import failing (Qt's system
    libraries missing) is itself a failed check, after the domain's have run."""
    report = SelfTest(out)
    with tempfile.TemporaryDirectory(prefix="loyalty-self-test-") as name:
        folder = Path(name)
        ctx = domain_checks(report, folder)
        try:
            if qt_checks is not None and ctx is not None:
                checks = report.check("Qt libraries", lambda: (qt_checks(), "PySide6 imported"))
                if checks is not None:
                    checks(report, ctx, folder)
        finally:
            if ctx is not None:
                ctx.db.close()   # before the folder goes (Windows will not delete an open file)
    return report.finish()


def domain_checks(report: SelfTest, folder: Path) -> Context | None:
    ctx = report.check("database", lambda: _open_shop(folder))
    if ctx is None:
        for name in ("enrolment", "sale", "ledger", "member card PDF", "receipt PDF"):
            report.skip(name, "no database")
        return None
    member = report.check("enrolment", lambda: _enrol(ctx))
    sale = report.check("sale", lambda: _sell(ctx, member)) if member else report.skip("sale", "no member")
    report.check("ledger", lambda: _verify(ctx))
    if member:
        report.check("member card PDF", lambda: _card_pdf(ctx, member, folder))
    else:
        report.skip("member card PDF", "no member")
    if sale:
        report.check("receipt PDF", lambda: _receipt_pdf(ctx, sale, folder))
    else:
        report.skip("receipt PDF", "no sale")
    report.check("hub TLS", _hub_tls)
    report.check("second process", lambda: _second_process(folder))
    if under_wine():
        report.not_here("hub server", "under Wine, whose ntdll lacks NtFlushBuffersFileEx, which PostgreSQL 16 and "
                                      "later need on Windows; a real Windows runs this check")
    else:
        report.check("hub server", _hub_server)
    return ctx


def _hub_server() -> tuple[None, str]:
    """The PostgreSQL a shop's PC can keep the hub with (chain/hosting.py) is installed whole: it
    makes a cluster (initdb needs the server's own modules, not only its programs)."""
    from ..chain import pg_server
    version = pg_server.version()
    folder = Path(tempfile.mkdtemp(prefix="loyalty-self-test-hub-"))
    try:
        pg_server.prepare_folder(folder)
        pg_server.initdb(folder, "self-test")
    except subprocess.CalledProcessError as error:
        raise AssertionError(f"initdb failed: {(error.stderr or error.stdout or '').strip()[-300:]}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return None, f"{version}; initdb made a cluster"


def _second_process(folder: Path) -> tuple[None, str]:
    """A new counter's first download works on two cores (chain/second_process.py): the process
    starts in this installation and does its work."""
    from ..chain.second_process import seals_one_entry
    return None, f"started and sealed an entry in {seals_one_entry(folder):.1f} s"


def _hub_tls() -> tuple[None, str]:
    """The kept hub's TLS front (chain/tls_front.py) can make its certificate (the cryptography
    package is in the bundle, with what it loads) and load it."""
    from ..chain import tls_front
    folder = Path(tempfile.mkdtemp(prefix="loyalty-self-test-tls-"))
    try:
        fingerprint = tls_front.make_certificate(folder, ["127.0.0.1"])
        tls_front.Front(folder, "127.0.0.1", 0, 0)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return None, f"a certificate made and loaded (SHA-256 {fingerprint[:16]}...)"


def _open_shop(folder: Path) -> tuple[Context, str]:
    path = folder / "self-test.sqlite"
    ctx = open_shop(path, staff_id="self-test")
    version = ctx.db.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        raise AssertionError(f"schema version {version}, expected {SCHEMA_VERSION}")
    return ctx, f"new shop at {path} (schema {version}, {ctx.programme().shop_name})"


def _enrol(ctx: Context) -> tuple[Member, str]:
    member = enrol_member(ctx, NewMember(name="Prueba Autodiagnóstico", phone="600 000 000"))
    return member, f"member {member.id}, card {member.card}, tier {member.tier_code}"


def _sell(ctx: Context, member: Member) -> tuple[SaleResult, str]:
    sale = post_sale(ctx, member.card, SALE_CENTS, receipt_ref=SALE_REF)
    stored = ctx.db.execute("SELECT points, amount_cents FROM entries WHERE id = ?", [sale.entry.id]).fetchone()
    if stored is None or tuple(stored) != (sale.entry.points, SALE_CENTS):
        raise AssertionError(f"entry {sale.entry.id} reads back as {stored}")
    if sale.earning.total <= 0 or sale.balance < sale.earning.total:
        raise AssertionError(f"earned {sale.earning.total} points, balance {sale.balance}")
    again = post_sale(ctx, member.card, SALE_CENTS, receipt_ref=SALE_REF)
    if not again.already_recorded:
        raise AssertionError("the same receipt was recorded twice")
    return sale, (f"{SALE_CENTS} minor units on receipt {SALE_REF}: +{sale.earning.total} points, "
                  f"balance {sale.balance}; posting it again changed nothing")


def _verify(ctx: Context) -> tuple[None, str]:
    problems = verify(ctx)
    if problems:
        raise AssertionError("; ".join(problems))
    return None, "verify found no problems"


def _card_pdf(ctx: Context, member: Member, folder: Path) -> tuple[Path, str]:
    path = cards_pdf([card_content(ctx, member)], folder / "card.pdf")
    return path, _pdf_detail(path)


def _receipt_pdf(ctx: Context, sale: SaleResult, folder: Path) -> tuple[Path, str]:
    path = receipt_pdf(receipt_for_entry(ctx, sale.entry.id), folder / "receipt.pdf")
    return path, _pdf_detail(path)


def _pdf_detail(path: Path) -> str:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise AssertionError(f"{path.name} is not a complete PDF ({len(data)} bytes)")
    return f"{path.name}, {len(data):,} bytes"
