"""The SQL side of merging histories: read a database (or an export) as the
records of `kneetui.domain.merge`, and write a merge plan in one transaction.

The rules live in the domain; this module only knows where each kind of record
is kept. A record's content is its row, so what is compared is exactly what is
stored, and a winning record is written back as the row it was read as.

A session's content is its row and its number of reps, not the reps
themselves: ten years hold 78,000 reps, and reading them all on both sides made a
merge cost four times the import of what it adds. Reps only change with their
session's version (`Store.add_rep` stamps the session), so the count stands in
for them; the reps of the sessions a plan adds or updates are read from the
source when it is written, and replace the local ones as a unit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kneetui.domain.merge import History, Plan, Record, Tombstone, history
from kneetui.storage import convert
from kneetui.storage.errors import StoreDamaged, StoreRefused
from kneetui.storage.opening import (
    _applied_or_refuse,
    _migrate,
    check_file,
    device_id,
    quick_check,
)
from kneetui.storage.steps import STEP_NAMES

if TYPE_CHECKING:
    from kneetui.domain.exchange import Bundle


# Where each kind of record is kept (the kind is its table): the row's columns,
# as compared and as written; SQL for its key; the columns of the unique index
# the key stands for; SQL for its version ('' when unknown) and for its own
# time; and whether the table has an updated_at column of the version's own
# (a score's updated_at is one of its columns).
KINDS = (
    (
        "soreness",
        convert.SORENESS_COLUMNS,
        "uuid",
        "uuid",
        "coalesce(updated_at, logged_at)",
        "logged_at",
        False,
    ),
    (
        "sessions",
        convert.SESSION_COLUMNS,
        "uuid",
        "uuid",
        "coalesce(updated_at, finished_at, started_at)",
        "started_at",
        True,
    ),
    (
        "levels",
        ("exercise", "hold_s", "changed_at"),
        "exercise || '@' || changed_at",
        "exercise, changed_at",
        "coalesce(updated_at, changed_at)",
        "changed_at",
        True,
    ),
    ("settings", ("key", "value"), "key", "key", "coalesce(updated_at, '')", "''", True),
    (
        "acknowledgements",
        convert.ACKNOWLEDGEMENT_COLUMNS,
        "uuid",
        "uuid",
        "coalesce(updated_at, acknowledged_at)",
        "acknowledged_at",
        True,
    ),
    (
        "runs",
        convert.RUN_COLUMNS,
        "uuid",
        "uuid",
        "coalesce(updated_at, started_at)",
        "started_at",
        True,
    ),
)


def read_history(conn: sqlite3.Connection) -> History:
    """Every record and tombstone of a database, with their versions."""
    records: list[Record] = []
    for kind, columns, key, _, version, dated, _ in KINDS:
        holds = ", holds" if kind == "sessions" else ""
        for row in conn.execute(
            f"SELECT {key}, {version}, coalesce(device_id, ''), {dated}{holds}, "  # noqa: S608
            f"{', '.join(columns)} FROM {kind}"
        ):
            if kind == "sessions":
                content: Any = (tuple(row)[5:], row[4])
            else:
                content = tuple(row)[4:]
            records.append(Record(kind, row[0], row[1], row[2], content, row[3]))
    tombstones = [
        Tombstone(*row)
        for row in conn.execute(
            "SELECT kind, uuid, deleted_at, coalesce(device_id, '') FROM tombstones"
        )
    ]
    return history(device_id(conn), records, tombstones)


def read_reps(conn: sqlite3.Connection, sessions: Sequence[str]) -> dict[str, list[RepRow]]:
    """The rep rows of `sessions`, by session."""
    found: dict[str, list[RepRow]] = {uuid: [] for uuid in sessions}
    for row in conn.execute(
        f"SELECT {', '.join(convert.REP_COLUMNS)} FROM reps "  # noqa: S608 (constants)
        "WHERE session_id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(sessions)),),
    ):
        found[row[0]].append(tuple(row))
    return found


RepRow = tuple[Any, ...]
RepsOf = Callable[[Sequence[str]], dict[str, list[RepRow]]]


class Source:
    """Another device's history and where to read its sessions' reps from; a
    database source stays open (read-only) until closed."""

    def __init__(
        self, history: History, reps_of: RepsOf, close: Callable[[], None] = lambda: None
    ) -> None:
        self.history = history
        self.reps_of = reps_of
        self.close = close

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def database_source(conn: sqlite3.Connection) -> Source:
    """A database as a merge source; closing the Source closes `conn`."""
    return Source(read_history(conn), lambda ids: read_reps(conn, ids), conn.close)


def bundle_source(bundle: Bundle) -> Source:
    """A decoded export as a merge source."""
    reps = {
        session.uuid: [convert.rep_row(session.uuid, rep) for rep in session.reps]
        for session in bundle.sessions
    }
    return Source(bundle_history(bundle), lambda ids: {uuid: reps[uuid] for uuid in ids})


def bundle_history(bundle: Bundle) -> History:
    """The records of a decoded export, as `read_history` gives a database's."""
    from kneetui.domain.exchange import Stamp, level_key

    records: list[Record] = []

    def add(kind: str, key: str, content: Any, dated: str, own: str) -> None:
        stamp = bundle.stamps.get((kind, key), Stamp())
        updated = stamp.updated_at or own
        records.append(Record(kind, key, updated, stamp.device_id or "", content, dated))

    for entry in bundle.soreness:
        row = convert.soreness_row(entry)
        add("soreness", entry.uuid, row, row[1], row[-1] or row[1])
    for session in bundle.sessions:
        row = convert.session_row(session)
        add("sessions", session.uuid, (row, len(session.reps)), row[1], row[2] or row[1])
    for level in bundle.levels:
        row = convert.level_row(level)
        add("levels", level_key(level), row, row[2], row[2])
    for key, value in bundle.settings.items():
        add("settings", key, (key, json.dumps(value)), "", "")
    for ack in bundle.acknowledgements:
        row = convert.acknowledgement_row(ack)
        add("acknowledgements", ack.uuid, row, row[1], row[1])
    for run in bundle.runs:
        row = convert.run_row(run)
        add("runs", run.uuid, row, row[1], row[1])
    return history(bundle.device_id, records, bundle.tombstones)


