"""Storage faults: a full disk, read-only files and folders, a damaged file, a
migration that fails halfway, and another process holding the write lock. Each
gives one line, loses nothing stored before, and leaves `integrity_check` ok."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.widgets import Input, Static

from kneetui.domain.exchange import Bundle, encode_json
from kneetui.domain.soreness import new_entry
from kneetui.storage import opening
from kneetui.storage.errors import StoreBusy, StoreDamaged, StoreError, StoreFull, StoreReadOnly
from kneetui.storage.schema import Schema, acknowledgements, devices, initial, runs, score_edits
from kneetui.storage.store import Store
from kneetui.storage.writer import Writer
from tests.cli.helpers import kneetui
from tests.conftest import KNEETUI, NOW, child_env
from tests.tui.conftest import AppFactory

ROOT = os.geteuid() == 0


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


class PragmaWriter(Writer):
    """The app commits scores in its writer thread, on a connection of its own:
    this one sets `pragma` there too (a limit or a timeout is per connection)."""

    def __init__(self, store: Store, pragma: str) -> None:
        super().__init__(store)
        self.pragma = pragma

    def commit(self, own: Store, write: Callable[[Store], object]) -> object:
        own.conn.execute(self.pragma)
        return write(own)


def seeded(path: Path, count: int = 3) -> list[str]:
    with Store.open(path, now=NOW) as store:
        entries = [new_entry(n, at=NOW - dt.timedelta(hours=n), now=NOW) for n in range(count)]
        for entry in entries:
            store.add_soreness(entry)
    return [e.uuid for e in entries]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# 1. Disk full -------------------------------------------------------------------


def test_a_full_database_refuses_the_write_and_keeps_everything(db_path: Path) -> None:
    kept = seeded(db_path)
    with Store.open(db_path, now=NOW) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreFull, match="the disk is full; nothing was saved"):
            for _ in range(50):  # the first page split fails
                store.add_soreness(new_entry(5, at=NOW, now=NOW, note="n" * 1000))
        assert {e.uuid for e in store.soreness()} >= set(kept)
    assert integrity(db_path) == "ok"


def test_a_file_size_limit_on_the_command_refuses_an_import_whole(
    tmp_path: Path, db_path: Path
) -> None:
    kept = seeded(db_path)
    entries = tuple(
        new_entry(n % 11, at=NOW - dt.timedelta(hours=n), now=NOW, note="z" * 500)
        for n in range(2000)
    )
    export = tmp_path / "big.json"
    export.write_text(encode_json(Bundle(soreness=entries)))

    def limit() -> None:  # Python ignores SIGXFSZ, so writes past it fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    done = subprocess.run(
        [str(KNEETUI), "--db", str(db_path), "import", str(export)],
        preexec_fn=limit, capture_output=True, text=True, env=child_env(), timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "nothing was saved, nothing was lost" in done.stderr
    with Store.open(db_path, now=NOW) as store:
        assert [e.uuid for e in store.soreness()] == kept
    assert integrity(db_path) == "ok"


async def test_the_app_shows_a_full_disk_in_the_form_and_keeps_running(
    empty_store: Store, make_app: AppFactory
) -> None:
    pages = empty_store.conn.execute("PRAGMA page_count").fetchone()[0]
    empty_store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreFull):  # fill what room is left
        for _ in range(50):
            empty_store.add_soreness(new_entry(2, at=NOW, now=NOW, note="f" * 1000))
    stored = len(empty_store.soreness())
    empty_store.writer = PragmaWriter(empty_store, f"PRAGMA max_page_count = {pages}")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        form.query_one("#score", Input).value = "4"
        form.query_one("#note", Input).value = "m" * 1000
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#log-error", Static).render())
        assert "the disk is full" in error
        assert form.query_one("#note", Input).value == "m" * 1000  # kept for a retry
        await pilot.press("escape")
        assert app.is_running
    assert len(empty_store.soreness()) == stored
    assert integrity(empty_store.path) == "ok"


# 2. Read-only files and folders -----------------------------------------------------


@pytest.mark.skipif(ROOT, reason="root ignores file modes; the read-only URI test covers it")
def test_a_read_only_file_exits_1_with_a_message(db_path: Path) -> None:
    seeded(db_path)
    before = sha(db_path)
    os.chmod(db_path, 0o400)
    try:
        result = kneetui("log", "3", db=db_path)
    finally:
        os.chmod(db_path, 0o600)
    assert result.code == 1 and "read-only" in result.err
    assert sha(db_path) == before


@pytest.mark.skipif(ROOT, reason="root ignores folder modes; the read-only URI test covers it")
def test_a_read_only_folder_holding_a_wal_database_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "k.db"
    seeded(path)
    os.chmod(folder, 0o500)
    try:
        result = kneetui("log", "3", db=path)
    finally:
        os.chmod(folder, 0o700)
    assert result.code == 1
    assert result.err.count("\n") == 1 and (
        "read-only" in result.err or "cannot open" in result.err
    )


def test_a_read_only_connection_is_refused_with_a_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path as a read-only file, made read-only for root too through a
    `mode=ro` URI: opening says so in one line and writes nothing."""
    seeded(db_path)
    before = sha(db_path)

    def read_only(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.row_factory = sqlite3.Row
        return conn

    with Store.open(db_path, now=NOW):
        pass  # WAL sidecars now exist, as after any earlier run
    monkeypatch.setattr(opening, "connect", read_only)
    # A WAL database opened read-only can still be read ...
    with Store.open(db_path, now=NOW) as store:
        assert len(store.soreness()) == 3
        # ... but every write is refused with one line, and nothing changes.
        with pytest.raises(StoreReadOnly, match="is read-only; nothing was saved"):
            store.add_soreness(new_entry(9, at=NOW, now=NOW))
    assert sha(db_path) == before


# 3. A damaged file ---------------------------------------------------------------


def damage(path: Path) -> None:
    """Overwrite pages in the middle of the file with garbage."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(b"\xa5" * 4096 * 2)


def big_database(path: Path) -> None:
    with Store.open(path, now=NOW) as store:
        entries = tuple(
            new_entry(n % 11, at=NOW - dt.timedelta(hours=n), now=NOW, note="d" * 200)
            for n in range(600)
        )
        store.import_bundle(Bundle(soreness=entries))
    # Checkpoint into the main file so the damage hits real pages.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_a_damaged_file_is_found_named_with_its_backup_and_never_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "k.db"
    big_database(path)
    backup = tmp_path / "k.db.backup-20261101T080000Z"
    backup.write_bytes(path.read_bytes())
    damage(path)
    before = sha(path)
    result = kneetui("log", "3", db=path)
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert f"{path} is damaged" in result.err and str(backup) in result.err
    assert "will not write" in result.err
    assert sha(path) == before


def test_the_store_check_refuses_every_later_write(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    big_database(path)
    damage(path)
    with Store.open(path, now=NOW) as store:
        message = store.check()
        assert message is not None and "no kneetui backup" in message
        with pytest.raises(StoreDamaged):
            store.set_setting("quiet", True)


async def test_the_app_finds_damage_after_its_first_paint_and_refuses_writes(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = tmp_path / "k.db"
    big_database(path)
    damage(path)
    before = sha(path)
    with Store.open(path, now=NOW) as store:
        app = make_app(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(1.2)  # the check starts once the dashboard is idle
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert store.damage is not None
            assert any("is damaged" in str(n.message) for n in app._notifications)
            await pilot.press("l", "3", "enter")
            await pilot.pause()
            assert "will not write" in str(app.screen.query_one("#log-error", Static).render())
    assert sha(path) == before


def test_a_zero_length_file_becomes_a_new_database(db_path: Path) -> None:
    db_path.touch()
    assert kneetui("log", "3", db=db_path).code == 0
    assert integrity(db_path) == "ok"


# 4. A migration that raises halfway -------------------------------------------------


def test_a_failing_migration_changes_nothing_and_stays_pending(db_path: Path) -> None:
    kept = seeded(db_path)
    broken = Schema()
    broken.step("0001_initial")(initial)
    broken.step("0002_acknowledgements")(acknowledgements)
    broken.step("0003_score_edits")(score_edits)
    broken.step("0004_runs")(runs)
    broken.step("0005_devices")(devices)

    @broken.step("0006_add_shoes")
    def add_shoes(db: Database) -> None:
        db.execute("CREATE TABLE shoes (name TEXT) STRICT")
        db.execute("UPDATE soreness SET note = 'changed'")
        raise RuntimeError("the shoe table could not be filled")

    schema_before = (
        sqlite3.connect(db_path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    )
    with pytest.raises(StoreError) as caught:
        Store.open(db_path, now=NOW, schema=broken)
    message = str(caught.value)
    assert "upgrading" in message and "0006_add_shoes" in message
    assert (
        "the shoe table could not be filled" in message and "nothing in it was changed" in message
    )
    assert "backup" in message
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == (
            schema_before
        )
        assert {r[0] for r in conn.execute("SELECT note FROM soreness")} == {""}
        steps = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        assert steps == [
            "0001_initial",
            "0002_acknowledgements",
            "0003_score_edits",
            "0004_runs",
            "0005_devices",
        ]  # 0006 is still pending
    finally:
        conn.close()
    with Store.open(db_path, now=NOW) as store:
        assert [e.uuid for e in store.soreness()] == kept


# 5. Another process holds the write lock --------------------------------------------

HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_writes_wait_for_a_two_second_lock_and_land(db_path: Path) -> None:
    seeded(db_path)
    holder = hold_lock(db_path, 2.0)
    started = time.monotonic()
    result = kneetui("log", "7", "--note", "waited", db=db_path)
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert result.code == 0, result.err
    assert waited >= 1.0  # it really waited for the lock
    with Store.open(db_path, now=NOW) as store:
        assert store.soreness(limit=1)[0].note == "waited"


async def test_the_app_form_waits_for_a_two_second_lock(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        holder = hold_lock(empty_store.path, 2.0)
        await pilot.press("l", "6", "enter")
        await pilot.pause()
        holder.wait(timeout=30)
        assert [e.score for e in empty_store.soreness()] == [6]


async def test_a_lock_longer_than_the_timeout_says_busy_and_keeps_the_form(
    empty_store: Store, make_app: AppFactory
) -> None:
    empty_store.conn.execute("PRAGMA busy_timeout = 300")
    empty_store.writer = PragmaWriter(empty_store, "PRAGMA busy_timeout = 300")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        holder = hold_lock(empty_store.path, 2.0)
        await pilot.press("l", "6")
        form = app.screen
        form.query_one("#note", Input).value = "keep me"
        await pilot.press("enter")
        await pilot.pause()
        holder.wait(timeout=30)
        assert app.screen is form
        assert "the database is busy" in str(form.query_one("#log-error", Static).render())
        assert form.query_one("#note", Input).value == "keep me"
        await pilot.press("enter")  # the lock is gone: the retry saves
        await pilot.pause()
        assert [e.note for e in empty_store.soreness()] == ["keep me"]


def test_the_busy_error_is_one_line(db_path: Path) -> None:
    seeded(db_path)
    with Store.open(db_path, now=NOW) as store:
        store.conn.execute("PRAGMA busy_timeout = 100")
        holder = hold_lock(db_path, 1.0)
        with pytest.raises(StoreBusy, match=r"^the database is busy .* try again$"):
            store.add_soreness(new_entry(1, at=NOW, now=NOW))
        holder.wait(timeout=30)
    assert integrity(db_path) == "ok"
