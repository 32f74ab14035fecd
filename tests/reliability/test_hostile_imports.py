"""`kneetui import` of hostile files: wrong types, out-of-range values, dates far
in the future (or before year 1 in UTC), duplicate uuids, a 50 MB file, truncated
JSON, CSV with a missing column, a JSON array, binary files.

Each is refused with exit 1 and one line on stderr naming the row and the field
(or the file, for what is wrong with the file as a whole), and nothing is
imported: the database exports exactly what it held before. A CSV with a
byte-order mark and Windows line endings is accepted and imported exactly.

Every hostile case imports into its own copy of the same seeded database through
the command's own entry point run in-process (`kneetui.launch.main`, what the
`kneetui` script calls): the same code, without a process start per file. The
accepted CSV goes through the real command.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kneetui.domain.exchange import Bundle, encode_csv
from kneetui.domain.soreness import new_entry
from kneetui.launch import main as launch_main
from kneetui.storage.store import Store
from tests.conftest import KNEETUI, NOW, child_env

STORED_UUID = "1d7b3c2a-5e4f-4a6b-8c9d-0e1f2a3b4c5d"
NEW_UUID = "6f1c1a52-3f0e-4b8e-9d55-0c2f8a1b7e01"


def item(**change: Any) -> dict[str, Any]:
    """A valid soreness item of an export, with `change` applied."""
    return {
        "uuid": NEW_UUID,
        "logged_at": "2026-11-01T10:00:00+00:00",
        "local_day": "2026-11-01",
        "score": 3,
        "knee": "both",
        "context": "after-run",
        "run_km": 8.0,
        "run_minutes": None,
        "note": "fine",
        "flags": [],
    } | change


def export(*items: dict[str, Any], **extra: Any) -> str:
    return json.dumps({"kneetui_export": 1, "soreness": list(items), **extra})


def session_item(**change: Any) -> dict[str, Any]:
    return {
        "uuid": "0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e",
        "started_at": "2026-11-01T07:00:00+00:00",
        "finished_at": None,
        "local_day": "2026-11-01",
        "status": "completed",
        "reps": [],
    } | change


NOON = "2026-11-01T12:00:00+00:00"


def rep(**change: Any) -> dict[str, Any]:
    return {
        "exercise": "leg-raise",
        "side": "left",
        "rep": 1,
        "target_s": 5,
        "held_s": 5.0,
        "completed_at": NOON,
    } | change


CSV_HEADER = "logged_at,local_day,score,knee,context,run_km,run_minutes,note,flags,uuid"
CSV_ROW = f"2026-11-01T10:00:00+00:00,2026-11-01,3,both,after-run,8.0,,fine,,{NEW_UUID}"


def fifty_megabytes(path: Path) -> None:
    """A valid export of one score, padded to 50 MB with whitespace: if it were
    read, it would import."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(export(item())[:-1])
        handle.write(" " * (50 * 2**20))
        handle.write("}\n")


@dataclass(frozen=True)
class Case:
    write: Callable[[Path], None]
    # The message after "kneetui: PATH" (the path is in every message); only its
    # start where the rest is Python's own wording.
    message: str
    exact: bool = True


