"""The title bar: Textual Header's line in one widget, the title centred where
Header centres it, and a click on the icon opens the command palette."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widget import Widget
from textual.widgets import Header

from kneetui.storage.store import Store
from kneetui.tui.app import KneetuiApp
from kneetui.tui.screens.history import HistoryScreen
from kneetui.tui.widgets.title_bar import TitleBar
from tests.tui.conftest import AppFactory


class _Titled(App[None]):
    TITLE = "kneetui"
    SUB_TITLE = "knee strength for runners"
    CSS_PATH = KneetuiApp.CSS_PATH

    def __init__(self, bar: type[Widget]) -> None:
        super().__init__()
        self._bar = bar

    def compose(self) -> ComposeResult:
        yield self._bar()


async def _first_line(app: _Titled, width: int) -> str:
    async with app.run_test(size=(width, 10)):
        return app.screen._compositor.render_strips()[0].text


@pytest.mark.parametrize("width", [120, 80, 41, 30, 12])
async def test_the_line_reads_as_textuals_header(width: int) -> None:
    # The title is centred in the same columns, and cut with an ellipsis the same.
    assert await _first_line(_Titled(TitleBar), width) == await _first_line(_Titled(Header), width)


async def test_the_dashboard_has_the_title(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        line = app.screen._compositor.render_strips()[0].text
        assert line.startswith(" ⭘ ")
        assert line.index("kneetui — knee strength for runners") == 41


async def test_every_screen_with_keys_has_the_title(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert (
            "kneetui — knee strength for runners" in app.screen.query_one(TitleBar).render().plain
        )


async def test_a_click_on_the_icon_opens_the_palette_and_on_the_title_does_not(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.click(TitleBar, offset=(50, 0))
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert CommandPalette.is_open(app)
