"""Reads what the report needs from the store and hands it to the domain.

The coaching comes from `gather.load_coaching`, the very value `kneetui stats`
prints, so the report and the stats agree; the rest is read for the range only
(and the 30 days before it, for the run spikes), so ten years of history cost
little more than eight weeks.
"""

from __future__ import annotations

import datetime as dt

from kneetui.clock import local_day
from kneetui.domain.adherence import counted_days, week_start
from kneetui.domain.handout import Handout, LocalDay, handout
from kneetui.domain.handout_range import report_start
from kneetui.domain.routine import Routine
from kneetui.domain.runs import SPIKE_WINDOW
from kneetui.domain.trend import ROLLING_DAYS
from kneetui.gather import load_coaching, schedule_of
from kneetui.storage.store import Store


def load_handout(
    store: Store,
    routine: Routine,
    today: dt.date,
    weeks: int,
    *,
    notes: bool = True,
    day_of: LocalDay = local_day,
) -> Handout:
    """The report of the last `weeks` weeks to `today` (or of the whole history,
    when it is shorter). `day_of` gives the runner's calendar day of a moment (the
    machine's zone unless a test fixes one)."""
    earliest = today - dt.timedelta(days=7 * weeks - 1)
    # The report's own reads cover its weeks only: sessions from the Monday of
    # the first one.
    marks = store.session_marks(since=week_start(earliest))
    days = counted_days(marks, routine.planned_holds, today)
    # Runs from 30 days (and a day for the zones) before the first week shown.
    since = dt.datetime.combine(week_start(earliest), dt.time(), dt.UTC) - SPIKE_WINDOW
    runs = store.runs(since=since - dt.timedelta(days=1))
    firsts = [
        store.first_soreness_day(since=earliest),
        min((d for d in days if d >= earliest), default=None),
        min((r.local_day for r in runs if r.local_day >= earliest), default=None),
    ]
    start = report_start(today, weeks, min((d for d in firsts if d is not None), default=None))
    return handout(
        routine,
        schedule_of(store, routine),
        load_coaching(store, routine, today),
        start=start,
        today=today,
        daily=store.daily_soreness(since=start - dt.timedelta(days=ROLLING_DAYS)),
        counted_days=days,
        levels=store.levels(),
        runs=runs,
        scores=store.soreness(since=start, until=today),
        acknowledgements=store.acknowledgements(),
        local_day=day_of,
        notes=notes,
    )
