"""Where the CLI writes files: checked before any work, so a typo in a folder name costs nothing."""

from pathlib import Path

from .errors import ValidationError


def output_file(path: str, field: str) -> Path:
    target = Path(path)
    if not target.parent.is_dir():
        raise ValidationError(f"{field}: the folder '{target.parent}' does not exist", field)
    return target
