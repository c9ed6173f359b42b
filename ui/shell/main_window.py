"""The main window: a header (shop, staff, date), a sidebar of screens, the screens.

Ctrl+1…Ctrl+7 switch screens; a screen the signed-in role may not see (loyalty/programme/permissions.py,
`may_see`) is never shown nor loaded, whatever asks for it. A card scanned anywhere in the
window opens the member on the Counter screen (see scanner.py), whatever has the focus.
"""

import sys

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel, QListWidget, QMainWindow, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from loyalty.common.errors import LoyaltyError
from loyalty.operations.backups import make_backup, rotate
from loyalty.operations.demo import demo_allowed, load_demo_data
from loyalty.people.staff import has_staff
from loyalty.programme.context import Context
from loyalty.programme.permissions import may_see, roles_that_may_see
from loyalty.storage import database_path

from ..catalog.screen import CatalogScreen
from ..counter.scanner import ScanDetector
from ..counter.screen import CounterScreen
from ..counter.search_worker import MemberSearch
from ..members.screen import MembersScreen
from ..printing.service import PrintService
from ..reports.screen import ReportsScreen
from ..retention.screen import RetentionScreen
from ..settings.audit_screen import AuditScreen
from ..settings.screen import SettingsScreen
from ..widgets.formatting import moment_text, points_text, today_text
from ..widgets.screen_fit import show_fitted
from ..widgets.sign_in import SignInDialog
from .about_dialog import AboutDialog
from .daily_job import DailyJobRunner
from .idle_lock import IdleLock
from .sync_details import SyncDetailsDialog, TimeLeft, sync_headline
from .sync_runner import SyncRunner

