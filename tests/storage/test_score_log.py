"""Logging a score with its run against a real SQLite file: the runs read for the
link, the run made from a distance, and both written together or not at all."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from kneetui.domain.after_run import RUN_FROM_SCORE
from kneetui.domain.models import Context, SorenessEntry
from kneetui.domain.runs import MAX_RUN_MINUTES, Run, RunSource
from kneetui.domain.soreness import new_entry
from kneetui.score_log import linked_to, log_score, run_at
from kneetui.storage import schema
from kneetui.storage.errors import StoreError
from kneetui.storage.store import Store
from tests.conftest import NOW


def a_run(ended: dt.datetime, km: float = 10.2, minutes: float = 62.0) -> Run:
    started = ended - dt.timedelta(minutes=minutes)
    return Run(
        uuid=str(uuid.uuid4()),
        started_at=started,
        local_day=started.date(),
        distance_km=km,
        elapsed_minutes=minutes,
        source=RunSource.GPX,
    )


def score(**kw: object) -> SorenessEntry:
    return new_entry(4, at=NOW, now=NOW, **kw)  # type: ignore[arg-type]


def test_a_score_with_nothing_given_takes_the_runs_distance_and_time(store: Store) -> None:
    run = a_run(NOW - dt.timedelta(hours=3))
    store.add_run(run)
    logged = log_score(store, score())
    assert logged.run == run and logged.added is None
    (stored,) = store.soreness()
    assert (stored.run_km, stored.run_minutes) == (10.2, 62.0)
    assert store.runs() == [run]
    assert linked_to(store, stored) == run


@pytest.mark.parametrize(
    ("ended_before", "minutes", "linked"),
    [
        (dt.timedelta(hours=12), 62.0, True),
        (dt.timedelta(hours=12, seconds=1), 62.0, False),
        # The longest run there can be, started 62 hours before: read by its start.
        (dt.timedelta(hours=12), MAX_RUN_MINUTES, True),
        (dt.timedelta(0), 62.0, True),
    ],
)
def test_the_runs_read_for_the_link_reach_back_12_hours_of_ending(
    store: Store, ended_before: dt.timedelta, minutes: float, linked: bool
) -> None:
    run = a_run(NOW - ended_before, minutes=minutes)
    store.add_run(run)
    assert (run_at(store, NOW) == run) is linked
    assert (log_score(store, score()).run == run) is linked


def test_a_distance_with_no_run_is_stored_as_a_manual_run(store: Store) -> None:
    logged = log_score(store, score(run_km=8.0, run_minutes=45.0))
    assert logged.run is None and logged.added is not None
    (run,) = store.runs()
    assert run == logged.added
    assert (run.distance_km, run.elapsed_minutes, run.source) == (8.0, 45.0, RunSource.MANUAL)
    assert run.ended_at == NOW
    # A second score after the same run is linked to it: no second run.
    later = new_entry(5, at=NOW + dt.timedelta(hours=1), now=NOW + dt.timedelta(hours=1))
    assert log_score(store, later).run == run
    assert store.runs() == [run]
    assert [s.run_km for s in store.soreness()] == [8.0, 8.0]


def test_a_distance_with_a_run_behind_it_adds_no_run(store: Store) -> None:
    run = a_run(NOW - dt.timedelta(hours=1))
    store.add_run(run)
    logged = log_score(store, score(run_km=8.0))
    assert (logged.run, logged.added, logged.entry.run_km) == (run, None, 8.0)
    assert store.runs() == [run]


def test_other_contexts_neither_link_nor_add_a_run(store: Store) -> None:
    store.add_run(run := a_run(NOW - dt.timedelta(hours=1)))
    for context in (Context.NEXT_MORNING, Context.OTHER):
        logged = log_score(store, score(context=context, run_km=8.0))
        assert (logged.run, logged.added) == (None, None)
    assert store.runs() == [run]


def test_a_score_refused_by_the_database_leaves_no_run(store: Store) -> None:
    entry = score()
    store.add_soreness(entry)
    twin = entry._replace(run_km=8.0)  # the same uuid: refused
    with pytest.raises(StoreError, match="refused"):
        log_score(store, twin)
    assert store.runs() == []
    assert store.soreness() == [entry]


def test_a_run_made_from_a_score_has_the_uuid_the_migration_gives() -> None:
    """A score migrated by 0004_runs and one logged now make runs in the same
    namespace: one score, one run uuid, on every device."""
    assert RUN_FROM_SCORE == schema._RUN_FROM_SCORE