def text(content: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(content, encoding="utf-8")


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


NOTHING = "; nothing was imported"
CASES: dict[str, Case] = {
    "score as a JSON string": Case(
        text(export(item(score="4"))),
        f": soreness[1].score: must be a whole number from 0 to 10, got '4'{NOTHING}",
    ),
    "score of 11": Case(
        text(export(item(), item(uuid=NEW_UUID[:-1] + "2", score=11))),
        f": soreness[2].score: must be a whole number from 0 to 10, got 11{NOTHING}",
    ),
    "run_km as text": Case(
        text(export(item(run_km="8 km"))),
        f": soreness[1].run_km: must be a number, got '8 km'{NOTHING}",
    ),
    "flags as a string": Case(
        text(export(item(flags="swelling"))),
        f": soreness[1].flags: must be a list{NOTHING}",
    ),
    "a score far in the future": Case(
        text(export(item(logged_at="2999-01-01T10:00:00+00:00", local_day="2999-01-01"))),
        f": soreness[1].logged_at: 2999-01-01T10:00:00+00:00 is in the future{NOTHING}",
    ),
    "a session far in the future": Case(
        text(export(sessions=[session_item(started_at="9999-12-31T23:59:59-05:00")])),
        f": sessions[1].started_at: 9999-12-31T23:59:59-05:00 is in the future{NOTHING}",
    ),
    # Before year 1 once moved to UTC: used to stop the import with a traceback.
    "a time before year 1 in UTC": Case(
        text(export(item(logged_at="0001-01-01T00:00:00+05:00", local_day="0001-01-01"))),
        f": soreness[1].logged_at: 0001-01-01T00:00:00+05:00 is out of range{NOTHING}",
    ),
    "a CSV time before year 1 in UTC": Case(
        text(
            f"{CSV_HEADER}\n0001-01-01T00:00:00+05:00,0001-01-01,3,both,after-run,,,,,{NEW_UUID}\n"
        ),
        f": row 1.logged_at: 0001-01-01T00:00:00+05:00 is out of range{NOTHING}",
    ),
    "a uuid twice in the file with different content": Case(
        text(export(item(), item(note="changed"))),
        f": soreness item 2: uuid {NEW_UUID} appears earlier in the file with different "
        f"content{NOTHING}",
    ),
    "a uuid already stored with different content": Case(
        text(export(item(uuid=STORED_UUID, note="changed"))),
        f": soreness item 1: uuid {STORED_UUID} is already stored with different content{NOTHING}",
    ),
    "50 MB": Case(fifty_megabytes, " is 50 MB; kneetui imports files up to 40 MB"),
    "truncated JSON": Case(
        text(export(item())[:60]),
        ": file: is not valid JSON (Unterminated string starting at: line 1 column 45 "
        f"(char 44)){NOTHING}",
    ),
    "a CSV without the run_minutes column": Case(
        text(CSV_HEADER.replace(",run_minutes", "") + "\n" + CSV_ROW.replace(",,", ",") + "\n"),
        f": header: is missing run_minutes: not a kneetui CSV export{NOTHING}",
    ),
    "a CSV row with a cell missing": Case(
        text(f"{CSV_HEADER}\n{CSV_ROW}\n{CSV_ROW.rsplit(',', 1)[0]}\n"),
        f": row 2: has 9 cells; the header has 10{NOTHING}",
    ),
    # Read as CSV, an array was reported as a CSV file missing its header.
    "a JSON array": Case(
        text(json.dumps([item()])),
        f": kneetui_export: must be 1: not a kneetui export{NOTHING}",
    ),
    # The cases below stopped the import with a traceback before this issue.
    "a lone surrogate in a hold change's exercise": Case(
        text(export(levels=[{"exercise": "\ud800", "hold_s": 10, "changed_at": NOON}])),
        f": levels[1].exercise: contains characters that are not valid text{NOTHING}",
    ),
    "a lone surrogate in a rep's exercise": Case(
        text(export(sessions=[session_item(reps=[rep(exercise="leg\udcff")])])),
        f": sessions[1].reps[1].exercise: contains characters that are not valid text{NOTHING}",
    ),
    "a settings key of 65 characters": Case(
        text(export(settings={"k" * 65: True})),
        f": settings: has a key kneetui cannot store: '{'k' * 65}'{NOTHING}",
    ),
    "a settings key with a lone surrogate": Case(
        text(export(settings={"quiet\ud800": True})),
        f": settings: has a key kneetui cannot store: 'quiet\\ud800'{NOTHING}",
    ),
    "NaN in settings": Case(
        text('{"kneetui_export": 1, "settings": {"quiet": NaN}}'),
        f": settings: must hold only finite numbers{NOTHING}",
    ),
    "arrays nested 100,000 deep": Case(
        text('{"kneetui_export": 1, "soreness": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ": file: is not a kneetui export (maximum recursion depth exceeded",
        exact=False,
    ),
    "a score of 5,000 digits": Case(
        text(export(item(score=0)).replace('"score": 0', '"score": ' + "9" * 5000)),
        ": file: is not a kneetui export (Exceeds the limit (4300 digits)",
        exact=False,
    ),
    "a binary file (PNG)": Case(
        data(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))),
        " is not UTF-8 text (invalid start byte)",
    ),
    "a binary file that is valid UTF-8": Case(
        data(b"\x00\x01\x02\x03\x00\x7f" * 100),
        ": header: is missing logged_at, local_day, score, knee, context, run_km, "
        f"run_minutes, note, flags, uuid: not a kneetui CSV export{NOTHING}",
    ),
}


def seeded_bundle() -> Bundle:
    entry = new_entry(
        5, at=NOW - dt.timedelta(days=3), now=NOW, note="stored", uuid=STORED_UUID, run_km=6.0
    )
    return Bundle(soreness=(entry,), settings={"schedule": ["mon", "thu"]})


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Bundle]:
    """A database holding one score and a setting, and what it exports."""
    seed = tmp_path_factory.mktemp("imports") / "seed.db"
    with Store.open(seed, now=NOW) as store:
        store.import_bundle(seeded_bundle())
        return seed, store.export_bundle()


def kneetui_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The `kneetui` script's own entry point, run in this process: (exit code,
    stdout, stderr). An exception it does not turn into a message fails the test."""
    with pytest.raises(SystemExit) as exit_info:
        launch_main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_import_is_refused_in_one_line_and_imports_nothing(
    seeded: tuple[Path, Bundle], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    seed, before = seeded
    db = tmp_path / "k.db"
    shutil.copyfile(seed, db)
    db.chmod(0o600)  # as kneetui makes its files; else it warns on stderr
    path = tmp_path / "hostile.import"
    CASES[name].write(path)
    code, out, err = kneetui_in_process(capsys, "--db", str(db), "import", str(path))
    assert (code, out) == (1, "")
    expected = f"kneetui: {path}{CASES[name].message}"
    if CASES[name].exact:
        assert err == expected + "\n"
    else:
        assert err.startswith(expected) and err.count("\n") == 1, err
    with Store.open(db, now=NOW) as store:
        assert store.export_bundle() == before


def test_a_csv_with_a_byte_order_mark_and_windows_line_endings_imports_exactly(
    tmp_path: Path,
) -> None:
    entries = tuple(
        new_entry(
            score,
            at=NOW - dt.timedelta(days=10 - score),  # oldest first, as exported
            now=NOW,
            note=note,
            run_km=km,
        )
        for score, note, km in (
            (0, 'said "ouch", then =SUM(A1)', 5.5),
            (4, "-2 degrees; stairs", None),
            (9, "'quoted' ركبة 👍", 42.195),
        )
    )
    content = encode_csv(entries).replace("\n", "\r\n")
    path = tmp_path / "from-excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    assert path.read_bytes().count(b"\r\n") == len(entries) + 1
    db = tmp_path / "k.db"
    done = subprocess.run(
        [str(KNEETUI), "--db", str(db), "import", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(),
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "Imported 3 scores, 0 sessions (0 reps) and 0 hold changes; 0 already stored.\n"
    )
    with Store.open(db, now=NOW) as store:
        assert store.export_bundle() == Bundle(soreness=entries)
