"""The schema, one sqlite-utils migration per step.

Tables are STRICT and carry CHECK constraints, so the database itself refuses a
bad row even when something bypasses the Store (a script, `sqlite3`, Datasette).
Column names are plain and times are ISO-8601 text, so any SQLite tool reads them.

Add a step by appending a new function; never edit one that has shipped.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kneetui.storage.steps import MIGRATION_SET

_Fn = TypeVar("_Fn", bound=Callable[[Database], None])


@dataclass
class Schema:
    """A set of migrations and the names of its steps, in order.

    A file with an applied step this set does not name was written by a newer
    kneetui and is refused. Tests build their own Schema to simulate upgrades.
    """

    migrations: Migrations = field(default_factory=lambda: Migrations(MIGRATION_SET))
    steps: list[str] = field(default_factory=list)

    def step(self, name: str) -> Callable[[_Fn], _Fn]:
        def register(fn: _Fn) -> _Fn:
            self.steps.append(name)
            return self.migrations(name=name)(fn)

        return register


SCHEMA = Schema()

# Whole-second ISO-8601 UTC times, e.g. 2026-11-25T07:54:46+00:00: sortable as text.
_DAY_PATTERN = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"
_DAY = f"GLOB '{_DAY_PATTERN}'"
_UTC_TIME = f"GLOB '{_DAY_PATTERN}T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]+00:00'"
_UUID = "GLOB '" + "[0-9a-f]" * 8 + "-*'"


@SCHEMA.step("0001_initial")
def initial(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE soreness (
            uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36 AND uuid {_UUID}),
            logged_at TEXT NOT NULL CHECK (logged_at {_UTC_TIME}),
            local_day TEXT NOT NULL CHECK (local_day {_DAY}),
            -- ANY keeps a STRICT table from quietly turning '4' or 4.0 into 4:
            -- the CHECK then refuses everything but a whole number 0-10.
            score ANY NOT NULL CHECK (typeof(score) = 'integer' AND score BETWEEN 0 AND 10),
            knee TEXT NOT NULL DEFAULT 'both' CHECK (knee IN ('left', 'right', 'both')),
            context TEXT NOT NULL DEFAULT 'after-run'
                CHECK (context IN ('after-run', 'next-morning', 'other')),
            run_km REAL CHECK (run_km IS NULL OR (run_km > 0 AND run_km <= 300)),
            run_minutes REAL
                CHECK (run_minutes IS NULL OR (run_minutes > 0 AND run_minutes <= 3000)),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
            -- A JSON list of red-flag names, e.g. ["swelling"].
            flags TEXT NOT NULL DEFAULT '[]'
                CHECK (json_valid(flags) AND json_type(flags) = 'array')
        ) STRICT
        """
    )
    db.execute("CREATE INDEX soreness_local_day ON soreness (local_day, score)")
    db.execute("CREATE INDEX soreness_logged_at ON soreness (logged_at)")
    db.execute(
        f"""
        CREATE TABLE sessions (
            uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36 AND uuid {_UUID}),
            started_at TEXT NOT NULL CHECK (started_at {_UTC_TIME}),
            finished_at TEXT CHECK (finished_at IS NULL OR (finished_at {_UTC_TIME}
                AND finished_at >= started_at)),
            local_day TEXT NOT NULL CHECK (local_day {_DAY}),
            status TEXT NOT NULL DEFAULT 'in-progress'
                CHECK (status IN ('in-progress', 'completed', 'stopped'))
        ) STRICT
        """
    )
    db.execute("CREATE INDEX sessions_local_day ON sessions (local_day)")
    db.execute("CREATE INDEX sessions_status ON sessions (status)")
    db.execute(
        f"""
        CREATE TABLE reps (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions (uuid) ON DELETE CASCADE,
            exercise TEXT NOT NULL CHECK (length(exercise) BETWEEN 1 AND 64),
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
            rep INTEGER NOT NULL CHECK (rep BETWEEN 1 AND 100),
            target_s INTEGER NOT NULL CHECK (target_s BETWEEN 1 AND 600),
            held_s REAL NOT NULL CHECK (held_s >= 0 AND held_s <= target_s + 1),
            completed_at TEXT NOT NULL CHECK (completed_at {_UTC_TIME}),
            UNIQUE (session_id, exercise, side, rep)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE levels (
            id INTEGER PRIMARY KEY,
            exercise TEXT NOT NULL CHECK (length(exercise) BETWEEN 1 AND 64),
            hold_s INTEGER NOT NULL CHECK (hold_s BETWEEN 1 AND 600),
            changed_at TEXT NOT NULL CHECK (changed_at {_UTC_TIME}),
            UNIQUE (exercise, changed_at)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
            -- JSON, e.g. ["mon", "wed", "fri"] for the schedule.
            value TEXT NOT NULL CHECK (json_valid(value))
        ) STRICT
        """
    )


