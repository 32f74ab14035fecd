"""The settings dialog: Space ticks a box and Enter saves from any of them (issue
15, item 1), and the theme chosen is kept in the database for the next start
(item 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.settings import SettingsScreen
from tests.conftest import NOW
from tests.tui.conftest import AppFactory, send_at_once


async def test_space_ticks_and_enter_on_a_ticked_box_saves(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        assert app.focused is app.screen.query_one("#day-mon", Checkbox)
        # Monday off, Tuesday on; Enter on the box just ticked saves, ticked.
        await pilot.press("space", "tab", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert empty_store.setting("schedule") == ["tue", "wed", "fri"]


async def test_enter_on_the_quiet_box_saves_it_ticked(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#quiet", Checkbox).focus()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert empty_store.setting("quiet") is True and app.quiet


async def test_enter_on_cancel_cancels(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "space")  # Monday off
        app.screen.query_one("#cancel").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert empty_store.setting("schedule") is None


async def test_the_theme_chosen_is_restored_on_the_next_start(
    tmp_path: Path, make_app: AppFactory
) -> None:
    db = tmp_path / "kneetui.db"
    with Store.open(db, now=NOW) as store:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.theme == "textual-dark"
            await pilot.pause()
            assert store.setting("theme") is None  # nothing written at start-up
            # As the command palette's "Change theme" does.
            app.theme = "nord"
            await pilot.pause()
            await pilot.press("q")
        assert store.setting("theme") == "nord"
    with Store.open(db, now=NOW) as store:
        again = make_app(store)
        async with again.run_test(size=(80, 24)):
            assert again.theme == "nord"
            assert "-theme-nord" in again.classes


async def test_a_theme_that_no_longer_exists_falls_back_to_the_default(
    empty_store: Store, make_app: AppFactory
) -> None:
    empty_store.set_setting("theme", "gone-in-a-later-textual")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.pause()
        assert empty_store.setting("theme") == "gone-in-a-later-textual"


@pytest.mark.parametrize("at_once", [False, True])
async def test_enter_in_the_change_over_field_saves(
    empty_store: Store, make_app: AppFactory, at_once: bool
) -> None:
    """Key by key, or in one burst with a second Enter, as a terminal sends keys
    typed fast: Enter (the form's priority key) saves what the field holds once
    it has taken the keys before it, and the second Enter neither saves again
    nor closes the dashboard."""
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        field = app.screen.query_one("#change-over", Input)
        field.focus()
        field.value = ""
        await pilot.pause()
        if at_once:
            send_at_once(app, "3", "0", "enter", "enter")
        else:
            await pilot.press("3", "0", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen_stack) == 1
        assert empty_store.setting("change_over_s") == 30
