"""Who may do what: every protected action and the least role that may do it, checked by
the domain operation itself (not only by hiding buttons), so the counter, the owner's
screens and the command line obey the same table.

Roles are ordered: a manager may do everything a cashier may, an owner everything. A cashier
may still get one action done on the spot when a manager or owner approves it with their own
PIN (`staff.approved_by`): the entry records the cashier, the audit trail the approver.

Looking members up and reprinting slips and cards are open to every signed-in role and are
not listed."""

from .context import Context
from .errors import PermissionDeniedError

ROLES = ("cashier", "manager", "owner")

LEAST_ROLE = {
    # the counter
    "enrol": "cashier", "sale": "cashier", "redeem": "cashier", "edit_member": "cashier", "undo_own": "cashier",
    "followups": "cashier", "complaints": "cashier", "survey": "cashier",
    # corrections and cards
    "refund": "manager", "void": "manager", "adjust": "manager", "compensate": "manager",
    "block_card": "manager", "reissue_card": "manager",
    # the programme and the shop's data
    "settings": "owner", "tiers": "owner", "rewards": "owner", "campaigns": "owner", "staff": "owner",
    "export": "owner", "import": "owner", "reports": "owner", "audit": "owner", "restore": "owner",
    "survey_setup": "owner",
    "erase": "owner", "adjust_over_limit": "owner", "compensate_over_limit": "owner",
}

WORDS = {
    "enrol": "enrolling members", "sale": "recording sales", "redeem": "redeeming points",
    "edit_member": "editing members", "followups": "follow-ups", "complaints": "complaints", "survey": "the counter survey",
    "undo_own": "undoing your own last action", "refund": "refunds", "void": "voiding entries",
    "adjust": "adjusting points", "compensate": "compensation bonuses", "block_card": "blocking cards",
    "reissue_card": "re-issuing cards", "settings": "changing the settings", "tiers": "changing the tiers",
    "rewards": "changing the rewards", "campaigns": "changing the campaigns", "staff": "managing staff",
    "export": "exporting data", "import": "importing data", "reports": "the reports", "audit": "the audit trail",
    "restore": "restoring a backup", "survey_setup": "setting the survey's questions", "erase": "erasing a member's personal data",
    "adjust_over_limit": "adjustments above the manager's limit",
    "compensate_over_limit": "compensation above the manager's limit",
}


def allowed(role: str, action: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(LEAST_ROLE[action])


def require(ctx: Context, action: str) -> None:
    """Refuse, with a sentence saying who may, unless the signed-in role (or the manager or
    owner who approved this one action) may do it."""
    if allowed(ctx.role, action) or (ctx.approver_role and allowed(ctx.approver_role, action)):
        return
    least = LEAST_ROLE[action]
    if not ctx.role:
        raise PermissionDeniedError(f"{action}: sign in first ({WORDS[action]} needs a staff member's name and PIN)",
                                    action)
    raise PermissionDeniedError(
        f"{action}: {WORDS[action]} needs a{'n' if least == 'owner' else ''} {least} "
        f"({ctx.staff_id} is signed in as {'an' if ctx.role == 'owner' else 'a'} {ctx.role}); "
        f"ask a{'n' if least == 'owner' else ''} {least} to approve it", action)
