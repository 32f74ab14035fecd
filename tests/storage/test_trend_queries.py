"""The chart's grouped queries agree with the same grouping done by hand, and the
dashboard's trend uses them for long ranges only."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kneetui.domain.exchange import Bundle
from kneetui.domain.models import Session, SessionStatus, SorenessEntry
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
            scores.append(SorenessEntry(_id(f"{day} {n}"), at(day, 10 + n), day, rng.randrange(11)))
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
    by_bucket: dict[int, list[int]] = {}
    last_days: dict[int, list[int]] = {}
    last = (end - start).days
    for entry in scores:
        offset = (entry.local_day - start).days
        by_bucket.setdefault(offset // bucket, []).append(entry.score)
        # The 7 days ending at the bucket's last day, or at `end` for the newest one.
        window_end = min((offset // bucket + 1) * bucket - 1, last)
        if offset > window_end - 7:
            last_days.setdefault(offset // bucket, []).append(entry.score)
    assert [(m.day, m.scores) for m in means] == [
        (start + dt.timedelta(days=k * bucket), len(v)) for k, v in sorted(by_bucket.items())
    ]
    assert [m.mean for m in means] == pytest.approx(
        [sum(v) / len(v) for _, v in sorted(by_bucket.items())]
    )
    assert [r.mean for r in rolling] == pytest.approx(
        [sum(v) / len(v) for _, v in sorted(last_days.items())]
    )


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
