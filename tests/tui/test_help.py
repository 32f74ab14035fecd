"""The help screen: every key of the app and of every screen, listed from their
bindings so it cannot drift (issue 15, item 22), and "Escape to close" in sight
without scrolling at 80×24 (item 12)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

import kneetui.tui.screens
from kneetui.storage.store import Store
from kneetui.tui.app import KneetuiApp
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.form import FormScreen
from kneetui.tui.screens.help import HelpScreen, key_words, screens_with_keys
from tests.tui.conftest import AppFactory


def every_screen() -> set[type[Screen[object]]]:
    """Every screen class defined in kneetui/tui/screens/, found by walking it."""
    found = set()
    for module_info in pkgutil.iter_modules(kneetui.tui.screens.__path__):
        module = importlib.import_module(f"kneetui.tui.screens.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                found.add(cls)
    return found


def test_every_screen_with_keys_has_a_section() -> None:
    listed = {screen for _, screen in screens_with_keys()}
    # The dashboard's keys are the app's; FormScreen's are listed with each form.
    assert every_screen() - listed == {DashboardScreen, FormScreen}
    assert all(issubclass(screen, FormScreen) for screen in listed if not screen.BINDINGS)


def sections(text: str) -> dict[str, list[str]]:
    """The help's key list, title by title."""
    found: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in text.split("\n\nThe routine\n")[0].splitlines():
        if line.startswith("  "):
            lines.append(line.strip())
        else:
            lines = found.setdefault(line, [])
    return found


async def test_every_binding_of_the_app_and_the_screens_is_in_the_help(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = sections(str(app.screen.query_one(Static).render()))
        titles = {screen: title for title, screen in screens_with_keys()}
        where: list[tuple[str, type[object]]] = [("The dashboard", KneetuiApp)]
        for screen in every_screen() - {DashboardScreen, FormScreen}:
            where += [(titles[screen], base) for base in screen.__mro__ if "BINDINGS" in
                      base.__dict__ and base.__module__.startswith("kneetui")]  # fmt: skip
        checked = 0
        for title, cls in where:
            for binding in Binding.make_bindings(cls.__dict__["BINDINGS"]):
                display = app.get_key_display(binding)
                keys = "0–9" if display.isdigit() else display
                words = key_words(binding)
                assert any(
                    line.endswith(words) and keys in line.split()[0].split("/")
                    for line in listed[title]
                ), (title, display, words)
                checked += 1
        assert checked > 40
        # The command palette's key, with the app's.
        assert any(line.startswith("^p ") for line in listed["The dashboard"])


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_escape_to_close_shows_without_scrolling(
    empty_store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        screen = [strip.text for strip in app.screen._compositor.render_strips()]
        assert app.screen.query_one("#help").scroll_y == 0
        assert "╭─ Help " in screen[0]  # the top of the help, not scrolled
        assert any("Escape to close" in line for line in screen)
        assert screen[-1].startswith(" esc Close ")
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
