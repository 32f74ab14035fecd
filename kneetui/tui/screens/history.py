"""Every soreness score, newest first (h). d deletes the selected one after a
confirmation, and for UNDO_SECONDS after that u puts it back exactly as it was
(its uuid included). e corrects the selected one in the log form, filled in
with it: the score keeps its uuid and its time, and records when it was
changed (updated_at). Escape goes back. Notes are shown exactly as typed.

The table fits the terminal: the note takes the width the other columns leave,
cut with an ellipsis, and the line under the table shows the selected score in
full, its whole note included. Where even that leaves the note too little room
(80 columns), the columns that line repeats drop out first: the band, then the
run's minutes and distance. A score after a run names, in that line, the run it
is linked to (see `kneetui.domain.after_run`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kneetui.domain.after_run import run_words
from kneetui.domain.errors import KneetuiError
from kneetui.domain.models import Knee, SorenessEntry
from kneetui.domain.runs import Run
from kneetui.domain.soreness import band
from kneetui.domain.text import visible
from kneetui.tui.screens import SCREENS_CSS
from kneetui.tui.screens.confirm import ConfirmScreen
from kneetui.tui.widgets.key_bar import KeyBar
from kneetui.tui.widgets.title_bar import TitleBar

# Every column but the note, in order: key and heading.
COLUMNS = {
    "when": "When",
    "score": "Score",
    "band": "Band",
    "knee": "Knee",
    "context": "Context",
    "km": "km",
    "min": "min",
    "flags": "Flags",
}
# Left out, in this order, while the note would get fewer than MIN_NOTE columns.
DROP_ORDER = ("band", "min", "km")
MIN_NOTE = 20
# DataTable's default: one blank column either side of every cell.
CELL_PADDING = 1
# How long u can undo a delete (the toast offering it lasts as long).
UNDO_SECONDS = 8.0


def cells(entry: SorenessEntry, zone: dt.tzinfo | None) -> dict[str, str]:
    """The text of each column for one score, the note last (one line, control
    characters made visible)."""
    return {
        "when": entry.logged_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "score": f"{entry.score}/10",
        "band": band(entry.score).value,
        "knee": entry.knee.value,
        "context": entry.context.value,
        "km": "" if entry.run_km is None else f"{entry.run_km:g}",
        "min": "" if entry.run_minutes is None else f"{entry.run_minutes:g}",
        "flags": ", ".join(f.value for f in entry.flags),
        "note": visible(entry.note),
    }


def fit_columns(widths: Mapping[str, int], available: int) -> tuple[list[str], int]:
    """The columns to show (before the note) and the note's width, for a table
    `available` cells wide whose columns need `widths` (without padding)."""
    shown = list(widths)

    def note_width() -> int:
        used = sum(widths[key] + 2 * CELL_PADDING for key in shown)
        return available - used - 2 * CELL_PADDING

    for key in DROP_ORDER:
        if note_width() >= MIN_NOTE:
            break
        if key in shown:
            shown.remove(key)
    return shown, max(note_width(), len("Note"))


def corrected(original: SorenessEntry, changed: SorenessEntry, now: dt.datetime) -> SorenessEntry:
    """`changed` (as the log form built it, new) as a correction of `original`:
    the same uuid, time and day, with `updated_at` set to `now`."""
    return changed._replace(
        uuid=original.uuid,
        logged_at=original.logged_at,
        local_day=original.local_day,
        updated_at=now.astimezone(dt.UTC).replace(microsecond=0),
    )


def detail(entry: SorenessEntry, zone: dt.tzinfo | None, run: Run | None = None) -> Text:
    """The selected score in full: what the table may leave out or cut, and the
    run it is linked to."""
    knee = "both knees" if entry.knee is Knee.BOTH else f"{entry.knee.value} knee"
    parts = [
        entry.logged_at.astimezone(zone).strftime("%a %d %b %Y %H:%M"),
        f"{entry.score}/10 {band(entry.score).value}",
        knee,
        entry.context.value,
    ]
    if entry.run_km is not None:
        parts.append(f"{entry.run_km:g} km")
    if entry.run_minutes is not None:
        parts.append(f"{entry.run_minutes:g} min")
    if run is not None:
        parts.append(f"after {run_words(run, zone, entry.logged_at.astimezone(zone).date())}")
    if entry.updated_at is not None:
        parts.append(entry.updated_at.astimezone(zone).strftime("edited %d %b %Y %H:%M"))
    text = Text(" · ".join(parts))
    if entry.flags:
        text.append(" · red flags: " + ", ".join(f.value for f in entry.flags), style="bold red")
    text.append("\n")
    # The note as typed: a Text is never parsed as markup.
    text.append(f"Note: {visible(entry.note)}" if entry.note else "No note.")
    return text


class HistoryScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
    ]

    def __init__(
        self,
        load: Callable[[], Sequence[SorenessEntry]],
        delete: Callable[[str], None],
        zone: dt.tzinfo | None,
        *,
        restore: Callable[[SorenessEntry], None],
        update: Callable[[SorenessEntry], bool],
        clock: Callable[[], dt.datetime],
        monotonic: Callable[[], float],
        link: Callable[[SorenessEntry], Run | None] | None = None,
    ) -> None:
        super().__init__()
        self._load = load
        self._delete = delete
        self._restore = restore
        self._update = update
        self._clock = clock
        self._monotonic = monotonic
        self._zone = zone
        self._link = link
        # The score deleted last, and until when (monotonic) u can put it back.
        self._undo: tuple[SorenessEntry, float] | None = None
        self._entries: dict[str, SorenessEntry] = {}
        self._cells: dict[str, dict[str, str]] = {}
        self._layout: tuple[list[str], int] | None = None
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield DataTable(
            id="history-table", cursor_type="row", zebra_stripes=True, cell_padding=CELL_PADDING
        )
        yield Static(id="history-detail", markup=False)
        yield Static(id="history-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Back from a dialog: l may have logged a score meanwhile (the first
        # resume, as the screen opens, comes right after on_mount's load).
        if self._resumed:
            self.reload()
        self._resumed = True

    def on_resize(self, event: events.Resize) -> None:
        self._fill()

    def reload(self) -> None:
        entries = self._load()
        self._entries = {entry.uuid: entry for entry in entries}
        self._cells = {entry.uuid: cells(entry, self._zone) for entry in entries}
        self._layout = None
        empty = self.query_one("#history-empty", Static)
        empty.display = not entries
        self.query_one(DataTable).display = bool(entries)
        self.query_one("#history-detail", Static).display = bool(entries)
        empty.update("No scores yet. Press Escape, then l to log one.")
        self._fill()

    def _available(self) -> int:
        """The table's width for cells: the screen's, less the scrollbar's gutter."""
        table = self.query_one(DataTable)
        return self.app.size.width - table.styles.scrollbar_size_vertical

    def _fill(self) -> None:
        """(Re)build the table's columns and rows for the width it has, keeping the
        selected row; nothing is done when the layout would not change."""
        widths = {
            key: max([cell_len(heading), *(cell_len(c[key]) for c in self._cells.values())])
            for key, heading in COLUMNS.items()
        }
        layout = fit_columns(widths, self._available())
        if layout == self._layout:
            return
        self._layout = layout
        shown, note_width = layout
        table = self.query_one(DataTable)
        selected, row_index = self._selected_uuid(), table.cursor_row
        table.clear(columns=True)
        for key in shown:
            table.add_column(COLUMNS[key], key=key)
        table.add_column("Note", key="note", width=note_width)
        for uuid, row in self._cells.items():
            # Text cells are never parsed as markup: a note like [/bold] shows as typed.
            values = [Text(row[key]) for key in shown]
            values.append(Text(row["note"], no_wrap=True, overflow="ellipsis"))
            table.add_row(*values, key=uuid)
        if selected in self._cells:
            table.move_cursor(row=table.get_row_index(selected))
        elif self._cells:  # deleted: the row that took its place
            table.move_cursor(row=min(row_index, len(self._cells) - 1))
        self._show_detail()

    def _selected_uuid(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(row_key.value)

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        uuid = self._selected_uuid()
        entry = self._entries.get(uuid) if uuid is not None else None
        if entry is not None:
            self.query_one("#history-detail", Static).update(
                detail(entry, self._zone, self._linked(entry))
            )

    def _linked(self, entry: SorenessEntry) -> Run | None:
        if self._link is None:
            return None
        try:
            return self._link(entry)
        except KneetuiError:
            return None  # a busy file: the line shows the score without its run

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self._undoable() is not None
        return True

    def _undoable(self) -> SorenessEntry | None:
        if self._undo is None or self._monotonic() >= self._undo[1]:
            return None
        return self._undo[0]

    def action_edit(self) -> None:
        from kneetui.tui.screens.log_form import LogSorenessScreen

        uuid = self._selected_uuid()
        if uuid is None:
            self.notify("Nothing to edit.", severity="warning")
            return
        original = self._entries[uuid]

        def save(changed: SorenessEntry) -> None:
            # A store error, or the score gone meanwhile, shows in the form.
            if not self._update(corrected(original, changed, self._clock())):
                raise KneetuiError("that score is no longer stored (deleted elsewhere?)")

        def saved(changed: SorenessEntry | None) -> None:
            if changed is None:
                return
            # A red flag the correction raises shows on the dashboard, dated.
            self.reload()
            row = self._cells[uuid]
            self.notify(f"Changed the score of {row['when']} to {row['score']}.", title="Saved")

        self.app.push_screen(
            LogSorenessScreen(save, self._clock, original.context, entry=original), saved
        )

    def action_delete(self) -> None:
        uuid = self._selected_uuid()
        if uuid is None:
            self.notify("Nothing to delete.", severity="warning")
            return
        entry = self._entries[uuid]
        row = self._cells[uuid]
        when, score = row["when"], row["score"]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self._delete(uuid)
            except KneetuiError as error:
                self.notify(str(error), title="Not deleted", severity="error", timeout=10)
                return
            self._undo = (entry, self._monotonic() + UNDO_SECONDS)
            self.reload()
            self.refresh_bindings()
            # The key leaves the bar when the time is up (u checks the time itself).
            self.set_timer(UNDO_SECONDS, self.refresh_bindings)
            self.notify(
                f"Deleted the score {score} of {when}. Press u to undo.", timeout=UNDO_SECONDS
            )

        self.app.push_screen(
            ConfirmScreen(f"Delete the score {score} of {when}?", "Delete"), answered
        )

    def action_undo(self) -> None:
        """Put the score deleted last back, as it was: same uuid, same fields."""
        entry = self._undoable()
        if entry is None:
            return
        try:
            self._restore(entry)
        except KneetuiError as error:
            self.notify(str(error), title="Not restored", severity="error", timeout=10)
            return
        self._undo = None
        self.reload()
        self.refresh_bindings()
        table = self.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(entry.uuid))
        row = self._cells[entry.uuid]
        self.notify(f"Restored the score {row['score']} of {row['when']}.")
