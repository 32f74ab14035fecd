"""The dashboard's head start (kneetui.head_start): a real helper process gathers
the dashboard's state and draws its chart ahead; the app shows exactly what it
would have loaded itself, and loads itself whenever the answer could be stale,
late or missing."""

from __future__ import annotations

import datetime as dt
import json
import os
import select
import sqlite3
import sys
from pathlib import Path

import pytest

from kneetui import head_start
from kneetui.charts import ChartTheme
from kneetui.domain.routine import Routine
from kneetui.head_start import NICENESS, HeadStart, remember_chart, remembered_chart
from kneetui.storage.store import Store
from kneetui.tui.ansi import ansi_to_strips
from kneetui.tui.state import DEFAULT_RANGE, load_dashboard
from kneetui.tui.widgets import trend_plot
from kneetui.tui.widgets.trend_plot import TrendPlot, build_chart
from tests.tui.conftest import CLOCK_NOW, AppFactory

TODAY = CLOCK_NOW.date()
THEME = ChartTheme("textual-auto-test", (30, 30, 30), (224, 224, 224))


@pytest.fixture(autouse=True)
def _two_cores_at_120x36(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper is started only with a core to spare, and draws the chart for
    the terminal size (COLUMNS and LINES rule shutil's answer, as Textual's).
    A busy test machine may need more than the app's quarter of a second."""
    monkeypatch.setattr(head_start, "_cores", lambda: 2)
    monkeypatch.setattr(head_start, "WAIT_S", 60.0)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LINES", "36")


def _begin(store: Store, range_index: int = DEFAULT_RANGE, *, color: bool = True) -> HeadStart:
    started = HeadStart.begin(store.path, TODAY, range_index, color=color)
    assert started is not None
    return started


def _gone(pid: int) -> bool:
    """The helper has exited and was reaped."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_helper_gathers_what_the_app_would(demo_store: Store, routine: Routine) -> None:
    for range_index in range(4):
        started = _begin(demo_store, range_index)
        state = started.take(demo_store, TODAY, range_index)
        assert state == load_dashboard(demo_store, routine, TODAY, range_index)
        assert state is not None and state.chart.drawing is None  # no layout noted yet
        assert _gone(started.pid)


def test_the_chart_drawn_ahead_is_the_one_the_app_draws(demo_store: Store) -> None:
    remember_chart(demo_store.path, 56, 25, THEME, color=True)
    state = _begin(demo_store).take(demo_store, TODAY, DEFAULT_RANGE)
    assert state is not None and state.chart.drawing is not None
    drawing = state.chart.drawing
    assert (drawing.width, drawing.height, drawing.theme) == (56, 25, THEME)
    ahead = ansi_to_strips(drawing.text)
    drawn = build_chart(state.chart.trend, 56, 25, THEME, True)
    assert [list(line) for line in ahead] == [list(line) for line in drawn]
    assert "7-day mean" in "".join(line.text for line in ahead)


def test_without_colour_the_plain_chart_is_drawn_ahead(demo_store: Store) -> None:
    remember_chart(demo_store.path, 56, 25, ChartTheme("clear"), color=False)
    # A layout noted in colour is not used without, and the other way round.
    assert remembered_chart(demo_store.path, "120x36", color=True) is None
    state = _begin(demo_store, color=False).take(demo_store, TODAY, DEFAULT_RANGE)
    assert state is not None and state.chart.drawing is not None
    drawn = build_chart(state.chart.trend, 56, 25, ChartTheme("clear"), False)
    ahead = ansi_to_strips(state.chart.drawing.text)
    assert [list(line) for line in ahead] == [list(line) for line in drawn]


def test_an_answer_older_than_a_write_is_not_used(demo_store: Store, routine: Routine) -> None:
    started = _begin(demo_store)
    # The helper writes its answer once it has read everything: then a score is
    # logged, and the answer no longer shows the history as it is.
    assert started._answer is not None
    ready, _, _ = select.select([started._answer], [], [], 30)
    assert ready
    demo_store.set_setting("check_in_dismissed_on", None)
    assert started.take(demo_store, TODAY, DEFAULT_RANGE) is None
    assert _gone(started.pid)
    # A helper started after the write answers, and its answer is used.
    assert _begin(demo_store).take(demo_store, TODAY, DEFAULT_RANGE) is not None


def test_an_answer_for_another_day_or_range_is_not_used(demo_store: Store) -> None:
    assert _begin(demo_store).take(demo_store, TODAY, DEFAULT_RANGE + 1) is None
    tomorrow = TODAY + dt.timedelta(days=1)
    assert _begin(demo_store).take(demo_store, tomorrow, DEFAULT_RANGE) is None


def test_the_helper_runs_nicer_than_the_app(demo_store: Store) -> None:
    started = _begin(demo_store)
    try:
        helper = os.getpriority(os.PRIO_PROCESS, started.pid)
        # Linux clamps a niceness past 19 to 19.
        assert helper == min(19, os.getpriority(os.PRIO_PROCESS, 0) + NICENESS)
        assert NICENESS > 0
    finally:
        started.close()


def test_the_answer_is_taken_once(demo_store: Store) -> None:
    started = _begin(demo_store)
    assert started.take(demo_store, TODAY, DEFAULT_RANGE) is not None
    assert started.take(demo_store, TODAY, DEFAULT_RANGE) is None


def test_a_helper_that_fails_says_nothing_and_is_not_used(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # An SQLite file that is not kneetui's: the helper's first read fails.
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    started = HeadStart.begin(other, TODAY, DEFAULT_RANGE, color=True)
    assert started is not None
    with Store.open(tmp_path / "app.db", now=CLOCK_NOW) as store:
        assert started.take(store, TODAY, DEFAULT_RANGE) is None
    assert _gone(started.pid)
    assert capfd.readouterr() == ("", "")  # nothing reached the terminal


def test_a_helper_that_does_not_answer_in_time_is_stopped(
    empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(head_start, "WAIT_S", 0.05)
    read, write = os.pipe()
    pid = os.posix_spawn(
        sys.executable,
        [sys.executable, "-c", "import time; time.sleep(60)"],
        os.environ,
        file_actions=[(os.POSIX_SPAWN_DUP2, write, 1)],
    )
    os.close(write)
    silent = HeadStart(pid, read, TODAY, DEFAULT_RANGE)
    assert silent.take(empty_store, TODAY, DEFAULT_RANGE) is None
    assert _gone(pid)


def test_no_helper_on_one_core(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(head_start, "_cores", lambda: 1)
    assert HeadStart.begin(demo_store.path, TODAY, DEFAULT_RANGE, color=True) is None


def test_the_chart_layout_is_noted_per_terminal_size(tmp_path: Path) -> None:
    db = tmp_path / "kneetui.db"
    assert remembered_chart(db, "120x36", color=True) is None
    remember_chart(db, 56, 25, THEME, color=True)
    layout = db.with_name("kneetui.db-chart-layout")
    assert layout.stat().st_mode & 0o777 == 0o600
    assert remembered_chart(db, "120x36", color=True) == {
        "width": 56,
        "height": 25,
        "theme": ["textual-auto-test", [30, 30, 30], [224, 224, 224]],
        "color": True,
    }
    assert remembered_chart(db, "80x24", color=True) is None
    for damaged in ("not json", "[1, 2]", json.dumps({"120x36": "odd"})):
        layout.write_text(damaged)
        assert remembered_chart(db, "120x36", color=True) is None
        remember_chart(db, 56, 25, THEME, color=True)  # a damaged file is replaced
        assert remembered_chart(db, "120x36", color=True) is not None


async def test_the_app_shows_the_helpers_state_and_chart_without_drawing_it(
    demo_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first start, without a helper: what the app draws itself.
    plain = make_app(demo_store)
    async with plain.run_test(size=(120, 36)):
        plot = plain.screen.query_one(TrendPlot)
        drawn_as, drawing = plot.drawn_as, plot.drawing
        coaching = plain.dashboard.state.coaching if plain.dashboard.state else None
    assert drawn_as is not None and coaching is not None
    remember_chart(demo_store.path, *drawn_as, color=True)

    built: list[object] = []
    monkeypatch.setattr(trend_plot, "build_chart", lambda *args: built.append(args))
    app = make_app(demo_store, head_start=_begin(demo_store))
    async with app.run_test(size=(120, 36)):
        plot = app.screen.query_one(TrendPlot)
        assert plot.drawing == drawing
        assert plot.drawn_as == drawn_as
        assert app.dashboard.state is not None
        assert app.dashboard.state.coaching == coaching
    assert built == []  # the chart came from the helper


async def test_a_chart_drawn_ahead_for_another_size_is_drawn_again(
    demo_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember_chart(demo_store.path, 50, 20, THEME, color=True)
    built: list[tuple[int, int]] = []
    build = trend_plot.build_chart

    def recording(*args: object) -> object:
        built.append((args[1], args[2]))  # type: ignore[arg-type]
        return build(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(trend_plot, "build_chart", recording)
    app = make_app(demo_store, head_start=_begin(demo_store))
    async with app.run_test(size=(120, 36)):
        plot = app.screen.query_one(TrendPlot)
        assert plot.drawn_as is not None
        assert built == [plot.drawn_as[:2]] != [(50, 20)]
        assert "7-day mean" in plot.drawing


async def test_the_app_notes_its_chart_layout_when_started_with_a_helper(
    demo_store: Store, make_app: AppFactory
) -> None:
    layout = demo_store.path.with_name(demo_store.path.name + "-chart-layout")
    plain = make_app(demo_store)
    async with plain.run_test(size=(120, 36)):
        plain._when_idle()
    assert not layout.exists()  # tests and other embedders leave no file behind

    app = make_app(demo_store, head_start=_begin(demo_store))
    async with app.run_test(size=(120, 36)):
        drawn_as = app.screen.query_one(TrendPlot).drawn_as
        app._when_idle()
        await app.workers.wait_for_complete()
    assert drawn_as is not None
    width, height, theme = drawn_as
    assert remembered_chart(demo_store.path, "120x36", color=True) == {
        "width": width,
        "height": height,
        "theme": json.loads(json.dumps(list(theme))),
        "color": True,
    }


def _decoy(folder: Path, module: str) -> Path:
    """`module` (a dotted name) in `folder`, doing nothing but leave a mark when
    imported; returns the mark's path."""
    *packages, name = module.split(".")
    where = folder.joinpath(*packages)
    where.mkdir(parents=True, exist_ok=True)
    for depth in range(len(packages)):
        folder.joinpath(*packages[: depth + 1], "__init__.py").write_text("")
    marker = folder.with_name(folder.name + "-ran")
    (where / f"{name}.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    return marker


def test_the_current_folder_is_not_on_the_helpers_path(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A module named like one the helper imports, in the folder kneetui is
    # started from: the helper never imports it (python -P).
    folder = tmp_path / "elsewhere"
    marker = _decoy(folder, "pickle")
    monkeypatch.chdir(folder)
    assert _begin(demo_store).take(demo_store, TODAY, DEFAULT_RANGE) is not None
    assert not marker.exists()


def test_the_helper_runs_this_kneetui_whatever_else_is_on_its_path(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another kneetui first on the path (an older install, another checkout):
    # the helper still runs the app's own, whose answer the app can trust.
    folder = tmp_path / "other"
    marker = _decoy(folder, "kneetui.head_start")
    monkeypatch.setenv("PYTHONPATH", str(folder))
    assert _begin(demo_store).take(demo_store, TODAY, DEFAULT_RANGE) is not None
    assert not marker.exists()


def test_an_answer_from_another_kneetui_is_not_used(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _begin(demo_store)
    monkeypatch.setattr(head_start, "_package_root", lambda: "/somewhere/else")
    assert started.take(demo_store, TODAY, DEFAULT_RANGE) is None


def test_a_theme_name_never_keeps_colours_it_once_had(demo_store: Store, routine: Routine) -> None:
    # A chart drawn while a theme's CSS was not yet in place must not leave its
    # colours on that theme's name for the rest of the run (plotext's theme
    # table is shared by every figure).
    trend = load_dashboard(demo_store, routine, TODAY, DEFAULT_RANGE).chart.trend
    dark = build_chart(
        trend, 56, 25, ChartTheme("textual-auto-same", (0, 0, 0), (255, 255, 255)), True
    )
    light = build_chart(
        trend, 56, 25, ChartTheme("textual-auto-same", (250, 250, 250), (0, 0, 0)), True
    )
    assert [line.text for line in dark] == [line.text for line in light]
    assert [[s.style for s in line] for line in dark] != [[s.style for s in line] for line in light]
