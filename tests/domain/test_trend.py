"""The trend the chart draws: daily means, a 7-day rolling mean, and downsampling."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.models import DailySoreness
from kneetui.domain.trend import build_trend, rolling_mean

DAY = dt.timedelta(days=1)
START = dt.date(2026, 1, 1)


def day(n: int) -> dt.date:
    return START + n * DAY


def test_rolling_mean_covers_seven_calendar_days_averaging_days() -> None:
    daily = [
        DailySoreness(day(0), 6.0, 1),
        DailySoreness(day(1), 3.0, 2),  # two scores averaging 3: one day, not two
        DailySoreness(day(6), 2.0, 1),
        DailySoreness(day(7), 1.0, 1),
    ]
    points = rolling_mean(daily)
    assert [p.day for p in points] == [day(0), day(1), day(6), day(7)]
    assert points[1].value == pytest.approx((6 + 3) / 2)
    assert points[2].value == pytest.approx((6 + 3 + 2) / 3)
    # Day 7's window is days 1..7: day 0 has left it (a window of 8 would keep it).
    assert points[3].value == pytest.approx((3 + 2 + 1) / 3)


def test_rolling_mean_is_the_worse_knees() -> None:
    """Each knee's mean of its days, then the higher: left 4 and 0, right 0 and 4
    is 2 for each knee, not the 4 of each day's worse knee."""
    daily = [
        DailySoreness(day(0), 4.0, 2, 4.0, 0.0),
        DailySoreness(day(1), 4.0, 2, 0.0, 4.0),
        DailySoreness(day(2), 5.0, 1, 5.0, None),  # only the left knee scored
    ]
    points = rolling_mean(daily)
    assert [p.value for p in points] == pytest.approx([4.0, 2.0, 3.0])


def test_a_short_range_keeps_every_day() -> None:
    daily = [DailySoreness(day(i), float(i % 10), 1) for i in range(30)]
    trend = build_trend(daily, [day(2)], start=day(0), end=day(29), max_points=100)
    assert trend.bucket_days == 1
    assert len(trend.daily) == 30
    assert trend.session_days == (day(2),)


def test_a_long_range_is_reduced_to_the_width_with_bucket_means_of_days() -> None:
    daily = [DailySoreness(day(i), float(i % 2), 1 + i % 2) for i in range(3650)]
    trend = build_trend(
        daily, [day(i) for i in range(0, 3650, 2)], start=day(0), end=day(3649), max_points=100
    )
    assert trend.bucket_days == 37
    assert len(trend.daily) <= 100
    assert len(trend.rolling) <= 100
    assert len(trend.session_days) <= 100
    # Each bucket of 37 days: 19 days of 0 (1 score) and 18 days of 1 (2 scores): days
    # are averaged, whatever their number of scores.
    assert trend.daily[0].value == pytest.approx(18 / 37)


def test_days_before_the_range_feed_the_rolling_mean_only() -> None:
    daily = [DailySoreness(day(i), 8.0 if i < 5 else 2.0, 1) for i in range(10)]
    trend = build_trend(daily, [], start=day(5), end=day(9), max_points=50)
    assert [p.day for p in trend.daily] == [day(i) for i in range(5, 10)]
    assert trend.rolling[0].value == pytest.approx((5 * 8 + 2) / 6)


def test_no_data_gives_an_empty_trend() -> None:
    trend = build_trend([], [], start=day(0), end=day(29), max_points=80)
    assert trend.empty
