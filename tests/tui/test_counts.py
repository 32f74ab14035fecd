"""Counts in the app's own toasts and questions: "1 rep", "1 red flag", never
"1 reps" (issue 15, item 8; the timer, routine and coaching panes test theirs)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from textual.widgets import Static

from kneetui.domain.models import Rep, Session, Side
from kneetui.storage.store import Store
from tests import histories
from tests.tui.conftest import CLOCK_NOW, AppFactory


def toasts(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("reps", "words"), [(1, "after 1 rep;"), (2, "after 2 reps;")])
async def test_an_interrupted_session_counts_its_reps(
    empty_store: Store, make_app: AppFactory, reps: int, words: str
) -> None:
    started = CLOCK_NOW - dt.timedelta(hours=1)
    cut = Session(str(uuid.uuid4()), started, started.date())
    empty_store.start_session(cut)
    for n in range(1, reps + 1):
        empty_store.add_rep(cut.uuid, Rep("leg-raise", Side.LEFT, n, 5, 5.0, started))
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)):
        assert any(f"Your last session was interrupted {words}" in t for t in toasts(app))


async def test_one_red_flag_is_one_red_flag(empty_store: Store, make_app: AppFactory) -> None:
    empty_store.import_bundle(histories.red_flag(CLOCK_NOW.date()))
    empty_store.set_setting("check_in_dismissed_on", CLOCK_NOW.date().isoformat())
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        question = str(app.screen.query_one("#question", Static).render())
        assert question.startswith("Acknowledge 1 red flag? ")
        await pilot.press("y")
        await pilot.pause()
        assert any(t.startswith("Acknowledged 1 red flag on ") for t in toasts(app))
