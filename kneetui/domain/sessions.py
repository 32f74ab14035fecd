"""What the timer pane and `kneetui sessions` say about sessions: the live view of
a running session, the summary at its end, and one line per past session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kneetui.domain.models import Rep, Session, SessionStatus, Side
from kneetui.domain.routine import Routine
from kneetui.domain.session import GuidedSession, Phase, Step

SIDE_WORDS = {Side.LEFT: "Left leg", Side.RIGHT: "Right leg", Side.BOTH: "Both feet"}


@dataclass(frozen=True, slots=True)
class TimerView:
    """Everything the timer pane shows for a running session at one moment."""

    exercise: str
    side: str  # "Left leg", "Right leg", "Both feet" or "" before an exercise
    rep: str  # "rep 3 of 10", or "" before an exercise
    phase: str  # "Get ready", "Hold", "Lower and switch legs", "Rest"
    remaining: str  # seconds with tenths, e.g. "4.3"
    progress: float  # 0 to 1 through the current phase
    next: str  # what comes next, in words
    paused: bool


def _step_words(step: Step) -> str:
    """A coming step in words, for the "Next:" line."""
    side = SIDE_WORDS[step.side].lower() if step.side else ""
    if step.phase is Phase.FINISHED:
        return "the end of the session"
    if step.phase is Phase.GET_READY:
        return step.exercise.name
    if step.phase is Phase.SWITCH:
        return f"lower and switch to the {side}"
    if step.phase is Phase.REST:
        return f"rest, then rep {step.rep}"
    return f"hold, {side}, rep {step.rep}"


def timer_view(session: GuidedSession, now: float) -> TimerView:
    step = session.step
    next_step = session.next_step
    if step.phase is Phase.GET_READY:
        side, rep = "", ""
    else:
        side = SIDE_WORDS[step.side] if step.side else ""
        rep = f"rep {step.rep} of {step.exercise.reps}"
    # Tenths shown rounded up, so "0.0" appears only at the deadline itself.
    remaining = session.remaining(now)
    tenths = int(-(-round(remaining * 1000) // 100))
    return TimerView(
        exercise=step.exercise.name,
        side=side,
        rep=rep,
        phase=step.phase.words,
        remaining=f"{tenths // 10}.{tenths % 10}",
        progress=session.progress(now),
        next="" if next_step is None else f"Next: {_step_words(next_step)}",
        paused=session.paused,
    )


@dataclass(frozen=True, slots=True)
class SessionTotals:
    reps: int
    held_s: float


def totals(reps: Sequence[Rep]) -> SessionTotals:
    return SessionTotals(len(reps), sum(r.held_s for r in reps))


def summary_text(
    completed: bool, done: SessionTotals, planned_reps: int, previous: SessionTotals | None
) -> str:
    """The end-of-session summary: reps done, time held, against the last session."""
    head = "Session complete." if completed else "Session stopped."
    text = f"{head} {done.reps} of {planned_reps} reps, {_duration(done.held_s)} held."
    if previous is None:
        text += " Your first session: well done."
    else:
        change = done.held_s - previous.held_s
        if abs(change) < 0.5:
            text += f" The same hold time as last session ({_duration(previous.held_s)})."
        else:
            more_less = "more" if change > 0 else "less"
            text += (
                f" {_duration(abs(change))} {more_less} than last session "
                f"({previous.reps} reps, {_duration(previous.held_s)})."
            )
    return text


def _duration(seconds: float) -> str:
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


@dataclass(frozen=True, slots=True)
class SessionLine:
    """One past session for `kneetui sessions`."""

    day: dt.date
    started_at: dt.datetime
    status: SessionStatus
    reps_per_exercise: dict[str, int]
    held_s: float


def session_lines(sessions: Sequence[Session], routine: Routine) -> list[SessionLine]:
    """Newest first; exercises in routine order, with 0 for ones not done."""
    lines = []
    for session in sorted(sessions, key=lambda s: s.started_at, reverse=True):
        counts = {e.id: 0 for e in routine.exercises}
        for rep in session.reps:
            counts[rep.exercise] = counts.get(rep.exercise, 0) + 1
        lines.append(
            SessionLine(
                session.local_day,
                session.started_at,
                session.status,
                counts,
                sum(r.held_s for r in session.reps),
            )
        )
    return lines
