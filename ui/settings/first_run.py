"""The first-run wizard: the shop, its money and time, the points rules (with a live example),
the tier ladder, the owner's account and optional demo data, in a few minutes, keyboard
first (Enter goes on). Filled in with the shop's current values, so it is safe to run again
from Settings: then it leaves out the owner's page. Everything is written at the end, by
loyalty/operations/setup.py, in one transaction; a refused value brings back its page with the reason.

Choosing English or Spanish on the first page switches the setup itself to that language at once
(`retranslate`: every text is shown through `_say`, which remembers how to say it again). When
the setup closes, the screens go back to the language they had: the first start then shows the
language saved, and a run from Settings changes the screens from the next start, as Settings does.

A new till of a shop or chain that already has a hub takes another way on the first start: *This
till joins a shop or chain* on the first page, then the owner's join code (typed, pasted or
scanned) instead of the shop's rules: the till joins (loyalty/chain/link.py) and takes in the
chain's programme and staff accounts at once (chain/rounds.take_in_programme); the members and the
history follow before the window opens (ui/shell/first_download.py; docs/sync.md)."""

from dataclasses import replace
from typing import Callable

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWizard, QWizardPage)

from loyalty.chain.link import join_chain
from loyalty.chain.rounds import take_in_programme
from loyalty.common.errors import LoyaltyError
from loyalty.common.messages import language as language_shown
from loyalty.operations.setup import Setup, apply_setup, needs_owner
from loyalty.programme.context import Context
from loyalty.programme.currencies import defaults_for, follow_currency
from loyalty.programme.ladder import DEFAULT_TIER_NAMES
from loyalty.programme.money import parse_whole_units
from loyalty.programme.points import points_for_sale, points_value
from loyalty.programme.rules import Programme

from ..widgets import file_dialogs
from ..widgets.formatting import (CURRENCY_SYMBOLS, amount_for_editing, amount_from_text, decimal_for_editing,
                                  money_text, points_text)
from ..widgets.translations import install_translator

TIME_ZONES = ("Europe/Madrid", "Atlantic/Canary", "America/Mexico_City", "America/Bogota", "America/Lima",
              "America/Santiago", "America/Argentina/Buenos_Aires", "America/Montevideo", "America/Caracas",
              "America/Guatemala", "America/Costa_Rica", "America/Panama", "America/Santo_Domingo",
              "America/La_Paz", "America/Asuncion", "America/Guayaquil", "Europe/London", "America/New_York")
SHOP, JOIN, MONEY, POINTS, TIERS, OWNER, DEMO = range(7)   # JOIN: a new till of a chain, instead of the rest
PAGE_OF_FIELD = {"shop_name": SHOP, "logo_path": SHOP, "language": SHOP, "currency": MONEY,
                 "currency_decimals": MONEY, "max_amount": MONEY, "timezone": MONEY, "earn_rate": POINTS,
                 "points_per_currency_unit": POINTS, "expiry_months": POINTS, "name": OWNER, "pin": OWNER,
                 "owner": OWNER, "demo": DEMO, "join_code": JOIN, "hub": JOIN}
# QWizard's own buttons, as Qt names them (its translations, qtbase_*.qm, say them in Spanish): QWizard
# does not rename its buttons when the language changes, so the setup does.
QWIZARD_BUTTONS = {QWizard.WizardButton.BackButton: "< &Back", QWizard.WizardButton.NextButton: "&Next >",
                   QWizard.WizardButton.FinishButton: "&Finish", QWizard.WizardButton.CancelButton: "Cancel"}
Words = Callable[[], str]   # a text said anew in the language in use: lambda: self.tr("...")


