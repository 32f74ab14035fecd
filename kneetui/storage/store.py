"""The Store: typed reads and writes of kneetui's data, in one SQLite file.

Every write runs in a BEGIN IMMEDIATE transaction. A deferred transaction that
reads and then writes fails at once with "database is locked" when another
process writes, ignoring the busy timeout; taking the write lock up front makes
two running copies of kneetui wait for each other instead of losing a score.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from kneetui.domain.errors import ValidationError
from kneetui.domain.models import (
    Acknowledgement,
    DailySoreness,
    Knee,
    LevelChange,
    Rep,
    Session,
    SessionMark,
    SessionStatus,
    SorenessEntry,
    utc_text,
)
from kneetui.domain.runs import Run
from kneetui.storage import convert, paths
from kneetui.storage.errors import (
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreFull,
    StoreReadOnly,
)
from kneetui.storage.live import LiveSession
from kneetui.storage.opening import (
    applied_steps,
    check_due,
    damaged_message,
    database_bytes,
    device_id,
    open_database,
    quick_check,
    record_check,
)
from kneetui.storage.steps import MIGRATION_SET, MIGRATIONS_TABLE

if TYPE_CHECKING:
    # Only an annotation here: concurrent.futures (with logging) costs a shell
    # command some 6 ms to import; the writer thread imports it when first used.
    from concurrent.futures import Future

    from kneetui.domain.exchange import Bundle, Stamp
    from kneetui.domain.merge import Plan
    from kneetui.storage.history import Source
    from kneetui.storage.schema import Schema
    from kneetui.storage.writer import Writer

T = TypeVar("T")

# The runs of :bucket days from :start to :end that the long chart ranges are
# grouped in: number k, first and last day (the last run stops at :end), and the
# first of its last :days days.
_BUCKETS = (
    "WITH RECURSIVE starts(k, first) AS (SELECT 0, :start UNION ALL "
    "SELECT k + 1, date(julianday(:start) + (k + 1) * :bucket) FROM starts "
    "WHERE julianday(:start) + (k + 1) * :bucket <= julianday(:end)), "
    "ends(k, first, last) AS (SELECT k, first, "
    "min(date(julianday(first) + :bucket - 1), :end) FROM starts), "
    "buckets(k, first, last, recent) AS MATERIALIZED (SELECT k, first, last, "
    "max(first, date(julianday(last) - :days + 1)) FROM ends) "
)


# Each knee's mean of a day's scores, in a query grouped by local_day: a score for
# both knees counts for each. NULL for a knee without a score that day.
_LEFT = "avg(score) FILTER (WHERE knee <> 'right')"
_RIGHT = "avg(score) FILTER (WHERE knee <> 'left')"
# The worse knee's mean of its day scores from a bucket's `first` (or `recent`)
# day to its `last`, in the _BUCKETS query.
_WORSE_OF_BUCKET = (
    "(SELECT max(coalesce(avg(l), -1), coalesce(avg(r), -1)) FROM ("  # noqa: S608
    f"SELECT {_LEFT} AS l, {_RIGHT} AS r FROM soreness "
    "WHERE local_day BETWEEN first AND last GROUP BY local_day))"
)
_WORSE_OF_RECENT = (
    "(SELECT max(coalesce(avg(l), -1), coalesce(avg(r), -1)) FROM ("  # noqa: S608
    f"SELECT {_LEFT} AS l, {_RIGHT} AS r FROM soreness "
    "WHERE local_day BETWEEN recent AND last GROUP BY local_day))"
)


def _bucket_params(start: dt.date, end: dt.date, bucket: int, days: int) -> dict[str, Any]:
    return {"start": start.isoformat(), "end": end.isoformat(), "bucket": bucket, "days": days}


class ImportCounts(NamedTuple):
    """What an import added; rows already stored with the same content are skipped."""

    soreness: int = 0
    sessions: int = 0
    reps: int = 0
    levels: int = 0
    skipped: int = 0
    acknowledgements: int = 0
    runs: int = 0


class Store:
    """kneetui's data. Use from the thread that opened it (sqlite3 enforces this).

    Reads and writes use the sqlite3 module directly: they are plain SQL, and it
    keeps sqlite-utils' import cost off the app's start-up. The schema itself is
    built and upgraded through sqlite-utils' Migrations (see `opening`).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, backup: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        # Held by the app while it runs a session (see kneetui.storage.live).
        self.live = LiveSession(path)
        self.backup = backup
        # Set when a quick_check finds damage: every write is then refused.
        self.damage: str | None = None
        # Commits writes handed over with `later` in a thread of its own.
        self.writer: Writer | None = None
        # The time each write is stamped with (`updated_at`, a tombstone's
        # deleted_at); tests put their own clock here.
        self.clock: Callable[[], dt.datetime] = _utc_now
        self._device_id: str | None = None

    @property
    def device_id(self) -> str:
        """This database's device id, stamped on every record it writes."""
        if self._device_id is None:
            found = device_id(self.conn)
            assert found is not None, "schema step 0005_devices makes the device id"
            self._device_id = found
        return self._device_id

    def new_device_id(self) -> str:
        """Give this database a new device id: for a copy of another device's
        database, which must not write under that device's id."""
        import uuid

        new = str(uuid.uuid4())
        with self._write() as conn:
            conn.execute("UPDATE device SET id = ?", (new,))
        self._device_id = new
        return new

    def _stamp(self, current: str | None = None) -> tuple[str, str]:
        """(updated_at, device_id) for a write now. A version never goes back:
        after a clock set back (or a record merged from a clock ahead), a change
        still outranks what it changes, by a second."""
        now = utc_text(self.clock())
        if current is not None and current >= now:
            now = utc_text(convert.utc_time(current) + dt.timedelta(seconds=1))
        return now, self.device_id

    def _current(self, conn: sqlite3.Connection, kind: str, key: str) -> str | None:
        from kneetui.storage.history import KINDS

        for each_kind, _, key_sql, _, version, _, _ in KINDS:
            if each_kind == kind:
                row = conn.execute(
                    f"SELECT {version} FROM {each_kind} WHERE {key_sql} = ?",  # noqa: S608
                    (key,),
                ).fetchone()
                return row[0] if row and row[0] else None
        raise ValueError(kind)

    def _delete(self, kind: str, uuid: str) -> bool:
        """Delete the record of table `kind` (soreness, runs) with `uuid`, leaving a
        tombstone dated after its last version, so the delete travels to the other
        devices through `kneetui sync`. False if there was no such record."""
        with self._write() as conn:
            current = self._current(conn, kind, uuid)
            deleted = (
                conn.execute(f"DELETE FROM {kind} WHERE uuid = ?", (uuid,)).rowcount > 0  # noqa: S608
            )
            if deleted:
                deleted_at, device = self._stamp(current)
                conn.execute(
                    "INSERT INTO tombstones (kind, uuid, deleted_at, device_id) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (kind, uuid) DO UPDATE SET "
                    "deleted_at = excluded.deleted_at, device_id = excluded.device_id",
                    (kind, uuid, deleted_at, device),
                )
            return deleted

    @property
    def readable_by_others(self) -> bool:
        """The file's mode lets other users read it (kneetui creates it 0600)."""
        return paths.readable_by_others(self.path)

    def check(self) -> str | None:
        """Run PRAGMA quick_check; on damage, refuse every later write and return
        the message (naming the latest backup). The shell runs this before a write;
        the app runs the same check in a worker thread after its first paint."""
        finding = quick_check(self.conn)
        if finding is not None:
            self.mark_damaged(finding)
        return self.damage

    def check_daily(self, today: dt.date) -> str | None:
        """`check`, but only when it is due (see `opening.check_due`): the first
        write of a day, or a file whose size changed oddly. In between, SQLite
        checks every page it reads, and damage met that way also stops writes.
        A whole-file check costs a read of the whole file (a quarter of a second
        at ten years); once a day keeps each shell write short however long the
        history grows."""
        try:
            size = database_bytes(self.conn)
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None
        if self.damage is not None or not check_due(self.path, today, size):
            return self.damage
        if self.check() is None:
            record_check(self.path, today, size)
        return self.damage

    def mark_damaged(self, finding: str) -> None:
        self.damage = damaged_message(self.path, finding)

    @classmethod
    def open(cls, path: Path, *, now: dt.datetime, schema: Schema | None = None) -> Store:
        """Open or create the database at `path`; see `opening.open_database`."""
        conn, backup = open_database(path, now, schema)
        return cls(conn, path, backup)

    @classmethod
    def open_reader(cls, path: Path) -> Store:
        """A Store that only reads (SQLite refuses any write), on a database
        another process opened with `open` and keeps open: nothing is migrated,
        backed up or created."""
        from kneetui.storage.opening import connect_for_reads

        return cls(connect_for_reads(path), path)

    def close(self) -> None:
        """Close, once every write handed to the writer thread is done."""
        if self.writer is not None:
            self.writer.close()
        self.live.release()
        self.conn.close()

    def later(self, write: Callable[[Store], T]) -> Future[T]:
        """Commit `write` (called with a Store of the writer thread's own) without
        waiting for it: see `kneetui.storage.writer`. Reads and writes on this
        Store wait for the writes handed over before them, so it reads its own
        writes."""
        if self.writer is None:
            from kneetui.storage.writer import Writer

            self.writer = Writer(self)
        return self.writer.submit(write)

    def flush(self) -> None:
        """Wait for every write handed to the writer thread so far."""
        if self.writer is not None and self.writer.pending:
            self.writer.flush()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> tuple[int, str]:
        """How many schema steps are applied, and the name of the last one."""
        applied = applied_steps(self.conn)
        return len(applied), applied[-1] if applied else "none"

    def created_at(self) -> str | None:
        """When the file's first schema step was applied (as sqlite-utils recorded
        it, to the microsecond): the file's birth, the same for its whole life."""
        rows = self._fetch(
            f"SELECT applied_at FROM {MIGRATIONS_TABLE} "  # noqa: S608
            "WHERE migration_set = ? ORDER BY rowid LIMIT 1",
            (MIGRATION_SET,),
        )
        return str(rows[0][0]) if rows and rows[0][0] else None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self.flush()
        if self.damage is not None:
            raise StoreDamaged(self.damage)
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise self._error(error) from None

    def _each(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[sqlite3.Row]:
        """Rows of a read one at a time, with SQLite's errors turned into one-line
        StoreErrors (damage found on the way also stops every later write)."""
        self.flush()
        try:
            yield from self.conn.execute(sql, params)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None

    def _fetch(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Every row of a read, as `_each` gives them."""
        return list(self._each(sql, params))

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Every row of a read as a dict, as `_each` gives them."""
        return [dict(row) for row in self._each(sql, params)]

    def _error(self, error: sqlite3.DatabaseError) -> StoreError:
        """A one-line StoreError for a failed read or write; damage found on the
        way also stops every later write."""
        text = str(error)
        if "malformed" in text or "not a database" in text:
            self.mark_damaged(text)
            assert self.damage is not None
            return StoreDamaged(self.damage)
        return _write_error(error, self.path)

    # Soreness -----------------------------------------------------------------

    def add_soreness(self, entry: SorenessEntry, run: Run | None = None) -> None:
        """Store `entry`, and `run` (the run its distance describes, see
        `after_run.run_from_score`) in the same transaction: both or neither."""
        placeholders = ", ".join("?" for _ in convert.SORENESS_COLUMNS)
        with self._write() as conn:
            try:
                conn.execute(
                    f"INSERT INTO soreness ({', '.join(convert.SORENESS_COLUMNS)}, device_id) "  # noqa: S608
                    f"VALUES ({placeholders}, ?)",
                    (*convert.soreness_row(entry), self.device_id),
                )
            except sqlite3.IntegrityError as error:
                raise StoreError(f"the score was refused by the database ({error})") from None
            # A score stored again under its uuid (the history screen's undo of a
            # delete) is no longer deleted here.
            conn.execute(
                "DELETE FROM tombstones WHERE kind = 'soreness' AND uuid = ?", (entry.uuid,)
            )
            if run is not None:
                self._insert_run(conn, run)

    def update_soreness(self, entry: SorenessEntry) -> bool:
        """Replace the score stored under `entry.uuid` with `entry` (which carries
        its `updated_at`); False if no score has that uuid."""
        columns = [c for c in convert.SORENESS_COLUMNS if c != "uuid"] + ["device_id"]
        values = dict(zip(convert.SORENESS_COLUMNS, convert.soreness_row(entry), strict=True))
        with self._write() as conn:
            current = self._current(conn, "soreness", entry.uuid)
            # The edit's own time, unless that would not outrank the version it
            # replaces (see `_stamp`).
            if current is not None and (values["updated_at"] or "") <= current:
                values["updated_at"] = self._stamp(current)[0]
            values["device_id"] = self.device_id
            try:
                cursor = conn.execute(
                    f"UPDATE soreness SET {', '.join(f'{c} = ?' for c in columns)} "  # noqa: S608
                    "WHERE uuid = ?",
                    [*(values[c] for c in columns), entry.uuid],
                )
            except sqlite3.IntegrityError as error:
                raise StoreError(f"the score was refused by the database ({error})") from None
            return cursor.rowcount > 0

    def soreness_entry(self, uuid: str) -> SorenessEntry | None:
        rows = self._rows("SELECT * FROM soreness WHERE uuid = ?", [uuid])
        return convert.soreness_entry(rows[0]) if rows else None

    def delete_soreness(self, uuid: str) -> bool:
        """Delete a score, leaving a tombstone: the delete travels to the other
        devices through `kneetui sync`."""
        return self._delete("soreness", uuid)

    def soreness(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[SorenessEntry]:
        """Scores newest first (by time, then by the order they were stored)."""
        # Without a day range the logged_at index serves the order (its entries
        # end in the rowid); a range uses the local_day index instead, and sorts
        # the few rows it finds. Left to itself SQLite walked the logged_at index
        # over the whole history to spare that sort (13 weeks of scores at ten
        # years: 2 ms instead of 0.5), so "+logged_at" keeps the index out of the
        # order.
        where, params = [], []
        if since is not None:
            where.append("local_day >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("local_day <= ?")
            params.append(until.isoformat())
        order = "+logged_at" if where else "logged_at"
        rows = self._rows(
            "SELECT * FROM soreness "  # noqa: S608
            + (f"WHERE {' AND '.join(where)} " if where else "")
            + f"ORDER BY {order} DESC, rowid DESC LIMIT ?",
            [*params, -1 if limit is None else limit],
        )
        return [convert.soreness_entry(row) for row in rows]

    def daily_soreness(self, since: dt.date | None = None) -> list[DailySoreness]:
        """Each day with scores, oldest first: each knee's mean (a score for both
        knees counts for each) and the worse of the two; SQL does the grouping."""
        rows = self._fetch(
            f"SELECT local_day, {_LEFT}, {_RIGHT}, count(*) FROM soreness "  # noqa: S608
            "WHERE local_day >= ? GROUP BY local_day ORDER BY local_day",
            ((since or dt.date.min).isoformat(),),
        )
        return [
            DailySoreness(
                dt.date.fromisoformat(d), max(x for x in (lf, rt) if x is not None), c, lf, rt
            )
            for d, lf, rt, c in rows
        ]

    def soreness_buckets(
        self, start: dt.date, end: dt.date, bucket: int
    ) -> tuple[list[DailySoreness], list[DailySoreness]]:
        """Scores grouped in SQL into runs of `bucket` days from `start`: for each
        bucket, the worse knee's mean of its day scores, and the same over the
        bucket's last `ROLLING_DAYS` days (the 7-day figure at its end). Dated by
        the bucket's first day, oldest first.

        The chart draws about one point per column, so a century of days is reduced
        here instead of in Python: each bucket reads its own range of the
        (local_day, score, knee) index. (Grouping every row by a computed bucket
        number had SQLite sort the whole century: 37 ms against 13 at a hundred
        years.)"""
        from kneetui.domain.trend import ROLLING_DAYS

        rows = self._fetch(
            _BUCKETS + "SELECT k, "  # noqa: S608 (constants only)
            f"{_WORSE_OF_BUCKET}, "
            "(SELECT count(*) FROM soreness WHERE local_day BETWEEN first AND last) AS n, "
            f"{_WORSE_OF_RECENT}, "
            "(SELECT count(*) FROM soreness WHERE local_day BETWEEN recent AND last) "
            "FROM buckets WHERE n > 0 ORDER BY k",
            _bucket_params(start, end, bucket, ROLLING_DAYS),
        )
        means, rolling = [], []
        for k, mean, count, last_mean, last_count in rows:
            day = start + dt.timedelta(days=k * bucket)
            means.append(DailySoreness(day, mean, count))
            if last_count:
                rolling.append(DailySoreness(day, last_mean, last_count))
        return means, rolling

    def session_buckets(self, start: dt.date, end: dt.date, bucket: int) -> list[dt.date]:
        """The first day of each run of `bucket` days from `start` that holds a
        session with reps (the chart's session marks), found in SQL: each bucket
        stops at its first such session."""
        rows = self._fetch(
            _BUCKETS + "SELECT k FROM buckets WHERE EXISTS (SELECT 1 FROM sessions "  # noqa: S608
            "WHERE local_day BETWEEN first AND last AND (status = 'completed' "
            "OR EXISTS (SELECT 1 FROM reps WHERE reps.session_id = sessions.uuid))) "
            "ORDER BY k",
            _bucket_params(start, end, bucket, 1),
        )
        return [start + dt.timedelta(days=k * bucket) for (k,) in rows]

    def run_points(
        self, start: dt.date, since: dt.datetime, until: dt.datetime
    ) -> list[tuple[int, int, float]]:
        """The runs that started in [since, until) as the chart's plain points
        (`trend.RunPoint`), oldest first (runs that started in the same second in
        the order stored): whole seconds since 1970 and the local day counted from
        `start`, both computed in SQL, and the distance. Plain tuples, without
        sqlite3.Row or a Run for each: at a hundred years of runs that halves the
        read (30 ms against 60-110 here)."""
        self.flush()
        try:
            cursor = self.conn.cursor()
            cursor.row_factory = None
            rows: list[tuple[int, int, float]] = cursor.execute(
                "SELECT CAST(round((julianday(started_at) - 2440587.5) * 86400) AS INTEGER), "
                "CAST(julianday(local_day) - julianday(?) AS INTEGER), distance_km "
                "FROM runs WHERE started_at >= ? AND started_at < ? ORDER BY started_at",
                (start.isoformat(), utc_text(since), utc_text(until)),
            ).fetchall()
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None
        return rows

    def runs_state(self) -> tuple[Any, ...]:
        """A value that changes whenever the stored runs do, whoever writes them:
        their count, the last rowid, the latest start and the total distance. A
        run deleted and another stored in its rowid changes the total or the latest
        start unless it is the same run. Cheap: the first three come from indexes,
        the total reads the table (some 2 ms at a hundred years of runs)."""
        row = self._fetch(
            "SELECT (SELECT count(*) FROM runs), (SELECT max(rowid) FROM runs), "
            "(SELECT max(started_at) FROM runs), (SELECT total(distance_km) FROM runs)"
        )[0]
        return tuple(row)

    def first_soreness_day(
        self, since: dt.date | None = None, knee: Knee | None = None
    ) -> dt.date | None:
        """The first day with a score, on or after `since`; with `knee`, the first
        with a score for that knee (its own or one for both)."""
        sql = "SELECT min(local_day) FROM soreness WHERE local_day >= ?"
        params: list[Any] = [(since or dt.date.min).isoformat()]
        if knee is not None:
            sql += " AND knee IN (?, 'both')"
            params.append(knee.value)
        rows = self._fetch(sql, params)
        return dt.date.fromisoformat(rows[0][0]) if rows and rows[0][0] else None

    def first_run_day(self) -> dt.date | None:
        """The day of the first run stored (through the index on start times)."""
        rows = self._fetch("SELECT local_day FROM runs ORDER BY started_at LIMIT 1")
        return dt.date.fromisoformat(rows[0][0]) if rows else None

    def red_flag_scores(self, after: dt.datetime | None) -> list[SorenessEntry]:
        """The scores of 8 or more or with a symptom logged after `after`, oldest
        first (the partial index `soreness_red_flags` holds just these)."""
        rows = self._rows(
            "SELECT * FROM soreness INDEXED BY soreness_red_flags "
            "WHERE (score >= 8 OR flags <> '[]') AND logged_at > ? ORDER BY logged_at, rowid",
            ("" if after is None else utc_text(after),),
        )
        return [convert.soreness_entry(row) for row in rows]

    def latest_high_score(self) -> SorenessEntry | None:
        """The latest score of 6 or more (the partial index `soreness_high` holds
        just these)."""
        rows = self._rows(
            "SELECT * FROM soreness INDEXED BY soreness_high "
            "WHERE score >= 6 ORDER BY logged_at DESC, rowid DESC LIMIT 1"
        )
        return convert.soreness_entry(rows[0]) if rows else None

    def soreness_on_days(self, days: Sequence[dt.date]) -> list[SorenessEntry]:
        """Every score of the given local days, oldest first."""
        rows = self._rows(
            "SELECT * FROM soreness WHERE local_day IN (SELECT value FROM json_each(?)) "
            "ORDER BY logged_at, rowid",
            (json.dumps(sorted({d.isoformat() for d in days})),),
        )
        return [convert.soreness_entry(row) for row in rows]

    # Acknowledgements of red flags ----------------------------------------------------

    def add_acknowledgement(self, ack: Acknowledgement) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO acknowledgements (uuid, acknowledged_at, local_day, updated_at, "
                "device_id) VALUES (?, ?, ?, ?, ?)",
                (*convert.acknowledgement_row(ack), *self._stamp()),
            )

    def acknowledgements(self) -> list[Acknowledgement]:
        rows = self._rows("SELECT * FROM acknowledgements ORDER BY acknowledged_at, rowid")
        return [convert.acknowledgement_value(row) for row in rows]

    # Runs -----------------------------------------------------------------------

    def add_run(self, run: Run) -> bool:
        """Store `run` in a transaction of its own; False (and nothing written) when
        it is already stored: the same file (content hash) or the same run from
        another source (see `runs.same_run`)."""
        with self._write() as conn:
            return self._insert_run(conn, run)

    def _insert_run(self, conn: sqlite3.Connection, run: Run) -> bool:
        from kneetui.domain.runs import SAME_RUN_START, same_run

        if (
            run.content_hash
            and conn.execute(
                "SELECT 1 FROM runs WHERE content_hash = ?", (run.content_hash,)
            ).fetchone()
        ):
            return False
        near = conn.execute(
            "SELECT * FROM runs WHERE started_at BETWEEN ? AND ?",
            (
                utc_text(run.started_at - SAME_RUN_START),
                utc_text(run.started_at + SAME_RUN_START),
            ),
        ).fetchall()
        if any(same_run(convert.run_value(row), run) for row in near):
            return False
        try:
            conn.execute(
                f"INSERT INTO runs ({', '.join(convert.RUN_COLUMNS)}, updated_at, device_id) "  # noqa: S608
                f"VALUES ({', '.join('?' for _ in convert.RUN_COLUMNS)}, ?, ?)",
                (*convert.run_row(run), *self._stamp()),
            )
            conn.execute("DELETE FROM tombstones WHERE kind = 'runs' AND uuid = ?", (run.uuid,))
        except sqlite3.IntegrityError as error:
            raise StoreError(f"the run was refused by the database ({error})") from None
        return True

    def runs(
        self, *, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> list[Run]:
        """Runs that started in [since, until), newest first."""
        where, params = [], []
        if since is not None:
            where.append("started_at >= ?")
            params.append(utc_text(since))
        if until is not None:
            where.append("started_at < ?")
            params.append(utc_text(until))
        rows = self._rows(
            "SELECT * FROM runs "  # noqa: S608
            + (f"WHERE {' AND '.join(where)} " if where else "")
            + "ORDER BY started_at DESC, uuid DESC",
            params,
        )
        return [convert.run_value(row) for row in rows]

    def runs_linkable(self, moment: dt.datetime) -> list[Run]:
        """The runs an after-run score at `moment` may be about: those that
        started within `after_run.LINK_LOOKBACK` before it (read by the
        started_at index), newest first; `runs.run_before` picks the one."""
        from kneetui.domain.after_run import LINK_LOOKBACK

        # `until` is exclusive: a run that started at `moment` itself and took
        # no time ended at it, and counts.
        return self.runs(since=moment - LINK_LOOKBACK, until=moment + dt.timedelta(seconds=1))

    def run_hashes(self) -> set[str]:
        """The content hashes of every file imported: a file seen before is
        skipped before it is parsed."""
        return {
            row[0] for row in self._each("SELECT content_hash FROM runs WHERE content_hash <> ''")
        }

    def delete_run(self, uuid: str) -> bool:
        """Delete a run, leaving a tombstone (see `delete_soreness`)."""
        return self._delete("runs", uuid)

    # Sessions and reps ----------------------------------------------------------

    def start_session(self, session: Session) -> None:
        with self._write() as conn:
            conn.execute(
                f"INSERT INTO sessions ({', '.join(convert.SESSION_COLUMNS)}, "  # noqa: S608
                "updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*convert.session_row(session), *self._stamp()),
            )

    def _touch_session(self, conn: sqlite3.Connection, session_uuid: str) -> None:
        """A session's reps travel with it: a change to them is a change to it."""
        conn.execute(
            "UPDATE sessions SET updated_at = ?, device_id = ? WHERE uuid = ?",
            (*self._stamp(self._current(conn, "sessions", session_uuid)), session_uuid),
        )

    def add_rep(self, session_uuid: str, rep: Rep) -> None:
        with self._write() as conn:
            conn.execute(
                f"INSERT INTO reps ({', '.join(convert.REP_COLUMNS)}) "  # noqa: S608
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                convert.rep_row(session_uuid, rep),
            )
            self._touch_session(conn, session_uuid)

    def finish_session(
        self, session_uuid: str, status: SessionStatus, finished_at: dt.datetime
    ) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE sessions SET status = ?, finished_at = max(started_at, ?), "
                "updated_at = ?, device_id = ? WHERE uuid = ?",
                (
                    status.value,
                    utc_text(finished_at),
                    *self._stamp(self._current(conn, "sessions", session_uuid)),
                    session_uuid,
                ),
            )

    def close_interrupted_sessions(self) -> list[Session]:
        """Mark sessions left in progress (the app was killed) as stopped, keeping
        their reps; they end at their last rep. Returns them, reps included.
        While another app runs a session (it holds the live-session lock), its
        session is in progress for real: nothing is closed. Nor is a session
        another device runs (it arrived through a sync): that device closes it."""
        if self.live.held_elsewhere():
            return []
        uuids = [
            row[0]
            for row in self._fetch(
                "SELECT uuid FROM sessions WHERE status = 'in-progress' "
                "AND (device_id IS NULL OR device_id = ?)",
                (self.device_id,),
            )
        ]
        if not uuids:
            return []
        with self._write() as conn:
            for session_uuid in uuids:
                conn.execute(
                    "UPDATE sessions SET status = 'stopped', finished_at = coalesce("
                    "(SELECT max(completed_at) FROM reps WHERE reps.session_id = sessions.uuid), "
                    "started_at), updated_at = ?, device_id = ? WHERE uuid = ?",
                    (*self._stamp(self._current(conn, "sessions", session_uuid)), session_uuid),
                )
        return self._sessions_where("uuid IN (SELECT value FROM json_each(?))", [json.dumps(uuids)])

    def sessions(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        status: SessionStatus | None = None,
        with_reps: bool = True,
    ) -> list[Session]:
        """Sessions oldest first, each with its reps in the order they were done
        (none when `with_reps` is False: ten years hold some 78,000 reps)."""
        return self._sessions_where(
            "local_day >= ? AND local_day <= ? AND status LIKE ?",
            [
                (since or dt.date.min).isoformat(),
                (until or dt.date.max).isoformat(),
                status.value if status else "%",
            ],
            with_reps=with_reps,
        )

    def session_marks(
        self, status: SessionStatus = SessionStatus.COMPLETED, *, since: dt.date | None = None
    ) -> list[SessionMark]:
        """The day and holds done of every session with `status` (from the local
        day `since`, when given), oldest first: what the schedule rules read,
        without the times and reps of a whole history. `holds` is kept up to date
        by triggers on `reps` (schema step 0002)."""
        # Without `since`, the query the app has always run.
        if since is None:
            rows = self._fetch(
                "SELECT local_day, holds FROM sessions WHERE status = ? ORDER BY started_at, rowid",
                (status.value,),
            )
        else:
            rows = self._fetch(
                "SELECT local_day, holds FROM sessions WHERE status = ? AND local_day >= ? "
                "ORDER BY started_at, rowid",
                (status.value, since.isoformat()),
            )
        day = dt.date.fromisoformat
        return [SessionMark(day(text), status, holds) for text, holds in rows]

    def last_finished_session(self, excluding: str | None = None) -> Session | None:
        """The latest session that is not in progress, with its reps."""
        found = self._sessions_where(
            "status != 'in-progress' AND uuid != ? "
            "AND started_at = (SELECT max(started_at) FROM sessions "
            "WHERE status != 'in-progress' AND uuid != ?)",
            [excluding or "", excluding or ""],
        )
        return found[-1] if found else None

    def _sessions_where(
        self, where: str, params: list[Any], *, with_reps: bool = True
    ) -> list[Session]:
        session_rows = self._fetch(
            f"SELECT * FROM sessions WHERE {where} ORDER BY started_at, rowid",  # noqa: S608
            params,
        )
        reps: dict[str, list[Rep]] = {row["uuid"]: [] for row in session_rows}
        if reps and with_reps:
            # Row by row, not fetchall(): a month of sessions holds thousands of reps.
            for row in self._each(
                "SELECT * FROM reps WHERE session_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY id",
                [json.dumps(list(reps))],
            ):
                reps[row["session_id"]].append(convert.rep_value(row))
        return [convert.session_value(row, tuple(reps[row["uuid"]])) for row in session_rows]

    def session_days(self, since: dt.date | None = None) -> list[dt.date]:
        """Days with at least one recorded rep, oldest first."""
        rows = self._fetch(
            "SELECT DISTINCT local_day FROM sessions WHERE local_day >= ? "
            "AND EXISTS (SELECT 1 FROM reps WHERE reps.session_id = sessions.uuid) "
            "ORDER BY local_day",
            ((since or dt.date.min).isoformat(),),
        )
        return [dt.date.fromisoformat(day) for (day,) in rows]

    # Levels and settings ----------------------------------------------------------

    def set_level(self, level: LevelChange) -> None:
        with self._write() as conn:
            row = convert.level_row(level)
            current = self._current(conn, "levels", f"{row[0]}@{row[2]}")
            conn.execute(
                "INSERT INTO levels (exercise, hold_s, changed_at, updated_at, device_id) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (exercise, changed_at) DO UPDATE SET "
                "hold_s = excluded.hold_s, updated_at = excluded.updated_at, "
                "device_id = excluded.device_id",
                (*row, *self._stamp(current)),
            )

    def levels(self) -> list[LevelChange]:
        rows = self._rows("SELECT * FROM levels ORDER BY changed_at, id")
        return [convert.level_value(row) for row in rows]

    def current_holds(self) -> dict[str, int]:
        """The latest hold step stored for each exercise that has one."""
        holds: dict[str, int] = {}
        for level in self.levels():
            holds[level.exercise] = level.hold_s
        return holds

    def setting(self, key: str) -> Any:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0]["value"]) if rows else None

    def settings(self) -> dict[str, Any]:
        return {
            row["key"]: json.loads(row["value"]) for row in self._rows("SELECT * FROM settings")
        }

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value, updated_at, device_id) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at, device_id = excluded.device_id",
                (key, json.dumps(value), *self._stamp(self._current(conn, "settings", key))),
            )

    # Export and import ------------------------------------------------------------

    def export_bundle(self) -> Bundle:
        """Everything stored, with each record's version and the tombstones. The
        order depends on the data alone (times, then uuids), never on the order
        rows were stored in: two devices with the same history export the same."""
        from kneetui.domain.exchange import Bundle, Stamp
        from kneetui.domain.merge import Tombstone
        from kneetui.storage.history import KINDS

        def rep_order(rep: Rep) -> tuple[Any, ...]:
            return (rep.completed_at, rep.exercise, rep.side.value, rep.rep)

        stamps: dict[tuple[str, str], Stamp] = {}
        for kind, _, key_sql, _, _, _, stamped in KINDS:
            column = "updated_at" if stamped else "NULL"
            for key, updated, device in self._fetch(
                f"SELECT {key_sql}, {column}, device_id FROM {kind} "  # noqa: S608
                "WHERE updated_at IS NOT NULL OR device_id IS NOT NULL"
            ):
                stamps[(kind, key)] = Stamp(updated, device)
        tombstones = tuple(
            Tombstone(*row)
            for row in self._fetch(
                "SELECT kind, uuid, deleted_at, coalesce(device_id, '') FROM tombstones "
                "ORDER BY deleted_at, kind, uuid"
            )
        )
        settings = self.settings()
        return Bundle(
            soreness=tuple(sorted(self.soreness(), key=lambda e: (e.logged_at, e.uuid))),
            sessions=tuple(
                s._replace(reps=tuple(sorted(s.reps, key=rep_order)))
                for s in sorted(self.sessions(), key=lambda s: (s.started_at, s.uuid))
            ),
            levels=tuple(sorted(self.levels(), key=lambda lv: (lv.changed_at, lv.exercise))),
            settings={key: settings[key] for key in sorted(settings)},
            acknowledgements=tuple(
                sorted(self.acknowledgements(), key=lambda a: (a.acknowledged_at, a.uuid))
            ),
            runs=tuple(sorted(self.runs(), key=lambda r: (r.started_at, r.uuid))),
            device_id=self.device_id,
            stamps=stamps,
            tombstones=tombstones,
        )

    def source(self) -> Source:
        """This database as a merge source for another Store (in process)."""
        from kneetui.storage.history import Source, read_history, read_reps

        self.flush()
        try:
            return Source(read_history(self.conn), lambda ids: read_reps(self.conn, ids))
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None

    def merge(
        self, incoming: Source, *, remember: str | None = None, now: dt.datetime | None = None
    ) -> Plan:
        """Merge `incoming` into this database (`kneetui.domain.merge`): read the
        history, plan and write in one BEGIN IMMEDIATE transaction, all or
        nothing, so no other write falls in between. With `remember`, the SHA-256
        of the file merged is kept in the same transaction (`merged_before`).
        Returns the plan written."""
        from kneetui.domain.merge import merge
        from kneetui.storage.history import apply_plan, read_history

        try:
            with self._write() as conn:
                plan = merge(read_history(conn), incoming.history)
                apply_plan(conn, plan, incoming.reps_of)
                if remember is not None:
                    conn.execute(
                        "INSERT INTO merged_files (sha256, merged_at) VALUES (?, ?) "
                        "ON CONFLICT (sha256) DO NOTHING",
                        (remember, utc_text(now or self.clock())),
                    )
        except sqlite3.IntegrityError as error:
            raise StoreError(f"the merge was refused by the database ({error})") from None
        return plan

    def merged_before(self, sha256: str) -> bool:
        """Whether a file with this SHA-256 was merged here already."""
        return bool(self._fetch("SELECT 1 FROM merged_files WHERE sha256 = ?", (sha256,)))

    def sync_state(self) -> tuple[int, int | None, str | None]:
        """(generation, the generation the last sync file was written at, its
        SHA-256): the generation counts every change to the records."""
        row = self._fetch("SELECT generation, synced_generation, synced_sha256 FROM device")[0]
        return int(row[0]), row[1], row[2]

    def record_sync(self, generation: int, sha256: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE device SET synced_generation = ?, synced_sha256 = ?", (generation, sha256)
            )

    def import_bundle(self, bundle: Bundle) -> ImportCounts:
        """Add what `bundle` holds, all or nothing, idempotent by uuid.

        A uuid already stored with the same content is skipped; with different
        content the whole import is refused (ValidationError naming the item).
        """
        try:
            with self._write() as conn:
                return _Importer(self, conn).run(bundle)
        except sqlite3.IntegrityError as error:
            # The decoder checks every value first; should one still slip past it,
            # the database's CHECK refuses it and the transaction is rolled back.
            raise ValidationError("file", f"refused by the database ({error})") from None


