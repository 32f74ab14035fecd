"""Opening a database file safely: refuse what is not ours, back up before a
migration, then bring the schema up to date.

Every refusal happens before the first byte is written, so a file we refuse is
left exactly as it was. Opening an up-to-date file uses the sqlite3 module only;
sqlite-utils (and its import cost) comes in only when a migration is pending.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from kneetui.storage import paths
from kneetui.storage.errors import StoreDamaged, StoreError, StoreReadOnly, StoreRefused
from kneetui.storage.steps import MIGRATION_SET, MIGRATIONS_TABLE, STEP_NAMES

if TYPE_CHECKING:
    from kneetui.storage.schema import Schema

SQLITE_HEADER = b"SQLite format 3\x00"
# Long enough for another copy of kneetui to finish any write it holds the lock for.
BUSY_TIMEOUT_S = 5.0
_OUR_TABLES = {"soreness", "sessions", "reps", "levels", "settings", MIGRATIONS_TABLE}


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


# SQLite's page cache per connection, in KiB. Its default, 2 MiB, was a third of
# what the dashboard added to memory at start-up with ten years of history
# (`make bench`); every query kneetui runs is indexed and grouped in SQL, and the
# operating system caches the file anyway. 128 KiB keeps the dashboard's query
# as fast as 2 MiB did (26 ms for all of a hundred years) and 0.4 MiB of peak
# memory more off the start-up than 512; at 64 KiB that query took 40 ms.
# quick_check reads each page once, so its own connection keeps almost nothing.
CACHE_KIB = 128
CHECK_CACHE_KIB = 64


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: kneetui opens every write transaction
    itself, with BEGIN IMMEDIATE, instead of Python's implicit deferred BEGIN."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.row_factory = sqlite3.Row
    return conn


def connect_for_reads(path: Path) -> sqlite3.Connection:
    """A read-only connection (SQLite's mode=ro) to a database `open_database`
    opened (and migrated) in another process, set up as `connect` sets up its
    own: for the dashboard's head start, which must never write."""
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
        )
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except sqlite3.DatabaseError as error:
        raise _describe(error, path) from None
    conn.row_factory = sqlite3.Row
    return conn


def connect_for_writes(path: Path) -> sqlite3.Connection:
    """Another connection to a database `open_database` opened (and migrated),
    set up as it sets up its own; for the writer thread."""
    try:
        conn = connect(path)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as error:
        raise _describe(error, path) from None
    return conn


def open_database(
    path: Path, now: dt.datetime, schema: Schema | None = None
) -> tuple[sqlite3.Connection, Path | None]:
    """Open (creating if needed) the database at `path`, migrated to this version.

    Returns the connection and the path of the backup made before migrating, if
    any. `schema` replaces the shipped migrations (tests use it to simulate an
    upgrade).
    """
    steps = tuple(schema.steps) if schema is not None else STEP_NAMES
    check_file(path)
    paths.make_private_dirs(path.parent)
    try:
        paths.create_private_file(path)
    except PermissionError as error:
        raise StoreReadOnly(f"cannot create {path}: {error.strerror}") from None
    conn = connect(path)
    try:
        applied = _applied_or_refuse(conn, path, steps)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        backup = None
        if len(applied) < len(steps):
            if applied:
                backup = make_backup(conn, path, now)
            _migrate(conn, schema, path, backup)
        for sidecar in paths.sidecar_files(path):
            paths.chmod_private(sidecar)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _describe(error, path) from None
    except BaseException:
        conn.close()
        raise
    return conn, backup


def open_in_memory(schema: Schema | None = None) -> sqlite3.Connection:
    """An empty database in memory, with the current schema: what the shell reads
    when there is no file yet, so that reading never creates one."""
    memory = Path(":memory:")
    conn = connect(memory)
    _migrate(conn, schema, memory, None)
    return conn


def device_id(conn: sqlite3.Connection) -> str | None:
    """The database's device id (schema step 0005_devices). Here, not with the
    history it stamps, so the app's start-up reads it without importing that
    (kneetui.storage.history and the merge rules, about 1 ms)."""
    row = conn.execute("SELECT id FROM device").fetchone()
    return str(row[0]) if row else None


