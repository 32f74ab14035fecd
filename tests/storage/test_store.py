"""The Store against real SQLite files: schema, constraints, typed reads and writes."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from kneetui.domain.errors import ValidationError
from kneetui.domain.exchange import Bundle, decode, encode_json
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
from kneetui.domain.runs import Run, RunSource, Sport
from kneetui.domain.soreness import new_entry
from kneetui.storage.errors import StoreError
from kneetui.storage.store import ImportCounts, Store
from tests.conftest import NOW

UUID = "6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b"


def test_a_new_database_has_every_table_strict_with_indexes(store: Store) -> None:
    tables = {
        name: sql
        for name, sql in store.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
        ).fetchall()
    }
    for name in ("soreness", "sessions", "reps", "levels", "settings", "acknowledgements", "runs"):
        assert tables[name].rstrip().endswith("STRICT"), name
    indexes = {
        row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert {
        "soreness_local_day",
        "soreness_logged_at",
        "sessions_local_day",
        "runs_started_at",
        "runs_content_hash",
    } <= indexes
    assert store.schema_version == (5, "0005_devices")


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


def test_each_session_mark_carries_its_recorded_holds(store: Store) -> None:
    """Triggers keep sessions.holds right through the app's writes, an import, a
    deletion and a rep moved by another tool."""
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    store.start_session(Session(first, NOW, NOW.date()))
    for n in (1, 2, 3):
        store.add_rep(first, Rep("leg-raise", Side.LEFT, n, 5, 5.0, NOW))
    store.finish_session(first, SessionStatus.COMPLETED, NOW)
    imported = Session(
        second,
        NOW + dt.timedelta(hours=1),
        NOW.date(),
        SessionStatus.COMPLETED,
        NOW + dt.timedelta(hours=2),
        tuple(Rep("calf-raise", Side.BOTH, n, 20, 20.0, NOW) for n in range(1, 11)),
    )
    store.import_bundle(Bundle(sessions=(imported,)))
    assert [m.holds for m in store.session_marks()] == [3, 10]
    with store.conn:
        store.conn.execute("DELETE FROM reps WHERE session_id = ? AND rep = 1", (second,))
        store.conn.execute(
            "UPDATE reps SET session_id = ? WHERE session_id = ? AND rep = 2", (first, second)
        )
    assert [m.holds for m in store.session_marks()] == [4, 8]


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
        assert applied == 5


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


STARTED = NOW - dt.timedelta(days=1)
OTHER_UUID = "0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e"


FIRST_REP = Rep("leg-raise", Side.LEFT, 1, 5, 4.9, STARTED + dt.timedelta(seconds=10))


def rep(**change: Any) -> Rep:
    """A valid rep (left leg, rep 1, 4.9 s of a 5 s target) with `change` applied."""
    return FIRST_REP._replace(**change)


def session(uid: str, *reps: Rep) -> Session:
    """A completed session of yesterday holding `reps`."""
    finished = STARTED + dt.timedelta(minutes=9)
    return Session(uid, STARTED, STARTED.date(), SessionStatus.COMPLETED, finished, reps)


def seed(store: Store) -> Bundle:
    """Store a score, a session with a rep, a hold change and a setting; return
    what the store exports."""
    store.import_bundle(
        Bundle(
            soreness=(new_entry(5, at=NOW - dt.timedelta(days=2), now=NOW, note="stored"),),
            sessions=(session(UUID, rep()),),
            levels=(LevelChange("leg-raise", 10, STARTED),),
            settings={"schedule": ["mon", "thu"]},
        )
    )
    return store.export_bundle()


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements `store` runs inside the block."""
    run: list[str] = []
    store.conn.set_trace_callback(run.append)
    try:
        yield run
    finally:
        store.conn.set_trace_callback(None)


def assert_inserted_then_refused(run: list[str]) -> None:
    """The refused import had already inserted rows in its transaction, so only a
    rollback can have taken them out again."""
    assert any(s.startswith("INSERT INTO soreness") for s in run), run


