"""Logging soreness in the app: l opens the form, Enter saves, Escape cancels, bad
values are shown inline and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from kneetui.domain.models import Context, Flag, Knee
from kneetui.storage.errors import StoreBusy
from kneetui.storage.store import Store
from kneetui.storage.writer import Writer
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.log_form import LogSorenessScreen
from tests.tui.conftest import CLOCK_NOW, AppFactory, send_at_once


async def test_a_score_and_enter_saves_with_the_defaults(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LogSorenessScreen)
        assert app.focused is app.screen.query_one("#score", Input)
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        (entry,) = empty_store.soreness()
        assert (entry.score, entry.knee, entry.context, entry.run_km, entry.note) == (
            4, Knee.BOTH, Context.AFTER_RUN, None, "",
        )  # fmt: skip
        assert entry.logged_at == CLOCK_NOW.replace(microsecond=0)
        # The toast, and the chart and the pane text at once.
        assert any("Logged 4/10 (acceptable)" in str(n.message) for n in app._notifications)
        assert "Last score 4/10 (acceptable)" in str(
            app.screen.query_one("#trend-summary", Static).render()
        )
        assert app.screen.query_one("#trend-plot").display


async def test_a_score_typed_right_after_l_is_kept(
    empty_store: Store, make_app: AppFactory
) -> None:
    """A fast "l5": both keys reach the app before l's form is on the screen
    (Pilot's press waits between keys, so they are sent as a terminal would)."""
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        send_at_once(app, "l", "5")
        await pilot.pause()
        assert isinstance(app.screen, LogSorenessScreen)
        assert app.screen.query_one("#score", Input).value == "5"
        await pilot.press("enter")
        await pilot.pause()
        assert [entry.score for entry in empty_store.soreness()] == [5]


@pytest.mark.parametrize(
    ("form_open", "keys", "score"),
    [
        # Enter, the form's priority key, is handled as it arrives, before the
        # score field has taken the 4 still waiting for it.
        (True, ("4", "enter"), 4),
        # All three reach the dashboard before l's form is on the screen: the
        # score and the Enter are given to the form once it is.
        (False, ("l", "7", "enter"), 7),
        # The second Enter neither saves again nor closes the dashboard.
        (True, ("6", "enter", "enter"), 6),
    ],
)
async def test_keys_typed_at_once_save_the_score_once(
    empty_store: Store, make_app: AppFactory, form_open: bool, keys: tuple[str, ...], score: int
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        if form_open:
            await pilot.press("l")
            assert isinstance(app.screen, LogSorenessScreen)
        send_at_once(app, *keys)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen_stack) == 1
        assert [entry.score for entry in empty_store.soreness()] == [score]


async def test_l_opens_the_form_from_the_dashboard_only(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        await pilot.press("l")  # over a modal screen l is not the app's key
        assert app.screen is help_screen
        await pilot.press("escape", "l")
        assert isinstance(app.screen, LogSorenessScreen)
        form = app.screen
        await pilot.press("tab", "l")  # on the knee choice: no second form
        assert app.screen is form


async def test_l_in_the_forms_fields_is_a_letter(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        await pilot.press("l")  # in the score field, not a second form
        assert app.screen is form
        assert form.query_one("#score", Input).value == "l"
        form.query_one("#note", Input).focus()
        await pilot.press("l", "e", "g")
        assert app.screen is form
        assert form.query_one("#note", Input).value == "leg"


async def test_every_field_is_saved(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        form.query_one("#score", Input).value = "7"
        form.query_one("#knee", Select).value = Knee.RIGHT
        form.query_one("#context", Select).value = Context.OTHER
        form.query_one("#km", Input).value = "10.5"
        form.query_one("#minutes", Input).value = "58"
        form.query_one("#note", Input).value = "[/bold] [link=x]hills[/link]"
        form.query_one("#flag-swelling", Checkbox).value = True
        form.query_one("#flag-giving-way", Checkbox).value = True
        await pilot.click("#save")
        await pilot.pause()
        (entry,) = empty_store.soreness()
        assert entry.score == 7 and entry.knee is Knee.RIGHT and entry.context is Context.OTHER
        assert (entry.run_km, entry.run_minutes) == (10.5, 58.0)
        assert entry.note == "[/bold] [link=x]hills[/link]"
        assert entry.flags == (Flag.SWELLING, Flag.GIVING_WAY)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", "11", "score: must be a whole number from 0 to 10, got '11'"),
        ("score", "", "score: must be a whole number from 0 to 10, got nothing"),
        ("score", "x", "score: must be a whole number from 0 to 10, got 'x'"),
        ("km", "-3", "run_km: must be more than 0 and at most 300 km, got -3"),
        ("km", "far", "run_km: must be a number of km, got 'far'"),
        ("minutes", "0", "run_minutes: must be more than 0 and at most 3000 minutes, got 0"),
    ],
)
async def test_a_bad_value_shows_an_inline_error_and_the_form_stays_open(
    empty_store: Store, make_app: AppFactory, field: str, value: str, message: str
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        if field != "score":
            form.query_one("#score", Input).value = "3"
        form.query_one(f"#{field}", Input).value = value
        form.query_one(f"#{field}", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#log-error", Static)
        assert error.display
        assert str(error.render()) == message
        assert form.query_one(f"#{field}", Input).value == value
        assert app.focused is form.query_one(f"#{field}", Input)
        assert empty_store.soreness() == []
        # Correcting the value saves.
        form.query_one(f"#{field}", Input).value = "5" if field == "score" else "30"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert len(empty_store.soreness()) == 1


async def test_escape_cancels_and_stores_nothing(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l", "6", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert empty_store.soreness() == []


async def test_a_store_error_keeps_the_form_and_its_values(
    empty_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    class BusyWriter(Writer):
        """The writer thread meets another program holding the write lock."""

        def commit(self, own: Store, write: Callable[[Store], object]) -> object:
            raise StoreBusy("the database is busy (another program is writing to it); try again")

    empty_store.writer = BusyWriter(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l", "4")
        form = app.screen
        form.query_one("#note", Input).value = "keep me"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "the database is busy" in str(form.query_one("#log-error", Static).render())
        assert form.query_one("#score", Input).value == "4"
        assert form.query_one("#note", Input).value == "keep me"


# Enter on a red-flag box saves; it must never untick the box (issue 15, item 1).
TABS_TO_SWELLING = ("tab",) * 6  # score → knee → when → km → minutes → note → swelling


async def test_enter_on_a_ticked_red_flag_saves_it(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "8", *TABS_TO_SWELLING)
        form = app.screen
        assert app.focused is form.query_one("#flag-swelling", Checkbox)
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        (entry,) = empty_store.soreness()
        assert (entry.score, entry.flags) == (8, (Flag.SWELLING,))


async def test_space_toggles_a_red_flag_and_enter_never_does(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", *TABS_TO_SWELLING, "space", "space", "space")
        box = app.screen.query_one("#flag-swelling", Checkbox)
        assert box.value  # three spaces: ticked, unticked, ticked
        await pilot.press("enter")  # no score: the form stays open, the box ticked
        await pilot.pause()
        assert isinstance(app.screen, LogSorenessScreen)
        assert box.value
        assert empty_store.soreness() == []


@pytest.mark.parametrize("field", ["knee", "context", "km", "minutes", "note", "flag-locking"])
async def test_enter_saves_from_every_field(
    empty_store: Store, make_app: AppFactory, field: str
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "2")
        app.screen.query_one(f"#{field}").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert [e.score for e in empty_store.soreness()] == [2]


async def test_enter_in_an_open_list_picks_and_on_cancel_cancels(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "3", "tab", "space", "down", "enter")  # knee: Left
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        assert form.query_one("#knee", Select).value is Knee.LEFT
        await pilot.press("enter")
        await pilot.pause()
        (entry,) = empty_store.soreness()
        assert entry.knee is Knee.LEFT
        await pilot.press("l", "5")
        app.screen.query_one("#cancel").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert len(empty_store.soreness()) == 1
