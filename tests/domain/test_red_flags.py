"""Red flags: a symptom stands until acknowledged, however old; a score of 8 or more
clears once a later score for that knee, the same day or the next, is 5 or less."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.models import Flag
from kneetui.domain.red_flags import SEVERE, SYMPTOM, notice_for, raises_flag, standing
from tests.domain.builders import BOTH, LEFT, RIGHT, D, ack, run, score

TODAY = D(2026, 11, 18)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(("value", "flagged"), [(7, False), (8, True), (10, True)])
def test_a_score_of_8_or_more_is_a_red_flag(value: int, flagged: bool) -> None:
    entry = score(TODAY, value)
    assert raises_flag(entry) is flagged
    assert [f.rule for f in standing([entry], [], TODAY)] == ([SEVERE] if flagged else [])


@pytest.mark.parametrize("flag", list(Flag))
def test_every_symptom_is_a_red_flag_whatever_the_score(flag: Flag) -> None:
    entry = score(TODAY, 1, flags=[flag])
    assert [f.rule for f in standing([entry], [], TODAY)] == [SYMPTOM]


def test_a_symptom_stands_until_acknowledged_however_old() -> None:
    old = score(TODAY - dt.timedelta(days=200), 7, flags=[Flag.SWELLING])
    later = [score(TODAY - dt.timedelta(days=n), 1) for n in range(1, 30)]
    assert [f.entry for f in standing([old, *later], [], TODAY)] == [old]
    # An acknowledgement before it does not cover it; one after it does.
    assert standing([old], [ack(old.local_day - DAY)], TODAY) != []
    assert standing([old], [ack(TODAY - dt.timedelta(days=100))], TODAY) == []
    # A new symptom after the acknowledgement stands again.
    new = score(TODAY, 4, flags=[Flag.LOCKING])
    assert [f.entry for f in standing([old, new], [ack(TODAY - DAY)], TODAY)] == [new]


@pytest.mark.parametrize(
    ("later", "stands"),
    [
        (score(TODAY, 5, hour=21), False),  # the same day, 5: eased
        (score(TODAY, 6, hour=21), True),  # 6 has not eased
        (score(TODAY + DAY, 3, hour=7), False),  # the next day
        (score(TODAY + 2 * DAY, 1, hour=7), True),  # two days later is too late
        (score(TODAY, 2, hour=17), True),  # before the 9, not after it
    ],
)
def test_severe_pain_clears_by_a_later_score_of_5_or_less_that_day_or_the_next(
    later: object, stands: bool
) -> None:
    severe = score(TODAY, 9, hour=18)
    today = TODAY + 2 * DAY
    assert bool(standing([severe, later], [], today)) is stands  # type: ignore[list-item]


def test_severe_pain_in_both_knees_eases_knee_by_knee() -> None:
    severe = score(TODAY, 8, knee=BOTH)
    left_eased = score(TODAY, 2, hour=21, knee=LEFT)
    (flag,) = standing([severe, left_eased], [], TODAY)
    assert flag.knee is RIGHT
    right_eased = score(TODAY + DAY, 3, hour=8, knee=RIGHT)
    assert standing([severe, left_eased, right_eased], [], TODAY + DAY) == []
    # The other knee's easing says nothing of this one.
    assert standing([score(TODAY, 9, knee=LEFT), score(TODAY, 0, hour=21, knee=RIGHT)], [], TODAY)


def test_severe_pain_that_has_not_eased_stands_until_acknowledged() -> None:
    severe = score(TODAY - dt.timedelta(days=5), 9)
    coaching = run([], [severe], TODAY)
    (advice,) = [a for a in coaching.advice if a.kind == "red-flag"]
    assert advice.rule == SEVERE
    assert "It has not eased since: have the knee seen" in advice.message
    assert run([], [severe], TODAY, acks=[ack(TODAY)]).red_flags == ()


def test_the_notice_at_logging_says_what_to_do() -> None:
    assert notice_for(score(TODAY, 7)) is None
    symptom = notice_for(score(TODAY, 7, knee=LEFT, flags=[Flag.SWELLING]))
    assert symptom is not None
    assert symptom.startswith("Have your knee seen: swelling in the left knee today")
    assert "acknowledge this notice (a in the app, `kneetui ack`)" in symptom
    severe = notice_for(score(TODAY, 8))
    assert severe is not None and "If it has not eased by tomorrow" in severe


@pytest.mark.parametrize(
    ("days_ago", "words"),
    [
        (0, "If it has not eased by tomorrow"),
        (1, "If it has not eased by tonight"),
        (2, "It has not eased since: have the knee seen"),
    ],
)
def test_the_severe_notice_says_how_long_is_left(days_ago: int, words: str) -> None:
    entry = score(TODAY - dt.timedelta(days=days_ago), 9)
    (advice,) = [a for a in run([], [entry], TODAY).advice if a.kind == "red-flag"]
    assert words in advice.message
