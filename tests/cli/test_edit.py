"""`kneetui edit` and `kneetui delete`: a wrong score corrected from the shell,
found by the uuid `kneetui history --json` shows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from kneetui.domain.models import Context, Flag, Knee, SorenessEntry
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW


def seed(db: Path) -> list[str]:
    """Two scores; their uuids as history --json shows them, newest first."""
    with Store.open(db, now=NOW) as store:
        for days, score in ((2, 7), (1, 3)):
            at = NOW - dt.timedelta(days=days)
            store.add_soreness(new_entry(score, at=at, now=NOW, note="hills", run_km=8.0))
    return [item["uuid"] for item in json.loads(kneetui("history", "--json", db=db).out)]


def scores(db: Path) -> list[int]:
    with Store.open(db, now=NOW) as store:
        return [e.score for e in store.soreness()]


def test_delete_removes_the_score_history_json_names(db_path: Path) -> None:
    _, oldest = seed(db_path)
    when = entries(db_path)[oldest].logged_at.astimezone().strftime("%Y-%m-%d %H:%M")
    result = kneetui("delete", oldest, db=db_path)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"Deleted the score of {when}: 7/10 (too much) for both knees after an 8.0 km run\n"
    )
    assert scores(db_path) == [3]


@pytest.mark.parametrize("command", [["delete"], ["edit", "--score", "2"]], ids=" ".join)
def test_an_unknown_uuid_is_one_line_exit_1_and_changes_nothing(
    db_path: Path, command: list[str]
) -> None:
    seed(db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    missing = "00000000-0000-4000-8000-000000000000"
    result = kneetui(command[0], missing, *command[1:], db=db_path)
    assert result.code == 1 and result.out == ""
    assert result.err == (
        f"kneetui: no soreness score has the uuid '{missing}'; "
        "`kneetui history --json` shows them\n"
    )
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("command", ["delete"])
def test_an_unknown_uuid_without_a_database_creates_nothing(tmp_path: Path, command: str) -> None:
    db = tmp_path / "k.db"
    result = kneetui(command, "nope", db=db)
    assert result.code == 1 and result.err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def entries(db: Path) -> dict[str, SorenessEntry]:
    with Store.open(db, now=NOW) as store:
        return {e.uuid: e for e in store.soreness()}


def test_edit_changes_only_what_is_given_and_records_when(db_path: Path) -> None:
    newest, oldest = seed(db_path)
    before = entries(db_path)
    result = kneetui("edit", oldest, "--score", "4", "--knee", "left", db=db_path)
    assert (result.code, result.err) == (0, "")
    when = before[oldest].logged_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert result.out == (
        f"Corrected the score of {when}: 4/10 (acceptable) for the left knee after an 8.0 km run\n"
    )
    after = entries(db_path)
    assert after[newest] == before[newest]
    edited = after[oldest]
    assert edited.updated_at is not None
    assert abs(edited.updated_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert edited._replace(updated_at=None) == before[oldest]._replace(score=4, knee=Knee.LEFT)
    shown = {i["uuid"]: i for i in json.loads(kneetui("history", "--json", db=db_path).out)}
    assert shown[oldest]["score"] == 4 and shown[oldest]["updated_at"] is not None
    assert shown[newest]["updated_at"] is None


def test_edit_clears_the_run_and_moves_the_score_in_time(db_path: Path) -> None:
    _, oldest = seed(db_path)
    result = kneetui(
        "edit", oldest, "--km", "", "--note", "", "--context", "next-morning",
        "--at", "2026-01-02 07:15", db=db_path,
    )  # fmt: skip
    assert result.code == 0, result.err
    edited = entries(db_path)[oldest]
    assert (edited.run_km, edited.note, edited.context) == (None, "", Context.NEXT_MORNING)
    assert edited.local_day == dt.date(2026, 1, 2)
    assert edited.logged_at.astimezone().strftime("%Y-%m-%d %H:%M") == "2026-01-02 07:15"


def test_edit_to_a_red_flag_says_so_at_once(db_path: Path) -> None:
    _, oldest = seed(db_path)
    result = kneetui("edit", oldest, "--flag", "swelling", db=db_path)
    assert "flagged: swelling" in result.out and "Red flag:" in result.out
    assert entries(db_path)[oldest].flags == (Flag.SWELLING,)
    assert kneetui("edit", oldest, "--no-flags", db=db_path).code == 0
    assert entries(db_path)[oldest].flags == ()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--score", "11"], "--score: must be a whole number from 0 to 10"),
        (["--score", "-1"], "--score: must be a whole number"),
        (["--km", "0"], "--km: must be more than 0"),
        (["--km", "far"], "--km: must be a number of km"),
        (["--minutes", "99999"], "--minutes: must be more than 0"),
        (["--note", "x" * 1001], "--note: is 1001 characters long"),
        (["--at", "2999-01-01 10:00"], "--at: 2999-01-01T10:00"),
        (["--at", "tomorrow"], "--at: must be"),
        (["--knee", "elbow"], "--knee"),
        (["--flag", "locking", "--no-flags"], "--flag and --no-flags"),
        ([], "nothing to change"),
    ],
)
def test_a_bad_edit_exits_2_in_one_line_and_changes_nothing(
    db_path: Path, args: list[str], said: str
) -> None:
    _, oldest = seed(db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    result = kneetui("edit", oldest, *args, db=db_path)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and said in result.err
    assert not any(column in result.err for column in ("run_km", "run_minutes", "logged_at"))
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
