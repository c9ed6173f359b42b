"""The scanned member at a glance: who, which tier, how many points and what
they are worth, how far to the next tier, what expires soon, birthday, visits, notes."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout

from loyalty.ledger.lookup import MemberSummary

from ..widgets.formatting import date_text, moment_text, money_text, points_text
from ..widgets.notes import note_text


def _label(style: str = "", name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    if name:
        label.setAccessibleName(name)
    return label


def readable_text_colour(background: str) -> str:
    """Black or white, whichever reads better on the tier's colour."""
    hex_colour = background.lstrip("#")
    if len(hex_colour) != 6:
        return "#000000"
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return "#000000" if (red * 299 + green * 587 + blue * 114) / 1000 > 140 else "#ffffff"


class MemberPanel(QFrame):
    def __init__(self, currency: str = "EUR", decimals: int = 2, timezone: str = "Europe/Madrid", parent=None):
        super().__init__(parent)
        self.currency, self.decimals, self.timezone = currency, decimals, timezone
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(320)
        self.name = _label("font-size: 20pt; font-weight: 700;", self.tr("Member name"))
        self.tier = _label(name=self.tr("Tier"))
        self.card = _label("font-size: 11pt; color: #555;", self.tr("Card number"))
        self.balance = _label("font-size: 26pt; font-weight: 700;", self.tr("Points balance"))
        self.value = _label("font-size: 13pt;", self.tr("Value of the points"))
        self.progress_text = _label("font-size: 12pt;", self.tr("Progress to the next tier"))
        self.progress = QProgressBar(textVisible=False, maximumHeight=10)
        self.progress.setAccessibleName(self.tr("Progress to the next tier"))
        self.expiring = _label("font-size: 12pt; color: #a3261b; font-weight: 600;", self.tr("Points expiring soon"))
        self.birthday = _label("font-size: 13pt; color: #8a3ab9; font-weight: 700;", self.tr("Birthday"))
        self.visits = _label("font-size: 11pt; color: #333;", self.tr("Last visits"))
        self.notes = _label("font-size: 11pt; background: #fffbe6; padding: 4px;", self.tr("Notes"))
        self.offline = _label("font-size: 11pt; background: #fdf0dc; color: #6b3f00; padding: 4px;",
                              self.tr("This till is offline"))
        self.followups = _label("font-size: 12pt; background: #e8f0fb; padding: 4px; font-weight: 600;",
                                self.tr("Follow-ups"))
        layout = QVBoxLayout(self)
        for widget in (self.name, self.tier, self.card, self.balance, self.value, self.progress_text, self.progress,
                       self.expiring, self.birthday, self.offline, self.followups, self.visits, self.notes):
            layout.addWidget(widget)
        layout.addStretch()
        self.show_summary(None)

    def show_summary(self, summary: MemberSummary | None) -> None:
        if summary is None:
            self.name.setText(self.tr("No member selected"))
            for widget in (self.tier, self.card, self.balance, self.value, self.progress_text, self.progress,
                           self.expiring, self.birthday, self.offline, self.followups, self.visits, self.notes):
                widget.hide()
            return
        found, progress = summary.lookup, summary.progress
        member = found.member
        self.name.setText(member.name)
        colour = found.tier.colour
        self.tier.setText(found.tier.name)
        self.tier.setStyleSheet(f"background: {colour}; color: {readable_text_colour(colour)}; font-size: 13pt;"
                                "font-weight: 700; padding: 4px 12px; border-radius: 6px;")
        self.tier.setMaximumWidth(self.tier.fontMetrics().horizontalAdvance(found.tier.name) * 2 + 40)
        self.card.setText(self.tr("Card {card}").format(card=member.card))
        self.balance.setText(self.tr("{points} points", "", abs(found.balance)).format(points=points_text(found.balance)))
        self.value.setText(self.tr("Worth {value}").format(value=self._money(found.balance_value_cents)))
        if progress.next_tier is not None:
            self.progress_text.setText(self.tr("{amount} more for {tier}").format(
                amount=self._money(progress.missing_cents), tier=progress.next_tier.name))
            self.progress.setRange(0, max(1, progress.next_tier.min_spend_cents))
            self.progress.setValue(min(progress.qualifying_spend_cents, progress.next_tier.min_spend_cents))
        else:
            self.progress_text.setText(self.tr("Top tier"))
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
        self.expiring.setText(self.tr("{points} points expire on {day}", "", found.expiring_points).format(
            points=points_text(found.expiring_points), day=date_text(found.expiring_on or "")))
        self.birthday.setText(self.tr("🎂 Birthday today!"))
        visits = ", ".join(moment_text(moment, self.timezone) for moment in summary.last_visits)
        self.visits.setText((self.tr("Last visits: {visits}").format(visits=visits) if visits
                             else self.tr("First visit")) + self._profile_text(summary.profile))
        self.notes.setText(member.notes)
        lines = [self.tr("☎ {reason}").format(reason=note_text(reason)) for reason in summary.followups]
        lines += [self.tr("⚠ Open complaint — {what}").format(what=what) for what in summary.open_complaints]
        self.followups.setText("\n".join(lines))
        self.followups.setVisible(bool(lines))
        for widget in (self.tier, self.card, self.balance, self.value, self.progress_text, self.progress, self.visits):
            widget.show()
        self.expiring.setVisible(found.expiring_points > 0)
        self.birthday.setVisible(summary.birthday_today)
        self.notes.setVisible(bool(member.notes))
        self._show_offline(summary.offline)

    def _show_offline(self, limit) -> None:
        """Before the cashier tries: this till has not reached the hub lately, so points earned at
        other tills may not be here yet, and redemptions here are capped (ledger/redemptions.py)."""
        self.offline.setVisible(limit is not None)
        if limit is None:
            return
        since = (self.tr("since {moment}").format(moment=moment_text(limit.since.isoformat(), self.timezone))
                 if limit.since else self.tr("since it joined"))
        self.offline.setText(self.tr("⚠ This till has not reached the hub {since}: points earned at other tills may "
                                     "not be here yet. Redeem here today: up to {left} points more (limit {limit}).")
                             .format(since=since, left=points_text(limit.left), limit=points_text(limit.limit)))

    def _profile_text(self, profile) -> str:
        """The regular's rhythm, as a shop assistant would say it."""
        if profile is None or profile.visits < 2:
            return ""
        days = (self.tr("Mondays"), self.tr("Tuesdays"), self.tr("Wednesdays"), self.tr("Thursdays"),
                self.tr("Fridays"), self.tr("Saturdays"), self.tr("Sundays"))
        parts = [self.tr("{count} visits", "", profile.visits).format(count=points_text(profile.visits))]
        if profile.usual_interval_days is not None:   # every visit on one day: no rhythm to tell yet
            parts.append(self.tr("usually every {count} days", "", profile.usual_interval_days).format(
                count=points_text(profile.usual_interval_days)))
        parts += [self.tr("mostly {day}").format(day=days[profile.favourite_weekday - 1]),
                  self.tr("average {ticket}").format(ticket=self._money(profile.average_ticket_cents))]
        return "\n" + " · ".join(parts)

    def _money(self, minor_units: int) -> str:
        return money_text(minor_units, self.decimals, self.currency)
