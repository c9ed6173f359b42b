"""Where the CLI writes files: checked before any work, so a typo in a folder name costs nothing."""

from pathlib import Path

from .errors import ValidationError
from .messages import field_name, t


def output_file(path: str, field: str) -> Path:
    target = Path(path)
    if not target.parent.is_dir():
        raise ValidationError(t("{field}: the folder '{folder}' does not exist",
                                field=field_name(field), folder=target.parent), field)
    return target
