"""The soreness trend: each day's score of the worse knee, its 7-day mean, and
session days, reduced to about one point per chart column.

Figures follow the coaching's (see `knees`): a day's score for a knee is the mean
of its scores that day; a 7-day figure is each knee's mean of its day scores, and
the chart draws the worse knee's, so one sore knee is never averaged away by the
other and six scores on one day weigh no more than one on another.

Runs are drawn under the scores as bars: each day's (or bucket's) longest run,
since the longest run is what a spike is measured against (Frandsen et al., see
`runs`), and a sum over a ten-day bucket would say little about any one run. A
day or bucket that holds a spike run is marked.

A plot is at most a couple of hundred columns wide, so ten years of days are
grouped into buckets of several days before plotting; the cost of a redraw then
stays flat however long the history grows.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kneetui.domain.models import DailySoreness
from kneetui.domain.runs import SPIKE_WINDOW, Run, Spike, spike_of

ROLLING_DAYS = 7


class Point(NamedTuple):
    day: dt.date
    value: float


class RunBar(NamedTuple):
    """The runs of one day or bucket (dated by its first day): the longest one's
    distance, and whether any of them was a spike."""

    day: dt.date
    km: float
    spike: bool


class Trend(NamedTuple):
    """What the chart draws. Points are in day order; `bucket_days` is how many
    calendar days each point stands for (1 when the range fits the width)."""

    start: dt.date
    end: dt.date
    daily: tuple[Point, ...]
    rolling: tuple[Point, ...]
    session_days: tuple[dt.date, ...]
    bucket_days: int = 1
    runs: tuple[RunBar, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.daily


def worse_of_means(days: Iterable[DailySoreness]) -> float | None:
    """Each knee's mean of its day scores over `days`, and the worse of the two."""
    sums = [0.0, 0.0]
    counts = [0, 0]
    for item in days:
        for side, value in enumerate(item.knees):
            if value is not None:
                sums[side] += value
                counts[side] += 1
    means = [total / count for total, count in zip(sums, counts, strict=True) if count]
    return max(means) if means else None


def rolling_mean(daily: Sequence[DailySoreness], days: int = ROLLING_DAYS) -> list[Point]:
    """For each day with scores, the worse knee's mean of its day scores in the
    `days` calendar days ending that day (days without scores do not count)."""
    points = []
    window: deque[DailySoreness] = deque()
    for item in daily:
        window.append(item)
        while window and (item.day - window[0].day).days >= days:
            window.popleft()
        value = worse_of_means(window)
        if value is not None:
            points.append(Point(item.day, value))
    return points


# How far before a range's first day the runs must reach for `run_bars` to know
# the spikes of the range's first runs: the spike window, and a day either way
# for the difference between a local day and the UTC start of a run.
RUNS_LOOK_BACK = SPIKE_WINDOW + dt.timedelta(days=2)
_WINDOW_SECONDS = int(SPIKE_WINDOW.total_seconds())
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class RunPoint(NamedTuple):
    """A run as the chart reads it: its start in whole seconds since 1970 (UTC),
    its local day counted from the range's first day (negative before it), and
    its distance. Plain numbers, so ten years of runs load in milliseconds."""

    seconds: int
    day: int
    km: float


def run_points(runs: Sequence[Run], start: dt.date) -> list[RunPoint]:
    """`runs` as points for `run_bars`, oldest first (in the order of `spikes`)."""
    ordered = sorted(runs, key=lambda r: (r.started_at, r.uuid))
    return [
        RunPoint(
            int((r.started_at - _EPOCH).total_seconds()), (r.local_day - start).days, r.distance_km
        )
        for r in ordered
    ]


