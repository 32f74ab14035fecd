"""Every soreness score, newest first (h). d deletes the selected one after a
confirmation; Escape goes back. Notes are shown exactly as typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kneetui.domain.models import SorenessEntry
from kneetui.domain.soreness import band
from kneetui.domain.text import one_line
from kneetui.tui.screens import SCREENS_CSS
from kneetui.tui.screens.confirm import ConfirmScreen
from kneetui.tui.widgets.key_bar import KeyBar
from kneetui.tui.widgets.title_bar import TitleBar

NOTE_WIDTH = 60


class HistoryScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("d", "delete", "Delete"),
    ]

    def __init__(
        self,
        load: Callable[[], Sequence[SorenessEntry]],
        delete: Callable[[str], None],
        zone: dt.tzinfo | None,
    ) -> None:
        super().__init__()
        self._load = load
        self._delete = delete
        self._zone = zone

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("When", "Score", "Band", "Knee", "Context", "km", "min", "Flags", "Note"):
            table.add_column(label, key=label.lower())
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        entries = self._load()
        for entry in entries:
            table.add_row(*self._cells(entry), key=entry.uuid)
        empty = self.query_one("#history-empty", Static)
        empty.display = not entries
        table.display = bool(entries)
        empty.update("No scores yet. Press Escape, then l to log one.")

    def _cells(self, entry: SorenessEntry) -> list[Text]:
        # Text cells are never parsed as markup: a note like [/bold] shows as typed.
        values = (
            entry.logged_at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M"),
            f"{entry.score}/10",
            band(entry.score).value,
            entry.knee.value,
            entry.context.value,
            "" if entry.run_km is None else f"{entry.run_km:g}",
            "" if entry.run_minutes is None else f"{entry.run_minutes:g}",
            ", ".join(f.value for f in entry.flags),
            one_line(entry.note, NOTE_WIDTH),
        )
        return [Text(value) for value in values]

    def action_delete(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify("Nothing to delete.", severity="warning")
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        uuid = str(row_key.value)
        when, score = (str(c) for c in table.get_row(row_key)[:2])

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(uuid)
                self.reload()
                self.notify(f"Deleted the score {score} of {when}.")

        self.app.push_screen(
            ConfirmScreen(f"Delete the score {score} of {when}?", "Delete"), answered
        )
