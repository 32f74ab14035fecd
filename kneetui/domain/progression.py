"""Hold progression: each exercise's current hold, and its one verdict for today:
step back, hold, step up, or nothing to say. The runner accepts or ignores a step;
nothing here changes a level.

The rules (ids from `rules.RULES`, in the order they are tried):
1. `step-back-too-much`: a score of 6 or more on the local day of a session with
   the exercise, or the next local day, logged after its hold was last set.
2. `step-back-gap`: 14 days or more between counted sessions, or since the last.
   Both stand until the runner sets or accepts a hold, or until three later
   sessions at the current hold were tolerated (a score logged after each, every
   one 5 or less), and are looked at for 28 days (after the score, or after the
   first session back). On the first rung there is nothing to step back to: the
   step back eases off instead (fewer reps, or after too much a rest day).
3. A step up needs evidence (`progress`): the latest three counted sessions at the
   current hold, on separate days, each with 90% of the exercise's holds reaching
   90% of the target, a score logged after it that day or the next morning, every
   such score 5 or less, and a settled next morning where one was logged.
4. When the evidence is there but something stands against it, or the latest
   three sessions are not all evidence, the verdict is `hold` with the reason.
   A hold held back by a score of 6 or more can be confirmed (p): sessions then
   count from that moment.

Time is handled two ways on purpose. "After the hold was set" and "after the
session" compare aware UTC moments; "the session's day and the next" compare
`local_day`, the runner's own calendar day, not a 24-hour window.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from kneetui.domain.knees import TOLERANCE, knee_words
from kneetui.domain.models import Context, Knee, LevelChange, Session, SorenessEntry
from kneetui.domain.red_flags import day_words
from kneetui.domain.routine import Exercise, Routine
from kneetui.domain.rules import (
    ACCEPTABLE_MAX,
    FULL_HOLD_SHARE,
    FULL_HOLDS_SHARE,
    GAP_DAYS,
    SESSIONS_BEFORE_PROGRESS,
    TOO_MUCH,
    WATCH_DAYS,
)
from kneetui.domain.settling import judge_morning, morning_words, score_text
from kneetui.domain.text import plural

_DAY = dt.timedelta(days=1)
LocalDay = Callable[[dt.datetime], dt.date]


class SuggestionKind(StrEnum):
    PROGRESS = "progress"
    STEP_BACK = "step-back"
    HOLD = "hold"


class Suggestion(NamedTuple):
    """An exercise's verdict. `to_s == from_s` for a hold, and for a step back on
    the first rung (ease off: fewer reps or a rest day)."""

    exercise: str  # the exercise id
    kind: SuggestionKind
    from_s: int
    to_s: int
    reason: str  # a plain sentence with the numbers behind it, no markup
    rule: str  # the rule id
    figures: dict[str, Any]

    @property
    def acceptable(self) -> bool:
        """What p accepts: a step up or back, or the confirmation of a hold held back
        by a high score (sessions then count from that moment)."""
        return self.kind is not SuggestionKind.HOLD or self.rule == "hold-high-score"


class Against(NamedTuple):
    """What stands against a step up, found by the caller; None where nothing does."""

    notice: str | None = None  # "a red-flag notice", "the physical-therapist notice"
    rise: tuple[Knee, float, float] | None = None  # knee, the 7 days before, the last 7
    morning: tuple[Knee, dt.date, float, float] | None = None  # an unsettled morning


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


def after_session(session: Session, scores: Iterable[SorenessEntry]) -> list[SorenessEntry]:
    """The scores that tell how a session was taken: logged after it started on
    its day, or as next-morning scores the day after."""
    day = session.local_day
    return [
        e
        for e in scores
        if (e.local_day == day and e.logged_at >= session.started_at)
        or (e.local_day == day + _DAY and e.context is Context.NEXT_MORNING)
    ]


def ease_off(exercise: Exercise, rule: str) -> str:
    """A step back on the first rung, where there is no shorter hold: fewer reps,
    or (after too much, not after a gap) a rest day."""
    fewer = max(1, exercise.reps // 2)
    per = " per leg" if exercise.planned_holds > exercise.reps else ""
    reps = f"{plural(fewer, 'rep')}{per} instead of {exercise.reps}"
    if rule == "step-back-gap":
        return f"{reps} for the first sessions back"
    return f"{reps}, or a rest day before the next session"


def full_holds(session: Session, exercise: Exercise) -> int:
    """The exercise's holds in `session` that reached 90% of their target."""
    return sum(
        1
        for r in session.reps
        if r.exercise == exercise.id and r.held_s >= r.target_s * FULL_HOLD_SHARE - TOLERANCE
    )