@SCHEMA.step("0002_acknowledgements")
def acknowledgements(db: Database) -> None:
    """Red flags stand until the runner acknowledges them: one row per
    acknowledgement, covering every red flag logged up to its moment."""
    db.execute(
        f"""
        CREATE TABLE acknowledgements (
            uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36 AND uuid {_UUID}),
            acknowledged_at TEXT NOT NULL CHECK (acknowledged_at {_UTC_TIME}),
            local_day TEXT NOT NULL CHECK (local_day {_DAY})
        ) STRICT
        """
    )
    # The red flags since the last acknowledgement are read at every start: this
    # index holds only them (a score of 8 or more, or one with a symptom), so the
    # read does not walk the whole history.
    db.execute(
        "CREATE INDEX soreness_red_flags ON soreness (logged_at) WHERE score >= 8 OR flags <> '[]'"
    )
    # The chart's daily figures are per knee: with the knee in the day index, a
    # century of days is still grouped from the index alone.
    db.execute("DROP INDEX soreness_local_day")
    db.execute("CREATE INDEX soreness_local_day ON soreness (local_day, score, knee)")
    # A session counts when half of its holds were done. Each session's number of
    # recorded holds is kept beside it by triggers, so the rules read one number a
    # session: counting the reps of ten years (78,000) at every start took 8 ms
    # instead of 1, and grows with the history.
    db.execute(
        "ALTER TABLE sessions ADD COLUMN holds INTEGER NOT NULL DEFAULT 0 CHECK (holds >= 0)"
    )
    db.execute(
        "UPDATE sessions SET holds = "
        "(SELECT count(*) FROM reps WHERE reps.session_id = sessions.uuid)"
    )
    db.execute(
        "CREATE TRIGGER reps_counted AFTER INSERT ON reps BEGIN "
        "UPDATE sessions SET holds = holds + 1 WHERE uuid = NEW.session_id; END"
    )
    db.execute(
        "CREATE TRIGGER reps_uncounted AFTER DELETE ON reps BEGIN "
        "UPDATE sessions SET holds = holds - 1 WHERE uuid = OLD.session_id; END"
    )
    db.execute(
        "CREATE TRIGGER reps_moved AFTER UPDATE OF session_id ON reps BEGIN "
        "UPDATE sessions SET holds = holds - 1 WHERE uuid = OLD.session_id; "
        "UPDATE sessions SET holds = holds + 1 WHERE uuid = NEW.session_id; END"
    )
    # Scores of 6 or more since a hold was set hold its step up back.
    db.execute("CREATE INDEX soreness_high ON soreness (logged_at) WHERE score >= 6")


@SCHEMA.step("0003_score_edits")
def score_edits(db: Database) -> None:
    """A wrong score can be corrected: the row keeps its uuid and records when
    it was last edited (NULL for a score never edited)."""
    db.execute(
        f"ALTER TABLE soreness ADD COLUMN updated_at TEXT "
        f"CHECK (updated_at IS NULL OR updated_at {_UTC_TIME})"
    )


# The uuids of runs made from a score's distance: the same on every device that
# migrates the same score, so merged histories do not count the run twice.
_RUN_FROM_SCORE = uuid.UUID("4f6b1b8e-2c55-4c1e-9d0e-6c0f3f1d2a7b")


