"""The chart's grouped queries agree with the same grouping done by hand, and the
dashboard's trend uses them for long ranges only."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kneetui.domain.exchange import Bundle
from kneetui.domain.models import Knee, Session, SessionStatus, SorenessEntry
from kneetui.gather import load_trend
from kneetui.storage.store import Store
from tests.histories import _id, at

START = dt.date(2025, 1, 1)
END = dt.date(2026, 2, 4)  # 400 days
# A range with scores on both sides of it.
INSIDE = (START + dt.timedelta(days=13), END - dt.timedelta(days=5))


@pytest.fixture
def year_store(store: Store) -> Store:
    rng = random.Random(7)
    scores = []
    for offset in range((END - START).days + 1):
        day = START + dt.timedelta(days=offset)
        for n in range(rng.choice((0, 1, 1, 2))):
            knee = rng.choice((Knee.BOTH, Knee.BOTH, Knee.LEFT, Knee.RIGHT))
            scores.append(
                SorenessEntry(_id(f"{day} {n}"), at(day, 10 + n), day, rng.randrange(11), knee)
            )
    sessions = [
        Session(_id(f"s {day}"), at(day, 7), day, SessionStatus.COMPLETED, at(day, 8))
        for day in (START + dt.timedelta(days=d) for d in range(0, 400, 9))
    ]
    store.import_bundle(Bundle(soreness=tuple(scores), sessions=tuple(sessions)))
    return store


@pytest.mark.parametrize("bucket", [1, 2, 3, 7, 8, 30, 45])
@pytest.mark.parametrize(("start", "end"), [(START, END), INSIDE])
def test_bucket_means_match_a_grouping_by_hand(
    year_store: Store, bucket: int, start: dt.date, end: dt.date
) -> None:
    # Scores outside the range (the second case has some on both sides) count nowhere.
    scores = [e for e in year_store.soreness() if start <= e.local_day <= end]
    means, rolling = year_store.soreness_buckets(start, end, bucket)
    by_bucket: dict[int, list[SorenessEntry]] = {}
    last_days: dict[int, list[SorenessEntry]] = {}
    last = (end - start).days
    for entry in scores:
        offset = (entry.local_day - start).days
        by_bucket.setdefault(offset // bucket, []).append(entry)
        # The 7 days ending at the bucket's last day, or at `end` for the newest one.
        window_end = min((offset // bucket + 1) * bucket - 1, last)
        if offset > window_end - 7:
            last_days.setdefault(offset // bucket, []).append(entry)
    assert [(m.day, m.scores) for m in means] == [
        (start + dt.timedelta(days=k * bucket), len(v)) for k, v in sorted(by_bucket.items())
    ]
    assert [m.mean for m in means] == pytest.approx(
        [worse_knee(v) for _, v in sorted(by_bucket.items())]
    )
    assert [r.mean for r in rolling] == pytest.approx(
        [worse_knee(v) for _, v in sorted(last_days.items())]
    )


def worse_knee(entries: list[SorenessEntry]) -> float:
    """By hand: each knee's day means (a score for both counts for each), the mean
    of those days, and the higher of the two knees."""
    found = []
    for knee in (Knee.LEFT, Knee.RIGHT):
        days: dict[dt.date, list[int]] = {}
        for e in entries:
            if e.knee in (knee, Knee.BOTH):
                days.setdefault(e.local_day, []).append(e.score)
        if days:
            found.append(sum(sum(v) / len(v) for v in days.values()) / len(days))
    return max(found)


def test_daily_figures_are_per_knee_and_the_worse_is_drawn(store: Store) -> None:
    """Left 5 and right 0 on one day is a 5 for the chart, not 2.5; six scores of 1
    on one day weigh as one day against a single 6 on another."""
    day = END - dt.timedelta(days=1)
    entries = [
        SorenessEntry(_id("l"), at(day, 9), day, 5, Knee.LEFT),
        SorenessEntry(_id("r"), at(day, 10), day, 0, Knee.RIGHT),
        SorenessEntry(_id("six"), at(END, 8), END, 6),
        *(SorenessEntry(_id(f"one {n}"), at(END, 10 + n), END, 1) for n in range(6)),
    ]
    store.import_bundle(Bundle(soreness=tuple(entries)))
    (first, second) = store.daily_soreness(since=day)
    assert (first.mean, first.left, first.right, first.scores) == (5.0, 5.0, 0.0, 2)
    assert second.mean == pytest.approx(12 / 7) and second.scores == 7
    trend = load_trend(store, day, END, 60)
    assert [p.value for p in trend.daily] == pytest.approx([5.0, 12 / 7])
    # The 7-day figure on the second day: the left knee's days 5 and 12/7.
    assert trend.rolling[-1].value == pytest.approx((5 + 12 / 7) / 2)


def test_session_buckets_mark_each_bucket_with_a_session(year_store: Store) -> None:
    marks = year_store.session_buckets(START, END, 30)
    expected = sorted({START + dt.timedelta(days=(d // 30) * 30) for d in range(0, 400, 9)})
    assert marks == expected


def test_long_ranges_are_grouped_and_short_ones_are_not(year_store: Store) -> None:
    short = load_trend(year_store, END - dt.timedelta(days=29), END, 60)
    assert short.bucket_days == 1
    assert len(short.daily) == len({e.local_day for e in year_store.soreness(
        since=END - dt.timedelta(days=29))})  # fmt: skip
    long = load_trend(year_store, START, END, 60)
    assert long.bucket_days == 7
    assert len(long.daily) <= 60 and len(long.rolling) <= 60
    assert long.session_days and all(d.weekday() == START.weekday() for d in long.session_days)


def test_the_latest_score_query_uses_the_time_index(store: Store) -> None:
    """Without a day range, the newest score is one index step, not a sort of
    every score (25 ms at a hundred years)."""
    executed: list[str] = []
    store.conn.set_trace_callback(executed.append)
    store.soreness(limit=1)
    store.conn.set_trace_callback(None)
    (query,) = [q for q in executed if q.startswith("SELECT")]
    plan = store.conn.execute("EXPLAIN QUERY PLAN " + query).fetchall()
    assert any("soreness_logged_at" in row[3] for row in plan)
    assert not any("TEMP B-TREE" in row[3] for row in plan)
