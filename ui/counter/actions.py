"""The counter's three actions on the scanned member: sale, redemption, refund.
Each panel validates inline as the cashier types and reports the outcome by signal
(the counter screen shows it on the banner and refreshes the member)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from loyalty.common.errors import LoyaltyError
from loyalty.ledger.lookup import MemberSummary
from loyalty.ledger.redemptions import redeem_points, redeem_reward
from loyalty.ledger.sales import post_sale, quote_refund, quote_sale, recent_sales, refund_sale
from loyalty.programme.context import Context
from loyalty.programme.currencies import defaults_for
from loyalty.programme.points import parse_points, points_value
from loyalty.programme.rewards import list_rewards

from ..widgets.formatting import (amount_for_editing, amount_from_text, moment_text, money_text, points_text,
                                  signed_points_text)
from ..widgets.sign_in import with_approval

BIG = "font-size: 16pt; padding: 6px;"
HINT = "font-size: 15pt; color: #1f4e8c; font-weight: 600; padding: 4px 0;"   # the earning, the refund's points
PROBLEM = "font-size: 15pt; color: #a3261b; font-weight: 600; padding: 4px 0;"


class ActionPanel(QWidget):
    succeeded = Signal(str, object)   # message, the entry written (for undo)
    failed = Signal(str)

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary: MemberSummary | None = None

    @property
    def member(self):
        return self.summary.lookup.member if self.summary else None

    def set_summary(self, summary: MemberSummary | None) -> None:
        self.summary = summary
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - every panel overrides it
        pass

    def money(self, minor_units: int) -> str:
        programme = self.ctx.programme()
        return money_text(minor_units, programme.currency_decimals, programme.currency)

    def amount_typed(self, field: QLineEdit) -> int:
        return amount_from_text(self.ctx.programme(), field.text())

    def example_amount(self) -> str:
        """A typical sale in the shop's money, as it is typed: "12,50" €, "50.000" Colombian pesos."""
        programme = self.ctx.programme()
        return amount_for_editing(defaults_for(programme.currency, programme.currency_decimals).typical_amount,
                                  programme.currency_decimals)

    def _field(self, placeholder: str, name: str) -> QLineEdit:
        field = QLineEdit(placeholderText=placeholder)
        field.setAccessibleName(name)
        field.setStyleSheet(BIG)
        field.setMinimumHeight(44)
        return field

    def _hint(self) -> QLabel:
        label = QLabel(wordWrap=True)
        label.setStyleSheet(HINT)
        return label

    def _button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(48)
        button.setStyleSheet("font-size: 14pt; font-weight: 600; padding: 6px 18px;")
        button.setAccessibleName(text)
        return button

    def _show(self, label: QLabel, text: str, problem: bool = False) -> None:
        label.setStyleSheet(PROBLEM if problem else HINT)
        label.setText(text)


