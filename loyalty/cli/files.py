"""The files a command reads or writes: checked before any work, so a typo in a folder name
costs nothing and the shop's own database is never taken for one (storage/lock_guard.py)."""

from pathlib import Path

from ..common.errors import ValidationError
from ..common.messages import field_name, t
from ..storage.lock_guard import refuse_database_file


def input_file(path: str, field: str) -> Path:
    refuse_database_file(path, field)
    return Path(path)


def output_file(path: str, field: str) -> Path:
    refuse_database_file(path, field)
    target = Path(path)
    if not target.parent.is_dir():
        raise ValidationError(t("{field}: the folder '{folder}' does not exist",
                                field=field_name(field), folder=target.parent), field)
    return target
