"""Realistic pieces of history for the rule tests: whole sessions of the shipped
routine (every hold of every exercise, as the timer records them) and scores at a
local time, both dated the way the store keeps them."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence

from kneetui.domain.coaching import Coaching, coach
from kneetui.domain.models import (
    Acknowledgement,
    Context,
    Flag,
    Knee,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
    SorenessEntry,
)
from kneetui.domain.routine import Routine, Sides
from kneetui.routine_file import load_routine

D = dt.date
MWF = ("mon", "wed", "fri")
ROUTINE = load_routine()
MORNING = Context.NEXT_MORNING
AFTER_RUN = Context.AFTER_RUN
OTHER = Context.OTHER
LEFT, RIGHT, BOTH = Knee.LEFT, Knee.RIGHT, Knee.BOTH


def _id(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, seed))


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A moment on `day` in UTC, the zone the rule tests run in."""
    return dt.datetime.combine(day, dt.time(hour, minute), dt.UTC)


def session(
    day: dt.date,
    *,
    hour: int = 7,
    holds: Mapping[str, int] | None = None,
    held: float = 1.0,
    done: float = 1.0,
    only: Sequence[str] | None = None,
    status: SessionStatus = SessionStatus.COMPLETED,
    routine: Routine = ROUTINE,
    seed: str = "",
) -> Session:
    """A session started at `hour` on `day`: every planned hold of each exercise
    (of `only`, if given) at its `holds` target (default the first step), each held
    for `held` of the target, the first `done` share of them recorded."""
    start = at(day, hour)
    reps = []
    for exercise in routine.exercises:
        if only is not None and exercise.id not in only:
            continue
        target = (holds or {}).get(exercise.id, exercise.hold_ladder[0])
        sides = (Side.LEFT, Side.RIGHT) if exercise.sides is Sides.ALTERNATE else (Side.BOTH,)
        planned = [(n, side) for n in range(1, exercise.reps + 1) for side in sides]
        for n, side in planned[: round(len(planned) * done)]:
            reps.append(Rep(exercise.id, side, n, target, target * held, start))
    return Session(
        _id(f"session {day} {hour} {seed}"),
        start,
        day,
        status,
        start + dt.timedelta(minutes=15),
        tuple(reps),
    )


def score(
    day: dt.date,
    value: int,
    *,
    hour: int = 18,
    minute: int = 0,
    knee: Knee = BOTH,
    context: Context = OTHER,
    flags: Iterable[Flag] = (),
) -> SorenessEntry:
    return SorenessEntry(
        _id(f"score {day} {hour}:{minute} {value} {knee} {context}"),
        at(day, hour, minute),
        day,
        value,
        knee,
        context,
        flags=tuple(flags),
    )


def morning(day: dt.date, value: int, knee: Knee = BOTH) -> SorenessEntry:
    return score(day, value, hour=7, knee=knee, context=MORNING)


def level(exercise: str, hold_s: int, day: dt.date, hour: int = 6) -> LevelChange:
    return LevelChange(exercise, hold_s, at(day, hour))


def ack(day: dt.date, hour: int = 20) -> Acknowledgement:
    return Acknowledgement(_id(f"ack {day} {hour}"), at(day, hour), day)


def mwf(first: dt.date, weeks: int) -> list[dt.date]:
    """Mondays, Wednesdays and Fridays of `weeks` weeks from the Monday `first`."""
    return [first + dt.timedelta(days=7 * w + d) for w in range(weeks) for d in (0, 2, 4)]


def run(
    sessions: Sequence[Session],
    scores: Sequence[SorenessEntry],
    today: dt.date,
    *,
    levels: Sequence[LevelChange] = (),
    acks: Sequence[Acknowledgement] = (),
    schedule: Sequence[str] = MWF,
    dismissed: dt.date | None = None,
) -> Coaching:
    return coach(
        ROUTINE,
        schedule,
        sessions,
        scores,
        levels,
        today,
        acknowledgements=acks,
        check_in_dismissed_on=dismissed,
    )


def rules(coaching: Coaching) -> list[tuple[str, str | None]]:
    """The advice as (rule, exercise), in rank order."""
    return [(a.rule, a.exercise) for a in coaching.advice]
