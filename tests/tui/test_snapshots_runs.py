"""Snapshots of the dashboard whose chart shows runs: the demo history with a run
before each after-run score and a spike run three days ago. Rewrite them with
`make snapshots` after an intended change of look."""

from __future__ import annotations

from typing import Any

import pytest

from kneetui.domain.routine import Routine
from kneetui.storage.store import Store
from tests.tui.conftest import AppFactory
from tests.tui.seeded_runs import add_demo_runs

SnapCompare = Any


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_snapshot_dashboard_with_runs(
    snap_compare: SnapCompare,
    demo_store: Store,
    routine: Routine,
    make_app: AppFactory,
    size: tuple[int, int],
) -> None:
    assert snap_compare(make_app(add_demo_runs(demo_store, routine)), terminal_size=size)


def test_snapshot_dashboard_with_runs_no_color(
    snap_compare: SnapCompare, demo_store: Store, routine: Routine, make_app: AppFactory
) -> None:
    app = make_app(add_demo_runs(demo_store, routine), color=False)
    assert snap_compare(app, terminal_size=(120, 36))
