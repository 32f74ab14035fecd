"""Runs for the demo history, for the chart's tests and snapshots: the demo's
own runs (one before each of its after-run scores) and one spike run three days
ago."""

from __future__ import annotations

import datetime as dt
import uuid

from kneetui.domain.demo import demo_history
from kneetui.domain.routine import Routine
from kneetui.domain.runs import Run
from kneetui.storage.store import Store
from tests.tui.conftest import CLOCK_NOW

TODAY = CLOCK_NOW.date()
# The spike run: three days ago, far longer than the demo's runs of 4 to 14 km.
SPIKE_DAY = TODAY - dt.timedelta(days=3)
SPIKE_KM = 30.0


def run(started: dt.datetime, km: float) -> Run:
    started = started.astimezone(dt.UTC).replace(microsecond=0)
    return Run(
        str(uuid.uuid5(uuid.NAMESPACE_URL, f"run-{started.isoformat()}-{km}")),
        started,
        started.date(),
        km,
        elapsed_minutes=round(km * 6, 1),
    )


def demo_runs(routine: Routine) -> list[Run]:
    """The demo's own runs (one before each of its after-run scores) and one
    spike run."""
    bundle = demo_history(routine, TODAY, dt.UTC)
    return [*bundle.runs, spike_run()]


def spike_run() -> Run:
    return run(dt.datetime.combine(SPIKE_DAY, dt.time(8), dt.UTC), SPIKE_KM)


def add_demo_runs(demo_store: Store, routine: Routine) -> Store:
    """The demo store holds the demo's runs already: add the spike."""
    assert demo_store.add_run(spike_run())
    return demo_store
