"""The kneetui Textual app: wires the store, the routine and the clock to the
screens. It is the only place that calls the Store from the UI; widgets and
screens render state and report what the runner did."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from kneetui.clock import WallClock, now_local
from kneetui.domain.models import SorenessEntry
from kneetui.domain.routine import Routine
from kneetui.domain.soreness import describe
from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.help import HelpScreen
from kneetui.tui.screens.history import HistoryScreen
from kneetui.tui.screens.log_form import LogSorenessScreen
from kneetui.tui.state import DEFAULT_RANGE, RANGES, DashboardState, load_dashboard

# How often the app checks whether midnight has passed.
DAY_CHECK_SECONDS = 30.0


class KneetuiApp(App[int]):
    CSS_PATH = "kneetui.tcss"
    TITLE = "kneetui"
    SUB_TITLE = "knee strength for runners"
    BINDINGS = [
        Binding("l", "log", "Log soreness"),
        Binding("h", "history", "History"),
        Binding("r", "cycle_range", "Range"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        store: Store,
        routine: Routine,
        *,
        clock: WallClock = now_local,
        color: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.routine = routine
        self.clock = clock
        self.color = color
        self.range_index = DEFAULT_RANGE
        self._day = clock().date()

    @property
    def db_path(self) -> Path:
        return self.store.path

    def get_default_screen(self) -> Screen[None]:
        return DashboardScreen(self._dashboard_state, color=self.color)

    def on_mount(self) -> None:
        self.set_interval(DAY_CHECK_SECONDS, self.check_day)

    @property
    def dashboard(self) -> DashboardScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, DashboardScreen)
        return screen

    def _dashboard_state(self) -> DashboardState:
        self._day = self.clock().date()
        return load_dashboard(self.store, self.routine, self._day, self.range_index)

    def refresh_dashboard(self) -> None:
        self.dashboard.reload()

    def check_day(self) -> None:
        """Roll the dashboard over to a new day without a restart."""
        if self.clock().date() != self._day:
            self.refresh_dashboard()

    # Actions -------------------------------------------------------------------

    def action_log(self) -> None:
        if isinstance(self.screen, LogSorenessScreen):
            return
        self.push_screen(LogSorenessScreen(self.store.add_soreness, self.clock), self._logged)

    def _logged(self, entry: SorenessEntry | None) -> None:
        if entry is None:
            return
        self.notify(describe(entry), title="Saved")
        self.refresh_dashboard()

    def action_history(self) -> None:
        if isinstance(self.screen, HistoryScreen):
            return
        self.push_screen(
            HistoryScreen(self.store.soreness, self._delete, self.clock().tzinfo),
            lambda _: self.refresh_dashboard(),
        )

    def _delete(self, uuid: str) -> None:
        self.store.delete_soreness(uuid)

    def action_cycle_range(self) -> None:
        self.range_index = (self.range_index + 1) % len(RANGES)
        self.refresh_dashboard()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.routine))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Log soreness", "Give your knees a score after a run", self.action_log)
        yield SystemCommand("History", "Every soreness score, newest first", self.action_history)
        yield SystemCommand(
            "Chart range", "Cycle 30 days, 90 days, 1 year, all", self.action_cycle_range
        )
        yield SystemCommand("Help", "Keys and the routine's advice", self.action_help)
        yield from super().get_system_commands(screen)
