"""The key bar: the keys that work now, one per action, the palette on the right,
a click presses a key, and no redraw while the keys stay the same. At 80 columns
labels shorten and the least important keys go; help and quit always stay, and
every screen, modal or not, shows its own keys (issue 15, item 9)."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from kneetui.tui.screens.check_in import CheckInScreen
from kneetui.tui.screens.log_form import LogSorenessScreen
from kneetui.tui.screens.stats import StatsScreen
from kneetui.tui.widgets.key_bar import KeyBar, Shown, fit
from tests import histories
from tests.tui.conftest import CLOCK_NOW, AppFactory

TODAY = CLOCK_NOW.date()


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


async def test_80_columns_shortens_labels_and_drops_the_palette_key(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)):
        text = bar_text(app)
        assert len(text) == 80
        assert text.rstrip() == (
            " s Start  l Log  h History  t Stats  r Range  o Settings  ? Help  q Quit"
        )


async def test_80_columns_drops_the_least_important_keys_first(
    empty_store: Store, make_app: AppFactory
) -> None:
    # A red flag to acknowledge and a step back to accept: two more keys.
    for bundle in (histories.red_flag(TODAY), histories.step_back(load_routine(), TODAY)):
        empty_store.import_bundle(bundle)
    empty_store.set_setting("check_in_dismissed_on", TODAY.isoformat())
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)):
        assert app.check_action("accept", ()) and app.check_action("acknowledge", ())
        text = bar_text(app)
        # The chart range goes first, then settings; help and quit stay.
        assert text.rstrip() == (
            " s Start  l Log  p Accept  a Ack flag  h History  t Stats  ? Help  q Quit"
        )
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        # Labels shorten from the least important key up, only as far as needed.
        assert bar_text(app).startswith(" s Start  l Log  p Accept  a Acknowledge red flag ")
        assert " r Range  o Settings  ? Help  q Quit " in bar_text(app)
        assert bar_text(app).endswith(" ^p palette ")


def test_fit_keeps_help_and_quit_when_nothing_else_fits() -> None:
    def key(name: str, label: str, short: str, rank: int) -> Shown:
        return Shown(name, name, label, short, True, rank)  # 3 columns more than the words

    keys = (key("a", "a label", "a", 0), key("b", "b label", "b", 1))  # 11 or 5 columns
    keys += (key("?", "Help", "Help", -1), key("q", "Quit", "Quit", -1))  # 8 columns
    palette = Shown("ctrl+p", "^p", "palette", "", True, 1_000)  # 12 columns

    def labels(width: int) -> tuple[list[str], bool]:
        shown, kept_palette = fit(keys, palette, width)
        return [k.label for k in shown], kept_palette is not None

    assert fit(keys, palette, 50) == (keys, palette)
    # b's label is shortened first, then a's.
    assert labels(49) == (["a label", "b", "Help", "Quit"], True)
    assert labels(43) == (["a", "b", "Help", "Quit"], True)
    # Then the palette goes, then b, then a; help and quit stay.
    assert labels(37) == (["a", "b", "Help", "Quit"], False)
    assert labels(25) == (["a", "Help", "Quit"], False)
    assert labels(20) == (["Help", "Quit"], False)
    assert labels(5) == (["Help", "Quit"], False)


SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("keys", "screen", "shows", "hides"),
    [
        ((), "DashboardScreen", ("s Start", "l Log", "h History"), ("Back",)),
        (("s",), "DashboardScreen", ("space Pause", "esc Stop"), ("Start", "History")),
        (("s", "escape"), "ConfirmScreen", ("y Yes", "n No"), ("Stop", "Pause", "Log")),
        # A score can be logged from history and stats; the other dashboard keys
        # do not work there and are not shown.
        (("h",), "HistoryScreen", ("esc Back", "d Delete", "l Log"), ("Start", "Stats", "Range")),
        (("t",), "StatsScreen", ("esc Back", "l Log"), ("Start", "History", "Settings")),
        (("question_mark",), "HelpScreen", ("esc Close",), ("Start", "Log")),
    ],
)
async def test_every_screen_shows_its_own_keys_with_help_and_quit(
    empty_store: Store,
    make_app: AppFactory,
    size: tuple[int, int],
    keys: tuple[str, ...],
    screen: str,
    shows: tuple[str, ...],
    hides: tuple[str, ...],
) -> None:
    app = make_app(empty_store, quiet=True)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert type(app.screen).__name__ == screen
        text = bar_text(app)
        assert len(text) == size[0]
        for words in shows:
            assert f" {words}" in text
        for words in hides:
            assert words not in text
        assert " q Quit " in text
        if screen != "HelpScreen":  # where ? closes help, as esc does
            assert " ? Help " in text


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key", ["l", "o"])
async def test_a_form_shows_its_keys_and_does_not_offer_q(
    empty_store: Store, make_app: AppFactory, size: tuple[int, int], key: str
) -> None:
    # In a form q is a letter typed into a field: its bar does not offer it.
    app = make_app(empty_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await pilot.pause()
        text = bar_text(app)
        assert text.startswith(" enter Save  tab Next field  esc Cancel ")
        assert "Quit" not in text and "Start" not in text


@pytest.mark.parametrize("size", SIZES)
async def test_the_check_in_shows_its_keys_and_q_quits(
    empty_store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    empty_store.import_bundle(histories.needs_check_in(load_routine(), TODAY))
    app = make_app(empty_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        text = bar_text(app)
        assert text.startswith(" l Full form  esc Not now  ? Help  q Quit ")
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running
        assert [e.local_day for e in empty_store.soreness()] == [TODAY - dt.timedelta(days=1)]


async def test_q_quits_from_every_screen_but_a_form(
    empty_store: Store, make_app: AppFactory
) -> None:
    for keys in ((), ("h",), ("t",), ("question_mark",), ("s", "escape")):
        app = make_app(empty_store, quiet=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys, "q")
            await pilot.pause()
            assert not app.is_running, keys
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "q")
        assert app.is_running and isinstance(app.screen, LogSorenessScreen)


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


async def test_on_history_the_apps_log_key_shortens_before_historys_own(
    empty_store: Store, make_app: AppFactory
) -> None:
    empty_store.import_bundle(histories.red_flag(TODAY))  # one score to delete
    empty_store.set_setting("check_in_dismissed_on", TODAY.isoformat())
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "d", "y")  # deleted: u undoes it for a few seconds
        await pilot.pause()
        text = bar_text(app)
        assert text.startswith(" esc Back  e Edit  d Delete  u Undo delete  l Log  ? Help  q Quit ")
        assert text.endswith(" ^p palette ")


async def test_a_reload_that_brings_a_suggestion_shows_its_key(
    empty_store: Store, make_app: AppFactory
) -> None:
    empty_store.set_setting("check_in_dismissed_on", TODAY.isoformat())
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert " p Accept " not in bar_text(app)
        # A step back becomes due (written by another process, say), and the
        # dashboard reloads: p shows at once, with nothing else happening.
        empty_store.import_bundle(histories.step_back(load_routine(), TODAY))
        app.refresh_dashboard()
        await pilot.pause()
        assert app.check_action("accept", ())
        assert " p Accept " in bar_text(app)
