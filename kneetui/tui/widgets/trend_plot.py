"""The soreness chart: a PlotextPlot that draws a Trend through kneetui.charts.

It draws with Textual's line API: plotext's output is turned straight into the
widget's lines (kneetui.tui.ansi) and kept, so a repaint that is not a redraw
(another pane changed, the dashboard was laid out again) costs nothing; going
through rich Text and Textual Content instead took about 20 ms a frame.

A plotext build and the parsing of its output take tens of milliseconds, long
enough to make the session timer's ticks late if they ran on the event loop.
So a redraw is built in a worker thread, on a figure of its own (plotext's
figures are not shared between threads), and the finished lines are handed
back; until then the previous drawing stays on screen. The first drawing is the
exception: no session can be running yet, and it is built on the event loop
right after the frame that first shows the complete dashboard. Textual draws
another frame then anyway, at the next frame tick (kneetui.tui.frame_timer),
because it lays newly mounted widgets out twice; the chart lands in that frame,
and its build fills the wait instead of delaying the dashboard (traced in a
120x36 pty at ten years: about 20 ms off the settled start-up against a build
inside the first frame, when that tick came 20-30 ms later; a worker cost a
frame more, make bench). It is asked for with `call_later`, not
`call_after_refresh`: the second layout is already pending then, so "after the
refresh" meant after that frame, and the chart came in a frame of its own, the
last one of the start-up (10-16 ms later, same trace). The app's
`chart_in_thread` switches this off where a test needs every drawing made at
once.
"""

from __future__ import annotations

from textual import work
from textual.strip import Strip

from kneetui.charts import draw_trend, import_plotext
from kneetui.domain.trend import Trend
from kneetui.tui.ansi import ansi_to_strips

import_plotext()  # before textual_plotext imports it: without plotext's help text
from textual_plotext import PlotextPlot  # noqa: E402
from textual_plotext.plot import Plot  # noqa: E402

# What a drawing depends on: the trend's version, the size and the theme.
_Key = tuple[int, int, int, str]


def build_chart(trend: Trend, width: int, height: int, theme: str, color: bool) -> list[Strip]:
    """The chart's lines, drawn on a private figure (safe in any thread)."""
    plt = Plot()
    plt.plotsize(width, height)
    plt._set_size(width, height)  # textual-plotext does the same; see its render()
    draw_trend(plt, trend, width=width, height=height, color=color)
    plt.theme(theme)
    return ansi_to_strips(plt.build())


class TrendPlot(PlotextPlot):
    def __init__(self, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._color = color
        self._trend: Trend | None = None
        self._version = 0
        self._drawn: tuple[_Key, list[Strip]] | None = None
        self._building: _Key | None = None
        if not color:
            self.theme = "clear"

    def replot(self, trend: Trend) -> None:
        self._trend = trend
        self._version += 1
        self.refresh()

    @property
    def drawing(self) -> str:
        """The chart on screen as plain text ("" before the first drawing)."""
        return "\n".join(line.text for line in self._drawn[1]) if self._drawn else ""

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        line = lines[y] if y < len(lines) else Strip.blank(self.size.width)
        return line.apply_style(self.visual_style.rich_style)

    def _lines(self) -> list[Strip]:
        """The drawing for the current trend, size and theme: the first one right
        after this frame, later ones in the worker, with the previous drawing shown
        meanwhile."""
        if self._trend is None:
            return []
        width, height = self.size.width, self.size.height
        key = (self._version, width, height, self._get_plotext_theme_name(self.app.theme))
        if self._drawn is not None and self._drawn[0] == key:
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
