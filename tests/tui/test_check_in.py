"""The morning check-in names what yesterday had, a session or a run, and a score
logged after a session is not filed as one after a run (issue 15, item 23)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Select, Static

from kneetui.domain.exchange import Bundle
from kneetui.domain.models import Context
from kneetui.domain.routine import Routine
from kneetui.storage.store import Store
from kneetui.tui.screens.check_in import CheckInScreen
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.log_form import LogSorenessScreen
from tests import histories
from tests.tui.conftest import CLOCK_NOW, AppFactory
from tests.tui.test_session import FakeClocks, advance, session_app

YESTERDAY = CLOCK_NOW.date() - dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("ran", "trained", "words"),
    [
        (False, True, "After yesterday's session, soreness should settle"),
        (True, False, "After yesterday's run, soreness should settle"),
        (True, True, "After yesterday's run and session, soreness should settle"),
    ],
)
async def test_the_check_in_calls_a_session_a_session_and_a_run_a_run(
    empty_store: Store,
    make_app: AppFactory,
    routine: Routine,
    ran: bool,
    trained: bool,
    words: str,
) -> None:
    empty_store.import_bundle(
        Bundle(
            soreness=(histories.score(YESTERDAY, 3),) if ran else (),
            sessions=(histories.session(routine, YESTERDAY),) if trained else (),
        )
    )
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        text = str(app.screen.query_one(Static).render())
        assert text.startswith("How are your knees this morning?\n")
        assert words in text
        coaching = str(app.dashboard.query_one("#coaching-text", Static).render())
        assert words.split(",")[0] + ": log how your knees feel" in coaching
        if not ran:
            assert "run" not in text and "run" not in coaching.split("After yesterday's")[1]


async def test_the_form_after_a_session_defaults_to_after_a_session(
    empty_store: Store, make_app: AppFactory
) -> None:
    clocks = FakeClocks()
    app = session_app(make_app, empty_store, clocks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert app.screen.query_one("#context", Select).value is Context.AFTER_RUN
        await pilot.press("escape", "s")
        advance(app, clocks, 5)
        await pilot.press("escape", "y")  # stopped: the session is over
        await pilot.pause()
        assert app.recorder is not None and app.recorder.session.finished
        await pilot.press("l")
        assert isinstance(app.screen, LogSorenessScreen)
        select = app.screen.query_one("#context", Select)
        assert select.value is Context.OTHER
        assert "After a session" in str(select.query_one("SelectCurrent Static").render())
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        (entry,) = empty_store.soreness()
        assert (entry.score, entry.context) == (3, Context.OTHER)
