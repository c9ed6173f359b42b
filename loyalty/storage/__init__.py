"""Storage: the only package that opens SQLite connections and owns the schema."""

from .connection import backup_to, database_path, open_database, write_transaction
from .schema import SCHEMA_VERSION

__all__ = ["open_database", "write_transaction", "backup_to", "database_path", "SCHEMA_VERSION"]
