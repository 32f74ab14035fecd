"""What the coaching load reads from the store: hold progression decides on the
completed sessions of the last four weeks."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.exchange import Bundle
from kneetui.domain.routine import Routine
from kneetui.gather import REPS_LOOK_BACK, load_coaching
from kneetui.storage.store import Store
from tests.histories import score, session

TODAY = dt.date(2026, 11, 18)


@pytest.mark.parametrize(("weeks_ago", "suggested"), [(3, True), (5, False)])
def test_progression_reads_the_sessions_of_the_last_four_weeks(
    store: Store, routine: Routine, weeks_ago: int, suggested: bool
) -> None:
    assert dt.timedelta(weeks=4) == REPS_LOOK_BACK
    last = TODAY - dt.timedelta(weeks=weeks_ago)
    days = [last - dt.timedelta(days=n) for n in (4, 2, 0)]
    store.import_bundle(
        Bundle(
            sessions=tuple(session(routine, day) for day in days),
            soreness=tuple(score(day, 2) for day in days),
        )
    )
    coaching = load_coaching(store, routine, TODAY)
    # Three completed sessions at the first step with safe scores: a step up,
    # unless they lie outside the four weeks progression reads.
    assert bool(coaching.suggestions) is suggested
    # Adherence still sees every completed session, however old.
    assert coaching.adherence.last_session_day == last
