"""What the coaching load reads of the runs: enough for the spike warning on the
last of its 7 days, each run against its 30 days before, in any time zone."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from kneetui.domain.routine import Routine
from kneetui.domain.runs import Run
from kneetui.gather import RUNS_LOOK_BACK, load_coaching
from kneetui.storage.store import Store

TODAY = dt.date(2026, 11, 18)
KIRITIMATI = dt.timezone(dt.timedelta(hours=14))  # the earliest local day there is


def run(started: dt.datetime, km: float) -> Run:
    local = started.astimezone(KIRITIMATI)
    return Run(str(uuid.uuid4()), started.astimezone(dt.UTC), local.date(), km)


@pytest.mark.parametrize(("reference_before", "warned"), [(29.9, True), (30.1, False)])
def test_a_spike_on_the_warnings_last_day_is_judged_against_its_whole_window(
    store: Store, routine: Routine, reference_before: float, warned: bool
) -> None:
    # Local midnight of day 7 of 7 (today - 6) in UTC+14, and a 12 km run 29.9
    # days before it: 37 days minus some hours before today, UTC.
    spike_start = dt.datetime.combine(TODAY - dt.timedelta(days=6), dt.time(0, 1), KIRITIMATI)
    store.add_run(run(spike_start - dt.timedelta(days=reference_before), 12.0))
    store.add_run(run(spike_start, 21.1))
    advice = load_coaching(store, routine, TODAY).advice
    spike = [a for a in advice if a.rule == "spike-run"]
    assert bool(spike) is warned
    if warned:
        assert spike[0].figures["longest_km"] == 12.0
    assert dt.timedelta(days=37) < RUNS_LOOK_BACK < dt.timedelta(days=40)
