"""The coaching value gives the same answers from session marks (day, status and
holds done: what the app reads at start-up) as from full sessions with their reps."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.coaching import coach
from kneetui.domain.demo import demo_history
from kneetui.domain.models import SessionMark, SessionStatus, holds_done
from kneetui.domain.routine import Routine


@pytest.mark.parametrize("seed", [1, 7, 2026])
@pytest.mark.parametrize("weeks", [2, 4, 10])
def test_marks_and_full_sessions_give_the_same_coaching(
    routine: Routine, seed: int, weeks: int
) -> None:
    today = dt.date(2026, 11, 18)
    history = demo_history(routine, today, dt.UTC, weeks=weeks, seed=seed)
    # Some sessions stopped half-way: they must not count either way.
    sessions = [
        s._replace(status=SessionStatus.STOPPED) if n % 5 == 0 else s
        for n, s in enumerate(history.sessions)
    ]
    marks = [SessionMark(s.local_day, s.status, holds_done(s)) for s in sessions]
    args = (routine, routine.schedule)
    rest = (list(history.soreness), list(history.levels), today)
    full = coach(*args, sessions, *rest)
    light = coach(*args, marks, *rest, recent_sessions=sessions)
    assert light == full
    assert full.adherence.last_session_day is not None


def test_marks_alone_give_no_hold_suggestions(routine: Routine) -> None:
    # Suggestions need reps: from marks alone there are none, never made-up ones.
    today = dt.date(2026, 11, 18)
    history = demo_history(routine, today, dt.UTC, weeks=10, seed=3)
    marks = [SessionMark(s.local_day, s.status, holds_done(s)) for s in history.sessions]
    scores, levels = list(history.soreness), list(history.levels)
    assert coach(routine, routine.schedule, marks, scores, levels, today).suggestions == ()


def test_marks_without_holds_do_not_count(routine: Routine) -> None:
    """A mark says how many holds were done: one of a completed session with every
    exercise skipped keeps no week on target."""
    today = dt.date(2026, 11, 18)
    history = demo_history(routine, today, dt.UTC, weeks=4, seed=5)
    done = [SessionMark(s.local_day, s.status, holds_done(s)) for s in history.sessions]
    empty = [SessionMark(s.local_day, s.status, 0) for s in history.sessions]
    scores, levels = list(history.soreness), list(history.levels)
    full = coach(routine, routine.schedule, done, scores, levels, today)
    assert full.adherence.last_session_day is not None
    none = coach(routine, routine.schedule, empty, scores, levels, today)
    assert none.adherence.last_session_day is None and none.assessment.start is None
