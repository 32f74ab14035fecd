"""The guided session timer (DESIGN.md §4), driven by a fake clock: times are plain
floats passed in, nothing sleeps. The timer must follow the routine step by step,
record each hold once and never longer than its target, and keep its deadlines
exact however late or irregular the ticks arrive."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneetui.domain.errors import ValidationError
from kneetui.domain.models import Side
from kneetui.domain.routine import (
    CHANGE_OVER_DEFAULT_S,
    CHANGE_OVER_MIN_S,
    Routine,
    Sides,
    change_over_seconds,
    check_change_over,
)
from kneetui.domain.session import (
    Event,
    ExerciseFinished,
    GuidedSession,
    Phase,
    PhaseChanged,
    RepCompleted,
    SessionFinished,
    Step,
)

START = 1000.0  # monotonic clocks start anywhere; a non-zero start catches offsets

StepShape = tuple[Phase, str, Side | None, int, float]


def shape(step: Step) -> StepShape:
    return (step.phase, step.exercise.id, step.side, step.rep, step.duration_s)


def describe(event: Event) -> tuple[object, ...]:
    """An event as a short tuple, so expectations read as a table."""
    if isinstance(event, RepCompleted):
        return ("rep", event.exercise, event.side, event.rep, event.target_s, event.held_s)
    if isinstance(event, PhaseChanged):
        step = event.step
        return ("phase", step.phase, step.exercise.id, step.side, step.rep)
    if isinstance(event, ExerciseFinished):
        return ("exercise-finished", event.exercise, event.reps_recorded)
    return ("session-finished", event.completed, event.reps_recorded)


def reps(events: list[Event]) -> list[RepCompleted]:
    return [e for e in events if isinstance(e, RepCompleted)]


def expected_shapes(routine: Routine, holds: dict[str, int]) -> list[StepShape]:
    """The plan written out from the routine rules of the brief, independently of
    the session's own plan builder."""
    shapes: list[StepShape] = []
    for exercise in routine.exercises:
        hold = float(holds.get(exercise.id, exercise.hold_ladder[0]))
        gap = float(exercise.between_s)
        if exercise.id != "leg-raise":  # new equipment or position: a change-over first
            shapes.append((Phase.CHANGE_OVER, exercise.id, None, 0, 15.0))
        shapes.append((Phase.GET_READY, exercise.id, None, 0, 3.0))
        for rep in range(1, exercise.reps + 1):
            if exercise.sides is Sides.ALTERNATE:
                if rep > 1:
                    shapes.append((Phase.SWITCH, exercise.id, Side.LEFT, rep, gap))
                shapes.append((Phase.HOLD, exercise.id, Side.LEFT, rep, hold))
                shapes.append((Phase.SWITCH, exercise.id, Side.RIGHT, rep, gap))
                shapes.append((Phase.HOLD, exercise.id, Side.RIGHT, rep, hold))
            else:
                if rep > 1:
                    shapes.append((Phase.REST, exercise.id, Side.BOTH, rep, gap))
                shapes.append((Phase.HOLD, exercise.id, Side.BOTH, rep, hold))
    shapes.append((Phase.FINISHED, routine.exercises[-1].id, None, 0, 0.0))
    return shapes


