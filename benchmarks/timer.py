"""The session timer under load: ticks, phase changes and drift with the chart
redrawn every second, in the real app on the real monotonic clock.

Why: a plotext build runs on the event loop, and a slow one once made 0.1 s
ticks half a second late. The session itself cannot drift (every step starts at
the previous deadline), but the screen can lag and a phase change, with its
bell, can land late. This runs a short routine (about 20 s) in
`KneetuiApp.run_test()` on a large history and watches three things:

- tick lateness: the gaps between consecutive display ticks (calls of
  `session_tick` by the app's interval timer) beyond `app.tick_seconds`;
- phase-change lateness: when the session's step changes, how long after the
  ended step's deadline the app noticed (deadlines are `now + remaining(now)`,
  noted at every call while the step still runs);
- drift: when the app saw the session finish, minus its start, minus the plan's
  total seconds;
- rep writes: how long each rep (and the final status), handed to the store's
  writer thread as its hold ends, took to be committed (a rep must be on disk
  within a second of its hold's end).

The instrumentation wraps `session_tick` on the app instance, and `set_timer`
only to tell the one-shot deadline calls apart from the display ticks.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kneetui.domain.routine import Routine, parse_routine
from kneetui.domain.session import GuidedSession, Step
from kneetui.domain.trend import Trend
from kneetui.gather import CHECK_IN_DISMISSED
from kneetui.storage.store import Store
from kneetui.tui.state import RANGES, load_chart

TERMINAL_SIZE = (120, 36)
REDRAW_EVERY_S = 1.0

_HEAD = """
[routine]
name = "Benchmark routine"
advice = "A short routine for timing the app; not for training."
schedule = ["mon", "wed", "fri"]
get_ready_s = 1
"""

_EXERCISE = """
[[exercise]]
id = "{id}"
name = "{name}"
strengthens = "the timer"
equipment = "none"
setup = "Sit still."
steps = ["Hold.", "Lower."]
summary = "Hold, then lower."
sides = "{sides}"
reps = {reps}
hold_ladder = [{hold}]
between = "{between}"
between_s = 1
"""

# Two alternating exercises (2 reps a leg, 1 s holds) and one both-feet exercise
# (2 reps, 2 s holds): 22 s in all, with 20 phase changes.
SHORT_ROUTINE = (
    _HEAD
    + _EXERCISE.format(
        id="leg-raise", name="Leg Raises", sides="alternate", reps=2, hold=1, between="switch"
    )
    + _EXERCISE.format(
        id="hamstring-curl",
        name="Hamstring Curls",
        sides="alternate",
        reps=2,
        hold=1,
        between="switch",
    )
    + _EXERCISE.format(
        id="calf-raise", name="Calf Raises", sides="both", reps=2, hold=2, between="rest"
    )
)
# For the smoke test: one 1 s hold after a 1 s count-in.
TINY_ROUTINE = _HEAD + _EXERCISE.format(
    id="leg-raise", name="Leg Raises", sides="both", reps=1, hold=1, between="rest"
)


@dataclass(frozen=True, slots=True)
class TimerResult:
    worst_tick_extra_s: float
    worst_phase_late_s: float
    drift_s: float
    planned_s: float
    tick_s: float  # the app's display tick interval
    ticks: int
    phase_changes: int
    redraws: int  # charts drawn during the session
    worst_write_s: float  # from handing a write to the writer thread to its commit
    writes: int


def short_routine(text: str = SHORT_ROUTINE) -> Routine:
    return parse_routine(text, "benchmarks.timer")


@dataclass
class _Probe:
    """What the wrapped `session_tick` saw."""

    clock: Callable[[], float]
    display_ticks: list[float] = field(default_factory=list)
    phase_late: list[float] = field(default_factory=list)
    started: float | None = None
    ended: float | None = None
    planned_s: float = 0.0
    in_deadline_call: bool = False
    _step: Step | None = None
    _deadline: float = 0.0

    def observe(self, session: GuidedSession, now: float) -> None:
        """Note a step change (and how late it came) and the current deadline."""
        if self._step is None:
            self._step = session.step
            self._deadline = now + session.remaining(now)
            self.started = self._deadline - session.step.duration_s
            self.planned_s = session.planned_seconds
            return
        if session.step is not self._step:
            self.phase_late.append(now - self._deadline)
            self._step = session.step
            if session.finished:
                self.ended = now
                return
        self._deadline = now + session.remaining(now)


def _instrument(app: Any, probe: _Probe) -> None:
    """Wrap the app's `session_tick` (instance attribute, so the timers the app
    sets from now on call the wrapper) and its `set_timer`, to mark deadline calls."""
    original_tick = app.session_tick
    original_set_timer = app.set_timer

    def session_tick() -> None:
        now = probe.clock()
        if not probe.in_deadline_call:
            probe.display_ticks.append(now)
        original_tick()
        if app.recorder is not None:
            probe.observe(app.recorder.session, now)

    def deadline_tick() -> None:
        probe.in_deadline_call = True
        try:
            session_tick()
        finally:
            probe.in_deadline_call = False

    def set_timer(delay: float, callback: Any = None, **options: Any) -> Any:
        if callback is session_tick:
            if app.recorder is not None:
                # Scheduling happens at the start and right after each phase change.
                probe.observe(app.recorder.session, probe.clock())
            callback = deadline_tick
        return original_set_timer(delay, callback, **options)

    app.session_tick = session_tick
    app.set_timer = set_timer


def run_session(path: Path, routine: Routine, *, timeout_s: float = 120.0) -> TimerResult:
    """Run `routine` once in the app on the database at `path` (which it writes to)."""
    return asyncio.run(_run_session(path, routine, timeout_s))


async def _run_session(path: Path, routine: Routine, timeout_s: float) -> TimerResult:
    from kneetui.tui.app import KneetuiApp
    from kneetui.tui.widgets import trend_plot
    from kneetui.tui.widgets.trend_plot import TrendPlot

    now = dt.datetime.now().astimezone()
    with Store.open(path, now=now) as store:
        # The next-morning question would cover the dashboard.
        store.set_setting(CHECK_IN_DISMISSED, now.date().isoformat())
        trend = _all_time_trend(store, routine, now.date())
        app = KneetuiApp(store, routine, quiet=True, monotonic_clock=time.monotonic)
        write_s = _time_writes(store)
        probe = _Probe(time.monotonic)
        renders = 0
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            deadline = time.monotonic() + timeout_s
            while app.dashboard.state is None or not app.query(TrendPlot):
                await _wait(pilot, deadline, "the dashboard did not load")
            plot = app.query_one(TrendPlot)
            original_build = trend_plot.build_chart

            def counted_build(*args: Any) -> Any:
                nonlocal renders
                renders += 1  # in the worker thread; only this bench reads it
                return original_build(*args)

            trend_plot.build_chart = counted_build  # type: ignore[assignment]
            try:
                _instrument(app, probe)
                await pilot.press("s")
                if app.recorder is None:
                    raise RuntimeError("pressing s did not start a session")
                redrawing = asyncio.create_task(_redraw_every_second(plot, trend))
                try:
                    while not app.recorder.session.finished:
                        await _wait(pilot, deadline, "the session did not finish")
                finally:
                    redrawing.cancel()
                await pilot.pause()
            finally:
                trend_plot.build_chart = original_build  # type: ignore[assignment]
    if probe.started is None or probe.ended is None:
        raise RuntimeError("the session's start or end was not observed")
    gaps = [b - a for a, b in zip(probe.display_ticks, probe.display_ticks[1:], strict=False)]
    return TimerResult(
        worst_tick_extra_s=max(gaps, default=0.0) - app.tick_seconds,
        worst_phase_late_s=max(probe.phase_late, default=0.0),
        drift_s=probe.ended - probe.started - probe.planned_s,
        planned_s=probe.planned_s,
        tick_s=app.tick_seconds,
        ticks=len(probe.display_ticks),
        phase_changes=len(probe.phase_late),
        redraws=renders,
        worst_write_s=max(write_s, default=0.0),
        writes=len(write_s),
    )


def _time_writes(store: Store) -> list[float]:
    """Wrap `store.later` (on the instance) to note how long each write handed to
    the writer thread takes to be done; the list fills in as they are."""
    seconds: list[float] = []
    original = store.later

    def later(write: Any) -> Any:
        handed = time.monotonic()
        future = original(write)
        future.add_done_callback(lambda _: seconds.append(time.monotonic() - handed))
        return future

    store.later = later  # type: ignore[method-assign]
    return seconds


async def _wait(pilot: Any, deadline: float, failure: str) -> None:
    if time.monotonic() > deadline:
        raise RuntimeError(failure)
    await asyncio.sleep(0.02)


async def _redraw_every_second(plot: Any, trend: Trend) -> None:
    """Replot the chart with the whole history each second, as a busy dashboard
    would (the plot is drawn again, in its worker, on its next repaint)."""
    while True:
        await asyncio.sleep(REDRAW_EVERY_S)
        plot.replot(trend)


def _all_time_trend(store: Store, routine: Routine, today: dt.date) -> Trend:
    return load_chart(store, today, len(RANGES) - 1).trend
