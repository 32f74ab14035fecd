"""Chart redraw cost against history length.

Why: a plotext build runs on the event loop inside `render()`, and an unbounded
number of points makes it grow with the history (about 130 ms at 3,650 points,
950 ms at 36,500), which delays the session timer. kneetui reduces the trend
to about one point per column, grouping long ranges in SQL, so a redraw should
cost about the same for ten or a hundred years as for thirty days.

A redraw here is what the chart widget does for the "all time" range: its own
`build_chart`, which draws the trend on a fresh private figure of the chart
pane's size, runs the plotext build and turns the output into the lines the
widget shows. The trend is read once with `kneetui.gather.load_trend`, as the
dashboard does when the data or the range changes; that query is timed in
`benchmarks.storage`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from kneetui.domain.trend import Trend
from kneetui.gather import load_trend
from kneetui.storage.store import Store
from kneetui.tui.state import LONG_RANGE_POINTS

# The dashboard's chart pane at a 120×36 terminal.
PLOT_SIZE = (56, 25)
# The "all time" range never shows less than this many days (see tui.state).
_MIN_RANGE_DAYS = 30


def all_time_trend(store: Store, today: dt.date) -> Trend:
    """The dashboard's "all time" trend, read from the store."""
    first = store.first_soreness_day() or today
    start = min(first, today - dt.timedelta(days=_MIN_RANGE_DAYS - 1))
    return load_trend(store, start, today, LONG_RANGE_POINTS)


def redraw(trend: Trend, size: tuple[int, int] = PLOT_SIZE) -> str:
    """One redraw, as the chart widget does it, on a private figure."""
    from kneetui.charts import ChartTheme
    from kneetui.tui.widgets.trend_plot import build_chart

    width, height = size
    return "\n".join(
        line.text for line in build_chart(trend, width, height, ChartTheme("textual-dark"), True)
    )


def redraw_seconds(
    paths: Sequence[Path], today: dt.date, runs: int, size: tuple[int, int] = PLOT_SIZE
) -> list[float]:
    """For each history at `paths`, the median seconds of `runs` redraws, after one
    untimed warm-up each. The runs go round the histories in turn (one redraw of
    each, then the next round), so a slow moment of the machine weighs on all of
    them alike: make bench reports their ratios, and measured one history after
    the other those moved by half their value from one bench to the next."""
    trends = []
    for path in paths:
        with Store.open(path, now=dt.datetime.now().astimezone()) as store:
            trends.append(all_time_trend(store, today))
    for trend in trends:
        if "7-day mean" not in redraw(trend, size):
            raise RuntimeError("the chart has no 7-day mean legend: nothing was drawn")
    times: list[list[float]] = [[] for _ in trends]
    for _ in range(max(1, runs)):
        for trend, timed in zip(trends, times, strict=True):
            timed.append(_timed(trend, size))
    return [statistics.median(timed) for timed in times]


def _timed(trend: Trend, size: tuple[int, int]) -> float:
    started = time.perf_counter()
    redraw(trend, size)
    return time.perf_counter() - started


def point_count(path: Path, today: dt.date) -> int:
    """Points the chart draws for the history at `path` (for the progress log)."""
    with Store.open(path, now=dt.datetime.now().astimezone()) as store:
        trend = all_time_trend(store, today)
    return len(trend.daily) + len(trend.rolling) + len(trend.session_days)
