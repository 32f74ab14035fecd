"""A believable, deterministic history for `kneetui --demo`.

About ten weeks ending today: the routine three times a week with every rep,
holds that step up as the weeks pass, runs of 4 to 14 km with a soreness score
after each, drifting from about 5 down to about 2 with day-to-day noise, and
the odd next-morning check. The same seed and day always give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Mapping

from kneetui.domain.exchange import Bundle
from kneetui.domain.models import (
    Context,
    Knee,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
    SorenessEntry,
)
from kneetui.domain.routine import WEEKDAYS, Routine, Sides
from kneetui.domain.runs import Run, RunSource

DEMO_SEED = 2026
DEMO_WEEKS = 10
_RUN_DAYS = ("tue", "thu", "sat", "sun")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def demo_history(
    routine: Routine,
    today: dt.date,
    zone: dt.tzinfo,
    *,
    weeks: int = DEMO_WEEKS,
    seed: int = DEMO_SEED,
) -> Bundle:
    """The demo history; nothing is dated after today (today's session is left
    for the runner to do)."""
    rng = random.Random(seed)
    first = today - dt.timedelta(days=weeks * 7 - 1)
    total_days = (today - first).days
    steps = {e.id: 0 for e in routine.exercises}
    levels: list[LevelChange] = []
    sessions: list[Session] = []
    soreness: list[SorenessEntry] = []

    def at(day: dt.date, hour: int, minute: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), zone)

    for offset in range(total_days + 1):
        day = first + dt.timedelta(days=offset)
        progress = offset / max(1, total_days)
        weekday = WEEKDAYS[day.weekday()]
        # Every three weeks of the routine, each exercise may step up its hold.
        if offset and offset % 21 == 0:
            for exercise in routine.exercises:
                if steps[exercise.id] + 1 < len(exercise.hold_ladder) and rng.random() < 0.7:
                    steps[exercise.id] += 1
                    levels.append(
                        LevelChange(
                            exercise.id,
                            exercise.hold_ladder[steps[exercise.id]],
                            at(day, 6, 50).astimezone(dt.UTC),
                        )
                    )
        if weekday in routine.schedule and day != today:
            holds = {e.id: e.hold_ladder[steps[e.id]] for e in routine.exercises}
            sessions.append(completed_session(routine, holds, at(day, 7, 0), rng))
        if weekday in _RUN_DAYS and rng.random() < 0.9:
            km = round(rng.uniform(4, 14), 1)
            score = round(5 - 3 * progress + rng.gauss(0, 0.9) + (km - 9) / 8)
            soreness.append(
                SorenessEntry(
                    uuid=_uuid(rng),
                    logged_at=at(day, 19, rng.randrange(0, 50)).astimezone(dt.UTC),
                    local_day=day,
                    score=max(0, min(10, score)),
                    knee=rng.choice((Knee.BOTH, Knee.BOTH, Knee.LEFT)),
                    context=Context.AFTER_RUN,
                    run_km=km,
                    run_minutes=round(km * rng.uniform(5.2, 6.4), 1),
                    note=rng.choice(("", "", "", "hills", "easy pace", "track intervals")),
                )
            )
            next_day = day + dt.timedelta(days=1)
            if next_day <= today and rng.random() < 0.3:
                morning = max(0, min(10, score - 1 - rng.randrange(0, 2)))
                soreness.append(
                    SorenessEntry(
                        uuid=_uuid(rng),
                        logged_at=at(next_day, 7, 30).astimezone(dt.UTC),
                        local_day=next_day,
                        score=morning,
                        context=Context.NEXT_MORNING,
                    )
                )
    soreness.sort(key=lambda e: e.logged_at)
    return Bundle(
        soreness=tuple(soreness),
        sessions=tuple(sessions),
        levels=tuple(levels),
        settings={"schedule": list(routine.schedule)},
        runs=tuple(_run_before(e) for e in soreness if e.run_km is not None),
    )


# Demo runs take their uuids from their scores', so adding them draws nothing from
# the random generator and the rest of the demo stays as it was.
_DEMO_RUNS = uuid.UUID("0b7d3c52-8f3e-4f0e-a9a4-3d1f6c2e9b10")


def _run_before(score: SorenessEntry) -> Run:
    """The run an after-run score of the demo is about: it ended ten minutes
    before the score was logged, with the score's distance and time."""
    minutes = score.run_minutes or 0.0
    return Run(
        uuid=str(uuid.uuid5(_DEMO_RUNS, score.uuid)),
        started_at=score.logged_at - dt.timedelta(minutes=minutes + 10),
        local_day=score.local_day,
        distance_km=score.run_km or 0.0,
        elapsed_minutes=score.run_minutes,
        source=RunSource.MANUAL,
    )


def completed_session(
    routine: Routine,
    holds: Mapping[str, int],
    start: dt.datetime,
    rng: random.Random,
    *,
    short_hold_chance: float = 0.1,
) -> Session:
    """A completed session started at `start` with every rep of the routine at
    `holds`, timed as the guided session times them; a share of holds, drawn from
    `rng`, ends up to 2 s short, as real holds do."""
    clock = start + dt.timedelta(seconds=routine.get_ready_s)
    reps = []
    for exercise in routine.exercises:
        hold = holds[exercise.id]
        sides = (Side.LEFT, Side.RIGHT) if exercise.sides is Sides.ALTERNATE else (Side.BOTH,)
        for number in range(1, exercise.reps + 1):
            for side in sides:
                clock += dt.timedelta(seconds=hold)
                held: float = hold
                if short_hold_chance and rng.random() >= 1 - short_hold_chance:
                    held = round(hold - rng.uniform(0.2, 2.0), 2)
                reps.append(Rep(exercise.id, side, number, hold, held, clock.astimezone(dt.UTC)))
                clock += dt.timedelta(seconds=exercise.between_s)
        clock += dt.timedelta(seconds=routine.get_ready_s)
    return Session(
        uuid=_uuid(rng),
        started_at=start.astimezone(dt.UTC),
        local_day=start.date(),
        status=SessionStatus.COMPLETED,
        finished_at=clock.astimezone(dt.UTC).replace(microsecond=0),
        reps=tuple(reps),
    )
