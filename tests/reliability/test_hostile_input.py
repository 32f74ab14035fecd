"""Hostile notes: markup, terminal escape sequences, NUL, lone surrogates,
right-to-left and zero-width characters, emoji and a megabyte of text, typed
into `kneetui log` and into the app's form, then read back through `kneetui
history` (table and JSON), the app's history screen, `kneetui export` (JSON and
CSV) and `kneetui import` into a fresh database.

Each note is stored exactly and shown literally (control characters as escapes
like \\x1b, markup never interpreted), or refused with a one-line message
(exit 2 on the command line, an inline error in the form) and nothing stored.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static

from kneetui.launch import main as launch_main
from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.history import HistoryScreen
from kneetui.tui.screens.log_form import LogSorenessScreen
from tests.conftest import KNEETUI, NOW, child_env
from tests.tui.conftest import AppFactory

# (note as typed, how `kneetui history` and the app's history screen show it).
# Written out by hand rather than computed with kneetui.domain.text.visible, so a
# change there cannot quietly change what is expected.
ACCEPTED: tuple[tuple[str, str], ...] = (
    ("[/bold]", "[/bold]"),
    (
        "[link=file:///etc/passwd]click me[/link] [red]not red[/] [@click=app.quit]quit[/]",
        "[link=file:///etc/passwd]click me[/link] [red]not red[/] [@click=app.quit]quit[/]",
    ),
    ("\x1b[31mred alert\x1b[0m", "\\x1b[31mred alert\\x1b[0m"),
    (
        "\x1b]8;;http://x\x1b\\a link\x1b]8;;\x1b\\",
        "\\x1b]8;;http://x\\x1b\\a link\\x1b]8;;\\x1b\\",
    ),
    ("\x1b[2J\x1b[Hcleared", "\\x1b[2J\\x1b[Hcleared"),
    (
        "bell\x07 backspace\x08 del\x7f c1-csi\x9b31m tab\tnew\nline",
        "bell\\x07 backspace\\x08 del\\x7f c1-csi\\x9b31m tab\\x09new\\x0aline",
    ),
    (
        "\u202eexe.txt zero\u200bwidth\u200fmark\u200d",
        "\u202eexe.txt zero\u200bwidth\u200fmark\u200d",
    ),
    ("الركبة تؤلم שלום ברך", "الركبة تؤلم שלום ברך"),
    ("👨‍👩‍👧 🏃‍♀️ 👍🏽 🇳🇴", "👨‍👩‍👧 🏃‍♀️ 👍🏽 🇳🇴"),
    ("é" * 1000, "é" * 1000),  # the longest note: stored in full
)
CARRIAGE_RETURN_NOTE = "line one\r\nline two\rthree"
NUL_MESSAGE = "note: contains a NUL character"
SURROGATE_MESSAGE = "note: contains characters that are not valid text"


def length_message(length: int) -> str:
    return f"note: is {length} characters long; the limit is 1000"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(*args: str | bytes) -> Run:
    """The real command; arguments may be bytes (not valid UTF-8) as a shell passes them."""
    done = subprocess.run([str(KNEETUI), *args], capture_output=True, timeout=60, env=child_env())
    out = done.stdout.decode("utf-8")
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return Run(done.returncode, out, err)


def parallel(calls: list[tuple[str | bytes, ...]]) -> list[Run]:
    """Several commands at once: each is a separate `kneetui` process, which is
    what the design promises works (WAL, BEGIN IMMEDIATE, a busy timeout)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: run(*args), calls))


def at_text(index: int) -> str:
    """Distinct local times an hour apart, oldest first, so history's order is known."""
    return f"2026-11-0{1 + index // 24} {index % 24:02d}:15"


def soreness_count(db: Path) -> int:
    with Store.open(db, now=NOW) as store:
        return int(store.conn.execute("SELECT count(*) FROM soreness").fetchone()[0])


