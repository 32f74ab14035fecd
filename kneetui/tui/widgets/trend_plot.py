"""The soreness chart: a widget that draws a Trend through kneetui.charts.

Why not textual-plotext's PlotextPlot: importing it imports plotext, 6-7 ms and
1.7 MiB on every start (make bench, ten years, 120x36), and the dashboard's first
chart no longer needs plotext in the app: its head start (kneetui.head_start)
draws it in a helper process. The chart is still drawn by plotext on
textual-plotext's figure (`Plot`) whenever the app draws one itself, and in the
theme PlotextPlot would give it (`chart_theme`, kneetui.charts.ChartTheme);
PlotextPlot's `render` was replaced here before (below), so of the widget only
its size rule and its theme handling were left, and both are here.

It draws with Textual's line API: plotext's output is turned straight into the
widget's lines (kneetui.tui.ansi) and kept, so a repaint that is not a redraw
(another pane changed, the dashboard was laid out again) costs nothing; going
through rich Text and Textual Content instead took about 20 ms a frame.

A plotext build and the parsing of its output take tens of milliseconds, long
enough to make the session timer's ticks late if they ran on the event loop.
So a redraw is built in a worker thread, on a figure of its own (plotext's
figures are not shared between threads), and the finished lines are handed
back; until then the previous drawing stays on screen. The first drawing is the
exception: no session can be running yet, and it is either the head start's
(handed in with the trend, used if it was drawn for this size and theme) or
built on the event loop right after the frame that first shows the complete
dashboard. It is asked for with `call_later`, not `call_after_refresh`: a
frame may be pending then (the coaching pane's "↓ more" when its text is longer
than the pane; before `DashboardScreen._compositor_refresh`, the routine pane's
new scrollbar too), so "after the refresh" meant after that frame, and the
chart came in a frame of its own, the last one of the start-up (10-16 ms later,
traced in a 120x36 pty at ten years; tests/test_startup_frames.py). The app's
`chart_in_thread` switches this off where a test needs every drawing made at
once.
"""

from __future__ import annotations

from textual import work
from textual.color import Color
from textual.strip import Strip
from textual.theme import Theme
from textual.widget import Widget

from kneetui.charts import ChartDrawing, ChartTheme, build_chart_text, import_plotext
from kneetui.domain.trend import Trend
from kneetui.tui.ansi import ansi_to_strips
from kneetui.tui.widgets.steady import Steady

# What a drawing depends on: the trend's version, the size and the theme.
_Key = tuple[int, int, int, ChartTheme]


def build_chart(
    trend: Trend, width: int, height: int, theme: ChartTheme, color: bool
) -> list[Strip]:
    """The chart's lines, drawn on a private textual-plotext figure (safe in any
    thread)."""
    import_plotext()  # before textual-plotext imports it: without plotext's help text
    from textual_plotext.plot import Plot

    return ansi_to_strips(build_chart_text(trend, width, height, theme, color=color, figure=Plot()))


class TrendPlot(Steady, Widget):
    DEFAULT_CSS = """
    TrendPlot {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._color = color
        self._trend: Trend | None = None
        self._ahead: ChartDrawing | None = None
        self._version = 0
        self._drawn: tuple[_Key, list[Strip]] | None = None
        self._building: _Key | None = None
        self._theme: ChartTheme | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        # The theme's colours are read again now that its CSS is in place, and
        # the drawing's key holds them: it is drawn again.
        self._theme = None
        self.refresh()

    def chart_theme(self) -> ChartTheme:
        """The theme PlotextPlot would draw in: plotext's plain "clear" without
        colour, else one made from the Textual theme's colours."""
        if not self._color:
            return ChartTheme("clear")
        name = f"textual-auto-{self.app.theme}"
        if self._theme is None or self._theme.name != name:
            variables = self.app.theme_variables
            self._theme = ChartTheme(
                name,
                Color.parse(variables["surface"]).rgb,
                Color.parse(variables["foreground"]).rgb,
            )
        return self._theme

    def replot(self, trend: Trend, ahead: ChartDrawing | None = None) -> None:
        """Draw `trend`; `ahead`, its chart drawn ahead, is used if it fits."""
        self._trend = trend
        self._ahead = ahead
        self._version += 1
        self.refresh()

    @property
    def drawing(self) -> str:
        """The chart on screen as plain text ("" before the first drawing)."""
        return "\n".join(line.text for line in self._drawn[1]) if self._drawn else ""

    @property
    def drawn_as(self) -> tuple[int, int, ChartTheme] | None:
        """The size and theme of the chart on screen, if any."""
        return self._drawn[0][1:] if self._drawn else None

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        line = lines[y] if y < len(lines) else Strip.blank(self.size.width)
        return line.apply_style(self.visual_style.rich_style)

    def _lines(self) -> list[Strip]:
        """The drawing for the current trend, size and theme: the one drawn ahead
        if it fits, else the first one right after this frame, later ones in the
        worker, with the previous drawing shown meanwhile."""
        if self._trend is None:
            return []
        width, height = self.size.width, self.size.height
        key = (self._version, width, height, self.chart_theme())
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        ahead, self._ahead = self._ahead, None
        if ahead is not None and (ahead.width, ahead.height, ahead.theme) == key[1:]:
            self._drawn = (key, ansi_to_strips(ahead.text))
            return self._drawn[1]
        if not getattr(self.app, "chart_in_thread", True):
            self._drawn = (key, build_chart(self._trend, width, height, key[3], self._color))
            return self._drawn[1]
        if self._building != key:
            self._building = key
            if self._drawn is None:
                self.call_later(self._draw_first, key, self._trend)
            else:
                self._build(key, self._trend)
        return self._drawn[1] if self._drawn is not None else []

    def _draw_first(self, key: _Key, trend: Trend) -> None:
        _, width, height, theme = key
        self._built(key, build_chart(trend, width, height, theme, self._color))

    @work(thread=True, exclusive=True, group="trend-chart", exit_on_error=False)
    def _build(self, key: _Key, trend: Trend) -> None:
        _, width, height, theme = key
        lines = build_chart(trend, width, height, theme, self._color)
        self.app.call_from_thread(self._built, key, lines)

    def _built(self, key: _Key, lines: list[Strip]) -> None:
        self._drawn = (key, lines)
        self.refresh()
