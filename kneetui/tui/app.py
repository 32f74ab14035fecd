"""The kneetui Textual app: wires the store, the routine and the clocks to the
screens. It is the only place that calls the Store from the UI; widgets and
screens render state and report what the runner did."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import importlib
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.worker import Worker

from kneetui.clock import MonotonicClock, WallClock, monotonic, now_local
from kneetui.domain.errors import KneetuiError
from kneetui.domain.models import Context, LevelChange, SorenessEntry
from kneetui.domain.routine import Routine
from kneetui.domain.today import TodayPlan
from kneetui.gather import (
    CHANGE_OVER,
    CHECK_IN_DISMISSED,
    QUIET,
    THEME,
    change_over_of,
    schedule_of,
    set_schedule,
)
from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.state import (
    DEFAULT_RANGE,
    RANGES,
    DashboardState,
    load_chart,
    load_dashboard,
    load_plan,
)

# Screens other than the dashboard, and the session machinery, are imported where
# first used: each import costs start-up time before the first paint.
if TYPE_CHECKING:
    from kneetui.domain.progression import Suggestion
    from kneetui.domain.runs import Run
    from kneetui.domain.session import Event, SessionFinished
    from kneetui.session_recorder import SessionRecorder

# How often the app checks whether midnight has passed.
DAY_CHECK_SECONDS = 30.0
# How long after the dashboard's first load the app counts it as idle: then it
# checks the file, settles its memory and imports what a session needs.
IDLE_SECONDS = 1.0
# How often the countdown is redrawn; phase changes get their own exact timer.
DISPLAY_TICK_SECONDS = 0.05
_SESSION_ACTIONS = ("ready", "pause", "skip_rep", "skip_exercise", "stop")


class KneetuiApp(App[int]):
    CSS_PATH = Path(__file__).with_name("kneetui.tcss")
    # The chart is built in a worker thread (see TrendPlot); tests turn it off.
    chart_in_thread = True
    TITLE = "kneetui"
    SUB_TITLE = "knee strength for runners"
    # The help screen lists these, with each tooltip as its explanation.
    BINDINGS = [
        Binding("s", "start", "Start session",
                tooltip="start today's session (the timer leads every hold)"),
        # Space is "ready" in a change-over (shown as such), and pause/resume elsewhere:
        # Textual runs the first of a key's bindings whose check_action allows it.
        Binding("space", "ready", "Ready", tooltip="end a change-over: the next exercise begins"),
        Binding("space", "pause", "Pause/resume", tooltip="pause or resume the session"),
        Binding("n", "skip_rep", "Skip rep", tooltip="skip a rep"),
        Binding("N", "skip_exercise", "Skip exercise", key_display="N",
                tooltip="skip the rest of the exercise"),
        Binding("escape", "stop", "Stop",
                tooltip="stop the session (asks first; the reps done are kept)"),
        Binding("l", "log", "Log soreness", tooltip="log soreness after a run or a session"),
        Binding("p", "accept", "Accept hold",
                tooltip="accept the suggested step up or back (shown under its exercise)"),
        Binding("a", "acknowledge", "Acknowledge red flag",
                tooltip="acknowledge the red flags shown, once the knee has been seen"),
        Binding("h", "history", "History", tooltip="every soreness score, newest first"),
        Binding("t", "stats", "Stats",
                tooltip="adherence, the 12-week strip, soreness against your first week"),
        Binding("r", "cycle_range", "Range", tooltip="chart range: 30 days, 90 days, 1 year, all"),
        Binding("o", "settings", "Settings", tooltip="settings: routine days, the bell"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="this help"),
        Binding("q", "quit", "Quit", tooltip="quit (a session running is stopped and kept)"),
    ]  # fmt: skip
    # The key bar at 80 columns (see KeyBar): the actions from the most important,
    # each with a short label. Help and quit always stay.
    KEY_BAR_FIT = {
        "stop": "Stop",
        "ready": "Ready",
        "pause": "Pause",
        "acknowledge": "Ack flag",
        "log": "Log",
        "start": "Start",
        "skip_rep": "Skip rep",
        "skip_exercise": "Skip ex.",
        "accept": "Accept",
        "history": "History",
        "stats": "Stats",
        "settings": "Settings",
        "cycle_range": "Range",
    }

    def __init__(
        self,
        store: Store,
        routine: Routine,
        *,
        clock: WallClock = now_local,
        monotonic_clock: MonotonicClock = monotonic,
        color: bool = True,
        quiet: bool = False,
        tick_seconds: float = DISPLAY_TICK_SECONDS,
        zone: dt.tzinfo | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.routine = routine
        self.clock = clock
        self.monotonic_clock = monotonic_clock
        self.color = color
        self.quiet = quiet or bool(store.setting(QUIET))
        self.tick_seconds = tick_seconds
        # Times are shown in this zone; None is the machine's own, with the offset
        # each moment had (a score from summer still shows its summer time).
        self.zone = zone
        self.range_index = DEFAULT_RANGE
        self.recorder: SessionRecorder | None = None
        self._asked_check_in = False
        self._memory_settled = False
        self.file_check: Worker[None] | None = None
        self._idle_timer_set = False
        self._ticker: Timer | None = None
        self._deadline_timer: Timer | None = None
        # True while a screen over the dashboard holds the session paused.
        self._paused_by_screen = False
        self._day = clock().date()
        # The theme chosen last time (in the command palette), before the first paint.
        saved_theme = store.setting(THEME)
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme
        self._stored_theme = self.theme

    @property
    def db_path(self) -> Path:
        return self.store.path

    def get_default_screen(self) -> Screen[None]:
        screen = DashboardScreen(self._plan, self._dashboard_state, color=self.color)
        # Before the dashboard first loads, so it shows the session as stopped.
        screen.timer_notice = self._close_interrupted()
        return screen

    def on_mount(self) -> None:
        self.set_interval(DAY_CHECK_SECONDS, self.check_day)
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.theme_changed_signal.subscribe(self, self._save_theme)
        if self.dashboard.timer_notice:
            self.notify(self.dashboard.timer_notice, title="Session interrupted", timeout=10)
        if self.store.readable_by_others:
            from kneetui.storage.paths import permissions_warning

            self.notify(permissions_warning(self.store.path), title="Privacy", severity="warning")

    async def on_ready(self) -> None:
        # Textual sends Ready right after the first frame: build the rest of the
        # dashboard now, in the frame Textual draws next anyway, rather than
        # after it.
        await self.dashboard.complete_after_first_paint()

    def _save_theme(self, theme: Theme) -> None:
        """Keep the theme chosen for the next start."""
        if theme.name == self._stored_theme:
            return
        try:
            self.store.set_setting(THEME, theme.name)
        except KneetuiError as error:
            self.notify(str(error), title="Theme not saved", severity="warning")
            return
        self._stored_theme = theme.name

    def _when_idle(self) -> None:
        # PRAGMA quick_check reads the whole file (a fifth of a second at ten
        # years), in a worker thread on a connection of its own. Run while the
        # dashboard was being built, on the other core, it still slowed the event
        # loop by some 25 ms (paired start-up runs, CPU time of the main thread),
        # so it waits until the dashboard has been idle for a second.
        self.file_check = self.run_worker(self._check_file, thread=True, exit_on_error=False)
        self.settle_memory(collect=not self.session_running)
        self._warm_up()

    def settle_memory(self, *, collect: bool = True) -> None:
        """Once the dashboard is complete, everything loaded so far lives as long
        as the app: collect the garbage of the start-up once, move the rest out of
        the collector's reach and turn collection on (the launcher pauses it while
        the app starts). A full collection during a session (70 ms with Textual
        and plotext loaded) would make a timer tick late, so a session that starts
        first gets the freeze without the collection."""
        if self._memory_settled:
            return
        self._memory_settled = True
        if collect:
            gc.collect()
        gc.freeze()
        gc.enable()

    def _warm_up(self) -> None:
        """Import what a session needs while nothing is happening, so pressing s
        does not stall the first ticks of the timer."""
        for module in (
            "kneetui.session_recorder",
            "kneetui.domain.sessions",
            "textual.widgets._digits",
            "textual.widgets._progress_bar",
        ):
            importlib.import_module(module)

    def _check_file(self) -> None:
        from kneetui.storage.opening import check_path

        finding = check_path(self.store.path)
        if finding is not None:
            self.call_from_thread(self._damaged, finding)

    def _damaged(self, finding: str) -> None:
        """Damage found: refuse every write from now on and say so until quit."""
        self.store.mark_damaged(finding)
        self.notify(self.store.damage or finding, title="Database damaged", severity="error",
                    timeout=3600)  # fmt: skip

    def on_dashboard_screen_loaded(self, message: DashboardScreen.Loaded) -> None:
        self.refresh_bindings()  # p shows only while there is a suggestion
        if not self._idle_timer_set:
            self._idle_timer_set = True
            self.set_timer(IDLE_SECONDS, self._when_idle)
        if message.state.coaching.ask_check_in and not self._asked_check_in:
            from kneetui.tui.screens.check_in import CheckInScreen

            self._asked_check_in = True
            self.push_screen(CheckInScreen(message.state.coaching.check_in_after), self._checked_in)

    def on_dashboard_screen_late_key(self, message: DashboardScreen.LateKey) -> None:
        """A key typed on the dashboard just before l opened the form (l, then 5):
        give it to the form, as if typed there. Only to the form: a key typed as
        the morning check-in came up was not meant as its answer."""
        from kneetui.tui.screens.log_form import LogSorenessScreen

        if isinstance(self.screen, LogSorenessScreen):
            self.post_message(events.Key(message.key, message.character))

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

    def _close_interrupted(self) -> str:
        """A session left in progress was cut off (the app was killed): keep its
        reps, mark it stopped, and say so."""
        interrupted = self.store.close_interrupted_sessions()
        if not interrupted:
            return ""
        reps = len(interrupted[-1].reps)
        return (
            f"Your last session was interrupted after {reps} rep{'s' if reps != 1 else ''}; "
            "its reps are kept. Press s to start a new session."
        )

    @property
    def dashboard(self) -> DashboardScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, DashboardScreen)
        return screen

    def _plan(self) -> TodayPlan:
        self._day = self.clock().date()
        return load_plan(self.store, self.routine, self._day)

    def _dashboard_state(self) -> DashboardState:
        self._day = self.clock().date()
        return load_dashboard(self.store, self.routine, self._day, self.range_index)

    def refresh_dashboard(self) -> None:
        self.dashboard.reload()

    def check_day(self) -> None:
        """Roll the dashboard over to a new day without a restart."""
        if self.clock().date() != self._day:
            if not self.session_running:
                self.dashboard.timer_mode = "idle"
            self.refresh_dashboard()

    # The guided session -----------------------------------------------------------

    @property
    def session_running(self) -> bool:
        return self.recorder is not None and not self.recorder.session.finished

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Over the dashboard (history, stats) its keys are off, but for logging a
        # score, help and quit: the screen's key bar shows that screen's keys, and
        # s does not start a session behind it.
        if len(self.screen_stack) > 1 and action in _DASHBOARD_ACTIONS:
            return False
        # Session keys show in the footer only while a session runs; starting,
        # history and the chart range only while none does.
        if action in ("ready", "pause"):
            return self.session_running and (action == "ready") == self._in_change_over()
        if action in _SESSION_ACTIONS:
            return self.session_running
        if action in ("start", "history", "cycle_range", "stats", "settings"):
            return not self.session_running
        if action == "accept":
            return not self.session_running and bool(self._suggestions())
        if action == "acknowledge":
            state = self.dashboard.state if self.screen_stack else None
            return state is not None and bool(state.coaching.red_flags)
        return True

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

    async def action_quit(self) -> None:
        """q during a session stops it first, so it is saved as stopped with its
        reps rather than found interrupted at the next start."""
        if self.session_running and self.recorder is not None:
            self._stop_timers()
            # If this fails, the next start finds the session in progress and says so.
            self.recorder.store_events(self.recorder.session.stop(self.monotonic_clock()))
        # Every rep handed to the writer thread is on disk before the app ends.
        self.store.flush()
        self.exit(0)

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

    # Soreness, history, range, help ---------------------------------------------------

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

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Start session", "Today's routine, timed hold by hold", self.action_start
        )
        yield SystemCommand("Log soreness", "Give your knees a score after a run", self.action_log)
        yield SystemCommand("History", "Every soreness score, newest first", self.action_history)
        yield SystemCommand(
            "Chart range", "Cycle 30 days, 90 days, 1 year, all", self.action_cycle_range
        )
        yield SystemCommand("Stats", "Adherence, soreness trend, holds, advice", self.action_stats)
        yield SystemCommand("Settings", "Routine days and the bell", self.action_settings)
        yield SystemCommand("Help", "Keys and the routine's advice", self.action_help)
        yield from super().get_system_commands(screen)


# The keys that work on the dashboard only (see check_action).
_DASHBOARD_ACTIONS = frozenset(b.action for b in KneetuiApp.BINDINGS if isinstance(b, Binding)) - {
    "log",
    "help",
    "quit",
}


def _add_soreness(entry: SorenessEntry, store: Store) -> None:
    from kneetui.score_log import log_score

    # The form has filled in the run's distance already: a field the runner
    # cleared stays clear.
    log_score(store, entry, prefill=False)
