"""Who may do what: every protected action and the least role that may do it, checked by
the domain operation itself (not only by hiding buttons), so the counter, the owner's
screens and the command line obey the same table.

Roles are ordered: a manager may do everything a cashier may, an owner everything. A cashier
may still get one action done on the spot when a manager or owner approves it with their own
PIN (`staff.approved_by`): the entry records the cashier, the audit trail the approver.

Looking members up and reprinting slips and cards are open to every signed-in role and are
not listed."""

from ..common.errors import PermissionDeniedError
from ..common.messages import field_name, t
from .context import Context

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
    "erase": "owner", "adjust_over_limit": "owner", "compensate_over_limit": "owner", "merge_members": "owner",
}

WORDS = {
    "enrol": t("enrolling members"), "sale": t("recording sales"), "redeem": t("redeeming points"),
    "edit_member": t("editing members"), "followups": t("follow-ups"), "complaints": t("complaints"),
    "survey": t("the counter survey"),
    "undo_own": t("undoing your own last action"), "refund": t("refunds"), "void": t("voiding entries"),
    "adjust": t("adjusting points"), "compensate": t("compensation bonuses"), "block_card": t("blocking cards"),
    "reissue_card": t("re-issuing cards"), "settings": t("changing the settings"), "tiers": t("changing the tiers"),
    "rewards": t("changing the rewards"), "campaigns": t("changing the campaigns"), "staff": t("managing staff"),
    "export": t("exporting data"), "import": t("importing data"), "reports": t("the reports"),
    "audit": t("the audit trail"),
    "restore": t("restoring a backup"), "survey_setup": t("setting the survey's questions"),
    "erase": t("erasing a member's personal data"), "merge_members": t("merging two members into one"),
    "adjust_over_limit": t("adjustments above the manager's limit"),
    "compensate_over_limit": t("compensation above the manager's limit"),
}

# The window's screens, each with the action whose data it shows: a role may see a screen exactly
# when it may do that action, so a screen follows this table like every other operation. None: the
# counter's own work (looking members up, the catalog), open to every role; each of their buttons
# is checked by its operation. Retention lists segments and results, which are the reports' data.
SCREEN_ACTION = {
    "counter": None, "members": None, "catalog": None,
    "reports": "reports", "settings": "settings", "audit": "audit", "retention": "reports",
}

# the least role with its article, as the refusal says it ("needs a manager", "needs an owner")
A_ROLE = {"cashier": t("a cashier"), "manager": t("a manager"), "owner": t("an owner")}


def allowed(role: str, action: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(LEAST_ROLE[action])


def may_see(role: str, screen: str) -> bool:
    """Whether `role` may see one of the window's screens (the one check for every way it opens)."""
    action = SCREEN_ACTION[screen]
    return action is None or allowed(role, action)


def roles_that_may_see(screen: str) -> list[str]:
    return [role for role in ROLES if may_see(role, screen)]


def require(ctx: Context, action: str) -> None:
    """Refuse, with a sentence saying who may, unless the signed-in role (or the manager or
    owner who approved this one action) may do it."""
    if allowed(ctx.role, action) or (ctx.approver_role and allowed(ctx.approver_role, action)):
        return
    least = LEAST_ROLE[action]
    if not ctx.role:
        raise PermissionDeniedError(t("{action}: sign in first ({what} needs a staff member's name and PIN)",
                                      action=field_name(action), what=WORDS[action]), action)
    raise PermissionDeniedError(
        t("{action}: {what} needs {least} ({staff_id} is signed in as {role}); ask {least} to approve it",
          action=field_name(action), what=WORDS[action], least=A_ROLE[least], staff_id=ctx.staff_id,
          role=A_ROLE.get(ctx.role, ctx.role)), action)