class FirstRunWizard(QWizard):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_ctx: Context | None = None
        self._texts: list[tuple[Callable[[str], None], Words]] = []
        self._shown_before = (language_shown(), QLocale())   # given back when the setup closes
        self._say(self.setWindowTitle, lambda: self.tr("Set up the shop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(720, 520)
        self.setStyleSheet("QLineEdit, QComboBox, QSpinBox, QLabel, QCheckBox { font-size: 12pt; }")
        programme = ctx.programme()
        self.asks_owner = needs_owner(ctx)
        self.offers_demo = not ctx.db.execute("SELECT 1 FROM members LIMIT 1").fetchone()
        self.offers_join = self.asks_owner and self.offers_demo    # a new till: it may join a chain instead
        self.joined = False
        self.problem: dict[int, QLabel] = {}
        self.setPage(SHOP, self._shop_page(programme))
        self.setPage(MONEY, self._money_page(programme))
        self.setPage(POINTS, self._points_page(programme))
        self.setPage(TIERS, self._tiers_page())
        if self.asks_owner:
            self.setPage(OWNER, self._owner_page())
        if self.offers_demo:
            self.setPage(DEMO, self._demo_page())
        if self.offers_join:
            self.setPage(JOIN, self._join_page())
        self._connect_pages()
        self._name_tiers_in_language()
        self.retranslate()

    # -- the language shown --------------------------------------------------------------

    def _say(self, show: Callable[[str], None], words: Words) -> None:
        """Show `words()` with `show` now, and again in the new language after a switch."""
        self._texts.append((show, words))
        show(words())

    def _label(self, words: Words) -> QLabel:
        label = QLabel()
        self._say(label.setText, words)
        return label

    def retranslate(self) -> None:
        """Every text of the setup in the language in use (after `install_translator`)."""
        for show, words in self._texts:
            show(words())
        for which, text in QWIZARD_BUTTONS.items():
            self.setButtonText(which, QCoreApplication.translate("QWizard", text))
        self._update_example()

    def _language_chosen(self) -> None:
        """The setup speaks the language just chosen, money and numbers included."""
        install_translator(QApplication.instance(), self.language.currentData())
        self.retranslate()

    def done(self, result: int) -> None:
        language, locale = self._shown_before
        if language_shown() != language:
            install_translator(QApplication.instance(), language)
            QLocale.setDefault(locale)
        super().done(result)

    # -- pages ---------------------------------------------------------------------------

    def _titled_page(self, title: Words, explanation: Words) -> QWizardPage:
        """A page with its title and, in the page itself, what it is about: QWizard's own subtitle
        is cut after two lines (Qt sizes the header for two), and these take three in Spanish at
        the wizard's width."""
        page = QWizardPage()
        self._say(page.setTitle, title)
        intro = QLabel(wordWrap=True)
        intro.setObjectName("explanation")
        self._say(intro.setText, explanation)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(8)
        return page

    def _form_page(self, number: int, title: Words, subtitle: Words) -> tuple[QWizardPage, QFormLayout]:
        page = self._titled_page(title, subtitle)
        layout = page.layout()
        form = QFormLayout()
        layout.addLayout(form)
        self.problem[number] = QLabel(wordWrap=True)
        self.problem[number].setStyleSheet("color: #a3261b; font-weight: 600;")
        layout.addStretch()
        layout.addWidget(self.problem[number])
        return page, form

    def _shop_page(self, programme: Programme) -> QWizardPage:
        page, form = self._form_page(SHOP, lambda: self.tr("Your shop"), lambda: self.tr(
            "Its name and logo go on member cards and slips. The language is that of the screens, cards, "
            "slips and reports."))
        self.shop_name = QLineEdit(programme.shop_name)
        self._say(self.shop_name.setAccessibleName, lambda: self.tr("Shop name"))
        self.logo = QLineEdit(programme.logo_path)
        self._say(self.logo.setPlaceholderText, lambda: self.tr("Optional: a PNG or JPEG file"))
        self._say(self.logo.setAccessibleName, lambda: self.tr("Logo file"))
        browse = QPushButton()
        self._say(browse.setText, lambda: self.tr("Choose…"))
        browse.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        self.language = QComboBox()
        self._say(self.language.setAccessibleName, lambda: self.tr("Language"))
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(programme.language)))
        form.addRow(self._label(lambda: self.tr("Shop name")), self.shop_name)
        form.addRow(self._label(lambda: self.tr("Logo")), logo_row)
        form.addRow(self._label(lambda: self.tr("Language")), self.language)
        self.joining = QCheckBox()
        self._say(self.joining.setText, lambda: self.tr("This till joins a shop or chain already set up"))
        self._say(self.joining.setAccessibleName, lambda: self.tr("Join a shop or chain"))
        joining_note = QLabel(wordWrap=True)
        self._say(joining_note.setText, lambda: self.tr(
            "A second till, or a new shop of a chain: with the join code the owner made for it, this till takes "
            "the shop's rules, staff and members from the hub."))
        joining_note.setStyleSheet("color: #555;")
        if self.offers_join:
            form.addRow(self.joining)
            form.addRow(joining_note)
            self.joining.toggled.connect(lambda joining: [field.setEnabled(not joining)
                                                          for field in (self.shop_name, self.logo, browse)])
        return page

    def _join_page(self) -> QWizardPage:
        page, form = self._form_page(JOIN, lambda: self.tr("Join a shop or chain"), lambda: self.tr(
            "On the PC that keeps the shop's hub, the owner adds this till (loyalty hub add-counter STORE NAME) and "
            "gets a join code: type or paste it here, or scan its QR code. Finish joins and takes in the chain's "
            "members and history, saying how far; it can be stopped and goes on in the background."))
        self.join_code = QLineEdit()
        self._say(self.join_code.setAccessibleName, lambda: self.tr("Join code"))
        self._say(self.join_code.setPlaceholderText, lambda: self.tr("lhj1.…"))
        form.addRow(self._label(lambda: self.tr("Join code")), self.join_code)
        return page

    def _money_page(self, programme: Programme) -> QWizardPage:
        page, form = self._form_page(MONEY, lambda: self.tr("Money and time"), lambda: self.tr(
            "The currency of your sales and the time zone of the shop: a day's and a month's figures "
            "follow the shop's clock."))
        self.currency = QComboBox(editable=True)
        self._say(self.currency.setAccessibleName, lambda: self.tr("Currency"))
        self.currency.addItems(sorted(CURRENCY_SYMBOLS))
        self.currency.setCurrentText(programme.currency)
        self.shown_currency = programme.currency
        self.decimals = QSpinBox(minimum=0, maximum=3, value=programme.currency_decimals)
        self._say(self.decimals.setAccessibleName, lambda: self.tr("Decimals"))
        self.max_amount = QLineEdit(amount_for_editing(programme.max_amount, 0))
        self._say(self.max_amount.setAccessibleName, lambda: self.tr("Largest amount accepted"))
        self.timezone = QComboBox(editable=True)
        self._say(self.timezone.setAccessibleName, lambda: self.tr("Time zone"))
        self.timezone.addItems(TIME_ZONES)
        self.timezone.setCurrentText(programme.timezone)
        form.addRow(self._label(lambda: self.tr("Currency (ISO code)")), self.currency)
        form.addRow(self._label(lambda: self.tr("Decimals")), self.decimals)
        form.addRow(self._label(lambda: self.tr("Largest amount accepted")), self.max_amount)   # short: the page is 720 px
        form.addRow(self._label(lambda: self.tr("Time zone")), self.timezone)
        self.currency.currentTextChanged.connect(self._currency_changed)
        return page

    def _points_page(self, programme: Programme) -> QWizardPage:
        page, form = self._form_page(POINTS, lambda: self.tr("Points"), lambda: self.tr(
            "How many points a sale earns, what points are worth when spent, and how long they last."))
        self.earn_rate = QLineEdit(decimal_for_editing(programme.earn_rate))
        self._say(self.earn_rate.setAccessibleName, lambda: self.tr("Points per currency unit of sale"))
        self.points_per_unit = QSpinBox(minimum=1, maximum=1_000_000, value=programme.points_per_currency_unit)
        self._say(self.points_per_unit.setAccessibleName, lambda: self.tr("Points worth one currency unit"))
        self.expiry = QSpinBox(minimum=0, maximum=120, value=programme.expiry_months)
        self._say(self.expiry.setAccessibleName, lambda: self.tr("Months points last"))
        self._say(self.expiry.setSpecialValueText, lambda: self.tr("never expire"))
        self.example = QLabel(wordWrap=True)
        self.example.setStyleSheet("background: #eaf1fb; padding: 8px; border-radius: 4px;")
        form.addRow(self._label(lambda: self.tr("Points per currency unit of sale")), self.earn_rate)
        form.addRow(self._label(lambda: self.tr("Points worth one currency unit")), self.points_per_unit)
        form.addRow(self._label(lambda: self.tr("Months points last (after the month earned)")), self.expiry)
        form.addRow(self.example)
        return page

    def _tiers_page(self) -> QWizardPage:
        page = self._titled_page(lambda: self.tr("Tiers"), lambda: self.tr(
            "Members move up a tier when their spend over the last year reaches its threshold, and earn more "
            "points there. The defaults suit most shops."))
        layout = page.layout()
        grid = QGridLayout()
        for column, heading in enumerate((lambda: self.tr("Tier"), lambda: self.tr("Spend to reach it"),
                                          lambda: self.tr("Points ×"))):
            grid.addWidget(self._label(lambda heading=heading: f"<b>{heading()}</b>"), 0, column)
        self.tier_rows = []
        decimals = self.shown_decimals = self.ctx.programme().currency_decimals
        for row, tier in enumerate(self.ctx.tiers(), start=1):
            name = QLineEdit(tier.name)
            self._say(name.setAccessibleName, lambda row=row: self.tr("Name of tier {number}").format(number=row))
            spend = QLineEdit(amount_for_editing(tier.min_spend_cents, decimals))
            self._say(spend.setAccessibleName,
                      lambda row=row: self.tr("Spend to reach tier {number}").format(number=row))
            spend.setEnabled(tier.rank > 0)          # the base tier starts at nothing
            multiplier = QLineEdit(decimal_for_editing(tier.multiplier))
            self._say(multiplier.setAccessibleName,
                      lambda row=row: self.tr("Points multiplier of tier {number}").format(number=row))
            for column, widget in enumerate((name, spend, multiplier)):
                grid.addWidget(widget, row, column)
            self.tier_rows.append((tier.code, name, spend, multiplier))
        layout.addLayout(grid)
        layout.addStretch()
        self.problem[TIERS] = QLabel(wordWrap=True)
        self.problem[TIERS].setStyleSheet("color: #a3261b; font-weight: 600;")
        layout.addWidget(self.problem[TIERS])
        return page

    def _owner_page(self) -> QWizardPage:
        page, form = self._form_page(OWNER, lambda: self.tr("The owner's account"), lambda: self.tr(
            "The owner changes the settings, adds staff and sees the reports. Use a password of 8 or more "
            "characters, or a PIN of 4 to 8 digits."))
        self.owner_name = QLineEdit()
        self._say(self.owner_name.setAccessibleName, lambda: self.tr("Your name"))
        self.secret = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self._say(self.secret.setAccessibleName, lambda: self.tr("Password or PIN"))
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self._say(self.again.setAccessibleName, lambda: self.tr("Again"))
        form.addRow(self._label(lambda: self.tr("Your name")), self.owner_name)
        form.addRow(self._label(lambda: self.tr("Password or PIN")), self.secret)
        form.addRow(self._label(lambda: self.tr("Again")), self.again)
        return page

    def _demo_page(self) -> QWizardPage:
        page, form = self._form_page(DEMO, lambda: self.tr("Ready"), lambda: self.tr(
            "Finish writes the setup. Everything can be changed later in Settings."))
        # A check box's text never wraps: the box says what it does, the line under it the rest.
        self.demo = QCheckBox()
        self._say(self.demo.setText, lambda: self.tr("Add demo data to try the app"))
        self._say(self.demo.setAccessibleName, lambda: self.tr("Demo data"))
        demo_note = QLabel(wordWrap=True)
        self._say(demo_note.setText, lambda: self.tr(
            "Forty members with six months of sales, three rewards and a campaign. Not for a real shop: they "
            "would mix with its own members."))
        demo_note.setStyleSheet("color: #555;")
        form.addRow(self.demo)
        form.addRow(demo_note)
        return page

    # -- behaviour -----------------------------------------------------------------------

    def _connect_pages(self) -> None:
        """What one page's values change on another (once every page exists)."""
        self.language.currentIndexChanged.connect(self._name_tiers_in_language)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.decimals.valueChanged.connect(self._decimals_changed)
        for signal in (self.earn_rate.textChanged, self.points_per_unit.valueChanged, self.decimals.valueChanged,
                       self.currency.currentTextChanged, self.tier_rows[-1][3].textChanged):
            signal.connect(self._update_example)

    def _choose_logo(self) -> None:
        path = file_dialogs.file_to_open(self, self.tr("Logo"), self.tr("Images (*.png *.jpg *.jpeg)"), "logo_path")
        if path:
            self.logo.setText(path)

    def _name_tiers_in_language(self) -> None:
        names = tuple(name.text() for _, name, _, _ in self.tier_rows)
        if names in DEFAULT_TIER_NAMES.values():
            for (_, name, _, _), default in zip(self.tier_rows, DEFAULT_TIER_NAMES[self.language.currentData()]):
                name.setText(default)

    def _currency_changed(self, code: str) -> None:
        """The values still at the old currency's defaults take the new one's (loyalty/programme/currencies.py):
        decimals, the largest amount, the points rules and the ladder; what the owner typed stays."""
        code = code.strip().upper()
        old_code, self.shown_currency = self.shown_currency, code
        try:
            values = {"max_amount": parse_whole_units(self.max_amount.text(), "max_amount"),
                      "earn_rate": self.earn_rate.text().strip().replace(",", "."),
                      "points_per_currency_unit": self.points_per_unit.value()}
            thresholds = self._thresholds_on_screen()
            following = follow_currency(old_code, self.decimals.value(), code, values, thresholds)
        except (LoyaltyError, ArithmeticError):
            return          # a value being typed: left as it is, Finish names any problem
        self.decimals.setValue(following.decimals)   # the owner's thresholds keep their whole amounts
        moved = following.settings
        if "max_amount" in moved:
            self.max_amount.setText(amount_for_editing(moved["max_amount"], 0))
        if "earn_rate" in moved:
            self.earn_rate.setText(decimal_for_editing(moved["earn_rate"]))
        if "points_per_currency_unit" in moved:
            self.points_per_unit.setValue(moved["points_per_currency_unit"])
        for code_of_tier, _, spend, _ in self.tier_rows:
            if code_of_tier in following.thresholds:
                spend.setText(amount_for_editing(following.thresholds[code_of_tier], following.decimals))

    def _programme_on_screen(self) -> Programme:
        """The programme as these pages have it so far (what amounts are read against)."""
        return replace(self.ctx.programme(), language=self.language.currentData(),
                       currency=self.currency.currentText().strip().upper(), currency_decimals=self.shown_decimals,
                       max_amount=parse_whole_units(self.max_amount.text(), "max_amount"))

    def _thresholds_on_screen(self) -> dict[str, int]:
        programme = self._programme_on_screen()
        return {code: amount_from_text(programme, spend.text(), field="min_spend", allow_zero=True) if spend.isEnabled()
                else 0 for code, _, spend, _ in self.tier_rows}

    def _decimals_changed(self, decimals: int) -> None:
        """The thresholds keep their whole amounts in the new number of decimals (500,00 → 500)."""
        try:
            programme = self._programme_on_screen()
        except LoyaltyError:
            programme = None
        for _, _, spend, _ in self.tier_rows:
            if not spend.isEnabled():       # the base tier: nothing, in the new number of decimals
                spend.setText(amount_for_editing(0, decimals))
            elif programme is not None:
                try:
                    units = amount_from_text(programme, spend.text(), allow_zero=True) // 10**self.shown_decimals
                except LoyaltyError:
                    continue        # left as typed: Finish names the problem
                spend.setText(amount_for_editing(units * 10**decimals, decimals))
        self.shown_decimals = decimals

    def _update_example(self) -> None:
        """'A 25,00 € sale earns 25 points; Gold earns 37. 100 points are worth 1,00 €.' with a
        sale of the currency's size (100.000 Colombian pesos)."""
        decimals, currency = self.decimals.value(), self.currency.currentText().strip().upper()
        sale = defaults_for(currency, decimals).example_sale
        rate, (top_code, top_name, _, top_multiplier) = self.earn_rate.text().strip().replace(",", "."), self.tier_rows[-1]
        try:
            base = points_for_sale(sale, decimals, rate).total
            top = points_for_sale(sale, decimals, rate, top_multiplier.text().strip().replace(",", ".")).total
        except (ValueError, ZeroDivisionError):
            self.example.setText(self.tr("Type the points per currency unit as a number, such as 1 or 0.5."))
            return
        worth = points_value(self.points_per_unit.value(), self.points_per_unit.value(), decimals)   # one unit
        earns = self.tr("A {sale} sale earns {points} points; at {tier} it earns {top}.", "", base).format(
            sale=money_text(sale, decimals, currency), points=points_text(base), tier=top_name.text() or top_code,
            top=points_text(top))
        per_unit = self.points_per_unit.value()
        self.example.setText(earns + " " + self.tr("{per_unit} points are worth {worth}.", "", per_unit).format(
            per_unit=points_text(per_unit), worth=money_text(worth, decimals, currency)))

    def nextId(self) -> int:
        current = self.currentId()
        if self.offers_join and self.joining.isChecked():     # the shop's rules come from the chain
            return JOIN if current == SHOP else -1
        following = [page for page in (SHOP, MONEY, POINTS, TIERS, OWNER, DEMO) if page in self.pageIds()]
        later = [page for page in following if page > current]
        return later[0] if later else -1

    def setup(self) -> Setup:
        """What the pages say, as loyalty/operations/setup.py takes it (amounts parsed here: a bad one
        is refused with its field, like any other value)."""
        decimals = self.decimals.value()
        programme = replace(self._programme_on_screen(), currency_decimals=decimals)
        tiers = []
        for code, name, spend, multiplier in self.tier_rows:
            tier = {"code": code, "name": name.text(), "multiplier": multiplier.text().strip().replace(",", ".")}
            if spend.isEnabled():
                tier["min_spend_cents"] = amount_from_text(programme, spend.text(), field="min_spend", allow_zero=True)
            tiers.append(tier)
        settings = {"shop_name": self.shop_name.text(), "logo_path": self.logo.text().strip(),
                    "language": self.language.currentData(), "currency": self.currency.currentText().strip().upper(),
                    "currency_decimals": decimals, "max_amount": self.max_amount.text(),
                    "timezone": self.timezone.currentText().strip(),
                    "earn_rate": self.earn_rate.text().strip().replace(",", "."),
                    "points_per_currency_unit": self.points_per_unit.value(), "expiry_months": self.expiry.value()}
        owner = None
        if self.asks_owner:
            if self.secret.text() != self.again.text():
                raise LoyaltyError(self.tr("pin: the two entries differ"), "pin")
            owner = (self.owner_name.text(), self.secret.text())
        return Setup(settings, tiers, owner, demo=self.offers_demo and self.demo.isChecked())

    def accept(self) -> None:
        for label in self.problem.values():
            label.clear()
        if self.offers_join and self.joining.isChecked():
            self._join()
            return
        try:
            self.result_ctx = apply_setup(self.ctx, self.setup())
        except LoyaltyError as error:
            self._show_problem(error)
            return
        super().accept()

    def _join(self) -> None:
        """Joins with the code, then takes in the chain's programme and staff; a refused code, or a
        hub out of reach, is said on the page and nothing is written."""
        try:
            join_chain(self.ctx, self.join_code.text().strip())
        except LoyaltyError as error:
            self.problem[JOIN].setText(error.message)
            return
        self.joined = True
        take_in_programme(self.ctx)      # a problem here is the header's: the background rounds try again
        super().accept()

    def _show_problem(self, error: LoyaltyError) -> None:
        """Back to the page of the refused value, which says why."""
        page = PAGE_OF_FIELD.get(error.field or "", TIERS)
        if page not in self.pageIds():
            page = SHOP
        while self.currentId() > page:
            self.back()
        self.problem[page].setText(error.message)
