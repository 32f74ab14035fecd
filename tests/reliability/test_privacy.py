"""The database, its -wal and -shm, backups and exports are 0600 and the data
folder 0700 whatever the umask; a database readable by others draws a warning."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from kneetui.domain.soreness import new_entry
from kneetui.storage.schema import Schema, acknowledgements, devices, initial, runs, score_edits
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import KNEETUI, NOW, child_env
from tests.tui.conftest import AppFactory


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_files_and_folders_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    data = tmp_path / "data"
    db = data / "kneetui" / "kneetui.db"
    export = tmp_path / "export.json"
    script = (
        f"umask {umask:03o}; {KNEETUI} --db {db} log 3 && "
        f"{KNEETUI} --db {db} export --output {export} && "
        f"{KNEETUI} --db {db} export --format csv --output {export}.csv"
    )
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, env=child_env())
    assert done.returncode == 0, done.stderr
    assert mode(db.parent) == 0o700 and mode(db.parent.parent) == 0o700
    assert mode(db) == 0o600
    assert mode(export) == 0o600 and mode(Path(f"{export}.csv")) == 0o600
    # While a connection is open the WAL companions exist: they are private too.
    old = os.umask(umask)
    try:
        with Store.open(db, now=NOW) as store:
            store.add_soreness(new_entry(4, at=NOW, now=NOW))
            for sidecar in (Path(f"{db}-wal"), Path(f"{db}-shm")):
                assert mode(sidecar) == 0o600, sidecar
            newer = Schema()
            newer.step("0001_initial")(initial)
            newer.step("0002_acknowledgements")(acknowledgements)
            newer.step("0003_score_edits")(score_edits)
            newer.step("0004_runs")(runs)
            newer.step("0005_devices")(devices)
            newer.step("0006_noop")(lambda db: None)
        with Store.open(db, now=NOW, schema=newer) as upgraded:
            assert upgraded.backup is not None and mode(upgraded.backup) == 0o600
    finally:
        os.umask(old)


def test_a_database_readable_by_others_draws_a_warning(db_path: Path) -> None:
    kneetui("log", "3", db=db_path)
    os.chmod(db_path, 0o644)
    result = kneetui("history", db=db_path)
    assert result.code == 0
    assert result.err == (
        f"kneetui: warning: {db_path} can be read by other users; "
        f"`chmod 600 {db_path}` keeps it private\n"
    )
    os.chmod(db_path, 0o600)
    assert kneetui("history", db=db_path).err == ""


async def test_the_app_warns_too(empty_store: Store, make_app: AppFactory) -> None:
    os.chmod(empty_store.path, 0o640)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        assert any("can be read by other users" in str(n.message) for n in app._notifications)


async def test_the_file_check_worker_uses_its_own_connection(
    empty_store: Store, make_app: AppFactory
) -> None:
    """The one worker thread (PRAGMA quick_check) must not touch the app's
    connection: sqlite3 would raise "SQLite objects created in a thread"."""
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.file_check is None  # not while the dashboard is being built
        await pilot.pause(1.2)  # the dashboard has been idle for a second
        await app.workers.wait_for_complete()
        worker = app.file_check
        assert worker is not None and worker.error is None
        assert worker.state.name == "SUCCESS"
        assert empty_store.damage is None
