"""What the dashboard says about today: the plan, what is done, and the soreness
figures under the chart. Computed from plain data so it can be tested without an
app or a database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from kneetui.domain.models import Knee, Session, SorenessEntry
from kneetui.domain.routine import WEEKDAYS, Exercise, Routine
from kneetui.domain.text import plural as plural  # one helper for every count; re-exported
from kneetui.domain.weekdays import next_routine_day as next_routine_day  # re-exported

if TYPE_CHECKING:
    from kneetui.domain.soreness import Band

WEEK_DAYS = 7


class ExercisePlan(NamedTuple):
    exercise: Exercise
    hold_s: int
    # Holds recorded today, both legs counted, up to the plan: a second session
    # shows as an extra session (TodayPlan.extra_sessions), never as 28/20.
    done_reps: int

    @property
    def planned_reps(self) -> int:
        return self.exercise.planned_holds


class TodayPlan(NamedTuple):
    day: dt.date
    routine_day: bool
    next_routine_day: dt.date | None
    exercises: tuple[ExercisePlan, ...]
    get_ready_s: int
    # Sessions with reps begun today after the whole routine was already done.
    extra_sessions: int = 0
    change_over_s: int = 15  # each change-over's count-down (the setting)

    @property
    def planned_seconds(self) -> int:
        holds = sum(p.exercise.planned_seconds(p.hold_s, self.get_ready_s) for p in self.exercises)
        changes = sum(1 for p in self.exercises[1:] if p.exercise.change_over)
        return holds + changes * self.change_over_s

    @property
    def done_reps(self) -> int:
        return sum(p.done_reps for p in self.exercises)


def plan_today(
    routine: Routine,
    holds: Mapping[str, int],
    schedule: Sequence[str],
    day: dt.date,
    sessions: Iterable[Session],
    change_over_s: int = 15,
) -> TodayPlan:
    """Today's plan; `sessions` may include other days, only `day`'s reps count.
    A session counts as extra when it began with every exercise of the day done."""
    planned = {e.id: e.planned_holds for e in routine.exercises}
    done: dict[str, int] = {}
    extra = 0
    for session in sorted((s for s in sessions if s.local_day == day), key=lambda s: s.started_at):
        if session.reps and all(done.get(e, 0) >= n for e, n in planned.items()):
            extra += 1
        for rep in session.reps:
            done[rep.exercise] = done.get(rep.exercise, 0) + 1
    return TodayPlan(
        day=day,
        routine_day=WEEKDAYS[day.weekday()] in schedule,
        next_routine_day=next_routine_day(day, schedule),
        exercises=tuple(
            ExercisePlan(e, e.hold_step(holds.get(e.id)), min(done.get(e.id, 0), planned[e.id]))
            for e in routine.exercises
        ),
        get_ready_s=routine.get_ready_s,
        extra_sessions=extra,
        change_over_s=change_over_s,
    )


class SorenessSummary(NamedTuple):
    last: SorenessEntry | None
    # The worse knee's mean of its day scores over the last 7 days, today included
    # (the coaching's figure), and that knee (BOTH when the knees agree).
    week_mean: float | None
    knee: Knee = Knee.BOTH

    @property
    def week_band(self) -> Band | None:
        # Imported here: today's plan is read before the first paint, this is not.
        from kneetui.domain.soreness import band

        return None if self.week_mean is None else band(self.week_mean)


def summarize(
    week: Sequence[SorenessEntry], last: SorenessEntry | None, today: dt.date
) -> SorenessSummary:
    """`week` holds (at least) the scores of the last 7 days."""
    from kneetui.domain.knees import knee_pair

    means = knee_pair(week, today)
    return SorenessSummary(last, means.highest, means.worse)
