"""The dashboard: today's routine, the timer pane and the soreness trend.

Below the minimum size, a one-line hint to enlarge the window replaces the
layout; growing the window brings the layout back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from kneetui.domain.errors import KneetuiError
from kneetui.domain.today import TodayPlan
from kneetui.tui.state import ChartState, DashboardState
from kneetui.tui.widgets.coaching_pane import CoachingPane
from kneetui.tui.widgets.key_bar import KeyBar
from kneetui.tui.widgets.routine_pane import RoutinePane
from kneetui.tui.widgets.timer_pane import TimerPane
from kneetui.tui.widgets.trend_pane import TrendPane

MIN_WIDTH = 60
MIN_HEIGHT = 18


class DashboardScreen(Screen[None]):
    """`load_plan` gathers today's plan (a few small queries), `load` everything;
    the app passes both in and calls `reload` after anything that changes data.

    At start-up the plan is shown first and the rest (the chart, the coaching
    figures) is loaded after the first paint, so today's routine is readable as
    soon as the terminal shows anything.
    """

    def __init__(
        self,
        load_plan: Callable[[], TodayPlan],
        load: Callable[[], DashboardState],
        *,
        color: bool = True,
    ) -> None:
        super().__init__()
        self._load_plan = load_plan
        self._load = load
        self._color = color
        # What the timer pane shows: "idle" (how to start), "running" (driven by
        # the app) or "summary" (the end of a session). Reloads redraw only idle.
        self.timer_mode = "idle"
        self.timer_notice = ""
        self.state: DashboardState | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="dashboard"):
            with Vertical(id="left"):
                routine = RoutinePane(id="routine")
                routine.border_title = "Today's routine"
                yield routine
                coaching = CoachingPane(id="coaching")
                coaching.border_title = "Coaching"
                yield coaching
            timer = TimerPane(id="timer")
            timer.border_title = "Session"
            yield timer
            yield TrendPane(color=self._color, id="trend")
        yield Static(id="size-hint", markup=False)
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def on_mount(self) -> None:
        self._fit(self.size.width, self.size.height)
        try:
            plan = self._load_plan()
        except KneetuiError as error:
            self._unreadable(error)
            return
        self.show_plan(plan)
        if self.timer_mode == "idle":
            self.timer.show_idle(plan, self.timer_notice)
        self.call_after_refresh(self.reload)

    def _unreadable(self, error: KneetuiError) -> None:
        """A read failed (a damaged page, a vanished file): say so, keep running."""
        self.notify(str(error), title="Cannot read the database", severity="error", timeout=3600)

    @dataclass
    class Loaded(Message):
        """The dashboard has shown fresh state (posted on every reload)."""

        state: DashboardState

    def reload(self) -> None:
        if not self.is_attached:
            return  # the app quit before the deferred first load came round
        try:
            state = self._load()
        except KneetuiError as error:
            self._unreadable(error)
            return
        self.state = state
        self.show(state)
        self.post_message(self.Loaded(state))

    def _fit(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(too_small, "too-small")
        if too_small:
            self.query_one("#size-hint", Static).update(
                f"Enlarge the window to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {width}×{height})."
            )

    @property
    def timer(self) -> TimerPane:
        return self.query_one(TimerPane)

    def show(self, state: DashboardState) -> None:
        self.query_one(RoutinePane).show(state.plan, state.coaching.suggestions)
        self.query_one(CoachingPane).show(state.coaching)
        if self.timer_mode == "idle":
            self.timer.show_idle(state.plan, self.timer_notice)
        self.show_chart(state.chart)

    def show_chart(self, chart: ChartState) -> None:
        self.query_one(TrendPane).show(chart.trend, chart.summary, chart.range_words)

    def show_plan(self, plan: TodayPlan) -> None:
        self.query_one(RoutinePane).show(plan)
