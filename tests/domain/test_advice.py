"""The advice rules on both sides of every threshold: 20 against 21 days of routine,
a 7-day average of 2.9 against 3.0, an improvement of 1.9 against 2 points and 29%
against 30%, most weeks on target or not, red flags by score, by symptom and by
date, the next-morning check-in, and the order `advise` lists them in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from kneetui.domain.advice import (
    CHECK_IN_PROMPT,
    NOT_MEDICAL_ADVICE,
    Advice,
    AdviceKind,
    Assessment,
    advise,
    assess,
    needs_check_in,
    not_settled,
    red_flag,
)
from kneetui.domain.models import (
    Context,
    Flag,
    Knee,
    LevelChange,
    Session,
    SessionStatus,
    SorenessEntry,
)
from kneetui.domain.routine import Routine
from tests.domain.test_adherence import score, session

D = dt.date
MWF = ("mon", "wed", "fri")
START = D(2026, 10, 26)  # a Monday: the routine's first session
DAY_21 = D(2026, 11, 15)  # the Sunday that ends its third week
WEDNESDAY = D(2026, 11, 18)
AFTER_RUN = Context.AFTER_RUN
MORNING = Context.NEXT_MORNING
RED_FLAG_RULE = (
    "A score of 8 or more, swelling, locking, giving way or not being able to bear weight "
    "needs a doctor or a physical therapist to look at it."
)


def routine_weeks(*per_week: int, start: dt.date = START) -> list[Session]:
    """Sessions week after week from `start`: 3 is Mon/Wed/Fri, 1 is Monday only."""
    offsets = {0: (), 1: (0,), 2: (0, 2), 3: (0, 2, 4)}
    return [
        session(start + dt.timedelta(days=7 * week + offset))
        for week, count in enumerate(per_week)
        for offset in offsets[count]
    ]


def scores_on(day: dt.date, *values: int) -> list[SorenessEntry]:
    return [score(day, v, hour=12, minute=i) for i, v in enumerate(values)]


def history(first_week: Sequence[int], last_days: Sequence[int]) -> list[SorenessEntry]:
    """Scores on the routine's second day and on the Friday of its third week."""
    return scores_on(START + dt.timedelta(days=1), *first_week) + scores_on(
        D(2026, 11, 13), *last_days
    )


def therapist(
    routine: Routine, sessions: list[Session], scores: list[SorenessEntry], today: dt.date
) -> list[str]:
    found = advise(routine, MWF, sessions, scores, [], today, checked_in=True)
    return [a.message for a in found if a.kind is AdviceKind.SEE_PHYSICAL_THERAPIST]


def test_the_assessment_of_three_weeks() -> None:
    scores = history([5], [4])
    assessment = assess(routine_weeks(3, 3, 3), scores, MWF, DAY_21)
    assert assessment == Assessment(
        start=START,
        routine_days=21,
        sessions=9,
        target_per_week=3,
        weeks_on_target=3,
        full_weeks=3,
        baseline_mean=5.0,
        recent_mean=4.0,
        change_points=-1.0,
        change_percent=-20.0,
        meaningful=False,
        waiting_for=None,
    )
    assert assessment.see_physical_therapist


@pytest.mark.parametrize(
    ("today", "days", "waiting_for"),
    [
        (DAY_21 - dt.timedelta(days=1), 20, "3 weeks of the routine (day 20 of 21)"),
        (DAY_21, 21, None),
    ],
)
def test_at_least_21_days_of_routine(
    routine: Routine, today: dt.date, days: int, waiting_for: str | None
) -> None:
    sessions, scores = routine_weeks(3, 3, 3), history([5], [4])
    assessment = assess(sessions, scores, MWF, today)
    assert (assessment.routine_days, assessment.waiting_for) == (days, waiting_for)
    expected = (
        "3 weeks of the routine, 9 sessions; last 7 days average 4.0, first week 5.0: "
        "no meaningful improvement. Consider seeing a physical therapist."
    )
    assert therapist(routine, sessions, scores, today) == ([expected] if days == 21 else [])


