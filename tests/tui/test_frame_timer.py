"""Textual's repeating timer, put right after a late tick (kneetui.tui.frame_timer)."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import itertools

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
def test_the_missed_ticks_are_skipped(late_by: float) -> None:
    start = 100.0
    now = start + late_by * INTERVAL
    count = frame_timer.skipped_count(start, INTERVAL, now)
    # Every boundary passed is counted, and no more.
    assert start + count * INTERVAL <= now + 1e-9
    assert now < start + (count + 1) * INTERVAL + 1e-9


@pytest.mark.parametrize(
    ("since_last_tick", "waits"),
    [(0.25, 0.75), (0.99, 0.01), (1.0, 0.0), (1.01, 0.0), (3.0, 0.0)],
)
def test_a_late_tick_comes_at_once_but_an_interval_after_the_last(
    since_last_tick: float, waits: float
) -> None:
    now = 50.0
    last = now - since_last_tick * INTERVAL
    assert frame_timer.late_tick(now, last, INTERVAL) - now == pytest.approx(waits * INTERVAL)
    assert frame_timer.late_tick(now, None, INTERVAL) == now


def _ticks(monkeypatch: pytest.MonkeyPatch, work: list[float]) -> list[float]:
    """Run the fixed timer on Textual's own clock, made to jump: tick k takes
    work[k] intervals. The sleeps are recorded, not slept. Returns the tick
    times, in intervals."""
    clock = [0.0]
    ticks: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        clock[0] += seconds
        await asyncio.sleep(0)

    monkeypatch.setattr(_time, "get_time", lambda: clock[0])
    monkeypatch.setattr(_time, "sleep", fake_sleep)
    monkeypatch.setattr(textual.timer, "sleep", fake_sleep)  # Textual's own binding

    class Target:
        pass

    async def run() -> None:
        timer = Timer(Target(), INTERVAL, skip=True)  # type: ignore[arg-type]

        async def tick_now(*, next_timer: float, count: int) -> None:
            ticks.append(clock[0] / INTERVAL)
            clock[0] += work[len(ticks) - 1] * INTERVAL
            if len(ticks) == len(work):
                raise EventTargetGone  # ends the timer's loop

        timer._tick = tick_now  # type: ignore[method-assign]
        await frame_timer._run(timer)

    asyncio.run(run())
    return ticks


def test_the_next_frame_after_a_slow_one_comes_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A frame that overran by half an interval: the next one comes as soon as it
    ends (Textual 8.2.8 waited for the boundary after next, at 4 intervals), and
    the rhythm goes on from there."""
    ticks = _ticks(monkeypatch, [1.5, 0.1, 0.1])
    assert ticks == pytest.approx([1.0, 2.5, 3.5])


def test_a_timer_as_slow_as_its_interval_still_lets_the_loop_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each tick takes a little longer than the interval, so every next tick is
    due at once; Textual's sleep neither waits nor yields for so short a time.
    Other work (input, other timers) must still get the loop between ticks."""
    clock = [0.0]
    turns = [0]
    seen: list[int] = []

    async def textual_sleep(seconds: float) -> None:  # as textual._time.sleep
        if seconds - 0.0005 > 0:
            clock[0] += seconds
            await asyncio.sleep(0)

    monkeypatch.setattr(_time, "get_time", lambda: clock[0])
    monkeypatch.setattr(_time, "sleep", textual_sleep)
    monkeypatch.setattr(textual.timer, "sleep", textual_sleep)

    class Target:
        pass

    async def run() -> None:
        async def other_work() -> None:
            while True:
                turns[0] += 1
                await asyncio.sleep(0)

        other = asyncio.get_running_loop().create_task(other_work())
        timer = Timer(Target(), INTERVAL, skip=True)  # type: ignore[arg-type]

        async def slow_tick(*, next_timer: float, count: int) -> None:
            seen.append(turns[0])
            clock[0] += 1.2 * INTERVAL
            if len(seen) == 5:
                raise EventTargetGone

        timer._tick = slow_tick  # type: ignore[method-assign]
        await frame_timer._run(timer)
        other.cancel()

    asyncio.run(run())
    assert all(later > earlier for earlier, later in itertools.pairwise(seen)), seen


def test_quick_frames_keep_the_rhythm(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _ticks(monkeypatch, [0.2, 0.2, 0.2]) == pytest.approx([1.0, 2.0, 3.0])


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
