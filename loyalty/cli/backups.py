"""The CLI's `backup [DIR]`, `backups [DIR]` and `restore FILE` commands; with `--hub`, the same
for the hub this PC keeps (operations/hub_backups.py)."""

from pathlib import Path

from ..common.errors import OtherShopError, StorageError, ValidationError
from ..common.messages import t
from ..operations import backups, recovery
from ..programme.shop_identity import identity_of
from ..storage import database_path

OTHER_SHOP_FLAG = "--other-shop"


def add_commands(sub) -> None:
    backup = sub.add_parser("backup", help="back the database up now (online, checked), then rotate old backups")
    backup.add_argument("folder", nargs="?", help="default: Settings' backup folder, or 'backups' beside the database")
    listing = sub.add_parser("backups", help="list this shop's backups with date, size, member count and last entry")
    listing.add_argument("folder", nargs="?")
    restore = sub.add_parser("restore", help="replace the data with a backup's (a safety backup is taken first)")
    restore.add_argument("file")
    for parser in (backup, listing, restore):
        parser.add_argument("--hub", action="store_true", help="the hub this PC keeps (pg_dump), not the shop's file")
    restore.add_argument(OTHER_SHOP_FLAG, action="store_true",
                         help="the file is another shop's backup, and this database is to become that shop's")


def megabytes(size: int) -> str:
    return f"{size // 1_000_000}.{size % 1_000_000 // 100_000} MB"


def _row(info: backups.BackupInfo) -> dict:
    return {"file": str(info.path), "taken_at": info.taken_at.isoformat(), "kind": info.kind,
            "size_bytes": info.size_bytes, "members": info.members, "last_entry_at": info.last_entry_at,
            "ok": info.ok, "problem": info.problem,
            "shop_id": info.shop.shop_id if info.shop else None, "shop_name": info.shop.name if info.shop else None}


def cmd_backup(ctx, args):
    if args.hub:
        from ..operations.hub_backups import back_up_kept_hub
        path = back_up_kept_hub(ctx, "manual", args.folder)
        if path is None:
            raise ValidationError(t("hub: this PC keeps no hub to back up"), "hub")
        size = path.stat().st_size
        return {"file": str(path), "size_bytes": size}, f"Hub backup {path} ({megabytes(size)})"
    info = backups.make_backup(ctx, "manual", args.folder)
    removed = backups.rotate(info.path.parent, info.shop.shop_id)
    return ({**_row(info), "removed": [str(path) for path in removed]},
            f"Backup {info.path} ({megabytes(info.size_bytes)}, {info.members} members, checked)"
            + (f"; {len(removed)} old backups removed" if removed else ""))


def cmd_backups(ctx, args):
    shop = identity_of(ctx.programme())
    if args.hub:
        from ..operations.hub_backups import hub_backup_files
        rows = hub_backup_files(args.folder or backups.default_backup_folder(ctx), shop.shop_id)
        return {"backups": [{"file": str(path), "taken_at": moment.isoformat(), "kind": kind,
                             "size_bytes": path.stat().st_size} for moment, kind, path in rows]}, \
            "\n".join(f"{moment:%Y-%m-%d %H:%M} UTC  {kind:<8} {megabytes(path.stat().st_size):>10}  {path.name}"
                      for moment, kind, path in rows) or "No hub backups yet."
    rows = backups.list_backups(args.folder or backups.default_backup_folder(ctx), shop.shop_id)
    text = "\n".join(f"{info.taken_at:%Y-%m-%d %H:%M} UTC  {info.kind:<14} {megabytes(info.size_bytes):>10}  "
                     f"{info.members if info.members is not None else '?':>8} members  last entry "
                     f"{(info.last_entry_at or '—')[:16]}  {'ok' if info.ok else 'DAMAGED: ' + info.problem}  "
                     f"{info.path.name}" for info in rows) or "No backups yet."
    return {"shop_id": shop.shop_id, "shop_name": shop.name, "backups": [_row(info) for info in rows]}, \
        f"Backups of {shop.label}:\n{text}"


def cmd_restore(ctx, args):
    if args.hub:
        from ..operations.hub_backups import restore_kept_hub
        restore_kept_hub(ctx, args.file)
        return {"restored": args.file}, (f"The hub is as it was in {args.file}; each till sends again what it lost "
                                         "at its next round.")
    try:
        safety = backups.restore(ctx, args.file, other_shop=args.other_shop)
    except OtherShopError as refusal:
        raise _naming_the_flag(refusal) from None
    except StorageError:
        path = Path(database_path(ctx.db))
        if not recovery.integrity_problems(path):   # not the shop's file at fault: say what failed
            raise
        ctx.db.close()   # damaged, so no safety copy can be taken: it is kept aside instead
        return restore_over_damaged(path, args.file, args.other_shop)
    return ({"restored": args.file, "safety_backup": str(safety.path)},
            f"Restored {args.file}. The data as it was before is in {safety.path}")


def _naming_the_flag(refusal: OtherShopError) -> ValidationError:
    """The command line's explicit confirmation is a flag: the refusal says which."""
    return ValidationError(t("{refusal}. To replace the data of {ours} with that of {theirs}, repeat the command "
                             "with {flag}", refusal=refusal.args[0], ours=refusal.ours, theirs=refusal.theirs,
                             flag=OTHER_SHOP_FLAG), refusal.field)


def restore_over_damaged(path: Path, backup: str, other_shop: bool = False):
    try:
        damaged = recovery.replace_damaged(path, Path(backup), other_shop)
    except OtherShopError as refusal:
        raise _naming_the_flag(refusal) from None
    return ({"restored": backup, "damaged_file_kept": str(damaged)},
            f"The database was damaged; it is kept as {damaged}. Restored {backup}.")


HANDLERS = {"backup": cmd_backup, "backups": cmd_backups, "restore": cmd_restore}
