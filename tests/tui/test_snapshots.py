"""Snapshots of the screens at fixed sizes, with a fixed clock and seeded data.
Rewrite them with `make snapshots` after an intended change of look."""

from __future__ import annotations

from typing import Any

import pytest

from kneetui.domain.routine import Routine
from kneetui.storage.store import Store
from tests import histories
from tests.tui.conftest import CLOCK_NOW, AppFactory

SnapCompare = Any


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_snapshot_dashboard_with_history(
    snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=size)


def test_snapshot_dashboard_empty(
    snap_compare: SnapCompare, empty_store: Store, make_app: AppFactory
) -> None:
    assert snap_compare(make_app(empty_store), terminal_size=(120, 36))


def test_snapshot_dashboard_no_color(
    snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory
) -> None:
    assert snap_compare(make_app(demo_store, color=False), terminal_size=(120, 36))


def test_snapshot_log_form_with_an_error(
    snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory
) -> None:
    assert snap_compare(
        make_app(demo_store), terminal_size=(80, 24), press=["l", "1", "2", "enter"]
    )


def test_snapshot_history(
    snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory
) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), press=["h"])


def test_snapshot_history_at_80x24(
    snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory
) -> None:
    # The band and run columns make room for the note; the selected score in full below.
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), press=["h", "down"])


def test_snapshot_help(snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), press=["question_mark"])


def test_snapshot_too_small(
    snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory
) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(50, 12))


def test_snapshot_session_running(
    snap_compare: SnapCompare, demo_store: Store, make_app: AppFactory
) -> None:
    from tests.tui.test_session import FakeClocks, advance, session_app

    clocks = FakeClocks()
    app = session_app(make_app, demo_store, clocks)

    async def run_before(pilot: object) -> None:
        await pilot.press("s")  # type: ignore[attr-defined]
        advance(app, clocks, 3 + 5 + 3 + 1.7)  # into the first right-leg hold
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_snapshot_change_over_at_80x24(
    snap_compare: SnapCompare, empty_store: Store, make_app: AppFactory
) -> None:
    """The change-over from leg raises to curls, 4 s in, at the common 80×24."""
    from tests.tui.test_session import FakeClocks, advance, session_app

    clocks = FakeClocks()
    app = session_app(make_app, empty_store, clocks)

    async def run_before(pilot: object) -> None:
        await pilot.press("s")  # type: ignore[attr-defined]
        advance(app, clocks, 160 + 4)
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def _store_with(empty_store: Store, *bundles: object) -> Store:
    for bundle in bundles:
        empty_store.import_bundle(bundle)  # type: ignore[arg-type]
    return empty_store


def test_snapshot_physical_therapist_and_red_flag_notices(
    snap_compare: SnapCompare, empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    today = CLOCK_NOW.date()
    store = _store_with(
        empty_store, histories.physical_therapist(routine, today), histories.red_flag(today)
    )
    store.set_setting("check_in_dismissed_on", today.isoformat())
    assert snap_compare(make_app(store), terminal_size=(120, 36))


def test_snapshot_hold_suggestion(
    snap_compare: SnapCompare, empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    today = CLOCK_NOW.date()
    store = _store_with(empty_store, histories.ready_to_progress(routine, today))
    store.set_setting("check_in_dismissed_on", today.isoformat())
    assert snap_compare(make_app(store), terminal_size=(120, 36))


def test_snapshot_morning_check_in(
    snap_compare: SnapCompare, empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    store = _store_with(empty_store, histories.needs_check_in(routine, CLOCK_NOW.date()))
    assert snap_compare(make_app(store), terminal_size=(80, 24))


def test_snapshot_stats(
    snap_compare: SnapCompare, empty_store: Store, make_app: AppFactory, routine: Routine
) -> None:
    today = CLOCK_NOW.date()
    store = _store_with(empty_store, histories.physical_therapist(routine, today))
    store.set_setting("check_in_dismissed_on", today.isoformat())
    assert snap_compare(make_app(store), terminal_size=(120, 36), press=["t"])
