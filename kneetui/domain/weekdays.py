"""The days of the week as the schedule names them, and the next routine day.

A module of its own, importing only `datetime`: `kneetui status` runs on every
shell prompt and cannot load the routine parser (`domain.glance`), while the
dashboard (`domain.today`) and the routine file (`domain.routine`) use the same
names and the same answer.
"""

from __future__ import annotations

import datetime as dt

# Annotations only; importing `typing` would cost the prompt some 5 ms (mypy
# treats any `TYPE_CHECKING` name as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def next_routine_day(day: dt.date, schedule: Sequence[str]) -> dt.date | None:
    """The first scheduled day after `day`, or None with an empty schedule."""
    for ahead in range(1, 8):
        candidate = day + dt.timedelta(days=ahead)
        if WEEKDAYS[candidate.weekday()] in schedule:
            return candidate
    return None
