"""Reads what the coaching rules need from the store and hands it to the domain.
Shared by `kneetui stats`, `kneetui routine` and the app, so all three agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kneetui.domain.coaching import Coaching, coach
from kneetui.domain.routine import Routine, check_schedule
from kneetui.storage.store import Store

SCHEDULE = "schedule"
CHECK_IN_DISMISSED = "check_in_dismissed_on"
QUIET = "quiet"


def schedule_of(store: Store, routine: Routine) -> tuple[str, ...]:
    """The runner's routine days, or the routine's default ones."""
    stored = store.setting(SCHEDULE)
    if isinstance(stored, list):
        try:
            return check_schedule(stored)
        except ValueError:
            pass  # a schedule edited by hand into nonsense: fall back to the default
    return routine.schedule


def set_schedule(store: Store, days: Sequence[str]) -> tuple[str, ...]:
    schedule = check_schedule(days)
    store.set_setting(SCHEDULE, list(schedule))
    return schedule


def dismissed_on(store: Store) -> dt.date | None:
    value = store.setting(CHECK_IN_DISMISSED)
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def load_coaching(store: Store, routine: Routine, today: dt.date) -> Coaching:
    return coach(
        routine,
        schedule_of(store, routine),
        store.sessions(),
        store.soreness(),
        store.levels(),
        today,
        check_in_dismissed_on=dismissed_on(store),
    )
