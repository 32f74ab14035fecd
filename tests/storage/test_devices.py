"""Schema step 0005_devices: a device id per database, a version (updated_at and
device_id) on every record a runner can change, and tombstones for deletes."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from kneetui.domain.models import (
    Acknowledgement,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
    utc_text,
)
from kneetui.domain.runs import Run
from kneetui.domain.soreness import new_entry
from kneetui.storage.convert import SORENESS_COLUMNS, soreness_row
from kneetui.storage.schema import Schema, acknowledgements, initial, runs, score_edits
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW

LATER = NOW + dt.timedelta(hours=1)


def row(store: Store, sql: str, *params: Any) -> tuple[Any, ...]:
    found = store.conn.execute(sql, params).fetchone()
    return tuple(found) if found is not None else ()


def test_each_new_database_gets_a_device_id_of_its_own(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db", now=NOW) as a, Store.open(tmp_path / "b.db", now=NOW) as b:
        assert str(uuid.UUID(a.device_id)) == a.device_id
        assert a.device_id != b.device_id
        assert row(a, "SELECT count(*) FROM tombstones") == (0,)


def test_an_older_file_is_upgraded_with_a_backup_and_keeps_its_meaning(db_path: Path) -> None:
    old = Schema()
    for name, step in (
        ("0001_initial", initial),
        ("0002_acknowledgements", acknowledgements),
        ("0003_score_edits", score_edits),
        ("0004_runs", runs),
    ):
        old.step(name)(step)
    score = new_entry(4, at=NOW, now=NOW)
    with Store.open(db_path, now=NOW, schema=old) as before:
        before.conn.execute(
            f"INSERT INTO soreness ({', '.join(SORENESS_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in SORENESS_COLUMNS)})",
            soreness_row(score),
        )
        before.conn.execute(
            "INSERT INTO sessions (uuid, started_at, finished_at, local_day, status) "
            "VALUES (?, ?, ?, ?, 'completed')",
            (str(uuid.uuid4()), utc_text(NOW), utc_text(LATER), NOW.date().isoformat()),
        )
        before.conn.execute(
            "INSERT INTO levels (exercise, hold_s, changed_at) VALUES ('leg-raise', 10, ?)",
            (utc_text(NOW),),
        )
        before.conn.execute("INSERT INTO settings (key, value) VALUES ('quiet', 'true')")
    with Store.open(db_path, now=NOW) as store:
        assert store.backup is not None and store.backup.exists()
        assert store.device_id
        # Existing rows: their own time is their version, no device wrote them.
        assert row(store, "SELECT updated_at, device_id FROM soreness") == (None, None)
        assert row(store, "SELECT updated_at, device_id FROM sessions") == (utc_text(LATER), None)
        assert row(store, "SELECT updated_at, device_id FROM levels") == (utc_text(NOW), None)
        assert row(store, "SELECT updated_at, device_id FROM settings") == (None, None)
        assert store.soreness() == [score]  # a score not edited still reads as not edited
        assert store.setting("quiet") is True


def clocked(store: Store, moment: dt.datetime) -> Store:
    store.clock = lambda: moment
    return store


def test_every_write_stamps_its_record_with_time_and_device(store: Store) -> None:
    clocked(store, LATER)
    me = store.device_id
    stamp = (utc_text(LATER), me)
    session = Session(str(uuid.uuid4()), NOW, NOW.date())
    store.start_session(session)
    assert row(store, "SELECT updated_at, device_id FROM sessions") == stamp
    clocked(store, LATER + dt.timedelta(minutes=1))
    store.add_rep(session.uuid, Rep("leg-raise", Side.LEFT, 1, 5, 5.0, NOW))
    assert row(store, "SELECT updated_at FROM sessions") == (utc_text(store.clock()),)
    clocked(store, LATER + dt.timedelta(minutes=2))
    store.finish_session(session.uuid, SessionStatus.COMPLETED, NOW)
    assert row(store, "SELECT updated_at FROM sessions") == (utc_text(store.clock()),)
    clocked(store, LATER)
    store.set_level(LevelChange("leg-raise", 10, NOW))
    store.set_setting("quiet", True)
    store.add_acknowledgement(Acknowledgement(str(uuid.uuid4()), NOW, NOW.date()))
    store.add_run(Run(str(uuid.uuid4()), NOW, NOW.date(), 5.0))
    for table in ("levels", "settings", "acknowledgements", "runs"):
        assert row(store, f"SELECT updated_at, device_id FROM {table}") == stamp, table  # noqa: S608
    score = new_entry(4, at=NOW, now=NOW)
    store.add_soreness(score)
    assert row(store, "SELECT updated_at, device_id FROM soreness") == (None, me)
    store.update_soreness(score._replace(score=3, updated_at=LATER))
    assert row(store, "SELECT updated_at, device_id FROM soreness") == stamp


def test_deleting_a_score_or_a_run_leaves_a_tombstone(store: Store) -> None:
    clocked(store, LATER)
    score = new_entry(4, at=NOW, now=NOW)
    run = Run(str(uuid.uuid4()), NOW, NOW.date(), 5.0)
    store.add_soreness(score)
    store.add_run(run)
    gone = clocked(store, LATER + dt.timedelta(minutes=1)).clock()
    assert store.delete_soreness(score.uuid) and store.delete_run(run.uuid)
    assert not store.delete_soreness(score.uuid)  # nothing left: no second tombstone
    tombs = store.conn.execute("SELECT kind, uuid, deleted_at, device_id FROM tombstones")
    assert sorted(tuple(t) for t in tombs) == sorted(
        [
            ("soreness", score.uuid, utc_text(gone), store.device_id),
            ("runs", run.uuid, utc_text(gone), store.device_id),
        ]
    )
    # The history screen's undo stores the score again: it is no longer deleted.
    store.add_soreness(score)
    assert row(store, "SELECT count(*) FROM tombstones WHERE kind = 'soreness'") == (0,)


def test_a_version_never_goes_back_when_the_clock_does(store: Store) -> None:
    clocked(store, LATER)
    store.set_setting("quiet", True)
    clocked(store, NOW)  # the clock was set back an hour
    store.set_setting("quiet", False)
    assert row(store, "SELECT updated_at FROM settings") == (
        utc_text(LATER + dt.timedelta(seconds=1)),
    )


def test_where_shows_the_device_id_and_gives_a_copy_a_new_one(tmp_path: Path) -> None:
    db = tmp_path / "kneetui.db"
    assert kneetui("log", "3", db=db).code == 0
    with Store.open(db, now=NOW) as store:
        first = store.device_id
    assert f"Device:   {first}" in kneetui("where", db=db).out
    result = kneetui("where", "--new-device-id", db=db)
    assert result.code == 0, result.err
    with Store.open(db, now=NOW) as store:
        second = store.device_id
        # Records keep the device that wrote them.
        assert row(store, "SELECT device_id FROM soreness") == (first,)
    assert second != first and result.out == f"Device:   {second} (was {first})\n"
    missing = kneetui("where", "--new-device-id", db=tmp_path / "none.db")
    assert missing.code == 1 and "no database" in missing.err
    assert not (tmp_path / "none.db").exists()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM device").fetchone() == (1,)
    finally:
        conn.close()


def test_a_write_that_bypasses_the_store_still_travels(store: Store) -> None:
    """A script or `sqlite3` that changes or deletes a record: the change is
    stamped with this device, and the delete leaves a tombstone."""
    run = Run(str(uuid.uuid4()), NOW, NOW.date(), 5.0)
    clocked(store, NOW).add_run(run)
    raw = sqlite3.connect(store.path)
    try:
        raw.execute("UPDATE runs SET note = 'felt fine'")
        raw.commit()
        updated, device = row(store, "SELECT updated_at, device_id FROM runs")
        assert updated > utc_text(NOW) and device == store.device_id
        # A change the Store stamps itself is left alone.
        before = row(store, "SELECT generation FROM device")
        raw.execute("DELETE FROM runs")
        raw.commit()
    finally:
        raw.close()
    kind, key, device = row(store, "SELECT kind, uuid, device_id FROM tombstones")
    assert (kind, key, device) == ("runs", run.uuid, store.device_id)
    assert row(store, "SELECT generation FROM device") > before
    clocked(store, LATER).set_setting("quiet", True)
    assert row(store, "SELECT updated_at FROM settings") == (utc_text(LATER),)


def test_a_session_another_device_runs_is_not_closed_here(tmp_path: Path) -> None:
    with Store.open(tmp_path / "other.db", now=NOW) as other:
        theirs = Session(str(uuid.uuid4()), NOW, NOW.date())
        other.start_session(theirs)
        source = other.source()
        with Store.open(tmp_path / "mine.db", now=NOW) as mine:
            mine.merge(source)
            own = Session(str(uuid.uuid4()), NOW, NOW.date())
            mine.start_session(own)
            closed = mine.close_interrupted_sessions()
            assert [s.uuid for s in closed] == [own.uuid]
            status = {s.uuid: s.status for s in mine.sessions()}
            assert status == {
                theirs.uuid: SessionStatus.IN_PROGRESS,
                own.uuid: SessionStatus.STOPPED,
            }