class SalePanel(ActionPanel):
    """Amount, Enter: the sale is posted. The earning is previewed as it is typed."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(ctx, parent)
        self.amount = self._field("", self.tr("Sale amount"))
        self.reference = self._field(self.tr("Receipt number (optional)"), self.tr("Receipt number"))
        self.preview = self._hint()
        self.post_button = self._button(self.tr("Record sale (Enter)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Receipt"), self.reference)
        form.addRow(self.preview)
        form.addRow(self.post_button)
        self.amount.textChanged.connect(self.refresh)
        self.amount.returnPressed.connect(self.post)
        self.reference.returnPressed.connect(self.post)
        self.post_button.clicked.connect(self.post)
        self.refresh()

    def refresh(self) -> None:
        if not self.amount.text():   # shown only then; the currency may have changed in Settings
            self.amount.setPlaceholderText(self.tr("Amount, e.g. {example}").format(example=self.example_amount()))
        if self.member is None:
            self._show(self.preview, self.tr("Scan a card first."))
            return
        text = self.amount.text().strip()
        if not text:
            self._show(self.preview, self.tr("Type the amount and press Enter."))
            return
        try:
            cents = self.amount_typed(self.amount)
            earning = quote_sale(self.ctx, self.member, cents)
        except LoyaltyError as error:
            self._show(self.preview, error.message, problem=True)
            return
        parts = [self.tr("{points} base").format(points=points_text(earning.base))]
        if earning.tier_bonus:
            parts.append(self.tr("{points} {tier}").format(points=points_text(earning.tier_bonus),
                                                           tier=self.summary.lookup.tier.name))
        if earning.campaign_bonus:
            parts.append(self.tr("{points} campaign").format(points=points_text(earning.campaign_bonus)))
        self._show(self.preview, self.tr("Earns {total} points ({parts})", "", earning.total).format(
            total=points_text(earning.total), parts=" + ".join(parts)))

    def post(self) -> None:
        if self.member is None:
            self.failed.emit(self.tr("Scan a member's card before recording a sale."))
            return
        try:
            cents = self.amount_typed(self.amount)
            result = post_sale(self.ctx, self.member.card, cents, self.reference.text() or None)
        except LoyaltyError as error:
            self.failed.emit(error.message)
            return
        self.amount.clear()
        self.reference.clear()
        if result.already_recorded:
            text = self.tr("Receipt {ref} was already recorded: nothing added · balance {balance}")
        else:
            text = self.tr("{points} points for {amount} · balance {balance}", "", abs(result.earning.total))
            bonus_texts = {"birthday": self.tr("{points} birthday bonus"), "referral": self.tr("{points} referral bonus"),
                           "welcome": self.tr("{points} welcome bonus"), "campaign": self.tr("{points} campaign bonus")}
            for bonus in result.bonuses:
                text += " · " + bonus_texts.get(bonus.bonus_kind, self.tr("{points} bonus")).format(
                    points=signed_points_text(bonus.points))
            if result.tier_changed:
                text += " · " + self.tr("now {tier}!").format(tier=result.tier.name)
        self.succeeded.emit(text.format(ref=result.entry.receipt_ref, points=signed_points_text(result.earning.total),
                                        amount=self.money(result.entry.amount_cents),
                                        balance=points_text(result.balance)), result.entry)


class RedeemPanel(ActionPanel):
    """A catalog reward, or points taken off the bill as a discount."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(ctx, parent)
        self.rewards = QComboBox()
        self.rewards.setAccessibleName(self.tr("Reward"))
        self.rewards.setStyleSheet(BIG)
        # As wide as the column, not as the longest reward's name (which made the counter wider
        # than a 1024-pixel screen); the list that drops down shows every name whole.
        self.rewards.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rewards.setMinimumContentsLength(12)
        self.rewards.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.reward_button = self._button(self.tr("Redeem reward"))
        self.points = self._field(self.tr("Points, e.g. 500"), self.tr("Points to redeem as a discount"))
        self.points_hint = self._hint()
        self.points_button = self._button(self.tr("Redeem points (Enter)"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Catalog reward")))
        layout.addWidget(self.rewards)
        layout.addWidget(self.reward_button)
        layout.addWidget(QLabel(self.tr("Or points as a discount")))
        layout.addWidget(self.points)
        layout.addWidget(self.points_hint)
        layout.addWidget(self.points_button)
        layout.addStretch()
        self.points.textChanged.connect(self._update_points_hint)
        self.points.returnPressed.connect(self.redeem_points)
        self.points_button.clicked.connect(self.redeem_points)
        self.reward_button.clicked.connect(self.redeem_reward)
        self.rewards.currentIndexChanged.connect(self._update_reward_button)
        self.refresh()

    def refresh(self) -> None:
        self.rewards.clear()
        for reward in list_rewards(self.ctx, active_only=True):
            stock = "" if reward.stock is None else " · " + self.tr("{n} left", "", reward.stock).format(
                n=points_text(reward.stock))
            self.rewards.addItem(self.tr("{reward} — {points} points", "", reward.points_cost).format(
                reward=reward.name, points=points_text(reward.points_cost)) + stock, reward)
        self._update_points_hint()
        self._update_reward_button()

    def _balance(self) -> int:
        return self.summary.lookup.balance if self.summary else 0

    def _update_reward_button(self) -> None:
        reward = self.rewards.currentData()
        affordable = reward is not None and self.member is not None and reward.points_cost <= self._balance()
        self.reward_button.setEnabled(affordable and reward.stock != 0)

    def _update_points_hint(self) -> None:
        text = self.points.text().strip()
        self.points_button.setEnabled(False)
        if self.member is None:
            self._show(self.points_hint, self.tr("Scan a card first."))
            return
        if not text:
            self._show(self.points_hint, self.tr("Balance {points} points", "", abs(self._balance())).format(
                points=points_text(self._balance())))
            return
        try:
            points = parse_points(text)
        except LoyaltyError as error:
            self._show(self.points_hint, error.message, problem=True)
            return
        if points > self._balance():
            self._show(self.points_hint, self.tr("Only {balance} points available", "", abs(self._balance())).format(
                balance=points_text(self._balance())), problem=True)
            return
        programme = self.ctx.programme()
        value = points_value(points, programme.points_per_currency_unit, programme.currency_decimals)
        self._show(self.points_hint, self.tr("{points} points = {value} off", "", points).format(
            points=points_text(points), value=self.money(value)))
        self.points_button.setEnabled(True)

    def redeem_points(self) -> None:
        if self.member is None:
            self.failed.emit(self.tr("Scan a member's card before redeeming."))
            return
        try:
            result = redeem_points(self.ctx, self.member.card, parse_points(self.points.text()))
        except LoyaltyError as error:
            self.failed.emit(error.message)
            return
        self.points.clear()
        self.succeeded.emit(self.tr("{points} points redeemed: {value} off · balance {balance}", "",
                                    abs(result.entry.points)).format(
            points=signed_points_text(result.entry.points), value=self.money(result.value_cents),
            balance=points_text(result.balance)), result.entry)

    def redeem_reward(self) -> None:
        reward = self.rewards.currentData()
        if self.member is None or reward is None:
            self.failed.emit(self.tr("Scan a member's card and pick a reward."))
            return
        try:
            result = redeem_reward(self.ctx, self.member.card, reward.id)
        except LoyaltyError as error:
            self.failed.emit(error.message)
            return
        self.succeeded.emit(self.tr("{reward} given for {points} points · balance {balance}", "",
                                    reward.points_cost).format(
            reward=reward.name, points=points_text(reward.points_cost), balance=points_text(result.balance)),
            result.entry)


class RefundPanel(ActionPanel):
    """Pick one of the member's recent sales; refund all or part of it."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(ctx, parent)
        self.sales = QListWidget()
        self.sales.setAccessibleName(self.tr("Recent sales"))
        self.sales.setStyleSheet("font-size: 12pt;")
        self.amount = self._field(self.tr("Amount to refund"), self.tr("Refund amount"))
        self.preview = self._hint()
        self.confirm = self._button(self.tr("Refund (Enter)"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Recent sales")))
        layout.addWidget(self.sales, 1)
        layout.addWidget(self.amount)
        layout.addWidget(self.preview)
        layout.addWidget(self.confirm)
        self.sales.currentItemChanged.connect(self._sale_chosen)
        self.amount.textChanged.connect(self._update_preview)
        self.amount.returnPressed.connect(self.refund)
        self.confirm.clicked.connect(self.refund)
        self.refresh()

    def refresh(self) -> None:
        self.sales.clear()
        if self.member is not None:
            timezone = self.ctx.programme().timezone
            for sale in recent_sales(self.ctx, self.member.id):
                entry = sale.sale
                text = self.tr("{when} · receipt {ref} · {amount} · {points} pts").format(
                    when=moment_text(entry.created_at, timezone), ref=entry.receipt_ref, amount=self.money(entry.amount_cents),
                    points=points_text(entry.points))
                if sale.refunded_cents:
                    text += " · " + self.tr("{left} left").format(left=self.money(sale.left_cents))
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, sale)
                self.sales.addItem(item)
        if self.sales.count():
            self.sales.setCurrentRow(0)
        else:
            self.amount.clear()
            self._update_preview()

    def _chosen(self):
        item = self.sales.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _sale_chosen(self) -> None:
        sale = self._chosen()
        if sale is not None:
            self.amount.setText(amount_for_editing(sale.left_cents, self.ctx.programme().currency_decimals))
        self._update_preview()

    def _update_preview(self) -> None:
        sale = self._chosen()
        self.confirm.setEnabled(False)
        if sale is None:
            self._show(self.preview, self.tr("No sales to refund.") if self.member else self.tr("Scan a card first."))
            return
        try:
            cents = self.amount_typed(self.amount)
            points = quote_refund(self.ctx, sale.sale, cents)
        except LoyaltyError as error:
            self._show(self.preview, error.message, problem=True)
            return
        self._show(self.preview, self.tr("Refunding {amount} takes back {points} points", "", points).format(
            amount=self.money(cents), points=points_text(points)))
        self.confirm.setEnabled(True)

    def refund(self) -> None:
        sale = self._chosen()
        if self.member is None or sale is None:
            self.failed.emit(self.tr("Pick the sale to refund."))
            return
        try:
            cents = self.amount_typed(self.amount)
            result = with_approval(self, self.ctx,
                                   lambda ctx: refund_sale(ctx, self.member.card, cents, sale.sale.receipt_ref))
        except LoyaltyError as error:
            self.failed.emit(error.message)
            return
        self.succeeded.emit(self.tr("Refund of {amount} on receipt {ref}: {points} points · balance {balance}", "",
                                    abs(result.entry.points)).format(
            amount=self.money(cents), ref=sale.sale.receipt_ref, points=signed_points_text(result.entry.points),
            balance=points_text(result.balance)), result.entry)
