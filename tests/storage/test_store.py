"""The Store against real SQLite files: schema, constraints, typed reads and writes."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

import pytest

from kneetui.domain.errors import ValidationError
from kneetui.domain.exchange import Bundle
from kneetui.domain.models import (
    Context,
    Flag,
    Knee,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
)
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
from tests.conftest import NOW

UUID = "6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b"


def test_a_new_database_has_every_table_strict_with_indexes(store: Store) -> None:
    tables = {
        name: sql
        for name, sql in store.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
        ).fetchall()
    }
    for name in ("soreness", "sessions", "reps", "levels", "settings"):
        assert tables[name].rstrip().endswith("STRICT"), name
    indexes = {
        row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert {"soreness_local_day", "soreness_logged_at", "sessions_local_day"} <= indexes
    assert store.schema_version == (1, "0001_initial")


def test_wal_full_sync_and_a_busy_timeout(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 2000


def test_the_page_cache_is_kept_small(store: Store) -> None:
    # SQLite's default is 2 MiB per connection (-2000); the dashboard's memory
    # budget (make bench) keeps it at 128 KiB.
    assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -128


def test_session_marks_are_the_days_of_sessions_with_a_status(store: Store) -> None:
    days = [NOW - dt.timedelta(days=n) for n in (3, 2, 2, 1)]
    statuses = [SessionStatus.COMPLETED, SessionStatus.COMPLETED, SessionStatus.STOPPED,
                SessionStatus.COMPLETED]  # fmt: skip
    for started, status in zip(days, statuses, strict=True):
        uid = str(uuid.uuid4())
        store.start_session(Session(uid, started, started.date()))
        store.finish_session(uid, status, started + dt.timedelta(minutes=20))
    completed = store.session_marks()
    assert [m.local_day for m in completed] == [d.date() for d in (days[0], days[1], days[3])]
    assert {m.status for m in completed} == {SessionStatus.COMPLETED}
    assert [m.local_day for m in store.session_marks(SessionStatus.STOPPED)] == [days[2].date()]


def test_reopening_changes_nothing(db_path: Path) -> None:
    with Store.open(db_path, now=NOW) as first:
        first.add_soreness(new_entry(3, at=NOW, now=NOW))
        schema = first.conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    with Store.open(db_path, now=NOW) as again:
        assert (
            again.conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
        )
        assert len(again.soreness()) == 1
        assert again.backup is None
        applied = again.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == 1


def test_a_score_round_trips_through_the_store(store: Store) -> None:
    entry = new_entry(
        7,
        at=NOW,
        now=NOW,
        knee=Knee.RIGHT,
        context=Context.OTHER,
        run_km=12.3,
        run_minutes=61.5,
        note="[/bold] \x1b[2J 👍",
        flags=[Flag.GIVING_WAY],
    )
    store.add_soreness(entry)
    assert store.soreness() == [entry]
    assert store.delete_soreness(entry.uuid)
    assert store.soreness() == []
    assert not store.delete_soreness(entry.uuid)


def test_scores_come_newest_first_and_ties_keep_insertion_order(store: Store) -> None:
    first = new_entry(1, at=NOW, now=NOW)
    second = new_entry(2, at=NOW, now=NOW)
    older = new_entry(3, at=NOW - dt.timedelta(days=3), now=NOW)
    for entry in (first, second, older):
        store.add_soreness(entry)
    assert [e.score for e in store.soreness()] == [2, 1, 3]
    assert [e.score for e in store.soreness(limit=1)] == [2]
    assert [e.score for e in store.soreness(since=NOW.date())] == [2, 1]


def test_a_day_range_of_scores_reads_the_day_index_not_the_whole_history(
    store: Store,
) -> None:
    # The dashboard reads 13 weeks of scores: walking the logged_at index over ten
    # years to spare a sort of 91 rows took four times as long (make bench).
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    store.soreness(since=NOW.date() - dt.timedelta(weeks=13))
    store.conn.set_trace_callback(None)
    (query,) = [s for s in statements if s.startswith("SELECT * FROM soreness")]
    plan = " ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "USING INDEX soreness_local_day (local_day>?)" in plan, plan


def test_daily_means_are_grouped_by_local_day(store: Store) -> None:
    for hours, score in ((0, 2), (1, 4), (24, 6)):
        store.add_soreness(new_entry(score, at=NOW - dt.timedelta(hours=hours), now=NOW))
    daily = store.daily_soreness()
    assert [(d.day, d.mean, d.scores) for d in daily] == [
        (dt.date(2026, 11, 17), 6.0, 1),
        (dt.date(2026, 11, 18), 3.0, 2),
    ]
    assert len(store.daily_soreness(since=NOW.date())) == 1


def test_sessions_reps_levels_and_settings(store: Store) -> None:
    session = Session(UUID, NOW, NOW.date())
    store.start_session(session)
    rep = Rep("calf-raise", Side.BOTH, 1, 20, 19.96, NOW + dt.timedelta(seconds=23))
    store.add_rep(UUID, rep)
    store.finish_session(UUID, SessionStatus.STOPPED, NOW + dt.timedelta(minutes=1))
    (stored,) = store.sessions()
    assert stored.status is SessionStatus.STOPPED
    assert stored.reps == (rep,)
    assert stored.finished_at == NOW + dt.timedelta(minutes=1)

    store.set_level(LevelChange("leg-raise", 10, NOW))
    store.set_level(LevelChange("leg-raise", 15, NOW + dt.timedelta(days=7)))
    assert store.current_holds() == {"leg-raise": 15}

    store.set_setting("schedule", ["tue", "thu"])
    assert store.setting("schedule") == ["tue", "thu"]
    assert store.setting("missing") is None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("score", 11),
        ("score", -1),
        ("score", 3.5),
        ("score", "4"),
        ("score", 4.0),
        ("score", float("nan")),
        ("note", "x" * 1001),
        ("knee", "elbow"),
        ("context", "during"),
        ("run_km", -2.0),
        ("run_km", float("inf")),
        ("flags", "swelling"),
        ("local_day", "25/11/2026"),
        ("logged_at", "2026-11-25 18:30"),
        ("uuid", "x"),
    ],
)
def test_check_constraints_refuse_bad_rows_even_without_the_store(
    store: Store, db_path: Path, column: str, value: object
) -> None:
    def row(**change: object) -> dict[str, object]:
        return {
            "uuid": str(uuid.uuid4()),
            "logged_at": "2026-11-25T18:30:00+00:00",
            "local_day": "2026-11-25",
            "score": 4,
            "knee": "both",
            "context": "after-run",
            "note": "",
            "flags": "[]",
            **change,
        }

    def insert(values: dict[str, object]) -> None:
        raw.execute(
            f"INSERT INTO soreness ({', '.join(values)}) "  # noqa: S608
            f"VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )

    raw = sqlite3.connect(db_path)
    try:
        insert(row())  # the valid row is accepted: only the changed value is refused
        with pytest.raises(sqlite3.IntegrityError):
            insert(row(**{column: value}))
        raw.commit()
    finally:
        raw.close()
    assert len(store.soreness()) == 1


def test_reps_refuse_a_hold_longer_than_the_target(store: Store) -> None:
    store.start_session(Session(UUID, NOW, NOW.date()))
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO reps (session_id, exercise, side, rep, target_s, held_s, completed_at) "
            "VALUES (?, 'leg-raise', 'left', 1, 5, 9.0, '2026-11-25T18:30:05+00:00')",
            (UUID,),
        )


def test_import_is_idempotent_and_all_or_nothing(store: Store) -> None:
    a = new_entry(3, at=NOW, now=NOW)
    b = new_entry(5, at=NOW, now=NOW)
    counts = store.import_bundle(Bundle(soreness=(a, b)))
    assert (counts.soreness, counts.skipped) == (2, 0)
    again = store.import_bundle(Bundle(soreness=(a, b)))
    assert (again.soreness, again.skipped) == (0, 2)

    changed = new_entry(9, at=NOW, now=NOW, uuid=a.uuid)
    fresh = new_entry(1, at=NOW, now=NOW)
    with pytest.raises(ValidationError, match=r"soreness item 2.*different content"):
        store.import_bundle(Bundle(soreness=(fresh, changed)))
    assert {e.uuid for e in store.soreness()} == {a.uuid, b.uuid}
