"""The chart reads at every size: whole-score labels an equal number of rows
apart, session days marked in a strip of their own along the bottom (not on the
score of 0), and glyphs of different shapes for session days and daily means,
so the legend reads without colour. Checked on the chart's text: on the
dashboard at 80×24 and 120×36, and from `charts.render_trend` at many sizes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kneetui.charts import render_trend, score_axis
from kneetui.domain.demo import demo_history
from kneetui.domain.models import DailySoreness
from kneetui.domain.routine import Routine
from kneetui.domain.trend import build_trend
from kneetui.storage.store import Store
from kneetui.tui.widgets.trend_plot import TrendPlot
from tests.tui.conftest import CLOCK_NOW, AppFactory


def y_labels(text: str) -> list[tuple[int, int]]:
    """(row, score) of each y-axis label, top row first."""
    found = []
    for row, line in enumerate(text.splitlines()):
        label, tick, _ = line.partition("┤")
        if tick:
            assert label.strip().isdigit(), line  # whole scores only
            found.append((row, int(label)))
    return found


def check_chart(text: str, session: str, daily: str) -> None:
    lines = text.splitlines()
    labels = y_labels(text)
    scores = [score for _, score in labels]
    assert scores[0] == 10 and scores[-1] == 0 and len(scores) >= 3, scores
    steps = {a - b for a, b in itertools.pairwise(scores)}
    gaps = {b - a for (a, _), (b, _) in itertools.pairwise(labels)}
    assert len(steps) == 1 and len(gaps) == 1, (labels, text)
    # The session marks: in the row under the score of 0, just above the axis.
    zero_row = labels[-1][0]
    marks = [row for row, line in enumerate(lines) if session in line.split("┤")[-1]]
    legend = [row for row in marks if "routine session" in lines[row]]
    assert set(marks) - set(legend) == {zero_row + 1}, text
    assert lines[zero_row + 2].lstrip().startswith("└")
    assert session not in lines[zero_row]
    # The legend shows each series with its own glyph.
    assert f"{session}{session} routine session" in text
    assert f"{daily}{daily} daily mean" in text
    assert session != daily


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_dashboard_chart_reads_at_80x24_and_120x36(
    demo_store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        check_chart(app.query_one(TrendPlot).drawing, "▲", "•")


async def test_the_chart_without_colour_uses_ascii_glyphs(
    demo_store: Store, make_app: AppFactory
) -> None:
    app = make_app(demo_store, color=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        check_chart(app.query_one(TrendPlot).drawing, "^", "o")


@pytest.mark.parametrize("height", [10, 12, 14, 18, 20, 25, 30, 40, 60])
@pytest.mark.parametrize("title", [None, "Soreness"])
def test_render_trend_labels_and_marks_at_many_heights(
    routine: Routine, height: int, title: str | None
) -> None:
    bundle = demo_history(routine, CLOCK_NOW.date(), dt.UTC)
    end = CLOCK_NOW.date()
    start = end - dt.timedelta(days=60)
    by_day: dict[dt.date, list[int]] = {}
    for entry in bundle.soreness:
        by_day.setdefault(entry.local_day, []).append(entry.score)
    daily = [DailySoreness(d, sum(s) / len(s), len(s)) for d, s in sorted(by_day.items())]
    sessions = [s.local_day for s in bundle.sessions if s.reps]
    trend = build_trend(daily, sessions, start=start, end=end, max_points=70)
    text = render_trend(trend, width=70, height=height, color=False, title=title)
    assert len(text.splitlines()) == height
    check_chart(text, "^", "o")


def test_score_axis_puts_rows_on_exact_scores() -> None:
    for rows in range(4, 80):
        axis = score_axis(rows)
        unit = (axis.high - axis.low) / (rows - 1)
        # Every label lands on a row of its own, the same number of rows apart.
        positions = [(tick - axis.low) / unit for tick in axis.ticks]
        assert all(abs(p - round(p)) < 1e-9 for p in positions), rows
        assert len({round(b - a) for a, b in itertools.pairwise(positions)}) == 1
        assert axis.ticks[0] == 0 and axis.ticks[-1] == 10
        assert round(positions[0]) == 1  # the bottom row is the session strip
        assert axis.high >= 10
