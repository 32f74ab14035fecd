"""Histories built to trigger each coaching rule, for the app and the command line.

Everything is dated relative to `today` (a Wednesday in the tests) and stored in
UTC at midday, so the local day is the same in any zone a test runs in.
"""

from __future__ import annotations

import datetime as dt
import uuid

from kneetui.domain.exchange import Bundle
from kneetui.domain.models import (
    Context,
    Flag,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
    SorenessEntry,
)
from kneetui.domain.routine import Routine, Sides


def _id(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, seed))


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


def session(routine: Routine, day: dt.date, holds: dict[str, int] | None = None) -> Session:
    """A completed session with every rep of the routine at `holds` (first steps)."""
    start = at(day, 7)
    reps = []
    for exercise in routine.exercises:
        hold = (holds or {}).get(exercise.id, exercise.hold_ladder[0])
        sides = (Side.LEFT, Side.RIGHT) if exercise.sides is Sides.ALTERNATE else (Side.BOTH,)
        for n in range(1, exercise.reps + 1):
            for side in sides:
                reps.append(Rep(exercise.id, side, n, hold, float(hold), start))
    return Session(
        _id(f"session {day}"),
        start,
        day,
        SessionStatus.COMPLETED,
        start + dt.timedelta(minutes=15),
        tuple(reps),
    )


def score(
    day: dt.date,
    value: int,
    *,
    hour: int = 18,
    context: Context = Context.AFTER_RUN,
    flags: tuple[Flag, ...] = (),
) -> SorenessEntry:
    return SorenessEntry(
        _id(f"score {day} {hour} {value} {context}"),
        at(day, hour),
        day,
        value,
        context=context,
        run_km=8.0 if context is Context.AFTER_RUN else None,
        flags=flags,
    )


def routine_days(today: dt.date, weeks: int) -> list[dt.date]:
    """Mon/Wed/Fri days of the last `weeks` weeks, before today."""
    first = today - dt.timedelta(weeks=weeks)
    days = [first + dt.timedelta(days=n) for n in range((today - first).days)]
    return [d for d in days if d.weekday() in (0, 2, 4)]


def physical_therapist(routine: Routine, today: dt.date) -> Bundle:
    """Four weeks of the routine on target, still sore: first week 4.5, last week 4."""
    days = routine_days(today, 4)
    start = days[0]
    scores = []
    for offset in range((today - start).days + 1):
        day = start + dt.timedelta(days=offset)
        if day.weekday() in (1, 3, 5):
            scores.append(score(day, 5 if day < start + dt.timedelta(days=7) else 4))
    return Bundle(
        soreness=tuple(scores), sessions=tuple(session(routine, d) for d in days), levels=()
    )


def red_flag(today: dt.date) -> Bundle:
    return Bundle(
        soreness=(score(today - dt.timedelta(days=1), 6, flags=(Flag.SWELLING,)),),
    )


def ready_to_progress(routine: Routine, today: dt.date) -> Bundle:
    """Three sessions at the first steps this week and last, scores of 3."""
    days = routine_days(today, 2)[-3:]
    return Bundle(
        soreness=tuple(score(d, 3) for d in days),
        sessions=tuple(session(routine, d) for d in days),
    )


def step_back(routine: Routine, today: dt.date) -> Bundle:
    """Leg raises at 10 s; yesterday's session was followed by a 7 that evening."""
    yesterday = today - dt.timedelta(days=1)
    level = LevelChange("leg-raise", 10, at(yesterday - dt.timedelta(days=10)))
    return Bundle(
        soreness=(score(yesterday, 7, hour=20),),
        sessions=(session(routine, yesterday, {"leg-raise": 10}),),
        levels=(level,),
    )


def needs_check_in(routine: Routine, today: dt.date) -> Bundle:
    """A run yesterday, nothing this morning yet."""
    return Bundle(soreness=(score(today - dt.timedelta(days=1), 3),))