class _Importer:
    def __init__(self, store: Store, conn: sqlite3.Connection) -> None:
        self.store = store
        self.conn = conn
        self.skipped = 0
        self._from_file: set[str] = set()
        self.stamps: Mapping[tuple[str, str], Stamp] = {}
        self.deleted: set[tuple[str, str]] = set()

    def _stamp(self, kind: str, key: str, own: str) -> tuple[str | None, ...]:
        """The version an imported row is stored with: the export's, else its
        own time and no device (as a row from before versions were kept)."""
        stamp = self.stamps.get((kind, key))
        device = stamp.device_id if stamp else None
        if kind == "soreness":
            return (device,)
        return ((stamp.updated_at if stamp else None) or own or None, device)

    def _live(self, kind: str, items: Sequence[T], key: Callable[[T], str]) -> list[T]:
        """The items not deleted here: a deleted record stays deleted."""
        kept = [item for item in items if (kind, key(item)) not in self.deleted]
        self.skipped += len(items) - len(kept)
        return kept

    def _existing(self, table: str, key: str, values: list[str]) -> dict[str, dict[str, Any]]:
        # json_each keeps the statement fixed whatever the number of keys.
        rows = self.conn.execute(
            f"SELECT * FROM {table} WHERE {key} IN (SELECT value FROM json_each(?))",  # noqa: S608
            (json.dumps(values),),
        )
        return {row[key]: dict(row) for row in rows}

    def run(self, bundle: Bundle) -> ImportCounts:
        from kneetui.domain.exchange import level_key

        self.stamps = bundle.stamps
        self.deleted = {
            (kind, key) for kind, key in self.conn.execute("SELECT kind, uuid FROM tombstones")
        }
        soreness = self._soreness(self._live("soreness", bundle.soreness, lambda e: e.uuid))
        sessions, reps = self._sessions(self._live("sessions", bundle.sessions, lambda s: s.uuid))
        levels = self._levels(self._live("levels", bundle.levels, level_key))
        acks = self._acknowledgements(
            self._live("acknowledgements", bundle.acknowledgements, lambda a: a.uuid)
        )
        runs = self._runs(self._live("runs", bundle.runs, lambda r: r.uuid))
        for key, value in bundle.settings.items():
            # An import never overrides a preference the runner set here.
            self.conn.execute(
                "INSERT INTO settings (key, value, updated_at, device_id) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO NOTHING",
                (key, json.dumps(value), *self._stamp("settings", key, "")),
            )
        return ImportCounts(soreness, sessions, reps, levels, self.skipped, acks, runs)

    def _acknowledgements(self, acks: Sequence[Acknowledgement]) -> int:
        columns = convert.ACKNOWLEDGEMENT_COLUMNS
        known = {
            uuid: tuple(row[c] for c in columns)
            for uuid, row in self._existing(
                "acknowledgements", "uuid", [a.uuid for a in acks]
            ).items()
        }
        new_rows = []
        for index, ack in enumerate(acks, start=1):
            values = convert.acknowledgement_row(ack)
            if not self._seen(known, ack.uuid, values, f"acknowledgements item {index}"):
                new_rows.append((*values, *self._stamp("acknowledgements", ack.uuid, values[1])))
        self.conn.executemany(
            "INSERT INTO acknowledgements (uuid, acknowledged_at, local_day, updated_at, "
            "device_id) VALUES (?, ?, ?, ?, ?)",
            new_rows,
        )
        return len(new_rows)

    def _runs(self, runs: Sequence[Run]) -> int:
        return self._new_rows("runs", convert.RUN_COLUMNS, runs, convert.run_row)

    def _soreness(self, entries: Sequence[SorenessEntry]) -> int:
        return self._new_rows("soreness", convert.SORENESS_COLUMNS, entries, convert.soreness_row)

    def _new_rows(
        self,
        table: str,
        columns: Sequence[str],
        items: Sequence[Any],
        row_of: Callable[[Any], tuple[Any, ...]],
    ) -> int:
        """Insert the items not yet stored, matched by uuid (the first column);
        `_seen` refuses one stored with other content."""
        known = {
            uuid: tuple(row[c] for c in columns)
            for uuid, row in self._existing(table, "uuid", [i.uuid for i in items]).items()
        }
        new_rows = []
        for index, item in enumerate(items, start=1):
            values = row_of(item)
            if not self._seen(known, item.uuid, values, f"{table} item {index}"):
                new_rows.append((*values, *self._stamp(table, item.uuid, values[1])))
        stamped = (
            [*columns, "device_id"]
            if table == "soreness"
            else [*columns, "updated_at", "device_id"]
        )
        self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(stamped)}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in stamped)})",
            new_rows,
        )
        return len(new_rows)

    def _seen(self, known: dict[str, Any], uuid: str, content: Any, where: str) -> bool:
        """True if `uuid` is already stored (or earlier in the file) with this
        content; refuses the import if it is there with different content."""
        if uuid not in known:
            known[uuid] = content
            self._from_file.add(uuid)
            return False
        if known[uuid] != content:
            there = (
                "appears earlier in the file" if uuid in self._from_file else "is already stored"
            )
            raise ValidationError(where, f"uuid {uuid} {there} with different content")
        self.skipped += 1
        return True

    def _sessions(self, sessions: Sequence[Session]) -> tuple[int, int]:
        existing = self._existing("sessions", "uuid", [s.uuid for s in sessions])
        stored_reps: dict[str, set[tuple[Any, ...]]] = {uuid: set() for uuid in existing}
        if existing:
            for rep_row in self.conn.execute(
                "SELECT * FROM reps WHERE session_id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(existing)),),
            ):
                stored_reps[rep_row["session_id"]].add(
                    tuple(rep_row[c] for c in convert.REP_COLUMNS)
                )
        known: dict[str, Any] = {
            uuid: (tuple(row[c] for c in convert.SESSION_COLUMNS), frozenset(stored_reps[uuid]))
            for uuid, row in existing.items()
        }
        new_sessions = []
        new_reps: list[tuple[Any, ...]] = []
        for index, session in enumerate(sessions, start=1):
            values = convert.session_row(session)
            reps = [convert.rep_row(session.uuid, rep) for rep in session.reps]
            if self._seen(known, session.uuid, (values, frozenset(reps)), f"sessions item {index}"):
                continue
            own = values[2] or values[1]  # finished_at, else started_at
            new_sessions.append((*values, *self._stamp("sessions", session.uuid, own)))
            new_reps.extend(reps)
        self.conn.executemany(
            f"INSERT INTO sessions ({', '.join(convert.SESSION_COLUMNS)}, "  # noqa: S608
            "updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            new_sessions,
        )
        try:
            self.conn.executemany(
                f"INSERT INTO reps ({', '.join(convert.REP_COLUMNS)}) "  # noqa: S608
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                new_reps,
            )
        except sqlite3.IntegrityError as error:
            raise ValidationError("reps", f"refused by the database ({error})") from None
        return len(new_sessions), len(new_reps)

    def _levels(self, levels: Sequence[LevelChange]) -> int:
        added = 0
        for index, level in enumerate(levels, start=1):
            exercise, hold_s, changed_at = convert.level_row(level)
            stored = self.conn.execute(
                "SELECT hold_s FROM levels WHERE exercise = ? AND changed_at = ?",
                (exercise, changed_at),
            ).fetchone()
            if stored is not None:
                if stored[0] != hold_s:
                    raise ValidationError(
                        f"levels item {index}",
                        f"{exercise} at {changed_at} is already stored with another hold",
                    )
                self.skipped += 1
                continue
            self.conn.execute(
                "INSERT INTO levels (exercise, hold_s, changed_at, updated_at, device_id) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    exercise,
                    hold_s,
                    changed_at,
                    *self._stamp("levels", f"{exercise}@{changed_at}", changed_at),
                ),
            )
            added += 1
        return added


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write_error(error: sqlite3.DatabaseError, path: Path) -> StoreError:
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreBusy("the database is busy (another program is writing to it); try again")
    if "full" in text:
        return StoreFull(f"the disk is full; nothing was saved to {path}, and nothing was lost")
    if "readonly" in text or "read-only" in text:
        return StoreReadOnly(f"{path} is read-only; nothing was saved")
    if "disk I/O" in text:
        return StoreError(f"could not write {path} ({text}); nothing was saved, nothing was lost")
    return StoreError(f"{path}: {text}")
