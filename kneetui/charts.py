"""The soreness trend chart, drawn with plotext.

The only module that knows plotext's API. It draws on any plotext figure: the
`plotext` module itself for `kneetui plot`, a textual-plotext `Plot` for the
dashboard (a private figure, since plotext's global one is not thread-safe), or
a bare plotext figure in the dashboard's head start (kneetui.head_start), which
cannot afford to import Textual.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from types import ModuleType
from typing import Any, NamedTuple

from kneetui.domain.rules import ACCEPTABLE_MAX, SAFE_MAX
from kneetui.domain.trend import Trend

EMPTY_MESSAGE = (
    "No soreness scores yet. After your next run, log one with `kneetui log 3` "
    "(0 = no pain, 10 = worst imaginable)."
)
# Band limits sit between whole points: 0–2 safe, 3–5 acceptable, 6–10 too much.
_BAND_LINES = (SAFE_MAX + 0.5, ACCEPTABLE_MAX + 0.5)


# plotext writes colourised help text for its 156 functions as it is imported:
# plotext._doc describes each one, and plotext._doc_utils.add turns that into a
# docstring, reading every signature. That is half of plotext's import, 12-13 ms
# on the way to the complete dashboard (make bench), for text kneetui never shows.
# `import_plotext` hands plotext empty stand-ins for those two modules, so its
# functions get no docstrings and nothing else changes.
_DOC_UTILS, _DOC = "plotext._doc_utils", "plotext._doc"


def import_plotext() -> ModuleType:
    """The plotext module, imported without its help text if it was not imported
    yet. Should a plotext release ask more of the stand-ins than an `add` that
    does nothing (5.2 reads attributes of `_doc` itself), plotext is imported as
    it is instead."""
    if "plotext" in sys.modules:
        _legend_without_axis_letters()
        return sys.modules["plotext"]
    doc_utils = ModuleType(_DOC_UTILS)
    doc_utils.add = lambda function: None  # type: ignore[attr-defined]
    doc_utils.documentation = None  # type: ignore[attr-defined]
    sys.modules[_DOC_UTILS] = doc_utils
    sys.modules[_DOC] = ModuleType(_DOC)
    try:
        plotext = importlib.import_module("plotext")
    except (ImportError, AttributeError):
        for name in [name for name in sys.modules if name.partition(".")[0] == "plotext"]:
            del sys.modules[name]
        plotext = importlib.import_module("plotext")
    _legend_without_axis_letters()
    return plotext


def _legend_without_axis_letters() -> None:
    """When a chart's labelled series use different y axes (the scores on the
    left, the run bars on the right), plotext starts each legend line with a
    letter for the axes it uses, "L" for the left one and "⅃" for the right,
    which read as stray characters. plotext draws those letters only when the
    series' letters differ (plotext._build, "Add Legend Side Symbols"); with one
    letter for every pair of axes it draws none. The km axis's labels say which
    series it is for."""
    sides = getattr(sys.modules.get("plotext._utility"), "side_symbols", None)
    if isinstance(sides, dict):
        sides.update(dict.fromkeys(sides, "L"))


def _x(day: dt.date, start: dt.date) -> int:
    return (day - start).days


# A date label ("21 Aug", "Aug 2026") and the gap after it.
_LABEL_COLUMNS = 12


# Glyphs, distinct in shape so the legend reads without colour: a session day,
# a daily mean, and the 7-day mean's line; then the same in plain ASCII.
_SESSION_MARK, _DAILY_MARK, _ROLLING_MARK = "▲", "•", "braille"
_SESSION_MARK_PLAIN, _DAILY_MARK_PLAIN, _ROLLING_MARK_PLAIN = "^", "o", "-"
# Run bars and spike-run bars: a light fill and a solid one, so a spike reads
# without colour; the same in ASCII.
_RUN_MARK, _SPIKE_MARK = "░", "█"
_RUN_MARK_PLAIN, _SPIKE_MARK_PLAIN = ":", "#"
# Plot rows from which the legend names the run bars as well as the spikes.
_LEGEND_ALL_ROWS = 14
# Label steps the km axis may use.
_KM_STEPS = (1, 2, 5, 10, 20, 50, 100, 200)
# Rows plotext gives the frame (top and bottom) and the date labels; a title
# takes one more.
_FRAME_ROWS = 3
# Label steps the score axis may use: each divides 0-10 into whole scores.
_SCORE_STEPS = (1, 2, 5, 10)
MAX_SCORE = 10


# NamedTuples rather than frozen dataclasses: this module is imported on the way
# to the complete dashboard, and two dataclasses took half of its 1.3 ms there.
class ScoreAxis(NamedTuple):
    """The y axis of a chart `rows` rows tall, in score units: the bottom row is a
    strip for the session marks, below the score of 0; scores 0-10 sit above it
    with a label at every `step` scores, each label the same number of rows from
    the next (`low` and `high` are chosen so that rows fall on exact values)."""

    low: float
    high: float
    step: int
    ticks: tuple[int, ...]

    @property
    def session_row(self) -> float:
        return self.low


def score_axis(rows: int) -> ScoreAxis:
    """Whole-score labels an equal number of rows apart, with at least three
    labels where they fit; among those, the step that gives the scores the most
    rows, and then labels no closer than every other row."""
    score_rows = rows - 2  # the session strip, and score 0's own row
    best: tuple[tuple[bool, int, bool, int], int, int] | None = None
    for step in _SCORE_STEPS:
        intervals = MAX_SCORE // step
        gap = score_rows // intervals
        if gap < 1:
            continue
        rank = (intervals >= 2, gap * intervals, gap >= 2, -step)
        if best is None or rank > best[0]:
            best = (rank, step, gap)
    if best is None:  # too short for whole-score rows: 0 and 10 only
        return ScoreAxis(-MAX_SCORE / max(1, score_rows), MAX_SCORE, MAX_SCORE, (0, MAX_SCORE))
    _, step, gap = best
    # A row is step / gap scores; computed from whole numbers, so 10 comes out exact.
    low, high = -step / gap, (rows - 2) * step / gap
    return ScoreAxis(low, high, step, tuple(range(0, MAX_SCORE + 1, step)))


class KmAxis(NamedTuple):
    """The right-hand axis of the run bars: 0 km on the score of 0's row (bars
    stand on it, clear of the session strip), `step` km a label, and the longest
    bar about half the scores' height, so the soreness drawn over it stays in
    view."""

    low: float
    high: float
    ticks: tuple[int, ...]


def km_axis(rows: int, longest: float) -> KmAxis:
    """The km axis for a chart `rows` rows tall whose longest bar is `longest` km;
    labels fall on whole rows, at least two rows apart where they fit."""
    half = max(1, (rows - 2) // 2)
    # The finest step that labels the longest bar within three labels, with the
    # labels two rows apart or more where the chart has the rows for it.
    steps = [s for s in _KM_STEPS if s * 3 >= longest] or [_KM_STEPS[-1]]
    step = next((s for s in steps if round(half * s / longest) >= 2), steps[0])
    # Rows between labels; never so many that no label but 0 fits (a short run).
    gap = max(1, min(round(half * step / longest), rows - 2))
    # Labels counted in rows, so float rounding cannot drop the top one.
    labels = min((rows - 2) // gap, int(longest // step) + 1)
    return KmAxis(-step / gap, (rows - 2) * step / gap, tuple(range(0, (labels + 1) * step, step)))


def draw_trend(
    plt: Any,
    trend: Trend,
    *,
    width: int,
    height: int | None = None,
    color: bool = True,
    title: str | None = None,
) -> None:
    """Draw `trend` on the plotext figure `plt`, `width` columns by `height` rows
    (20 if not given).

    Days are plotted as numbers from the start of the range with date labels on
    the x axis: plotext's own date parsing is slow and raises on odd input. Only
    as many labels as fit the width are placed, so plotext never has to drop one
    (which it does differently from one draw to the next). Session days are
    marked along the bottom, in a row of their own under the score of 0. Runs are
    bars on a km axis on the right, drawn first so the scores show over them.
    """
    plt.clear_data()
    plt.clear_color()
    if not color:
        plt.theme("clear")
    rows = (20 if height is None else height) - _FRAME_ROWS - (1 if title else 0)
    axis = score_axis(rows)
    span = max(1, _x(trend.end, trend.start))
    plt.xlim(0, span)
    plt.ylim(axis.low, axis.high)
    plt.yticks(list(axis.ticks))
    # Band limits are drawn first, as plain series, so data points drawn later
    # show on top of them (plotext draws horizontal_line over everything).
    for limit in _BAND_LINES:
        plt.plot([0, span], [limit, limit], marker="·" if color else ".", color="gray")
    if trend.runs:
        _draw_runs(plt, trend, rows, color=color)
    if trend.session_days:
        plt.scatter(
            [_x(d, trend.start) for d in trend.session_days],
            [axis.session_row] * len(trend.session_days),
            marker=_SESSION_MARK if color else _SESSION_MARK_PLAIN,
            color="green",
            label="routine session",
        )
    if trend.rolling:
        plt.plot(
            [_x(p.day, trend.start) for p in trend.rolling],
            [p.value for p in trend.rolling],
            marker=_ROLLING_MARK if color else _ROLLING_MARK_PLAIN,
            color="cyan",
            label="7-day mean",
        )
    if trend.daily:
        plt.scatter(
            [_x(p.day, trend.start) for p in trend.daily],
            [p.value for p in trend.daily],
            marker=_DAILY_MARK if color else _DAILY_MARK_PLAIN,
            color="orange",
            label="daily mean" if trend.bucket_days == 1 else f"mean per {trend.bucket_days} days",
        )
    ticks = _date_ticks(trend.start, trend.end, max(2, min(5, width // _LABEL_COLUMNS)))
    plt.xticks([_x(d, trend.start) for d in ticks], [_label(d, trend) for d in ticks])
    if title:
        plt.title(title)


def _draw_runs(plt: Any, trend: Trend, rows: int, *, color: bool) -> None:
    """The run bars, one column wide, as a column of marks each: plotext's own
    bars are as wide as a share of the mean gap between them, so two spikes a
    month apart would each be drawn weeks wide."""
    axis = km_axis(rows, max(bar.km for bar in trend.runs))
    unit = -axis.low  # km per row
    plt.ylim(axis.low, axis.high, yside="right")
    plt.yticks(list(axis.ticks), yside="right")
    per = "" if trend.bucket_days == 1 else f" per {trend.bucket_days} days"
    # A short chart's legend would cover it: there the bars go without a line of
    # their own in the legend (the km axis says what they are); spikes keep theirs.
    run_label = f"longest run{per} (km)" if rows >= _LEGEND_ALL_ROWS else None
    for spike, mark, plain, hue, label in (
        (False, _RUN_MARK, _RUN_MARK_PLAIN, "blue", run_label),
        (True, _SPIKE_MARK, _SPIKE_MARK_PLAIN, "red", "with a spike run" if per else "spike run"),
    ):
        xs: list[int] = []
        ys: list[float] = []
        for bar in trend.runs:
            if bar.spike is spike:
                x = _x(bar.day, trend.start)
                # From the score of 0's row up, a row at least for the shortest run.
                for row in range(max(1, round(bar.km / unit)) + 1):
                    xs.append(x)
                    ys.append(row * unit)
        if xs:
            plt.scatter(
                xs, ys, yside="right", marker=mark if color else plain, color=hue, label=label
            )


def _date_ticks(start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    span = (end - start).days
    if span <= 0:
        return [start]
    step = max(1, span // (count - 1))
    ticks = [start + dt.timedelta(days=i) for i in range(0, span + 1, step)]
    if ticks[-1] != end and (end - ticks[-1]).days > step // 2:
        ticks.append(end)
    elif ticks[-1] != end:
        ticks[-1] = end
    return ticks


def _label(day: dt.date, trend: Trend) -> str:
    if (trend.end - trend.start).days > 370:
        return day.strftime("%b %Y")
    return day.strftime("%d %b")


RGB = tuple[int, int, int]


class ChartTheme(NamedTuple):
    """The plotext theme a dashboard chart is drawn in: one of plotext's own by
    name ("clear" without colour), or, with `canvas` and `ticks`, one made from
    the Textual theme's surface and foreground colours, as textual-plotext's
    PlotextPlot does for its "auto" theme."""

    name: str
    canvas: RGB | None = None
    ticks: RGB | None = None


class ChartDrawing(NamedTuple):
    """A dashboard chart drawn ahead (by the head start): plotext's text for one
    size and theme."""

    width: int
    height: int
    theme: ChartTheme
    text: str


def build_chart_text(
    trend: Trend,
    width: int,
    height: int,
    theme: ChartTheme,
    *,
    color: bool,
    figure: Any = None,
) -> str:
    """The dashboard's chart, `width` by `height`, as plotext's text with its
    colour codes: drawn on `figure`, or on a new bare plotext figure. Both give
    the same text (tests/tui/test_head_start.py)."""
    plotext = import_plotext()
    if figure is None:
        figure = plotext._figure._figure_class()
    figure.plotsize(width, height)
    figure._set_size(width, height)  # as textual-plotext's PlotextPlot.render() does
    draw_trend(figure, trend, width=width, height=height, color=color)
    name = theme.name
    if theme.canvas is not None and theme.ticks is not None:
        # PlotextPlot's "auto" theme: the canvas and axes in the surface colour,
        # the ticks in the foreground; every series here names its own colour,
        # so the theme's colour sequence is never used. Registered with plotext
        # under its colours too, so a name never keeps colours it once had.
        name = f"{theme.name}-{theme.canvas}-{theme.ticks}"
        themes = plotext._dict.themes
        themes.setdefault(
            name, (theme.canvas, theme.canvas, theme.ticks, "default", themes["default"][4])
        )
    figure.theme(name)
    text: str = figure.build()
    return text


def render_trend(
    trend: Trend, *, width: int, height: int, color: bool, title: str | None = None
) -> str:
    """The chart as text, for `kneetui plot` (ANSI colours only when `color`)."""
    plotext = import_plotext()
    plotext.clear_figure()
    plotext.limit_size(False, False)  # honour --width/--height, even on a pipe
    plotext.plot_size(width, height)
    draw_trend(plotext, trend, width=width, height=height, color=color, title=title)
    text: str = plotext.build()
    if not color:
        text = plotext.uncolorize(text)
    return text.rstrip("\n")