SIDEBAR_POINTS = 14
PREFERRED_SIZE = QSize(1280, 800)   # on a screen with room for it; smaller screens get the window maximised
SIDEBAR_PADDING = (12, 8)   # px above and below, left and right of each screen's name


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context, backup_on_close: bool = False, daily_job: bool = False, sync: bool = False):
        super().__init__()
        self.ctx = ctx
        self.backup_on_close = backup_on_close   # the app sets these; tests and tools leave the files alone
        self.daily_job = DailyJobRunner(ctx, self) if daily_job else None
        self.sync = SyncRunner(ctx, self) if sync else None
        programme = ctx.programme()
        self.setWindowTitle(self.tr("Loyalty counter"))
        self.setMinimumSize(1024, 700)
        self.resize(PREFERRED_SIZE)
        db_path = database_path(ctx.db)
        self.counter_search = MemberSearch(db_path, limit=20, parent=self)
        self.members_search = MemberSearch(db_path, limit=500, parent=self)

        self.shop_label = QLabel(programme.shop_name)
        self.shop_label.setStyleSheet("font-size: 18pt; font-weight: 700;")
        self.staff_label = QLabel()
        self.switch_button = QPushButton(self.tr("Switch staff (F12)"))
        self.switch_button.setAccessibleName(self.tr("Switch staff"))
        self.switch_button.clicked.connect(self.switch_staff)
        QShortcut(QKeySequence("F12"), self, self.switch_staff)
        self.date_label = QLabel()
        # A counter joined to a hub: how its sync goes, the details one click away (hidden otherwise).
        self.sync_label = QPushButton(flat=True)
        self.sync_label.setAccessibleName(self.tr("Hub"))
        self.sync_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sync_label.clicked.connect(self.show_sync_details)
        self.sync_label.hide()
        self.sync_details: SyncDetailsDialog | None = None
        self.sync_last: tuple | None = None      # the last state and minutes left, for the details
        self.download_time_left = TimeLeft()
        self.demo_button = QPushButton(self.tr("Load demo data"))
        self.demo_button.setAccessibleName(self.tr("Load demo data"))
        self.demo_button.clicked.connect(self.load_demo)
        self.about_button = QPushButton(self.tr("About (F1)"))
        self.about_button.setAccessibleName(self.tr("About this app"))
        self.about_button.clicked.connect(self.show_about)
        QShortcut(QKeySequence("F1"), self, self.show_about)
        self.about_dialog = None
        # At 1024 px wide one row of shop, staff, date and buttons left the shop's name a few
        # letters: who and when share one column, and a long name wraps rather than being cut.
        self.shop_label.setWordWrap(True)
        who_and_when = QVBoxLayout()
        who_and_when.setSpacing(0)
        for label in (self.staff_label, self.date_label):
            label.setStyleSheet("font-size: 12pt; color: #333; padding: 0 8px;")
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            who_and_when.addWidget(label)
        who_and_when.addWidget(self.sync_label, 0, Qt.AlignmentFlag.AlignRight)
        if self.sync is not None:
            self.sync.state.connect(self.show_sync)
        header = QHBoxLayout()
        header.addWidget(self.shop_label, 1)
        header.addWidget(self.demo_button)
        header.addLayout(who_and_when)
        header.addWidget(self.switch_button)
        header.addWidget(self.about_button)

        self.printing = PrintService(ctx, self)
        self.counter = CounterScreen(ctx, self.counter_search, self.printing)
        if self.sync is not None:
            self.counter.entry_saved.connect(self.sync.round)   # a sale is sent at once, not at the next tick
        self.members = MembersScreen(ctx, self.members_search, self.printing)
        self.catalog = CatalogScreen(ctx)
        self.reports = ReportsScreen(ctx)
        self.settings = SettingsScreen(ctx)
        if self.sync is not None:
            self.settings.tills.joined.connect(self.sync.start)  # joined a hub from Settings: sync from now
        self.audit = AuditScreen(ctx)
        self.retention = RetentionScreen(ctx)
        self.screens = QStackedWidget()
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Screens"))
        self.sidebar.setFixedWidth(210)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setWordWrap(True)
        self.sidebar.setStyleSheet(f"QListWidget {{ font-size: {SIDEBAR_POINTS}pt; }} "
                                   f"QListWidget::item {{ padding: {SIDEBAR_PADDING[0]}px {SIDEBAR_PADDING[1]}px; }}")
        # In sidebar order, Ctrl+1…Ctrl+7; each name is the screen's key in loyalty/programme/permissions.py.
        self.screen_list = (("counter", self.tr("Counter"), self.counter),
                            ("members", self.tr("Members"), self.members),
                            ("catalog", self.tr("Rewards & campaigns"), self.catalog),
                            ("reports", self.tr("Reports"), self.reports),
                            ("settings", self.tr("Settings"), self.settings),
                            ("audit", self.tr("Audit trail"), self.audit),
                            ("retention", self.tr("Retention"), self.retention))
        for number, (_, title, screen) in enumerate(self.screen_list, start=1):
            self.sidebar.addItem(f"{title}\nCtrl+{number}")
            self.screens.addWidget(screen)
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda index=number - 1: self.show_screen(index))
        self.fit_sidebar_items()
        self.sidebar.currentRowChanged.connect(self.show_screen)
        body = QHBoxLayout()
        body.addWidget(self.sidebar)
        body.addWidget(self.screens, 1)
        layout = QVBoxLayout()
        layout.addLayout(header)
        layout.addLayout(body, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self.scanner = ScanDetector(self, programme.scan_min_length, programme.scan_max_gap_ms,
                                    prefix=programme.scan_prefix)
        self.scanner.scanned.connect(self.card_scanned)
        self.members.open_at_counter.connect(self.card_scanned)
        self.settings.saved.connect(self.settings_saved)
        self.printing.message.connect(self.show_message)
        self.settings.backups.restored.connect(self.data_replaced)
        self.idle = IdleLock(self, ctx.programme().lock_after_minutes)
        self.idle.timed_out.connect(self.lock)
        self.quitting = False
        QApplication.instance().aboutToQuit.connect(lambda: setattr(self, "quitting", True))
        self.show_screen(0)
        self.refresh()
        self.identity_changed()

    def show_on_screen(self) -> None:
        """How the app opens the window: its preferred size where the screen has room for it,
        the whole available screen otherwise (ui/widgets/screen_fit.py)."""
        show_fitted(self, PREFERRED_SIZE)

    def identity_changed(self) -> None:
        """The header names who is signed in; screens the role may not see leave the sidebar,
        the window leaves the one in view if it is one of them, and they forget what they had
        loaded for the one before (an owner's unsaved edits, the staff list, a report)."""
        self.staff_label.setText(self.tr("Staff: {name} ({role})").format(
            name=self.ctx.staff_id, role=self.role_word(self.ctx.role)))
        if not self.may_see(self.screens.currentIndex()):
            self.show_screen(0)
        for index, (_, _, screen) in enumerate(self.screen_list):
            self.sidebar.item(index).setHidden(not self.may_see(index))
            if not self.may_see(index) and hasattr(screen, "forget"):
                screen.forget()

    def may_see(self, index: int) -> bool:
        """The signed-in role may see screen `index` (loyalty/programme/permissions.py decides, as for every action)."""
        return may_see(self.ctx.role, self.screen_list[index][0])

    def role_word(self, role: str) -> str:
        return {"cashier": self.tr("cashier"), "manager": self.tr("manager"), "owner": self.tr("owner")}.get(role, role)

    def switch_staff(self) -> None:
        """Another cashier takes the counter: their name and PIN (F12)."""
        dialog = SignInDialog(self.ctx, parent=self, title=self.tr("Switch staff"))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_ctx is not None:
            self.take_over(dialog.result_ctx)

    def lock(self) -> None:
        """Nobody touched the counter for a while: hide the shop's data until someone signs in."""
        if not has_staff(self.ctx) or self.centralWidget().isHidden():
            return
        self.centralWidget().hide()
        dialog = SignInDialog(self.ctx, parent=self, title=self.tr("Locked"), intro=self.tr(
            "The counter locked itself after {minutes} minutes without use. Sign in to carry on.", "",
            self.ctx.programme().lock_after_minutes).format(minutes=self.ctx.programme().lock_after_minutes))
        while dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ctx is None:
            if self.quitting or not self.isVisible():   # the app is closing: nothing to unlock
                return
            # otherwise a locked counter stays locked: Cancel and Esc do not open it
        self.take_over(dialog.result_ctx)   # before the data shows again: the new role's screens only
        self.centralWidget().show()
        self.idle.restart()

    def take_over(self, signed_in: Context) -> None:
        """Someone signed in at the counter: their role from now on, and the banner says who (it
        replaces whatever was said to the one before, such as a screen refused to them)."""
        self.ctx.become(signed_in)
        self.identity_changed()
        self.show_message("info", self.tr("{name} is at the counter ({role})").format(
            name=self.ctx.staff_id, role=self.role_word(self.ctx.role)))

    def show_screen(self, index: int) -> None:
        """Every way to a screen comes here: Ctrl+1…7, the sidebar, a scanned card, a screen's
        own button. One the signed-in role may not see is neither shown nor loaded: the screen
        in view stays, and its banner says who may open it."""
        if not self.may_see(index):
            self.refuse_screen(index)
            return
        self.select_in_sidebar(index)
        self.screens.setCurrentIndex(index)
        screen = self.screens.widget(index)
        if hasattr(screen, "activated"):
            screen.activated()
        if index == 0:
            self.counter.focus_search()

    def select_in_sidebar(self, index: int) -> None:
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(index)
        self.sidebar.blockSignals(False)

    def refuse_screen(self, index: int) -> None:
        name, title, _ = self.screen_list[index]
        self.select_in_sidebar(self.screens.currentIndex())   # the sidebar keeps marking the screen in view
        self.show_message("warning", self.tr("{screen}: only for {roles}. {name} is signed in as {role}.").format(
            screen=title, roles=", ".join(self.role_word(role) for role in roles_that_may_see(name)),
            name=self.ctx.staff_id, role=self.role_word(self.ctx.role)))

    def card_scanned(self, card: str) -> None:
        self.show_screen(0)
        self.counter.open_card(card)

    def show_message(self, kind: str, text: str) -> None:
        """Printing and other background work report on the banner of the screen in view."""
        banner = getattr(self.screens.currentWidget(), "banner", self.counter.banner)
        banner.show_message(kind, text)

    def refresh(self) -> None:
        programme = self.ctx.programme()
        self.shop_label.setText(programme.shop_name)
        self.date_label.setText(today_text(self.ctx.clock.now(), programme.timezone))
        self.demo_button.setVisible(demo_allowed(self.ctx))

    def settings_saved(self) -> None:
        programme = self.ctx.programme()
        self.scanner.configure(programme.scan_min_length, programme.scan_prefix, programme.scan_max_gap_ms)
        self.idle.set_minutes(programme.lock_after_minutes)
        self.refresh()
        self.counter.refresh_member()

    def load_demo(self) -> None:
        try:
            count = load_demo_data(self.ctx)
        except LoyaltyError as error:
            self.counter.banner.show_message("error", error.message)
            return
        self.counter.banner.show_message("success", self.tr("Demo data loaded: {count} members.", "", count).format(
            count=points_text(count)))
        self.refresh()
        self.members.reload()
        self.catalog.reload()
        self.counter.redeem.refresh()

    def data_replaced(self) -> None:
        """After a restore every screen shows the restored data."""
        self.counter.clear_member()
        self.members.reload()
        self.catalog.reload()
        self.counter.redeem.refresh()
        self.settings.reload()
        self.refresh()

    def fit_sidebar_items(self) -> None:
        """Each item as tall as its text wrapped to the sidebar's width: the list measures an item
        without the style sheet's padding, so a title that wraps lost its last line ('Ctrl+6')."""
        font = QFont(self.sidebar.font())
        font.setPointSize(SIDEBAR_POINTS)
        metrics = QFontMetrics(font)
        width = self.sidebar.width() - 2 * self.sidebar.frameWidth() - 2 * SIDEBAR_PADDING[1]
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            text = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text())
            item.setSizeHint(QSize(width, text.height() + 2 * SIDEBAR_PADDING[0]))

    def show_about(self) -> None:
        """F1: version, database and log file (what support asks first)."""
        self.about_dialog = AboutDialog(database_path(self.ctx.db), parent=self)
        self.about_dialog.open()

    def closeEvent(self, event) -> None:
        self.shutdown()
        if self.backup_on_close:
            self.backup_before_closing()
        super().closeEvent(event)

    def backup_before_closing(self) -> None:
        """A checked backup each time the app closes (then rotation); a failure is logged, never blocks closing."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = make_backup(self.ctx, "close")
            rotate(info.path.parent, info.shop.shop_id)
        except LoyaltyError as error:
            print(f"backup on closing failed: {error.message}", file=sys.stderr)
        finally:
            QApplication.restoreOverrideCursor()

    def show_sync(self, state) -> None:
        """The header's word on the hub (ui/shell/sync_details.py): in sync, syncing, offline since
        when, or a problem for the owner — the sales are saved here either way, so it is
        information, never an alarm; why, one hover or one click away."""
        timezone = self.ctx.programme().timezone
        minutes_left = self.download_time_left.minutes(state.downloading)
        self.sync_last = (state, minutes_left)
        text, colour = sync_headline(state, timezone, self.ctx.clock.now(), minutes_left)
        self.sync_label.setText(text)
        last = moment_text(state.last_upload_at, timezone) if state.last_upload_at else self.tr("never")
        history = state.downloading is not None and self.tr(
            "Members not reached yet show only what they hold at this till until their history arrives.")
        self.sync_label.setToolTip("\n".join(part for part in (self.tr("Last sync: {when}").format(when=last),
                                                                state.problem, history) if part))
        self.sync_label.setStyleSheet(f"font-size: 10pt; color: {colour}; padding: 0 8px; border: none; "
                                      "text-align: right;")
        self.sync_label.show()
        if self.sync_details is not None:
            self.sync_details.show_state(state, minutes_left)

    def show_sync_details(self) -> None:
        if self.sync_details is None:
            self.sync_details = SyncDetailsDialog(self.ctx.programme().timezone, self.ctx.clock, self)
            if self.sync is not None:
                self.sync_details.sync_now.connect(self.sync.round)
        if self.sync_last is not None:
            self.sync_details.show_state(*self.sync_last)
        self.sync_details.show()
        self.sync_details.raise_()

    def shutdown(self) -> None:
        """Stop the scanner filter and the search threads (also called by tests)."""
        self.scanner.stop()
        self.idle.stop()
        self.counter_search.stop()
        self.members_search.stop()
        self.printing.shutdown()
        if self.daily_job is not None:
            self.daily_job.stop()
        if self.sync is not None:
            self.sync.stop()
        self.reports.shutdown()
        self.audit.shutdown()
        self.retention.shutdown()
        self.members.shutdown()
        self.settings.backups.shutdown()
        self.settings.tills.shutdown()
        self.settings.hub_backups.shutdown()
