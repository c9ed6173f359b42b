"""The owner's staff accounts, in Settings: who may sign in and in which role; add someone,
change a role, deactivate someone who left (never delete: their entries keep their name),
set a new PIN for someone who forgot theirs (it also unlocks the account)."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from loyalty.common.errors import LoyaltyError
from loyalty.people.staff import ROLES, add_staff, change_role, change_secret, link_own_card, set_active, staff_accounts
from loyalty.programme.context import Context

from ..widgets.tables import fill_table, make_table


class StaffPanel(QGroupBox):
    message = Signal(str, str)      # kind, text: for the screen's banner

    def __init__(self, ctx: Context, parent=None):
        super().__init__(self.tr("Staff"), parent)
        self.ctx = ctx
        self.roles = {"cashier": self.tr("cashier"), "manager": self.tr("manager"), "owner": self.tr("owner")}
        self.table = make_table([self.tr("Name"), self.tr("Role"), self.tr("Can sign in")], self.tr("Staff"))
        self.table.setMinimumHeight(150)
        self.name = QLineEdit(placeholderText=self.tr("Name"))
        self.name.setAccessibleName(self.tr("New staff member's name"))
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Role"))
        for role in ROLES:
            self.role.addItem(self.roles[role], role)
        self.pin = QLineEdit(placeholderText=self.tr("PIN or password"), echoMode=QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("PIN or password"))
        self.add_button = QPushButton(self.tr("Add"))
        self.role_button = QPushButton(self.tr("Give the chosen one this role"))
        self.pin_button = QPushButton(self.tr("Set the chosen one's PIN"))
        self.active_button = QPushButton(self.tr("Deactivate / reactivate"))
        self.own_card = QLineEdit(placeholderText=self.tr("Their own loyalty card, if any"))
        self.own_card.setAccessibleName(self.tr("Their own loyalty card"))
        self.own_card_button = QPushButton(self.tr("Link the chosen one's own card"))
        entry = QHBoxLayout()
        for widget in (self.name, self.role, self.pin, self.add_button):
            entry.addWidget(widget)
        actions = QHBoxLayout()
        for widget in (self.role_button, self.pin_button, self.active_button):
            actions.addWidget(widget)
        own = QHBoxLayout()
        own.addWidget(self.own_card)
        own.addWidget(self.own_card_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        layout.addLayout(actions)
        layout.addLayout(own)
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(lambda: self._on_chosen(lambda name: change_role(
            self.ctx, name, self.role.currentData()), self.tr("{name} now has the role chosen.")))
        self.pin_button.clicked.connect(lambda: self._on_chosen(lambda name: change_secret(
            self.ctx, name, self.pin.text()), self.tr("New PIN saved for {name}.")))
        self.active_button.clicked.connect(lambda: self._on_chosen(lambda name: set_active(
            self.ctx, name, not self._chosen_active()), self.tr("{name} updated.")))
        self.own_card_button.clicked.connect(lambda: self._on_chosen(lambda name: link_own_card(
            self.ctx, name, self.own_card.text().strip() or None), self.tr("{name}'s own card saved: points "
                                                                           "they credit to it are flagged.")))
        self.rows = []   # loaded with the Settings screen, for a role that may see it

    def reload(self) -> None:
        try:
            self.rows = staff_accounts(self.ctx)
        except LoyaltyError as error:   # the role signed in may not read the accounts
            self.forget()
            self.message.emit("error", error.message)
            return
        fill_table(self.table, [(member.name, self.roles[member.role], self.tr("yes") if member.active else self.tr("no"))
                                for member in self.rows], self.rows)

    def forget(self) -> None:
        self.rows = []
        self.table.setRowCount(0)
        for field in (self.name, self.pin, self.own_card):
            field.clear()

    def add(self) -> None:
        self._run(lambda: add_staff(self.ctx, self.name.text(), self.role.currentData(), self.pin.text()),
                  self.tr("{name} added.").format(name=self.name.text().strip()))

    def _chosen_active(self) -> bool:
        return self.rows[self.table.currentRow()].active

    def _on_chosen(self, change, done: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.message.emit("error", self.tr("Choose someone in the list first."))
            return
        name = self.rows[row].name
        self._run(lambda: change(name), done.format(name=name))

    def _run(self, change, done: str) -> None:
        try:
            change()
        except LoyaltyError as error:
            self.message.emit("error", error.message)
            return
        self.name.clear()
        self.pin.clear()
        self.own_card.clear()
        self.reload()
        self.message.emit("success", done)
