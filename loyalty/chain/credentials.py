"""Where a joined counter keeps its hub password: the operating system's credential store (the
`keyring` package: Windows' Credential Manager, macOS' Keychain, the Secret Service of a Linux
desktop) when it has a usable one; else a file beside the database that only this user may
read (a bare Linux has no credential store). Never in the settings table: a backup or an export
of the database must not carry it. `where_kept` says which, for `loyalty sync --status`."""

import os
from pathlib import Path

SERVICE = "loyalty-counter hub"


def _keyring():
    """The keyring module if its backend can really keep secrets, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:   # a broken desktop session: no store, the file instead
        return None
    if isinstance(backend, fail.Keyring) or "null" in type(backend).__module__:
        return None
    return keyring


def secret_file(database: str | Path) -> Path:
    return Path(f"{database}.hub-secret")


def store_password(database: str | Path, user: str, password: str) -> str:
    """Keeps the password; returns where ("credential store" or the file's path)."""
    store = _keyring()
    if store is not None:
        try:
            store.set_password(SERVICE, user, password)
            return "credential store"
        except Exception:   # a locked or refusing store: fall back to the file
            pass
    path = secret_file(database)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
        os.write(descriptor, password.encode("utf-8"))
    finally:
        os.close(descriptor)
    return str(path)


def load_password(database: str | Path, user: str) -> str | None:
    path = secret_file(database)
    if path.exists():
        return path.read_text(encoding="utf-8")
    store = _keyring()
    if store is not None:
        try:
            return store.get_password(SERVICE, user)
        except Exception:
            return None
    return None


def where_kept(database: str | Path) -> str:
    return str(secret_file(database)) if secret_file(database).exists() else "credential store"


def forget_password(database: str | Path, user: str) -> None:
    """A join that did not go through leaves no password behind."""
    secret_file(database).unlink(missing_ok=True)
    store = _keyring()
    if store is not None:
        try:
            store.delete_password(SERVICE, user)
        except Exception:   # nothing kept there
            pass
