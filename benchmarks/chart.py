"""Chart redraw cost against history length.

Why: a plotext build runs on the event loop inside `render()`, and an unbounded
number of points makes it grow with the history (about 130 ms at 3,650 points,
950 ms at 36,500), which delays the session timer. kneetui reduces the trend
to about one point per column, so a redraw should cost about the same for ten
or a hundred years as for thirty days.

A redraw here is what the dashboard does for the "all time" range: build_trend
from the daily means, draw_trend on a fresh private figure of the chart pane's
size, and the plotext build. The daily means are read from the store once,
outside the timing (the query is measured in `benchmarks.storage`).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from kneetui.charts import draw_trend
from kneetui.domain.models import DailySoreness
from kneetui.domain.trend import ROLLING_DAYS, build_trend
from kneetui.storage.store import Store
from kneetui.tui.state import MAX_CHART_POINTS

# The dashboard's chart pane at a 120×36 terminal.
PLOT_SIZE = (56, 25)
# The "all time" range never shows less than this many days (see tui.state).
_MIN_RANGE_DAYS = 30


@dataclass(frozen=True, slots=True)
class ChartInput:
    daily: tuple[DailySoreness, ...]
    session_days: tuple[dt.date, ...]
    start: dt.date
    end: dt.date


def all_time_input(path: Path, today: dt.date) -> ChartInput:
    """What the dashboard's "all time" range gives the chart, read from `path`."""
    with Store.open(path, now=dt.datetime.now().astimezone()) as store:
        first = store.first_soreness_day() or today
        start = min(first, today - dt.timedelta(days=_MIN_RANGE_DAYS - 1))
        daily = store.daily_soreness(since=start - dt.timedelta(days=ROLLING_DAYS))
        sessions = store.session_days(since=start)
    return ChartInput(tuple(daily), tuple(sessions), start, today)


def redraw(data: ChartInput, size: tuple[int, int] = PLOT_SIZE) -> str:
    """One redraw, as the dashboard does it, on a private figure."""
    from textual_plotext.plot import Plot

    width, height = size
    trend = build_trend(
        data.daily, data.session_days, start=data.start, end=data.end, max_points=MAX_CHART_POINTS
    )
    plt = Plot()
    plt.plotsize(width, height)
    draw_trend(plt, trend, width=width, color=True)
    text: str = plt.build()
    return text


def redraw_seconds(data: ChartInput, runs: int, size: tuple[int, int] = PLOT_SIZE) -> float:
    """Median seconds of `runs` redraws, after one untimed warm-up."""
    if "7-day mean" not in redraw(data, size):
        raise RuntimeError("the chart has no 7-day mean legend: nothing was drawn")
    return statistics.median(_timed(data, size) for _ in range(max(1, runs)))


def _timed(data: ChartInput, size: tuple[int, int]) -> float:
    started = time.perf_counter()
    redraw(data, size)
    return time.perf_counter() - started


def point_count(data: ChartInput) -> int:
    """Points the chart draws for `data` (for the progress log)."""
    trend = build_trend(
        data.daily, data.session_days, start=data.start, end=data.end, max_points=MAX_CHART_POINTS
    )
    return len(trend.daily) + len(trend.rolling) + len(trend.session_days)
