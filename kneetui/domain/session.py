"""The guided session: a pure state machine that times the routine hold by hold.

Why it is pure and driven by the caller's monotonic seconds: a terminal timer
(Textual's `set_interval`) skips and delays ticks under load, so a timer that
counts ticks drifts. Here every step has a deadline, the next step starts exactly
at the previous step's deadline, and the time left is always `deadline - now`;
a late or missing tick changes how often the screen redraws, never how long a
hold lasts or what is recorded. Because no clock is read here, the tests drive
the session with plain floats, to the millisecond, without sleeping, and the UI
passes `time.monotonic()`.

Every call returns the events it caused, in order, so the caller can commit each
finished hold the moment it ends (DESIGN.md §4) and ring the bell at each phase.

Between exercises that need new equipment or a new position (the routine file
says what), a CHANGE_OVER comes before the count-in: taking shoes off or putting
on ankle weights takes longer than a 3 s count-in. It counts down the runner's
setting (at least 15 s) or ends early when the runner says they are ready.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeAlias

from kneetui.domain.models import Side
from kneetui.domain.routine import CHANGE_OVER_DEFAULT_S, Between, Exercise, Routine, Sides


class Phase(StrEnum):
    CHANGE_OVER = "change-over"
    GET_READY = "get-ready"
    HOLD = "hold"
    SWITCH = "switch"
    REST = "rest"
    FINISHED = "finished"

    @property
    def words(self) -> str:
        """What the screen says during the phase."""
        return PHASE_WORDS[self]


PHASE_WORDS: dict[Phase, str] = {
    Phase.CHANGE_OVER: "Change over",
    Phase.GET_READY: "Get ready",
    Phase.HOLD: "Hold",
    Phase.SWITCH: "Lower and switch legs",
    Phase.REST: "Rest",
    Phase.FINISHED: "Finished",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One timed step of the plan.

    A HOLD names its side and its rep per leg (1..reps). A SWITCH or REST names
    the hold that comes next, so the screen can say which leg to change to.
    CHANGE_OVER, GET_READY and FINISHED have no side and rep 0; the first two
    belong to the exercise they lead into; FINISHED carries the exercise the
    session ended in.
    """

    phase: Phase
    exercise: Exercise
    side: Side | None
    rep: int
    duration_s: float


@dataclass(frozen=True, slots=True)
class RepCompleted:
    """A hold has ended, whole or cut short; `held_s` never exceeds `target_s`."""

    exercise: str
    side: Side
    rep: int
    target_s: int
    held_s: float


@dataclass(frozen=True, slots=True)
class PhaseChanged:
    step: Step  # the step just begun


@dataclass(frozen=True, slots=True)
class ExerciseFinished:
    exercise: str
    reps_recorded: int  # holds recorded for this exercise in this session


@dataclass(frozen=True, slots=True)
class SessionFinished:
    completed: bool  # False when stopped
    reps_recorded: int


Event: TypeAlias = RepCompleted | PhaseChanged | ExerciseFinished | SessionFinished


def build_plan(
    routine: Routine, holds: Mapping[str, int], change_over_s: int = CHANGE_OVER_DEFAULT_S
) -> tuple[Step, ...]:
    """Every step of a session in order, ending with FINISHED.

    `holds` maps an exercise id to its current hold seconds; a missing or
    off-ladder value falls back to the first ladder step. An exercise after the
    first with a `change_over` text starts with a change-over of `change_over_s`.
    """
    steps: list[Step] = []
    for number, exercise in enumerate(routine.exercises):
        if number and exercise.change_over:
            steps.append(Step(Phase.CHANGE_OVER, exercise, None, 0, float(change_over_s)))
        hold_s = float(exercise.hold_step(holds.get(exercise.id)))
        sides = (Side.LEFT, Side.RIGHT) if exercise.sides is Sides.ALTERNATE else (Side.BOTH,)
        # The routine file says what happens between holds; the shipped one pairs
        # alternating legs with a switch and both feet with a rest.
        between = Phase.SWITCH if exercise.between is Between.SWITCH else Phase.REST
        steps.append(Step(Phase.GET_READY, exercise, None, 0, float(routine.get_ready_s)))
        for rep in range(1, exercise.reps + 1):
            for side in sides:
                if steps[-1].phase is Phase.HOLD:
                    steps.append(Step(between, exercise, side, rep, float(exercise.between_s)))
                steps.append(Step(Phase.HOLD, exercise, side, rep, hold_s))
    steps.append(Step(Phase.FINISHED, routine.exercises[-1], None, 0, 0.0))
    return tuple(steps)


