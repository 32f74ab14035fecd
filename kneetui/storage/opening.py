"""Opening a database file safely: refuse what is not ours, back up before a
migration, then bring the schema up to date.

Every refusal happens before the first byte is written, so a file we refuse is
left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from kneetui.storage import paths
from kneetui.storage.errors import StoreError, StoreReadOnly, StoreRefused
from kneetui.storage.schema import SCHEMA, Schema

SQLITE_HEADER = b"SQLite format 3\x00"
# Long enough for another copy of kneetui to finish any write it holds the lock for.
BUSY_TIMEOUT_S = 5.0


def check_file(path: Path) -> None:
    """Refuse a path that is a folder or a file that is not an SQLite database."""
    if path.is_dir():
        raise StoreRefused(f"{path} is a directory, not a kneetui database")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreRefused(f"cannot read {path}: {error.strerror}") from None
    if header and header != SQLITE_HEADER:
        raise StoreRefused(
            f"{path} is not a kneetui database (not an SQLite file); it was left untouched"
        )


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: kneetui opens every write transaction
    itself, with BEGIN IMMEDIATE, instead of Python's implicit deferred BEGIN."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def open_database(
    path: Path, now: dt.datetime, schema: Schema = SCHEMA
) -> tuple[Database, Path | None]:
    """Open (creating if needed) the database at `path`, migrated to this version.

    Returns the database and the path of the backup made before migrating, if any.
    """
    check_file(path)
    paths.make_private_dirs(path.parent)
    try:
        paths.create_private_file(path)
    except PermissionError as error:
        raise StoreReadOnly(f"cannot create {path}: {error.strerror}") from None
    conn = connect(path)
    try:
        db = Database(conn, execute_plugins=False)
        applied = _applied_or_refuse(db, path, schema)
        db.enable_wal()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        backup = None
        if len(applied) < len(schema.steps):
            if applied:
                backup = make_backup(conn, path, now)
            _migrate(db, schema)
        for sidecar in paths.sidecar_files(path):
            paths.chmod_private(sidecar)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _describe(error, path) from None
    except BaseException:
        conn.close()
        raise
    return db, backup


def _applied_or_refuse(db: Database, path: Path, schema: Schema) -> list[str]:
    """The kneetui migrations already applied; refuses a foreign or newer file."""
    try:
        tables = db.table_names()
        applied = [m.name for m in schema.migrations.applied(db)]
    except sqlite3.DatabaseError as error:
        raise StoreRefused(f"{path} is not a kneetui database ({error})") from None
    unknown = [name for name in applied if name not in schema.steps]
    if unknown:
        raise StoreRefused(
            f"{path} was written by a newer kneetui (unknown schema steps: "
            f"{', '.join(unknown)}); upgrade kneetui to open it. It was left untouched"
        )
    ours = {"soreness", "sessions", "reps", "levels", "settings", "_sqlite_migrations"}
    if not applied and set(tables) - {"_sqlite_migrations"}:
        foreign = sorted(set(tables) - ours) or sorted(tables)
        raise StoreRefused(
            f"{path} is not a kneetui database (it holds other tables: "
            f"{', '.join(foreign[:3])}); it was left untouched"
        )
    return applied


def _migrate(db: Database, schema: Schema) -> None:
    """Apply pending steps under one write lock, so two copies starting at once
    cannot both migrate; a step that raises leaves schema and data unchanged."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        schema.migrations.apply(db)
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def make_backup(conn: sqlite3.Connection, path: Path, now: dt.datetime) -> Path:
    """Copy the database next to itself (0600), checked with PRAGMA quick_check."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.backup-{stamp}")
    suffix = 1
    while not paths.create_private_file(backup):
        suffix += 1
        backup = path.with_name(f"{path.name}.backup-{stamp}-{suffix}")
    target = sqlite3.connect(backup, isolation_level=None)
    try:
        conn.backup(target)
        # A backup is one self-contained file, not a WAL database with sidecars.
        target.execute("PRAGMA journal_mode = DELETE")
        (result,) = target.execute("PRAGMA quick_check").fetchone()
    finally:
        target.close()
    if result != "ok":
        os.unlink(backup)
        raise StoreError(f"the backup of {path} failed its check ({result}); nothing was migrated")
    paths.chmod_private(backup)
    return backup


def _describe(error: sqlite3.DatabaseError, path: Path) -> StoreError:
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return StoreReadOnly(f"{path} cannot be written ({text})")
    if "not a database" in text or "malformed" in text:
        return StoreRefused(f"{path} is not a kneetui database or is damaged ({text})")
    return StoreError(f"{path}: {text}")
