"""Retention → Referrals: members who came recommended, per month over the last twelve (and
how many of them have bought since), and the members who brought the most friends. Counted
on a worker thread: it reads every member who came recommended."""

from datetime import date

from PySide6.QtCore import QThread, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from loyalty.ledger.tiers import local_today
from loyalty.programme.context import Context
from loyalty.retention.referrals import referrals_per_month, top_referrers

from ..widgets.background import call_in_background, stop_thread
from ..widgets.feedback import StatusBanner
from ..widgets.formatting import month_text, points_text
from ..widgets.tables import fill_table, make_table

MONTHS = 12


def last_months(today: date, count: int = MONTHS) -> list[str]:
    """The `count` months ending with today's, newest first (YYYY-MM)."""
    index = today.year * 12 + today.month - 1
    return [f"{(index - n) // 12:04d}-{(index - n) % 12 + 1:02d}" for n in range(count)]


def referral_figures(ctx: Context, months: list[str]) -> tuple[list[dict], list[dict]]:
    """What the tab shows, read on the worker's connection."""
    return referrals_per_month(ctx, months[-1], months[0]), top_referrers(ctx)


class ReferralsTab(QWidget):
    def __init__(self, ctx: Context, banner: StatusBanner, parent=None):
        super().__init__(parent)
        self.ctx, self.banner = ctx, banner
        self.thread: QThread | None = None
        self.loaded = False
        self.refresh_button = QPushButton(self.tr("Count again"))
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Referrals in twelve months"))
        self.summary.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.summary.setWordWrap(True)
        self.months = make_table([self.tr("Month"), self.tr("Recommended"), self.tr("Bought since")],
                                 self.tr("Referrals per month"))
        self.top = make_table([self.tr("Member"), self.tr("Friends"), self.tr("Who bought")], self.tr("Top referrers"))
        for table in (self.months, self.top):
            table.setWordWrap(False)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        per_month = QGroupBox(self.tr("New members who came recommended, per month"))
        QVBoxLayout(per_month).addWidget(self.months)
        top = QGroupBox(self.tr("Who brought the most friends"))
        QVBoxLayout(top).addWidget(self.top)
        heading = QHBoxLayout()
        heading.addWidget(self.summary, 1)
        heading.addWidget(self.refresh_button)
        tables = QHBoxLayout()
        tables.addWidget(per_month, 1)
        tables.addWidget(top, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(tables, 1)
        self.refresh_button.clicked.connect(self.refresh)

    def activated(self) -> None:
        if not self.loaded:
            self.refresh()

    def forget(self) -> None:
        self.loaded = False
        self.summary.clear()
        for table in (self.months, self.top):
            table.setRowCount(0)

    def refresh(self) -> None:
        if self.thread is not None:
            return
        self.loaded = True
        self.refresh_button.setEnabled(False)
        months = last_months(local_today(self.ctx))
        self.shown_months = months
        self.banner.show_message("info", self.tr("Counting the referrals…"))
        self.thread = call_in_background(self, self.ctx, lambda ctx: referral_figures(ctx, months),
                                         self._shown, self._failed, self._finished)

    @Slot(object)
    def _shown(self, figures) -> None:
        per_month, top = figures
        found = {row["month"]: row for row in per_month}
        rows = [found.get(month, {"month": month, "referred": 0, "bought": 0}) for month in self.shown_months]
        fill_table(self.months, [(month_text(row["month"]), points_text(row["referred"]),
                                  points_text(row["bought"] or 0)) for row in rows], rows)
        fill_table(self.top, [(f"{row['name']} · {row['card']}", points_text(row["referred"]),
                               points_text(row["bought"] or 0)) for row in top], top)
        referred = sum(row["referred"] for row in rows)
        bought = sum(row["bought"] or 0 for row in rows)
        self.summary.setText(self.tr("Last twelve months: {referred}, {bought}").format(
            referred=self.tr("{count} came recommended", "", referred).format(count=points_text(referred)),
            bought=self.tr("{count} of them have bought", "", bought).format(count=points_text(bought))))
        self.banner.show_message("success", self.tr("Referrals counted."))

    @Slot(str)
    def _failed(self, problem: str) -> None:
        self.banner.show_message("error", problem)

    @Slot()
    def _finished(self) -> None:
        self.thread = None
        self.refresh_button.setEnabled(True)

    def shutdown(self) -> None:
        stop_thread(self.thread)