class GuidedSession:
    """A session in progress. Times are monotonic seconds from the caller; they
    must not go backwards. Commands never raise: after FINISHED they do nothing."""

    def __init__(
        self,
        routine: Routine,
        holds: Mapping[str, int],
        start: float,
        change_over_s: int = CHANGE_OVER_DEFAULT_S,
    ) -> None:
        self._plan = build_plan(routine, holds, change_over_s)
        self._exercise_ids = tuple(e.id for e in routine.exercises)
        # Seconds planned after each step, so the time left in the whole session is
        # the current step's deadline plus these: it shrinks when a step is skipped
        # or a change-over ends early, and never drifts.
        after, total = [], 0.0
        for step in reversed(self._plan):
            after.append(total)
            total += step.duration_s
        self._seconds_after = tuple(reversed(after))
        self._index = 0
        self._step = self._plan[0]
        # When the current step began and when it ends; a pause moves both on, so
        # `deadline - start` stays the step's duration and held time excludes pauses.
        self._start = start
        self._deadline = start + self._step.duration_s
        self._paused_at: float | None = None
        self._recorded: dict[str, int] = {}
        self._completed = False

    # Read-only state.

    @property
    def plan(self) -> tuple[Step, ...]:
        return self._plan

    @property
    def step(self) -> Step:
        return self._step

    @property
    def phase(self) -> Phase:
        return self._step.phase

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def finished(self) -> bool:
        return self._step.phase is Phase.FINISHED

    @property
    def completed(self) -> bool:
        """True once the plan ran to its end (skips included); False if stopped."""
        return self._completed

    @property
    def next_step(self) -> Step | None:
        return None if self.finished else self._plan[self._index + 1]

    @property
    def previous_step(self) -> Step | None:
        """The plan's step before this one: before a SWITCH or REST, the hold just
        ended (or skipped)."""
        return self._plan[self._index - 1] if self._index else None

    @property
    def reps_recorded(self) -> int:
        return sum(self._recorded.values())

    @property
    def planned_reps(self) -> int:
        return sum(1 for step in self._plan if step.phase is Phase.HOLD)

    @property
    def planned_seconds(self) -> float:
        return sum(step.duration_s for step in self._plan)

    @property
    def exercise_index(self) -> int:
        return self._exercise_ids.index(self._step.exercise.id)

    @property
    def exercise_count(self) -> int:
        return len(self._exercise_ids)

    def session_remaining(self, now: float) -> float:
        """Seconds left in the whole session as planned from here: the current
        step's time left plus every later step; frozen while paused."""
        if self.finished:
            return 0.0
        return self.remaining(now) + self._seconds_after[self._index]

    def remaining(self, now: float) -> float:
        """Seconds left in the current step, frozen while paused; never negative."""
        if self.finished:
            return 0.0
        at = now if self._paused_at is None else self._paused_at
        # The clamp guards against float rounding of `start + duration`.
        return min(self._step.duration_s, max(0.0, self._deadline - at))

    def progress(self, now: float) -> float:
        """How far through the current step, from 0 to 1."""
        duration = self._step.duration_s
        if duration <= 0:
            return 1.0
        return 1.0 - self.remaining(now) / duration

    # Commands. Each returns the events it caused, in order.

    def tick(self, now: float) -> list[Event]:
        """Pass every step whose deadline is at or before `now`."""
        events: list[Event] = []
        if self._paused_at is not None:
            return events
        while not self.finished and self._deadline <= now:
            if self._step.phase is Phase.HOLD:
                # Whole hold: exactly the target, however late this tick is.
                events.append(self._record(self._step.duration_s))
            events += self._enter(self._index + 1, self._deadline)
        return events

    def pause(self, now: float) -> list[Event]:
        if self._paused_at is not None or self.finished:
            return []
        events = self.tick(now)
        if not self.finished:
            self._paused_at = now
        return events

    def resume(self, now: float) -> list[Event]:
        if self._paused_at is None:
            return []
        return self._catch_up(now)

    def ready(self, now: float) -> list[Event]:
        """The runner is ready: a change-over ends now and the count-in begins.
        Anywhere else it does nothing (beyond passing steps that have run out)."""
        events = self._catch_up(now)
        if self._step.phase is not Phase.CHANGE_OVER:
            return events
        return events + self._enter(self._index + 1, now)

    def skip_rep(self, now: float) -> list[Event]:
        """End the current hold now (recording what was held), or, between holds,
        skip the coming hold unrecorded; either way go on to what follows that hold."""
        events = self._catch_up(now)
        if self.finished:
            return events
        if self._step.phase is Phase.HOLD:
            events += self._end_hold(now)
            target = self._index + 1
        else:
            # Every step but FINISHED leads to a hold: a CHANGE_OVER through its
            # count-in, the others directly.
            target = (
                next(
                    i
                    for i in range(self._index, len(self._plan))
                    if self._plan[i].phase is Phase.HOLD
                )
                + 1
            )
        return events + self._enter(target, now)

    def skip_exercise(self, now: float) -> list[Event]:
        events = self._catch_up(now)
        if self.finished:
            return events
        events += self._end_hold(now)
        target = next(
            i
            for i in range(self._index + 1, len(self._plan))
            if self._starts_exercise(i) or self._plan[i].phase is Phase.FINISHED
        )
        return events + self._enter(target, now)

    def stop(self, now: float) -> list[Event]:
        events = self._catch_up(now)
        if self.finished:
            return events
        events += self._end_hold(now)
        return events + self._enter(len(self._plan) - 1, now, stopped=True)

    # Internals.

    def _starts_exercise(self, index: int) -> bool:
        """Whether plan step `index` is an exercise's first (its change-over or,
        without one, its count-in)."""
        return index == 0 or self._plan[index].exercise.id != self._plan[index - 1].exercise.id

    def _catch_up(self, now: float) -> list[Event]:
        """Bring the session to `now`: a pause ends here (its time moves the step's
        start and deadline on), then every step that has run out is passed."""
        if self._paused_at is not None:
            gap = max(0.0, now - self._paused_at)
            self._start += gap
            self._deadline += gap
            self._paused_at = None
        return self.tick(now)

    def _end_hold(self, now: float) -> list[Event]:
        """Record the current hold cut short at `now`, if anything was held."""
        if self._step.phase is not Phase.HOLD:
            return []
        held = min(self._step.duration_s, now - self._start)
        return [self._record(held)] if held > 0 else []

    def _record(self, held_s: float) -> RepCompleted:
        step = self._step
        assert step.side is not None  # every HOLD has a side
        self._recorded[step.exercise.id] = self._recorded.get(step.exercise.id, 0) + 1
        return RepCompleted(step.exercise.id, step.side, step.rep, round(step.duration_s), held_s)

    def _enter(self, index: int, start: float, *, stopped: bool = False) -> list[Event]:
        """Begin plan step `index` at `start`. Only moves forward, so no hold can be
        recorded twice."""
        old, new = self._step, self._plan[index]
        events: list[Event] = []
        if stopped:
            new = replace(new, exercise=old.exercise)
        elif new.phase is Phase.FINISHED or self._starts_exercise(index):
            # Leaving an exercise (the plan's first step is never entered here).
            events.append(ExerciseFinished(old.exercise.id, self._recorded.get(old.exercise.id, 0)))
        self._index, self._step = index, new
        self._start, self._deadline = start, start + new.duration_s
        events.append(PhaseChanged(new))
        if new.phase is Phase.FINISHED:
            self._completed = not stopped
            events.append(SessionFinished(self._completed, self.reps_recorded))
        return events
