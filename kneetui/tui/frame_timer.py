"""A fix for Textual's repeating timer, which waits too long after a late tick.

Textual draws a screen from a repeating timer (60 a second), paused while there
is nothing to draw. When a tick comes late (a frame took longer than 1/60 s, or
the timer was paused), `Timer._run` in textual 8.2.8 moves its count past the
ticks it missed plus one more, so the next tick waits between one and two
intervals instead of none. Here a late tick comes at once (unless the previous
tick began less than an interval ago: then one interval after it), and the
ticks after it are counted from it.

At start-up, the complete dashboard takes one long frame (about 20 ms at
120x36), and laying its new panes out asks for a second layout during it.
Textual 8.2.8 drew that layout 17-33 ms later; counted to the next boundary of
the old rhythm it still came up to one interval later, idle all along; now it
comes right after (traced in a 120x36 pty at ten years, make bench). Every other
timer of the app (the session's display tick) gains the same: a late tick no
longer waits for the next boundary.

It replaces that one method, on the version it was written against only:
tests/tui/test_frame_timer.py fails when Textual's own method changes, so an
update is looked at again (perhaps the fix is then upstream and this goes).
"""

from __future__ import annotations

import asyncio
from asyncio import Event
from typing import cast

from textual import _time
from textual.timer import EventTargetGone, Timer

# The Textual this was written against, and the SHA-256 of its `Timer._run`
# source: the test checks both (not the app: reading `textual.__version__`
# imports importlib.metadata, some 10 ms and 1 MiB at start-up, and hashing
# the source needs `inspect` and `hashlib`).
FIXED_VERSION = "8.2.8"
ORIGINAL_SHA256 = "60c942a84c1a8765932ea4fe897d61a94d0a74dcd249ec0b4a6aad75757ade50"
# What the app checks before replacing the method, cheaply: the names the
# original uses. A Textual whose method reads other attributes keeps its own.
ORIGINAL_NAMES = (
    ("_repeat", "_interval", "_active", "wait", "_time", "get_time", "_skip", "int", "max",
     "sleep", "_reset", "_tick", "EventTargetGone"),
    ("self", "count", "_repeat", "_interval", "start", "next_timer", "now", "wait_time"),
)  # fmt: skip

_original_run = Timer._run


# Textual's `_time.sleep` neither waits nor yields for this long or less.
_UNSLEPT_S = 0.0005


def skipped_count(start: float, interval: float, now: float) -> int:
    """The ticks counted when a repeating timer started at `start` finds itself
    late at `now`: every boundary already passed is skipped. Textual added one
    more, waiting a whole interval for nothing."""
    return int((now - start) / interval)


def late_tick(now: float, last_tick: float | None, interval: float) -> float:
    """When a late tick comes: at once, but not sooner than `interval` after the
    previous tick began (`last_tick`, None before the first)."""
    return now if last_tick is None else max(now, last_tick + interval)


async def _run(self: Timer) -> None:
    """Textual 8.2.8's `Timer._run`, with a late tick at once (`late_tick`)."""
    count = 0
    _repeat = self._repeat
    _interval = self._interval
    # Creates the event in this thread, as Textual does (its cached_property
    # is opaque to mypy).
    active = cast(Event, self._active)
    await active.wait()
    start = _time.get_time()
    last_tick: float | None = None

    while _repeat is None or count <= _repeat:
        next_timer = start + ((count + 1) * _interval)
        now = _time.get_time()
        if self._skip and next_timer < now:
            count = skipped_count(start, _interval, now)
            if _repeat is not None and count > _repeat:
                break
            # The missed ticks are skipped, as in Textual; the next one comes
            # at once and the rhythm starts again from it.
            next_timer = late_tick(now, last_tick, _interval)
            start = next_timer - (count + 1) * _interval
        wait_time = max(0, next_timer - now)
        await _time.sleep(wait_time)
        if wait_time <= _UNSLEPT_S:
            # A tick due at once still lets the event loop run first: a callback
            # as slow as its interval would otherwise keep the loop to itself.
            await asyncio.sleep(0)
        count += 1
        await active.wait()
        if self._reset:
            start = _time.get_time()
            count = 0
            self._reset = False
            continue
        last_tick = _time.get_time()
        try:
            await self._tick(next_timer=next_timer, count=count)
        except EventTargetGone:
            break


def install() -> bool:
    """Put the fixed method in place, over the Textual method it was written
    for only; True if it is in place."""
    if Timer._run is _run:
        return True
    code = Timer._run.__code__
    if (code.co_names, code.co_varnames) != ORIGINAL_NAMES:
        return False
    Timer._run = _run  # type: ignore[method-assign]
    return True
