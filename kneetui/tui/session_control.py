"""The guided session in the app: starting it, the display tick and the exact
deadline timer, applying the session's events (each rep handed to the writer
thread), pausing under any screen over the dashboard, and the session's keys.

A mixin of `KneetuiApp`, kept apart so app.py holds the wiring and start-up
only. The session machinery is imported where first used: each import costs
start-up time before the first paint.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen
from textual.worker import Worker

from kneetui.domain.errors import KneetuiError
from kneetui.gather import change_over_of
from kneetui.tui.state import load_plan

if TYPE_CHECKING:
    from textual.timer import Timer

    from kneetui.clock import MonotonicClock, WallClock
    from kneetui.domain.routine import Routine
    from kneetui.domain.session import Event, SessionFinished
    from kneetui.session_recorder import SessionRecorder
    from kneetui.storage.store import Store
    from kneetui.tui.screens.dashboard import DashboardScreen

    _AppBase = App[int]
else:
    _AppBase = object


class SessionControl(_AppBase):
    """The session's part of the app; `KneetuiApp` sets these attributes."""

    if TYPE_CHECKING:
        store: Store
        routine: Routine
        clock: WallClock
        monotonic_clock: MonotonicClock
        quiet: bool
        tick_seconds: float
        recorder: SessionRecorder | None
        _ticker: Timer | None
        _deadline_timer: Timer | None
        _paused_by_screen: bool

        @property
        def dashboard(self) -> DashboardScreen: ...

        def refresh_dashboard(self) -> None: ...

        def settle_memory(self, *, collect: bool = True) -> None: ...

    @property
    def session_running(self) -> bool:
        return self.recorder is not None and not self.recorder.session.finished

    def action_start(self) -> None:
        if self.session_running:
            return
        if not self.dashboard.complete:
            self.dashboard.when_complete(self.action_start)
            return
        self.settle_memory(collect=False)
        from kneetui.session_recorder import SessionRecorder

        try:
            self.recorder = SessionRecorder(
                self.store,
                self.routine,
                wall=self.clock,
                start=self.monotonic_clock(),
                change_over_s=change_over_of(self.store),
            )
        except KneetuiError as error:
            self.notify(str(error), title="Could not start", severity="error")
            return
        self.dashboard.timer_mode = "running"
        self.dashboard.timer_notice = ""
        self.dashboard.show_current_exercise(self.recorder.session.step.exercise.id)
        self._ticker = self.set_interval(self.tick_seconds, self.session_tick)
        self._show_session()
        self._schedule_deadline()
        self.refresh_bindings()
        self.ring()

    def session_tick(self) -> None:
        """Advance the session to now: called by the display timer and at each
        deadline; the session itself works out what has happened since."""
        if self.recorder is None or not self.session_running:
            return
        if not self.is_running or not self.screen_stack or not self.dashboard.is_attached:
            return  # the app is closing: its widgets are being removed
        self._apply(self.recorder.session.tick(self.monotonic_clock()))

    def _apply(self, events: list[Event]) -> None:
        from kneetui.domain.session import PhaseChanged, RepCompleted, SessionFinished

        recorder = self.recorder
        if recorder is None:
            return
        # Committed by the writer thread: the timer goes on at once, and the plan
        # and the end of the session are shown once their rows are stored.
        written = recorder.store_events(events)
        if any(isinstance(e, PhaseChanged) for e in events):
            self.refresh_bindings()  # space reads "Ready" in a change-over only
            self.ring()
            self._schedule_deadline()
            self.dashboard.show_current_exercise(
                None if recorder.session.finished else recorder.session.step.exercise.id
            )
        finished = next((e for e in events if isinstance(e, SessionFinished)), None)
        if finished is not None:
            self._stop_timers()
            self._after_writes(written, "Rep not saved", lambda: self._finish(finished))
            return
        self._show_session()
        if any(isinstance(e, RepCompleted) for e in events):
            self._after_writes(written, "Rep not saved", self._show_plan)
        elif written:
            self._after_writes(written, "Rep not saved")

    def _after_writes(
        self, written: list[Future[None]], failed: str, then: Callable[[], None] | None = None
    ) -> Worker[None]:
        """Once the writer thread is done with `written`, call `then` on the event
        loop; a write that fails is reported the moment it does (the session goes
        on)."""

        async def wait() -> None:
            for future in written:
                try:
                    await asyncio.wrap_future(future)
                except Exception as error:
                    self.notify(str(error), title=failed, severity="error", timeout=10)
            if then is not None:
                then()

        worker: Worker[None] = self.run_worker(wait, group="writes", exit_on_error=False)
        return worker

    def _show_plan(self) -> None:
        self.dashboard.show_plan(load_plan(self.store, self.routine, self.clock().date()))

    def _show_session(self) -> None:
        from kneetui.domain.sessions import timer_view

        if self.recorder is not None:
            now = self.monotonic_clock()
            self.dashboard.timer.show_running(timer_view(self.recorder.session, now))

    def _schedule_deadline(self) -> None:
        """A one-shot timer at the current step's deadline, so each phase change
        lands on time rather than at the next display tick."""
        if self._deadline_timer is not None:
            self._deadline_timer.stop()
            self._deadline_timer = None
        if self.recorder is None or self.recorder.session.paused:
            return
        remaining = self.recorder.session.remaining(self.monotonic_clock())
        self._deadline_timer = self.set_timer(remaining, self.session_tick)

    def _stop_timers(self) -> None:
        """The session's display tick and deadline, stopped and forgotten."""
        for timer in (self._ticker, self._deadline_timer):
            if timer is not None:
                timer.stop()
        self._ticker = self._deadline_timer = None

    def _finish(self, event: SessionFinished) -> None:
        from kneetui.domain.sessions import summary_text, totals

        recorder = self.recorder
        assert recorder is not None
        previous = self.store.last_finished_session(excluding=recorder.uuid)
        summary = summary_text(
            event.completed,
            totals(recorder.reps),
            recorder.session.planned_reps,
            totals(previous.reps) if previous else None,
        )
        self.dashboard.timer_mode = "summary"
        self.dashboard.timer.show_summary(summary)
        self.refresh_bindings()
        self.refresh_dashboard()

    def ring(self) -> None:
        if not self.quiet:
            self.bell()

    def _in_change_over(self) -> bool:
        """A change-over is running and not paused: space says "ready" then."""
        from kneetui.domain.session import Phase

        session = self.recorder.session if self.recorder is not None else None
        return session is not None and session.phase is Phase.CHANGE_OVER and not session.paused

    def action_ready(self) -> None:
        """Space in a change-over: the count-in of the next exercise starts at once."""
        if self.session_running and self.recorder is not None and self._in_change_over():
            self._apply(self.recorder.session.ready(self.monotonic_clock()))

    def action_pause(self) -> None:
        """Space pauses and resumes."""
        if not self.session_running or self.recorder is None:
            return
        session = self.recorder.session
        now = self.monotonic_clock()
        if session.paused:
            self._apply(session.resume(now))
        else:
            self._apply(session.pause(now))
        self._schedule_deadline()
        self._show_session()

    def action_skip_rep(self) -> None:
        if self.session_running and self.recorder is not None:
            self._apply(self.recorder.session.skip_rep(self.monotonic_clock()))

    def action_skip_exercise(self) -> None:
        if self.session_running and self.recorder is not None:
            self._apply(self.recorder.session.skip_exercise(self.monotonic_clock()))

    def _screen_changed(self, screen: Screen[object]) -> None:
        """Any screen over the dashboard (the log form, help, the stop question,
        the command palette) pauses a running session: a hold must not run on
        unseen behind it. Back on the dashboard, the session resumes, unless the
        runner had paused it before the screen opened."""
        if self.recorder is None or not self.session_running:
            self._paused_by_screen = False
            return
        session = self.recorder.session
        covered = bool(self.screen_stack) and screen is not self.screen_stack[0]
        if covered and not session.paused:
            self._paused_by_screen = True
            self._apply(session.pause(self.monotonic_clock()))
            self._schedule_deadline()
        elif not covered and self._paused_by_screen:
            self._paused_by_screen = False
            self._apply(session.resume(self.monotonic_clock()))
            self._schedule_deadline()

    def action_stop(self) -> None:
        """Stop after a confirmation; the session is paused while the question is
        open (as under any screen, see _screen_changed)."""
        if not self.session_running or self.recorder is None:
            return
        from kneetui.tui.screens.confirm import ConfirmScreen

        def answered(stop: bool | None) -> None:
            if stop and self.recorder is not None and not self.recorder.session.finished:
                self._apply(self.recorder.session.stop(self.monotonic_clock()))

        self.push_screen(
            ConfirmScreen("Stop the session? The reps done so far are kept.", "Stop"), answered
        )
