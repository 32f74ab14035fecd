"""Gathers what the dashboard shows from the store and the domain, in one place.

No textual here: the screens ask for a `DashboardState` and hand its parts to
widgets, which only render.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kneetui.domain.coaching import Coaching
from kneetui.domain.routine import Routine
from kneetui.domain.today import SorenessSummary, TodayPlan, plan_today, summarize
from kneetui.domain.trend import ROLLING_DAYS, Trend, build_trend
from kneetui.gather import load_coaching, schedule_of
from kneetui.storage.store import Store

# (days shown, words for the pane title); None means the whole history.
RANGES: tuple[tuple[int | None, str], ...] = (
    (30, "last 30 days"),
    (90, "last 90 days"),
    (365, "last year"),
    (None, "all time"),
)
DEFAULT_RANGE = 1
# A chart is at most this many columns wide; more points would not show.
MAX_CHART_POINTS = 200


@dataclass(frozen=True, slots=True)
class DashboardState:
    plan: TodayPlan
    trend: Trend
    summary: SorenessSummary
    range_words: str
    coaching: Coaching


def load_plan(store: Store, routine: Routine, today: dt.date) -> TodayPlan:
    schedule = schedule_of(store, routine)
    return plan_today(routine, store.current_holds(), schedule, today, store.sessions(since=today))


def load_dashboard(
    store: Store, routine: Routine, today: dt.date, range_index: int
) -> DashboardState:
    days, words = RANGES[range_index % len(RANGES)]
    plan = load_plan(store, routine, today)
    if days is None:
        first = store.first_soreness_day() or today
        start = min(first, today - dt.timedelta(days=29))
    else:
        start = today - dt.timedelta(days=days - 1)
    week_start = today - dt.timedelta(days=6)
    daily = store.daily_soreness(since=min(start, week_start) - dt.timedelta(days=ROLLING_DAYS))
    session_days = store.session_days(since=start)
    trend = build_trend(daily, session_days, start=start, end=today, max_points=MAX_CHART_POINTS)
    latest = store.soreness(limit=1)
    summary = summarize(daily, latest[0] if latest else None, today)
    return DashboardState(plan, trend, summary, words, load_coaching(store, routine, today))
