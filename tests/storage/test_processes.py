"""Several processes on one file: no lost write, no half transaction."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kneetui.storage.store import Store
from tests.conftest import NOW, REPO

WRITER = """
import datetime as dt, sys
from pathlib import Path
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
now = dt.datetime.now(dt.UTC)
with Store.open(Path(sys.argv[1]), now=now) as store:
    for i in range(int(sys.argv[2])):
        store.add_soreness(new_entry(i % 11, at=now, now=now, note=sys.argv[3]))
"""

PAIRS = """
import datetime as dt, sys
from pathlib import Path
from kneetui.domain.exchange import Bundle
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
now = dt.datetime.now(dt.UTC)
with Store.open(Path(sys.argv[1]), now=now) as store:
    while True:
        pair = (new_entry(1, at=now, now=now), new_entry(2, at=now, now=now))
        store.import_bundle(Bundle(soreness=pair))
"""


def run_python(code: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_processes_writing_200_scores_each_lose_nothing(db_path: Path) -> None:
    Store.open(db_path, now=NOW).close()
    writers = [run_python(WRITER, str(db_path), "200", name) for name in ("a", "b")]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
        assert err == b""
    with Store.open(db_path, now=NOW) as store:
        notes = [e.note for e in store.soreness()]
    assert len(notes) == 400
    assert notes.count("a") == notes.count("b") == 200


def test_a_writer_killed_mid_loop_leaves_no_half_transaction(db_path: Path) -> None:
    Store.open(db_path, now=NOW).close()
    writer = run_python(PAIRS, str(db_path))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.05)
            probe = sqlite3.connect(db_path, timeout=5)
            count = probe.execute("SELECT count(*) FROM soreness").fetchone()[0]
            probe.close()
            if count >= 200:
                break
        assert writer.poll() is None, writer.stderr.read().decode() if writer.stderr else ""
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    check = sqlite3.connect(db_path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        scores = [row[0] for row in check.execute("SELECT score FROM soreness ORDER BY rowid")]
    finally:
        check.close()
    assert len(scores) >= 200
    assert len(scores) % 2 == 0
    assert scores == [1, 2] * (len(scores) // 2)
