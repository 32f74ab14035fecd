"""Runs for the demo history, for the chart's tests and snapshots: a run before
each of the demo's after-run scores, and one spike run three days ago."""

from __future__ import annotations

import datetime as dt
import uuid

from kneetui.domain.demo import demo_history
from kneetui.domain.models import Context
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
    """A run for each of the demo's after-run scores, an hour before it, and one
    spike run."""
    bundle = demo_history(routine, TODAY, dt.UTC)
    runs = [
        run(e.logged_at - dt.timedelta(hours=1), e.run_km)
        for e in bundle.soreness
        if e.context is Context.AFTER_RUN and e.run_km and e.local_day != SPIKE_DAY
    ]
    runs.append(run(dt.datetime.combine(SPIKE_DAY, dt.time(8), dt.UTC), SPIKE_KM))
    return runs


def add_demo_runs(demo_store: Store, routine: Routine) -> Store:
    for item in demo_runs(routine):
        assert demo_store.add_run(item)
    return demo_store