def test_import_is_idempotent_and_all_or_nothing(store: Store) -> None:
    a = new_entry(3, at=NOW, now=NOW)
    b = new_entry(5, at=NOW, now=NOW)
    first = Bundle(soreness=(a, b), sessions=(session(UUID, rep()),))
    assert store.import_bundle(first) == ImportCounts(soreness=2, sessions=1, reps=1)
    assert store.import_bundle(first) == ImportCounts(skipped=3)
    before = store.export_bundle()

    # The new score is inserted first; then the session turns out to be stored
    # with other content. The score must go too.
    fresh = new_entry(1, at=NOW, now=NOW)
    changed = session(UUID, rep(held_s=3.0))
    with statements(store) as run, pytest.raises(ValidationError) as caught:
        store.import_bundle(Bundle(soreness=(fresh,), sessions=(changed,)))
    assert caught.value.field == "sessions item 1"
    assert f"uuid {UUID} is already stored with different content" in caught.value.message
    assert_inserted_then_refused(run)
    assert store.export_bundle() == before
    assert not store.conn.in_transaction


# Rows the database's own CHECK or UNIQUE refuses, built in code so that nothing
# refuses them before the store does. Each comes after a new score, a new session
# and that session's valid first rep (left leg, rep 1) were inserted in the same
# transaction.
@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(rep(), id="the first rep again"),
        pytest.param(rep(side=Side.RIGHT, rep=0), id="rep 0"),
        pytest.param(rep(side=Side.RIGHT, rep=101), id="rep 101"),
        pytest.param(rep(side=Side.RIGHT, target_s=601, held_s=1.0), id="target 601"),
        pytest.param(rep(side=Side.RIGHT, target_s=6000, held_s=1.0), id="target 6000"),
        pytest.param(rep(side=Side.RIGHT, held_s=6.001), id="held target+1.001"),
        pytest.param(rep(side=Side.RIGHT, held_s=float("nan")), id="held NaN"),
        pytest.param(rep(side=Side.RIGHT, held_s=float("inf")), id="held inf"),
        pytest.param(rep(side=Side.RIGHT, exercise="x" * 65), id="exercise of 65"),
    ],
)
def test_a_failed_import_leaves_nothing_behind_even_after_rows_were_inserted(
    store: Store, db_path: Path, bad: Rep
) -> None:
    before = seed(store)
    bundle = Bundle(
        soreness=(new_entry(2, at=NOW, now=NOW),),
        sessions=(session(OTHER_UUID, rep(), bad),),
        settings={"quiet": True},
    )
    with statements(store) as run, pytest.raises(ValidationError) as caught:
        store.import_bundle(bundle)
    assert caught.value.field == "reps"
    assert "refused by the database" in caught.value.message
    assert_inserted_then_refused(run)
    assert store.export_bundle() == before
    with Store.open(db_path, now=NOW) as again:
        assert again.export_bundle() == before
    # The store is not left inside the failed transaction: the next write works.
    store.set_setting("quiet", False)
    assert store.setting("quiet") is False


def test_reps_just_inside_the_database_bounds_are_stored(store: Store) -> None:
    reps = (
        rep(rep=100),
        rep(side=Side.RIGHT, held_s=6.0),  # target_s + 1
        rep(side=Side.BOTH, target_s=600, held_s=601.0),
        rep(exercise="x" * 64),
    )
    counts = store.import_bundle(Bundle(sessions=(session(OTHER_UUID, *reps),)))
    assert counts == ImportCounts(sessions=1, reps=4)
    (stored,) = store.sessions()
    assert stored.reps == reps


