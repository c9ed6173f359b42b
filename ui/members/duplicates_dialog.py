"""Members who may be one person (loyalty/people/duplicates.py: the same phone or e-mail — most
often one person enrolled at two tills while they were offline), for the owner: each pair side by
side, and *Merge* keeps the one chosen (ledger/merges.py): the other's points move to it, the
other's card opens it at every till, both histories stay. A merge is confirmed first. Below, the
merges in force: *Undo the chosen merge…* parts the two again, as a reversal (the points that
moved come back; both histories keep the merge and its undoing)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QRadioButton, QVBoxLayout)

from loyalty.common.errors import LoyaltyError
from loyalty.ledger.merges import Merge, merge_members, merges_made, undo_merge
from loyalty.people.duplicates import PossibleDuplicate, possible_duplicates
from loyalty.people.members import Member
from loyalty.programme.context import Context
from loyalty.reports.stores import home_store

from ..widgets.feedback import StatusBanner
from ..widgets.formatting import moment_day_text, points_text


class DuplicatesDialog(QDialog):
    merged = Signal()

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Possible duplicate members"))
        self.setMinimumSize(760, 520)
        self.pairs: list[PossibleDuplicate] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Possible duplicates"))
        self.list.currentRowChanged.connect(self._show_pair)
        self.side_by_side = QGridLayout()
        self.fields = (self.tr("Name"), self.tr("Card"), self.tr("Phone"), self.tr("E-mail"), self.tr("Joined"),
                       self.tr("Home store"), self.tr("Points"))
        self.cells: list[list[QLabel]] = [[], []]
        for row, field in enumerate(self.fields, start=1):
            self.side_by_side.addWidget(QLabel(f"<b>{field}</b>"), row, 0)
            for side in (0, 1):
                cell = QLabel()
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                cell.setAccessibleName(field)
                self.side_by_side.addWidget(cell, row, side + 1)
                self.cells[side].append(cell)
        self.keep = QButtonGroup(self)
        for side in (0, 1):
            choice = QRadioButton(self.tr("Keep this one"))
            self.keep.addButton(choice, side)
            self.side_by_side.addWidget(choice, 0, side + 1)
        self.keep.button(0).setChecked(True)
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.clicked.connect(self.merge_chosen)
        self.merges: list[Merge] = []
        self.merges_list = QListWidget()
        self.merges_list.setAccessibleName(self.tr("Merges made"))
        self.merges_list.setMaximumHeight(110)
        self.undo_button = QPushButton(self.tr("Undo the chosen merge…"))
        self.undo_button.clicked.connect(self.undo_chosen)
        self.banner = StatusBanner()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.side_by_side)
        layout.addWidget(QLabel(self.tr("<b>Merges made</b> (newest first)")))
        layout.addWidget(self.merges_list)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        timezone = self.ctx.programme().timezone
        self.merges = merges_made(self.ctx)
        self.merges_list.clear()
        for merge in self.merges:
            self.merges_list.addItem(QListWidgetItem(self.tr("{absorbed} · {absorbed_card}  →  {kept} · {kept_card}  "
                                                             "({day})").format(
                absorbed=merge.absorbed.name, absorbed_card=merge.absorbed.card, kept=merge.kept.name,
                kept_card=merge.kept.card, day=moment_day_text(merge.merged_at, timezone))))
        if self.merges:
            self.merges_list.setCurrentRow(0)
        self.undo_button.setEnabled(bool(self.merges))
        self.pairs = possible_duplicates(self.ctx)
        self.list.clear()
        same = {"phone": self.tr("same phone"), "email": self.tr("same e-mail")}
        for pair in self.pairs:
            self.list.addItem(QListWidgetItem(f"{pair.first.name} · {pair.first.card}  ↔  {pair.second.name} · "
                                              f"{pair.second.card}  ({same.get(pair.same, pair.same)})"))
        self.merge_button.setEnabled(bool(self.pairs))
        if self.pairs:
            self.list.setCurrentRow(0)
            self.banner.show_message("info", self.tr("Choose who to keep, then Merge: the other's points and card "
                                                     "go to them."))
        else:
            self._show_pair(-1)
            self.banner.show_message("info", self.tr("No possible duplicates: no two members share a phone or an "
                                                     "e-mail."))

    def _show_pair(self, row: int) -> None:
        pair = self.pairs[row] if 0 <= row < len(self.pairs) else None
        for side, member in enumerate((pair.first, pair.second) if pair else (None, None)):
            for cell, text in zip(self.cells[side], self._member_lines(member)):
                cell.setText(text)

    def _member_lines(self, member: Member | None) -> list[str]:
        if member is None:
            return [""] * len(self.fields)
        timezone = self.ctx.programme().timezone
        return [member.name, member.card, member.phone or "", member.email or "",
                moment_day_text(member.joined_at, timezone), home_store(self.ctx, member.id) or "",
                points_text(member.balance)]

    def chosen(self) -> tuple[Member, Member] | None:
        """(the member to keep, the other), as the owner chose them."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.pairs):
            return None
        pair = self.pairs[row]
        return (pair.first, pair.second) if self.keep.checkedId() == 0 else (pair.second, pair.first)

    def confirm(self, keep: Member, other: Member) -> bool:
        """Asked before merging (tests answer it)."""
        answer = QMessageBox.question(self, self.tr("Merge two members"), self.tr(
            "Merge {other} (card {other_card}) into {keep} (card {keep_card})?\n\n{points} points move to {keep}; "
            "card {other_card} opens {keep}'s record at every till from now on; both histories stay. A merge made "
            "by mistake can be undone below.").format(other=other.name, other_card=other.card, keep=keep.name,
                                                      keep_card=keep.card, points=points_text(other.balance)))
        return answer == QMessageBox.StandardButton.Yes

    def confirm_undo(self, merge: Merge) -> bool:
        """Asked before undoing a merge (tests answer it)."""
        answer = QMessageBox.question(self, self.tr("Undo a merge"), self.tr(
            "Part {absorbed} (card {absorbed_card}) from {kept} (card {kept_card})?\n\nThe points that moved come "
            "back to {absorbed} ({kept} may be left owing what was spent of them); card {absorbed_card} opens "
            "{absorbed}'s own record again at every till. Both histories keep the merge and its undoing.").format(
            absorbed=merge.absorbed.name, absorbed_card=merge.absorbed.card, kept=merge.kept.name,
            kept_card=merge.kept.card))
        return answer == QMessageBox.StandardButton.Yes

    def undo_chosen(self) -> None:
        row = self.merges_list.currentRow()
        if not 0 <= row < len(self.merges) or not self.confirm_undo(self.merges[row]):
            return
        merge = self.merges[row]
        try:
            done = undo_merge(self.ctx, merge.absorbed.card)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.reload()
        self.banner.show_message("success", self.tr(
            "{absorbed} is a member of their own again: {points} points came back ({absorbed} has {balance}; {kept} "
            "has {kept_balance}).").format(
            absorbed=merge.absorbed.name, kept=merge.kept.name, points=points_text(done.moved_points),
            balance=points_text(done.absorbed.balance), kept_balance=points_text(done.kept.balance)))
        self.merged.emit()

    def merge_chosen(self) -> None:
        chosen = self.chosen()
        if chosen is None or not self.confirm(*chosen):
            return
        keep, other = chosen
        try:
            done = merge_members(self.ctx, keep.card, other.card)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.reload()       # then says what was done
        self.banner.show_message("success", self.tr("{other} merged into {keep}: {points} points moved; {keep} now "
                                                    "has {balance}.").format(
            other=other.name, keep=keep.name, points=points_text(done.moved_points),
            balance=points_text(done.kept.balance)))
        self.merged.emit()