@pytest.mark.parametrize(
    ("last_days", "recent", "still_sore"),
    [([3] * 9 + [2], 2.9, False), ([3] * 10, 3.0, True)],
)
def test_the_last_7_days_must_still_average_3(
    routine: Routine, last_days: list[int], recent: float, still_sore: bool
) -> None:
    sessions, scores = routine_weeks(3, 3, 3), history([4], last_days)
    assessment = assess(sessions, scores, MWF, DAY_21)
    assert (assessment.recent_mean, assessment.still_sore) == (recent, still_sore)
    expected = (
        "3 weeks of the routine, 9 sessions; last 7 days average 3.0, first week 4.0: "
        "no meaningful improvement. Consider seeing a physical therapist."
    )
    assert therapist(routine, sessions, scores, DAY_21) == ([expected] if still_sore else [])


@pytest.mark.parametrize(
    ("first_week", "last_days", "points", "percent", "meaningful"),
    [
        # Baseline 8: 30% would be 2.4, so the 2 points decide.
        ([8], [6] * 9 + [7], -1.9, -23.75, False),
        ([8], [6] * 10, -2.0, -25.0, True),
        # Baseline 6: 2 points would be 33%, so the 30% decides.
        ([6], [4, 4, 4, 5], -1.75, -29.17, False),
        ([6], [4, 4, 4, 4, 5], -1.8, -30.0, True),
        # Exactly 30% (32/7 to 3.2), which floating point computes as 29.999999999999993.
        ([5, 5, 5, 5, 4, 4, 4], [3, 3, 3, 3, 4], -1.37, -30.0, True),
        # Worse is not an improvement, however large.
        ([3], [6], 3.0, 100.0, False),
    ],
)
def test_a_meaningful_improvement_is_2_points_or_30_percent(
    routine: Routine,
    first_week: list[int],
    last_days: list[int],
    points: float,
    percent: float,
    meaningful: bool,
) -> None:
    sessions, scores = routine_weeks(3, 3, 3), history(first_week, last_days)
    assessment = assess(sessions, scores, MWF, DAY_21)
    assert assessment.change_points == pytest.approx(points, abs=0.01)
    assert assessment.change_percent == pytest.approx(percent, abs=0.01)
    assert assessment.meaningful is meaningful
    assert len(therapist(routine, sessions, scores, DAY_21)) == (0 if meaningful else 1)


@pytest.mark.parametrize(
    ("weeks", "today", "on_target", "full", "most"),
    [
        ((3, 3, 2), DAY_21, 2, 3, True),
        ((3, 1, 2), DAY_21, 1, 3, False),
        ((3, 2, 3, 2), DAY_21 + dt.timedelta(days=7), 2, 4, False),  # half is not most
        ((3, 2, 3, 3), DAY_21 + dt.timedelta(days=7), 3, 4, True),
        # The current week is not full until its Sunday.
        ((3, 3, 3, 3), DAY_21 + dt.timedelta(days=6), 3, 3, True),
    ],
)
def test_on_target_in_most_full_weeks(
    routine: Routine,
    weeks: tuple[int, ...],
    today: dt.date,
    on_target: int,
    full: int,
    most: bool,
) -> None:
    sessions = routine_weeks(*weeks)
    scores = history([4], []) + scores_on(today, 4)
    assessment = assess(sessions, scores, MWF, today)
    assert (assessment.weeks_on_target, assessment.full_weeks) == (on_target, full)
    assert assessment.on_target_most_weeks is most
    assert len(therapist(routine, sessions, scores, today)) == (1 if most else 0)


def test_a_week_the_routine_began_in_the_middle_of_is_not_a_full_week() -> None:
    wednesday_start = D(2026, 10, 28)
    sessions = [session(wednesday_start), *routine_weeks(3, 3, start=D(2026, 11, 2))]
    assessment = assess(sessions, [], MWF, D(2026, 11, 17))
    assert (assessment.routine_days, assessment.full_weeks, assessment.weeks_on_target) == (
        21,
        2,
        2,
    )


