"""Choosing a segment and its value (N days, an amount, a tier, an RFM segment): the
Segments tab and the campaign results share one picker, so they name segments alike."""

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from loyalty.context import Context
from loyalty.programme import load_tiers
from loyalty.rfm import SEGMENTS


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
                           ("near_next_tier", self.tr("Within an amount of the next tier (cents)")),
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
        values = {"rfm": list(SEGMENTS), "lapsed": ["60", "90", "180"], "expiring": ["30", "60", "90"],
                  "near_next_tier": ["2000", "5000"], "tier": [tier.code for tier in load_tiers(self.ctx.db)]}
        self.value.clear()
        self.value.addItems(values.get(self.segment.currentData(), []))
        self.value.setEnabled(self.segment.currentData() in values)

    def chosen(self) -> tuple[str | None, str | None]:
        """(segment, value): the value only for segments that take one."""
        name = self.segment.currentData()
        value = self.value.currentText().strip() if self.value.isEnabled() else ""
        return name, value or None
