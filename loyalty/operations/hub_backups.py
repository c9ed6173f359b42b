"""The hub kept on this PC (chain/hosting.py), backed up with pg_dump on the local backups'
schedule, in their folder, kept by their rotation (issue 23): `loyalty-hub-<shop id>-<UTC
moment>-<daily|manual>.dump`, PostgreSQL's own compressed format. Restoring one puts the hub back
as it was then and gives it a new restore identity: each till, at its next round, sends again
what the hub lost and takes in what the others send again (chain/rounds.back_to_a_restored_hub),
so nothing a till has is lost. The tills' own backups are apart (backups.py)."""

import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import psycopg

from ..chain import pg_server
from ..chain.hosting import DATABASE, kept_hub, owner_dsn_here, owner_password_here
from ..common.errors import ValidationError
from ..common.messages import t
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.shop_identity import identity_of
from .backups import backups_to_remove, default_backup_folder

NAME = re.compile(r"^loyalty-hub-([0-9a-f-]{36})-(\d{8}T\d{6}Z)-(daily|manual)\.dump$")


def hub_backup_files(folder: str | Path, shop_id: str) -> list[tuple[datetime, str, Path]]:
    """(moment, kind, path) of this shop's hub backups in the folder, newest first."""
    folder = Path(folder)
    found = []
    for path in folder.glob("loyalty-hub-*.dump") if folder.is_dir() else ():
        match = NAME.match(path.name)
        if match and match.group(1) == shop_id:
            moment = datetime.strptime(match.group(2), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            found.append((moment, match.group(3), path))
    return sorted(found, reverse=True)


def back_up_kept_hub(ctx: Context, kind: str = "manual", folder: str | Path | None = None) -> Path | None:
    """A dump of this PC's hub; None when this PC keeps none."""
    hub, password = kept_hub(ctx), owner_password_here(ctx)
    if hub is None or password is None:
        return None
    folder = Path(folder) if folder else default_backup_folder(ctx)
    folder.mkdir(parents=True, exist_ok=True)
    moment = ctx.clock.now().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"loyalty-hub-{identity_of(ctx.programme()).shop_id}-{moment}-{kind}.dump"
    partial = path.with_name(path.name + ".part")
    _run(ctx, "pg_dump", ["-Fc", "-f", str(partial), "-h", "127.0.0.1", "-p", str(hub.backend_port or hub.port),
                          "-U", pg_server.ADMIN, "-d", DATABASE], password)
    partial.replace(path)           # whole, or not there
    return path


def daily_hub_backup(ctx: Context, folder: str | Path | None = None) -> Path | None:
    """The day's dump of this PC's hub, unless one was taken today; then rotation. Safe to repeat."""
    if kept_hub(ctx) is None:
        return None
    folder = Path(folder) if folder else default_backup_folder(ctx)
    shop_id = identity_of(ctx.programme()).shop_id
    today = ctx.clock.now().astimezone(timezone.utc).date()
    if any(moment.date() == today and kind == "daily" for moment, kind, _ in hub_backup_files(folder, shop_id)):
        return None
    path = back_up_kept_hub(ctx, "daily", folder)
    kept = {moment: file for moment, _, file in hub_backup_files(folder, shop_id)}
    for moment in backups_to_remove(list(kept)):
        kept[moment].unlink(missing_ok=True)
    return path


def restore_kept_hub(ctx: Context, backup: str | Path) -> None:
    """This PC's hub as it was in `backup` (the owner's act), with a new restore identity."""
    require(ctx, "restore")
    hub, password = kept_hub(ctx), owner_password_here(ctx)
    if hub is None or password is None:
        raise ValidationError(t("hub: this PC keeps no hub to restore"), "hub")
    backup = Path(backup)
    if not NAME.match(backup.name) or not backup.is_file():
        raise ValidationError(t("backup: {name} is not a backup of this PC's hub", name=backup.name), "backup")
    _run(ctx, "pg_restore", ["--clean", "--if-exists", "--single-transaction", "-h", "127.0.0.1",
                             "-p", str(hub.backend_port or hub.port), "-U", pg_server.ADMIN, "-d", DATABASE,
                             str(backup)], password)
    with psycopg.connect(owner_dsn_here(ctx), autocommit=True) as admin:
        admin.execute("UPDATE hub.hub_meta SET restored_as = gen_random_uuid(), restored_heads = hub.current_heads()")


def _run(ctx: Context, program: str, arguments: list[str], password: str) -> None:
    try:
        subprocess.run([str(pg_server.binary(program)), *arguments], check=True, capture_output=True, text=True,
                       timeout=3600, env={**os.environ, "PGPASSWORD": password})
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        reason = (getattr(error, "stderr", "") or str(error)).strip().splitlines()
        raise ValidationError(t("hub: {program} failed ({reason})", program=program,
                                reason=reason[-1] if reason else type(error).__name__), "hub") from None
