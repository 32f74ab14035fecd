"""Each kind of advice, word for word and figure by figure.

The advice is what a runner reads and what `kneetui stats --json` hands on, so
its words and its `figures` (keys, values, rounding) are pinned here exactly,
each from a history a runner could have: a renamed key, a rounding changed or a
word dropped fails one of these (mutation testing found them unguarded).
Means are chosen with repeating decimals (4.333...) so the rounding shows.
"""

from __future__ import annotations

import datetime as dt

from kneetui.domain.advice import Advice, AdviceKind, check_in_advice, not_settled
from kneetui.domain.coaching import Coaching
from kneetui.domain.models import Flag, Knee, SorenessEntry
from tests.domain.builders import (
    AFTER_RUN,
    BOTH,
    LEFT,
    MORNING,
    RIGHT,
    D,
    level,
    morning,
    mwf,
    run,
    score,
    session,
)

MONDAY = D(2026, 10, 5)
_DAY = dt.timedelta(days=1)


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def the(coaching: Coaching, rule: str, exercise: str | None = None) -> Advice:
    """The one piece of advice given by `rule` (for `exercise`)."""
    found = [a for a in coaching.advice if a.rule == rule and a.exercise == exercise]
    assert len(found) == 1, [(a.rule, a.exercise) for a in coaching.advice]
    return found[0]


def three_a_day(
    first: int, days: int, values: tuple[int, int, int], knee: Knee = BOTH
) -> list[SorenessEntry]:
    """Three scores a day (morning, noon, evening, "other" context) from day `first`."""
    return [
        score(day(n), value, hour=hour, knee=knee)
        for n in range(first, first + days)
        for value, hour in zip(values, (8, 12, 20), strict=True)
    ]


def test_red_flags_a_symptom_and_two_severe_scores_not_eased() -> None:
    scores = [
        score(day(0), 2),
        score(day(1), 9, hour=21, knee=LEFT),
        score(day(2), 8, hour=19, knee=LEFT),
        score(day(2), 6, hour=21, knee=RIGHT, flags=[Flag.GIVING_WAY, Flag.CANNOT_BEAR_WEIGHT]),
    ]
    coaching = run([], scores, day(4))

    assert the(coaching, "red-flag-symptom") == Advice(
        AdviceKind.RED_FLAG,
        "Have your knee seen: giving way, not able to bear weight in the right knee on "
        "Wed 2026-10-07, with a score of 6/10. Swelling, locking, giving way or not being "
        "able to bear weight needs a doctor or a physical therapist to look at it; rest from "
        "running until then. Once it has been seen, acknowledge this notice (a in the app, "
        "`kneetui ack`).",
        "red-flag-symptom",
        {
            "score": 6,
            "knee": "right",
            "day": "2026-10-07",
            "flags": ["giving-way", "cannot-bear-weight"],
            "standing": 1,
        },
    )
    assert the(coaching, "red-flag-severe") == Advice(
        AdviceKind.RED_FLAG,
        "Severe pain: a score of 8/10 for the left knee on Wed 2026-10-07 (2 such scores not "
        "yet eased). Rest from running. It has not eased since: have the knee seen by a doctor "
        "or a physical therapist, then acknowledge this notice (a in the app, `kneetui ack`).",
        "red-flag-severe",
        {"score": 8, "knee": "left", "day": "2026-10-07", "flags": [], "standing": 2},
    )


def test_a_severe_score_for_both_knees_eased_for_one_stands_for_the_other() -> None:
    scores = [score(day(1), 9, hour=18), score(day(1), 3, hour=22, knee=LEFT)]

    assert the(run([], scores, day(4)), "red-flag-severe") == Advice(
        AdviceKind.RED_FLAG,
        "Severe pain: a score of 9/10 for the right knee on Tue 2026-10-06. Rest from running. "
        "It has not eased since: have the knee seen by a doctor or a physical therapist, then "
        "acknowledge this notice (a in the app, `kneetui ack`).",
        "red-flag-severe",
        {"score": 9, "knee": "right", "day": "2026-10-06", "flags": [], "standing": 1},
    )


def test_a_severe_score_today_and_yesterday_waits_to_ease() -> None:
    today = run([], [score(day(4), 10, hour=7)], day(4))
    yesterday = run([], [score(day(3), 8, hour=7)], day(4))

    assert the(today, "red-flag-severe") == Advice(
        AdviceKind.RED_FLAG,
        "Severe pain: a score of 10/10 for both knees today. Rest from running. If it has not "
        "eased by tomorrow (a score of 5 or less), have the knee seen by a doctor or a physical "
        "therapist.",
        "red-flag-severe",
        {"score": 10, "knee": "both", "day": "2026-10-09", "flags": [], "standing": 1},
    )
    assert the(yesterday, "red-flag-severe") == Advice(
        AdviceKind.RED_FLAG,
        "Severe pain: a score of 8/10 for both knees yesterday. Rest from running. If it has "
        "not eased by tonight (a score of 5 or less), have the knee seen by a doctor or a "
        "physical therapist.",
        "red-flag-severe",
        {"score": 8, "knee": "both", "day": "2026-10-08", "flags": [], "standing": 1},
    )


