"""Signing in (also a quick switch of cashier and the unlock after the idle lock), and a
manager's on-the-spot approval of one action (the first start's owner account is made by
the setup wizard, ui/settings/first_run.py).
Each dialog checks through loyalty/people/staff.py and says what went wrong in its own window."""

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from loyalty.common.errors import LoyaltyError, PermissionDeniedError
from loyalty.people.staff import approved_by, list_staff, sign_in
from loyalty.programme.context import Context

from .screen_fit import grow_to_fit


class _StaffDialog(QDialog):
    """A form, a line for what went wrong, OK/Cancel; `attempt()` does the work or raises."""

    def __init__(self, title: str, intro: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.setStyleSheet("QLineEdit, QComboBox, QLabel { font-size: 13pt; } QLineEdit { padding: 4px; }")
        self.result_ctx: Context | None = None
        self.intro = QLabel(intro, wordWrap=True)
        self.form = QFormLayout()
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #a3261b; font-weight: 600;")
        self.problem.setAccessibleName(self.tr("Problem"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def secret_field(self, accessible: str) -> QLineEdit:
        field = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible)
        return field

    def _accept(self) -> None:
        try:
            self.result_ctx = self.attempt()
        except LoyaltyError as error:
            self.problem.setText(error.message)
            grow_to_fit(self)
            self.on_problem()
            return
        self.accept()

    def attempt(self) -> Context:
        raise NotImplementedError

    def on_problem(self) -> None:
        pass


class SignInDialog(_StaffDialog):
    """Sign in at the start, switch cashier (F12), or unlock after the idle lock: pick your
    name, type your PIN, Enter."""

    def __init__(self, ctx: Context, intro: str = "", parent=None, title: str = ""):
        super().__init__(title or self.tr("Sign in"), intro or self.tr("Choose your name and type your PIN."), parent)
        self.ctx = ctx
        self.name = QComboBox()
        self.name.setAccessibleName(self.tr("Name"))
        for member in list_staff(ctx):
            if member.active and self.wanted(member.role):
                self.name.addItem(f"{member.name} · {self.role_words(member.role)}", member.name)
        self.secret = self.secret_field(self.tr("PIN or password"))
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("PIN or password"), self.secret)
        self.secret.setFocus()

    def wanted(self, role: str) -> bool:
        return True

    def role_words(self, role: str) -> str:
        return {"cashier": self.tr("cashier"), "manager": self.tr("manager"), "owner": self.tr("owner")}[role]

    def attempt(self) -> Context:
        return sign_in(self.ctx, self.name.currentData() or "", self.secret.text())

    def on_problem(self) -> None:
        self.secret.clear()
        self.secret.setFocus()


class ApprovalDialog(SignInDialog):
    """A manager or owner approves what the signed-in cashier may not do alone."""

    def __init__(self, ctx: Context, refusal: str, parent=None):
        super().__init__(ctx, parent=parent, title=self.tr("Approval needed"), intro=self.tr(
            "{refusal}\n\nA manager or owner can approve it now with their PIN.").format(refusal=refusal))

    def wanted(self, role: str) -> bool:
        return role != "cashier"

    def attempt(self) -> Context:
        return approved_by(self.ctx, self.name.currentData() or "", self.secret.text())


def with_approval(parent, ctx: Context, operation):
    """Run `operation(ctx)`; when the signed-in role may not, offer the approval dialog and
    run it once more with the approval. A refusal nobody approves is raised as it was."""
    try:
        return operation(ctx)
    except PermissionDeniedError as refused:
        if not ctx.role:
            raise
        dialog = ApprovalDialog(ctx, refused.message, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ctx is None:
            raise
        return operation(dialog.result_ctx)
