"""Stats (t): adherence with the 12-week strip, soreness against the first week,
weekly means, soreness after runs, holds and advice: the same text `kneetui
stats` prints, from the same domain values."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kneetui.domain.after_runs import AfterRuns
from kneetui.domain.coaching import Coaching
from kneetui.domain.routine import Routine
from kneetui.report import stats_text
from kneetui.tui.screens import SCREENS_CSS
from kneetui.tui.widgets.key_bar import KeyBar
from kneetui.tui.widgets.title_bar import TitleBar


class StatsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,t", "app.pop_screen", "Back")]

    def __init__(
        self, coaching: Coaching, routine: Routine, after_runs: AfterRuns | None = None
    ) -> None:
        super().__init__()
        self._coaching = coaching
        self._routine = routine
        self._after_runs = after_runs

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="stats") as box:
            box.border_title = "Stats"
            yield Static(
                Text(stats_text(self._coaching, self._routine, self._after_runs)), markup=False
            )
        yield KeyBar()
