"""ansi_to_strips gives each character the style rich's Text.from_ansi gives it,
line by line: on real charts in colour and without, and on codes that build on
one another or reset midway."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.style import Style
from rich.text import Text
from textual_plotext.plot import Plot

from kneetui.charts import draw_trend
from kneetui.domain.demo import demo_history
from kneetui.domain.models import DailySoreness
from kneetui.domain.routine import Routine
from kneetui.domain.trend import build_trend
from kneetui.tui.ansi import ansi_to_strips


def styled_characters(text: Text) -> list[tuple[str, Style]]:
    """Each character with the style it is shown in, however the spans are cut."""
    styles = [Style()] * len(text.plain)
    for span in text.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
        for i in range(span.start, span.end):
            styles[i] = styles[i] + style
    return list(zip(text.plain, styles, strict=True))


def same_as_rich(ansi: str) -> bool:
    ours = [
        [(char, segment.style or Style()) for segment in strip for char in segment.text]
        for strip in ansi_to_strips(ansi)
    ]
    rich = [styled_characters(line) for line in Text.from_ansi(ansi).split("\n", allow_blank=True)]
    return ours == rich


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "clear", "pro"])
@pytest.mark.parametrize(("width", "height"), [(56, 25), (120, 30), (20, 8)])
def test_charts_come_out_as_rich_makes_them(
    routine: Routine, theme: str, width: int, height: int
) -> None:
    today = dt.date(2026, 11, 18)
    history = demo_history(routine, today, dt.UTC)
    daily: dict[dt.date, list[int]] = {}
    for entry in history.soreness:
        daily.setdefault(entry.local_day, []).append(entry.score)
    days = [DailySoreness(d, sum(v) / len(v), len(v)) for d, v in sorted(daily.items())]
    trend = build_trend(
        days, [s.local_day for s in history.sessions],
        start=today - dt.timedelta(days=89), end=today, max_points=90,
    )  # fmt: skip
    plt = Plot()
    plt.plotsize(width, height)
    plt._set_size(width, height)
    draw_trend(plt, trend, width=width, color=theme != "clear")
    plt.theme(theme)
    ansi = plt.build()
    assert "\x1b[" in ansi or theme == "clear"
    assert same_as_rich(ansi)


@pytest.mark.parametrize(
    "ansi",
    [
        "",
        "plain text\nand a second line",
        "\x1b[1mbold \x1b[31mbold red \x1b[0mplain",
        "\x1b[1m\x1b[0m\x1b[32mgreen only\x1b[m reset by an empty code",
        "\x1b[44mblue ground\n\x1b[38;2;229;229;16myellow on blue\x1b[0m",
        "\x1b[48;5;0m\x1b[38;5;3m••\x1b[0m\x1b[48;5;0m  \x1b[0m",
    ],
)
def test_codes_build_on_one_another_until_a_reset(ansi: str) -> None:
    assert same_as_rich(ansi)