@dataclass
class Logged:
    db: Path
    refusals: dict[str, Run]
    history: Run
    history_json: Run
    export_json: Run
    export_csv: Run
    imported_json: Path
    imported_csv: Path
    import_runs: list[Run]
    carriage_return_db: Path  # a note with CR, through CSV export and import


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Logged]:
    """Every accepted note logged through the real command (and the refused
    ones tried), then read back through each output once."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "k.db"
    Store.open(db, now=NOW).close()  # created once, before the parallel writers
    calls: list[tuple[str | bytes, ...]] = [
        ("--db", str(db), "log", "3", "--at", at_text(i), "--note", note)
        for i, (note, _) in enumerate(ACCEPTED)
    ]
    refused: dict[str, tuple[str | bytes, ...]] = {
        # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
        "surrogates": ("--db", str(db), "log", "3", "--note", b"knee \xff\xfe hurts"),
        # A single argument is capped by the kernel at 128 KiB (MAX_ARG_STRLEN), so
        # the megabyte note goes through the form, the import and in-process below.
        "1001": ("--db", str(db), "log", "3", "--note", "x" * 1001),
    }
    cr_source, cr_csv, cr_target = folder / "cr.db", folder / "cr.csv", folder / "cr-back.db"
    cr_log = ("--db", str(cr_source), "log", "3", "--note", CARRIAGE_RETURN_NOTE)
    runs = parallel([*calls, *refused.values(), cr_log])
    assert [(r.code, r.err) for r in runs[: len(calls)]] == [(0, "")] * len(calls)
    refusals = dict(zip(refused, runs[len(calls) : -1], strict=True))
    csv_path, json_path = folder / "export.csv", folder / "export.json"
    history, history_json, export_json, export_csv, _ = parallel(
        [
            ("--db", str(db), "history"),
            ("--db", str(db), "history", "--json"),
            ("--db", str(db), "export", "--output", str(json_path)),
            ("--db", str(db), "export", "--format", "csv", "--output", str(csv_path)),
            ("--db", str(cr_source), "export", "--format", "csv", "--output", str(cr_csv)),
        ]
    )
    export_json = Run(export_json.code, json_path.read_text(encoding="utf-8"), export_json.err)
    export_csv = Run(export_csv.code, csv_path.read_text(encoding="utf-8"), export_csv.err)
    imported_json, imported_csv = folder / "from-json.db", folder / "from-csv.db"
    import_runs = parallel(
        [
            ("--db", str(imported_json), "import", str(json_path)),
            ("--db", str(imported_csv), "import", str(csv_path)),
            ("--db", str(cr_target), "import", str(cr_csv)),
        ]
    )[:2]
    yield Logged(
        db,
        refusals,
        history,
        history_json,
        export_json,
        export_csv,
        imported_json,
        imported_csv,
        import_runs,
        cr_target,
    )


def stored_notes(db: Path) -> list[str]:
    """Notes oldest first."""
    with Store.open(db, now=NOW) as store:
        return [e.note for e in reversed(store.soreness())]


def test_cli_stores_every_accepted_note_exactly(logged: Logged) -> None:
    assert stored_notes(logged.db) == [note for note, _ in ACCEPTED]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("surrogates", SURROGATE_MESSAGE),
        ("1001", length_message(1001)),
    ],
)
def test_cli_refuses_bad_notes_in_one_line_with_exit_2_and_stores_nothing(
    logged: Logged, case: str, message: str
) -> None:
    refusal = logged.refusals[case]
    # The shell names the option typed: --note.
    assert (refusal.code, refusal.out, refusal.err) == (2, "", f"kneetui: --{message}\n")
    # Only the accepted notes are stored.
    assert soreness_count(logged.db) == len(ACCEPTED)


@pytest.mark.parametrize(
    ("note", "message"),
    [
        # argv cannot carry NUL (execve takes C strings) nor, past 128 KiB, one
        # argument: the entry point itself is called in-process for these.
        ("knee\x00hurts", NUL_MESSAGE),
        ("x" * 1_000_000, length_message(1_000_000)),
    ],
    ids=["nul", "1mb"],
)
def test_cli_refuses_nul_and_a_megabyte_in_process(
    db_path: Path, capsys: pytest.CaptureFixture[str], note: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        launch_main(["--db", str(db_path), "log", "3", "--note", note])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"kneetui: --{message}\n")
    assert not db_path.exists() or soreness_count(db_path) == 0


def test_cli_history_table_shows_notes_literally_and_escapes_control_characters(
    logged: Logged,
) -> None:
    assert logged.history.code == 0, logged.history.err
    out = logged.history.out
    # Nothing that could act on the terminal reaches it.
    for control in ("\x1b", "\x07", "\x08", "\x7f", "\x9b"):
        assert control not in out, repr(control)
    lines = out.split("\n")
    assert lines[-1] == ""  # one trailing newline, no line added by a note
    rows = lines[1:-1]
    assert len(rows) == len(ACCEPTED)
    # Newest first; each row ends with the note as shown.
    for row, (_, shown) in zip(rows, reversed(ACCEPTED), strict=True):
        assert row.endswith("  " + shown), (row, shown)


def test_cli_history_json_holds_every_note_exactly(logged: Logged) -> None:
    assert logged.history_json.code == 0
    items = json.loads(logged.history_json.out)
    assert [i["note"] for i in reversed(items)] == [note for note, _ in ACCEPTED]
    # JSON escapes C0 controls itself: no raw ESC reaches the terminal either.
    assert "\x1b" not in logged.history_json.out


def test_export_json_and_csv_hold_every_note_exactly(logged: Logged) -> None:
    assert (logged.export_json.code, logged.export_csv.code) == (0, 0)
    document = json.loads(logged.export_json.out)
    assert [i["note"] for i in document["soreness"]] == [note for note, _ in ACCEPTED]
    rows = list(csv.DictReader(io.StringIO(logged.export_csv.out, newline="")))
    assert [r["note"] for r in rows] == [note for note, _ in ACCEPTED]


def test_import_into_a_fresh_database_round_trips_every_note(logged: Logged) -> None:
    expected = f"Imported {len(ACCEPTED)} scores, 0 sessions (0 reps) and 0 hold changes; "
    for result in logged.import_runs:
        assert (result.code, result.err) == (0, "")
        assert result.out.startswith(expected)
    with Store.open(logged.db, now=NOW) as store:
        original = store.soreness()
    for db in (logged.imported_json, logged.imported_csv):
        with Store.open(db, now=NOW) as store:
            assert store.soreness() == original


def test_a_carriage_return_in_a_note_survives_the_csv_round_trip(logged: Logged) -> None:
    assert stored_notes(logged.carriage_return_db) == [CARRIAGE_RETURN_NOTE]


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("a\x00b", NUL_MESSAGE),
        ("a\ud800b", SURROGATE_MESSAGE),
        ("m" * 1_000_000, length_message(1_000_000)),
    ],
    ids=["nul", "surrogate", "1mb"],
)
def test_an_import_with_a_refused_note_names_row_and_field_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, message: str
) -> None:
    """Run in-process through the script's entry point (kneetui.launch.main)."""
    db = tmp_path / "k.db"
    good = {
        "uuid": "6f1c1a52-3f0e-4b8e-9d55-0c2f8a1b7e01",
        "logged_at": "2026-11-01T10:00:00+00:00",
        "local_day": "2026-11-01",
        "score": 3,
        "knee": "both",
        "context": "after-run",
        "run_km": None,
        "run_minutes": None,
        "note": "fine",
        "flags": [],
    }
    bad = {**good, "uuid": good["uuid"][:-2] + "02", "note": note}
    path = tmp_path / "notes.json"
    # ensure_ascii: a lone surrogate is written as the escape \ud800.
    path.write_text(json.dumps({"kneetui_export": 1, "soreness": [good, bad]}))
    with pytest.raises(SystemExit) as exit_info:
        launch_main(["--db", str(db), "import", str(path)])
    captured = capsys.readouterr()
    assert (exit_info.value.code, captured.out) == (1, "")
    assert captured.err == f"kneetui: {path}: soreness[2].{message}; nothing was imported\n"
    assert not db.exists() or soreness_count(db) == 0


