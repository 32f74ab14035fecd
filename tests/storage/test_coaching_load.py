"""What the coaching load reads from the store: hold progression decides on the
completed sessions of the last four weeks, and the red flags, high scores and
first weeks it needs from further back are read too."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.coaching import coach
from kneetui.domain.exchange import Bundle
from kneetui.domain.models import Acknowledgement, Flag, LevelChange
from kneetui.domain.routine import Routine
from kneetui.gather import REPS_LOOK_BACK, load_coaching
from kneetui.storage.store import Store
from tests.histories import _id, at, score, session

TODAY = dt.date(2026, 11, 18)


@pytest.mark.parametrize(("first_days_ago", "stepped_up"), [(27, True), (29, False)])
def test_progression_reads_the_sessions_of_the_last_four_weeks(
    store: Store, routine: Routine, first_days_ago: int, stepped_up: bool
) -> None:
    assert dt.timedelta(weeks=4) == REPS_LOOK_BACK
    # Sessions every 13 days (no gap of 14): the first of the three is 27 or 29
    # days back, inside or just outside the four weeks.
    first = TODAY - dt.timedelta(days=first_days_ago)
    days = [first + dt.timedelta(days=13 * n) for n in range(3)]
    store.import_bundle(
        Bundle(
            sessions=tuple(session(routine, day) for day in days),
            soreness=tuple(score(day, 2) for day in days),
        )
    )
    coaching = load_coaching(store, routine, TODAY)
    kinds = {s.kind.value for s in coaching.suggestions}
    # Three counted sessions at the first step with safe scores: a step up,
    # unless one lies outside the four weeks progression reads.
    assert ("progress" in kinds) is stepped_up
    assert kinds <= {"progress"}
    # Adherence still sees every completed session, however old.
    assert coaching.adherence.last_session_day == days[-1]


def test_old_red_flags_and_high_scores_are_read_however_old(store: Store, routine: Routine) -> None:
    """A symptom a year ago, never acknowledged, still stands; a score of 9 a year
    ago that eased the next day does not (its next day is read with it)."""
    old = TODAY - dt.timedelta(days=365)
    store.import_bundle(
        Bundle(
            soreness=(
                score(old, 6, flags=(Flag.LOCKING,)),
                score(old - dt.timedelta(days=30), 9),
                score(old - dt.timedelta(days=29), 2, hour=8),
            )
        )
    )
    coaching = load_coaching(store, routine, TODAY)
    assert [(f.rule, f.entry.local_day) for f in coaching.red_flags] == [("red-flag-symptom", old)]
    store.add_acknowledgement(Acknowledgement(_id("ack"), at(TODAY, 9), TODAY))
    assert load_coaching(store, routine, TODAY).red_flags == ()


def test_an_old_score_of_6_still_holds_a_step_up_until_a_hold_is_set(
    store: Store, routine: Routine
) -> None:
    """Three good sessions this week, and a 6 a year ago: the app reads that 6
    (the latest of its kind), so every exercise holds until its hold is set."""
    days = [TODAY - dt.timedelta(days=n) for n in (5, 3, 1)]
    store.import_bundle(
        Bundle(
            sessions=tuple(session(routine, day) for day in days),
            soreness=(
                *(score(day, 2) for day in days),
                score(TODAY - dt.timedelta(days=365), 6),
            ),
        )
    )
    coaching = load_coaching(store, routine, TODAY)
    assert {s.rule for s in coaching.suggestions} == {"hold-high-score"}
    for exercise in routine.exercises:
        store.set_level(LevelChange(exercise.id, exercise.hold_ladder[0], at(TODAY, 0)))
    # Confirmed this morning: sessions count from now, and there are none yet.
    assert load_coaching(store, routine, TODAY).suggestions == ()


def test_the_baseline_starts_after_the_first_counted_session_however_old(
    store: Store, routine: Routine
) -> None:
    """A session with every exercise skipped 20 weeks ago does not start the
    routine; the first counted one, 15 weeks ago, does. The app reads the week of
    scores from then, as the rules over the whole history would."""
    skipped = session(routine, TODAY - dt.timedelta(weeks=20))._replace(reps=())
    first = TODAY - dt.timedelta(weeks=15)
    days = [first + dt.timedelta(days=n) for n in range(0, 105, 2)]
    scores = [score(TODAY - dt.timedelta(weeks=18), 1)]
    scores += [score(first + dt.timedelta(days=n), 6) for n in range(7)]
    scores += [score(TODAY - dt.timedelta(days=n), 5) for n in range(7)]
    bundle = Bundle(
        sessions=(skipped, *(session(routine, d) for d in days)), soreness=tuple(scores)
    )
    store.import_bundle(bundle)
    loaded = load_coaching(store, routine, TODAY).assessment
    whole = coach(routine, routine.schedule, list(bundle.sessions), scores, [], TODAY).assessment
    assert loaded.start == first and loaded.figures.baseline_start == first
    assert loaded == whole
    assert loaded.baseline_mean == 6.0