def run_bars(
    points: Iterable[tuple[int, int, float]], *, start: dt.date, end: dt.date, bucket: int = 1
) -> list[RunBar]:
    """A bar for each day (or run of `bucket` days from `start`) with runs between
    `start` and `end`, oldest first: the longest run's distance, and whether any
    run in it was a spike.

    `points` (`RunPoint`s, or plain tuples of the same) come oldest first and
    reach `RUNS_LOOK_BACK` before `start`, or the first runs' spikes are missed.
    Each run is compared, as in `runs.spikes` and
    with its cut-offs, with the longest run that started in the 30 days before it
    (runs that started in the same second count in the order given). That
    longest is kept in one pass, in a queue of the runs that may still become
    the longest (each longer than every later one): linear in the runs, where
    `spikes` looks at every run of each window."""
    window: deque[tuple[int, float]] = deque()
    last = (end - start).days
    bars: dict[int, tuple[float, bool]] = {}
    for seconds, day, km in points:
        while window and window[0][0] < seconds - _WINDOW_SECONDS:
            window.popleft()
        if 0 <= day <= last:
            longest = window[0][1] if window else None
            # A run no longer than the longest cannot be a spike: spike_of only
            # for the others.
            spike = longest is not None and km > longest and spike_of(km, longest) is not Spike.NONE
            key = day // bucket
            known = bars.get(key)
            if known is None:
                bars[key] = (km, spike)
            elif km > known[0] or (spike and not known[1]):
                bars[key] = (max(km, known[0]), spike or known[1])
        while window and window[-1][1] <= km:
            window.pop()
        window.append((seconds, km))
    return [
        RunBar(start + dt.timedelta(days=key * bucket), km, spike)
        for key, (km, spike) in sorted(bars.items())
    ]


def bucket_size(start: dt.date, end: dt.date, max_points: int) -> int:
    """Calendar days per point so that `start`..`end` fits in `max_points`."""
    span = (end - start).days + 1
    return max(1, -(-span // max(1, max_points)))


def bucketed_trend(
    means: Sequence[DailySoreness],
    rolling: Sequence[DailySoreness],
    session_days: Iterable[dt.date],
    *,
    start: dt.date,
    end: dt.date,
    bucket: int,
) -> Trend:
    """A trend from points already grouped by the store, `bucket` days each:
    `means` holds each bucket's mean of every score, `rolling` the mean of the
    scores in its last 7 days (the 7-day mean at the bucket's end). Days are the
    buckets' first days; `session_days` may be any days in the range."""
    return Trend(
        start,
        end,
        tuple(Point(d.day, d.mean) for d in means),
        tuple(Point(d.day, d.mean) for d in rolling),
        tuple(sorted({_bucket_day(d, start, bucket) for d in session_days if start <= d <= end})),
        bucket,
    )


def build_trend(
    daily: Sequence[DailySoreness],
    session_days: Iterable[dt.date],
    *,
    start: dt.date,
    end: dt.date,
    max_points: int,
) -> Trend:
    """The trend between `start` and `end` (inclusive), at most `max_points` wide.

    `daily` may start before `start`: those days feed the rolling mean only.
    """
    rolling = [p for p in rolling_mean(daily) if start <= p.day <= end]
    shown = [d for d in daily if start <= d.day <= end]
    sessions = sorted({d for d in session_days if start <= d <= end})
    bucket = bucket_size(start, end, max_points)
    if bucket == 1:
        return Trend(
            start,
            end,
            tuple(Point(d.day, d.mean) for d in shown),
            tuple(rolling),
            tuple(sessions),
        )
    return Trend(
        start,
        end,
        tuple(_bucket_means(shown, start, bucket)),
        tuple(_bucket_last(rolling, start, bucket)),
        tuple(sorted({_bucket_day(d, start, bucket) for d in sessions})),
        bucket,
    )


def _bucket_day(day: dt.date, start: dt.date, bucket: int) -> dt.date:
    return start + dt.timedelta(days=(day - start).days // bucket * bucket)


def _bucket_means(daily: Sequence[DailySoreness], start: dt.date, bucket: int) -> list[Point]:
    groups: dict[dt.date, list[DailySoreness]] = {}
    for item in daily:
        groups.setdefault(_bucket_day(item.day, start, bucket), []).append(item)
    points = []
    for day, items in sorted(groups.items()):
        value = worse_of_means(items)
        if value is not None:
            points.append(Point(day, value))
    return points


def _bucket_last(points: Sequence[Point], start: dt.date, bucket: int) -> list[Point]:
    last: dict[dt.date, float] = {}
    for point in points:
        last[_bucket_day(point.day, start, bucket)] = point.value
    return [Point(day, value) for day, value in sorted(last.items())]