def applied_steps(conn: sqlite3.Connection) -> list[str]:
    """The kneetui schema steps recorded in the file, in the order applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",  # noqa: S608
        (MIGRATION_SET,),
    ).fetchall()
    return [row[0] for row in rows]


def _applied_or_refuse(conn: sqlite3.Connection, path: Path, steps: tuple[str, ...]) -> list[str]:
    """The kneetui migrations already applied; refuses a foreign or newer file."""
    try:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        applied = applied_steps(conn)
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise StoreRefused(f"{path} is not a kneetui database ({error})") from None
        raise _describe(error, path) from None
    unknown = [name for name in applied if name not in steps]
    if unknown:
        raise StoreRefused(
            f"{path} was written by a newer kneetui (unknown schema steps: "
            f"{', '.join(unknown)}); upgrade kneetui to open it. It was left untouched"
        )
    if not applied and tables - {MIGRATIONS_TABLE}:
        foreign = sorted(tables - _OUR_TABLES) or sorted(tables)
        raise StoreRefused(
            f"{path} is not a kneetui database (it holds other tables: "
            f"{', '.join(foreign[:3])}); it was left untouched"
        )
    return applied


def _migrate(
    conn: sqlite3.Connection, schema: Schema | None, path: Path, backup: Path | None
) -> None:
    """Apply pending steps through sqlite-utils' Migrations, under one write lock so
    two copies starting at once cannot both migrate; a step that raises leaves
    schema and data unchanged and the step pending, and the runner is told so."""
    from sqlite_utils import Database

    from kneetui.storage.schema import SCHEMA

    migrations = (schema or SCHEMA).migrations
    conn.row_factory = None  # sqlite-utils reads rows as tuples
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            database = Database(conn, execute_plugins=False)
            pending = [m.name for m in migrations.pending(database)]
            migrations.apply(database)
        except sqlite3.OperationalError:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        except Exception as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            kept = f"; the backup {backup.name} is next to it" if backup else ""
            raise StoreError(
                f"upgrading {path} failed ({', '.join(pending)}: {error}); nothing in it "
                f"was changed{kept}"
            ) from None
        conn.execute("COMMIT")
    finally:
        conn.row_factory = sqlite3.Row


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


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None if PRAGMA quick_check finds the file sound, else its first finding."""
    try:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    findings = [row[0] for row in rows]
    return None if findings == ["ok"] else "; ".join(findings)


def check_path(path: Path) -> str | None:
    """quick_check on a connection of its own, opened read-only: safe to call from
    a worker thread while the app's connection serves the screen."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        return str(error)
    try:
        conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
        return quick_check(conn)
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()


# The whole-file check is recorded in a small file next to the database: the day
# it last found the file sound, and the file's size then (pages × page size, so
# what still sits in the WAL counts too). A check is due again on a new day, or
# when the file shrank (SQLite never gives pages back without a VACUUM, which
# kneetui does not run: a smaller file is another file, or a cut one) or grew by
# more than history does in years (another file, or a big import).
CHECK_RECORD_SUFFIX = "-checked"
CHECK_GROWTH_FACTOR = 2
CHECK_GROWTH_SLACK_BYTES = 4 * 1024 * 1024


def check_record_path(path: Path) -> Path:
    return path.with_name(path.name + CHECK_RECORD_SUFFIX)


def database_bytes(conn: sqlite3.Connection) -> int:
    """The database's size as SQLite sees it: its page count times the page size."""
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    return int(pages) * int(page_size)


def check_due(path: Path, day: dt.date, size: int) -> bool:
    """Whether the whole file should be checked before writing to it: not yet
    found sound today, or a size that no day of use explains."""
    try:
        record = json.loads(check_record_path(path).read_text(encoding="utf-8"))
        checked_day, checked_size = str(record["day"]), int(record["bytes"])
    except (OSError, ValueError, KeyError, TypeError):
        return True
    if checked_day != day.isoformat():
        return True
    return (
        not checked_size <= size <= (checked_size * CHECK_GROWTH_FACTOR + CHECK_GROWTH_SLACK_BYTES)
    )


def record_check(path: Path, day: dt.date, size: int) -> None:
    """Note that the file was found sound on `day` at `size` bytes (0600; a folder
    we cannot write to only means the next write checks again)."""
    record = check_record_path(path)
    partial = record.with_name(f"{record.name}.{os.getpid()}")
    try:
        partial.unlink(missing_ok=True)
        paths.create_private_file(partial)
        partial.write_text(json.dumps({"day": day.isoformat(), "bytes": size}), encoding="utf-8")
        os.replace(partial, record)
    except OSError:
        partial.unlink(missing_ok=True)


def damaged_message(path: Path, finding: str) -> str:
    backup = paths.latest_backup(path)
    restore = f"the latest backup is {backup}" if backup else "there is no kneetui backup of it"
    return (
        f"{path} is damaged ({finding}); kneetui will not write to it and left it as it "
        f"is: {restore}; export what you can with `kneetui export` and restore a backup"
    )


def _describe(error: sqlite3.DatabaseError, path: Path) -> StoreError:
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return StoreReadOnly(
            f"{path} is read-only ({text}); kneetui needs to write to it and its folder"
        )
    if "unable to open" in text:
        return StoreReadOnly(
            f"cannot open {path} for writing ({text}); check the file and its folder"
        )
    if "malformed" in text:
        return StoreDamaged(damaged_message(path, text))
    if "not a database" in text:
        return StoreRefused(f"{path} is not a kneetui database or is damaged ({text})")
    return StoreError(f"{path}: {text}")
