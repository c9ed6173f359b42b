"""Choosing a segment and its value (N days, an amount, a tier, an RFM segment): the
Segments tab and the campaign results share one picker, so they name segments alike."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from loyalty.programme.context import Context
from loyalty.programme.currencies import scaled_amount
from loyalty.programme.rules import load_tiers
from loyalty.retention.rfm import SEGMENTS

from ..widgets.formatting import amount_from_text, money_text

NEAR_NEXT_TIER_EUR_CENTS = (2_000, 5_000)   # the choices offered, as in a euro shop: 20 € and 50 € short


def segment_words() -> dict[str, str]:
    """The RFM segments (loyalty/retention/rfm.py SEGMENTS) as the screens name them: the picker, a member's record."""
    translate = QCoreApplication.translate   # literal calls, so that lupdate finds them under their context
    return {"champions": translate("SegmentPicker", "champions"), "loyal": translate("SegmentPicker", "loyal"),
            "new": translate("SegmentPicker", "new"), "potential": translate("SegmentPicker", "potential"),
            "at_risk": translate("SegmentPicker", "at risk"), "hibernating": translate("SegmentPicker", "hibernating"),
            "lost": translate("SegmentPicker", "lost")}


class SegmentPicker(QWidget):
    def __init__(self, ctx: Context, everyone: str | None = None, parent=None):
        """`everyone`: the label of a first choice meaning "no segment" (None: no such choice)."""
        super().__init__(parent)
        self.ctx = ctx
        self.segment = QComboBox()
        self.segment.setAccessibleName(self.tr("Segment"))
        # Long names would widen the whole window past a 1024-pixel screen: the list shows them whole.
        self.segment.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.segment.setMinimumContentsLength(22)
        if everyone is not None:
            self.segment.addItem(everyone, None)
        for key, label in (("rfm", self.tr("RFM segment")), ("lapsed", self.tr("No sale in N days")),
                           ("birthday_this_month", self.tr("Birthday this month")),
                           ("expiring", self.tr("Points expiring within N days")),
                           ("near_next_tier", self.tr("Within an amount of the next tier")),
                           ("new_this_month", self.tr("New this month")), ("tier", self.tr("In a tier"))):
            self.segment.addItem(label, key)
        self.value = QComboBox(editable=True)
        self.value.setAccessibleName(self.tr("Value"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.segment, 1)
        layout.addWidget(self.value)
        self.segment.currentIndexChanged.connect(self._segment_changed)
        self._segment_changed()

    def _segment_changed(self) -> None:
        """The choices of the segment's value, each shown in words and chosen by its code (an RFM
        segment, a tier); numbers can also be typed."""
        words = segment_words()
        numbers = lambda *texts: [(text, text) for text in texts]  # noqa: E731
        programme = self.ctx.programme()
        amounts = [(money_text(minor, programme.currency_decimals, programme.currency), minor)
                   for minor in (scaled_amount(eur_cents, programme.currency, programme.currency_decimals)
                                 for eur_cents in NEAR_NEXT_TIER_EUR_CENTS)]
        values = {"rfm": [(words.get(key, key), key) for key in SEGMENTS], "lapsed": numbers("60", "90", "180"),
                  "expiring": numbers("30", "60", "90"), "near_next_tier": amounts,
                  "tier": [(tier.name, tier.code) for tier in load_tiers(self.ctx.db)]}
        self.value.clear()
        for label, key in values.get(self.segment.currentData(), []):
            self.value.addItem(label, key)
        self.value.setEnabled(self.segment.currentData() in values)

    def chosen(self) -> tuple[str | None, str | int | None]:
        """(segment, value): the value only for segments that take one — the code of a choice
        shown in words, an amount typed in the shop's format, else what was typed. A ValidationError
        names a typed amount the shop cannot read."""
        name = self.segment.currentData()
        if not self.value.isEnabled():
            return name, None
        text = self.value.currentText().strip()
        index = self.value.findText(text)
        if index >= 0:
            return name, self.value.itemData(index)
        if name == "near_next_tier" and text:
            return name, amount_from_text(self.ctx.programme(), text, "amount", allow_zero=True)
        return name, text or None
