"""Soreness per knee and per day: a day's score is the mean of that day's scores for
the knee, "both" counts for each knee, windows average days and are exactly 7 days."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.knees import (
    Pair,
    day_scores,
    knee_pair,
    knee_words,
    last_days_mean,
    owner,
    window_mean,
)
from kneetui.domain.models import Knee
from tests.domain.builders import BOTH, LEFT, MORNING, RIGHT, D, score

TODAY = D(2026, 11, 18)


def test_a_day_score_is_the_mean_of_that_days_scores_for_the_knee() -> None:
    entries = [
        score(TODAY, 5, knee=LEFT),
        score(TODAY, 2, knee=BOTH, hour=20),
        score(TODAY, 0, knee=RIGHT, hour=21),
    ]
    assert day_scores(entries, LEFT) == {TODAY: 3.5}
    assert day_scores(entries, RIGHT) == {TODAY: 1.0}


def test_mornings_apart_from_the_rest_of_the_day() -> None:
    entries = [score(TODAY, 6), score(TODAY, 2, hour=7, context=MORNING)]
    assert day_scores(entries, LEFT, mornings=True) == {TODAY: 2.0}
    assert day_scores(entries, LEFT, mornings=False) == {TODAY: 6.0}
    assert day_scores(entries, LEFT) == {TODAY: 4.0}


def test_the_last_7_days_are_today_and_the_6_before_and_average_days() -> None:
    days = {TODAY - dt.timedelta(days=n): float(n) for n in range(10)}
    # Days 0..6 back: a window of 8 days would take in day 7.
    assert last_days_mean(days, TODAY) == pytest.approx(sum(range(7)) / 7)
    assert last_days_mean(days, TODAY, weeks_back=1) == pytest.approx((7 + 8 + 9) / 3)
    assert window_mean(days, TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=5)) is None


def test_six_scores_of_one_weigh_as_one_day() -> None:
    entries = [
        score(TODAY, 6),
        *(score(TODAY - dt.timedelta(days=1), 1, minute=n) for n in range(6)),
    ]
    assert knee_pair(entries, TODAY) == Pair(3.5, 3.5)


@pytest.mark.parametrize(
    ("pair", "worse", "differ"),
    [
        (Pair(5.0, 0.0), LEFT, True),
        (Pair(0.0, 5.0), RIGHT, True),
        (Pair(2.0, 2.0), BOTH, False),
        (Pair(None, 1.0), RIGHT, True),
        (Pair(1.0, None), LEFT, True),
        (Pair(None, None), BOTH, False),
    ],
)
def test_the_worse_knee(pair: Pair, worse: Knee, differ: bool) -> None:
    assert (pair.worse, pair.differ) == (worse, differ)


def test_knee_words() -> None:
    assert [knee_words(k) for k in (LEFT, RIGHT, BOTH)] == [
        "the left knee",
        "the right knee",
        "both knees",
    ]
    assert [owner(k) for k in (LEFT, BOTH)] == ["Your left knee", "Your knees"]