def test_an_import_never_overrides_a_stored_setting_but_adds_new_ones(
    store: Store, db_path: Path
) -> None:
    store.set_setting("schedule", ["mon", "thu"])
    store.import_bundle(Bundle(settings={"schedule": ["tue"], "quiet": True}))
    assert store.settings() == {"schedule": ["mon", "thu"], "quiet": True}
    with Store.open(db_path, now=NOW) as again:
        assert again.settings() == {"schedule": ["mon", "thu"], "quiet": True}


def test_a_changed_setting_is_written(store: Store, db_path: Path) -> None:
    store.set_setting("schedule", ["mon", "thu"])
    store.set_setting("schedule", ["tue", "sat"])
    store.set_setting("quiet", True)
    store.set_setting("quiet", False)
    assert store.setting("schedule") == ["tue", "sat"]
    assert store.settings() == {"schedule": ["tue", "sat"], "quiet": False}
    with Store.open(db_path, now=NOW) as again:
        assert again.settings() == {"schedule": ["tue", "sat"], "quiet": False}


def test_an_import_with_a_hold_change_stored_with_another_hold_is_refused_whole(
    store: Store, db_path: Path
) -> None:
    before = seed(store)  # leg-raise: 10 s from STARTED
    same = LevelChange("leg-raise", 10, STARTED)
    assert store.import_bundle(Bundle(levels=(same,))) == ImportCounts(skipped=1)
    conflicting = Bundle(
        soreness=(new_entry(2, at=NOW, now=NOW),),
        sessions=(session(OTHER_UUID, rep()),),
        levels=(LevelChange("calf-raise", 20, STARTED), same._replace(hold_s=15)),
        settings={"quiet": True},
    )
    with statements(store) as run, pytest.raises(ValidationError) as caught:
        store.import_bundle(conflicting)
    assert caught.value.field == "levels item 2"
    assert "already stored with another hold" in caught.value.message
    assert_inserted_then_refused(run)
    assert store.export_bundle() == before
    with Store.open(db_path, now=NOW) as again:
        assert again.export_bundle() == before


def test_two_holds_for_one_moment_in_the_same_file_are_refused(store: Store) -> None:
    before = seed(store)
    moment = STARTED + dt.timedelta(hours=1)
    bundle = Bundle(
        soreness=(new_entry(2, at=NOW, now=NOW),),
        levels=(LevelChange("leg-raise", 15, moment), LevelChange("leg-raise", 20, moment)),
    )
    with pytest.raises(ValidationError) as caught:
        store.import_bundle(bundle)
    assert caught.value.field == "levels item 2"
    assert store.export_bundle() == before


def export_with(change: str, value: object) -> str:
    """An export of a new score, a new session with two reps and a hold change,
    with the value at the dotted path `change` replaced."""
    bundle = Bundle(
        soreness=(new_entry(2, at=NOW, now=NOW, note="new"),),
        sessions=(session(OTHER_UUID, rep(), rep(side=Side.RIGHT)),),
        levels=(LevelChange("calf-raise", 20, STARTED),),
        settings={"quiet": True},
    )
    document = json.loads(encode_json(bundle))
    *path, last = change.split(".")
    target = document
    for key in path:
        target = target[int(key)] if key.isdigit() else target[key]
    target[last] = value
    return json.dumps(document)


