"""The report's content model (`kneetui.domain.handout`): the range, the weekly
rows, the chart's series, red flags with what became of them, notes. Pure: no
store, no clock."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kneetui.domain.handout import (
    MAX_CHART_POINTS,
    MAX_ROWS,
    chart_of,
    flag_rows,
    note_rows,
    week_rows,
)
from kneetui.domain.handout_range import MAX_WEEKS, report_start
from kneetui.domain.models import Acknowledgement, DailySoreness, Flag, Knee, SorenessEntry

TODAY = dt.date(2026, 11, 18)  # a Wednesday


def test_eight_weeks_end_today_unless_the_history_is_shorter() -> None:
    assert report_start(TODAY, 8, None) == TODAY - dt.timedelta(days=55)
    assert report_start(TODAY, 8, dt.date(2020, 1, 1)) == TODAY - dt.timedelta(days=55)
    assert report_start(TODAY, 8, TODAY - dt.timedelta(days=9)) == TODAY - dt.timedelta(days=9)
    assert report_start(TODAY, 1, TODAY) == TODAY
    for weeks in (0, MAX_WEEKS + 1):
        with pytest.raises(ValueError, match="weeks must be from 1 to 520"):
            report_start(TODAY, weeks, None)


def test_eight_weeks_get_a_row_each_and_ten_years_fit_in_the_same_rows() -> None:
    eight = week_rows(report_start(TODAY, 8, None), TODAY)
    assert [r.weeks for r in eight] == [1] * 9  # 56 days touch 9 ISO weeks
    assert eight[-1].first == dt.date(2026, 11, 16) and eight[-1].last == dt.date(2026, 11, 22)
    years = week_rows(report_start(TODAY, MAX_WEEKS, None), TODAY)
    assert len(years) <= MAX_ROWS
    assert years[-1].last == dt.date(2026, 11, 22)
    # Contiguous, every week once, the oldest row the shorter one.
    for before, after in itertools.pairwise(years):
        assert after.first == before.last + dt.timedelta(days=1)
    assert sum(r.weeks for r in years) == (years[-1].last - years[0].first).days // 7 + 1
    assert years[0].weeks <= years[1].weeks == years[-1].weeks


def test_a_long_range_is_grouped_into_few_points_per_knee() -> None:
    start = TODAY - dt.timedelta(days=3649)
    daily = [
        DailySoreness(start + dt.timedelta(days=i), 5.0, 1, 5.0, 1.0 + i % 3)
        for i in range(-6, 3650)
    ]
    chart = chart_of(daily, [start + dt.timedelta(days=i) for i in range(0, 3650, 2)], start, TODAY)
    assert chart.bucket_days == 20
    for series in (chart.left, chart.right, chart.rolling):
        assert 0 < len(series) <= MAX_CHART_POINTS
    assert {p.value for p in chart.left} == {5.0}
    assert all(1.0 <= p.value <= 3.0 for p in chart.right)
    assert len(chart.session_days) <= MAX_CHART_POINTS
    assert chart.left[0].day == start


def test_a_short_range_keeps_each_knee_day_by_day() -> None:
    start = TODAY - dt.timedelta(days=6)
    daily = [
        DailySoreness(TODAY - dt.timedelta(days=9), 8.0, 1),  # before: the 7-day mean only
        DailySoreness(TODAY - dt.timedelta(days=3), 4.0, 2, 4.0, None),
        DailySoreness(TODAY, 2.0, 1),
    ]
    chart = chart_of(daily, [TODAY], start, TODAY)
    assert [(p.day, p.value) for p in chart.left] == [
        (TODAY - dt.timedelta(days=3), 4.0),
        (TODAY, 2.0),
    ]
    assert [(p.day, p.value) for p in chart.right] == [(TODAY, 2.0)]
    # The worse knee over each 7 days: the right knee had only the 8 of day -9.
    assert [p.value for p in chart.rolling] == [8.0, 3.0]
    assert chart.session_days == (TODAY,)


def _entry(day: dt.date, score: int, *, hour: int = 20, **extra: object) -> SorenessEntry:
    moment = dt.datetime.combine(day, dt.time(hour), dt.UTC)
    return SorenessEntry(f"{day}-{score}-{hour}", moment, day, score, Knee.LEFT, **extra)  # type: ignore[arg-type]


def _utc_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(dt.UTC).date()


def test_each_red_flag_says_whether_it_was_acknowledged_eased_or_stands() -> None:
    d = dt.date(2026, 11, 2)
    scores = [
        _entry(d, 7, flags=(Flag.SWELLING,)),
        _entry(d + dt.timedelta(days=3), 9),
        _entry(d + dt.timedelta(days=3), 3, hour=22),
        _entry(d + dt.timedelta(days=5), 8),
        _entry(d + dt.timedelta(days=6), 5),  # a plain score: no flag
    ]
    ack = Acknowledgement("a", dt.datetime.combine(d + dt.timedelta(days=1), dt.time(9), dt.UTC), d)
    rows = flag_rows(scores, [ack], {scores[3].uuid}, _utc_day)
    assert [(r.day, r.what, r.status) for r in rows] == [
        (d, "swelling", "acknowledged on 2026-11-03"),
        (d + dt.timedelta(days=3), "a score of 9/10", "eased by a later score"),
        (d + dt.timedelta(days=5), "a score of 8/10", "not yet acknowledged"),
    ]


def test_notes_are_those_of_scores_of_six_or_more_on_one_line() -> None:
    d = dt.date(2026, 11, 2)
    rows = note_rows(
        [
            _entry(d, 6, note="stairs\nhurt\x1b[2J"),
            _entry(d, 5, note="a 5: not shown"),
            _entry(d, 9, note=""),
            _entry(d, 7, note="x" * 400),
        ]
    )
    assert [r.note for r in rows] == ["stairs hurt\\x1b[2J", "x" * 159 + "…"]
