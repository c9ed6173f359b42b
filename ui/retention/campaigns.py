"""Retention → Campaigns: what a campaign achieved (docs/metrics.md, "Campaign results") —
members targeted, those who bought during it, the conversion rate, the extra visits against
the days just before, the cost of its bonus points and the cost per converted member;
optionally only for a segment. Computed on a worker thread: it reads every targeted member."""

from PySide6.QtCore import QThread, Slot
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from loyalty.common.errors import LoyaltyError
from loyalty.programme.campaigns import list_campaigns
from loyalty.programme.context import Context
from loyalty.retention.campaign_results import CampaignResults, campaign_results

from ..widgets.background import call_in_background, stop_thread
from ..widgets.feedback import StatusBanner
from ..widgets.formatting import date_text, money_text, percent_text, points_text, signed_points_text
from .segment_picker import SegmentPicker

FIGURES = ("targeted", "buyers", "conversion", "visits", "extra_visits", "bonus_points", "cost", "cost_per_converted")


class CampaignsTab(QWidget):
    def __init__(self, ctx: Context, banner: StatusBanner, parent=None):
        super().__init__(parent)
        self.ctx, self.banner = ctx, banner
        self.thread: QThread | None = None
        self.result: CampaignResults | None = None
        self.campaign = QComboBox()
        self.campaign.setAccessibleName(self.tr("Campaign"))
        self.campaign.setMinimumContentsLength(20)
        self.campaign.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker = SegmentPicker(ctx, everyone=self.tr("Everyone it could reach"))
        self.show_button = QPushButton(self.tr("Show results"))
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.heading.setWordWrap(True)
        titles = {"targeted": self.tr("Members targeted"), "buyers": self.tr("Bought during it"),
                  "conversion": self.tr("Conversion rate"), "visits": self.tr("Visits: during / before"),
                  "extra_visits": self.tr("Extra visits"), "bonus_points": self.tr("Bonus points given"),
                  "cost": self.tr("Cost of the bonus points"),
                  "cost_per_converted": self.tr("Cost per converted member")}
        self.figures: dict[str, QLabel] = {}
        tiles = QGridLayout()
        for index, name in enumerate(FIGURES):
            frame = QFrame(frameShape=QFrame.Shape.StyledPanel)
            frame.setStyleSheet("QFrame { background: white; border-radius: 6px; }")
            title, value = QLabel(titles[name]), QLabel("—")
            title.setStyleSheet("font-size: 11pt; color: #555;")
            title.setWordWrap(True)
            value.setStyleSheet("font-size: 18pt; font-weight: 700;")
            value.setAccessibleName(titles[name])
            box = QVBoxLayout(frame)
            box.addWidget(title)
            box.addWidget(value)
            self.figures[name] = value
            tiles.addWidget(frame, index // 4, index % 4)
        self.explanation = QLabel(self.tr(
            "Targeted: active members with marketing consent who joined before the campaign started (with a "
            "segment: only those in it today). Extra visits: their sales during the campaign minus those in the "
            "same number of days just before. Cost: the value of the campaign's extra points."), wordWrap=True)
        self.explanation.setStyleSheet("color: #555;")
        top = QGridLayout()
        top.addWidget(QLabel(self.tr("Campaign")), 0, 0)
        top.addWidget(self.campaign, 0, 1)
        top.addWidget(QLabel(self.tr("Only a segment")), 1, 0)
        top.addWidget(self.picker, 1, 1)
        top.addWidget(self.show_button, 1, 2)
        top.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addLayout(tiles)
        layout.addWidget(self.explanation)
        layout.addStretch()
        self.show_button.clicked.connect(self.show_results)

    def activated(self) -> None:
        """The campaigns may have changed on Rewards & campaigns: list them afresh."""
        chosen = self.campaign.currentData()
        self.campaign.clear()
        for campaign in list_campaigns(self.ctx):
            self.campaign.addItem(self.tr("{name} ({first} – {last})").format(
                name=campaign.name, first=date_text(campaign.starts_on), last=date_text(campaign.ends_on)),
                campaign.id)
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(chosen)))
        self.show_button.setEnabled(self.campaign.count() > 0 and self.thread is None)
        if not self.campaign.count():
            self.heading.setText(self.tr("No campaigns yet: add one on Rewards & campaigns (Ctrl+3)."))

    def forget(self) -> None:
        self.result = None
        self.campaign.clear()
        self.heading.clear()
        for value in self.figures.values():
            value.setText("—")

    def show_results(self) -> None:
        campaign_id = self.campaign.currentData()
        if self.thread is not None or campaign_id is None:
            return
        try:
            segment, value = self.picker.chosen()
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.show_button.setEnabled(False)
        self.banner.show_message("info", self.tr("Counting the campaign's members and visits…"))
        self.thread = call_in_background(self, self.ctx, lambda ctx: campaign_results(ctx, campaign_id, segment, value),
                                         self._shown, self._failed, self._finished)

    @Slot(object)
    def _shown(self, result: CampaignResults) -> None:
        self.result = result
        programme = self.ctx.programme()
        money = lambda cents: money_text(cents, programme.currency_decimals, programme.currency)  # noqa: E731
        segment = self.picker.segment.currentText() if self.picker.segment.currentData() else ""
        self.heading.setText(self.tr("{name}, {first} – {last}").format(
            name=result.name, first=date_text(result.starts_on), last=date_text(result.ends_on))
            + (f" · {segment} {self.picker.value.currentText() if self.picker.value.isEnabled() else ''}".rstrip()
               if segment else ""))
        values = {"targeted": points_text(result.targeted), "buyers": points_text(result.buyers),
                  "conversion": percent_text(result.conversion_rate),
                  "visits": f"{points_text(result.visits_during)} / {points_text(result.visits_before)}",
                  "extra_visits": signed_points_text(result.extra_visits) or "0",
                  "bonus_points": points_text(result.bonus_points), "cost": money(result.cost_cents),
                  "cost_per_converted": money(result.cost_per_converted_cents) if result.buyers else "—"}
        for name, text in values.items():
            self.figures[name].setText(text)
        self.banner.show_message("success", self.tr("{buyers} of {targeted} targeted members bought during "
                                                    "{name}.", "", result.buyers).format(buyers=points_text(result.buyers),
                                                                      targeted=points_text(result.targeted),
                                                                      name=result.name))

    @Slot(str)
    def _failed(self, problem: str) -> None:
        self.banner.show_message("error", problem)

    @Slot()
    def _finished(self) -> None:
        self.thread = None
        self.show_button.setEnabled(self.campaign.count() > 0)

    def shutdown(self) -> None:
        stop_thread(self.thread)

