"""The edges a mutation pass found untested: each test fails if a comparison in the
rules is turned (>= into >, == into !=) or a number moved by one."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.adherence import (
    Adherence,
    adherence,
    adherence_words,
    counts,
    full_weeks,
    plural,
    strip,
    weekly_means,
)
from kneetui.domain.models import Flag, LevelChange, SessionMark, SessionStatus
from kneetui.domain.progression import current_holds
from kneetui.domain.red_flags import standing
from kneetui.domain.settling import judge_morning, morning_words
from kneetui.domain.therapist import Change, assess, change_of, meaningful_improvement
from tests.domain.builders import (
    AFTER_RUN,
    LEFT,
    MWF,
    RIGHT,
    ROUTINE,
    D,
    ack,
    at,
    level,
    morning,
    rules,
    run,
    score,
    session,
)

TODAY = D(2026, 11, 18)  # a Wednesday
DAY = dt.timedelta(days=1)


# Change words and the meaningful improvement ------------------------------------


def test_a_rise_of_a_hundredth_is_a_rise() -> None:
    assert change_of(3.0, 3.005) is Change.WORSE


@pytest.mark.parametrize(
    ("baseline", "recent", "meaningful"),
    [(10.0, 8.005, False), (6.0, 4.21, False), (6.0, 4.2, True)],
)
def test_the_improvement_thresholds_have_no_slack(
    baseline: float, recent: float, meaningful: bool
) -> None:
    assert meaningful_improvement(baseline, recent) is meaningful


# The physical-therapist figures ------------------------------------------------------


def test_before_the_first_session_the_routine_has_no_days() -> None:
    a = assess(set(), 0, [score(TODAY, 4)], MWF, TODAY)
    assert (a.start, a.routine_days, a.sessions, a.low_adherence) == (None, 0, 0, False)


def test_a_session_today_starts_the_routine_today() -> None:
    a = run([session(TODAY)], [], TODAY)
    assert (a.assessment.start, a.assessment.routine_days, a.assessment.sessions) == (
        TODAY,
        1,
        1,
    )
    assert a.adherence.sessions_this_week == 1 and a.adherence.days_since_last_session == 0


@pytest.mark.parametrize(("on_target", "low"), [(0, True), (1, False)])
def test_low_adherence_from_one_full_week(on_target: int, low: bool) -> None:
    monday = D(2026, 11, 9)
    days = [monday + dt.timedelta(days=n) for n in (0, 2, 4)][: 1 + 2 * on_target]
    a = assess(set(days), len(days), [], MWF, D(2026, 11, 15))
    assert (a.full_weeks, a.low_adherence) == (1, low)


def test_a_routine_begun_on_a_tuesday_has_its_first_full_week_next_monday() -> None:
    tuesday = D(2026, 11, 3)
    assert full_weeks(tuesday, D(2026, 11, 15)) == [D(2026, 11, 9)]
    assert full_weeks(D(2026, 11, 2), D(2026, 11, 15)) == [D(2026, 11, 2), D(2026, 11, 9)]


# Adherence --------------------------------------------------------------------------


def test_a_session_of_one_hold_counts_when_that_is_half() -> None:
    day = D(2026, 11, 16)
    assert counts(SessionMark(day, SessionStatus.COMPLETED, 1), 2)
    assert not counts(SessionMark(day, SessionStatus.COMPLETED, 0), 0)


def test_no_schedule_no_streak_and_a_one_day_schedule_has_one() -> None:
    days = [D(2026, 11, 9) + dt.timedelta(days=n) for n in range(7)]
    assert adherence(days, (), TODAY).weeks_on_target_in_a_row == 0
    assert adherence([D(2026, 11, 10)], ("tue",), TODAY).weeks_on_target_in_a_row == 1


def test_a_strip_of_one_week_and_weekly_means_of_none() -> None:
    assert len(strip([TODAY], TODAY, weeks=1).weeks) == 1
    assert weekly_means([score(TODAY, 3)], TODAY, weeks=0) == []


@pytest.mark.parametrize(
    ("since", "words"),
    [
        (None, "no session yet"),
        (0, "last session today"),
        (1, "last session 1 day ago"),
        (2, "last session 2 days ago"),
    ],
)
def test_adherence_in_words(since: int | None, words: str) -> None:
    a = Adherence(1, 1, 1, since, None)
    assert adherence_words(a) == (f"This week 1 of 1 session · 1 week in a row on target · {words}")
    assert plural(1, "rep") == "1 rep" and plural(0, "rep") == "0 reps"


# Red flags and mornings --------------------------------------------------------------


def test_an_acknowledgement_covers_a_flag_logged_at_the_same_second() -> None:
    flagged = score(TODAY, 5, hour=20, flags=[Flag.LOCKING])
    assert standing([flagged], [ack(TODAY, hour=20)], TODAY) == []


def test_a_score_at_the_same_second_is_not_later() -> None:
    severe = score(TODAY, 9, hour=18)
    same_time = score(TODAY, 3, hour=18, knee=LEFT)
    assert standing([severe, same_time], [], TODAY)


def test_several_red_flags_are_counted_in_the_notice() -> None:
    flags = [score(TODAY - dt.timedelta(days=n), 6, flags=[Flag.SWELLING]) for n in (1, 0)]
    severe = [score(TODAY - dt.timedelta(days=n), 9, hour=21) for n in (1, 0)]
    advice = [a for a in run([], flags + severe, TODAY).advice if a.kind == "red-flag"]
    assert "(2 such scores not yet acknowledged)" in advice[0].message
    assert "(2 such scores not yet eased)" in advice[1].message
    one = [a for a in run([], flags[1:] + severe[1:], TODAY).advice if a.kind == "red-flag"]
    assert all("such scores" not in a.message for a in one) and len(one) == 2


def test_morning_words() -> None:
    assert morning_words(TODAY, TODAY) == "this morning"
    assert morning_words(TODAY - DAY, TODAY) == "yesterday morning"
    assert morning_words(TODAY - 2 * DAY, TODAY) == "on the morning of 2026-11-16"


def test_an_unsettled_knee_is_worse_than_a_higher_one_that_cannot_be_judged() -> None:
    entries = [
        score(TODAY - DAY, 2, knee=LEFT, context=AFTER_RUN),
        morning(TODAY, 3, knee=LEFT),  # 3 against 2: not settled
        morning(TODAY, 6, knee=RIGHT),  # no right-knee score yesterday: not judged
    ]
    verdict = judge_morning(entries, TODAY)
    assert verdict is not None and (verdict.knee, verdict.settled) == (LEFT, False)


# Progression ----------------------------------------------------------------------------


def test_of_two_level_changes_at_one_moment_the_later_row_wins() -> None:
    moment = at(TODAY)
    levels = [LevelChange("leg-raise", 10, moment), LevelChange("leg-raise", 15, moment)]
    assert current_holds(ROUTINE, levels)["leg-raise"] == 15


def test_a_step_back_is_one_rung_from_the_top() -> None:
    fifteen = {"leg-raise": 15}
    levels = [level("leg-raise", 15, TODAY - 3 * DAY)]
    coaching = run([session(TODAY, holds=fifteen)], [score(TODAY, 6)], TODAY, levels=levels)
    (leg,) = [s for s in coaching.suggestions if s.exercise == "leg-raise"]
    assert (leg.rule, leg.from_s, leg.to_s) == ("step-back-too-much", 15, 10)


def test_a_score_logged_as_the_session_starts_is_after_it() -> None:
    days = [D(2026, 11, 9), D(2026, 11, 11), D(2026, 11, 13)]
    sessions = [session(d, hour=18) for d in days]
    scores = [score(d, 2, hour=18) for d in days]
    assert {r for r, _ in rules(run(sessions, scores, D(2026, 11, 14)))} >= {"progress"}


def test_steps_back_then_holds_then_steps_up_whatever_the_routine_order() -> None:
    """Calf raises step back (a 6 after a session of calf raises alone), curls hold
    (holds cut short), leg raises step up: listed in that order, not the routine's."""
    start = D(2026, 11, 9)
    calf_day = session(start, only=["calf-raise"], seed="calf")
    firsts = [level(e, 5, start, hour=21) for e in ("leg-raise", "hamstring-curl")]
    later = [start + n * DAY for n in (1, 3, 5)]
    sessions = [calf_day]
    for day in later:
        whole = session(day, only=["leg-raise", "hamstring-curl"])
        reps = tuple(
            r._replace(held_s=2.0) if r.exercise == "hamstring-curl" else r for r in whole.reps
        )
        sessions.append(whole._replace(reps=reps))
    scores = [score(start, 6), *(score(d, 3) for d in later)]
    coaching = run(sessions, scores, start + 6 * DAY, levels=firsts)
    assert [(a.kind.value, a.exercise) for a in coaching.advice if a.exercise] == [
        ("step-back", "calf-raise"),
        ("hold", "hamstring-curl"),
        ("progress", "leg-raise"),
    ]


def test_a_rise_in_both_knees_alike_is_named_for_both() -> None:
    days = [D(2026, 11, 2) + n * DAY for n in range(14)]
    scores = [score(d, 2 if d < D(2026, 11, 9) else 3) for d in days]
    week1 = [D(2026, 11, 9), D(2026, 11, 11), D(2026, 11, 13)]
    coaching = run([session(d) for d in week1], scores, D(2026, 11, 15))
    hold = coaching.advice[0]
    assert hold.rule == "hold-weekly-rise" and hold.figures["knee"] == "both"
    assert "the 7-day average of both knees rose from 2.0 to 3.0" in hold.message
    # The knee that rose more is the one named.
    scores += [score(d, 5, hour=21, knee=RIGHT) for d in days[7:]]
    scores += [score(d, 2, hour=21, knee=RIGHT) for d in days[:7]]
    coaching = run([session(d) for d in week1], scores, D(2026, 11, 15))
    assert coaching.advice[0].figures["knee"] == "right"
