"""Hold progression on both sides of every threshold: 2 against 3 sessions, a score
of 5 against 6, next-morning soreness rising or not, a step back 23 against 25 hours
after a session (also across daylight-saving changes), and a level change clearing
a step back."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.models import Context, LevelChange, Session, SessionStatus, SorenessEntry
from kneetui.domain.progression import (
    MAX_SCORE_FOR_PROGRESS,
    SESSIONS_BEFORE_PROGRESS,
    STEP_BACK_SCORE,
    STEP_BACK_WINDOW,
    Suggestion,
    SuggestionKind,
    current_holds,
    current_since,
    suggest,
)
from kneetui.domain.routine import Routine
from tests.domain.test_adherence import local, score, session

D = dt.date
MON, TUE, WED, THU, FRI, SAT, SUN = (D(2026, 11, 2) + dt.timedelta(days=i) for i in range(7))
EARLIER = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

PROGRESS_REASON = (
    "3 completed sessions at 5 s with no score above 5 and no rise in next-morning soreness"
)
LEG_UP = Suggestion("leg-raise", SuggestionKind.PROGRESS, 5, 10, PROGRESS_REASON)


def level(exercise: str, hold_s: int, at: dt.datetime = EARLIER) -> LevelChange:
    return LevelChange(exercise, hold_s, at)


def legs(*days: dt.date, hold_s: int = 5) -> list[Session]:
    return [session(day, holds={"leg-raise": hold_s}) for day in days]


def test_the_thresholds_are_the_documented_ones() -> None:
    assert (SESSIONS_BEFORE_PROGRESS, MAX_SCORE_FOR_PROGRESS, STEP_BACK_SCORE) == (3, 5, 6)
    assert dt.timedelta(hours=24) == STEP_BACK_WINDOW


def test_current_holds_take_the_latest_level_on_the_ladder(routine: Routine) -> None:
    assert current_holds(routine, []) == {"leg-raise": 5, "hamstring-curl": 5, "calf-raise": 20}
    later = EARLIER + dt.timedelta(days=3)
    levels = [
        level("leg-raise", 10, later),
        level("leg-raise", 15),  # older, though listed after
        level("calf-raise", 99, later),  # off the ladder: back to the first step
        level("hamstring-curl", 10),
    ]
    assert current_holds(routine, levels) == {
        "leg-raise": 10,
        "hamstring-curl": 10,
        "calf-raise": 20,
    }
    assert current_since(levels, "leg-raise") == later
    assert current_since(levels, "hamstring-curl") == EARLIER
    assert current_since(levels, "no-such-exercise") is None


@pytest.mark.parametrize(
    ("days", "expected"),
    [([MON, WED], []), ([MON, WED, FRI], [LEG_UP]), ([MON, MON, WED], [])],
)
def test_three_session_days_at_the_step_before_a_step_up(
    routine: Routine, days: list[dt.date], expected: list[Suggestion]
) -> None:
    assert suggest(routine, [], legs(*days), []) == expected


def test_stopped_sessions_do_not_count(routine: Routine) -> None:
    sessions = legs(MON, WED)
    sessions.append(session(FRI, holds={"leg-raise": 5}, status=SessionStatus.STOPPED))
    assert suggest(routine, [], sessions, []) == []


@pytest.mark.parametrize(
    ("day", "value", "expected"),
    [
        (MON, 5, [LEG_UP]),
        (MON, 6, []),  # on a session day
        (TUE, 6, []),  # the day after one
        (SAT, 6, []),  # the day after the last one
        (SUN, 6, [LEG_UP]),  # two days after: not watched
        (D(2026, 11, 1), 10, [LEG_UP]),  # the day before the first one
    ],
)
def test_no_score_above_5_on_the_session_days_or_the_day_after(
    routine: Routine, day: dt.date, value: int, expected: list[Suggestion]
) -> None:
    scores = [score(day, value, hour=21)]
    assert suggest(routine, [], legs(MON, WED, FRI), scores) == expected


@pytest.mark.parametrize(
    ("mornings", "expected"),
    [
        ({TUE: 2, THU: 2, SAT: 3}, []),  # rising
        ({TUE: 3, THU: 2, SAT: 3}, [LEG_UP]),  # back where it started: no rise
        ({TUE: 2, THU: 3, SAT: 2}, [LEG_UP]),
        ({TUE: 4, SAT: 2}, [LEG_UP]),
        ({THU: 5}, [LEG_UP]),
        ({}, [LEG_UP]),  # none recorded counts as no rise
        ({TUE: 1, SUN: 5}, [LEG_UP]),  # Sunday is not the morning after a session
    ],
)
def test_next_morning_soreness_must_not_rise(
    routine: Routine, mornings: dict[dt.date, int], expected: list[Suggestion]
) -> None:
    scores = [score(day, v, hour=7, context=Context.NEXT_MORNING) for day, v in mornings.items()]
    assert suggest(routine, [], legs(MON, WED, FRI), scores) == expected


def test_only_the_latest_three_session_days_decide(routine: Routine) -> None:
    # A bad day in an earlier week that the runner has since trained through.
    earlier = legs(MON - dt.timedelta(days=7))
    bad = [score(MON - dt.timedelta(days=7), 7, hour=21)]
    assert suggest(routine, [], earlier + legs(MON, WED, FRI), bad) == [LEG_UP]


def test_no_step_up_from_the_last_step(routine: Routine) -> None:
    levels = [level("leg-raise", 15), level("hamstring-curl", 10)]
    sessions = [
        session(day, holds={"leg-raise": 15, "hamstring-curl": 10}) for day in (MON, WED, FRI)
    ]
    assert suggest(routine, levels, sessions, []) == []


@pytest.mark.parametrize(
    ("holds", "changed_on", "expected_count"),
    [
        ([5, 10, 10], WED, 2),  # Monday was at the old step
        ([10, 10, 10], WED, 2),  # Monday was before the level change
        ([10, 10, 10], MON, 3),
    ],
)
def test_sessions_count_at_the_current_step_since_it_was_set(
    routine: Routine, holds: list[int], changed_on: dt.date, expected_count: int
) -> None:
    levels = [level("leg-raise", 10, local(changed_on, 6))]
    sessions = [
        session(d, holds={"leg-raise": h}) for d, h in zip((MON, WED, FRI), holds, strict=True)
    ]
    reason = PROGRESS_REASON.replace("at 5 s", "at 10 s")
    up = Suggestion("leg-raise", SuggestionKind.PROGRESS, 10, 15, reason)
    assert suggest(routine, levels, sessions, []) == ([up] if expected_count == 3 else [])


def step_back(hours: str, day: dt.date = FRI, value: int = 6) -> Suggestion:
    reason = (
        f"a score of {value} was logged {hours} after the session on {day.isoformat()}; "
        "6 or more is too much"
    )
    return Suggestion("leg-raise", SuggestionKind.STEP_BACK, 10, 5, reason)


# Friday's session runs 07:00–07:20 UTC.
@pytest.mark.parametrize(
    ("value", "after", "expected"),
    [
        (6, dt.timedelta(hours=23), [step_back("23 h")]),
        (5, dt.timedelta(hours=23), []),
        (9, dt.timedelta(minutes=5), [step_back("5 min", value=9)]),
        (6, dt.timedelta(hours=24), [step_back("24 h")]),
        (6, dt.timedelta(hours=25), []),
        (6, dt.timedelta(minutes=-1), []),  # before the session ended
    ],
)
def test_step_back_after_a_6_within_24_hours(
    routine: Routine, value: int, after: dt.timedelta, expected: list[Suggestion]
) -> None:
    sessions = legs(MON, FRI, hold_s=10)
    high = _at(score(FRI, value), local(FRI, 7, 20) + after)
    assert suggest(routine, [level("leg-raise", 10)], sessions, [high]) == expected


def _at(entry: SorenessEntry, moment: dt.datetime) -> SorenessEntry:
    return SorenessEntry(entry.uuid, moment, moment.date(), entry.score, context=entry.context)


def test_no_step_back_from_the_first_step(routine: Routine) -> None:
    assert suggest(routine, [], legs(FRI), [score(FRI, 8, hour=9)]) == []


def test_only_the_latest_session_with_the_exercise_is_watched(routine: Routine) -> None:
    sessions = [*legs(MON, hold_s=10), session(WED, holds={"calf-raise": 20})]
    scores = [score(TUE, 7, hour=6)]
    levels = [level("leg-raise", 10)]
    assert suggest(routine, levels, sessions, scores) == [
        step_back("22 h 40 min", day=MON, value=7)
    ]
    later = [*sessions, *legs(TUE, hold_s=10)]
    assert suggest(routine, levels, later, scores) == []


@pytest.mark.parametrize(
    ("minutes_after_score", "expected"),
    [(1, []), (-1, [step_back("11 h 40 min")])],
)
def test_a_level_change_after_the_score_clears_the_step_back(
    routine: Routine, minutes_after_score: int, expected: list[Suggestion]
) -> None:
    high = score(FRI, 6, hour=19)
    changed = high.logged_at + dt.timedelta(minutes=minutes_after_score)
    levels = [level("leg-raise", 10), level("leg-raise", 10, changed)]
    assert suggest(routine, levels, legs(FRI, hold_s=10), [high]) == expected


# Each session runs 19:40–20:00 local time on the Saturday before the change.
@pytest.mark.parametrize(
    ("zone", "day", "logged", "expected"),
    [
        # Spring forward: the same wall-clock time a day later is only 23 hours on.
        ("Europe/Berlin", D(2026, 3, 28), (D(2026, 3, 29), 20, 0), "23 h"),
        ("Europe/Berlin", D(2026, 3, 28), (D(2026, 3, 29), 21, 30), None),
        # Fall back: 23.5 wall-clock hours on is 24.5 real hours, outside the window.
        ("America/New_York", D(2026, 10, 31), (D(2026, 11, 1), 19, 30), None),
        ("America/New_York", D(2026, 10, 31), (D(2026, 11, 1), 18, 30), "23 h 30 min"),
    ],
)
def test_the_step_back_window_is_real_time_across_daylight_saving(
    routine: Routine,
    zone: str,
    day: dt.date,
    logged: tuple[dt.date, int, int],
    expected: str | None,
) -> None:
    done = session(day, hour=19, minute=40, zone=zone, holds={"leg-raise": 10})
    high = score(logged[0], 7, hour=logged[1], minute=logged[2], zone=zone)
    found = suggest(routine, [level("leg-raise", 10)], [done], [high])
    assert found == ([] if expected is None else [step_back(expected, day=day, value=7)])
