"""plotext imported without its help text (kneetui.charts.import_plotext): the
docstrings are gone, every chart is drawn exactly as before, and a plotext that
asks more of its documentation modules is imported as it is.

Each check runs in a fresh interpreter: an import happens once per process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import child_env

# Draws the same trend through both paths kneetui uses: the plotext module
# (`kneetui plot`) and the dashboard's textual-plotext figure, colours included.
_DRAW = """
import datetime as dt
from kneetui.charts import ChartTheme, render_trend
from kneetui.domain.models import DailySoreness
from kneetui.domain.trend import build_trend
from kneetui.tui.widgets.trend_plot import build_chart

end = dt.date(2026, 11, 18)
days = [DailySoreness(end - dt.timedelta(days=n), (n * 7) % 11, 1) for n in range(88, -1, -2)]
trend = build_trend(days, [end - dt.timedelta(days=n) for n in range(87, -1, -3)],
                    start=end - dt.timedelta(days=89), end=end, max_points=90)
print(repr(render_trend(trend, width=60, height=20, color=True)))
for theme in (
    ChartTheme("textual-dark"),
    ChartTheme("clear"),
    ChartTheme("textual-auto-nord", (59, 66, 82), (216, 222, 233)),
):
    for strip in build_chart(trend, 56, 25, theme, theme.name != "clear"):
        print([(segment.text, str(segment.style)) for segment in strip])
"""


def _python(code: str, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(**env),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_plotext_comes_without_its_help_text() -> None:
    code = "import {how}\nprint(plotext.plot.__doc__ is None, plotext.plot_size.__doc__ is None)"
    plain = _python(code.format(how="plotext"))
    ours = _python(code.format(how="kneetui.charts\nplotext = kneetui.charts.import_plotext()"))
    # The dashboard draws on textual-plotext's figure, which imports plotext.
    dashboard = _python(
        "import datetime as dt\n"
        "from kneetui.charts import ChartTheme\n"
        "from kneetui.domain.trend import build_trend\n"
        "from kneetui.tui.widgets.trend_plot import build_chart\n"
        "day = dt.date(2026, 11, 18)\n"
        "trend = build_trend([], [day], start=day, end=day, max_points=1)\n"
        "build_chart(trend, 40, 12, ChartTheme('clear'), False)\n" + code.format(how="plotext")
    )
    assert plain.split() == ["False", "False"]
    assert ours.split() == ["True", "True"]
    assert dashboard.split() == ["True", "True"]


def test_the_chart_widget_imports_no_plotext_until_it_draws() -> None:
    # The head start draws the dashboard's first chart, so the app itself needs
    # plotext (and textual-plotext) only when it draws one (trend_plot's docstring).
    loaded = _python(
        "import sys\nimport kneetui.tui.widgets.trend_plot, kneetui.tui.widgets.trend_pane\n"
        "print(sorted({m.partition('.')[0] for m in sys.modules} & {'plotext', 'textual_plotext'}))"
    )
    assert loaded.strip() == "[]"


def test_charts_are_drawn_as_with_the_help_text() -> None:
    with_help = _python("import plotext\n" + _DRAW)
    without = _python(_DRAW)
    assert "7-day mean" in without
    assert without == with_help


def _fake_plotext(folder: Path, *, asks: str) -> None:
    """A plotext whose core asks `asks` of plotext._doc_utils and documents plot()."""
    package = folder / "plotext"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from ._core import *\n")
    (package / "_doc.py").write_text("")
    (package / "_doc_utils.py").write_text(
        "def add(function):\n    function.__doc__ = 'documented'\n\nextra = 1\n"
    )
    (package / "_core.py").write_text(
        f"import plotext._doc\nfrom plotext._doc_utils import {asks}\n\n"
        "def plot():\n    pass\n\nadd(plot)\n"
    )


def test_a_plotext_that_asks_more_is_imported_as_it_is(tmp_path: Path) -> None:
    code = "from kneetui.charts import import_plotext\nprint(import_plotext().plot.__doc__)"
    _fake_plotext(tmp_path / "known", asks="add")
    _fake_plotext(tmp_path / "more", asks="add, extra")
    assert _python(code, PYTHONPATH=str(tmp_path / "known")).strip() == "None"
    assert _python(code, PYTHONPATH=str(tmp_path / "more")).strip() == "documented"
