"""Storage: the only package that opens SQLite connections and owns the schema."""

from .connection import backup_to, database_path, open_database
from .schema import SCHEMA_VERSION
from .transactions import write_transaction

__all__ = ["open_database", "write_transaction", "backup_to", "database_path", "SCHEMA_VERSION"]
