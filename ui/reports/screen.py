"""Reports: pick a month (and, in a chain, one store or the whole chain), see the KPIs beside
the previous month, the charts (QtCharts) and the tables — the chain's with each store's line
beside its totals; export PDF, CSV or XLSX. The report is computed on a worker thread with
its own database connection, with a busy indicator, so the window never stalls."""

import math
from fractions import Fraction
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QValueAxis
from PySide6.QtCore import QDate, QLocale, QObject, QThread, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QProgressBar, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from loyalty.common.clock import local_date
from loyalty.common.messages import translated
from loyalty.common.period import month_period
from loyalty.programme.context import Context
from loyalty.programme.rules import load_tiers
from loyalty.reports.cache import report as period_report
from loyalty.reports.export import write_csv, write_xlsx
from loyalty.reports.fraud import fraud_flags
from loyalty.reports.metrics import Report
from loyalty.reports.report_pdf import write_pdf
from loyalty.reports.scope import chain_stores
from loyalty.reports.stores import store_figures

from ..members.history_model import entry_kind_words
from ..widgets import file_dialogs
from ..widgets.background import WorkerShop, sentence_for, start_worker
from ..widgets.feedback import StatusBanner
from ..widgets.formatting import moment_text, money_text, month_text, points_text
from .charts import bar_chart

TILES = ("member_sales", "active_members", "new_members", "transactions", "avg_ticket", "points_issued",
         "points_redeemed", "points_outstanding", "liability", "retention_rate", "repeat_purchase_rate", "churned")
MONEY = {"member_sales", "avg_ticket", "liability"}
RATES = {"retention_rate", "repeat_purchase_rate", "redemption_rate"}


class _ReportWorker(QObject):
    partial_ready = Signal(object)  # everything but the ABC classes, while the year's members are ranked
    report_ready = Signal(object)
    done = Signal(object)           # the fraud flags, looked for once the report is shown
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(self, shop: WorkerShop, month: str, store: str | None = None):
        super().__init__()
        self.shop, self.month, self.store = shop, month, store

    @Slot()
    def run(self) -> None:
        ctx = self.shop.open()
        try:
            report = period_report(ctx, month_period(self.month), progress=self.progress.emit,
                                   on_partial=self.partial_ready.emit, store=self.store)
            if self.store is None and chain_stores(ctx):       # the chain's: each store's line beside it
                report.stores = store_figures(ctx, report.period)
            self.report_ready.emit(report)
            self.done.emit(fraud_flags(ctx, month_period(self.month)))
        except Exception as error:  # shown on the banner
            self.failed.emit(sentence_for(error))
        finally:
            ctx.db.close()


