"""Importing sales history from a spreadsheet or an older system, in two steps like the
members import: `plan` checks every row (whose member, when, how much, which receipt)
and writes nothing; `apply` posts the accepted rows in time order, in one transaction,
through the counter's own sale rules — with their points, or (by choice) without."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..common.errors import LoyaltyError, ValidationError
from ..common.messages import t, translated
from ..common.text import digits_only
from ..ledger.sales import validate_receipt_ref
from ..ledger.sales_history import HistoricSale, post_sales_history
from ..people.cards import normalize_card_text
from ..people.members import member_by_card
from ..programme.context import Context
from ..programme.money import amount_rules, read_amount
from ..programme.permissions import require
from ..storage import write_transaction
from ..storage.bulk import rows_where_in
from .import_table import RowProblem, problem_reason, read_table

SYNONYMS = {
    "card": ("tarjeta", "numero de tarjeta", "card number", "n tarjeta"),
    "external_id": ("codigo", "codigo cliente", "id cliente", "customer id", "client id", "external id",
                    "numero de cliente"),
    "phone": ("telefono", "movil", "tel", "mobile"),
    "when": ("fecha", "fecha y hora", "fecha hora", "date", "datetime", "date time", "hora", "time"),
    "amount": ("importe", "total", "venta", "amount", "sale", "importe total"),
    "ref": ("ticket", "n ticket", "numero de ticket", "recibo", "receipt", "receipt ref", "referencia", "factura"),
}
MOMENT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$|"
                    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


@dataclass(frozen=True)
class ImportedSale:
    line: int
    card: str
    moment: datetime
    amount_cents: int
    ref: str


@dataclass
class SalesPlan:
    rows: list[ImportedSale] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def plan(ctx: Context, path: str | Path) -> SalesPlan:
    require(ctx, "import")
    table = read_table(path, SYNONYMS, required=("when", "amount"))
    if not {"card", "external_id", "phone"} & set(table.columns):
        raise ValidationError(t("file: no column that says whose sale it is (card, customer id or phone)"), "file")
    programme = ctx.programme()
    tz = ZoneInfo(programme.timezone)
    rules = amount_rules(programme)   # the file's amounts are read as the shop writes them
    now = ctx.clock.now()
    result = SalesPlan()
    seen: dict[tuple[str, str], int] = {}
    whose = _Whose(ctx, [cells for _, cells in table.rows])
    for line, cells in table.rows:
        header = lambda name: table.columns.get(name, name)  # noqa: E731
        try:
            card = whose(cells)
            moment = _moment(cells.get("when", ""), tz)
            if moment > now:
                raise ValidationError(t("when: {when} is in the future", when=cells['when']), "when")
            amount = read_amount(cells.get("amount", ""), rules)
            ref = validate_receipt_ref(cells.get("ref")) or f"IMP-{moment:%Y%m%d%H%M%S}-{line}"
        except ValidationError as error:
            result.problems.append(RowProblem(line, header(error.field or "row"), problem_reason(error)))
            continue
        except LoyaltyError as error:   # an unknown, blocked or replaced card
            result.problems.append(RowProblem(line, header("card"), problem_reason(error)))
            continue
        if (card, ref) in seen:
            result.problems.append(RowProblem(line, header("ref"), translated(
                t("receipt {ref} of this member is also on line {line}", ref=ref, line=seen[(card, ref)]))))
            continue
        seen[(card, ref)] = line
        result.rows.append(ImportedSale(line, card, moment, amount, ref))
    return result


def apply(ctx: Context, planned: SalesPlan, award_points: bool = True,
          progress=lambda done, total: None) -> tuple[int, int]:
    """Post the sales oldest first (tiers and expiry follow history as it happened), in one
    transaction. Returns (posted, already recorded) — a sale already on file is not doubled."""
    sales = [HistoricSale(row.card, row.moment, row.amount_cents, row.ref)
             for row in sorted(planned.rows, key=lambda row: (row.moment, row.line))]
    with write_transaction(ctx.db), ctx.bulk_writing():
        require(ctx, "import")
        return post_sales_history(ctx, sales, award_points, progress)


class _Whose:
    """Whose sale a row is: the member's current card, found by card number, customer id or
    phone (in that order). Cards and customer ids are looked up for all rows at once, before the
    rows are checked (a query per row was a third of checking a big file); anything not found
    so goes through the one-row lookup, which also says why a card cannot be used."""

    def __init__(self, ctx: Context, rows: list[dict[str, str]]):
        self.ctx = ctx
        numbers = {normalize_card_text(cells["card"]) for cells in rows if cells.get("card", "").strip()}
        self.by_card = {number: card for number, card in rows_where_in(
            ctx.db, "SELECT c.number, m.card FROM cards c JOIN members m ON m.id = c.member_id WHERE c.number IN ({}) "
            "AND c.status = 'active' AND m.status != 'erased'", sorted(numbers))}
        ids = {cells["external_id"].strip() for cells in rows if cells.get("external_id", "").strip()}
        # Lowest id last, so it wins, as the one-row query's first match would.
        self.by_external_id = dict(rows_where_in(
            ctx.db, "SELECT external_id, card FROM members WHERE external_id IN ({}) ORDER BY id DESC", sorted(ids)))

    def __call__(self, cells: dict[str, str]) -> str:
        if cells.get("card", "").strip():
            return self.by_card.get(normalize_card_text(cells["card"])) or member_by_card(
                self.ctx, cells["card"], allow_blocked=True).card
        if cells.get("external_id", "").strip():
            card = self.by_external_id.get(cells["external_id"].strip())
            if card is None:
                raise ValidationError(t("external_id: no member with customer id '{external_id}'",
                                        external_id=cells['external_id']), "external_id")
            return card
        digits = digits_only(cells.get("phone", ""))
        if not digits:
            raise ValidationError(t("card: whose sale? no card, customer id or phone on this row"), "card")
        rows = self.ctx.db.execute("SELECT card FROM members WHERE phone_digits = ? AND status != 'erased' LIMIT 2",
                                   [digits]).fetchall()
        if len(rows) != 1:
            raise ValidationError(t("phone: {phone} matches no member", phone=cells['phone']) if not rows
                                  else t("phone: {phone} matches several members", phone=cells['phone']), "phone")
        return rows[0][0]


def _moment(text: str, tz: ZoneInfo) -> datetime:
    match = MOMENT.match(text.strip())
    if not match:
        raise ValidationError(t("when: '{text}' is not a date and time (23/04/2024 18:30 or 2024-04-23 18:30)",
                                text=text),
                              "when")
    groups = match.groups()
    day, month, year, hour, minute, second = groups[:6] if groups[0] else (groups[8], groups[7], groups[6],
                                                                             *groups[9:12])
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 12), int(minute or 0), int(second or 0),
                          tzinfo=tz)
    except ValueError:
        raise ValidationError(t("when: {text} does not exist in the calendar", text=text), "when") from None
    if moment.year < 1990:
        raise ValidationError(t("when: {text} is too long ago", text=text), "when")
    return moment
