"""Logging a soreness score with the run behind it: `kneetui log` and the app's
log form share this, so both link, pre-fill and record runs the same way.

A score after a run is linked to the run that ended within the 12 hours before
it (`domain.after_run`). With no such run, the distance the runner typed is
stored as a manual run too, in the score's own transaction, so the runs table
stays the one record of runs and a refused score leaves no run behind.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from kneetui.domain.after_run import linked_run, prefilled, run_from_score
from kneetui.domain.models import Context, SorenessEntry
from kneetui.domain.runs import Run, run_before

if TYPE_CHECKING:
    from kneetui.storage.store import Store


class Logged(NamedTuple):
    """A score as stored, the run it is linked to, and the run made from its
    distance (when no run was there to link to)."""

    entry: SorenessEntry
    run: Run | None
    added: Run | None


def run_at(store: Store, moment: dt.datetime) -> Run | None:
    """The run a score "after run" logged at `moment` would be about."""
    return run_before(store.runs_linkable(moment), moment)


def linked_to(store: Store, entry: SorenessEntry) -> Run | None:
    """The run a stored score is linked to (None unless it is after a run)."""
    if entry.context is not Context.AFTER_RUN:
        return None
    return linked_run(entry, store.runs_linkable(entry.logged_at))


def log_score(store: Store, entry: SorenessEntry, *, prefill: bool = True) -> Logged:
    """Store `entry` after linking it. With `prefill`, a score that gives no
    distance or time takes the linked run's (the app's form has filled its
    fields already, and a field the runner cleared stays clear)."""
    run = linked_to(store, entry)
    if prefill:
        entry = prefilled(entry, run)
    added = run_from_score(entry) if run is None else None
    store.add_soreness(entry, added)
    return Logged(entry, run, added)
