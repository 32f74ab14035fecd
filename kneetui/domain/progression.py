"""Hold progression: each exercise's current hold step, and when to suggest the next
step up or a step back down its ladder. The runner accepts or ignores a suggestion;
nothing here changes a level.

Sources:
- The routine's own advice (data/routine.toml): hold a little longer as you get
  stronger, starting on the first step of each exercise's `hold_ladder`.
- The pain-monitoring model (Thomeé R. 1997, Phys Ther 77(12):1690–1703; Silbernagel
  KG et al. 2007, Am J Sports Med 35(6):897–906): on the 0–10 scale 0–2 is safe, 3–5
  acceptable, 6–10 too much, and soreness after an activity should have settled by
  the next morning. Load is increased while the response stays acceptable and
  reduced when it is too much.

Time is handled two ways on purpose. "Within 24 hours after a session" compares the
aware UTC moments (`finished_at`, `logged_at`), so it is exact across a
daylight-saving change (a wall-clock day can be 23 or 25 hours). "The session's day
and the day after" compares `local_day`, the runner's own calendar day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from kneetui.domain.adherence import counts
from kneetui.domain.models import Context, LevelChange, Session, SorenessEntry
from kneetui.domain.routine import Exercise, Routine
from kneetui.domain.soreness import ACCEPTABLE_MAX

# Completed sessions, on separate days, at the current step before a step up: three
# sessions at the usual three days a week is a week of showing the load is tolerated.
SESSIONS_BEFORE_PROGRESS = 3
# The top of the pain-monitoring model's acceptable band (3–5); above it is too much.
MAX_SCORE_FOR_PROGRESS = ACCEPTABLE_MAX
# The bottom of the "too much" band (6–10) of the pain-monitoring model.
STEP_BACK_SCORE = 6
# "Within a day of a session" (DESIGN §5), measured in real elapsed time.
STEP_BACK_WINDOW = dt.timedelta(hours=24)

_DAY = dt.timedelta(days=1)


class SuggestionKind(StrEnum):
    PROGRESS = "progress"
    STEP_BACK = "step-back"


class Suggestion(NamedTuple):
    exercise: str  # the exercise id
    kind: SuggestionKind
    from_s: int
    to_s: int
    reason: str  # a plain sentence with the numbers behind it, no markup


def ended_at(session: Session) -> dt.datetime:
    """When a session ended: `finished_at`, or `started_at` if it has none."""
    return session.finished_at if session.finished_at is not None else session.started_at


def _latest_levels(levels: Iterable[LevelChange]) -> dict[str, LevelChange]:
    latest: dict[str, LevelChange] = {}
    for level in levels:
        known = latest.get(level.exercise)
        # On a tie the later row wins: it was written after the earlier one.
        if known is None or level.changed_at >= known.changed_at:
            latest[level.exercise] = level
    return latest


def current_holds(routine: Routine, levels: Iterable[LevelChange]) -> dict[str, int]:
    """Each exercise's hold in seconds: its latest level, put on the ladder by
    `Exercise.hold_step` (an exercise without a level starts on the first step)."""
    latest = _latest_levels(levels)
    return {
        e.id: e.hold_step(latest[e.id].hold_s if e.id in latest else None)
        for e in routine.exercises
    }


def current_since(levels: Iterable[LevelChange], exercise: str) -> dt.datetime | None:
    """When the exercise's current level was set; None if it never was."""
    level = _latest_levels(levels).get(exercise)
    return None if level is None else level.changed_at


def suggest(
    routine: Routine,
    levels: Iterable[LevelChange],
    sessions: Iterable[Session],
    soreness: Iterable[SorenessEntry],
) -> list[Suggestion]:
    """At most one suggestion per exercise, in routine order. A step back is checked
    first: while one is due (even on the first step, where there is nowhere to step
    back to), no step up is suggested."""
    level_list = list(levels)
    latest = _latest_levels(level_list)
    counted = [s for s in sessions if counts(s)]
    scores = sorted(soreness, key=lambda e: e.logged_at)
    found = []
    for exercise in routine.exercises:
        level = latest.get(exercise.id)
        hold = exercise.hold_step(None if level is None else level.hold_s)
        done = [s for s in counted if any(r.exercise == exercise.id for r in s.reps)]
        changes = [c for c in level_list if c.exercise == exercise.id]
        back = _step_back(exercise, hold, done, scores, changes)
        if back is not None:
            if back.to_s != hold:
                found.append(back)
            continue
        up = _progress(exercise, hold, level, done, scores)
        if up is not None:
            found.append(up)
    return found


def _step_back(
    exercise: Exercise,
    hold: int,
    done: Sequence[Session],
    scores: Sequence[SorenessEntry],
    changes: Sequence[LevelChange],
) -> Suggestion | None:
    """A step back after a score in the "too much" band within 24 hours after the
    latest session with the exercise. Returned with `to_s == hold` on the first step
    (the caller drops it, but it still blocks a step up)."""
    if not done:
        return None
    last = max(done, key=ended_at)
    end = ended_at(last)
    high = [e for e in scores if e.score >= STEP_BACK_SCORE and end <= e.logged_at]
    high = [e for e in high if e.logged_at - end <= STEP_BACK_WINDOW]
    if not high:
        return None
    first = high[0]
    # Setting or accepting a level after the first such score is the runner's answer
    # to it; later scores about the same session do not ask again.
    if any(c.changed_at > first.logged_at for c in changes):
        return None
    ladder = exercise.hold_ladder
    to_s = ladder[max(0, ladder.index(hold) - 1)]
    reason = (
        f"a score of {first.score} was logged {_elapsed(first.logged_at - end)} after the "
        f"session on {last.local_day.isoformat()}; {STEP_BACK_SCORE} or more is too much"
    )
    return Suggestion(exercise.id, SuggestionKind.STEP_BACK, hold, to_s, reason)


def _progress(
    exercise: Exercise,
    hold: int,
    level: LevelChange | None,
    done: Sequence[Session],
    scores: Sequence[SorenessEntry],
) -> Suggestion | None:
    ladder = exercise.hold_ladder
    step = ladder.index(hold)
    if step + 1 >= len(ladder):
        return None
    since = None if level is None else level.changed_at
    at_step = [
        s
        for s in done
        if (since is None or s.started_at >= since)
        and all(r.target_s == hold for r in s.reps if r.exercise == exercise.id)
    ]
    # The latest session days at this step decide: an old bad day that the runner
    # has since trained through does not hold them back for good.
    days = sorted({s.local_day for s in at_step})[-SESSIONS_BEFORE_PROGRESS:]
    if len(days) < SESSIONS_BEFORE_PROGRESS:
        return None
    mornings_after = {day + _DAY for day in days}
    watched = set(days) | mornings_after
    if any(e.score > MAX_SCORE_FOR_PROGRESS and e.local_day in watched for e in scores):
        return None
    # Soreness should settle by the next morning: a next-morning score that climbs
    # from one session to the next means the load is accumulating.
    mornings = [
        e for e in scores if e.context is Context.NEXT_MORNING and e.local_day in mornings_after
    ]
    if mornings and mornings[-1].score > mornings[0].score:
        return None
    reason = (
        f"{len(days)} completed sessions at {hold} s with no score above "
        f"{MAX_SCORE_FOR_PROGRESS} and no rise in next-morning soreness"
    )
    return Suggestion(exercise.id, SuggestionKind.PROGRESS, hold, ladder[step + 1], reason)


def _elapsed(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"