# The app ------------------------------------------------------------------------------

# Two notes, each short enough for the history screen's 60-character column.
APP_NOTES = (
    "[/bold] [link=file:///etc/passwd]x[/link] \x1b[31m \x1b[2J",
    "\x1b]8;;http://x\x1b\\\x07 \u202e\u200b\u200f الركبة שלום 👨‍👩‍👧",
)
APP_SHOWN = (
    "[/bold] [link=file:///etc/passwd]x[/link] \\x1b[31m \\x1b[2J",
    "\\x1b]8;;http://x\\x1b\\\\x07 \u202e\u200b\u200f الركبة שלום 👨‍👩‍👧",
)


async def test_app_form_refuses_bad_notes_inline_then_stores_hostile_ones_literally(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    # Wide enough for the whole note column of the history screen.
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        form.query_one("#score", Input).value = "4"
        for note, message in (
            ("knee\x00hurts", NUL_MESSAGE),
            ("a\ud800b", SURROGATE_MESSAGE),
            ("x" * 1_000_000, length_message(1_000_000)),
            ("y" * 1001, length_message(1001)),
        ):
            form.query_one("#note", Input).value = note
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is form
            error = form.query_one("#log-error", Static)
            assert error.display
            assert str(error.render()) == message
            assert form.query_one("#note", Input).value == note  # kept to correct
            assert empty_store.soreness() == []
        for index, note in enumerate(APP_NOTES):
            if index:
                await pilot.press("l")
                form = app.screen
                form.query_one("#score", Input).value = "4"
            form.query_one("#note", Input).value = note
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
        assert [e.note for e in reversed(empty_store.soreness())] == list(APP_NOTES)

        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == len(APP_NOTES)
        # Both were logged in the same second: newest first by insertion.
        cells = [table.get_row_at(i)[8] for i in range(table.row_count)]
        assert all(isinstance(c, Text) for c in cells)
        assert [c.plain for c in cells] == list(reversed(APP_SHOWN))
        # What the table draws: the literal text, markup not applied, no raw ESC.
        drawn = "\n".join(table.render_line(y).text for y in range(1, 1 + len(APP_NOTES)))
        assert "\x1b" not in drawn and "\x07" not in drawn
        for shown in APP_SHOWN:
            assert shown in drawn, (shown, drawn)
        for y in range(1, 1 + len(APP_NOTES)):
            for segment in table.render_line(y):
                assert segment.style is None or segment.style.link is None  # no live link
