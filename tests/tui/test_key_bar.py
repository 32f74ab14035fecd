"""The key bar: the keys that work now, one per action, the palette on the right,
a click presses a key, and no redraw while the keys stay the same."""

from __future__ import annotations

import pytest

from kneetui.storage.store import Store
from kneetui.tui.screens.log_form import LogSorenessScreen
from kneetui.tui.screens.stats import StatsScreen
from kneetui.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import AppFactory


def bar_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(KeyBar).render().plain


async def test_idle_keys_then_session_keys(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store, quiet=True)
    async with app.run_test(size=(120, 36)) as pilot:
        idle = bar_text(app)
        assert " s Start session  l Log soreness " in idle
        assert "Pause/resume" not in idle
        assert idle.rstrip().endswith("^p palette")
        await pilot.press("s")
        await pilot.pause()
        running = bar_text(app)
        assert " space Pause/resume  n Skip rep  N Skip exercise  esc Stop " in running
        assert "Start session" not in running


async def test_one_key_per_action(empty_store: Store, make_app: AppFactory) -> None:
    # The stats screen closes on esc and on t: "Back" is shown once, with esc.
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = bar_text(app)
        assert text.count("Back") == 1
        assert text.startswith(" esc Back ")


async def test_narrow_terminal_keeps_the_palette_key_on_the_right(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)):
        text = bar_text(app)
        assert len(text) == 80
        assert text.endswith(" ^p palette ")
        assert text.startswith(" s Start session ")


@pytest.mark.parametrize("label", ["Log soreness", " l "])
async def test_a_click_on_a_key_presses_it(
    empty_store: Store, make_app: AppFactory, label: str
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        column = bar_text(app).index(label)
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, LogSorenessScreen)


async def test_a_click_between_keys_does_nothing(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        bar = app.screen.query_one(KeyBar)
        gap = len(bar_text(app).rstrip()) - len("^p palette") - 2
        assert bar.key_at(gap) is None
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert app.screen is app.dashboard


async def test_unchanged_keys_are_not_redrawn(
    empty_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        bar = app.screen.query_one(KeyBar)
        redraws = []
        monkeypatch.setattr(bar, "refresh", lambda *a, **k: redraws.append(1))
        app.refresh_bindings()
        await pilot.pause()
        assert redraws == []
        await pilot.press("s")  # the session keys replace the idle ones
        await pilot.pause()
        assert redraws
