"""Settings: the programme's rules, the tier ladder and the scanner, each field
validated by the domain (loyalty.programme.rules) so the screen and the CLI refuse the
same things with the same words. All fields are saved together or not at all."""

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from loyalty.common.errors import LoyaltyError
from loyalty.programme.context import Context
from loyalty.programme.currencies import defaults_for, follow_currency
from loyalty.programme.ladder import DEFAULT_TIER_NAMES
from loyalty.programme.money import parse_whole_units
from loyalty.programme.points import points_for_sale
from loyalty.programme.rules import load_tiers
from loyalty.programme.settings import change_ladder, change_settings
from loyalty.storage import write_transaction

from ..widgets.feedback import StatusBanner
from ..widgets.formatting import amount_for_editing, amount_from_text, decimal_for_editing, money_text, points_text
from ..widgets.translations import LANGUAGE_NAMES
from ..widgets.wheel_guard import wheel_scrolls_the_page
from .backups_panel import BackupsPanel
from .first_run import FirstRunWizard
from .hub_backups_panel import HubBackupsPanel
from .staff_panel import StaffPanel
from .tills_panel import TillsPanel

TIER_COLUMNS = ("name", "min_spend", "multiplier", "colour")


class SettingsScreen(QWidget):
    saved = Signal()

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.fields: dict[str, QLineEdit] = {}
        groups = (
            (self.tr("Shop"), (("shop_name", self.tr("Shop name")),
                               ("language", self.tr("Language of the screens, cards, slips and reports")),
                               ("currency", self.tr("Currency (ISO code)")),
                               ("currency_decimals", self.tr("Currency decimals")),
                               ("max_amount", self.tr("Largest amount accepted")),   # short: a long label squeezes every field of the form
                               ("timezone", self.tr("Time zone")))),
            (self.tr("Points"), (("earn_rate", self.tr("Points per currency unit of sale")),
                                 ("points_per_currency_unit", self.tr("Points worth one currency unit")),
                                 ("expiry_months", self.tr("Points expire after (months, 0 = never)")),
                                 ("welcome_bonus", self.tr("Welcome bonus (points)")),
                                 ("birthday_bonus", self.tr("Birthday bonus (points)")),
                                 ("referral_bonus", self.tr("Referral bonus (points)")))),
            (self.tr("Tiers"), (("tier_window_days", self.tr("Qualifying spend counted over (days)")),
                                ("tier_grace_days", self.tr("Grace before a downgrade (days)")))),
            (self.tr("Cards and scanner"), (("card_prefix", self.tr("Card number prefix")),
                                            ("scan_min_length", self.tr("Shortest scan (characters)")),
                                            ("scan_prefix", self.tr("Scanner prefix character (optional)")),
                                            ("scan_max_gap_ms", self.tr("Longest pause within a scan (ms)")))),
            (self.tr("Printing"), (("logo_path", self.tr("Logo on cards (PNG or JPEG file, optional)")),
                                   ("card_printer", self.tr("Card printer")),
                                   ("card_paper", self.tr("Card sheet paper")),
                                   ("receipt_printer", self.tr("Slip printer (empty: preview only)")),
                                   ("receipt_width", self.tr("Slip roll width (mm)")),
                                   ("receipt_format", self.tr("Slip printer speaks")),
                                   ("auto_print_receipt", self.tr("Print a slip after every transaction")))),
            (self.tr("Staff and security"), (("lock_after_minutes", self.tr("Lock the counter after (minutes idle, 0 = never)")),
                                             ("manager_points_limit", self.tr("Most points a manager may adjust or grant at once")))),
            (self.tr("Backups"), (("backup_folder", self.tr("Backup folder (empty: 'backups' beside the database)")),)),
        )
        column = QVBoxLayout()
        for title, rows in groups:
            box = QGroupBox(title)
            form = QFormLayout(box)
            for name, label in rows:
                field = self._field_for(name)
                field.setAccessibleName(label)
                self.fields[name] = field
                form.addRow(label, field)
                if name == "language":
                    self.language_note = QLabel(self.tr("The screens change language when the app is next started; "
                                                        "cards, slips and reports at once."))
                    self.language_note.setWordWrap(True)
                    self.language_note.setStyleSheet("color: #555; font-size: 11pt;")
                    form.addRow("", self.language_note)
            column.addWidget(box)
            if title == self.tr("Tiers"):
                self.tiers = QTableWidget(0, len(TIER_COLUMNS))
                self.tiers.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Spend to reach"),
                                                      self.tr("Points multiplier"), self.tr("Colour")])
                self.tiers.setAccessibleName(self.tr("Tiers"))
                self.tiers.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
                self.tiers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
                self.tiers.setFixedHeight(160)
                self.tiers.itemChanged.connect(self._update_example)
                form.addRow(self.tiers)
        self.example = QLabel()
        self.example.setWordWrap(True)
        self.example.setStyleSheet("font-size: 14pt; font-weight: 600; color: #1f4e8c;")
        self.staff = StaffPanel(ctx)
        self.staff.message.connect(self.banner_message)
        column.addWidget(self.staff)
        self.backups = BackupsPanel(ctx)
        self.backups.message.connect(self.banner_message)
        column.addWidget(self.backups)
        self.hub_backups = HubBackupsPanel(ctx)
        self.hub_backups.message.connect(self.banner_message)
        self.hub_backups.hide()             # a PC that keeps the hub only (reload says)
        column.addWidget(self.hub_backups)
        self.tills = TillsPanel(ctx)
        self.tills.message.connect(self.banner_message)
        self.tills.joined.connect(self.hub_backups.reload)
        column.addWidget(self.tills)
        column.addStretch()
        inner = QWidget()
        inner.setStyleSheet("QGroupBox { font-size: 13pt; font-weight: 600; } QLabel, QLineEdit { font-size: 12pt; }")
        inner.setLayout(column)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        wheel_scrolls_the_page(scroll)

        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Undo my changes"))
        self.revert_button.clicked.connect(self.reload)
        self.setup_button = QPushButton(self.tr("Run the setup again…"))
        self.setup_button.setToolTip(self.tr("The first start's questions: shop, money and time, points, tiers"))
        self.setup_button.clicked.connect(self.run_setup)
        self.banner = StatusBanner()
        self.banner.show_message("info", self.tr("Change a value and press Save settings. Nothing is saved until then."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.setup_button)
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.example)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        self.wizard: FirstRunWizard | None = None
        self._tier_codes: list[str] = []
        self._shown_currency = ""
        self.fields["currency"].textChanged.connect(self._currency_changed)
        # Nothing is loaded until the window shows the screen (activated), which it does only for a
        # role that may see it (loyalty.permissions.may_see).

    def run_setup(self) -> None:
        """The first-run wizard with the current values (window-modal, not blocking)."""
        self.wizard = FirstRunWizard(self.ctx, self)
        self.wizard.accepted.connect(self._setup_done)
        self.wizard.open()

    def _setup_done(self) -> None:
        self.reload()
        self.banner.show_message("success", self.tr("Setup saved."))
        self.saved.emit()

    def _field_for(self, name: str) -> QLineEdit | QComboBox:
        """A list to choose from where the setting has fixed choices or names a printer; text otherwise."""
        choices = {
            # Each language in its own words, so that whoever reads only one of them finds it.
            "language": tuple(LANGUAGE_NAMES.items()),
            "card_paper": (("A4", "A4"), ("Letter", "Letter")),
            "receipt_width": ((80, "80 mm"), (58, "58 mm")),
            "receipt_format": (("escpos", self.tr("ESC/POS (thermal printer, raw)")),
                               ("pdf", self.tr("PDF through its driver"))),
            "auto_print_receipt": ((0, self.tr("No")), (1, self.tr("Yes"))),
        }
        if name in choices:
            field = QComboBox()
            for value, text in choices[name]:
                field.addItem(text, value)
            return field
        if name in ("card_printer", "receipt_printer"):
            field = QComboBox(editable=True)
            field.addItems(["", *QPrinterInfo.availablePrinterNames()])
            return field
        field = QLineEdit()
        field.textChanged.connect(self._update_example)
        return field

    @staticmethod
    def _value(field: QLineEdit | QComboBox):
        if isinstance(field, QLineEdit):
            return field.text()
        return field.currentText() if field.isEditable() else field.currentData()

    @staticmethod
    def _show_value(field: QLineEdit | QComboBox, value) -> None:
        if isinstance(field, QLineEdit):
            field.setText(str(value))
        elif field.isEditable():
            field.setCurrentText(str(value))
        else:
            field.setCurrentIndex(max(0, field.findData(value)))

    def banner_message(self, kind: str, text: str) -> None:
        self.banner.show_message(kind, text)

    def activated(self) -> None:
        self.reload()
        self.backups.reload()
        self.hub_backups.reload()
        self.tills.reload()

    def forget(self) -> None:
        """Someone who may not see Settings signed in: none of the shop's settings, the staff list,
        the backups or unsaved edits stay in the widgets (activated() loads them again)."""
        if self.wizard is not None:
            self.wizard.reject()
        for field in self.fields.values():
            field.blockSignals(True)   # no live example from half-cleared values
            if isinstance(field, QComboBox):
                field.setCurrentIndex(-1)
                field.clearEditText()
            else:
                field.clear()
            field.blockSignals(False)
        self.tiers.setRowCount(0)
        self._tier_codes = []
        self.example.clear()
        self.staff.forget()
        self.backups.forget()
        self.tills.forget()
        self.hub_backups.forget()
        self.banner.show_message("info", self.tr("Change a value and press Save settings. Nothing is saved until then."))

    def reload(self) -> None:
        programme = self.ctx.programme()
        self.staff.reload()
        self._shown_currency = programme.currency
        for name, field in self.fields.items():
            self._show_value(field, self._editable(name, getattr(programme, name)))
        self.tiers.blockSignals(True)
        tiers = load_tiers(self.ctx.db)
        self.tiers.setRowCount(len(tiers))
        self.tiers.setVerticalHeaderLabels([str(rank) for rank in range(1, len(tiers) + 1)])   # not the codes
        for row, tier in enumerate(tiers):
            values = (tier.name, amount_for_editing(tier.min_spend_cents, programme.currency_decimals),
                      decimal_for_editing(tier.multiplier), tier.colour)
            for column, value in enumerate(values):
                self.tiers.setItem(row, column, QTableWidgetItem(value))
        self.tiers.blockSignals(False)
        self._tier_codes = [tier.code for tier in tiers]
        self._update_example()

    @staticmethod
    def _editable(name: str, value):
        """A setting as the owner reads and types it: amounts and rates in the locale's format."""
        if name == "max_amount":
            return amount_for_editing(value, 0)
        if name == "earn_rate":
            return decimal_for_editing(value)
        return value

    def _currency_changed(self, code: str) -> None:
        """As in the setup: the values still at the old currency's defaults take the new one's
        (decimals, largest amount, points rules, a default ladder), before anything is saved."""
        code = code.strip().upper()
        if code == self._shown_currency or len(code) != 3:
            return
        try:
            decimals = int(self.fields["currency_decimals"].text())
            values = {"max_amount": parse_whole_units(self.fields["max_amount"].text(), "max_amount"),
                      "earn_rate": self.fields["earn_rate"].text().strip().replace(",", "."),
                      "points_per_currency_unit": int(self.fields["points_per_currency_unit"].text()),
                      "manager_points_limit": int(self.fields["manager_points_limit"].text())}
            programme = replace(self.ctx.programme(), currency=code, currency_decimals=decimals,
                                max_amount=values["max_amount"])
            thresholds = {tier_code: amount_from_text(programme, self._tier_cell(row, "min_spend"), allow_zero=True)
                          for row, tier_code in enumerate(self._tier_codes)}
            following = follow_currency(self._shown_currency, decimals, code, values, thresholds)
        except (LoyaltyError, ValueError, ArithmeticError):
            return          # a value being typed: Save names any problem
        self._shown_currency = code
        self.fields["currency_decimals"].setText(str(following.decimals))
        for name, value in following.settings.items():
            self.fields[name].setText(str(self._editable(name, value)))
        column = TIER_COLUMNS.index("min_spend")
        for row, tier_code in enumerate(self._tier_codes):
            # A threshold of the owner's keeps its whole amount in the new decimals (500,00 → 500).
            kept = thresholds[tier_code] // 10**decimals * 10**following.decimals
            self.tiers.item(row, column).setText(amount_for_editing(following.thresholds.get(tier_code, kept),
                                                                    following.decimals))

    def _tier_cell(self, row: int, column: str) -> str:
        item = self.tiers.item(row, TIER_COLUMNS.index(column))
        return item.text().strip() if item else ""

    def save(self) -> None:
        changes = {name: self._value(field) for name, field in self.fields.items()}
        language_before = self.ctx.programme().language
        try:
            with write_transaction(self.ctx.db):
                programme = change_settings(self.ctx, changes)
                ladder = [
                    {"code": code, "min_spend_cents": amount_from_text(programme, self._tier_cell(row, "min_spend"),
                                                                       field=f"{code}: min_spend", allow_zero=True),
                     "multiplier": self._tier_cell(row, "multiplier"), "name": self._tier_cell(row, "name"),
                     "colour": self._tier_cell(row, "colour")} for row, code in enumerate(self._tier_codes)]
                if programme.language != language_before and tuple(
                        tier["name"] for tier in ladder) in DEFAULT_TIER_NAMES.values():
                    for tier in ladder:   # the default names: the new language's, as change_settings gave them
                        del tier["name"]
                change_ladder(self.ctx, ladder)
        except LoyaltyError as error:
            self.banner.show_message("error", self.tr("Nothing was saved. {problem}").format(problem=error.message))
            self._focus_field(error.field)
            return
        self.reload()
        self.backups.reload()   # the folder may have changed
        if programme.language != language_before:
            self.banner.show_message("success", self.tr(
                "Settings saved. The new language applies to cards, slips and reports now, and to the screens "
                "when the app is next started."))
        else:
            self.banner.show_message("success", self.tr("Settings saved."))
        self.saved.emit()

    def _focus_field(self, field_name: str | None) -> None:
        field = self.fields.get(field_name or "")
        if field is not None:
            field.setFocus()
            if isinstance(field, QLineEdit):
                field.selectAll()

    def _update_example(self, *_) -> None:
        """'A 25,00 € sale earns 25 points; Silver earns 31; Gold earns 37' from the values on screen,
        with a sale of the currency's size (100.000 Colombian pesos)."""
        try:
            decimals = int(self.fields["currency_decimals"].text())
            rate = self.fields["earn_rate"].text().replace(",", ".")
            amount = defaults_for(self.fields["currency"].text(), decimals).example_sale
            base = points_for_sale(amount, decimals, rate).total
            parts = [self.tr("A {amount} sale earns {points} points", "", base).format(
                amount=money_text(amount, decimals, self.fields["currency"].text()), points=points_text(base))]
            for row in range(1, self.tiers.rowCount()):
                earned = points_for_sale(amount, decimals, rate, self._tier_cell(row, "multiplier").replace(",", "."))
                parts.append(self.tr("{tier} earns {points}").format(tier=self._tier_cell(row, "name"),
                                                                    points=points_text(earned.total)))
        except (ValueError, ZeroDivisionError, ArithmeticError):
            self.example.setText(self.tr("Example: fix the values above to see what a sale earns."))
            return
        self.example.setText("; ".join(parts) + ".")
