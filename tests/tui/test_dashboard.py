"""The dashboard through the real app and Pilot: panes, range cycling, help,
palette commands, small terminals and NO_COLOR."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from textual.color import Color
from textual.widgets import Static

from kneetui.charts import ChartTheme
from kneetui.domain.models import Rep, Session, SessionStatus, Side
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.help import HelpScreen
from kneetui.tui.widgets.trend_pane import TrendPane
from kneetui.tui.widgets.trend_plot import TrendPlot
from tests.tui.conftest import CLOCK_NOW, AppFactory


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def test_routine_pane_shows_today_each_exercise_and_reps_done(
    empty_store: Store, make_app: AppFactory
) -> None:
    session = Session("0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e", CLOCK_NOW, CLOCK_NOW.date(),
                      SessionStatus.STOPPED)  # fmt: skip
    empty_store.start_session(session)
    for n in (1, 2, 3):
        empty_store.add_rep(session.uuid, Rep("leg-raise", Side.LEFT, n, 5, 5.0, CLOCK_NOW))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        routine = text_of(app, "#routine-text")
        assert "Wednesday 18 November · Routine day" in routine
        assert "1. Leg Raises  3/20 done" in routine
        assert "2. Weighted Hamstring Curls  0/20 done" in routine
        assert "3. Calf Raises  0/10 done" in routine
        assert "Hold 5 s · 10 per leg, legs alternating" in routine
        assert "Hold 20 s · 10, both feet together" in routine
        assert "Equipment: ankle weights" in routine
        assert "Strengthens the quadriceps" in routine
        assert "lift one straight leg" in routine
        timer = text_of(app, "#timer-idle")
        assert "Press s to start today's session." in timer
        assert "50 holds over 3 exercises" in timer


async def test_rest_day_names_the_next_routine_day(
    empty_store: Store, make_app: AppFactory
) -> None:
    thursday = CLOCK_NOW + dt.timedelta(days=1)
    app = make_app(empty_store, clock=lambda: thursday)
    async with app.run_test(size=(120, 36)):
        assert "Thursday 19 November · Rest day — next routine: Fri" in text_of(
            app, "#routine-text"
        )
        assert "Rest day. You can still press s" in text_of(app, "#timer-idle")


async def test_empty_database_says_how_to_log_the_first_score(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        assert not app.screen.query_one(TrendPlot).display
        assert "No soreness scores yet" in text_of(app, "#trend-empty")
        assert "press l" in text_of(app, "#trend-empty")


async def test_trend_summary_and_range_cycling(demo_store: Store, make_app: AppFactory) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = app.screen.query_one(TrendPane)
        assert app.screen.query_one(TrendPlot).display
        assert pane.border_title == "Soreness trend — last 90 days"
        summary = text_of(app, "#trend-summary")
        last = demo_store.soreness(limit=1)[0]
        assert f"Last score {last.score}/10" in summary
        assert "7-day average" in summary
        titles = []
        for _ in range(4):
            await pilot.press("r")
            titles.append(pane.border_title)
        assert titles == [
            "Soreness trend — last year",
            "Soreness trend — all time",
            "Soreness trend — last 30 days",
            "Soreness trend — last 90 days",
        ]


async def test_scores_only_outside_the_range_say_so(
    empty_store: Store, make_app: AppFactory
) -> None:
    old = CLOCK_NOW - dt.timedelta(days=60)
    empty_store.add_soreness(new_entry(4, at=old, now=CLOCK_NOW))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "r", "r")  # last 30 days
        assert "No scores in the last 30 days. Press r" in text_of(app, "#trend-empty")
        assert "Last score 4/10" in text_of(app, "#trend-summary")


async def test_help_shows_keys_advice_and_not_medical_advice(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one(Static).render())
        assert "log soreness after a run" in text
        assert "a few days a week" in text
        assert "physical therapist" in text
        assert "not medical advice" in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_the_command_palette_offers_the_main_actions(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Log soreness", "History", "Chart range", "Help", "Quit"):
            assert title in titles


async def test_footer_shows_the_keys(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        shown = {key for key, active in app.screen.active_bindings.items() if active.binding.show}
        assert {"l", "h", "r", "question_mark", "q"} <= shown


async def test_q_quits(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_small_terminal_shows_a_hint_and_resizing_restores_the_layout(
    demo_store: Store, make_app: AppFactory
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = app.screen
        assert screen.has_class("too-small")
        assert not screen.query_one("#routine").display
        assert "Enlarge the window to at least 60×18 (now 40×12)" in text_of(app, "#size-hint")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert not screen.has_class("too-small")
        assert screen.query_one("#routine").display


async def test_a_resize_to_the_same_size_does_not_lay_the_dashboard_out_again(
    demo_store: Store, make_app: AppFactory
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append, immediate=True)
        routine = screen.query_one("#routine")
        # Let the start-up's own layouts (the panes mounted after the first paint
        # are laid out twice, the chart in between) finish before counting.
        for _ in range(20):
            layouts.clear()
            await pilot.pause()
            if not layouts:
                break
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert layouts == []
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert layouts
        assert routine.outer_size.height < 34


async def test_every_size_down_to_one_by_one_keeps_running(
    demo_store: Store, make_app: AppFactory
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        for width, height in ((1, 1), (20, 6), (59, 18), (60, 17), (80, 24), (300, 100), (2, 3)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            too_small = width < 60 or height < 18
            assert app.screen.has_class("too-small") is too_small, (width, height)
        await pilot.press("q")
    assert app.return_code == 0


async def test_no_color_uses_plotexts_plain_theme(demo_store: Store, make_app: AppFactory) -> None:
    app = make_app(demo_store, color=False)
    async with app.run_test(size=(120, 36)):
        plot = app.screen.query_one(TrendPlot)
        assert plot.chart_theme() == ChartTheme("clear")
        assert "\x1b[" not in plot.drawing
    colored = make_app(demo_store)
    async with colored.run_test(size=(120, 36)):
        # As textual-plotext's "auto" theme: the Textual theme's own colours.
        theme = colored.screen.query_one(TrendPlot).chart_theme()
        variables = colored.theme_variables
        assert theme == ChartTheme(
            f"textual-auto-{colored.theme}",
            Color.parse(variables["surface"]).rgb,
            Color.parse(variables["foreground"]).rgb,
        )


async def test_the_day_rolls_over_at_midnight_without_a_restart(
    empty_store: Store, make_app: AppFactory
) -> None:
    moments = [CLOCK_NOW.replace(hour=23, minute=59)]
    app = make_app(empty_store, clock=lambda: moments[-1])
    async with app.run_test(size=(120, 36)) as pilot:
        assert "Wednesday 18 November" in text_of(app, "#routine-text")
        moments.append(moments[-1] + dt.timedelta(minutes=2))
        app.check_day()
        await pilot.pause()
        assert "Thursday 19 November · Rest day" in text_of(app, "#routine-text")


async def test_textual_themes_restyle_the_app_and_the_chart(
    demo_store: Store, make_app: AppFactory
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        plot = app.screen.query_one(TrendPlot)
        before = plot.drawing
        colours = {tuple(segment.style for segment in plot.render_line(1))}
        for theme in ("nord", "textual-light", "gruvbox"):
            app.theme = theme
            await pilot.pause()
            assert app.current_theme.name == theme
            colours.add(tuple(segment.style for segment in plot.render_line(1)))
        assert plot.drawing == before  # same chart, new colours only
        assert len(colours) == 4


async def test_quitting_before_the_deferred_load_is_clean(
    demo_store: Store, routine: object
) -> None:
    from kneetui.tui.app import KneetuiApp
    from tests.tui.conftest import fixed_clock

    for _ in range(5):
        app = KneetuiApp(demo_store, routine, clock=fixed_clock)  # type: ignore[arg-type]
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("q")
        assert app.return_code == 0


async def test_first_chart_is_drawn_on_the_event_loop_and_redraws_in_a_worker(
    demo_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kneetui.tui.widgets import trend_plot

    threads: list[str] = []
    build = trend_plot.build_chart

    def recording_build(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return build(*args)

    monkeypatch.setattr(trend_plot, "build_chart", recording_build)
    app = make_app(demo_store)
    app.chart_in_thread = True  # as in the real app
    async with app.run_test(size=(120, 36)) as pilot:
        plot = app.screen.query_one(TrendPlot)
        await pilot.pause()
        # The first chart is built once, on the event loop (no session can be
        # running yet), right after the dashboard's first complete frame.
        assert threads == ["MainThread"]
        assert "7-day mean" in plot.drawing
        await pilot.press("r")  # another range: built off the event loop
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(threads) == 2 and threads[1] != "MainThread"
        assert "7-day mean" in plot.drawing
