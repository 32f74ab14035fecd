"""The dashboard: today's routine, the timer pane and the soreness trend.

Below the minimum size, a one-line hint to enlarge the window replaces the
layout; growing the window brings the layout back.

One part of Textual's Screen is replaced here, for a measured reason: its frame
tick (`_on_timer_update`) lays the screen out and then, if the screen was also
asked to repaint (mounting panes into it asks for both), renders and writes the
whole screen a second time. At start-up that was the frame completing the
dashboard written twice, 24 KB each (traced in a 120x36 pty at ten years; make
bench counts the settled start-up to the last output). The override marks the
screen dirty before the layout instead, so the layout renders it once. It was
written against textual 8.2.8's method: tests/tui/test_steady.py fails when that
method changes, so the override is looked at again.

A second part is replaced for the same reason: after a frame that draws the
whole screen (`_compositor_refresh`), the panes' scrollbars drew again in a frame
of their own. The layout that frame follows sizes each scrollbar, and sizing one
asks Textual for its repaint and, through its virtual size, for a layout
(`Widget._arrange_scrollbars`, `_scroll_update`); the whole-screen frame then
draws it with its new size, and those requests laid its pane out and drew the
scrollbar once more. At start-up that was the frame after the complete dashboard, some
3.5 KB a few milliseconds after it (make bench, 120x36 pty at ten years). The
override drops them once such a frame is drawn, and only then: a frame that draws
part of the screen keeps them. It was written against textual 8.2.8's
`Screen._compositor_refresh` and `Compositor.render_update`, pinned the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from kneetui.domain.errors import KneetuiError
from kneetui.domain.today import TodayPlan
from kneetui.tui.state import ChartState, DashboardState
from kneetui.tui.widgets.routine_pane import RoutinePane
from kneetui.tui.widgets.steady import Steady

# The timer pane is built after the first paint (see DashboardScreen).
if TYPE_CHECKING:
    from kneetui.tui.widgets.timer_pane import TimerPane

MIN_WIDTH = 60
MIN_HEIGHT = 18
# The SHA-256 of the source of textual 8.2.8's `Screen._on_timer_update`, which
# `DashboardScreen._on_timer_update` extends (tests/tui/test_steady.py).
TIMER_UPDATE_SHA256 = "421401660de142c5973004a369930228e8b242dcf4921b17e5aff7cad51990da"
# The same for `Screen._compositor_refresh` and `Compositor.render_update`
# together, which `DashboardScreen._compositor_refresh` relies on.
COMPOSITOR_REFRESH_SHA256 = "dfe617531a95165ed7bef3229a57793d9769f1ddd709e4465730980d48ba2f93"


class DashboardScreen(Steady, Screen[None]):
    """`load_plan` gathers today's plan (a few small queries), `load` everything;
    the app passes both in and calls `reload` after anything that changes data.

    At start-up the first frame holds only today's routine, in the place it
    keeps; the title and key bars and the other panes are built and the rest
    (the chart, the coaching figures) is loaded right after it, so today's
    routine is readable as soon as the terminal shows anything. (make bench: a
    first frame with every pane took about 60 ms longer to lay out and draw,
    and one with the two bars 17 M instructions more, callgrind.) `complete`
    says when every pane is there.
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
        self.complete = False
        self._completing = False
        self._waiting: list[Callable[[], object]] = []

    def compose(self) -> ComposeResult:
        # The panes are laid out by the screen's own grid (kneetui.tcss), with no
        # containers: each container drew and cached every line it covers, cut at
        # every pane's edge, although the panes hid them all (453 of the 1,511
        # line strips alive after start-up, 0.8 MiB of make bench's peak memory).
        routine = RoutinePane(id="routine")
        routine.border_title = "Today's routine"
        yield routine
        yield Static(id="size-hint", markup=False)

    async def _build_panes(self) -> None:
        """The coaching, timer and trend panes, in the grid after the routine, and
        the title and key bars, docked in the rows the first frame left blank."""
        from kneetui.tui.widgets.coaching_pane import CoachingPane
        from kneetui.tui.widgets.key_bar import KeyBar
        from kneetui.tui.widgets.timer_pane import TimerPane
        from kneetui.tui.widgets.title_bar import TitleBar
        from kneetui.tui.widgets.trend_pane import TrendPane

        coaching = CoachingPane(id="coaching")
        coaching.border_title = "Coaching"
        timer = TimerPane(id="timer")
        timer.border_title = "Session"
        trend = TrendPane(color=self._color, id="trend")
        # The routine's scrollbar comes now (kneetui.tcss). Before the mount: a
        # class on the screen restyles every widget under it, and after the mount
        # that was the new panes too, styled once already (6 ms, traced in a
        # 120x36 pty at ten years).
        self.add_class("complete")
        # In the grid's order: the routine and the timer on the first row, then the
        # trend (beside the routine's second row), then the coaching under the routine.
        await self.mount_all(
            [TitleBar(), timer, trend, coaching, KeyBar()], after=self.query_one(RoutinePane)
        )
        self.complete = True

    def _on_timer_update(self) -> None:
        # A layout and a repaint of the screen both pending (see the top of the
        # file): the screen is marked dirty for the layout, which renders it once.
        if (
            self._layout_required
            and self._repaint_required
            and self.is_current
            and not self.app._batch_count
        ):
            self._repaint_required = False
            self._dirty_widgets.add(self)
        super()._on_timer_update()

    def _compositor_refresh(self) -> None:
        # Textual draws the whole screen when all of it is dirty (a layout that
        # moved every pane): then every widget is drawn as it now is, scrollbars
        # included, and their own requests to be drawn again are spent (see the
        # top of the file).
        compositor = self._compositor
        whole = compositor.size.region in compositor._dirty_regions
        super()._compositor_refresh()
        if not whole or self is not self.app.screen or self.app.is_inline:
            return
        for widget in compositor.visible_widgets:
            for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar):
                if bar is not None:
                    bar._repaint_required = False
                    bar._layout_required = False

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)
        if event.size == self.outer_size:
            # Textual lays a screen out again on every Resize, even to the size it
            # already has, and a terminal sends three of those at start-up: three
            # layouts and a full repaint between the first paint and the complete
            # dashboard (about 12 ms of the settled start-up, make bench). A real
            # change of size still goes to Screen's own handler.
            event.prevent_default()

    def on_mount(self) -> None:
        self._fit(self.size.width, self.size.height)
        try:
            self.show_plan(self._load_plan())
        except KneetuiError as error:
            self._unreadable(error)
        # The app calls complete_after_first_paint as soon as the first frame is
        # out (its Ready event); this is the fallback should it not.
        self.call_after_refresh(self.complete_after_first_paint)

    async def complete_after_first_paint(self) -> None:
        """Build the other panes and load everything, once."""
        if self._completing or not self.is_attached:
            return  # already under way, or the app quit before its first frame
        self._completing = True
        # One frame for all of it: without the batch, Textual drew the empty
        # panes while they were being mounted, and then again with their data.
        with self.app.batch_update():
            await self._build_panes()
            self.reload()
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()

    def _unreadable(self, error: KneetuiError) -> None:
        """A read failed (a damaged page, a vanished file): say so, keep running."""
        self.notify(str(error), title="Cannot read the database", severity="error", timeout=3600)

    class LateKey(Message):
        """A printable key (or Enter) the dashboard had no use for, sent on to the
        app after the key itself: see `on_key`."""

        def __init__(self, key: str, character: str | None) -> None:
            super().__init__()
            self.key = key
            self.character = character

    def on_key(self, event: events.Key) -> None:
        # Textual hands each key to the focused widget as it reads it, and runs a
        # key's binding once the key has come back up to the app. So in "l5"
        # typed fast, the 5 reaches the dashboard before l has opened the form.
        # The 5 goes on up to the app after the l, and this message after it: by
        # then the form is open, and the app gives it the key again. Enter too:
        # "l4" and Enter in one burst saves the 4.
        if (event.is_printable or event.key == "enter") and event.key not in self.active_bindings:
            self.post_message(self.LateKey(event.key, event.character))

    class Loaded(Message):
        """The dashboard has shown fresh state (posted on every reload)."""

        def __init__(self, state: DashboardState) -> None:
            super().__init__()
            self.state = state

    def reload(self) -> None:
        if not self.is_attached or not self.complete:
            return  # the app quit, or the panes are not built yet (they load then)
        try:
            state = self._load()
        except KneetuiError as error:
            self._unreadable(error)
            return
        self.state = state
        self.show(state)
        # Some keys depend on the state (p with a suggestion, a with a red flag):
        # the key bar is refreshed now, in the frame that shows the state. Left
        # to the app's Loaded handler, it took a frame of its own, which put the
        # start-up's second layout off by one interval (traced, make bench).
        self.refresh_bindings()
        self.post_message(self.Loaded(state))

    def _fit(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(too_small, "too-small")
        if too_small:
            self.query_one("#size-hint", Static).update(
                f"Enlarge the window to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {width}×{height})."
            )

    def when_complete(self, callback: Callable[[], object]) -> None:
        """Run `callback` now if every pane is built, else as soon as they are (a
        key pressed in the instant after the first paint is not lost)."""
        if self.complete:
            callback()
        else:
            self._waiting.append(callback)

    @property
    def timer(self) -> TimerPane:
        from kneetui.tui.widgets.timer_pane import TimerPane

        return self.query_one(TimerPane)

    def show(self, state: DashboardState) -> None:
        from kneetui.tui.widgets.coaching_pane import CoachingPane

        self.query_one(RoutinePane).show(state.plan, state.coaching.suggestions)
        self.query_one(CoachingPane).show(state.coaching)
        if self.timer_mode == "idle":
            self.timer.show_idle(state.plan, self.timer_notice)
        self.show_chart(state.chart)

    def show_chart(self, chart: ChartState) -> None:
        from kneetui.tui.widgets.trend_pane import TrendPane

        self.query_one(TrendPane).show(chart.trend, chart.summary, chart.range_words, chart.drawing)

    def show_plan(self, plan: TodayPlan) -> None:
        self.query_one(RoutinePane).show(plan)

    def show_current_exercise(self, exercise_id: str | None) -> None:
        """Highlight the session's exercise in the routine (None: no session)."""
        self.query_one(RoutinePane).show_current(exercise_id)