# What `kneetui import` does: decode, then import. Each bad value is refused with
# its item and field named, and the store keeps exactly what it held.
@pytest.mark.parametrize(
    ("change", "value", "where"),
    [
        ("soreness.0.score", True, "soreness[1].score"),
        ("sessions.0.finished_at", "2026-11-17T18:29:59+00:00", "sessions[1].finished_at"),
        ("sessions.0.reps.1.side", "left", "sessions[1].reps"),
        ("sessions.0.reps.1.held_s", float("nan"), "sessions[1].reps[2].held_s"),
        ("sessions.0.reps.1.held_s", float("inf"), "sessions[1].reps[2].held_s"),
        ("sessions.0.reps.1.held_s", 6.001, "sessions[1].reps[2].held_s"),
        ("soreness.0.note", "a\x00b", "soreness[1].note"),
        ("sessions.0.reps.1.exercise", "leg\x00raise", "sessions[1].reps[2].exercise"),
        ("sessions.0.reps.1.exercise", "x" * 65, "sessions[1].reps[2].exercise"),
        ("sessions.0.reps.1.rep", 0, "sessions[1].reps[2].rep"),
        ("sessions.0.reps.1.rep", 101, "sessions[1].reps[2].rep"),
        ("sessions.0.reps.1.target_s", 6000, "sessions[1].reps[2].target_s"),
        ("sessions.0.reps.1.target_s", 601, "sessions[1].reps[2].target_s"),
        ("levels.0.hold_s", 601, "levels[1].hold_s"),
        ("levels.0.exercise", "x" * 65, "levels[1].exercise"),
    ],
)
def test_a_bad_value_in_an_export_is_refused_and_nothing_is_stored(
    store: Store, change: str, value: object, where: str
) -> None:
    before = seed(store)
    with pytest.raises(ValidationError) as caught:
        store.import_bundle(decode(export_with(change, value), NOW))
    assert caught.value.field == where
    assert store.export_bundle() == before


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("sessions.0.reps.1.held_s", 6),  # target_s + 1
        ("sessions.0.reps.1.target_s", 600),
        ("sessions.0.reps.1.rep", 100),
        ("sessions.0.reps.1.exercise", "x" * 64),
        ("levels.0.hold_s", 600),
        ("levels.0.exercise", "x" * 64),
        ("sessions.0.finished_at", "2026-11-17T18:30:00+00:00"),  # as it started
    ],
)
def test_a_value_on_the_bound_in_an_export_is_stored_exactly(
    store: Store, change: str, value: object
) -> None:
    seed(store)
    bundle = decode(export_with(change, value), NOW)
    store.import_bundle(bundle)
    exported = store.export_bundle()
    assert bundle.soreness[0] in exported.soreness
    assert bundle.sessions[0] in exported.sessions
    assert bundle.levels[0] in exported.levels


# Correcting a score -------------------------------------------------------------


def test_an_edited_score_keeps_its_uuid_and_records_when(store: Store) -> None:
    first = new_entry(8, at=NOW, now=NOW, knee=Knee.LEFT, note="typo")
    other = new_entry(2, at=NOW, now=NOW)
    store.add_soreness(first)
    store.add_soreness(other)
    edited = first._replace(
        score=3, knee=Knee.RIGHT, note="meant 3", updated_at=NOW + dt.timedelta(minutes=5)
    )
    assert store.update_soreness(edited) is True
    assert store.soreness_entry(first.uuid) == edited
    assert store.soreness_entry(other.uuid) == other  # only that row changed
    assert len(store.soreness()) == 2


def test_editing_an_unknown_score_changes_nothing(store: Store) -> None:
    kept = new_entry(4, at=NOW, now=NOW)
    store.add_soreness(kept)
    ghost = new_entry(5, at=NOW, now=NOW)._replace(updated_at=NOW)
    assert store.update_soreness(ghost) is False
    assert store.soreness() == [kept]
    assert store.soreness_entry(ghost.uuid) is None


def test_an_edit_the_database_refuses_leaves_the_score_as_it_was(store: Store) -> None:
    kept = new_entry(4, at=NOW, now=NOW)
    store.add_soreness(kept)
    with pytest.raises(StoreError, match="refused"):
        store.update_soreness(kept._replace(score=11, updated_at=NOW))
    assert store.soreness_entry(kept.uuid) == kept


def test_a_deleted_score_comes_back_whole_when_added_again(store: Store) -> None:
    """Undo after a delete re-adds the same entry, uuid and all."""
    gone = new_entry(6, at=NOW, now=NOW, flags=[Flag.SWELLING], note="stairs")
    store.add_soreness(gone)
    assert store.delete_soreness(gone.uuid)
    store.add_soreness(gone)
    assert store.soreness() == [gone]