class ReportsScreen(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: Report | None = None
        self.thread: QThread | None = None
        self.month = QDateEdit(displayFormat="MM/yyyy", calendarPopup=True)
        self.month.setAccessibleName(self.tr("Month"))
        self.store = QComboBox()      # a chain's: the whole chain or one store (hidden for a shop on its own)
        self.store.setAccessibleName(self.tr("Store"))
        self.store_label = QLabel(self.tr("Store"))
        self.activated()
        self.month.setStyleSheet("font-size: 14pt;")
        self.show_button = QPushButton(self.tr("Show report"))
        self.busy = QProgressBar(maximumWidth=200, textVisible=False)
        self.busy.hide()
        self.export_buttons = {kind: QPushButton(text) for kind, text in (
            ("pdf", self.tr("Export PDF…")), ("csv", self.tr("Export CSV…")), ("xlsx", self.tr("Export XLSX…")))}
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addWidget(self.store_label)
        top.addWidget(self.store)
        top.addWidget(self.show_button)
        top.addWidget(self.busy)
        top.addStretch()
        for kind, button in self.export_buttons.items():
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, k=kind: self.export(k))
            top.addWidget(button)

        self.tiles: dict[str, tuple[QLabel, QLabel]] = {}
        tiles = QGridLayout()
        names = self._names()
        for index, name in enumerate(TILES):
            frame = QFrame(frameShape=QFrame.Shape.StyledPanel)
            frame.setStyleSheet("QFrame { background: white; border-radius: 6px; }")
            title, value, change = QLabel(names[name]), QLabel("—"), QLabel("")
            for label in (title, change):    # a tile's words wrap rather than widen the page past the screen
                label.setWordWrap(True)
            title.setStyleSheet("font-size: 10pt; color: #555;")
            value.setStyleSheet("font-size: 17pt; font-weight: 700;")
            box = QVBoxLayout(frame)
            for label in (title, value, change):
                box.addWidget(label)
            self.tiles[name] = (value, change)
            tiles.addWidget(frame, index // 4, index % 4)
        self.sales_chart, self.points_chart, self.tier_chart = (QChartView() for _ in range(3))
        for view in (self.sales_chart, self.points_chart, self.tier_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
        self.top_table = QTableWidget(0, 3)
        self.top_table.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Sales"), self.tr("Visits")])
        self.abc_table = QTableWidget(0, 4)
        self.abc_table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Members"), self.tr("Sales"),
                                                  self.tr("Share")])
        self.stores_table = QTableWidget(0, 7)
        self.stores_table.setAccessibleName(self.tr("Stores"))
        self.stores_table.setHorizontalHeaderLabels([
            self.tr("Store"), self.tr("Sales"), self.tr("Transactions"), self.tr("Active members"),
            self.tr("New members"), self.tr("Points issued"), self.tr("Points redeemed")])
        self.stores_table.hide()
        for table in (self.top_table, self.abc_table, self.stores_table):
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()
            table.setMinimumHeight(220)
        self.banner = StatusBanner()
        self.banner.show_message("info", self.tr("Pick a month and press Show report."))

        # Two to a row: three side by side left the tier chart too narrow for its title and legend
        # on a 1024-pixel screen.
        content = QVBoxLayout()
        content.addLayout(tiles)
        content.addWidget(self.stores_table)
        charts = QGridLayout()
        charts.addWidget(self.sales_chart, 0, 0)
        charts.addWidget(self.points_chart, 0, 1)
        charts.addWidget(self.tier_chart, 1, 0)
        charts.addWidget(self.abc_table, 1, 1)
        charts.addWidget(self.top_table, 2, 0, 1, 2)
        content.addLayout(charts)
        self.flags = QTreeWidget()
        self.flags.setHeaderLabels([self.tr("Fraud flags: what and who"), self.tr("When"), self.tr("Points"),
                                    self.tr("Card"), self.tr("By")])
        self.flags.setAccessibleName(self.tr("Fraud flags"))
        self.flags.setMinimumHeight(180)
        self.flags.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        content.addWidget(self.flags)
        inner = QWidget()
        inner.setLayout(content)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.banner)
        self.show_button.clicked.connect(self.compute)
        # A month typed and Enter shows it, as the button does (the date box says Enter on its line).
        self.month.lineEdit().returnPressed.connect(self.compute)

    def activated(self) -> None:
        """Until a report is shown, offer the month just closed; in a chain, its stores as known
        here (a till learns of the others' as their entries come)."""
        chosen = self.store.currentData()
        self.store.clear()
        stores = chain_stores(self.ctx)
        self.store.addItem(self.tr("Whole chain"), None)
        for code in stores:
            self.store.addItem(code, code)
        self.store.setCurrentIndex(max(0, self.store.findData(chosen)) if chosen else 0)
        for widget in (self.store, self.store_label):
            widget.setVisible(bool(stores))
        if self.report is None:
            today = local_date(self.ctx.clock.now(), self.ctx.programme().timezone)
            self.month.setDate(QDate(today.year, today.month, 1).addMonths(-1))

    def forget(self) -> None:
        """Someone who may not see Reports signed in: no figure, chart, member or fraud flag stays
        in the widgets, and the month just closed is offered again."""
        self.report = None
        for value, change in self.tiles.values():
            value.setText("—")
            change.clear()
        for view in (self.sales_chart, self.points_chart, self.tier_chart):
            view.setChart(QChart())
        for table in (self.top_table, self.abc_table, self.stores_table):
            table.setRowCount(0)
        self.stores_table.hide()
        self.flags.clear()
        for button in self.export_buttons.values():
            button.setEnabled(False)
        self.banner.show_message("info", self.tr("Pick a month and press Show report."))
        self.activated()

    def shutdown(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(30_000)

    def _names(self) -> dict:
        return {"member_sales": self.tr("Member sales"), "active_members": self.tr("Active members"),
                "new_members": self.tr("New members"), "transactions": self.tr("Transactions"),
                "avg_ticket": self.tr("Average ticket"), "points_issued": self.tr("Points issued"),
                "points_redeemed": self.tr("Points redeemed"), "points_outstanding": self.tr("Points outstanding"),
                "liability": self.tr("Liability"), "retention_rate": self.tr("Retention"),
                "repeat_purchase_rate": self.tr("Repeat purchases"), "churned": self.tr("Churned")}

    def selected_month(self) -> str:
        return self.month.date().toString("yyyy-MM")

    def compute(self) -> None:
        if self.thread is not None:
            return
        for button in self.export_buttons.values():   # until this month's whole report is in
            button.setEnabled(False)
        self.busy.setRange(0, 0)
        self.busy.show()
        self.show_button.setEnabled(False)
        worker = _ReportWorker(WorkerShop(self.ctx), self.selected_month(), self.store.currentData())
        worker.partial_ready.connect(self._partly_shown)
        worker.report_ready.connect(self._shown)
        worker.done.connect(self._flags_found)
        worker.failed.connect(self._failed)
        self.thread = start_worker(self, worker, (worker.done, worker.failed), self._finished)

    @Slot()
    def _finished(self) -> None:
        self.thread = None
        self.busy.hide()
        self.show_button.setEnabled(True)

    @Slot(str)
    def _failed(self, problem: str) -> None:
        self.banner.show_message("error", problem)

    @Slot(object)
    def _partly_shown(self, report: Report) -> None:
        """The figures, charts and top members first; the ABC table says it is being ranked."""
        self._fill(report)
        _fill(self.abc_table, [(self.tr("Ranking…"), "", "", "")])
        self.banner.show_message("info", self.tr("Report for {month}: ranking the last twelve months' members for "
                                                 "the ABC classes…").format(month=month_text(report.period.label())))

    @Slot(object)
    def _shown(self, report: Report) -> None:
        self.report = report
        self._fill(report)
        for button in self.export_buttons.values():
            button.setEnabled(True)
        month = month_text(report.period.label())
        self.banner.show_message("success", self.tr("Report for {month} · store {store}").format(
            month=month, store=report.store) if report.store else self.tr("Report for {month}").format(month=month))

    def _fill(self, report: Report) -> None:
        for name, (value, change) in self.tiles.items():
            now, before = report.metrics[name], report.previous[name]
            if isinstance(now, dict):
                now, before = now["total"], before["total"]
            value.setText(self._text(name, now))
            difference = now - before
            arrow = "▲" if difference > 0 else "▼" if difference < 0 else "="
            colour = "#1d6b2c" if difference > 0 else "#a3261b" if difference < 0 else "#555"
            if name == "churned":
                colour = {"#1d6b2c": "#a3261b", "#a3261b": "#1d6b2c"}.get(colour, colour)
            change.setText(self.tr("{arrow} {change} vs previous").format(arrow=arrow,
                                                                          change=self._text(name, abs(difference))))
            change.setStyleSheet(f"font-size: 10pt; color: {colour};")
        self._charts(report)
        self._tables(report)

    @Slot(object)
    def _flags_found(self, flags: list) -> None:
        """Each flag with the entries behind it (docs/metrics.md, Fraud flags)."""
        words = {"own_card": self.tr("Points to their own card"), "sales_burst": self.tr("Many sales in a short time"),
                 "manual_credits": self.tr("Many points credited by hand"),
                 "quick_redemption": self.tr("Large earn redeemed at once"),
                 "tier_top_ups": self.tr("Small sales carrying members over a tier threshold"),
                 "spent_twice": self.tr("The same points spent at two tills")}
        self.flags.clear()
        timezone, kinds = self.ctx.programme().timezone, entry_kind_words()
        for flag in flags:
            item = QTreeWidgetItem([f"{words.get(flag.code, flag.code)} · {flag.about} · {translated(flag.detail)}"])
            for entry in flag.entries:
                item.addChild(QTreeWidgetItem([self.tr("entry {id} ({kind})").format(
                                                   id=entry["id"], kind=kinds.get(entry["kind"], entry["kind"])),
                                               moment_text(entry["created_at"], timezone), points_text(entry["points"]),
                                               entry["card"], entry["staff_id"]]))
            self.flags.addTopLevelItem(item)
        if not flags:
            self.flags.addTopLevelItem(QTreeWidgetItem([self.tr("No fraud flags this month.")]))

    def _text(self, name: str, value) -> str:
        programme = self.ctx.programme()
        if name in MONEY:
            return money_text(value, programme.currency_decimals, programme.currency)
        if name in RATES:   # shown only: the exact Fraction stays in the report
            return QLocale().toString(float(Fraction(value) * 100), "f", 1) + " %"
        return points_text(value)

    def _charts(self, report: Report) -> None:
        days = [day["day"][8:] for day in report.daily]
        decimals = self.ctx.programme().currency_decimals
        self.sales_chart.setChart(bar_chart(self.tr("Member sales per day"), days, [
            (self.tr("Sales"), [day["member_sales"] / 10**decimals for day in report.daily], "#1f4e8c")]))
        self.points_chart.setChart(bar_chart(self.tr("Points issued and redeemed per day"), days, [
            (self.tr("Issued"), [day["points_issued"] for day in report.daily], "#1f4e8c"),
            (self.tr("Redeemed"), [day["points_redeemed"] for day in report.daily], "#d9822b")]))
        self.tier_chart.setChart(self._tier_chart(report))

    def _tier_chart(self, report: Report) -> QChart:
        """One bar per tier in the tier's colour, its name and count on the axis beside it (a
        legend under the chart had them cut to 'Bro…'), whole members on the scale."""
        colours = {tier.code: tier.colour for tier in load_tiers(self.ctx.db)}
        rows = report.tier_distribution
        series = QHorizontalStackedBarSeries()   # stacked: each tier's set is zero on the other rows
        for index, row in enumerate(rows):
            bar = QBarSet(row["name"])
            bar.append([row["members"] if other == index else 0 for other in range(len(rows))])
            bar.setColor(QColor(colours.get(row["tier"], "#1f4e8c")))
            series.append(bar)
        chart = QChart()
        chart.setTitle(self.tr("Members per tier · {up} up, {down} down").format(**report.tier_moves))
        chart.addSeries(series)
        tiers = QBarCategoryAxis()
        tiers.append([f"{row['name']}: {points_text(row['members'])}" for row in rows])
        members = QValueAxis()
        most = max([row["members"] for row in rows], default=0)
        members.setRange(0, max(1, most))
        members.setTickType(QValueAxis.TickType.TicksDynamic)
        members.setTickAnchor(0)
        members.setTickInterval(max(1, math.ceil(most / 4)))
        members.setLabelFormat("%d")
        chart.addAxis(tiers, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(members, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(tiers)
        series.attachAxis(members)
        chart.legend().setVisible(False)
        return chart

    def _tables(self, report: Report) -> None:
        programme = self.ctx.programme()
        money = lambda v: money_text(v, programme.currency_decimals, programme.currency)  # noqa: E731
        rows = [(row["name"], money(row["member_sales"]), points_text(row["visits"])) for row in report.top_members]
        _fill(self.top_table, rows)
        _fill(self.abc_table, [(row["class"], points_text(row["members"]), money(row["member_sales"]),
                                self._text("retention_rate", row["share_of_sales"])) for row in report.abc])
        self._stores_table(report, money)

    def _stores_table(self, report: Report, money) -> None:
        """The chain's report: each store's line, then the chain's (a member who bought at two
        stores is active in each, and once in the chain)."""
        stores = report.stores
        self.stores_table.setVisible(bool(stores))
        if not stores:
            return
        columns = ("member_sales", "transactions", "active_members", "new_members", "points_issued",
                   "points_redeemed")
        chain = {name: report.metrics[name] for name in columns}
        chain["points_issued"] = chain["points_issued"]["total"]

        def cells(name: str, figures: dict) -> tuple:
            return (name, *(money(figures[column]) if column == "member_sales" else points_text(figures[column])
                            for column in columns))
        rows = [cells(row["store"] or self.tr("this shop"), row) for row in stores] + [
            cells(self.tr("Whole chain"), chain)]
        _fill(self.stores_table, rows)
        for column in range(self.stores_table.columnCount()):      # the chain's line reads as the total
            item = self.stores_table.item(len(rows) - 1, column)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.stores_table.resizeColumnsToContents()
        self.stores_table.setFixedHeight(self.stores_table.horizontalHeader().height()     # no empty rows below
                                         + sum(self.stores_table.rowHeight(row) for row in range(len(rows))) + 4)

    def export(self, kind: str) -> None:
        if self.report is None:
            return
        label = self.report.period.label()
        if kind == "csv":
            target = file_dialogs.folder(self, self.tr("Folder for the CSV files"))
        else:
            target = file_dialogs.file_to_save(self, self.tr("Export report"),
                                               self.tr("report-{month}.{kind}").format(
                                                   month=f"{label}-{self.report.store}" if self.report.store else label,
                                                   kind=kind),
                                               f"{kind.upper()} (*.{kind})")
        if target:
            self.export_to(kind, Path(target))

    def export_to(self, kind: str, target: Path) -> list[Path]:
        written = {"pdf": lambda: [write_pdf(self.ctx, self.report, target)],
                   "xlsx": lambda: [write_xlsx(self.report, target)],
                   "csv": lambda: write_csv(self.report, target)}[kind]()
        self.banner.show_message("success", self.tr("Exported: {files}").format(
            files=", ".join(path.name for path in written)))
        return written


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()

