"""The soreness trend pane: the chart, and under it in words the last score, the
7-day average and its band; with no scores, how to log the first one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kneetui.charts import ChartDrawing
from kneetui.domain.soreness import band
from kneetui.domain.today import SorenessSummary
from kneetui.domain.trend import Trend
from kneetui.tui.widgets.steady import Steady, SteadyStatic
from kneetui.tui.widgets.trend_plot import TrendPlot

EMPTY_TEXT = (
    "No soreness scores yet. After your next run, press l and give your knees a "
    "score from 0 (no pain) to 10 (worst imaginable)."
)


def describe_summary(summary: SorenessSummary) -> Text:
    text = Text()
    last = summary.last
    if last is None:
        return Text(EMPTY_TEXT)
    text.append("Last score ")
    text.append(f"{last.score}/10", style="bold")
    text.append(f" ({band(last.score).value}) on {last.local_day:%a %d %b}")
    text.append(" · 7-day average")
    if summary.knee.value != "both" and summary.week_mean is not None:
        text.append(f" ({summary.knee.value} knee)")
    text.append(" ")
    if summary.week_mean is None or summary.week_band is None:
        text.append("none this week", style="dim")
    else:
        text.append(f"{summary.week_mean:.1f}", style="bold")
        text.append(f" ({summary.week_band.value})")
    return text


class TrendPane(Steady, Vertical):
    """The chart, or a sentence in its place, and the summary in words."""

    def __init__(self, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._color = color

    def compose(self) -> ComposeResult:
        # The pane is built after the dashboard's first paint (plotext's import
        # and the first drawing come then), with the chart in it from the start:
        # a chart mounted later would lay the dashboard out again.
        plot = TrendPlot(color=self._color, id="trend-plot")
        plot.display = False
        yield plot
        yield SteadyStatic("Drawing the chart…", id="trend-empty", markup=False)
        yield SteadyStatic(id="trend-summary", markup=False)

    def show(
        self,
        trend: Trend,
        summary: SorenessSummary,
        range_words: str,
        ahead: ChartDrawing | None = None,
    ) -> None:
        self.border_title = f"Soreness trend — {range_words}"
        plot = self.query_one(TrendPlot)
        empty = self.query_one("#trend-empty", Static)
        plot.display = not trend.empty
        empty.display = trend.empty
        if trend.empty:
            empty.update(
                EMPTY_TEXT
                if summary.last is None
                else f"No scores in the {range_words}. Press r for a longer range."
            )
        else:
            plot.replot(trend, ahead)
        summary_line = self.query_one("#trend-summary", Static)
        summary_line.display = summary.last is not None
        summary_line.update(describe_summary(summary))