class Progression:
    """Works out every exercise's verdict from one set of data."""

    def __init__(
        self,
        routine: Routine,
        levels: Sequence[LevelChange],
        sessions: Sequence[Session],
        counted: Sequence[Session],
        counted_days: Iterable[dt.date],
        soreness: Sequence[SorenessEntry],
        today: dt.date,
        local_day: LocalDay,
    ) -> None:
        """`sessions` are recent sessions of any status, with their reps;
        `counted` those of them that count; `counted_days` the day of every
        counted session, however old (for gaps)."""
        self.routine = routine
        self.levels = levels
        self.latest = _latest_levels(levels)
        self.sessions = [s for s in sessions if s.local_day <= today]
        self.counted = sorted(
            (s for s in counted if s.local_day <= today), key=lambda s: s.started_at
        )
        self.days = sorted({d for d in counted_days if d <= today})
        self.scores = sorted(
            (e for e in soreness if e.local_day <= today), key=lambda e: e.logged_at
        )
        self.today = today
        self.local_day = local_day

    def verdicts(self, against: Against) -> list[Suggestion]:
        found = []
        for exercise in self.routine.exercises:
            verdict = self.verdict(exercise, against)
            if verdict is not None:
                found.append(verdict)
        return found

    def verdict(self, exercise: Exercise, against: Against) -> Suggestion | None:
        level = self.latest.get(exercise.id)
        hold = exercise.hold_step(None if level is None else level.hold_s)
        since = None if level is None else level.changed_at
        back = self._too_much(exercise, hold, since) or self._gap(exercise, hold)
        if back is not None:
            return back
        ladder = exercise.hold_ladder
        at_hold = self._at_hold(exercise, hold, since)
        if ladder.index(hold) + 1 >= len(ladder) or len(at_hold) < SESSIONS_BEFORE_PROGRESS:
            return None
        latest = at_hold[-SESSIONS_BEFORE_PROGRESS:]
        blocked = self._against(exercise, hold, since, against) or self._short(
            exercise, hold, latest
        )
        if blocked is not None:
            rule, reason, figures = blocked
            return Suggestion(exercise.id, SuggestionKind.HOLD, hold, hold, reason, rule, figures)
        to_s = ladder[ladder.index(hold) + 1]
        reason = (
            f"{SESSIONS_BEFORE_PROGRESS} sessions at {hold} s with {FULL_HOLDS_SHARE:.0%} of "
            f"holds full, every score after them {ACCEPTABLE_MAX} or less and settled by the "
            "next morning"
        )
        figures = {"sessions": [s.local_day.isoformat() for s in latest]}
        return Suggestion(
            exercise.id, SuggestionKind.PROGRESS, hold, to_s, reason, "progress", figures
        )

    # Step back ----------------------------------------------------------------------

    def _step_back(
        self, exercise: Exercise, hold: int, rule: str, why: str, figures: dict[str, Any]
    ) -> Suggestion:
        ladder = exercise.hold_ladder
        to_s = ladder[max(0, ladder.index(hold) - 1)]
        return Suggestion(exercise.id, SuggestionKind.STEP_BACK, hold, to_s, why, rule, figures)

    def _too_much(
        self, exercise: Exercise, hold: int, since: dt.datetime | None
    ) -> Suggestion | None:
        with_it = [s for s in self.sessions if any(r.exercise == exercise.id for r in s.reps)]
        watched = self.today - dt.timedelta(days=WATCH_DAYS)
        triggers = [
            (e, s)
            for e in self.scores
            if e.score >= TOO_MUCH
            and e.local_day > watched
            and (since is None or e.logged_at > since)
            for s in with_it
            if e.local_day in (s.local_day, s.local_day + _DAY)
        ]
        if not triggers:
            return None
        score, session = triggers[-1]
        if self._tolerated_after(exercise, hold, since, lambda s: s.started_at > score.logged_at):
            return None
        when = "the day of" if score.local_day == session.local_day else "the day after"
        knee = "" if score.knee is Knee.BOTH else f" for {knee_words(score.knee)}"
        why = (
            f"a score of {score.score}{knee} {day_words(score.local_day, self.today)}, {when} "
            f"the session; {TOO_MUCH} or more is too much"
        )
        figures = {
            "score": score.score,
            "knee": score.knee.value,
            "day": score.local_day.isoformat(),
            "session_day": session.local_day.isoformat(),
        }
        return self._step_back(exercise, hold, "step-back-too-much", why, figures)

    def _gap(self, exercise: Exercise, hold: int) -> Suggestion | None:
        ends = [*self.days, self.today]
        gap = next(
            (
                (a, b)
                for a, b in reversed(list(itertools.pairwise(ends)))
                if (b - a).days >= GAP_DAYS
            ),
            None,
        )
        if gap is None:
            return None
        last, back = gap
        returned = back if back in self.days and back != last else None
        if returned is not None and (self.today - returned).days >= WATCH_DAYS:
            return None
        answered_from = last + dt.timedelta(days=GAP_DAYS)
        if any(
            c.exercise == exercise.id and self.local_day(c.changed_at) >= answered_from
            for c in self.levels
        ):
            return None
        level = self.latest.get(exercise.id)
        since = None if level is None else level.changed_at
        if returned is not None and self._tolerated_after(
            exercise, hold, since, lambda s: s.local_day >= returned
        ):
            return None
        days = (back - last).days
        why = (
            f"{days} days without a session, the last {day_words(last, self.today)}; strength "
            "fades after two weeks off, so start back a step lower"
        )
        figures = {"gap_days": days, "last_session_day": last.isoformat()}
        return self._step_back(exercise, hold, "step-back-gap", why, figures)

    def _tolerated_after(
        self,
        exercise: Exercise,
        hold: int,
        since: dt.datetime | None,
        after: Callable[[Session], bool],
    ) -> bool:
        """Three counted sessions at the current hold, matching `after`, each with a
        score after it and every such score 5 or less."""
        tolerated = [
            s
            for s in self._at_hold(exercise, hold, since)
            if after(s) and self._scored_ok(s) is None
        ]
        return len(tolerated) >= SESSIONS_BEFORE_PROGRESS

    # Step up and hold -----------------------------------------------------------------

    def _at_hold(self, exercise: Exercise, hold: int, since: dt.datetime | None) -> list[Session]:
        """Counted sessions with the exercise at `hold`, since the hold was set,
        oldest first, one a day (the day's last)."""
        by_day: dict[dt.date, Session] = {}
        for s in self.counted:
            reps = [r for r in s.reps if r.exercise == exercise.id]
            at_hold = bool(reps) and all(r.target_s == hold for r in reps)
            if at_hold and (since is None or s.started_at >= since):
                by_day[s.local_day] = s
        return [by_day[day] for day in sorted(by_day)]

    def _scored_ok(self, session: Session) -> str | None:
        """Why the scores after a session are no evidence; None when they are."""
        scores = after_session(session, self.scores)
        on = day_words(session.local_day, self.today)
        if not scores:
            return (
                f"no score was logged after the session {on}: log one after each session, "
                "or the next morning"
            )
        worst = max(scores, key=lambda e: e.score)
        if worst.score > ACCEPTABLE_MAX:
            return f"a score of {worst.score} followed the session {on}"
        return None

    def _against(
        self, exercise: Exercise, hold: int, since: dt.datetime | None, against: Against
    ) -> tuple[str, str, dict[str, Any]] | None:
        if against.notice is not None:
            return "hold-notice", f"no step up while {against.notice} stands", {}
        high = [
            e for e in self.scores if e.score >= TOO_MUCH and (since is None or e.logged_at > since)
        ]
        if high:
            e = high[-1]
            knee = "" if e.knee is Knee.BOTH else f" for {knee_words(e.knee)}"
            return (
                "hold-high-score",
                f"a score of {e.score}{knee} {day_words(e.local_day, self.today)} since this "
                f"hold was set; {TOO_MUCH} or more is too much. Confirm the hold (p, or "
                f"`kneetui level {exercise.id} {hold}`) to count sessions from now",
                {"score": e.score, "knee": e.knee.value, "day": e.local_day.isoformat()},
            )
        if against.rise is not None:
            knee, before, now = against.rise
            return (
                "hold-weekly-rise",
                f"the 7-day average of {knee_words(knee)} rose from {before:.1f} to {now:.1f}",
                {"knee": knee.value, "before": round(before, 2), "last_7_days": round(now, 2)},
            )
        if against.morning is not None:
            knee, day, morning, evening = against.morning
            return (
                "hold-not-settled",
                f"{knee_words(knee)} had not settled {morning_words(day, self.today)} "
                f"({score_text(morning)} against {score_text(evening)} the day before)",
                {"knee": knee.value, "day": day.isoformat(), "morning": morning},
            )
        return None

    def _short(
        self, exercise: Exercise, hold: int, latest: Sequence[Session]
    ) -> tuple[str, str, dict[str, Any]] | None:
        """Why the latest sessions at the hold are not all evidence; None if they are."""
        planned = exercise.planned_holds
        short = [s for s in latest if full_holds(s, exercise) < planned * FULL_HOLDS_SHARE]
        if short:
            return (
                "hold-evidence",
                f"{len(short)} of the last {len(latest)} sessions had fewer than "
                f"{FULL_HOLDS_SHARE:.0%} of holds reaching {FULL_HOLD_SHARE:.0%} of the "
                f"{hold} s target",
                {"short_sessions": [s.local_day.isoformat() for s in short]},
            )
        for s in latest:
            why = self._scored_ok(s)
            if why is not None:
                return "hold-evidence", why, {"session_day": s.local_day.isoformat()}
            morning = judge_morning(self.scores, s.local_day + _DAY)
            if morning is not None and morning.settled is False:
                on = day_words(s.local_day + _DAY, self.today)
                return (
                    "hold-evidence",
                    f"{knee_words(morning.knee)} had not settled the morning after, {on}",
                    {"session_day": s.local_day.isoformat()},
                )
        return None
