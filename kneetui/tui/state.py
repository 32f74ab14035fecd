"""Gathers what the dashboard shows from the store and the domain, in one place.

No textual here: the screens ask for a `DashboardState` and hand its parts to
widgets, which only render.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from kneetui.domain.routine import Routine
from kneetui.domain.today import WEEK_DAYS, SorenessSummary, TodayPlan, plan_today, summarize
from kneetui.gather import change_over_of, load_coaching, load_trend, schedule_of
from kneetui.storage.store import Store

if TYPE_CHECKING:
    from kneetui.charts import ChartDrawing
    from kneetui.domain.coaching import Coaching
    from kneetui.domain.trend import Trend

# (days shown, words for the pane title); None means the whole history.
RANGES: tuple[tuple[int | None, str], ...] = (
    (30, "last 30 days"),
    (90, "last 90 days"),
    (365, "last year"),
    (None, "all time"),
)
DEFAULT_RANGE = 1
# Ranges up to this many days are drawn day by day (the chart pane is about
# that wide at 120×36); longer ones are grouped in SQL into LONG_RANGE_POINTS
# points, so a redraw costs about the same for ten or a hundred years of history.
DAILY_UP_TO_DAYS = 100
LONG_RANGE_POINTS = 40


# NamedTuples rather than frozen dataclasses: as immutable, and some ten times
# cheaper to define at import, which is on the path to the first paint.
class ChartState(NamedTuple):
    """The trend pane's data for one range: what `r` reloads."""

    trend: Trend
    summary: SorenessSummary
    range_words: str
    # The chart drawn ahead of the dashboard (kneetui.head_start), if it was.
    drawing: ChartDrawing | None = None


class DashboardState(NamedTuple):
    plan: TodayPlan
    chart: ChartState
    coaching: Coaching


def load_plan(store: Store, routine: Routine, today: dt.date) -> TodayPlan:
    schedule = schedule_of(store, routine)
    return plan_today(
        routine,
        store.current_holds(),
        schedule,
        today,
        store.sessions(since=today),
        change_over_of(store),
    )


def load_chart(store: Store, today: dt.date, range_index: int) -> ChartState:
    """The dashboard's data query for one range: a few indexed queries, with long
    ranges grouped in SQL, so it costs about the same for any length of history."""
    days, words = RANGES[range_index % len(RANGES)]
    if days is None:
        # From the first score or the first run, whichever came first: years of
        # runs imported before a first score are in "all time" too, which never
        # shows less than "last year".
        firsts = [day for day in (store.first_soreness_day(), store.first_run_day()) if day]
        start = min([*firsts, today - dt.timedelta(days=29)])
    else:
        start = today - dt.timedelta(days=days - 1)
    span = (today - start).days + 1
    points = span if span <= DAILY_UP_TO_DAYS else LONG_RANGE_POINTS
    trend = load_trend(store, start, today, points)
    week = store.soreness(since=today - dt.timedelta(days=WEEK_DAYS - 1))
    latest = week[:1] or store.soreness(limit=1)
    summary = summarize(week, latest[0] if latest else None, today)
    return ChartState(trend, summary, words)


def load_dashboard(
    store: Store, routine: Routine, today: dt.date, range_index: int
) -> DashboardState:
    return DashboardState(
        load_plan(store, routine, today),
        load_chart(store, today, range_index),
        load_coaching(store, routine, today),
    )