@pytest.mark.parametrize(
    ("sessions", "scores", "today", "waiting_for"),
    [
        ([], [], DAY_21, "a first completed session"),
        (
            [session(START, status=SessionStatus.STOPPED)],
            scores_on(START, 4),
            DAY_21,
            "a first completed session",
        ),
        (
            [session(START)],
            [],
            START + dt.timedelta(days=8),
            "3 weeks of the routine (day 9 of 21), a soreness score in the first week of "
            "the routine and a soreness score in the last 7 days",
        ),
        (
            [session(START)],
            scores_on(START + dt.timedelta(days=7), 4),  # day 8: no longer the first week
            DAY_21,
            "a soreness score in the first week of the routine and a soreness score in the "
            "last 7 days",
        ),
        (
            [session(START)],
            scores_on(START + dt.timedelta(days=6), 4),
            DAY_21,
            "a soreness score in the last 7 days",
        ),
    ],
)
def test_waiting_for_says_what_is_missing(
    sessions: list[Session], scores: list[SorenessEntry], today: dt.date, waiting_for: str
) -> None:
    assessment = assess(sessions, scores, MWF, today)
    assert assessment.waiting_for == waiting_for
    assert not assessment.see_physical_therapist


@pytest.mark.parametrize(
    ("value", "flags", "expected"),
    [
        (7, (), None),
        (8, (), "a score of 8/10 for both knees today"),
        (10, (), "a score of 10/10 for both knees today"),
        (2, (Flag.SWELLING,), "a score of 2/10 with swelling for both knees today"),
        (2, (Flag.LOCKING,), "a score of 2/10 with locking for both knees today"),
        (2, (Flag.GIVING_WAY,), "a score of 2/10 with giving way for both knees today"),
        (
            0,
            (Flag.CANNOT_BEAR_WEIGHT,),
            "a score of 0/10 with not able to bear weight for both knees today",
        ),
        (
            5,
            (Flag.SWELLING, Flag.LOCKING),
            "a score of 5/10 with swelling, locking for both knees today",
        ),
    ],
)
def test_red_flags_by_score_and_by_symptom(
    value: int, flags: tuple[Flag, ...], expected: str | None
) -> None:
    found = red_flag([score(WEDNESDAY, value, hour=8, flags=flags)], WEDNESDAY)
    if expected is None:
        assert found is None
    else:
        message = f"Have your knee seen promptly: {expected}. {RED_FLAG_RULE}"
        assert found == Advice(AdviceKind.RED_FLAG, message)


@pytest.mark.parametrize(
    ("days_ago", "when"),
    [(0, "today"), (1, "yesterday"), (6, "on Thu 2026-11-12"), (7, None), (8, None)],
)
def test_a_red_flag_stays_for_7_days(days_ago: int, when: str | None) -> None:
    entry = score(WEDNESDAY - dt.timedelta(days=days_ago), 9, knee=Knee.LEFT)
    found = red_flag([entry], WEDNESDAY)
    expected = f"a score of 9/10 for the left knee {when}" if when else None
    assert (found.message if found else None) == (
        f"Have your knee seen promptly: {expected}. {RED_FLAG_RULE}" if expected else None
    )


def test_the_latest_red_flag_is_described_and_the_others_counted() -> None:
    scores = [
        score(D(2026, 11, 13), 8),
        score(D(2026, 11, 16), 3, flags=[Flag.GIVING_WAY], knee=Knee.RIGHT),
        score(D(2026, 11, 17), 7),
    ]
    found = red_flag(scores, WEDNESDAY)
    assert found is not None
    assert found.message == (
        "Have your knee seen promptly: a score of 3/10 with giving way for the right knee "
        f"on Mon 2026-11-16 (2 such scores in the last 7 days). {RED_FLAG_RULE}"
    )


@pytest.mark.parametrize(
    ("day", "hour", "minute", "in_window"),
    [
        (D(2026, 11, 12), 23, 30, True),  # 10:30 UTC the same day
        (D(2026, 11, 12), 8, 0, True),  # 19:00 UTC the day before, out of the window in UTC
        (D(2026, 11, 11), 23, 30, False),
    ],
)
def test_red_flag_window_uses_the_local_day_in_auckland(
    day: dt.date, hour: int, minute: int, in_window: bool
) -> None:
    entry = score(day, 8, hour=hour, minute=minute, zone="Pacific/Auckland")
    assert (red_flag([entry], WEDNESDAY) is not None) is in_window


