"""Not settled means the same knee: a next-morning score of 3 or more that is not
lower than that knee's score of the day before."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.settling import judge_morning, latest_morning
from tests.domain.builders import AFTER_RUN, BOTH, LEFT, RIGHT, D, morning, run, score

TODAY = D(2026, 11, 18)
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("evening", "this_morning", "settled"),
    [
        (1, 2, True),  # below 3: settled whatever the evening
        (1, 3, False),  # 3 and higher than the evening
        (5, 5, False),  # equal high scores have not settled
        (5, 4, True),  # lower
        (6, 3, True),
    ],
)
def test_a_morning_settles_below_3_or_below_the_evening(
    evening: int, this_morning: int, settled: bool
) -> None:
    entries = [score(YESTERDAY, evening, context=AFTER_RUN), morning(TODAY, this_morning)]
    verdict = judge_morning(entries, TODAY)
    assert verdict is not None and verdict.settled is settled


def test_left_this_morning_is_never_compared_with_right_last_night() -> None:
    entries = [
        score(YESTERDAY, 1, knee=RIGHT, context=AFTER_RUN),
        score(YESTERDAY, 4, knee=LEFT, context=AFTER_RUN),
        morning(TODAY, 4, knee=LEFT),
    ]
    verdict = judge_morning(entries, TODAY)
    assert verdict is not None
    assert (verdict.knee, verdict.morning, verdict.before, verdict.settled) == (LEFT, 4, 4, False)
    # Only the right knee scored last night: the left morning cannot be judged.
    alone = judge_morning([entries[0], entries[2]], TODAY)
    assert alone is not None and alone.settled is None


def test_a_both_knees_morning_is_judged_for_each_knee() -> None:
    entries = [
        score(YESTERDAY, 2, knee=LEFT, context=AFTER_RUN),
        score(YESTERDAY, 5, knee=RIGHT, context=AFTER_RUN),
        morning(TODAY, 4, knee=BOTH),
    ]
    verdict = judge_morning(entries, TODAY)
    assert verdict is not None and (verdict.knee, verdict.settled) == (LEFT, False)


def test_the_notice_names_the_knee_and_compares_like_with_like() -> None:
    entries = [
        score(YESTERDAY, 1, knee=RIGHT, context=AFTER_RUN),
        score(YESTERDAY, 3, knee=LEFT, context=AFTER_RUN),
        morning(TODAY, 4, knee=LEFT),
    ]
    (notice,) = [a for a in run([], entries, TODAY).advice if a.rule == "check-in-not-settled"]
    assert notice.message.startswith(
        "Your left knee had not settled this morning (4, against 3 after yesterday's run)"
    )


def test_the_latest_morning_is_the_latest_day_with_one() -> None:
    entries = [
        score(TODAY - dt.timedelta(days=6), 5),
        morning(TODAY - dt.timedelta(days=5), 5),
        morning(TODAY - dt.timedelta(days=2), 1),
    ]
    latest = latest_morning(entries, TODAY)
    assert latest is not None and latest.day == TODAY - dt.timedelta(days=2)
    assert latest_morning(entries[:1], TODAY) is None