def test_see_a_physical_therapist_after_four_regular_weeks_no_better() -> None:
    """Both knees: 4.33 in the first week, 4.67 since, every session done."""
    sessions = [session(d) for d in mwf(MONDAY, 4)]
    scores = three_a_day(0, 7, (4, 4, 5)) + three_a_day(7, 21, (4, 5, 5))
    coaching = run(sessions, scores, day(27))

    assert the(coaching, "see-physical-therapist") == Advice(
        AdviceKind.SEE_PHYSICAL_THERAPIST,
        "4 weeks of the routine, 12 sessions, and the last 7 days still average 4.7: sorer "
        "than in your first week: 4.3 → 4.7. Consider seeing a physical therapist.",
        "see-physical-therapist",
        {
            "knee": "both",
            "routine_days": 28,
            "baseline_mean": 4.33,
            "last_7_days_mean": 4.67,
            "change_points": 0.33,
            "weeks_on_target": 4,
            "full_weeks": 4,
            "low_adherence": False,
        },
    )
    # Every exercise holds, and says why.
    assert the(coaching, "hold-notice", "leg-raise") == Advice(
        AdviceKind.HOLD,
        "Leg Raises: hold at 5 s (no step up while the physical-therapist notice stands).",
        "hold-notice",
        {"from_s": 5, "to_s": 5},
        "leg-raise",
    )


def test_see_a_physical_therapist_or_do_the_routine_regularly() -> None:
    """The left knee, sorer than its first week, on target one week of four."""
    days = [0, 2, 4, 9, 16, 23]
    sessions = [session(day(n)) for n in days]
    scores = (
        three_a_day(0, 7, (3, 4, 4), knee=LEFT)
        + three_a_day(7, 22, (4, 4, 5), knee=LEFT)
        + [score(day(n), 1, knee=RIGHT) for n in range(29)]
    )
    coaching = run(sessions, scores, day(28))

    assert the(coaching, "see-physical-therapist") == Advice(
        AdviceKind.SEE_PHYSICAL_THERAPIST,
        "Your left knee: 4 weeks of the routine, 6 sessions, and the last 7 days still average "
        "4.3: sorer than in your first week: 3.7 → 4.3. The routine was on target in 1 of 4 "
        "full weeks: do it regularly, or see a physical therapist.",
        "see-physical-therapist",
        {
            "knee": "left",
            "routine_days": 29,
            "baseline_mean": 3.67,
            "last_7_days_mean": 4.33,
            "change_points": 0.67,
            "weeks_on_target": 1,
            "full_weeks": 4,
            "low_adherence": True,
        },
    )


def test_step_back_after_a_score_of_too_much() -> None:
    """Leg raises at 10 s step back to 5 s; the others, at their shortest hold, ease off."""
    levels = [level("leg-raise", 10, day(-1))]
    sessions = [session(d, holds={"leg-raise": 10}) for d in mwf(MONDAY, 1)]
    coaching = run(sessions, [score(day(2), 7, hour=20, knee=LEFT)], day(5), levels=levels)
    figures = {"score": 7, "knee": "left", "day": "2026-10-07", "session_day": "2026-10-07"}
    why = (
        "a score of 7 for the left knee on Wed 2026-10-07, the day of the session; 6 or more "
        "is too much"
    )

    assert the(coaching, "step-back-too-much", "leg-raise") == Advice(
        AdviceKind.STEP_BACK,
        f"Leg Raises: step back from 10 s to 5 s holds ({why}).",
        "step-back-too-much",
        {"from_s": 10, "to_s": 5, **figures},
        "leg-raise",
    )
    assert the(coaching, "step-back-too-much", "calf-raise") == Advice(
        AdviceKind.STEP_BACK,
        "Calf Raises: ease off, already at the shortest hold (20 s): 5 reps instead of 10, or "
        f"a rest day before the next session ({why}).",
        "step-back-too-much",
        {"from_s": 20, "to_s": 20, **figures},
        "calf-raise",
    )


def test_step_back_after_a_gap() -> None:
    levels = [level("leg-raise", 10, day(-1))]
    sessions = [session(d, holds={"leg-raise": 10}) for d in mwf(MONDAY, 1)]
    coaching = run(sessions, [score(d, 2) for d in mwf(MONDAY, 1)], day(22), levels=levels)
    why = (
        "18 days without a session, the last on Fri 2026-10-09; strength fades after two "
        "weeks off, so start back a step lower"
    )
    figures = {"gap_days": 18, "last_session_day": "2026-10-09"}

    assert the(coaching, "step-back-gap", "leg-raise") == Advice(
        AdviceKind.STEP_BACK,
        f"Leg Raises: step back from 10 s to 5 s holds ({why}).",
        "step-back-gap",
        {"from_s": 10, "to_s": 5, **figures},
        "leg-raise",
    )
    assert the(coaching, "step-back-gap", "hamstring-curl") == Advice(
        AdviceKind.STEP_BACK,
        "Weighted Hamstring Curls: ease off, already at the shortest hold (5 s): 5 reps per "
        f"leg instead of 10 for the first sessions back ({why}).",
        "step-back-gap",
        {"from_s": 5, "to_s": 5, **figures},
        "hamstring-curl",
    )


