"""Export formats: CSV formula escaping, strict decoding with the row and field named."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from kneetui.domain.errors import ValidationError
from kneetui.domain.exchange import (
    CSV_HEADER,
    Bundle,
    decode,
    encode_csv,
    encode_json,
    escape_cell,
    unescape_cell,
)
from kneetui.domain.models import (
    Flag,
    Knee,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
)
from kneetui.domain.soreness import new_entry
from tests.conftest import NOW

UUID = "6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b"


def entry(note: str = "", **kwargs: object) -> object:
    return new_entry(4, at=NOW - dt.timedelta(hours=1), now=NOW, note=note, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_cells_that_a_spreadsheet_would_run_are_prefixed(start: str) -> None:
    text = f'{start}HYPERLINK("http://x")'
    assert escape_cell(text) == "'" + text
    assert unescape_cell(escape_cell(text)) == text


def test_plain_cells_are_left_alone() -> None:
    assert escape_cell("sore after hills") == "sore after hills"
    assert unescape_cell("sore after hills") == "sore after hills"


def test_csv_has_the_documented_header_and_escaped_notes() -> None:
    text = encode_csv([entry("=1+2"), entry("-3 km detour", flags=[Flag.SWELLING, Flag.LOCKING])])
    rows = list(csv.reader(io.StringIO(text)))
    assert ",".join(rows[0]) == (
        "logged_at,local_day,score,knee,context,run_km,run_minutes,note,flags,uuid"
    )
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1][7] == "'=1+2"
    assert rows[2][7] == "'-3 km detour"
    assert rows[2][8] == "swelling;locking"


@pytest.mark.parametrize("note", ["=1+2", "'quoted", "", "plain, with comma", 'say "hi"\nnext'])
def test_csv_round_trip_is_exact(note: str) -> None:
    original = entry(note, run_km=8.25, run_minutes=50.0, knee=Knee.LEFT)
    (back,) = decode(encode_csv([original]), NOW).soreness
    assert back == original


def test_csv_with_byte_order_mark_and_windows_line_endings_is_accepted() -> None:
    original = entry("windows")
    text = "\ufeff" + encode_csv([original]).replace("\n", "\r\n")
    assert decode(text, NOW).soreness == (original,)


def bundle() -> Bundle:
    started = NOW - dt.timedelta(days=1)
    reps = tuple(
        Rep("leg-raise", side, n, 5, 4.9, started + dt.timedelta(seconds=10 * n))
        for n in (1, 2)
        for side in (Side.LEFT, Side.RIGHT)
    )
    session = Session(
        "0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e",
        started,
        started.date(),
        SessionStatus.COMPLETED,
        started + dt.timedelta(minutes=9),
        reps,
    )
    level = LevelChange("leg-raise", 10, started)
    return Bundle(
        soreness=(entry("one"),),
        sessions=(session,),
        levels=(level,),
        settings={"schedule": ["tue"]},
    )


def test_json_round_trip_is_exact() -> None:
    original = bundle()
    back = decode(encode_json(original), NOW)
    assert back == original


def test_json_document_shape() -> None:
    document = json.loads(encode_json(bundle()))
    assert document["kneetui_export"] == 1
    assert set(document) == {"kneetui_export", "soreness", "sessions", "levels", "settings"}
    assert set(document["soreness"][0]) == {
        "uuid", "logged_at", "local_day", "score", "knee", "context",
        "run_km", "run_minutes", "note", "flags",
    }  # fmt: skip
    assert set(document["sessions"][0]) == {
        "uuid", "started_at", "finished_at", "local_day", "status", "reps",
    }  # fmt: skip
    assert set(document["sessions"][0]["reps"][0]) == {
        "exercise", "side", "rep", "target_s", "held_s", "completed_at",
    }  # fmt: skip
    assert document["levels"][0] == {
        "exercise": "leg-raise",
        "hold_s": 10,
        "changed_at": "2026-11-17T18:30:00+00:00",
    }
    assert document["sessions"][0]["started_at"].endswith("+00:00")


def _json_with(change: str, value: object) -> str:
    document = json.loads(encode_json(bundle()))
    target = document
    *path, last = change.split(".")
    for key in path:
        target = target[int(key)] if key.isdigit() else target[key]
    target[last] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "value", "where"),
    [
        ("soreness.0.score", 11, "soreness[1].score"),
        ("soreness.0.score", "4", "soreness[1].score"),
        ("soreness.0.score", 4.0, "soreness[1].score"),
        ("soreness.0.knee", "elbow", "soreness[1].knee"),
        ("soreness.0.logged_at", "2999-01-01T00:00:00+00:00", "soreness[1].logged_at"),
        ("soreness.0.logged_at", "2026-11-20T10:00:00", "soreness[1].logged_at"),
        ("soreness.0.uuid", "not-a-uuid", "soreness[1].uuid"),
        ("soreness.0.flags", ["sore"], "soreness[1].flags"),
        ("soreness.0.run_km", -1, "soreness[1].run_km"),
        ("soreness.0.note", "x" * 1001, "soreness[1].note"),
        ("sessions.0.status", "paused", "sessions[1].status"),
        ("sessions.0.reps.1.held_s", 60, "sessions[1].reps[2].held_s"),
        ("sessions.0.reps.1.rep", "2", "sessions[1].reps[2].rep"),
        ("levels.0.hold_s", 0, "levels[1].hold_s"),
        ("settings.schedule", ["someday"], "settings.schedule"),
    ],
)
def test_json_errors_name_the_item_and_the_field(change: str, value: object, where: str) -> None:
    with pytest.raises(ValidationError) as caught:
        decode(_json_with(change, value), NOW)
    assert caught.value.field == where


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"soreness": []}', "kneetui_export"),
        ('{"kneetui_export": 1, "soreness": [', "file"),
        ("", "file"),
        ("a,b,c\n1,2,3\n", "header"),
    ],
)
def test_files_that_are_not_exports_are_refused(text: str, where: str) -> None:
    with pytest.raises(ValidationError) as caught:
        decode(text, NOW)
    assert caught.value.field == where


def test_csv_errors_name_the_row_and_the_field() -> None:
    good = encode_csv([entry("a"), entry("b")])
    lines = good.splitlines()
    lines[2] = lines[2].replace(",4,both,", ",11,both,")
    with pytest.raises(ValidationError) as caught:
        decode("\n".join(lines), NOW)
    assert caught.value.field == "row 2.score"
    lines = good.splitlines()
    lines[1] = lines[1].replace(",4,both,", ",4,both,x,")
    with pytest.raises(ValidationError, match="row 1: has 11 cells"):
        decode("\n".join(lines), NOW)
