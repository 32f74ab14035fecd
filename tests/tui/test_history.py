"""The history screen: newest first, notes shown as typed, d deletes after a
confirmation, Escape goes back; at 80 columns the note gets the room left, and the
selected score is shown in full under the table."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Checkbox, DataTable, Input, Select

from kneetui.domain.models import Flag, Knee
from kneetui.domain.soreness import MAX_NOTE_LENGTH, new_entry
from kneetui.storage.store import Store
from kneetui.tui.screens.confirm import ConfirmScreen
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.history import UNDO_SECONDS, HistoryScreen, fit_columns
from kneetui.tui.screens.log_form import LogSorenessScreen
from kneetui.tui.widgets.key_bar import KeyBar
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
        notes = [table.get_row_at(i)[-1] for i in range(5)]
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
        # The selection moves to the row that took the deleted one's place.
        assert app.screen.query_one(DataTable).cursor_row == 1
        assert "Note: [red]not red" in detail_text(app)
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


LONG_NOTE = "[b]Downhill[/b] stairs hurt after 6 km; it eased off by the evening walk"


def seed_long(store: Store) -> str:
    seed(store)
    entry = new_entry(
        7,
        at=CLOCK_NOW - dt.timedelta(hours=1),
        now=CLOCK_NOW,
        knee=Knee.LEFT,
        run_km=12.5,
        run_minutes=70,
        note=LONG_NOTE,
        flags=[Flag.SWELLING],
    )
    store.add_soreness(entry)
    return entry.uuid


def table_lines(app: object) -> list[str]:
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    return [table.render_line(y).text for y in range(table.size.height)]


def detail_text(app: object) -> str:
    return str(app.screen.query_one("#history-detail").render())  # type: ignore[attr-defined]


async def test_at_80_columns_the_note_gets_the_room_left_with_an_ellipsis(
    empty_store: Store, make_app: AppFactory
) -> None:
    seed_long(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        lines = table_lines(app)
        header, long = lines[0], lines[2]
        assert header.split() == ["When", "Score", "Knee", "Context", "Flags", "Note"]
        # The band and the run figures make room; the note fills the line to the
        # scrollbar's gutter and ends in an ellipsis.
        assert long.startswith(
            " 2026-11-18 17:30  7/10   left  after-run  swelling  [b]Downhill[/b]"
        )
        assert long.rstrip().endswith("…")
        assert len(long.rstrip()) == 80 - 2 - 1
        assert "Note: [/bold]" in detail_text(app)
        await pilot.press("down")
        await pilot.pause()
        # Under the table: the selected score in full, the note as typed.
        shown = detail_text(app)
        assert "7/10 too much · left knee · after-run · 12.5 km · 70 min" in shown
        assert "red flags: swelling" in shown
        assert f"Note: {LONG_NOTE}" in shown


async def test_at_120_columns_every_column_shows_and_a_resize_refits(
    empty_store: Store, make_app: AppFactory
) -> None:
    seed_long(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h", "down")
        await pilot.pause()
        header = table_lines(app)[0].split()
        assert header == ["When", "Score", "Band", "Knee", "Context", "km", "min", "Flags", "Note"]
        assert LONG_NOTE[:40] in table_lines(app)[2]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "Band" not in table_lines(app)[0]
        assert table_lines(app)[2].rstrip().endswith("…")
        # The selection stays on the row it was on.
        assert f"Note: {LONG_NOTE}" in detail_text(app)
        assert app.screen.query_one(DataTable).cursor_row == 1


def test_columns_drop_band_then_minutes_then_km_for_the_note() -> None:
    widths = {"when": 16, "score": 5, "band": 10, "knee": 5, "context": 12, "km": 4,
              "min": 4, "flags": 5}  # fmt: skip
    assert fit_columns(widths, 118) == (list(widths), 118 - 77 - 2)
    assert fit_columns(widths, 90)[0] == ["when", "score", "knee", "context", "km", "min", "flags"]
    assert fit_columns(widths, 84)[0] == ["when", "score", "knee", "context", "km", "flags"]
    assert fit_columns(widths, 78) == (["when", "score", "knee", "context", "flags"], 23)
    # Too narrow even then: the note keeps room for its heading; the table scrolls.
    assert fit_columns(widths, 40)[1] == 4


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_u_undoes_a_delete_exactly_for_a_few_seconds(
    empty_store: Store, make_app: AppFactory
) -> None:
    long = seed_long(empty_store)
    before = empty_store.soreness()
    clock = FakeMonotonic()
    seen: list[str] = []
    app = make_app(empty_store, monotonic_clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify = lambda message, **kw: seen.append(message)  # type: ignore[method-assign]
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.check_action("undo", ()) is False  # nothing deleted yet
        await pilot.press("down", "d", "y")  # the long note, with its flag and run
        await pilot.pause()
        assert [e.uuid for e in empty_store.soreness()] == [
            e.uuid for e in before if e.uuid != long
        ]
        assert seen[-1] == "Deleted the score 7/10 of 2026-11-18 17:30. Press u to undo."
        assert "u Undo delete" in app.screen.query_one(KeyBar).render().plain
        clock.now += UNDO_SECONDS - 0.5
        await pilot.press("u")
        await pilot.pause()
        # Back exactly as it was: the same uuid and every field.
        assert empty_store.soreness() == before
        assert app.screen.query_one(DataTable).row_count == 6
        assert seen[-1] == "Restored the score 7/10 of 2026-11-18 17:30."
        assert f"Note: {LONG_NOTE}" in detail_text(app)
        assert app.screen.check_action("undo", ()) is False  # once only


async def test_u_does_nothing_once_the_few_seconds_are_over(
    empty_store: Store, make_app: AppFactory
) -> None:
    uuids = seed(empty_store)
    clock = FakeMonotonic()
    app = make_app(empty_store, monotonic_clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h", "d", "y")
        await pilot.pause()
        assert app.screen.check_action("undo", ()) is True
        clock.now += UNDO_SECONDS
        assert app.screen.check_action("undo", ()) is False
        await pilot.press("u")
        await pilot.pause()
        assert [e.uuid for e in empty_store.soreness()] == uuids[1:]


async def test_e_corrects_the_selected_score_in_the_filled_in_form(
    empty_store: Store, make_app: AppFactory
) -> None:
    long = seed_long(empty_store)
    original = empty_store.soreness_entry(long)
    assert original is not None and original.updated_at is None
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "down", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        assert form.query_one("#log-form").border_title == "Edit score"
        values = {
            i: form.query_one(f"#{i}", Input).value for i in ("score", "km", "minutes", "note")
        }
        assert values == {"score": "7", "km": "12.5", "minutes": "70", "note": LONG_NOTE}
        assert form.query_one("#knee", Select).value == Knee.LEFT
        assert form.query_one("#flag-swelling", Checkbox).value
        assert not form.query_one("#flag-locking", Checkbox).value
        form.query_one("#score", Input).value = "5"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        # Replaced in place: the same uuid, time and day, the new score, and when.
        assert empty_store.soreness_entry(long) == original._replace(
            score=5, updated_at=CLOCK_NOW.replace(microsecond=0)
        )
        assert len(empty_store.soreness()) == 6
        assert "5/10" in table_lines(app)[2]
        assert "5/10 acceptable · left knee" in detail_text(app)
        assert "70 min · edited 18 Nov 2026 18:30" in detail_text(app)


async def test_the_longest_note_shows_whole_under_the_table_at_80x24(
    empty_store: Store, make_app: AppFactory
) -> None:
    words = "ached on the stairs [b]but[/b] not on the flat; "
    note = (words * 30)[: MAX_NOTE_LENGTH - 4] + " END"
    entry = new_entry(4, at=CLOCK_NOW, now=CLOCK_NOW, note=note)
    empty_store.add_soreness(entry)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        detail = app.screen.query_one("#history-detail")
        lines = [detail.render_line(y).text.strip() for y in range(detail.size.height)]
        assert lines[-1].endswith(" END")
        assert "".join(lines).replace(" ", "").endswith(("Note: " + note).replace(" ", ""))
        assert app.screen.query_one(DataTable).size.height >= 4


async def test_an_edit_cancelled_or_of_a_score_gone_meanwhile_changes_nothing(
    empty_store: Store, make_app: AppFactory
) -> None:
    long = seed_long(empty_store)
    before = empty_store.soreness()
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h", "down", "e")
        await pilot.pause()
        app.screen.query_one("#score", Input).value = "1"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert empty_store.soreness() == before
        await pilot.press("e")
        await pilot.pause()
        empty_store.delete_soreness(long)  # by another copy of the app, say
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogSorenessScreen)  # still open, with the reason
        assert "no longer stored" in str(app.screen.query_one("#log-error").render())
        assert empty_store.soreness_entry(long) is None
        assert len(empty_store.soreness()) == 5


async def test_a_score_logged_with_l_from_history_shows_in_it_at_once(
    empty_store: Store, make_app: AppFactory
) -> None:
    seed(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "l")
        await pilot.pause()
        app.screen.query_one("#score", Input).value = "6"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(DataTable).row_count == 6
        assert "6/10" in table_lines(app)[1]