def test_an_edited_score_round_trips_through_an_export(store: Store, tmp_path: Path) -> None:
    edited = new_entry(3, at=NOW, now=NOW)._replace(updated_at=NOW)
    store.add_soreness(edited)
    with Store.open(tmp_path / "other.db", now=NOW) as other:
        other.import_bundle(decode(encode_json(store.export_bundle()), NOW))
        assert other.soreness() == [edited]


# Runs -----------------------------------------------------------------------------


def a_run(km: float = 10.0, **change: Any) -> Run:
    started = NOW - dt.timedelta(hours=3)
    base = Run(
        uuid=str(uuid.uuid4()),
        started_at=started,
        local_day=started.date(),
        distance_km=km,
        elapsed_minutes=60.0,
        source=RunSource.GPX,
        source_file="morning.gpx",
        content_hash="a" * 64,
    )
    return base._replace(**change)


def test_a_run_round_trips_and_runs_come_newest_first(store: Store) -> None:
    first = a_run()
    later = a_run(
        5.0,
        started_at=NOW - dt.timedelta(hours=1),
        content_hash="",
        source=RunSource.MANUAL,
        sport=Sport.TREADMILL,
        elevation_gain_m=0.0,
    )
    assert store.add_run(first) and store.add_run(later)
    assert store.runs() == [later, first]
    assert store.runs(since=NOW - dt.timedelta(hours=2)) == [later]
    assert store.runs(until=NOW - dt.timedelta(hours=2)) == [first]
    assert store.run_hashes() == {"a" * 64}
    assert store.delete_run(first.uuid) and not store.delete_run(first.uuid)
    assert store.runs() == [later]


def test_the_same_file_or_the_same_run_is_not_stored_twice(store: Store) -> None:
    original = a_run()
    assert store.add_run(original)
    # The same file under another name.
    assert not store.add_run(a_run(source_file="copy.gpx"))
    # The same run from Strava: a minute later, 2% longer, another hash.
    strava = a_run(
        10.2,
        started_at=original.started_at + dt.timedelta(minutes=1),
        content_hash="b" * 64,
        source=RunSource.STRAVA_CSV,
    )
    assert not store.add_run(strava)
    # Another run that morning: 3 minutes later.
    other = a_run(
        10.0, started_at=original.started_at + dt.timedelta(minutes=3), content_hash="c" * 64
    )
    assert store.add_run(other)
    assert store.runs() == [other, original]


def test_a_run_the_database_refuses_leaves_nothing(store: Store) -> None:
    with pytest.raises(StoreError, match="refused"):
        store.add_run(a_run(-1.0))
    assert store.runs() == []


def test_runs_round_trip_through_export_and_import(store: Store, tmp_path: Path) -> None:
    store.add_run(a_run())
    two_days_ago = NOW - dt.timedelta(days=2)
    store.add_run(
        a_run(3.0, content_hash="", started_at=two_days_ago, local_day=two_days_ago.date())
    )
    bundle = decode(encode_json(store.export_bundle()), NOW)
    with Store.open(tmp_path / "other.db", now=NOW) as other:
        assert other.import_bundle(bundle).runs == 2
        assert other.runs() == store.runs()
        assert other.import_bundle(bundle).runs == 0  # idempotent


def test_session_marks_since_a_day(store: Store) -> None:
    # The report reads only its weeks' sessions.
    for day in (dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16)):
        start = dt.datetime.combine(day, dt.time(7), dt.UTC)
        name = str(uuid.uuid5(uuid.NAMESPACE_URL, f"session {day}"))
        store.start_session(Session(name, start, day))
        store.finish_session(name, SessionStatus.COMPLETED, start)
    assert [m.local_day for m in store.session_marks(since=dt.date(2026, 11, 9))] == [
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
    ]
    assert len(store.session_marks()) == 3
