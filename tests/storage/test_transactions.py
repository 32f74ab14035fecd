"""Write transactions against a second connection that holds the write lock.

In WAL mode a deferred transaction that has read and then writes fails at once
with "database is locked" while another connection holds the write lock: SQLite
does not wait on the busy timeout for it. The Store begins its writes with
BEGIN IMMEDIATE, so an import (which reads what is stored before it writes)
waits for the other writer instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kneetui.domain.exchange import Bundle
from kneetui.domain.soreness import new_entry
from kneetui.storage.opening import connect
from kneetui.storage.store import Store
from tests.conftest import NOW

# How long the other connection keeps the write lock: far less than the store's
# busy timeout (5 s), long enough that the import starts while it is held.
HOLD_S = 0.2


@contextmanager
def another_writer(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A second connection holding the write lock, with a score written but not
    committed; it commits HOLD_S seconds after the block starts."""
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO soreness (uuid, logged_at, local_day, score) VALUES "
        "('00000000-0000-4000-8000-000000000001', '2026-11-18T08:00:00+00:00', "
        "'2026-11-18', 6)"
    )
    timer = threading.Timer(HOLD_S, other.execute, ("COMMIT",))
    timer.start()
    try:
        yield other
    finally:
        timer.join()
        other.close()


def test_an_import_waits_for_another_writer_and_both_writes_are_kept(
    store: Store, db_path: Path
) -> None:
    new = new_entry(2, at=NOW, now=NOW)
    with another_writer(db_path):
        counts = store.import_bundle(Bundle(soreness=(new,)))
    assert counts.soreness == 1
    assert sorted(e.score for e in store.soreness()) == [2, 6]


def test_a_deferred_read_then_write_would_fail_at_once(store: Store, db_path: Path) -> None:
    # The premise of the test above: without BEGIN IMMEDIATE, the same read then
    # write fails at once, whatever the busy timeout.
    deferred = connect(db_path)
    try:
        with another_writer(db_path):
            deferred.execute("BEGIN")
            deferred.execute("SELECT count(*) FROM soreness").fetchone()
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                deferred.execute("INSERT INTO settings (key, value) VALUES ('quiet', 'true')")
            deferred.execute("ROLLBACK")
    finally:
        deferred.close()
