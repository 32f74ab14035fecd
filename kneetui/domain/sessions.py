"""What the timer pane and `kneetui sessions` say about sessions: the live view of
a running session, the summary at its end, and one line per past session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kneetui.domain.models import Rep, Session, SessionStatus, Side
from kneetui.domain.routine import Routine
from kneetui.domain.session import GuidedSession, Phase, Step
from kneetui.domain.today import plural

SIDE_WORDS = {Side.LEFT: "Left leg", Side.RIGHT: "Right leg", Side.BOTH: "Both feet"}


@dataclass(frozen=True, slots=True)
class TimerView:
    """Everything the timer pane shows for a running session at one moment."""

    exercise: str
    # During a hold: "Left leg", "Right leg", "Both feet". Between holds, the
    # hold just ended: "Left leg rep 3 of 10 done" (the coming one is only named
    # in `next`, never as if it were current). "" before an exercise.
    side: str
    rep: str  # "rep 3 of 10" during a hold, else ""
    phase: str  # "Change over", "Get ready", "Hold", "Lower and switch legs", "Rest"
    remaining: str  # seconds with tenths, e.g. "4.3"
    progress: float  # 0 to 1 through the current phase
    next: str  # what comes next, in words
    paused: bool
    position: str = ""  # "Exercise 2 of 3"
    session_left: str = ""  # the time left in the whole session, "8:05"
    instruction: str = ""  # during a change-over, what to change, from the routine file


def _step_words(step: Step) -> str:
    """A coming step in words, for the "Next:" line."""
    side = SIDE_WORDS[step.side].lower() if step.side else ""
    if step.phase is Phase.FINISHED:
        return "the end of the session"
    if step.phase is Phase.CHANGE_OVER:
        return f"change over to {step.exercise.name}"
    if step.phase is Phase.GET_READY:
        return f"a {step.duration_s:.0f} s count-in"
    if step.phase is Phase.SWITCH:
        return f"lower and switch to the {side}"
    if step.phase is Phase.REST:
        return f"rest, then rep {step.rep}"
    return f"hold, {side}, rep {step.rep}"


def timer_view(session: GuidedSession, now: float) -> TimerView:
    step = session.step
    next_step = session.next_step
    side, rep = "", ""
    if step.phase is Phase.HOLD:
        side = SIDE_WORDS[step.side] if step.side else ""
        rep = f"rep {step.rep} of {step.exercise.reps}"
    elif step.phase in (Phase.SWITCH, Phase.REST):
        ended = session.previous_step  # a SWITCH or REST always follows a hold
        if ended is not None and ended.side is not None:
            done = f"rep {ended.rep} of {ended.exercise.reps} done"
            side = f"{SIDE_WORDS[ended.side]} {done}" if ended.side is not Side.BOTH else done
            side = side[0].upper() + side[1:]
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
        position=f"Exercise {session.exercise_index + 1} of {session.exercise_count}",
        session_left=clock_words(session.session_remaining(now)),
        instruction=step.exercise.change_over if step.phase is Phase.CHANGE_OVER else "",
    )


def clock_words(seconds: float) -> str:
    """Whole seconds as m:ss, rounded up so "0:00" appears only at the end."""
    whole = int(-(-round(seconds * 1000) // 1000))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


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
    text = f"{head} {done.reps} of {plural(planned_reps, 'rep')}, {_duration(done.held_s)} held."
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
                f"({plural(previous.reps, 'rep')}, {_duration(previous.held_s)})."
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
