"""How the dashboard starts: the first frame holds today's routine, the bars and
the other panes come right after it without moving it, a key pressed in between
is not lost, and the garbage collector is handed back once the dashboard is idle."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from textual.widgets import Static

from kneetui import launch
from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.widgets.routine_pane import RoutinePane
from tests.conftest import child_env
from tests.tui.conftest import AppFactory


class HeldPanes:
    """Keeps the dashboard at its first frame: the building of the other panes is
    held back until the test calls `release`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.screens: list[DashboardScreen] = []
        self._complete = DashboardScreen.complete_after_first_paint
        screens = self.screens

        async def hold(screen: DashboardScreen) -> None:
            screens.append(screen)

        monkeypatch.setattr(DashboardScreen, "complete_after_first_paint", hold)

    async def release(self) -> None:
        for screen in self.screens:
            await self._complete(screen)


@pytest.fixture
def held_panes(monkeypatch: pytest.MonkeyPatch) -> HeldPanes:
    return HeldPanes(monkeypatch)


@pytest.fixture
def collector_back_on() -> Iterator[None]:
    yield
    gc.enable()


@pytest.fixture
def collections(monkeypatch: pytest.MonkeyPatch, collector_back_on: None) -> list[int]:
    """The collector as the launcher leaves it (paused), with full collections
    counted instead of run and no freeze (this is the test process)."""
    counted: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *a: counted.append(1) or 0)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    gc.disable()
    return counted


async def test_the_first_frame_is_the_routine_and_the_rest_follows(
    demo_store: Store, make_app: AppFactory, held_panes: HeldPanes
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.dashboard
        routine = screen.query_one(RoutinePane)
        assert "1. Leg Raises" in str(screen.query_one("#routine-text", Static).render())
        assert not screen.complete
        assert not screen.query("#timer, #coaching, #trend, TitleBar, KeyBar")
        first = routine.region
        await held_panes.release()
        await pilot.pause()
        assert screen.complete
        assert len(screen.query("#timer, #coaching, #trend, TitleBar, KeyBar")) == 5
        assert screen.state is not None
        # The bars took the blank rows: the routine kept its place and width.
        assert (routine.region.x, routine.region.y, routine.region.width) == (
            first.x, first.y, first.width,
        )  # fmt: skip
        assert screen.query_one("TitleBar").region.y == 0
        assert screen.query_one("KeyBar").region.bottom == 36


async def test_the_routines_scrollbar_comes_with_the_rest_in_room_kept_for_it(
    demo_store: Store, make_app: AppFactory, held_panes: HeldPanes
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        routine = app.dashboard.query_one(RoutinePane)
        text = app.dashboard.query_one("#routine-text", Static)
        assert not routine.show_vertical_scrollbar
        first_width = text.size.width
        await held_panes.release()
        await pilot.pause()
        assert routine.show_vertical_scrollbar
        assert text.size.width == first_width  # the text did not wrap again


async def test_a_key_pressed_before_the_panes_exist_is_not_lost(
    demo_store: Store, make_app: AppFactory, held_panes: HeldPanes
) -> None:
    app = make_app(demo_store, quiet=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", "r")
        assert app.recorder is None
        await held_panes.release()
        await pilot.pause()
        assert app.recorder is not None  # s started the session once it could
        assert app.range_index == 2  # and r moved the chart from 90 days to a year


def test_the_launcher_pauses_the_collector_for_the_app(
    monkeypatch: pytest.MonkeyPatch, collector_back_on: None
) -> None:
    seen: list[bool] = []

    def run_app(db: object, *, demo: bool, quiet: bool) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(launch, "run_app", run_app)
    gc.enable()
    with pytest.raises(SystemExit):
        launch.main(["--demo"])
    assert seen == [False]


async def test_the_collector_comes_back_once_the_dashboard_is_idle(
    demo_store: Store, make_app: AppFactory, collections: list[int]
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert not gc.isenabled()
        await pilot.pause(1.2)  # the dashboard has been idle for a second
        assert gc.isenabled()
        assert collections == [1]
        app.settle_memory()
        assert collections == [1]  # once only


async def test_a_session_started_first_gets_no_full_collection(
    demo_store: Store, make_app: AppFactory, collections: list[int]
) -> None:
    app = make_app(demo_store, quiet=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        assert app.recorder is not None
        assert gc.isenabled()
        await pilot.pause(1.2)
        assert collections == []  # a full pass could make a timer tick late


async def test_a_resize_redraws_the_routine_only_when_its_text_changes(
    demo_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        text = app.dashboard.query_one("#routine-text", Static)
        updates: list[object] = []
        real_update = text.update
        monkeypatch.setattr(text, "update", lambda c: (updates.append(c), real_update(c)))
        await pilot.resize_terminal(122, 36)  # wider, still the detailed text
        await pilot.pause()
        assert updates == []
        width = RoutinePane.DETAILED_MIN_WIDTH * 2 - 10  # the pane is half the width
        await pilot.resize_terminal(width, 36)
        await pilot.pause()
        assert len(updates) == 1
        assert "Strengthens" not in str(text.render())


# What the first frame must not wait for: each is loaded with the rest of the
# dashboard, right after it (make bench times the difference).
_NOT_BEFORE_THE_FIRST_FRAME = (
    "plotext",
    "textual_plotext",
    "sqlite_utils",
    "click",
    "kneetui.domain.coaching",
    "kneetui.domain.soreness",
    "kneetui.tui.widgets.key_bar",
    "kneetui.tui.widgets.title_bar",
    "kneetui.tui.widgets.trend_pane",
    "kneetui.tui.screens.check_in",
)

# Runs the real app in a fresh interpreter and prints the modules loaded when
# Textual draws its first frame.
_FIRST_FRAME_MODULES = """
import asyncio, sys
from pathlib import Path
from textual.app import App
from kneetui.clock import now_local
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from kneetui.tui.app import KneetuiApp

seen = []
display = App._display
def first_display(self, *args):
    if not seen:
        seen.append(sorted(sys.modules))
    return display(self, *args)
App._display = first_display

async def main():
    with Store.open(Path(sys.argv[1]), now=now_local()) as store:
        async with KneetuiApp(store, load_routine()).run_test(size=(120, 36)) as pilot:
            await pilot.pause()
asyncio.run(main())
print("\\n".join(seen[0]))
"""


def test_the_first_frame_waits_for_no_chart_coaching_or_bar_code(demo_store: Store) -> None:
    demo_store.close()  # up to date: opening it needs no migration (sqlite_utils)
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME_MODULES, str(demo_store.path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(),
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "kneetui.tui.widgets.routine_pane" in loaded
    assert sorted(loaded & set(_NOT_BEFORE_THE_FIRST_FRAME)) == []
