"""`kneetui sync FOLDER [--watch]`: histories meet in a shared folder as files,
never as a copied database."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kneetui.domain.exchange import encode_json
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import KNEETUI, NOW, child_env


def canonical(path: Path) -> str:
    with Store.open(path, now=NOW) as store:
        return encode_json(store.export_bundle(), canonical=True)


def device(path: Path) -> str:
    with Store.open(path, now=NOW) as store:
        return store.device_id


def scores(path: Path) -> list[int]:
    result = kneetui("history", "--json", db=path)
    return sorted(item["score"] for item in json.loads(result.out))


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def test_three_devices_converge_through_a_shared_folder(tmp_path: Path, share: Path) -> None:
    dbs = [tmp_path / f"{name}.db" for name in "abc"]
    for score, db in enumerate(dbs, start=2):
        assert kneetui("log", str(score), db=db).code == 0
    kneetui("log", "7", db=dbs[0])
    doomed = json.loads(kneetui("history", "--json", db=dbs[0]).out)[0]["uuid"]
    for db in dbs:
        assert kneetui("sync", str(share), db=db).code == 0
    # A deletes a score the others already have; C edits its own.
    assert kneetui("delete", doomed, db=dbs[0]).code == 0
    mine = json.loads(kneetui("history", "--json", db=dbs[2]).out)
    own = next(item["uuid"] for item in mine if item["score"] == 4)
    assert kneetui("edit", own, "--score", "8", db=dbs[2]).code == 0
    for _ in range(2):  # a round to spread the changes, a round to settle
        for db in dbs:
            result = kneetui("sync", str(share), db=db)
            assert result.code == 0, result.err
    assert canonical(dbs[0]) == canonical(dbs[1]) == canonical(dbs[2])
    assert scores(dbs[1]) == [2, 3, 8]
    assert sorted(p.name for p in share.iterdir()) == sorted(
        f"{device(db)}.kneetui.json" for db in dbs
    )


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would leave new files readable by others (022)."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_the_device_file_is_written_whole_and_private(
    tmp_path: Path, share: Path, loose_umask: None
) -> None:
    db = tmp_path / "a.db"
    kneetui("log", "3", db=db)
    result = kneetui("sync", str(share), db=db)
    assert result.code == 0, result.err
    own = share / f"{device(db)}.kneetui.json"
    assert result.out.endswith(f"wrote {own.name}.\n")
    assert stat.S_IMODE(own.stat().st_mode) == 0o600
    assert [p.name for p in share.iterdir()] == [own.name]  # no temporary file left
    assert json.loads(own.read_text())["device_id"] == device(db)


def test_a_sync_with_nothing_new_reads_and_writes_nothing_again(
    tmp_path: Path, share: Path
) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    kneetui("log", "3", db=a)
    kneetui("log", "4", db=b)
    kneetui("sync", str(share), db=b)
    kneetui("sync", str(share), db=a)
    own = share / f"{device(a)}.kneetui.json"
    written = own.stat().st_mtime_ns
    result = kneetui("sync", str(share), db=a)
    assert "1 unchanged" in result.out and "up to date" in result.out
    assert own.stat().st_mtime_ns == written
    # Deleting the file or changing the history writes it again.
    own.unlink()
    assert "wrote" in kneetui("sync", str(share), db=a).out
    kneetui("log", "5", db=a)
    assert "wrote" in kneetui("sync", str(share), db=a).out


@pytest.mark.parametrize(
    "name",
    [
        "{id} (conflicted copy).kneetui.json",
        "{id} (Max's conflicted copy 2026-12-02).kneetui.json",
        "{id}.kneetui.sync-conflict-20261202-101010-ABCDEFG.json",
        "{id}.sync-conflict-20261202-101010-ABCDEFG.kneetui.json",
        "{id} 2.kneetui.json",
    ],
)
def test_a_sync_tools_conflicted_copy_is_merged_like_any_file(
    tmp_path: Path, share: Path, name: str
) -> None:
    a, c = tmp_path / "a.db", tmp_path / "c.db"
    kneetui("log", "3", db=a)
    kneetui("log", "6", db=c)
    kneetui("export", "--output", str(share / name.format(id=device(c))), db=c)
    result = kneetui("sync", str(share), db=a)
    assert result.code == 0, result.err
    assert "merged 1 file (1 added" in result.out
    assert scores(a) == [3, 6]


def test_a_conflicted_copy_of_this_devices_own_file_is_merged_quietly(
    tmp_path: Path, share: Path
) -> None:
    a = tmp_path / "a.db"
    kneetui("log", "3", db=a)
    kneetui("sync", str(share), db=a)
    own = share / f"{device(a)}.kneetui.json"
    (share / f"{device(a)} (conflicted copy).kneetui.json").write_bytes(own.read_bytes())
    result = kneetui("sync", str(share), db=a)
    assert result.code == 0 and result.err == "", result.err


def test_a_database_in_the_folder_is_never_touched(tmp_path: Path, share: Path) -> None:
    a, other = tmp_path / "a.db", share / "copied.db"
    kneetui("log", "3", db=a)
    kneetui("log", "4", db=other)
    before = hashlib.sha256(other.read_bytes()).hexdigest(), other.stat().st_mtime_ns
    listing = sorted(p.name for p in share.iterdir())
    assert kneetui("sync", str(share), db=a).code == 0
    assert (hashlib.sha256(other.read_bytes()).hexdigest(), other.stat().st_mtime_ns) == before
    assert sorted(p.name for p in share.iterdir()) == sorted(
        [*listing, f"{device(a)}.kneetui.json"]
    )
    assert scores(a) == [3]


def test_the_folder_of_the_live_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "kneetui.db"
    kneetui("log", "3", db=db)
    for folder in (tmp_path, tmp_path.parent):
        result = kneetui("sync", str(folder), db=db)
        assert result.code == 1 and "holds the live database" in result.err
        assert result.out == "" and len(result.err.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".json")] == []


def test_a_bad_file_is_named_and_the_others_are_still_merged(tmp_path: Path, share: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    kneetui("log", "3", db=a)
    kneetui("log", "4", db=b)
    kneetui("sync", str(share), db=b)
    (share / "broken.kneetui.json").write_text('{"kneetui_export": 1, "soreness": [')
    result = kneetui("sync", str(share), db=a)
    assert result.code == 1
    assert "broken.kneetui.json" in result.err and len(result.err.splitlines()) == 1
    assert "1 refused" in result.out and scores(a) == [3, 4]


def poll(check: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Wait for `check` to hold, up to a deadline: the outcome is asserted, not
    the time it took."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_watch_syncs_again_when_a_file_in_the_folder_changes(tmp_path: Path, share: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    kneetui("log", "3", db=a)
    kneetui("log", "4", db=b)
    watcher = subprocess.Popen(
        [str(KNEETUI), "--db", str(a), "sync", str(share), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        own = share / f"{device(a)}.kneetui.json"
        poll(own.exists, "the first sync")
        kneetui("sync", str(share), db=b)  # B's file arrives in the folder
        poll(lambda: scores(a) == [3, 4], "the watcher to merge B's file")
        # A's file is written again with B's score: B picks it up on its next sync.
        poll(lambda: '"score": 4' in own.read_text(), "A's file to hold B's score")
        # A score logged on this device reaches its file without any file in the
        # folder changing (the watcher reads the history's change counter).
        kneetui("log", "7", db=a)
        poll(lambda: '"score": 7' in own.read_text(), "A's own new score in its file")
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, err
    assert "Traceback" not in err
    lines = [line for line in out.splitlines() if "Synced:" in line]
    assert len(lines) >= 2 and any("merged 1 file (1 added" in line for line in lines)
    assert os.path.exists(own)
