"""The audit trail: who changed what and when — members, settings, tiers, rewards, campaigns,
staff, logins — beside the ledger, whose entries record who and when themselves."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from ..common.clock import to_iso
from .context import Context
from .permissions import require


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: str
    staff_id: str
    approved_by: str | None
    action: str
    target: str
    detail: str


def record(ctx: Context, action: str, target: str = "", **detail) -> None:
    """One line of the trail, in the caller's transaction (it stands or falls with the change)."""
    ctx.db.execute(
        "INSERT INTO audit(at, staff_id, approved_by, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [to_iso(ctx.clock.now()), ctx.staff_id, ctx.approver, action, target,
         json.dumps(detail, ensure_ascii=False, default=str) if detail else ""])


def audit_records(ctx: Context, staff: str | None = None, action: str | None = None, since: str | None = None,
                  until: str | None = None, limit: int = 500) -> list[AuditRecord]:
    """Newest first, filtered by who, by the start of the action's name and by UTC time range."""
    require(ctx, "audit")
    conditions, params = [], []
    for clause, value in (("staff_id = ? COLLATE NOCASE", staff), ("action LIKE ? || '%'", action),
                          ("at >= ?", since), ("at < ?", until)):
        if value:
            conditions.append(clause)
            params.append(value)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return [AuditRecord(*row) for row in ctx.db.execute(
        f"SELECT id, at, staff_id, approved_by, action, target, detail FROM audit {where} "
        f"ORDER BY at DESC, id DESC LIMIT ?", [*params, limit])]


def audit_people(ctx: Context) -> list[str]:
    """Every staff account's name, to filter the trail by: read as part of the trail."""
    require(ctx, "audit")
    return [row[0] for row in ctx.db.execute("SELECT name FROM staff ORDER BY name")]


def export_audit_csv(records: list[AuditRecord], path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:   # the BOM: Excel reads it as UTF-8
        writer = csv.writer(handle)
        writer.writerow(["at", "staff", "approved_by", "action", "target", "detail"])
        for item in records:
            writer.writerow([item.at, item.staff_id, item.approved_by or "", item.action, item.target, item.detail])
    return path
