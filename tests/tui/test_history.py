"""The history screen: newest first, notes shown as typed, d deletes after a
confirmation, Escape goes back."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import DataTable

from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
from kneetui.tui.screens.confirm import ConfirmScreen
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.history import HistoryScreen
from tests.tui.conftest import CLOCK_NOW, AppFactory

HOSTILE = ["[/bold]", "[link=x]click[/link]", "[red]not red", "\x1b[31mansi", "﷽ 👍 \u200f"]


def seed(store: Store) -> list[str]:
    uuids = []
    for days, note in enumerate(HOSTILE):
        entry = new_entry(days, at=CLOCK_NOW - dt.timedelta(days=days), now=CLOCK_NOW, note=note)
        store.add_soreness(entry)
        uuids.append(entry.uuid)
    store.set_setting("check_in_dismissed_on", CLOCK_NOW.date().isoformat())
    return uuids


async def test_history_lists_scores_newest_first_with_notes_literal(
    empty_store: Store, make_app: AppFactory
) -> None:
    seed(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        scores = [str(table.get_row_at(i)[1]) for i in range(5)]
        assert scores == ["0/10", "1/10", "2/10", "3/10", "4/10"]
        notes = [table.get_row_at(i)[8] for i in range(5)]
        assert all(isinstance(n, Text) for n in notes)
        assert [str(n) for n in notes] == [
            "[/bold]",
            "[link=x]click[/link]",
            "[red]not red",
            "\\x1b[31mansi",
            "﷽ 👍 \u200f",
        ]
        await pilot.pause()  # the table renders every cell without a MarkupError
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_d_deletes_the_selected_score_after_confirmation(
    empty_store: Store, make_app: AppFactory
) -> None:
    uuids = seed(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h", "down", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert len(empty_store.soreness()) == 5
        await pilot.press("d", "y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert [e.uuid for e in empty_store.soreness()] == [uuids[0], *uuids[2:]]
        assert app.screen.query_one(DataTable).row_count == 4
        await pilot.press("escape")
        await pilot.pause()
        assert "Last score 0/10" in str(app.screen.query_one("#trend-summary").render())


async def test_empty_history_says_so(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h")
        assert not app.screen.query_one(DataTable).display
        assert "No scores yet" in str(app.screen.query_one("#history-empty").render())
        await pilot.press("d")  # nothing to delete: a notice, no crash
        assert isinstance(app.screen, HistoryScreen)
