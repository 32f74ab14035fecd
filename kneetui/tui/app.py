"""The kneetui Textual app: wires the store, the routine and the clocks to the
screens. It is the only place that calls the Store from the UI; widgets and
screens render state and report what the runner did.

This file holds the wiring, the start-up and what runs when the dashboard is
idle; the guided session is in session_control.py and the soreness and other
records in record_actions.py, both mixed into `KneetuiApp`."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
from collections.abc import Iterable
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
from kneetui.domain.routine import Routine
from kneetui.domain.today import TodayPlan
from kneetui.gather import QUIET, THEME
from kneetui.storage.store import Store
from kneetui.tui import frame_timer
from kneetui.tui.record_actions import RecordActions
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.session_control import SessionControl
from kneetui.tui.state import DEFAULT_RANGE, DashboardState, load_dashboard, load_plan

# Screens other than the dashboard, and the session machinery, are imported where
# first used: each import costs start-up time before the first paint.
if TYPE_CHECKING:
    from kneetui.head_start import HeadStart
    from kneetui.session_recorder import SessionRecorder

# Textual's late frames wait for the next boundary of its rhythm (see frame_timer).
frame_timer.install()

# How often the app checks whether midnight has passed.
DAY_CHECK_SECONDS = 30.0
# How long after the dashboard's first load the app counts it as idle: then it
# checks the file, settles its memory and imports what a session needs.
IDLE_SECONDS = 1.0
# How often the countdown is redrawn; phase changes get their own exact timer.
DISPLAY_TICK_SECONDS = 0.05
_SESSION_ACTIONS = ("ready", "pause", "skip_rep", "skip_exercise", "stop")


class KneetuiApp(SessionControl, RecordActions, App[int]):
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
        head_start: HeadStart | None = None,
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
        # The dashboard's first state, gathered by a helper process meanwhile
        # (kneetui.head_start, started by the launcher); the chart's layout is
        # noted for the next start's helper then.
        self._head_start = head_start
        self._note_chart_layout = head_start is not None
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
        if self._note_chart_layout:
            self._note_chart_layout = False
            self._remember_chart_layout()

    def _remember_chart_layout(self) -> Worker[None] | None:
        """Note the chart's size and theme, for the next start's head start: in
        a thread, as the file is written and synced (a session may be running)."""
        from kneetui.head_start import remember_chart
        from kneetui.tui.widgets.trend_plot import TrendPlot

        drawn = self.dashboard.query_one(TrendPlot).drawn_as
        if drawn is None:
            return None
        width, height, theme = drawn
        path, color = self.store.path, self.color
        return self.run_worker(
            lambda: remember_chart(path, width, height, theme, color=color),
            thread=True,
            exit_on_error=False,
        )

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
        # The dashboard has refreshed its keys already (p shows only while there
        # is a suggestion): see DashboardScreen.reload.
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
        head_start, self._head_start = self._head_start, None
        if head_start is not None:
            state = head_start.take(self.store, self._day, self.range_index)
            if state is not None:
                return state
        return load_dashboard(self.store, self.routine, self._day, self.range_index)

    def refresh_dashboard(self) -> None:
        self.dashboard.reload()

    def check_day(self) -> None:
        """Roll the dashboard over to a new day without a restart."""
        if self.clock().date() != self._day:
            if not self.session_running:
                self.dashboard.timer_mode = "idle"
            self.refresh_dashboard()

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