def test_the_plan_has_every_phase_in_order(routine: Routine) -> None:
    session = GuidedSession(routine, {}, START)
    shapes = [shape(step) for step in session.plan]
    assert shapes == expected_shapes(routine, {})
    # Spelled out at each exercise's start and end, so the rules above are pinned too.
    leg, curl, calf = "leg-raise", "hamstring-curl", "calf-raise"
    assert shapes[:5] == [
        (Phase.GET_READY, leg, None, 0, 3.0),
        (Phase.HOLD, leg, Side.LEFT, 1, 5.0),
        (Phase.SWITCH, leg, Side.RIGHT, 1, 3.0),
        (Phase.HOLD, leg, Side.RIGHT, 1, 5.0),
        (Phase.SWITCH, leg, Side.LEFT, 2, 3.0),
    ]
    assert shapes[39:43] == [
        (Phase.HOLD, leg, Side.RIGHT, 10, 5.0),  # no switch after the last hold
        (Phase.CHANGE_OVER, curl, None, 0, 15.0),  # ankle weights on, stand up
        (Phase.GET_READY, curl, None, 0, 3.0),
        (Phase.HOLD, curl, Side.LEFT, 1, 5.0),
    ]
    assert shapes[81:86] == [
        (Phase.CHANGE_OVER, calf, None, 0, 15.0),  # weights and shoes off
        (Phase.GET_READY, calf, None, 0, 3.0),
        (Phase.HOLD, calf, Side.BOTH, 1, 20.0),
        (Phase.REST, calf, Side.BOTH, 2, 5.0),
        (Phase.HOLD, calf, Side.BOTH, 2, 20.0),
    ]
    assert shapes[-2:] == [
        (Phase.HOLD, calf, Side.BOTH, 10, 20.0),
        (Phase.FINISHED, calf, None, 0, 0.0),
    ]
    assert session.planned_reps == 20 + 20 + 10
    assert session.planned_seconds == (3 + 20 * 5 + 19 * 3) * 2 + (3 + 10 * 20 + 9 * 5) + 2 * 15
    assert session.planned_seconds == 2 * 15 + sum(
        e.planned_seconds(e.hold_ladder[0], routine.get_ready_s) for e in routine.exercises
    )


def test_ticking_at_each_deadline_runs_the_whole_session(routine: Routine) -> None:
    session = GuidedSession(routine, {}, START)
    plan = session.plan
    assert session.step == plan[0]
    assert session.tick(START) == []
    deadline = START
    for index, step in enumerate(plan[:-1]):
        assert session.step == step
        assert session.exercise_index == [e.id for e in routine.exercises].index(step.exercise.id)
        assert session.next_step == plan[index + 1]
        deadline += step.duration_s
        assert session.tick(deadline - 1e-6) == []
        events = session.tick(deadline)
        following = plan[index + 1]
        expected: list[Event] = []
        if step.phase is Phase.HOLD:
            assert step.side is not None
            target = int(step.duration_s)
            # A whole hold is recorded at exactly its target.
            expected.append(RepCompleted(step.exercise.id, step.side, step.rep, target, target))
        if following.exercise != step.exercise or following.phase is Phase.FINISHED:
            per_leg = 2 if step.exercise.sides is Sides.ALTERNATE else 1
            expected.append(ExerciseFinished(step.exercise.id, step.exercise.reps * per_leg))
        expected.append(PhaseChanged(following))
        if following.phase is Phase.FINISHED:
            expected.append(SessionFinished(completed=True, reps_recorded=50))
        assert events == expected
    assert session.finished and session.completed
    assert session.phase is Phase.FINISHED
    assert session.next_step is None
    assert session.reps_recorded == session.planned_reps == 50
    assert session.remaining(deadline + 5) == 0.0
    assert session.progress(deadline + 5) == 1.0


def test_holds_come_from_the_mapping_and_fall_back_to_the_first_step(
    routine: Routine,
) -> None:
    holds = {"leg-raise": 10, "calf-raise": 25, "hamstring-curl": 7}  # 7 is off the ladder
    session = GuidedSession(routine, holds, START)
    durations = {s.exercise.id: s.duration_s for s in session.plan if s.phase is Phase.HOLD}
    assert durations == {"leg-raise": 10.0, "hamstring-curl": 5.0, "calf-raise": 25.0}
    assert [shape(s) for s in session.plan] == expected_shapes(
        routine, {"leg-raise": 10, "calf-raise": 25}
    )
    events = session.tick(START + session.planned_seconds)
    assert {(r.exercise, r.target_s, r.held_s) for r in reps(events)} == {
        ("leg-raise", 10, 10.0),
        ("hamstring-curl", 5, 5.0),
        ("calf-raise", 25, 25.0),
    }


