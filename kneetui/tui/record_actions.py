"""Soreness and the other records in the app: logging a score (and the morning
check-in's answer), the history, acknowledging red flags, accepting a hold
suggestion, the stats, the settings, the chart's range and the help.

A mixin of `KneetuiApp`, kept apart so app.py holds the wiring and start-up
only. The other screens are imported where first used: each import costs
start-up time before the first paint.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.worker import Worker

from kneetui.domain.errors import KneetuiError
from kneetui.domain.models import Context, LevelChange, SorenessEntry
from kneetui.gather import (
    CHANGE_OVER,
    CHECK_IN_DISMISSED,
    QUIET,
    change_over_of,
    schedule_of,
    set_schedule,
)
from kneetui.storage.store import Store
from kneetui.tui.state import RANGES, load_chart

if TYPE_CHECKING:
    from kneetui.clock import MonotonicClock, WallClock
    from kneetui.domain.progression import Suggestion
    from kneetui.domain.routine import Routine
    from kneetui.domain.runs import Run
    from kneetui.session_recorder import SessionRecorder
    from kneetui.tui.screens.dashboard import DashboardScreen

    _AppBase = App[int]
else:
    _AppBase = object


class RecordActions(_AppBase):
    """The records' part of the app; `KneetuiApp` sets these attributes."""

    if TYPE_CHECKING:
        store: Store
        routine: Routine
        clock: WallClock
        monotonic_clock: MonotonicClock
        quiet: bool
        zone: dt.tzinfo | None
        range_index: int
        recorder: SessionRecorder | None

        @property
        def dashboard(self) -> DashboardScreen: ...

        @property
        def session_running(self) -> bool: ...

        def refresh_dashboard(self) -> None: ...

        def _after_writes(
            self,
            written: list[Future[None]],
            failed: str,
            then: Callable[[], None] | None = None,
        ) -> Worker[None]: ...

    def _checked_in(self, answer: int | str | None) -> None:
        from kneetui.domain.soreness import new_entry
        from kneetui.tui.screens.check_in import ANSWER_FORM

        now = self.clock()
        try:
            if isinstance(answer, int):
                entry = new_entry(answer, at=now, now=now, context=Context.NEXT_MORNING)
                saved = self.store.later(partial(_add_soreness, entry))
                self._after_writes([saved], "Not saved", lambda: self._logged(entry))
            elif answer == ANSWER_FORM:
                self.action_log(Context.NEXT_MORNING)
            else:
                self.store.set_setting(CHECK_IN_DISMISSED, now.date().isoformat())
                self.refresh_dashboard()
        except KneetuiError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)

    def action_log(self, context: Context | None = None) -> None:
        from kneetui.tui.screens.log_form import LogSorenessScreen

        if isinstance(self.screen, LogSorenessScreen):
            return
        if context is None:
            # Once a session has ended here, a score is about it, not about a run.
            ended = self.recorder is not None and self.recorder.session.finished
            context = Context.OTHER if ended else Context.AFTER_RUN
        from kneetui.score_log import run_at

        # Read whatever the context: the form offers the run once "After a run"
        # is chosen. A busy or damaged file: the form opens unfilled, and saving
        # says why.
        run = None
        with contextlib.suppress(KneetuiError):
            run = run_at(self.store, self.clock())
        self.push_screen(
            LogSorenessScreen(self._save_score, self.clock, context, run=run, zone=self.zone),
            self._logged,
        )

    def _save_score(self, entry: SorenessEntry) -> Awaitable[None]:
        """Commit a score in the writer thread; the form waits for it without
        blocking the event loop, and shows the error if it fails."""
        return asyncio.wrap_future(self.store.later(partial(_add_soreness, entry)))

    def _logged(self, entry: SorenessEntry | None) -> None:
        from kneetui.domain.after_run import describe_linked
        from kneetui.domain.red_flags import notice_for
        from kneetui.score_log import linked_to

        if entry is None:
            return
        run = None
        with contextlib.suppress(KneetuiError):
            run = linked_to(self.store, entry)
        self.notify(describe_linked(entry, run, self.zone), title="Saved")
        notice = notice_for(entry)
        if notice is not None:
            self.notify(notice, title="Red flag", severity="error", timeout=30)
        self.refresh_dashboard()

    def action_history(self) -> None:
        from kneetui.tui.screens.history import HistoryScreen

        if isinstance(self.screen, HistoryScreen):
            return
        self.push_screen(
            HistoryScreen(
                self.store.soreness,
                self._delete,
                self.zone,
                restore=self.store.add_soreness,
                update=self.store.update_soreness,
                clock=self.clock,
                monotonic=self.monotonic_clock,
                link=self._linked_run,
            ),
            lambda _: self.refresh_dashboard(),
        )

    def _linked_run(self, entry: SorenessEntry) -> Run | None:
        from kneetui.score_log import linked_to

        return linked_to(self.store, entry)

    def _delete(self, uuid: str) -> None:
        self.store.delete_soreness(uuid)

    def _suggestions(self) -> tuple[Suggestion, ...]:
        """The steps back and up shown, which p accepts (a hold asks nothing)."""
        state = self.dashboard.state
        return state.coaching.acceptable if state is not None else ()

    def action_acknowledge(self) -> None:
        """After a confirmation, record that the red flags shown have been seen to:
        they leave the dashboard, and the acknowledgement is kept with its date."""
        state = self.dashboard.state
        if state is None or not state.coaching.red_flags:
            return
        from kneetui.tui.screens.confirm import ConfirmScreen

        count = len(state.coaching.red_flags)
        flags = f"{count} red flag{'s' if count != 1 else ''}"

        def answered(yes: bool | None) -> None:
            if yes:
                self._acknowledge(flags)

        self.push_screen(
            ConfirmScreen(
                f"Acknowledge {flags}? Do this once the knee has been seen by a doctor or "
                "a physical therapist. The date is kept.",
                "Acknowledge",
            ),
            answered,
        )

    def _acknowledge(self, flags: str) -> None:
        import uuid

        from kneetui.domain.models import Acknowledgement

        now = self.clock()
        try:
            self.store.add_acknowledgement(Acknowledgement(str(uuid.uuid4()), now, now.date()))
        except KneetuiError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return
        self.notify(f"Acknowledged {flags} on {now:%a %d %b}.", title="Red flag")
        self.refresh_dashboard()

    def action_accept(self) -> None:
        """Accept every hold suggestion shown; each is recorded in levels, dated."""
        suggestions = self._suggestions()
        if self.session_running or not suggestions:
            return
        now = self.clock()
        try:
            for suggestion in suggestions:
                self.store.set_level(LevelChange(suggestion.exercise, suggestion.to_s, now))
        except KneetuiError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return
        words = "; ".join(
            f"{self.routine.exercise(s.exercise).name} {s.to_s} s" for s in suggestions
        )
        self.notify(f"Holds set: {words}.", title="Accepted")
        self.refresh_dashboard()

    def action_stats(self) -> None:
        from kneetui.gather import load_after_runs
        from kneetui.tui.screens.stats import StatsScreen

        if isinstance(self.screen, StatsScreen) or self.dashboard.state is None:
            return
        # Read when asked for: every run of the history is not for the first paint.
        after = load_after_runs(self.store)
        self.push_screen(StatsScreen(self.dashboard.state.coaching, self.routine, after))

    def action_settings(self) -> None:
        from kneetui.tui.screens.settings import SettingsScreen

        if isinstance(self.screen, SettingsScreen):
            return
        self.push_screen(
            SettingsScreen(
                schedule_of(self.store, self.routine),
                self.quiet,
                self._save_settings,
                change_over_of(self.store),
            ),
            lambda saved: self.refresh_dashboard() if saved else None,
        )

    def _save_settings(self, days: list[str], quiet: bool, change_over: str) -> None:
        from kneetui.domain.routine import check_change_over

        seconds = check_change_over(change_over)  # refused before anything is saved
        set_schedule(self.store, days)
        self.store.set_setting(QUIET, quiet)
        self.store.set_setting(CHANGE_OVER, seconds)
        self.quiet = quiet

    def action_cycle_range(self) -> None:
        if not self.dashboard.complete:
            self.dashboard.when_complete(self.action_cycle_range)
            return
        self.range_index = (self.range_index + 1) % len(RANGES)
        self.dashboard.show_chart(load_chart(self.store, self.clock().date(), self.range_index))

    def action_help(self) -> None:
        from kneetui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.routine))


def _add_soreness(entry: SorenessEntry, store: Store) -> None:
    from kneetui.score_log import log_score

    # The form has filled in the run's distance already: a field the runner
    # cleared stays clear.
    log_score(store, entry, prefill=False)
