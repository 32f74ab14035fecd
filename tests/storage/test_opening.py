"""Opening a file: where it lives, its modes, what is refused and left untouched,
and the backup made before a migration."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from kneetui.domain.models import Flag, Knee, SorenessEntry, utc_text
from kneetui.domain.runs import RunSource
from kneetui.domain.soreness import new_entry
from kneetui.storage.convert import SORENESS_COLUMNS, soreness_row
from kneetui.storage.errors import StoreRefused
from kneetui.storage.paths import default_db_path, resolve_db_path
from kneetui.storage.schema import (
    SCHEMA,
    Schema,
    acknowledgements,
    devices,
    initial,
    runs,
    score_edits,
)
from kneetui.storage.store import Store
from tests.conftest import NOW


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(old)


def test_path_comes_from_the_option_then_the_environment_then_platformdirs(
    tmp_path: Path,
) -> None:
    env = {"KNEETUI_DB": str(tmp_path / "env.db")}
    assert resolve_db_path(tmp_path / "opt.db", env) == tmp_path / "opt.db"
    assert resolve_db_path(None, env) == tmp_path / "env.db"
    assert resolve_db_path(None, {}) == default_db_path()
    assert default_db_path().parts[-2:] == ("kneetui", "kneetui.db")
    # The autouse fixture points XDG_DATA_HOME at a temporary folder.
    assert str(default_db_path()).startswith(os.environ["XDG_DATA_HOME"])


def test_new_folders_are_0700_and_files_0600_whatever_the_umask(
    tmp_path: Path, loose_umask: None
) -> None:
    path = tmp_path / "deep" / "er" / "kneetui.db"
    with Store.open(path, now=NOW) as store:
        store.add_soreness(new_entry(3, at=NOW, now=NOW))
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert file.exists(), file
            assert mode(file) == 0o600, file
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Store.open(folder / "k.db", now=NOW).close()
    assert mode(folder) == 0o755


def test_a_directory_at_the_path_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "kneetui.db"
    folder.mkdir()
    with pytest.raises(StoreRefused, match="is a directory, not a kneetui database"):
        Store.open(folder, now=NOW)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"name,score\nme,4\n", b"SQLite format 2\x00" + b"\x00" * 100, b"\x00" * 4096, b"SQLit"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_byte_for_byte(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "kneetui.db"
    path.write_bytes(content)
    before = sha256(path)
    with pytest.raises(StoreRefused, match=r"is not a kneetui database"):
        Store.open(path, now=NOW)
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kneetui.db"]


def test_an_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (body TEXT)")
    other.commit()
    other.close()
    before = sha256(path)
    with pytest.raises(StoreRefused, match="holds other tables: notes"):
        Store.open(path, now=NOW)
    assert sha256(path) == before


def test_a_zero_length_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "kneetui.db"
    path.touch()
    with Store.open(path, now=NOW) as store:
        assert store.schema_version == (5, "0005_devices")


def newer_schema() -> Schema:
    schema = Schema()
    schema.step("0001_initial")(initial)
    schema.step("0002_acknowledgements")(acknowledgements)
    schema.step("0003_score_edits")(score_edits)
    schema.step("0004_runs")(runs)
    schema.step("0005_devices")(devices)

    @schema.step("0006_future")
    def future(db: Database) -> None:
        db.execute("CREATE TABLE shoes (name TEXT) STRICT")

    return schema


def test_a_database_from_a_newer_kneetui_is_refused_and_left_alone(db_path: Path) -> None:
    Store.open(db_path, now=NOW, schema=newer_schema()).close()
    before = sha256(db_path)
    with pytest.raises(StoreRefused, match=r"newer kneetui \(unknown schema steps: 0006_future\)"):
        Store.open(db_path, now=NOW)
    assert sha256(db_path) == before


def test_a_backup_is_made_and_checked_before_migrating_a_file_with_data(
    db_path: Path, loose_umask: None
) -> None:
    entry = new_entry(4, at=NOW, now=NOW)
    with Store.open(db_path, now=NOW) as old:
        old.add_soreness(entry)
        assert old.backup is None  # nothing to back up when the file was new
    with Store.open(db_path, now=NOW, schema=newer_schema()) as upgraded:
        backup = upgraded.backup
        assert upgraded.schema_version == (6, "0006_future")
    assert backup is not None
    assert backup.parent == db_path.parent
    assert backup.name == "kneetui.db.backup-20261118T183000Z"
    assert mode(backup) == 0o600
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT uuid FROM soreness").fetchall() == [(entry.uuid,)]
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert "shoes" not in tables  # the copy is of the file before the migration
    finally:
        copy.close()


def test_the_shipped_schema_names_every_step() -> None:
    assert SCHEMA.steps == [
        "0001_initial",
        "0002_acknowledgements",
        "0003_score_edits",
        "0004_runs",
        "0005_devices",
    ]


SESSION = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def test_a_file_of_the_first_schema_is_upgraded_with_a_backup_and_keeps_its_data(
    db_path: Path,
) -> None:
    """0002 adds the acknowledgements of red flags and the red-flag, high-score and
    per-knee day indexes; every score stays as it was."""
    first = Schema()
    first.step("0001_initial")(initial)
    flagged = new_entry(9, at=NOW, now=NOW, knee=Knee.LEFT, flags=[Flag.SWELLING])
    calm = new_entry(2, at=NOW - dt.timedelta(hours=2), now=NOW)
    with Store.open(db_path, now=NOW, schema=first) as old:
        # The rows as the first schema held them: no updated_at column yet.
        old.conn.executemany(
            f"INSERT INTO soreness ({', '.join(SORENESS_COLUMNS[:-1])}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in SORENESS_COLUMNS[:-1])})",
            [soreness_row(flagged)[:-1], soreness_row(calm)[:-1]],
        )
        old.conn.execute(
            "INSERT INTO sessions (uuid, started_at, finished_at, local_day, status) "
            "VALUES (?, ?, ?, ?, 'completed')",
            (SESSION, utc_text(NOW), utc_text(NOW), NOW.date().isoformat()),
        )
        old.conn.executemany(
            "INSERT INTO reps (session_id, exercise, side, rep, target_s, held_s, completed_at) "
            "VALUES (?, 'leg-raise', 'left', ?, 5, 5.0, ?)",
            [(SESSION, n, utc_text(NOW)) for n in (1, 2)],
        )
        assert old.schema_version == (1, "0001_initial")
    with Store.open(db_path, now=NOW) as store:
        assert store.backup is not None and store.backup.exists()
        assert store.schema_version == (5, "0005_devices")
        assert store.soreness() == [flagged, calm]
        assert store.acknowledgements() == []
        assert store.red_flag_scores(None) == [flagged]
        assert store.latest_high_score() == flagged
        columns = [r[2] for r in store.conn.execute("PRAGMA index_info(soreness_local_day)")]
        assert columns == ["local_day", "score", "knee"]
        # Sessions of the first schema get their recorded holds counted.
        assert [(m.local_day, m.holds) for m in store.session_marks()] == [(NOW.date(), 2)]


def test_the_light_step_list_matches_the_registered_migrations() -> None:
    from kneetui.storage.steps import STEP_NAMES

    assert list(STEP_NAMES) == SCHEMA.steps


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(db_path: Path) -> None:
    import subprocess
    import sys

    Store.open(db_path, now=NOW).close()
    code = (
        "import sys; from pathlib import Path; import datetime as dt\n"
        "from kneetui.storage.store import Store\n"
        f"Store.open(Path({str(db_path)!r}), now=dt.datetime.now(dt.UTC)).close()\n"
        "print('sqlite_utils' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def insert_score(store: Store, entry: SorenessEntry) -> None:
    """A score as the 0003 schema holds it (the Store writes the current one)."""
    store.conn.execute(
        f"INSERT INTO soreness ({', '.join(SORENESS_COLUMNS)}) "  # noqa: S608
        f"VALUES ({', '.join('?' for _ in SORENESS_COLUMNS)})",
        soreness_row(entry),
    )


def test_the_distances_of_earlier_scores_become_runs(db_path: Path) -> None:
    """0004: a score with run_km gets a run of its own, ending when the score was
    logged, with a uuid every device derives alike from the score's."""
    before = Schema()
    before.step("0001_initial")(initial)
    before.step("0002_acknowledgements")(acknowledgements)
    before.step("0003_score_edits")(score_edits)
    timed = new_entry(3, at=NOW, now=NOW, run_km=10.5, run_minutes=55.0)
    # The other knee's score after the same run, a minute later: the same run.
    other_knee = new_entry(
        5, at=NOW + dt.timedelta(minutes=1), now=NOW, knee=Knee.LEFT, run_km=10.5, run_minutes=55.0
    )
    untimed = new_entry(2, at=NOW - dt.timedelta(days=1), now=NOW, run_km=4.0)
    no_run = new_entry(1, at=NOW - dt.timedelta(days=2), now=NOW)
    with Store.open(db_path, now=NOW, schema=before) as old:
        for entry in (timed, other_knee, untimed, no_run):
            insert_score(old, entry)
    with Store.open(db_path, now=NOW) as store:
        assert len(store.runs()) == 2
        runs = {r.distance_km: r for r in store.runs()}
        assert set(runs) == {10.5, 4.0}
        assert runs[10.5].ended_at == timed.logged_at
        assert runs[10.5].elapsed_minutes == 55.0 and runs[10.5].local_day == timed.local_day
        assert runs[4.0].started_at == untimed.logged_at and runs[4.0].minutes is None
        assert all(r.source is RunSource.MANUAL for r in runs.values())
        assert store.soreness()[1] == timed  # the scores keep their distance
        derived = {r.uuid for r in runs.values()}
    # Another device migrating the same scores derives the same uuids.
    other = db_path.with_name("other.db")
    with Store.open(other, now=NOW, schema=before) as old:
        for entry in (timed, untimed, no_run):
            insert_score(old, entry)
    with Store.open(other, now=NOW) as store:
        assert {r.uuid for r in store.runs()} == derived


def test_a_shell_command_does_not_import_the_writer_threads_machinery(db_path: Path) -> None:
    """concurrent.futures (and logging with it) cost `kneetui log` some 6 ms: only
    the app's writer thread needs it."""
    import subprocess
    import sys

    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('concurrent.futures' in sys.modules))\n"
        "from kneetui.launch import main\n"
        f"sys.argv = ['kneetui', '--db', {str(db_path)!r}, 'log', '3']\n"
        "main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"