def test_red_flag_window_across_the_new_york_autumn_change() -> None:
    # Saturday 31 October 21:00 EDT is 1 November in UTC, the first day of the window
    # ending Saturday 7 November; by the runner's own day it is 8 days ago.
    entry = score(D(2026, 10, 31), 8, hour=21, zone="America/New_York")
    assert entry.logged_at.date() == D(2026, 11, 1)
    assert red_flag([entry], D(2026, 11, 7)) is None
    assert red_flag([entry], D(2026, 11, 6)) is not None


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (
            [
                score(D(2026, 11, 17), 3, context=AFTER_RUN),
                score(WEDNESDAY, 4, hour=7, context=MORNING),
            ],
            "Your knees were sorer this morning (4) than after yesterday's run (3)",
        ),
        (
            [
                score(D(2026, 11, 17), 3, context=AFTER_RUN),
                score(WEDNESDAY, 3, hour=7, context=MORNING),
            ],
            None,
        ),
        (
            [score(D(2026, 11, 17), 3), score(WEDNESDAY, 5, hour=7, context=MORNING)],
            "Your knees were sorer this morning (5) than yesterday (3)",
        ),
        (
            [
                score(D(2026, 11, 16), 2, context=AFTER_RUN),
                score(D(2026, 11, 17), 4, hour=7, context=MORNING),
            ],
            "Your knees were sorer yesterday morning (4) than after the run the day before (2)",
        ),
        # Two days ago is too old to say anything about now.
        (
            [
                score(D(2026, 11, 15), 2, context=AFTER_RUN),
                score(D(2026, 11, 16), 6, hour=7, context=MORNING),
            ],
            None,
        ),
        # The latest scores decide: the evening went up to 5, then the morning was 4.
        (
            [
                score(D(2026, 11, 17), 2, hour=18, context=AFTER_RUN),
                score(D(2026, 11, 17), 5, hour=21, context=AFTER_RUN),
                score(WEDNESDAY, 6, hour=6, context=MORNING),
                score(WEDNESDAY, 4, hour=8, context=MORNING),
            ],
            None,
        ),
        ([score(WEDNESDAY, 6, hour=7, context=MORNING)], None),  # nothing the day before
    ],
)
def test_soreness_should_settle_by_the_next_morning(
    scores: list[SorenessEntry], expected: str | None
) -> None:
    found = not_settled(scores, WEDNESDAY)
    tail = ": soreness should settle by the next morning; take the next run easier."
    assert found == (None if expected is None else Advice(AdviceKind.CHECK_IN, expected + tail))


def test_settling_uses_the_local_day_in_auckland() -> None:
    # The after-run score at 23:30 and the morning score at 07:00 (18:00 UTC the day
    # before) are on consecutive local days although both fall on one UTC day.
    zone = "Pacific/Auckland"
    evening = score(D(2026, 11, 17), 3, hour=23, minute=30, zone=zone, context=AFTER_RUN)
    morning = score(WEDNESDAY, 5, hour=7, zone=zone, context=MORNING)
    assert evening.logged_at.date() == morning.logged_at.date() == D(2026, 11, 17)
    found = not_settled([evening, morning], WEDNESDAY)
    assert found is not None
    assert found.message.startswith("Your knees were sorer this morning (5) than after yesterday's")


TUESDAY = D(2026, 11, 17)


