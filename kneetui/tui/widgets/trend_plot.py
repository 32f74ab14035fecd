"""The soreness chart: a PlotextPlot that owns its figure and draws it from a
Trend through kneetui.charts, for the width it is rendered at."""

from __future__ import annotations

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from kneetui.charts import draw_trend
from kneetui.domain.trend import Trend


class TrendPlot(PlotextPlot):
    def __init__(self, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._color = color
        self._trend: Trend | None = None
        self._drawn_width: int | None = None
        if not color:
            self.theme = "clear"

    def replot(self, trend: Trend) -> None:
        self._trend = trend
        self._drawn_width = None
        self.refresh()

    def render(self) -> RenderResult:
        # The date labels depend on the width, so draw again when it changed.
        if self._trend is not None and self._drawn_width != self.size.width:
            draw_trend(self.plt, self._trend, width=self.size.width, color=self._color)
            self._drawn_width = self.size.width
        return super().render()