def test_one_late_tick_records_the_same_holds_as_many_small_ones(routine: Routine) -> None:
    fine = GuidedSession(routine, {}, START)
    coarse = GuidedSession(routine, {}, START)
    deadlines = list(itertools.accumulate((s.duration_s for s in fine.plan), initial=START))
    end = START + fine.planned_seconds
    fine_events: list[Event] = []
    for i in range(round(fine.planned_seconds * 10) + 1):
        now = START + i / 10  # computed, not summed, so the test clock itself does not drift
        fine_events += fine.tick(now)
        if not fine.finished:
            # The time left is measured from the plan's own deadlines, tick after tick.
            index = fine.plan.index(fine.step)
            assert fine.remaining(now) == pytest.approx(deadlines[index + 1] - now, abs=1e-9)
    coarse_events = coarse.tick(START + 50.5)  # mid-session: many steps in one go
    index = coarse.plan.index(coarse.step)
    assert coarse.remaining(START + 50.5) == pytest.approx(deadlines[index + 1] - START - 50.5)
    coarse_events += coarse.tick(end + 1000.0)  # the rest, very late
    assert reps(coarse_events) == reps(fine_events)
    assert coarse_events == fine_events
    assert all(r.held_s == r.target_s for r in reps(coarse_events))
    assert len(reps(coarse_events)) == 50
    # No drift: the session ends exactly when the plan says, not a tick later or earlier.
    exact = GuidedSession(routine, {}, START)
    for i in range(1, 598):
        exact.tick(START + i - 0.05)
    assert not exact.finished
    assert exact.remaining(end - 1e-6) == pytest.approx(1e-6)
    exact.tick(end)
    assert exact.finished


