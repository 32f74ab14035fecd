"""The report's soreness chart, drawn by matplotlib as SVG: inlined in the HTML
page and embedded as the same vector in the PDF (fpdf2 reads SVG).

No pyplot and no GUI: a bare `Figure` on the SVG canvas, so no backend is
chosen and nothing needs a display. The output is byte-for-byte the same for
the same data: the ids in the SVG come from a fixed salt, and the file carries
no date and no creator (whose URL an HTML page must not hold either).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from kneetui.domain.handout import Chart
from kneetui.domain.trend import Point

LEFT_COLOUR = "#1f77b4"
RIGHT_COLOUR = "#d95f02"
MEAN_COLOUR = "#222222"
SESSION_COLOUR = "#2a9d4b"
BAND_COLOUR = "#888888"
_RC = {
    "svg.hashsalt": "kneetui-report",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
}
# Everything matplotlib would write into the SVG's metadata: nothing.
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_PROLOG = re.compile(rb"\A.*?(?=<svg)", re.DOTALL)


_EPOCH = dt.date(1970, 1, 1)  # matplotlib's date numbers count days from it


def _x(days: Sequence[dt.date]) -> list[float]:
    return [float((day - _EPOCH).days) for day in days]


def _dates(points: Sequence[Point]) -> list[float]:
    return _x([p.day for p in points])


_GAP = float("nan")


def _dots(points: Sequence[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """A very short stroke per point, drawn with round caps: a dot."""
    xs: list[float] = []
    ys: list[float] = []
    for x, y in points:
        xs += [x - 0.01, x + 0.01, _GAP]
        ys += [y, y, _GAP]
    return xs, ys


def _ticks(days: Sequence[float]) -> tuple[list[float], list[float]]:
    """A short upright stroke under the zero line for each day."""
    xs: list[float] = []
    ys: list[float] = []
    for x in days:
        xs += [x, x, _GAP]
        ys += [-0.55, -0.1, _GAP]
    return xs, ys


def chart_svg(chart: Chart, width_in: float = 7.4, height_in: float = 2.15) -> bytes:
    """The chart as an SVG document, `width_in` × `height_in` inches."""
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        figure = Figure(figsize=(width_in, height_in))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        axes.set_ylim(-0.6, 10.4)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("soreness (0–10)")
        # Half a day either side, so the first and last days' points are whole.
        (first, last) = _x([chart.start, chart.end])
        axes.set_xlim(first - 0.5, last + 0.5)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
        formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
            locator, show_offset=False
        )
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(formatter)
        for limit in (3, 6):
            axes.axhline(limit, color=BAND_COLOUR, linewidth=0.7, linestyle=(0, (4, 3)))
            axes.annotate(
                str(limit),
                (1.0, limit),
                xycoords=("axes fraction", "data"),
                xytext=(2, 0),
                textcoords="offset points",
                color=BAND_COLOUR,
                va="center",
            )
        if chart.empty:
            axes.text(
                0.5, 0.5, "No data", transform=axes.transAxes, ha="center", va="center", size=10
            )
        # Each series is one path, its points joined by gaps (NaN): a path per
        # point (matplotlib's markers) would make the SVG slow to read into the PDF.
        dot = 3.0 if chart.bucket_days == 1 and len(chart.left) <= 120 else 1.8
        for points, shift, colour in (
            (chart.left, -0.18, LEFT_COLOUR),
            (chart.right, 0.18, RIGHT_COLOUR),
        ):
            xs, ys = _dots(
                [
                    (x + shift * chart.bucket_days, p.value)
                    for x, p in zip(_dates(points), points, strict=True)
                ]
            )
            axes.plot(xs, ys, color=colour, linewidth=dot, solid_capstyle="round")
        axes.plot(
            _dates(chart.rolling),
            [p.value for p in chart.rolling],
            color=MEAN_COLOUR,
            linewidth=1.2,
        )
        xs, ys = _ticks(_x(chart.session_days))
        axes.plot(xs, ys, color=SESSION_COLOUR, linewidth=0.9)
        handles = [
            Line2D([], [], linestyle="none", marker="o", markersize=3, color=LEFT_COLOUR),
            Line2D([], [], linestyle="none", marker="o", markersize=3, color=RIGHT_COLOUR),
            Line2D([], [], color=MEAN_COLOUR, linewidth=1.2),
            Line2D([], [], linestyle="none", marker="|", markersize=5, color=SESSION_COLOUR),
        ]
        labels = ["left knee", "right knee", "7-day mean (worse knee)", "session day"]
        axes.legend(
            handles,
            labels,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncols=4,
            frameon=False,
            fontsize=6.5,
            borderaxespad=0.1,
        )
        axes.spines[["top", "right"]].set_visible(False)
        figure.subplots_adjust(left=0.065, right=0.975, top=0.89, bottom=0.12)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata=_NO_METADATA)
    return buffer.getvalue()


def inline_svg(svg: bytes) -> str:
    """The SVG element alone, for inlining in HTML: no XML declaration and no
    DOCTYPE (whose DTD address a browser would not fetch, but a reader could)."""
    return _PROLOG.sub(b"", svg, count=1).decode()
