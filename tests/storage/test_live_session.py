"""A session left in progress is closed as interrupted only when no running app
holds it: the live-session lock, in this process and across processes."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kneetui.domain.models import Session, SessionStatus
from kneetui.storage.errors import SessionElsewhere
from kneetui.storage.live import lock_path
from kneetui.storage.store import Store
from tests.conftest import NOW


def in_progress(store: Store) -> str:
    uid = str(uuid.uuid4())
    store.start_session(Session(uid, NOW, NOW.date()))
    return uid


def test_a_session_held_by_another_store_is_left_alone(db_path: Path) -> None:
    with Store.open(db_path, now=NOW) as running, Store.open(db_path, now=NOW) as starting:
        uid = in_progress(running)
        running.live.claim()
        assert starting.close_interrupted_sessions() == []
        assert [s.status for s in starting.sessions()] == [SessionStatus.IN_PROGRESS]
        running.live.release()
        (closed,) = starting.close_interrupted_sessions()
        assert closed.uuid == uid
        assert closed.status is SessionStatus.STOPPED


def test_a_session_whose_app_died_is_closed(db_path: Path) -> None:
    with Store.open(db_path, now=NOW) as store:
        uid = in_progress(store)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from kneetui.storage.live import LiveSession;"
         f"l = LiveSession(Path({str(db_path)!r})); l.claim(); print('held', flush=True);"
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with Store.open(db_path, now=NOW) as starting:
            assert starting.close_interrupted_sessions() == []  # its app is alive
        holder.kill()  # as a crash would: the system drops the lock
        holder.wait()
        with Store.open(db_path, now=NOW) as starting:
            assert [s.uuid for s in starting.close_interrupted_sessions()] == [uid]
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_file_is_private(db_path: Path) -> None:
    with Store.open(db_path, now=NOW) as store:
        store.live.claim()
        assert lock_path(db_path).stat().st_mode & 0o777 == 0o600
        store.live.release()


def test_a_second_claim_on_one_database_is_refused(db_path: Path) -> None:
    with Store.open(db_path, now=NOW) as running, Store.open(db_path, now=NOW) as starting:
        running.live.claim()
        with pytest.raises(SessionElsewhere, match="Another kneetui is running a session"):
            starting.live.claim()
        assert not starting.live.claimed
        running.live.release()
        starting.live.claim()
        assert starting.live.claimed
        starting.live.release()