@SCHEMA.step("0004_runs")
def runs(db: Database) -> None:
    """Runs, imported from watch files and Strava or typed by hand. The distance
    and minutes of earlier scores become runs of their own, ending when the
    score was logged."""
    db.execute(
        f"""
        CREATE TABLE runs (
            uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36 AND uuid {_UUID}),
            started_at TEXT NOT NULL CHECK (started_at {_UTC_TIME}),
            local_day TEXT NOT NULL CHECK (local_day {_DAY}),
            distance_km REAL NOT NULL CHECK (distance_km > 0 AND distance_km <= 300),
            moving_minutes REAL CHECK (moving_minutes IS NULL
                OR (moving_minutes > 0 AND moving_minutes <= 3000)),
            elapsed_minutes REAL CHECK (elapsed_minutes IS NULL
                OR (elapsed_minutes > 0 AND elapsed_minutes <= 3000)),
            elevation_gain_m REAL CHECK (elevation_gain_m IS NULL
                OR (elevation_gain_m >= 0 AND elevation_gain_m <= 20000)),
            sport TEXT NOT NULL CHECK (sport IN ('run', 'trail-run', 'treadmill')),
            source TEXT NOT NULL
                CHECK (source IN ('gpx', 'tcx', 'fit', 'strava-csv', 'manual')),
            source_file TEXT NOT NULL DEFAULT '' CHECK (length(source_file) <= 1000),
            content_hash TEXT NOT NULL DEFAULT '' CHECK (length(content_hash) <= 128),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX runs_started_at ON runs (started_at)")
    # A file already imported is known by its content, whatever its name.
    db.execute(
        "CREATE UNIQUE INDEX runs_content_hash ON runs (content_hash) WHERE content_hash <> ''"
    )
    rows = db.execute(
        "SELECT uuid, logged_at, local_day, run_km, run_minutes FROM soreness "
        "WHERE run_km > 0 ORDER BY logged_at"
    ).fetchall()
    made: list[tuple[dt.datetime, float]] = []
    for score_uuid, logged_at, local_day, km, minutes in rows:
        ended = dt.datetime.fromisoformat(logged_at)
        started = ended - dt.timedelta(minutes=minutes or 0)
        # A left and a right score after one run both carry its distance: one run.
        # (The rule of runs.same_run: starts within 2 minutes, distances within 3%.)
        if any(
            abs(started - other) <= dt.timedelta(minutes=2)
            and abs(km - other_km) <= 0.03 * max(km, other_km)
            for other, other_km in made
        ):
            continue
        made.append((started, km))
        db.execute(
            "INSERT INTO runs (uuid, started_at, local_day, distance_km, elapsed_minutes, "
            "sport, source, note) VALUES (?, ?, ?, ?, ?, 'run', 'manual', ?)",
            (
                str(uuid.uuid5(_RUN_FROM_SCORE, score_uuid)),
                started.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
                local_day,
                km,
                minutes,
                "from a score's distance",
            ),
        )


# The tables whose rows a runner can change or delete on one device and that
# `kneetui merge` and `kneetui sync` bring together, with each row's own time:
# the version an old row gets, so existing data keeps its meaning.
_VERSIONED = (
    ("sessions", "coalesce(finished_at, started_at)"),
    ("levels", "changed_at"),
    ("acknowledgements", "acknowledged_at"),
    ("runs", "started_at"),
    # A setting has no time of its own: NULL ranks below any setting changed
    # since, so the first change on any device wins over an old value.
    ("settings", "NULL"),
)


# Every table whose rows a device's sync file holds.
_CHANGING = (
    "soreness",
    "sessions",
    "reps",
    "levels",
    "settings",
    "acknowledgements",
    "runs",
    "tombstones",
)


# Each kind of record: the SQL of its key from the OLD row, and the columns that
# make its content (a session's count of holds is kept by triggers, not written).
_SAFETY_NET = (
    (
        "soreness",
        "OLD.uuid",
        "logged_at, local_day, score, knee, context, run_km, run_minutes, note, flags",
    ),
    ("sessions", "OLD.uuid", "started_at, finished_at, local_day, status"),
    ("levels", "OLD.exercise || '@' || OLD.changed_at", "hold_s"),
    ("settings", "OLD.key", "value"),
    ("acknowledgements", "OLD.uuid", "acknowledged_at, local_day"),
    (
        "runs",
        "OLD.uuid",
        "started_at, local_day, distance_km, moving_minutes, elapsed_minutes, "
        "elevation_gain_m, sport, source, source_file, content_hash, note",
    ),
)


@SCHEMA.step("0005_devices")
def devices(db: Database) -> None:
    """One history on several devices. The database gets a device id; every row a
    runner can change carries the time it was last written (`updated_at`) and the
    device that wrote it (`device_id`); a deleted score or run leaves a tombstone,
    so the delete travels to the other devices and the row never comes back.

    Old rows keep their meaning: `updated_at` is the row's own time (a score keeps
    NULL until it is edited, as before: its version is then `logged_at`), and
    `device_id` is NULL, "written before devices were told apart", so the same
    row on two devices is the same row."""
    db.execute(
        f"""
        CREATE TABLE device (
            only INTEGER PRIMARY KEY CHECK (only = 1),
            id TEXT NOT NULL CHECK (length(id) = 36 AND id {_UUID}),
            -- Counts every change to the records (triggers below), so `kneetui
            -- sync` writes this device's file again only when something changed:
            -- exporting ten years takes seconds, a no-op sync must not.
            generation INTEGER NOT NULL DEFAULT 0,
            -- The generation and SHA-256 of the last file `kneetui sync` wrote.
            synced_generation INTEGER,
            synced_sha256 TEXT
        ) STRICT
        """
    )
    db.execute("INSERT INTO device (only, id) VALUES (1, ?)", (str(uuid.uuid4()),))
    device = f"TEXT CHECK (device_id IS NULL OR (length(device_id) = 36 AND device_id {_UUID}))"
    db.execute(f"ALTER TABLE soreness ADD COLUMN device_id {device}")
    for table, own_time in _VERSIONED:
        db.execute(
            f"ALTER TABLE {table} ADD COLUMN updated_at TEXT "
            f"CHECK (updated_at IS NULL OR updated_at {_UTC_TIME})"
        )
        db.execute(f"ALTER TABLE {table} ADD COLUMN device_id {device}")
        db.execute(f"UPDATE {table} SET updated_at = {own_time}")  # noqa: S608 (constants)
    db.execute(
        f"""
        CREATE TABLE tombstones (
            kind TEXT NOT NULL CHECK (kind IN ('soreness', 'sessions', 'runs',
                'acknowledgements', 'levels', 'settings')),
            uuid TEXT NOT NULL CHECK (length(uuid) BETWEEN 1 AND 200),
            deleted_at TEXT NOT NULL CHECK (deleted_at {_UTC_TIME}),
            device_id {device},
            PRIMARY KEY (kind, uuid)
        ) STRICT
        """
    )
    for table in _CHANGING:
        for event, done in (("INSERT", "inserted"), ("UPDATE", "updated"), ("DELETE", "deleted")):
            db.execute(
                f"CREATE TRIGGER {table}_{done}_counted AFTER {event} ON {table} "  # noqa: S608
                "BEGIN UPDATE device SET generation = generation + 1; END"
            )
    # A safety net for writes that do not go through the Store's stamping (a
    # script, `sqlite3`, a Store method that forgets): a change to a record's
    # content that leaves its version as it was is stamped with SQLite's clock
    # and this device, and a deleted record leaves a tombstone, so the change
    # and the delete still travel. The Store stamps with its own clock first.
    for kind, key, content in _SAFETY_NET:
        db.execute(
            f"CREATE TRIGGER {kind}_changed_stamped AFTER UPDATE OF {content} ON {kind} "  # noqa: S608
            "WHEN NEW.updated_at IS OLD.updated_at AND NEW.device_id IS OLD.device_id "
            f"BEGIN UPDATE {kind} SET updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', "
            "max(julianday('now'), coalesce(julianday(substr(OLD.updated_at, 1, 19)) "
            "+ 1.0 / 86400, 0))), device_id = (SELECT id FROM device) "
            "WHERE rowid = NEW.rowid; END"
        )
        db.execute(
            f"CREATE TRIGGER {kind}_deleted_remembered AFTER DELETE ON {kind} "  # noqa: S608
            "BEGIN INSERT OR IGNORE INTO tombstones (kind, uuid, deleted_at, device_id) "
            f"VALUES ('{kind}', {key}, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), "
            "(SELECT id FROM device)); END"
        )
    # The files `kneetui sync` has merged, by the SHA-256 of their bytes: a merge
    # is a join, so a file merged once changes nothing when merged again, and a
    # sync skips it without reading ten years of JSON.
    db.execute(
        f"""
        CREATE TABLE merged_files (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
            merged_at TEXT NOT NULL CHECK (merged_at {_UTC_TIME})
        ) STRICT
        """
    )
