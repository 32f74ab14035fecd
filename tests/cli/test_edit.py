"""`kneetui edit` and `kneetui delete`: a wrong score corrected from the shell,
found by the uuid `kneetui history --json` shows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

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
    result = kneetui("delete", oldest, db=db_path)
    assert (result.code, result.err) == (0, "")
    assert oldest in result.out
    assert scores(db_path) == [3]


@pytest.mark.parametrize("command", ["delete"])
def test_an_unknown_uuid_is_one_line_exit_1_and_changes_nothing(
    db_path: Path, command: str
) -> None:
    seed(db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    missing = "00000000-0000-4000-8000-000000000000"
    result = kneetui(command, missing, db=db_path)
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