def test_pause_freezes_the_time_left_and_held_time_excludes_it(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    assert describe(session.tick(3.0)[0]) == ("phase", Phase.HOLD, "leg-raise", Side.LEFT, 1)
    assert (session.pause(5.3), session.paused) == ([], True)  # 2.3 s into a 5 s hold
    assert session.pause(6.0) == []  # pausing twice changes nothing
    assert session.tick(60.0) == []
    assert session.remaining(60.0) == pytest.approx(2.7)
    assert session.progress(60.0) == pytest.approx(2.3 / 5)
    assert (session.resume(100.0), session.paused) == ([], False)
    assert session.resume(101.0) == []  # resuming when not paused does nothing
    assert session.remaining(100.0) == pytest.approx(2.7)
    assert session.tick(100.0 + 2.7 - 1e-6) == []
    events = session.tick(100.0 + 2.7 + 1e-9)
    assert reps(events) == [RepCompleted("leg-raise", Side.LEFT, 1, 5, 5.0)]
    # The following step starts at the moved deadline: the switch ends 3 s later.
    assert session.phase is Phase.SWITCH
    assert session.remaining(101.0 + 2.7) == pytest.approx(2.0)


def test_a_long_pause_moves_the_end_of_the_session_by_exactly_its_length(
    routine: Routine,
) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(200.0)
    session.pause(200.0)
    session.resume(1200.0)
    end = session.planned_seconds + 1000.0
    session.tick(end - 1e-6)
    assert not session.finished
    events = session.tick(end)
    assert session.completed
    assert isinstance(events[-1], SessionFinished)


def test_a_hold_cut_short_after_a_pause_excludes_the_paused_time(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(3.0)
    session.pause(5.3)
    events = session.skip_rep(50.0)
    assert reps(events)[0].held_s == pytest.approx(2.3)
    assert not session.paused
    assert session.phase is Phase.SWITCH
    assert session.remaining(50.0) == 3.0


# The positions the commands are tried from, with the session started at 0:
# leg raises count in over 0-3 s, hold left 1 over 3-8 s, switch to right 1 over 8-11 s;
# leg raises and curls take 160 s each, each change-over 15 s, so calf hold 1 is
# 353-373 s and rest 373-378 s.
POSITIONS: dict[str, tuple[float, float, Phase]] = {
    # name: (tick to, command at, phase at that moment)
    "get-ready": (0.0, 1.0, Phase.GET_READY),
    "hold": (3.0, 5.0, Phase.HOLD),
    "switch": (8.0, 9.0, Phase.SWITCH),
    "rest": (373.0, 374.0, Phase.REST),
    "change-over": (160.0, 161.0, Phase.CHANGE_OVER),
}
LEG, CURL, CALF = "leg-raise", "hamstring-curl", "calf-raise"
HELD_2S = ("rep", LEG, Side.LEFT, 1, 5, 2.0)
TO_CURL = ("phase", Phase.CHANGE_OVER, CURL, None, 0)

CASES: list[tuple[str, str, list[tuple[object, ...]]]] = [
    # skip_rep: in a hold, end it now; before a hold, skip that hold unrecorded.
    ("skip_rep", "get-ready", [("phase", Phase.SWITCH, LEG, Side.RIGHT, 1)]),
    ("skip_rep", "hold", [HELD_2S, ("phase", Phase.SWITCH, LEG, Side.RIGHT, 1)]),
    ("skip_rep", "switch", [("phase", Phase.SWITCH, LEG, Side.LEFT, 2)]),
    ("skip_rep", "rest", [("phase", Phase.REST, CALF, Side.BOTH, 3)]),
    # From a change-over, the count-in and the first hold are skipped with it.
    ("skip_rep", "change-over", [("phase", Phase.SWITCH, CURL, Side.RIGHT, 1)]),
    # skip_exercise: straight to the next exercise's change-over, or the end.
    ("skip_exercise", "get-ready", [("exercise-finished", LEG, 0), TO_CURL]),
    ("skip_exercise", "hold", [HELD_2S, ("exercise-finished", LEG, 1), TO_CURL]),
    ("skip_exercise", "switch", [("exercise-finished", LEG, 1), TO_CURL]),
    (
        "skip_exercise",
        "rest",
        [
            ("exercise-finished", CALF, 1),
            ("phase", Phase.FINISHED, CALF, None, 0),
            ("session-finished", True, 41),
        ],
    ),
    (
        "skip_exercise",
        "change-over",
        [("exercise-finished", CURL, 0), ("phase", Phase.CHANGE_OVER, CALF, None, 0)],
    ),
    # stop: keep what was held, finish as stopped.
    (
        "stop",
        "get-ready",
        [("phase", Phase.FINISHED, LEG, None, 0), ("session-finished", False, 0)],
    ),
    (
        "stop",
        "hold",
        [HELD_2S, ("phase", Phase.FINISHED, LEG, None, 0), ("session-finished", False, 1)],
    ),
    ("stop", "switch", [("phase", Phase.FINISHED, LEG, None, 0), ("session-finished", False, 1)]),
    ("stop", "rest", [("phase", Phase.FINISHED, CALF, None, 0), ("session-finished", False, 41)]),
    (
        "stop",
        "change-over",
        [("phase", Phase.FINISHED, CURL, None, 0), ("session-finished", False, 20)],
    ),
    # ready: a change-over ends now and the count-in begins; elsewhere nothing.
    ("ready", "change-over", [("phase", Phase.GET_READY, CURL, None, 0)]),
]


def command(session: GuidedSession, name: str) -> Callable[[float], list[Event]]:
    method: Callable[[float], list[Event]] = getattr(session, name)
    return method


@pytest.mark.parametrize("paused", [False, True], ids=["running", "paused"])
@pytest.mark.parametrize(
    ("name", "position", "expected"),
    CASES,
    ids=[f"{name}-from-{where}" for name, where, _ in CASES],
)
def test_commands_from_every_phase(
    routine: Routine,
    name: str,
    position: str,
    expected: list[tuple[object, ...]],
    paused: bool,
) -> None:
    tick_to, now, phase = POSITIONS[position]
    session = GuidedSession(routine, {}, 0.0)
    session.tick(tick_to)
    assert session.phase is phase
    before = session.reps_recorded
    if paused:
        # A command while paused acts as if resumed at that moment; the pause is not held time.
        session.pause(now)
        now += 100.0
    events = command(session, name)(now)
    assert [describe(e) for e in events] == expected
    assert not session.paused
    assert session.reps_recorded == before + len(reps(events))
    last = events[-1]
    if isinstance(last, PhaseChanged):
        assert session.step == last.step
        # The new step starts at the command, not at some earlier deadline.
        assert session.remaining(now) == session.step.duration_s
    else:
        assert session.finished
        assert session.completed is (name != "stop")
        for late in COMMANDS:
            assert command(session, late)(now + 10.0) == []
        assert session.step == [e for e in events if isinstance(e, PhaseChanged)][-1].step
        assert session.remaining(now) == 0.0


def test_skipping_the_last_hold_of_an_exercise_moves_to_the_next(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(155.0)  # leg raises: the last hold (right 10) is 155-160 s
    assert (session.phase, session.step.side, session.step.rep) == (Phase.HOLD, Side.RIGHT, 10)
    events = session.skip_rep(156.5)
    assert [describe(e) for e in events] == [
        ("rep", LEG, Side.RIGHT, 10, 5, 1.5),
        ("exercise-finished", LEG, 20),
        TO_CURL,
    ]
    assert session.exercise_index == 1


def test_skipping_the_last_hold_from_a_rest_finishes_the_session(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(573.0)  # calf raises: hold 9 is 553-573 s, then the last rest, 573-578 s
    assert (session.phase, session.step.rep) == (Phase.REST, 10)
    events = session.skip_rep(574.0)
    assert [describe(e) for e in events] == [
        ("exercise-finished", CALF, 9),
        ("phase", Phase.FINISHED, CALF, None, 0),
        ("session-finished", True, 49),
    ]


def test_a_late_command_first_passes_the_steps_that_have_run_out(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(3.0)
    # Hold left 1 ended at 8 s and the switch began; no tick came before the skip at 8.5 s.
    events = session.skip_rep(8.5)
    assert [describe(e) for e in events] == [
        ("rep", LEG, Side.LEFT, 1, 5, 5.0),
        ("phase", Phase.SWITCH, LEG, Side.RIGHT, 1),
        ("phase", Phase.SWITCH, LEG, Side.LEFT, 2),
    ]


def test_a_late_pause_first_passes_the_steps_that_have_run_out(routine: Routine) -> None:
    """Hold left 1 ran from 3 to 8 s; a pause at 9 s with no tick before it records
    that hold whole and pauses 1 s into the switch, not in the expired hold."""
    session = GuidedSession(routine, {}, 0.0)
    session.tick(3.0)
    events = session.pause(9.0)
    assert [describe(e) for e in events] == [
        ("rep", LEG, Side.LEFT, 1, 5, 5.0),
        ("phase", Phase.SWITCH, LEG, Side.RIGHT, 1),
    ]
    assert session.paused and session.phase is Phase.SWITCH
    assert session.remaining(500.0) == pytest.approx(2.0)


def test_a_stop_records_the_hold_cut_short_with_the_time_held(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(3.0)
    events = session.stop(4.25)
    assert reps(events) == [RepCompleted("leg-raise", Side.LEFT, 1, 5, 1.25)]
    assert session.finished and not session.completed


def test_a_hold_skipped_at_its_first_instant_is_not_recorded(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(3.0)
    events = session.skip_rep(3.0)
    assert reps(events) == []
    assert session.reps_recorded == 0


def test_phases_have_words_for_the_screen() -> None:
    assert [p.words for p in Phase] == [
        "Change over",
        "Get ready",
        "Hold",
        "Lower and switch legs",
        "Rest",
        "Finished",
    ]


COMMANDS = ("tick", "pause", "resume", "ready", "skip_rep", "skip_exercise", "stop")


@settings(max_examples=200, deadline=None)
@given(
    holds=st.fixed_dictionaries(
        {
            "leg-raise": st.sampled_from([5, 10, 15]),
            "hamstring-curl": st.sampled_from([5, 10, 7]),
            "calf-raise": st.sampled_from([20, 25, 30]),
        }
    ),
    script=st.lists(
        st.tuples(
            st.sampled_from(COMMANDS),
            st.one_of(
                st.just(0.0),
                st.floats(min_value=0.0, max_value=12.0, allow_nan=False),
                st.floats(min_value=0.0, max_value=300.0, allow_nan=False),
            ),
        ),
        max_size=80,
    ),
)
def test_any_command_sequence_keeps_the_invariants(
    routine: Routine, holds: dict[str, int], script: list[tuple[str, float]]
) -> None:
    now = 17.25
    session = GuidedSession(routine, holds, now)
    seen: set[tuple[str, Side, int]] = set()
    finished_events = 0
    for name, wait in script:
        now += wait
        events = command(session, name)(now)
        for rep in reps(events):
            key = (rep.exercise, rep.side, rep.rep)
            assert key not in seen
            seen.add(key)
            assert 0 < rep.held_s <= rep.target_s + 1e-9
        assert len(seen) == session.reps_recorded <= session.planned_reps
        changes = [e for e in events if isinstance(e, PhaseChanged)]
        if changes:
            assert changes[-1].step == session.step
        finished_events += sum(isinstance(e, SessionFinished) for e in events)
        assert finished_events == int(session.finished)
        for later in (now, now + 0.5):
            assert 0.0 <= session.remaining(later) <= session.step.duration_s
            assert 0.0 <= session.progress(later) <= 1.0


def test_a_change_over_counts_down_its_setting_or_ends_when_ready(routine: Routine) -> None:
    """Leg raises end at 160 s; the change-over to the curls then runs its own
    time (here 40 s) unless the runner is ready sooner."""
    session = GuidedSession(routine, {}, 0.0, change_over_s=40)
    events = session.tick(160.0)
    assert describe(events[-1]) == ("phase", Phase.CHANGE_OVER, CURL, None, 0)
    assert session.step.exercise.change_over == (
        "Put on the ankle weights; stand holding a chair or table."
    )
    assert session.tick(199.9) == []
    assert describe(session.tick(200.0)[-1]) == ("phase", Phase.GET_READY, CURL, None, 0)
    # Ready after 7 s: the count-in starts at once.
    early = GuidedSession(routine, {}, 0.0, change_over_s=40)
    early.tick(160.0)
    events = early.ready(167.0)
    assert [describe(e) for e in events] == [("phase", Phase.GET_READY, CURL, None, 0)]
    assert early.remaining(167.0) == 3.0
    assert describe(early.tick(170.0)[-1]) == ("phase", Phase.HOLD, CURL, Side.LEFT, 1)


def test_ready_ends_only_a_change_over(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    session.tick(5.0)  # in the first hold
    assert session.ready(6.0) == [] and session.phase is Phase.HOLD
    session.tick(160.0)
    assert session.phase is Phase.CHANGE_OVER
    session.pause(161.0)
    # Ready while paused: the pause ends and so does the change-over, at that moment.
    events = session.ready(300.0)
    assert [describe(e) for e in events] == [("phase", Phase.GET_READY, CURL, None, 0)]
    assert not session.paused
    assert session.remaining(300.0) == 3.0


def test_the_time_left_in_the_session_follows_the_deadlines(routine: Routine) -> None:
    session = GuidedSession(routine, {}, 0.0)
    total = session.planned_seconds
    assert session.session_remaining(0.0) == total == 598.0
    session.tick(4.5)
    assert session.session_remaining(4.5) == pytest.approx(total - 4.5)
    session.pause(4.5)
    assert session.session_remaining(100.0) == pytest.approx(total - 4.5)  # frozen
    session.resume(100.0)
    session.tick(160.0 + 95.5)  # the change-over to the curls, just begun
    assert session.phase is Phase.CHANGE_OVER
    assert session.session_remaining(255.5) == pytest.approx(total - 160.0)
    session.ready(256.5)  # 14 s of the change-over not needed
    assert session.session_remaining(256.5) == pytest.approx(total - 160.0 - 15.0)
    session.skip_exercise(257.0)  # the curls (160 s) skipped
    assert session.session_remaining(257.0) == pytest.approx(15 + 3 + 10 * 20 + 9 * 5)
    session.stop(258.0)
    assert session.session_remaining(258.0) == 0.0


def test_the_change_over_setting_has_a_floor_and_a_default() -> None:
    assert CHANGE_OVER_MIN_S == CHANGE_OVER_DEFAULT_S == 15
    assert change_over_seconds(None) == 15
    assert change_over_seconds("40") == 15  # not a number as stored
    assert change_over_seconds(True) == 15
    assert change_over_seconds(5) == 15
    assert change_over_seconds(40) == 40
    assert change_over_seconds(10_000) == 600
    # Typed in the settings: refused outside 15-600 s rather than changed.
    assert check_change_over(" 40 ") == 40
    assert check_change_over("15") == 15 and check_change_over("600") == 600
    for bad in ("14", "601", "abc", "", "20.5"):
        with pytest.raises(ValidationError, match="Change-over: give whole seconds from 15"):
            check_change_over(bad)


def test_only_exercises_with_a_change_over_text_get_one(routine: Routine) -> None:
    plain = routine._replace(exercises=tuple(e._replace(change_over="") for e in routine.exercises))
    assert Phase.CHANGE_OVER not in {s.phase for s in GuidedSession(plain, {}, 0.0).plan}
    # The first exercise's text is never used: the session starts on s.
    first = routine.exercises[0]._replace(change_over="Lie down on a mat.")
    session = GuidedSession(routine._replace(exercises=(first, *routine.exercises[1:])), {}, 0.0)
    assert session.phase is Phase.GET_READY
    assert [s.exercise.id for s in session.plan if s.phase is Phase.CHANGE_OVER] == [CURL, CALF]