def apply_plan(conn: sqlite3.Connection, plan: Plan, reps_of: RepsOf) -> None:
    """Write `plan` inside the caller's transaction: deletes, then the added and
    updated records (a session with its reps, replaced as a unit), then the
    tombstones."""
    deleted = set(plan.deleted)
    changed = [*plan.added, *plan.updated]
    for kind, columns, key, conflict, _, _, stamped in KINDS:
        gone = [(uuid,) for each_kind, uuid in deleted if each_kind == kind]
        if gone:
            conn.executemany(f"DELETE FROM {kind} WHERE {key} = ?", gone)  # noqa: S608
        records = [record for record in changed if record.kind == kind]
        if records:
            _upsert(conn, kind, columns, conflict, stamped, records, reps_of)
    conn.executemany(
        "INSERT INTO tombstones (kind, uuid, deleted_at, device_id) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (kind, uuid) DO UPDATE SET deleted_at = excluded.deleted_at, "
        "device_id = excluded.device_id",
        [(t.kind, t.uuid, t.deleted_at, t.device_id or None) for t in plan.tombstones],
    )


def _upsert(
    conn: sqlite3.Connection,
    kind: str,
    row_columns: Sequence[str],
    conflict: str,
    stamped: bool,
    records: Sequence[Record],
    reps_of: RepsOf,
) -> None:
    columns = [*row_columns, "updated_at", "device_id"] if stamped else [*row_columns, "device_id"]
    keys = conflict.split(", ")
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
    rows = []
    for record in records:
        values = record.content[0] if kind == "sessions" else record.content
        version = [record.updated_at or None] if stamped else []
        rows.append((*values, *version, record.device_id or None))
    conn.executemany(
        f"INSERT INTO {kind} ({', '.join(columns)}) "  # noqa: S608 (constants)
        f"VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}",
        rows,
    )
    if kind == "sessions":
        uuids = [record.uuid for record in records]
        reps = reps_of(uuids)
        conn.executemany("DELETE FROM reps WHERE session_id = ?", [(uuid,) for uuid in uuids])
        conn.executemany(
            f"INSERT INTO reps ({', '.join(convert.REP_COLUMNS)}) "  # noqa: S608 (constants)
            f"VALUES ({', '.join('?' for _ in convert.REP_COLUMNS)})",
            [
                rep
                for uuid in uuids
                for rep in sorted(reps[uuid], key=lambda rep: (rep[6], rep[1:4]))
            ],
        )


def open_source(path: Path) -> sqlite3.Connection:
    """Another kneetui database, opened read-only (SQLite's mode=ro: this never
    writes to it) and checked with quick_check. One from an older kneetui is
    copied into memory and brought up to date there; one that is not kneetui's,
    or is from a newer kneetui, or is damaged, is refused."""
    check_file(path)
    if not path.is_file():
        raise StoreRefused(f"{path} does not exist")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        raise StoreRefused(f"cannot open {path} ({error})") from None
    try:
        applied = _applied_or_refuse(conn, path, STEP_NAMES)
        if not applied:
            raise StoreRefused(f"{path} is not a kneetui database (it holds no kneetui data)")
        finding = quick_check(conn)
        if finding is not None:
            raise StoreDamaged(f"{path} is damaged ({finding}); nothing was merged")
        if len(applied) < len(STEP_NAMES):
            memory = sqlite3.connect(":memory:", isolation_level=None)
            conn.backup(memory)
            conn.close()
            conn = memory
            _migrate(conn, None, path, None)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreRefused(f"{path} is not a kneetui database ({error})") from None
    except BaseException:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn
