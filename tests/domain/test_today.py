"""Today's plan: counts stop at the target, and a session begun once the day's
routine was done shows as an extra session (issue 15, item 7)."""

from __future__ import annotations

import datetime as dt

from kneetui.domain.models import SessionStatus
from kneetui.domain.routine import Routine
from kneetui.domain.today import plan_today, plural
from tests.domain.builders import session

DAY = dt.date(2026, 11, 18)  # a Wednesday
MWF = ("mon", "wed", "fri")


def counts(routine: Routine, *sessions: object) -> tuple[list[int], int]:
    plan = plan_today(routine, {}, MWF, DAY, sessions)  # type: ignore[arg-type]
    return [p.done_reps for p in plan.exercises], plan.extra_sessions


def test_a_second_whole_session_is_an_extra_session_not_double_counts(routine: Routine) -> None:
    assert counts(routine, session(DAY, hour=7), session(DAY, hour=18)) == ([20, 20, 10], 1)
    three = (session(DAY, hour=h, seed=str(h)) for h in (7, 12, 18))
    assert counts(routine, *three) == ([20, 20, 10], 2)


def test_a_session_that_finishes_a_partial_one_is_not_extra(routine: Routine) -> None:
    partial = session(DAY, hour=7, done=0.5, status=SessionStatus.STOPPED)
    assert counts(routine, partial) == ([10, 10, 5], 0)
    assert counts(routine, session(DAY, hour=18), partial) == ([20, 20, 10], 0)


def test_an_empty_or_other_day_session_is_not_extra(routine: Routine) -> None:
    empty = session(DAY, hour=18, done=0.0, status=SessionStatus.STOPPED)
    yesterday = session(DAY - dt.timedelta(days=1), hour=7)
    assert counts(routine, session(DAY, hour=7), empty, yesterday) == ([20, 20, 10], 0)


def test_planned_seconds_include_the_change_overs(routine: Routine) -> None:
    plan = plan_today(routine, {}, MWF, DAY, (), change_over_s=40)
    assert plan.planned_seconds == 568 + 2 * 40
    assert plan_today(routine, {}, MWF, DAY, ()).planned_seconds == 568 + 2 * 15


def test_plural() -> None:
    assert [plural(n, "rep") for n in (0, 1, 2)] == ["0 reps", "1 rep", "2 reps"]
