"""The one place kneetui reads the wall clock and the local time zone.

The domain is handed `now`; the command line and the app take it from here, and
tests replace it by passing their own.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

WallClock = Callable[[], dt.datetime]
MonotonicClock = Callable[[], float]


def now_local() -> dt.datetime:
    """The current moment, aware, in the machine's local zone."""
    return dt.datetime.now().astimezone()


def monotonic() -> float:
    return time.monotonic()


def localize(naive: dt.datetime) -> dt.datetime:
    """A naive local wall time made aware in the machine's zone.

    In the hour repeated when clocks go back, `fold=0` picks the first occurrence.
    """
    return naive.astimezone()


def local_day(moment: dt.datetime) -> dt.date:
    """The machine's local calendar day of an aware moment, with the offset the
    zone had then (daylight saving included)."""
    return moment.astimezone().date()
