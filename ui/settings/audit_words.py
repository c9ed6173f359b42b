"""The audit trail in words: what was done, to what, and what changed, as the owner reads it
("Datos del socio cambiados · socio 12 · teléfono: 600111222 → 600333444") rather than the
codes and JSON the trail keeps (`member.edit`, `{"phone": [...]}`), which the CSV export and
the command line show as they are."""

import json

from PySide6.QtCore import QCoreApplication

from loyalty.common.messages import field_name, translated
from loyalty.programme.audit import AuditRecord
from loyalty.programme.rules import Programme

from ..members.history_model import entry_kind_words
from ..widgets.formatting import date_text, money_text, weekday_text
from ..widgets.translations import LANGUAGE_NAMES

# The values a change lists without naming them (campaign.edit, reward.edit), in that order.
LISTED_FIELDS = {"campaign": ("name", "multiplier", "starts_on", "ends_on", "weekdays"),
                 "reward": ("name", "points_cost", "stock")}
HIDDEN = {"code", "rank"}   # a tier's code and place never change: no news in a tier's change


def action_words() -> dict[str, str]:
    translate = QCoreApplication.translate   # literal calls, so that lupdate finds them under their context
    return {
        "member.enrol": translate("AuditWords", "Member enrolled"),
        "member.edit": translate("AuditWords", "Member's details changed"),
        "member.reissue_card": translate("AuditWords", "Card re-issued"),
        "member.block": translate("AuditWords", "Card blocked"),
        "member.unblock": translate("AuditWords", "Card unblocked"),
        "member.data_export": translate("AuditWords", "Member's data handed over"),
        "member.erase": translate("AuditWords", "Member's personal data erased"),
        "settings.change": translate("AuditWords", "Setting changed"),
        "tier.change": translate("AuditWords", "Tier changed"),
        "staff.add": translate("AuditWords", "Staff account added"),
        "staff.role": translate("AuditWords", "Staff role changed"),
        "staff.activate": translate("AuditWords", "Staff account reactivated"),
        "staff.deactivate": translate("AuditWords", "Staff account deactivated"),
        "staff.secret": translate("AuditWords", "PIN or password changed"),
        "staff.own_card": translate("AuditWords", "Staff member's own card set"),
        "login.unknown": translate("AuditWords", "Sign-in with a name not on the staff"),
        "login.failed": translate("AuditWords", "Sign-in with a wrong PIN or password"),
        "login.locked": translate("AuditWords", "Account locked after wrong PINs"),
        "campaign.add": translate("AuditWords", "Campaign added"),
        "campaign.edit": translate("AuditWords", "Campaign changed"),
        "campaign.activate": translate("AuditWords", "Campaign reactivated"),
        "campaign.deactivate": translate("AuditWords", "Campaign deactivated"),
        "reward.add": translate("AuditWords", "Reward added"),
        "reward.edit": translate("AuditWords", "Reward changed"),
        "reward.activate": translate("AuditWords", "Reward reactivated"),
        "reward.deactivate": translate("AuditWords", "Reward deactivated"),
        "member.merge": translate("AuditWords", "Two members merged"),
        "hub.join": translate("AuditWords", "This till joined the chain's hub"),
        "hub.add_till": translate("AuditWords", "Till added to the chain"),
        "hub.revoke_till": translate("AuditWords", "Till revoked"),
        "hub.rename_store": translate("AuditWords", "Store renamed"),
    }


def _role_words() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {"cashier": translate("MainWindow", "cashier"), "manager": translate("MainWindow", "manager"),
            "owner": translate("MainWindow", "owner")}


def label(name: str) -> str:
    """A field's or setting's name as people call it (messages_es FIELDS in Spanish), never its code."""
    said = translated(field_name(name))
    return said if said != name else name.removesuffix("_cents").replace("_", " ")


def action_text(action: str) -> str:
    """'entry.reverse.approved' -> 'Approved: Refund / undo'; an unknown code as it is."""
    words = action_words()
    if action in words:
        return words[action]
    parts = action.split(".")
    if len(parts) == 3 and parts[0] == "entry" and parts[2] == "approved":
        kind = entry_kind_words().get(parts[1], parts[1])
        return QCoreApplication.translate("AuditWords", "Approved on the spot: {kind}").format(kind=kind)
    return action


def target_text(record: AuditRecord, tier_names: dict[str, str]) -> str:
    """'member 12' -> 'socio 12'; a setting or a tier by its name."""
    if record.action == "settings.change":
        return label(record.target)
    if record.action == "tier.change":
        return tier_names.get(record.target, record.target)
    kind, _, rest = record.target.partition(" ")
    return f"{label(kind)} {rest}" if rest and kind in ("member", "entry", "staff", "campaign", "reward") \
        else record.target


def detail_text(record: AuditRecord, programme: Programme) -> str:
    """The change in words: 'teléfono: 600111222 → 600333444; notas: — → llama antes'."""
    try:
        detail = json.loads(record.detail) if record.detail else {}
    except ValueError:
        return record.detail
    if not isinstance(detail, dict):
        return record.detail
    listed = LISTED_FIELDS.get(record.action.split(".")[0])
    if listed and "values" in detail:
        detail = dict(zip(listed, detail["values"]))
    if "before" in detail and "after" in detail:
        detail = _changes(detail["before"], detail["after"], listed, record)
    return "; ".join(f"{label(name)}: {_value(name, value, programme)}" for name, value in detail.items()
                     if name not in HIDDEN)


def _changes(before, after, listed, record: AuditRecord) -> dict:
    """What a before/after pair changed, each as [before, after]."""
    if listed and isinstance(before, list) and isinstance(after, list):
        before, after = dict(zip(listed, before)), dict(zip(listed, after))
    if isinstance(before, dict) and isinstance(after, dict):
        return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
    name = {"settings.change": record.target, "staff.role": "role", "member.reissue_card": "card"}.get(
        record.action, "value")
    return {name: [before, after]}


def _value(name: str, value, programme: Programme) -> str:
    if isinstance(value, list) and len(value) == 2 and name not in ("values",):
        return f"{_value(name, value[0], programme)} → {_value(name, value[1], programme)}"
    translate = QCoreApplication.translate
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translate("AuditWords", "yes") if value else translate("AuditWords", "no")
    if name == "min_spend_cents" and isinstance(value, int):
        return money_text(value, programme.currency_decimals, programme.currency)
    if name == "weekdays" and isinstance(value, str):
        days = [int(day) for day in value.split(",") if day.strip().isdigit()]
        return ", ".join(weekday_text(day) for day in days) or translate("AuditWords", "every day")
    if name in ("starts_on", "ends_on", "birthday") and isinstance(value, str):
        return date_text(value)
    if name == "role" and value in _role_words():
        return _role_words()[value]
    if name == "language":
        return LANGUAGE_NAMES.get(value, str(value))
    return str(value)
