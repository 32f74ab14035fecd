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
    checksum,
    decode,
    encode_csv,
    encode_json,
    escape_cell,
    unescape_cell,
)
from kneetui.domain.models import (
    Acknowledgement,
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
        "logged_at,local_day,score,knee,context,run_km,run_minutes,note,flags,uuid,updated_at"
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


def test_an_edited_score_keeps_its_edit_time_through_csv_and_json() -> None:
    edited = entry("meant 3")._replace(updated_at=NOW)  # type: ignore[attr-defined]
    assert decode(encode_csv([edited]), NOW).soreness == (edited,)
    assert decode(encode_json(Bundle(soreness=(edited,))), NOW).soreness == (edited,)


def test_files_from_before_edits_still_import() -> None:
    """CSV without the updated_at column, JSON without the key: never edited."""
    original = entry("old file")
    lines = encode_csv([original]).splitlines()
    old_csv = "\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n"
    assert old_csv.splitlines()[0].endswith(",flags,uuid")
    assert decode(old_csv, NOW).soreness == (original,)
    document = json.loads(encode_json(Bundle(soreness=(original,))))
    del document["soreness"][0]["updated_at"]
    assert decode(json.dumps(document), NOW).soreness == (original,)


def test_an_edit_time_in_the_future_is_refused() -> None:
    future = entry()._replace(updated_at=NOW + dt.timedelta(days=2))  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as caught:
        decode(encode_json(Bundle(soreness=(future,))), NOW)
    assert caught.value.field == "soreness[1].updated_at"


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
    ack = Acknowledgement("6f1e2d3c-4b5a-4968-8776-655443322110", started, started.date())
    return Bundle(
        soreness=(entry("one"),),
        sessions=(session,),
        levels=(level,),
        settings={"schedule": ["tue"]},
        acknowledgements=(ack,),
    )


def test_json_round_trip_is_exact() -> None:
    original = bundle()
    back = decode(encode_json(original), NOW)
    assert back == original


def test_json_document_shape() -> None:
    document = json.loads(encode_json(bundle()))
    assert document["kneetui_export"] == 1
    assert set(document) == {
        "kneetui_export", "device_id", "soreness", "sessions", "levels", "settings",
        "settings_versions", "acknowledgements", "runs", "tombstones", "checksum",
    }  # fmt: skip
    assert document["acknowledgements"] == [
        {
            "uuid": "6f1e2d3c-4b5a-4968-8776-655443322110",
            "acknowledged_at": "2026-11-17T18:30:00+00:00",
            "local_day": "2026-11-17",
            "updated_at": None,
            "device_id": None,
        }
    ]
    assert set(document["soreness"][0]) == {
        "uuid", "logged_at", "local_day", "score", "knee", "context",
        "run_km", "run_minutes", "note", "flags", "updated_at", "device_id",
    }  # fmt: skip
    assert set(document["sessions"][0]) == {
        "uuid", "started_at", "finished_at", "local_day", "status", "reps", "updated_at",
        "device_id",
    }  # fmt: skip
    assert set(document["sessions"][0]["reps"][0]) == {
        "exercise", "side", "rep", "target_s", "held_s", "completed_at",
    }  # fmt: skip
    assert document["levels"][0] == {
        "exercise": "leg-raise",
        "hold_s": 10,
        "changed_at": "2026-11-17T18:30:00+00:00",
        "updated_at": None,
        "device_id": None,
    }
    assert document["sessions"][0]["started_at"].endswith("+00:00")


def _json_with(change: str, value: object) -> str:
    document = json.loads(encode_json(bundle()))
    target = document
    *path, last = change.split(".")
    for key in path:
        target = target[int(key)] if key.isdigit() else target[key]
    target[last] = value
    document["checksum"] = checksum(document)  # as a file written with this content
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
        ("acknowledgements.0.uuid", "nope", "acknowledgements[1].uuid"),
        (
            "acknowledgements.0.acknowledged_at",
            "2999-01-01T00:00:00+00:00",
            "acknowledgements[1].acknowledged_at",
        ),
        ("acknowledgements.0.local_day", "2026-11-25", "acknowledgements[1].local_day"),
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
    with pytest.raises(ValidationError, match="row 1: has 12 cells; the header has 11"):
        decode("\n".join(lines), NOW)


# Each bound on both sides: the value just inside is kept exactly, the one just
# outside is refused with the item and the field named. The bundle's reps have
# target_s 5, so held_s may go up to 6. Python's json reads NaN and Infinity, and
# json.dumps writes them, so a file can hold them.
@pytest.mark.parametrize(
    ("change", "value", "where"),
    [
        ("soreness.0.score", True, "soreness[1].score"),
        ("soreness.0.score", False, "soreness[1].score"),
        ("soreness.0.score", -1, "soreness[1].score"),
        ("soreness.0.note", "sore\x00knee", "soreness[1].note"),
        ("sessions.0.finished_at", "2026-11-17T18:29:59+00:00", "sessions[1].finished_at"),
        ("sessions.0.reps.1.side", "left", "sessions[1].reps"),  # reps[1] again
        ("sessions.0.reps.0.rep", 2, "sessions[1].reps"),  # reps[3] again
        ("sessions.0.reps.0.rep", 0, "sessions[1].reps[1].rep"),
        ("sessions.0.reps.0.rep", 101, "sessions[1].reps[1].rep"),
        ("sessions.0.reps.0.rep", True, "sessions[1].reps[1].rep"),
        ("sessions.0.reps.0.target_s", 0, "sessions[1].reps[1].target_s"),
        ("sessions.0.reps.0.target_s", 601, "sessions[1].reps[1].target_s"),
        ("sessions.0.reps.0.target_s", 6000, "sessions[1].reps[1].target_s"),
        ("sessions.0.reps.0.target_s", 5.0, "sessions[1].reps[1].target_s"),
        ("sessions.0.reps.0.held_s", 6.001, "sessions[1].reps[1].held_s"),
        ("sessions.0.reps.0.held_s", -0.001, "sessions[1].reps[1].held_s"),
        ("sessions.0.reps.0.held_s", float("nan"), "sessions[1].reps[1].held_s"),
        ("sessions.0.reps.0.held_s", float("inf"), "sessions[1].reps[1].held_s"),
        ("sessions.0.reps.0.held_s", float("-inf"), "sessions[1].reps[1].held_s"),
        ("sessions.0.reps.0.held_s", True, "sessions[1].reps[1].held_s"),
        ("sessions.0.reps.0.exercise", "leg\x00raise", "sessions[1].reps[1].exercise"),
        ("sessions.0.reps.0.exercise", "x" * 65, "sessions[1].reps[1].exercise"),
        ("sessions.0.reps.0.exercise", "", "sessions[1].reps[1].exercise"),
        ("levels.0.hold_s", 601, "levels[1].hold_s"),
        ("levels.0.hold_s", 6000, "levels[1].hold_s"),
        ("levels.0.exercise", "leg\x00raise", "levels[1].exercise"),
        ("levels.0.exercise", "x" * 65, "levels[1].exercise"),
        ("levels.0.exercise", "", "levels[1].exercise"),
    ],
)
def test_values_just_outside_a_bound_are_refused_with_the_field_named(
    change: str, value: object, where: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        decode(_json_with(change, value), NOW)
    assert caught.value.field == where


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("soreness.0.score", 0),
        ("soreness.0.score", 10),
        ("sessions.0.finished_at", "2026-11-17T18:30:00+00:00"),  # as it started
        ("sessions.0.reps.0.rep", 100),
        ("sessions.0.reps.0.target_s", 600),
        ("sessions.0.reps.0.held_s", 6.0),  # target_s + 1
        ("sessions.0.reps.0.held_s", 0),
        ("sessions.0.reps.0.exercise", "x" * 64),
        ("levels.0.hold_s", 600),
        ("levels.0.hold_s", 1),
        ("levels.0.exercise", "x" * 64),
    ],
)
def test_values_just_inside_a_bound_are_kept_exactly(change: str, value: object) -> None:
    text = _json_with(change, value)
    back, sent = json.loads(encode_json(decode(text, NOW))), json.loads(text)
    back.pop("checksum"), sent.pop("checksum")  # 0 and 0.0 are written apart
    assert back == sent


def test_a_target_of_one_second_takes_a_hold_of_up_to_two() -> None:
    text = _json_with("sessions.0.reps.0.target_s", 1)
    with pytest.raises(ValidationError) as caught:
        decode(text, NOW)  # held_s 4.9 is more than target_s + 1
    assert caught.value.field == "sessions[1].reps[1].held_s"
    document = json.loads(text)
    document["sessions"][0]["reps"][0]["held_s"] = 2
    (session,) = decode(json.dumps(document), NOW).sessions
    assert (session.reps[0].target_s, session.reps[0].held_s) == (1, 2.0)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_a_hold_written_as_nan_or_infinity_is_refused(number: str) -> None:
    text = encode_json(bundle())
    assert '"held_s": 4.9,' in text
    with pytest.raises(ValidationError, match="must be a number") as caught:
        decode(text.replace('"held_s": 4.9,', f'"held_s": {number},', 1), NOW)
    assert caught.value.field == "sessions[1].reps[1].held_s"
