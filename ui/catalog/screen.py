"""Rewards & campaigns: list, add, edit, deactivate/reactivate. One form per list;
choosing a row loads it into the form for editing, "New" clears it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QTableWidget,
                               QVBoxLayout, QWidget)

from loyalty.common.errors import LoyaltyError, ValidationError
from loyalty.programme.campaigns import add_campaign, list_campaigns, set_campaign_active, update_campaign
from loyalty.programme.context import Context
from loyalty.programme.points import parse_points
from loyalty.programme.rewards import add_reward, list_rewards, set_reward_active, update_reward

from ..widgets.feedback import StatusBanner
from ..widgets.formatting import date_text, points_text, weekday_text
from ..widgets.tables import fill_table, keep_headings_whole, make_table


class CatalogScreen(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.banner = StatusBanner()
        self.banner.show_message("info", self.tr("Choose a row to edit it, or fill the form and press Add."))
        self.rewards = make_table([self.tr("Reward"), self.tr("Points"), self.tr("Stock"), self.tr("Active")],
                              self.tr("Rewards"))
        self.reward_name = QLineEdit()
        self.reward_cost = QLineEdit(placeholderText="500")
        self.reward_stock = QLineEdit(placeholderText=self.tr("empty = unlimited"))
        self.campaigns = make_table([self.tr("Campaign"), self.tr("Multiplier"), self.tr("From"), self.tr("To"),
                                 self.tr("Days"), self.tr("Active")], self.tr("Campaigns"))
        self.campaign_name = QLineEdit()
        self.campaign_multiplier = QLineEdit(placeholderText="2")
        self.campaign_start = QLineEdit(placeholderText="2026-03-01")
        self.campaign_end = QLineEdit(placeholderText="2026-03-31")
        self.campaign_days = QLineEdit(placeholderText=self.tr("e.g. tue,thu — empty = every day"))
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()   # campaigns have six columns to the rewards' four: more of the width
        columns.addWidget(self._section(self.tr("Rewards catalog"), self.rewards,
                                        ((self.tr("Name"), self.reward_name), (self.tr("Points"), self.reward_cost),
                                         (self.tr("Stock"), self.reward_stock)), "reward"), 2)
        columns.addWidget(self._section(self.tr("Campaigns"), self.campaigns,
                                        ((self.tr("Name"), self.campaign_name),
                                         (self.tr("Multiplier"), self.campaign_multiplier),
                                         (self.tr("From"), self.campaign_start), (self.tr("To"), self.campaign_end),
                                         (self.tr("Weekdays"), self.campaign_days)), "campaign"), 3)
        layout.addLayout(columns, 1)
        layout.addWidget(self.banner)
        self.rewards.itemSelectionChanged.connect(self._reward_chosen)
        self.campaigns.itemSelectionChanged.connect(self._campaign_chosen)
        self.reload()

    def _section(self, title: str, table: QTableWidget, fields, kind: str) -> QGroupBox:
        box = QGroupBox(title)
        box.setStyleSheet("QGroupBox { font-size: 14pt; font-weight: 600; } QLineEdit { font-size: 12pt; }")
        form = QFormLayout()
        for label, field in fields:
            field.setAccessibleName(f"{title}: {label}")
            form.addRow(label, field)
        buttons = QGridLayout()  # two rows of two: fits a 1024-pixel screen beside the sidebar
        for position, (key, text, slot) in enumerate((
                ("new", self.tr("New"), lambda: self._clear(kind)), ("add", self.tr("Add"), lambda: self._save(kind, False)),
                ("save", self.tr("Save changes"), lambda: self._save(kind, True)),
                ("activate", self.tr("Activate / deactivate"), lambda: self._toggle(kind)))):
            button = QPushButton(text)
            button.setAccessibleName(f"{title}: {text}")
            button.clicked.connect(slot)
            buttons.addWidget(button, position // 2, position % 2)
            setattr(self, f"{kind}_{key}_button", button)   # the same name in every language
        layout = QVBoxLayout(box)
        layout.addWidget(table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return box

    def activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        rewards = list_rewards(self.ctx)
        fill_table(self.rewards, [(r.name, points_text(r.points_cost), "∞" if r.stock is None else str(r.stock),
                              self.tr("yes") if r.active else self.tr("no")) for r in rewards], rewards)
        campaigns = list_campaigns(self.ctx)
        fill_table(self.campaigns, [(c.name, "×" + c.multiplier, date_text(c.starts_on), date_text(c.ends_on),
                                self._weekdays_text(c.weekdays), self.tr("yes") if c.active else self.tr("no"))
                               for c in campaigns], campaigns)
        for table in (self.rewards, self.campaigns):
            keep_headings_whole(table)

    def _weekdays_text(self, weekdays: str) -> str:
        if not weekdays:
            return self.tr("every day")
        # The locale's short names ("mar, jue"; "Tue, Thu"), which the campaign's form reads back too.
        return ", ".join(weekday_text(int(day)) for day in weekdays.split(","))

    def _selected(self, kind: str):
        table = self.rewards if kind == "reward" else self.campaigns
        item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _reward_chosen(self) -> None:
        reward = self._selected("reward")
        if reward is not None:
            self.reward_name.setText(reward.name)
            self.reward_cost.setText(str(reward.points_cost))
            self.reward_stock.setText("" if reward.stock is None else str(reward.stock))

    def _campaign_chosen(self) -> None:
        campaign = self._selected("campaign")
        if campaign is not None:
            self.campaign_name.setText(campaign.name)
            self.campaign_multiplier.setText(campaign.multiplier)
            self.campaign_start.setText(campaign.starts_on)
            self.campaign_end.setText(campaign.ends_on)
            self.campaign_days.setText("" if not campaign.weekdays else self._weekdays_text(campaign.weekdays))

    def _clear(self, kind: str) -> None:
        table = self.rewards if kind == "reward" else self.campaigns
        table.clearSelection()
        table.setCurrentCell(-1, -1)
        fields = (self.reward_name, self.reward_cost, self.reward_stock) if kind == "reward" else (
            self.campaign_name, self.campaign_multiplier, self.campaign_start, self.campaign_end, self.campaign_days)
        for field in fields:
            field.clear()
        fields[0].setFocus()

    def _save(self, kind: str, editing: bool) -> None:
        selected = self._selected(kind)
        if editing and selected is None:
            self.banner.show_message("warning", self.tr("Choose the row to change first."))
            return
        try:
            if kind == "reward":
                values = (self.reward_name.text(), parse_points(self.reward_cost.text(), "points"),
                          self._stock(self.reward_stock.text()))
                saved = update_reward(self.ctx, selected.id, *values) if editing else add_reward(self.ctx, *values)
            else:
                values = (self.campaign_name.text(), self.campaign_multiplier.text(), self.campaign_start.text(),
                          self.campaign_end.text(), self.campaign_days.text())
                saved = update_campaign(self.ctx, selected.id, *values) if editing else add_campaign(self.ctx, *values)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.reload()
        self.banner.show_message("success", (self.tr("Saved: {name}") if editing else self.tr("Added: {name}")).format(
            name=saved.name))

    @staticmethod
    def _stock(text: str) -> int | None:
        clean = text.strip()
        if not clean:
            return None
        if not clean.isdigit():
            raise ValidationError(f"stock: '{clean}' is not a whole number (leave empty for unlimited)", "stock")
        return int(clean)

    def _toggle(self, kind: str) -> None:
        selected = self._selected(kind)
        if selected is None:
            self.banner.show_message("warning", self.tr("Choose the row first."))
            return
        toggle = set_reward_active if kind == "reward" else set_campaign_active
        saved = toggle(self.ctx, selected.id, not selected.active)
        self.reload()
        self.banner.show_message("success", (self.tr("{name} is active again") if saved.active
                                             else self.tr("{name} is deactivated")).format(name=saved.name))