def test_step_up_after_three_good_sessions() -> None:
    days = mwf(MONDAY, 1)
    scores = [score(d, 2) for d in days] + [morning(d + _DAY, 1) for d in days]
    coaching = run([session(d) for d in days], scores, day(5))

    assert the(coaching, "progress", "calf-raise") == Advice(
        AdviceKind.PROGRESS,
        "Calf Raises: step up from 20 s to 25 s holds (3 sessions at 20 s with 90% of holds "
        "full, every score after them 5 or less and settled by the next morning).",
        "progress",
        {"from_s": 20, "to_s": 25, "sessions": ["2026-10-05", "2026-10-07", "2026-10-09"]},
        "calf-raise",
    )


def test_hold_while_the_weekly_average_rises() -> None:
    """Both knees from 3.33 to 4.33; then the left knee, which rose more than the right."""
    sessions = [session(d) for d in mwf(MONDAY, 2)]
    both = run(sessions, three_a_day(0, 7, (3, 3, 4)) + three_a_day(7, 7, (4, 4, 5)), day(13))
    left = run(
        sessions,
        three_a_day(0, 7, (3, 3, 4), knee=LEFT)
        + three_a_day(7, 7, (4, 4, 5), knee=LEFT)
        + three_a_day(0, 7, (3, 3, 3), knee=RIGHT)
        + three_a_day(7, 7, (3, 4, 4), knee=RIGHT),  # a smaller rise
        day(13),
    )

    assert the(both, "hold-weekly-rise", "leg-raise") == Advice(
        AdviceKind.HOLD,
        "Leg Raises: hold at 5 s (the 7-day average of both knees rose from 3.3 to 4.3).",
        "hold-weekly-rise",
        {"from_s": 5, "to_s": 5, "knee": "both", "before": 3.33, "last_7_days": 4.33},
        "leg-raise",
    )
    # A rise that stays in the safe band (1 to 2) holds nothing back.
    safe = run(sessions, three_a_day(0, 7, (1, 1, 1)) + three_a_day(7, 7, (2, 2, 2)), day(13))
    assert "hold-weekly-rise" not in [a.rule for a in safe.advice]
    assert the(left, "hold-weekly-rise", "leg-raise").figures == {
        "from_s": 5,
        "to_s": 5,
        "knee": "left",
        "before": 3.33,
        "last_7_days": 4.33,
    }


def test_not_settled_the_next_morning() -> None:
    """5.33 in the morning against 3.33 the evening before: after a run (both knees),
    or after a day without one (the right knee)."""
    ran = [score(day(9), v, hour=h, context=AFTER_RUN) for v, h in ((3, 18), (3, 19), (4, 20))]
    other = [score(day(9), v, hour=h, knee=RIGHT) for v, h in ((3, 18), (3, 19), (4, 20))]
    mornings = [score(day(10), v, hour=h, context=MORNING) for v, h in ((5, 6), (5, 7), (6, 8))]
    right_mornings = [m._replace(knee=RIGHT) for m in mornings]
    tail = "soreness should settle by the next morning; take the next run easier."
    figures = {"day": "2026-10-15", "morning": 5.33, "day_before": 3.33}

    assert not_settled(ran + mornings, day(10)) == Advice(
        AdviceKind.CHECK_IN,
        f"Your knees had not settled this morning (5.3, against 3.3 after yesterday's run): {tail}",
        "check-in-not-settled",
        {"knee": "both", **figures},
    )
    assert not_settled(ran + mornings, day(11)) == Advice(
        AdviceKind.CHECK_IN,
        "Your knees had not settled yesterday morning (5.3, against 3.3 after the run the day "
        f"before): {tail}",
        "check-in-not-settled",
        {"knee": "both", **figures},
    )
    assert not_settled(other + right_mornings, day(10)) == Advice(
        AdviceKind.CHECK_IN,
        f"Your right knee had not settled this morning (5.3, against 3.3 yesterday): {tail}",
        "check-in-not-settled",
        {"knee": "right", **figures},
    )
    assert not_settled(other + right_mornings, day(11)) == Advice(
        AdviceKind.CHECK_IN,
        f"Your right knee had not settled yesterday morning (5.3, against 3.3 the day before): "
        f"{tail}",
        "check-in-not-settled",
        {"knee": "right", **figures},
    )


def test_the_morning_check_in_after_a_run_and_a_session() -> None:
    coaching = run([session(day(9))], [score(day(9), 2, context=AFTER_RUN)], day(10))

    assert the(coaching, "check-in-morning") == Advice(
        AdviceKind.CHECK_IN,
        "After yesterday's run and session: log how your knees feel this morning (soreness "
        "should settle by the next morning).",
        "check-in-morning",
        {},
    )
    assert check_in_advice("session").message.startswith("After yesterday's session: log")
