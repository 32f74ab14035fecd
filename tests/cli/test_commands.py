"""history, routine, export, import, plot, where, help: through the real command."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import stat
from pathlib import Path

import pytest

from kneetui.domain.exchange import Bundle, encode_json
from kneetui.domain.models import LevelChange, Rep, Session, SessionStatus, Side
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW

COMMANDS = (
    "log", "history", "sessions", "routine", "schedule", "level", "stats",
    "export", "import", "plot", "where", "ack", "delete",
)  # fmt: skip


def test_help_lists_every_command_with_a_description() -> None:
    result = kneetui("--help")
    assert result.code == 0
    for command in COMMANDS:
        line = next(
            (ln for ln in result.out.splitlines() if ln.strip().startswith(command + " ")), None
        )
        assert line is not None, command
        assert len(line.split(None, 1)[1]) > 10
    assert "not medical advice" in result.out.lower()


def test_version() -> None:
    from kneetui import __version__

    result = kneetui("--version")
    assert (result.code, result.out.strip()) == (0, f"kneetui, version {__version__}")


def test_an_unknown_command_is_a_usage_error_in_one_line() -> None:
    result = kneetui("jog")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "No such command 'jog'" in result.err


def seed(db: Path) -> None:
    with Store.open(db, now=NOW) as store:
        for days, score, note in ((3, 5, "[/bold] hills"), (1, 3, "[link=x]y[/link]"), (0, 2, "")):
            store.add_soreness(
                new_entry(score, at=NOW - dt.timedelta(days=days), now=NOW, note=note, run_km=5.0)
            )


def test_history_lists_newest_first_with_notes_as_typed(db_path: Path) -> None:
    seed(db_path)
    result = kneetui("history", db=db_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "When",
        "Score",
        "Band",
        "Knee",
        "Context",
        "km",
        "min",
        "Flags",
        "Note",
    ]
    assert [ln.split()[2] for ln in lines[1:]] == ["2/10", "3/10", "5/10"]
    assert lines[2].endswith("[link=x]y[/link]")
    assert lines[3].endswith("[/bold] hills")


def test_history_escapes_terminal_control_sequences(db_path: Path) -> None:
    kneetui("log", "3", "--note", "red \x1b[31mALERT\x1b[0m \x07", db=db_path)
    result = kneetui("history", db=db_path)
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "red \\x1b[31mALERT\\x1b[0m \\x07" in result.out


def test_history_days_and_json(db_path: Path) -> None:
    seed(db_path)
    result = kneetui("history", "--json", db=db_path)
    items = json.loads(result.out)
    assert [i["score"] for i in items] == [2, 3, 5]
    assert items[2]["note"] == "[/bold] hills"
    assert set(items[0]) >= {"uuid", "logged_at", "local_day", "flags"}
    # --days counts from the real today, and the seeded scores are in 2026-11.
    recent = kneetui("history", "--json", "--days", "100000", db=db_path)
    assert len(json.loads(recent.out)) == 3
    assert kneetui("history", "--days", "0", db=db_path).code == 2


def test_history_without_scores_says_how_to_log_one(db_path: Path) -> None:
    result = kneetui("history", db=db_path)
    assert result.code == 0
    assert "kneetui log" in result.out


def test_routine_shows_each_exercise_with_its_current_hold(db_path: Path) -> None:
    result = kneetui("routine", db=db_path)
    assert result.code == 0, result.err
    expected = (
        "Leg Raises: hold 5 s",
        "Weighted Hamstring Curls: hold 5 s",
        "Calf Raises: hold 20 s",
        "quadriceps",
        "ankle weights",
        "no shoes",
        "10 per leg",
        "physical therapist",
        "not medical advice",
    )
    for text in expected:
        assert text in result.out, text
    with Store.open(db_path, now=NOW) as store:
        store.set_level(LevelChange("calf-raise", 25, NOW))
    assert "Calf Raises: hold 25 s" in kneetui("routine", db=db_path).out


def full_bundle() -> Bundle:
    started = NOW - dt.timedelta(days=2)
    reps = tuple(
        Rep("leg-raise", side, n, 5, 5.0, started + dt.timedelta(seconds=8 * n))
        for n in range(1, 4)
        for side in (Side.LEFT, Side.RIGHT)
    )
    return Bundle(
        soreness=tuple(
            new_entry(s, at=NOW - dt.timedelta(days=s), now=NOW, note=f"=note {s}", run_km=s + 0.5)
            for s in range(5)
        ),
        sessions=(
            Session(
                "0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e",
                started,
                started.date(),
                SessionStatus.COMPLETED,
                started + dt.timedelta(minutes=3),
                reps,
            ),
        ),
        levels=(LevelChange("leg-raise", 10, started),),
        settings={"schedule": ["tue", "thu", "sat"]},
    )


def test_export_then_import_round_trip_compares_every_field(tmp_path: Path) -> None:
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    with Store.open(source, now=NOW) as store:
        store.import_bundle(full_bundle())
        original = store.export_bundle()
    out = tmp_path / "export.json"
    result = kneetui("export", "--output", str(out), db=source)
    assert result.code == 0, result.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    imported = kneetui("import", str(out), db=target)
    assert imported.code == 0, imported.err
    assert imported.out == (
        "Imported 5 scores, 1 session (6 reps) and 1 hold change; 0 already stored.\n"
    )
    with Store.open(target, now=NOW) as store:
        assert store.export_bundle() == original
    again = kneetui("import", str(out), db=target)
    assert (
        "Imported 0 scores, 0 sessions (0 reps) and 0 hold changes; 7 already stored." in again.out
    )


def test_csv_export_escapes_formulas_and_imports_back(tmp_path: Path) -> None:
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    with Store.open(source, now=NOW) as store:
        store.import_bundle(full_bundle())
        scores = store.soreness()
    result = kneetui("export", "--format", "csv", db=source)
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert {r["note"] for r in rows} == {f"'=note {s}" for s in range(5)}
    path = tmp_path / "scores.csv"
    path.write_text(result.out)
    assert kneetui("import", str(path), db=target).code == 0
    with Store.open(target, now=NOW) as store:
        assert store.soreness() == scores


def test_export_to_stdout_is_the_documented_json(db_path: Path) -> None:
    seed(db_path)
    document = json.loads(kneetui("export", db=db_path).out)
    assert document["kneetui_export"] == 1
    assert document["settings"] == {}
    assert len(document["soreness"]) == 3


def test_export_files_are_0600_whatever_the_umask(tmp_path: Path, db_path: Path) -> None:
    seed(db_path)
    out = tmp_path / "scores.csv"
    out.write_text("old")
    os.chmod(out, 0o644)
    result = kneetui("export", "--format", "csv", "--output", str(out), db=db_path)
    assert result.code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("logged_at,")


def test_export_to_a_missing_folder_names_the_folder_not_a_temporary_file(
    tmp_path: Path, db_path: Path
) -> None:
    seed(db_path)
    out = tmp_path / "no" / "such" / "x.json"
    result = kneetui("export", "--output", str(out), db=db_path)
    assert result.code == 1
    assert result.err == (f"kneetui: cannot write {out}: the folder {out.parent} does not exist\n")
    assert not out.parent.exists()


def test_an_invalid_row_imports_nothing_and_names_row_and_field(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    document = json.loads(encode_json(full_bundle()))
    document["soreness"][3]["score"] = 11
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    result = kneetui("import", str(path), db=db)
    assert result.code == 1
    assert "soreness[4].score" in result.err and "nothing was imported" in result.err
    assert result.err.count("\n") == 1
    with Store.open(db, now=NOW) as store:
        assert store.export_bundle() == Bundle()


def test_import_refuses_a_changed_duplicate_and_keeps_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    bundle = full_bundle()
    with Store.open(db, now=NOW) as store:
        store.import_bundle(bundle)
    document = json.loads(encode_json(bundle))
    document["soreness"][0]["note"] = "changed"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(document))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = kneetui("import", str(path), db=db)
    assert result.code == 1
    assert "soreness item 1" in result.err and "different content" in result.err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_import_of_a_missing_or_binary_file(tmp_path: Path, db_path: Path) -> None:
    assert kneetui("import", str(tmp_path / "none.json"), db=db_path).code == 2
    binary = tmp_path / "x.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = kneetui("import", str(binary), db=db_path)
    assert result.code == 1 and "not UTF-8" in result.err


def test_plot_draws_the_trend_to_a_pipe(db_path: Path) -> None:
    seed(db_path)
    result = kneetui("plot", "--days", "30", "--width", "70", "--height", "15", db=db_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "\x1b" not in result.out  # no colour codes on a pipe
    assert len(lines) == 15
    assert max(len(ln) for ln in lines) == 70
    assert "7-day mean" in result.out and "daily mean" in result.out


def test_plot_groups_a_long_range_to_fit_the_width(db_path: Path) -> None:
    # Two years of daily scores in 60 columns: grouped into runs of days, as the
    # dashboard's chart does (the same SQL query), not drawn day by day.
    now = dt.datetime.now().astimezone()
    with Store.open(db_path, now=now) as store:
        for days in range(730):
            at = now - dt.timedelta(days=days, hours=1)
            store.add_soreness(new_entry(days % 7, at=at, now=now))
    result = kneetui("plot", "--days", "700", "--width", "60", "--height", "15", db=db_path)
    assert result.code == 0, result.err
    assert "mean per" in result.out and "days" in result.out
    assert "7-day mean" in result.out
    assert max(len(ln) for ln in result.out.splitlines()) == 60


def test_plot_without_data_says_how_to_start(db_path: Path) -> None:
    result = kneetui("plot", db=db_path)
    assert result.code == 0
    assert result.out.startswith("No soreness scores yet")


READING = [
    ["plot"], ["history"], ["history", "--json"], ["stats"], ["stats", "--json"],
    ["sessions"], ["sessions", "--json"], ["routine"], ["routine", "--json"], ["where"],
    ["where", "--json"], ["export"], ["schedule"], ["level", "leg-raise"], ["ack"],
]  # fmt: skip


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_reading_without_a_database_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "new" / "kneetui.db"
    result = kneetui(*command, db=db)
    assert (result.code, result.err) == (0, "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["plot"], "No soreness scores yet"),
        (["history"], "No soreness scores yet"),
        (["sessions"], "No sessions yet"),
        (["stats"], "No data yet: there is no database at {db}."),
        (["routine"], "No data yet: there is no database at {db}."),
        (["where"], "Database: {db}\nNo data yet: the file does not exist."),
    ],
)
def test_reading_without_a_database_says_there_is_no_data_yet(
    db_path: Path, command: list[str], said: str
) -> None:
    assert kneetui(*command, db=db_path).out.startswith(said.format(db=db_path))


def test_where_tells_the_truth_about_what_creates_the_file(db_path: Path) -> None:
    # It says the app or a command that stores something creates the file, and
    # that is what happens: reading first does not.
    assert "a command that stores something" in kneetui("where", db=db_path).out
    kneetui("history", db=db_path)
    kneetui("schedule", "mon", "funday", db=db_path)  # refused: stores nothing
    assert not db_path.exists()
    kneetui("schedule", "mon", db=db_path)
    assert db_path.exists()


def test_where_json(db_path: Path) -> None:
    before = json.loads(kneetui("where", "--json", db=db_path).out)
    assert before == {
        "database": str(db_path),
        "exists": False,
        "schema_version": None,
        "schema_step": None,
        "device_id": None,
    }
    kneetui("log", "1", db=db_path)
    after = json.loads(kneetui("where", "--json", db=db_path).out)
    assert after["exists"] is True
    assert after["schema_version"] >= 2 and after["schema_step"].startswith("000")


def test_routine_json_gives_each_exercise_its_current_hold(db_path: Path) -> None:
    kneetui("level", "calf-raise", "25", db=db_path)
    kneetui("schedule", "tue", db=db_path)
    result = kneetui("routine", "--json", db=db_path)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["schedule"] == ["tue"]
    today = dt.date.fromisoformat(document["today"])
    assert document["routine_day"] is (today.weekday() == 1)
    exercises = {e["id"]: e for e in document["exercises"]}
    assert list(exercises) == ["leg-raise", "hamstring-curl", "calf-raise"]
    calf = exercises["calf-raise"]
    assert (calf["hold_s"], calf["hold_ladder"], calf["sides"], calf["between"]) == (
        25,
        [20, 25, 30],
        "both",
        "rest",
    )
    assert exercises["leg-raise"]["reps"] == 10 and exercises["leg-raise"]["sides"] == "alternate"
    assert "physical therapist" in document["advice"]
    assert "not medical advice" in document["not_medical_advice"].lower()


def test_where_shows_path_and_schema(db_path: Path) -> None:
    assert "No data yet" in kneetui("where", db=db_path).out
    assert not db_path.exists()
    kneetui("log", "1", db=db_path)
    result = kneetui("where", db=db_path)
    with Store.open(db_path, now=NOW) as store:
        device = store.device_id
    assert result.out == (
        f"Database: {db_path}\nSchema:   version 5 (0005_devices)\nDevice:   {device}\n"
    )


@pytest.mark.parametrize("command", [["log", "3"], ["history"], ["export"], ["plot"], ["routine"]])
def test_a_file_that_is_not_sqlite_is_refused_by_every_command(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my running notes\n")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = kneetui(*command, db=path)
    assert result.code == 1
    assert result.err == (
        f"kneetui: {path} is not a kneetui database (not an SQLite file); it was left untouched\n"
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_directory_at_the_path_is_refused(tmp_path: Path) -> None:
    result = kneetui("log", "3", db=tmp_path)
    assert result.code == 1
    assert result.err == f"kneetui: {tmp_path} is a directory, not a kneetui database\n"


def test_a_database_from_a_newer_kneetui_is_refused(db_path: Path) -> None:
    kneetui("log", "3", db=db_path)
    import sqlite3

    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('kneetui', '0099_future', '2030-01-01')"
    )
    raw.commit()
    raw.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    result = kneetui("history", db=db_path)
    assert result.code == 1
    assert "newer kneetui" in result.err and "0099_future" in result.err
    assert result.err.count("\n") == 1
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
