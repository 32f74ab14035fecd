"""The soreness trend: daily means, a 7-day rolling mean, and session days, reduced
to about one point per chart column.

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

ROLLING_DAYS = 7


class Point(NamedTuple):
    day: dt.date
    value: float


class Trend(NamedTuple):
    """What the chart draws. Points are in day order; `bucket_days` is how many
    calendar days each point stands for (1 when the range fits the width)."""

    start: dt.date
    end: dt.date
    daily: tuple[Point, ...]
    rolling: tuple[Point, ...]
    session_days: tuple[dt.date, ...]
    bucket_days: int = 1

    @property
    def empty(self) -> bool:
        return not self.daily


def rolling_mean(daily: Sequence[DailySoreness], days: int = ROLLING_DAYS) -> list[Point]:
    """For each day with scores, the mean of all scores in the `days` calendar days
    ending that day (days without scores do not count as zero)."""
    points = []
    window: deque[DailySoreness] = deque()
    total = 0.0
    count = 0
    for item in daily:
        window.append(item)
        total += item.mean * item.scores
        count += item.scores
        while window and (item.day - window[0].day).days >= days:
            old = window.popleft()
            total -= old.mean * old.scores
            count -= old.scores
        points.append(Point(item.day, total / count))
    return points


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
    sums: dict[dt.date, tuple[float, int]] = {}
    for item in daily:
        key = _bucket_day(item.day, start, bucket)
        total, count = sums.get(key, (0.0, 0))
        sums[key] = (total + item.mean * item.scores, count + item.scores)
    return [Point(day, total / count) for day, (total, count) in sorted(sums.items())]


def _bucket_last(points: Sequence[Point], start: dt.date, bucket: int) -> list[Point]:
    last: dict[dt.date, float] = {}
    for point in points:
        last[_bucket_day(point.day, start, bucket)] = point.value
    return [Point(day, value) for day, value in sorted(last.items())]
