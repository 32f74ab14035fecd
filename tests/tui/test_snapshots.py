"""Snapshots of the screens at fixed sizes, with a fixed clock and seeded data.
Rewrite them with `make snapshots` after an intended change of look."""

from __future__ import annotations

from typing import Any

import pytest

from kneetui.storage.store import Store
from tests.tui.conftest import AppFactory

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
