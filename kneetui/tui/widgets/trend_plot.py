"""The soreness chart: a PlotextPlot that draws a Trend through kneetui.charts.

A plotext build and the parsing of its output take tens of milliseconds, long
enough to make the session timer's ticks late if they ran on the event loop.
So a redraw is built in a worker thread, on a figure of its own (plotext's
figures are not shared between threads), and the finished text is handed back;
until then the previous drawing stays on screen. The first drawing is the
exception: built at once, it lands in the same frame as the rest of the
dashboard, where a worker would cost a "Drawing the chart…" frame and then
another (measured with `make bench`), and no session can be running yet. The
app's `chart_in_thread` switches threads off where a test needs every drawing
made synchronously.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from kneetui.charts import draw_trend
from kneetui.domain.trend import Trend
from kneetui.tui.ansi import ansi_to_text

# What a drawing depends on: the trend's version, the size and the theme.
_Key = tuple[int, int, int, str]


def build_chart(trend: Trend, width: int, height: int, theme: str, color: bool) -> Text:
    """The chart as rich Text, drawn on a private figure (safe in any thread)."""
    plt = Plot()
    plt.plotsize(width, height)
    plt._set_size(width, height)  # textual-plotext does the same; see its render()
    draw_trend(plt, trend, width=width, color=color)
    plt.theme(theme)
    return ansi_to_text(plt.build())


class TrendPlot(PlotextPlot):
    def __init__(self, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._color = color
        self._trend: Trend | None = None
        self._version = 0
        self._drawn: tuple[_Key, Text] | None = None
        self._building: _Key | None = None
        if not color:
            self.theme = "clear"

    def replot(self, trend: Trend) -> None:
        self._trend = trend
        self._version += 1
        self.refresh()

    def render(self) -> RenderResult:
        if self._trend is None:
            return Text("")
        width, height = self.size.width, self.size.height
        key = (self._version, width, height, self._get_plotext_theme_name(self.app.theme))
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        if self._drawn is None or not getattr(self.app, "chart_in_thread", True):
            self._drawn = (key, build_chart(self._trend, width, height, key[3], self._color))
            return self._drawn[1]
        if self._building != key:
            self._building = key
            self._build(key, self._trend)
        return self._drawn[1] if self._drawn is not None else Text("Drawing the chart…")

    @work(thread=True, exclusive=True, group="trend-chart", exit_on_error=False)
    def _build(self, key: _Key, trend: Trend) -> None:
        _, width, height, theme = key
        text = build_chart(trend, width, height, theme, self._color)
        self.app.call_from_thread(self._built, key, text)

    def _built(self, key: _Key, text: Text) -> None:
        self._drawn = (key, text)
        self.refresh()
