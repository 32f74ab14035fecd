"""Reps are committed by the store's writer thread, so the timer never waits for
the disk: a write held up in that thread leaves the session running, quitting
waits for what is still pending, and a write that fails is reported at once.

The writers here are held up by an Event the test opens, never by a sleep, and
nothing is timed: what is checked is what is on disk, and what the app shows,
at each point."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Digits

from kneetui.storage.errors import StoreFull
from kneetui.storage.store import Store
from kneetui.storage.writer import Writer
from kneetui.tui.screens.log_form import LogSorenessScreen
from tests.tui.conftest import AppFactory
from tests.tui.test_session import FakeClocks, advance, session_app, timer_text


class GatedWriter(Writer):
    """A writer whose commits wait until the test opens the gate: a disk that
    takes as long as the test likes to flush."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.gate = threading.Event()

    def commit(self, own: Store, write: Callable[[Store], object]) -> object:
        self.gate.wait(timeout=60)
        return write(own)


class FullWriter(Writer):
    def commit(self, own: Store, write: Callable[[Store], object]) -> object:
        raise StoreFull("the disk is full; nothing was saved to k.db, and nothing was lost")


def on_disk(path: Path) -> tuple[int, list[str]]:
    """Reps and session statuses as another program sees them now."""
    conn = sqlite3.connect(path)
    try:
        reps = conn.execute("SELECT count(*) FROM reps").fetchone()[0]
        statuses = [row[0] for row in conn.execute("SELECT status FROM sessions")]
    finally:
        conn.close()
    return reps, statuses


@pytest.fixture
def clocks() -> FakeClocks:
    return FakeClocks()


async def test_a_slow_write_does_not_hold_up_the_timer(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    writer = GatedWriter(empty_store)
    empty_store.writer = writer
    app = session_app(make_app, empty_store, clocks)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("s")
            advance(app, clocks, 3 + 5)  # the count-in and the first hold: a rep
            advance(app, clocks, 1)  # into the switch, while the rep is not stored
            assert writer.pending == 1
            assert on_disk(empty_store.path) == (0, ["in-progress"])
            advance(app, clocks, 2 + 2)  # the rest of the switch, 2 s into the next hold
            assert "Right leg · rep 1 of 10" in timer_text(app)
            assert app.screen.query_one(Digits).value == "3.0"
            assert "0/20 done" in str(app.screen.query_one("#routine-text").render())
            writer.gate.set()
            await pilot.pause()  # waits for the writer thread, then for the screen
            assert on_disk(empty_store.path) == (1, ["in-progress"])
            assert "1/20 done" in str(app.screen.query_one("#routine-text").render())
    finally:
        writer.gate.set()


async def test_quitting_waits_for_pending_writes(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = GatedWriter(empty_store)
    empty_store.writer = writer
    flush = empty_store.flush

    def open_gate_and_flush() -> None:
        # The held-up disk catches up as soon as anyone waits for it.
        writer.gate.set()
        flush()

    app = session_app(make_app, empty_store, clocks)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("s")
            advance(app, clocks, 3 + 5 + 3 + 5)  # two reps, both held up
            assert writer.pending == 2
            monkeypatch.setattr(empty_store, "flush", open_gate_and_flush)
            await app.run_action("quit")
        # The app has ended: both reps and the stopped status are on disk.
        assert on_disk(empty_store.path) == (2, ["stopped"])
    finally:
        writer.gate.set()


async def test_a_rep_that_cannot_be_written_is_reported_at_once(
    empty_store: Store, make_app: AppFactory, clocks: FakeClocks
) -> None:
    empty_store.writer = FullWriter(empty_store)
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 5)
        await pilot.pause()
        failures = [n for n in app._notifications if n.title == "Rep not saved"]
        assert len(failures) == 1
        assert "the disk is full" in failures[0].message
        # The session goes on.
        assert app.session_running
        advance(app, clocks, 3 + 1)
        assert "Right leg · rep 1 of 10" in timer_text(app)


async def test_a_score_logged_in_the_app_is_stored_by_the_writer(
    empty_store: Store, make_app: AppFactory
) -> None:
    writer = GatedWriter(empty_store)
    empty_store.writer = writer
    app = make_app(empty_store)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("l", "4")
            form = app.screen
            assert isinstance(form, LogSorenessScreen)
            form.submit()
            # The form waits for the write, the event loop does not.
            assert writer.pending == 1
            assert app.screen is form
            writer.gate.set()
            await pilot.pause()
            assert app.screen is not form
            assert [e.score for e in empty_store.soreness()] == [4]
    finally:
        writer.gate.set()