@pytest.mark.parametrize(
    ("sessions", "scores", "dismissed_on", "expected"),
    [
        ([session(TUESDAY)], [], None, True),
        ([], [score(TUESDAY, 2, context=AFTER_RUN)], None, True),
        ([], [score(TUESDAY, 2, context=Context.OTHER)], None, False),
        ([session(TUESDAY, status=SessionStatus.STOPPED)], [], None, False),
        ([session(D(2026, 11, 16))], [score(D(2026, 11, 16), 2, context=AFTER_RUN)], None, False),
        ([session(TUESDAY)], [score(WEDNESDAY, 1, hour=7, context=MORNING)], None, False),
        ([session(TUESDAY)], [score(TUESDAY, 1, hour=7, context=MORNING)], None, True),
        ([session(TUESDAY)], [], WEDNESDAY, False),
        ([session(TUESDAY)], [], TUESDAY, True),
    ],
)
def test_needs_check_in(
    sessions: list[Session],
    scores: list[SorenessEntry],
    dismissed_on: dt.date | None,
    expected: bool,
) -> None:
    assert needs_check_in(sessions, scores, WEDNESDAY, dismissed_on) is expected


@pytest.mark.parametrize("checked_in", [False, True])
def test_advise_lists_both_check_ins_unless_checked_in(routine: Routine, checked_in: bool) -> None:
    scores = [
        score(D(2026, 11, 16), 2, context=AFTER_RUN),
        score(TUESDAY, 4, hour=7, context=MORNING),
    ]
    found = advise(routine, MWF, [session(TUESDAY)], scores, [], WEDNESDAY, checked_in=checked_in)
    assert [a.kind for a in found] == [AdviceKind.CHECK_IN] * (1 if checked_in else 2)
    assert found[0].message.startswith("Your knees were sorer yesterday morning (4)")
    assert found[1:] == ([] if checked_in else [Advice(AdviceKind.CHECK_IN, CHECK_IN_PROMPT)])


def test_advise_orders_every_kind_by_importance(routine: Routine) -> None:
    # Three weeks of Mon/Wed/Fri leg raises at 5 s, then calf raises at 25 s on the
    # Sunday, a 6 after it, and a sorer, swollen Monday morning.
    today = D(2026, 11, 16)
    sessions = [session(s.local_day, holds={"leg-raise": 5}) for s in routine_weeks(3, 3, 3)] + [
        session(DAY_21, hour=10, holds={"calf-raise": 25})
    ]
    levels = [LevelChange("calf-raise", 25, dt.datetime(2026, 10, 1, tzinfo=dt.UTC))]
    scores = [
        score(START + dt.timedelta(days=1), 4),
        score(DAY_21, 6, hour=12, context=AFTER_RUN),
        score(today, 7, hour=7, context=MORNING, flags=[Flag.SWELLING]),
    ]
    assert advise(routine, MWF, sessions, scores, levels, today) == [
        Advice(
            AdviceKind.RED_FLAG,
            f"Have your knee seen promptly: a score of 7/10 with swelling for both knees today. "
            f"{RED_FLAG_RULE}",
        ),
        Advice(
            AdviceKind.SEE_PHYSICAL_THERAPIST,
            "3 weeks of the routine, 10 sessions; last 7 days average 6.5, first week 4.0: "
            "no meaningful improvement. Consider seeing a physical therapist.",
        ),
        Advice(
            AdviceKind.STEP_BACK,
            "Calf Raises: step back from 25 s to 20 s holds (a score of 6 was logged 1 h 40 min "
            "after the session on 2026-11-15; 6 or more is too much).",
        ),
        Advice(
            AdviceKind.PROGRESS,
            "Leg Raises: step up from 5 s to 10 s holds (3 completed sessions at 5 s with no "
            "score above 5 and no rise in next-morning soreness).",
        ),
        Advice(
            AdviceKind.CHECK_IN,
            "Your knees were sorer this morning (7) than after yesterday's run (6): soreness "
            "should settle by the next morning; take the next run easier.",
        ),
    ]


def test_no_data_no_advice_and_the_disclaimer(routine: Routine) -> None:
    assert advise(routine, MWF, [], [], [], WEDNESDAY) == []
    assert NOT_MEDICAL_ADVICE == (
        "Not medical advice: kneetui cannot examine your knee. If in doubt, see a physical "
        "therapist or a doctor."
    )
    assert [k.value for k in AdviceKind] == [
        "see-physical-therapist",
        "red-flag",
        "progress",
        "step-back",
        "check-in",
    ]
