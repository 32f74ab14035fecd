"""Textual's repeating timer, put right after a late tick (kneetui.tui.frame_timer)."""

from __future__ import annotations

import asyncio
import hashlib
import inspect

import pytest
import textual
import textual.timer
from textual import _time
from textual.timer import EventTargetGone, Timer

from kneetui.tui import frame_timer
from kneetui.tui.app import KneetuiApp

INTERVAL = 1 / 60


def test_the_app_runs_the_fixed_timer() -> None:
    assert KneetuiApp is not None  # importing the app installs the fix
    assert Timer._run is frame_timer._run


def test_textual_is_the_version_the_fix_was_written_for() -> None:
    # When this fails, Textual was updated: compare its Timer._run with
    # frame_timer._run, keep the fix only if the bug is still there, then update
    # FIXED_VERSION and ORIGINAL_SHA256.
    assert textual.__version__ == frame_timer.FIXED_VERSION
    source = inspect.getsource(frame_timer._original_run)
    assert hashlib.sha256(source.encode()).hexdigest() == frame_timer.ORIGINAL_SHA256


@pytest.mark.parametrize("late_by", [0.1, 0.5, 0.9, 1.0, 2.5, 7.01])
def test_a_late_timer_ticks_at_the_next_boundary(late_by: float) -> None:
    start = 100.0
    now = start + late_by * INTERVAL
    count = frame_timer.skipped_count(start, INTERVAL, now)
    next_tick = start + (count + 1) * INTERVAL
    assert now - 1e-9 <= next_tick <= now + INTERVAL


def test_the_next_frame_after_a_slow_one_is_not_an_interval_late(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A frame that overran: the next one asked for comes at the next boundary
    (Textual 8.2.8 waited for the one after). The clock is Textual's own, made
    to jump; the sleeps are recorded, not slept."""
    clock = [0.0]
    sleeps: list[float] = []
    ticks: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds
        await asyncio.sleep(0)

    monkeypatch.setattr(_time, "get_time", lambda: clock[0])
    monkeypatch.setattr(_time, "sleep", fake_sleep)
    monkeypatch.setattr(textual.timer, "sleep", fake_sleep)  # Textual's own binding

    class Target:
        pass

    async def run() -> None:
        def tick() -> None:
            ticks.append(clock[0])
            if len(ticks) == 1:
                clock[0] += 1.5 * INTERVAL  # the first frame overran

        timer = Timer(Target(), INTERVAL, callback=tick, skip=True)  # type: ignore[arg-type]

        async def tick_now(*, next_timer: float, count: int) -> None:
            tick()
            if len(ticks) == 2:
                raise EventTargetGone  # ends the timer's loop

        timer._tick = tick_now  # type: ignore[method-assign]
        await frame_timer._run(timer)

    asyncio.run(run())
    assert len(ticks) == 2
    # Late by half an interval after the first tick: the second waits for the
    # boundary at 3 intervals, not 4.
    assert ticks[1] == pytest.approx(3 * INTERVAL)


def test_a_timer_method_other_than_the_one_fixed_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def other_run(self: Timer) -> None:
        await self._tick(next_timer=0.0, count=0)

    monkeypatch.setattr(Timer, "_run", other_run)
    assert frame_timer.install() is False
    assert Timer._run is other_run
    monkeypatch.setattr(Timer, "_run", frame_timer._original_run)
    assert frame_timer.install() is True
    assert Timer._run is frame_timer._run
