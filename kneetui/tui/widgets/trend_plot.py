"""The soreness chart: a PlotextPlot that owns its figure and redraws it from a
Trend through kneetui.charts."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from kneetui.charts import draw_trend
from kneetui.domain.trend import Trend


class TrendPlot(PlotextPlot):
    def __init__(self, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._color = color
        if not color:
            self.theme = "clear"

    def replot(self, trend: Trend) -> None:
        draw_trend(self.plt, trend, color=self._color)
        self.refresh()
