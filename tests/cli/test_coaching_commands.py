"""`kneetui schedule`, `level` and `stats` through the real command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kneetui.domain.routine import Routine
from kneetui.storage.store import Store
from tests import histories
from tests.cli.helpers import kneetui
from tests.conftest import NOW

TODAY = dt.datetime.now().astimezone().date()


def test_schedule_shows_and_sets_the_routine_days(db_path: Path) -> None:
    assert kneetui("schedule", db=db_path).out == "Routine days: Mon, Wed, Fri\n"
    result = kneetui("schedule", "TUE", "thursday", "sat", db=db_path)
    assert (result.code, result.out) == (0, "Routine days set: Tue, Thu, Sat\n")
    assert kneetui("schedule", db=db_path).out == "Routine days: Tue, Thu, Sat\n"
    with Store.open(db_path, now=NOW) as store:
        assert store.setting("schedule") == ["tue", "thu", "sat"]
    assert "Today" in kneetui("routine", db=db_path).out


def test_a_bad_weekday_exits_2_and_keeps_the_schedule(db_path: Path) -> None:
    kneetui("schedule", "mon", db=db_path)
    result = kneetui("schedule", "mon", "funday", db=db_path)
    assert result.code == 2
    assert result.err == "kneetui: schedule: 'funday' is not a weekday (use mon, tue, … sun)\n"
    assert kneetui("schedule", db=db_path).out == "Routine days: Mon\n"


def test_level_shows_and_sets_a_hold_on_the_ladder(db_path: Path) -> None:
    assert kneetui("level", "calf-raise", db=db_path).out == (
        "Calf Raises: the hold is 20 s (ladder: 20, 25, 30 s).\n"
    )
    result = kneetui("level", "calf-raise", "25", db=db_path)
    assert (result.code, result.out) == (
        0,
        "Calf Raises: the hold is now 25 s (ladder: 20, 25, 30 s).\n",
    )
    with Store.open(db_path, now=NOW) as store:
        (level,) = store.levels()
    assert (level.exercise, level.hold_s) == ("calf-raise", 25)
    assert abs(level.changed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert "Calf Raises: hold 25 s" in kneetui("routine", db=db_path).out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["calf-raise", "22"], "must be a step on its ladder (20, 25, 30), got '22'"),
        (["calf-raise", "-5"], "must be a step on its ladder"),
        (["calf-raise", "abc"], "must be a step on its ladder"),
        (["hamstring-curl", "15"], "must be a step on its ladder (5, 10), got '15'"),
        (["squat", "10"], "EXERCISE must be one of leg-raise, hamstring-curl, calf-raise"),
    ],
)
def test_level_refuses_anything_off_the_ladder(
    db_path: Path, args: list[str], message: str
) -> None:
    result = kneetui("level", *args, db=db_path)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1
    with Store.open(db_path, now=NOW) as store:
        assert store.levels() == []


def test_stats_json_on_an_empty_database(db_path: Path) -> None:
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert document["adherence"] == {
        "sessions_this_week": 0,
        "target_per_week": 3,
        "weeks_on_target_in_a_row": 0,
        "days_since_last_session": None,
        "last_session_day": None,
    }
    assert document["soreness"]["waiting_for"] == "a first completed session"
    assert document["advice"] == []
    assert document["holds"] == {"leg-raise": 5, "hamstring-curl": 5, "calf-raise": 20}
    assert len(document["weekly"]) == 12
    assert "Not medical advice" in document["not_medical_advice"]


def test_stats_json_names_each_kind_of_advice(db_path: Path, routine: Routine) -> None:
    with Store.open(db_path, now=NOW) as store:
        store.import_bundle(histories.physical_therapist(routine, TODAY))
        store.import_bundle(histories.red_flag(TODAY))
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    kinds = [item["kind"] for item in document["advice"]]
    assert kinds[:2] == ["red-flag", "see-physical-therapist"]
    assert set(kinds) <= {"see-physical-therapist", "red-flag", "progress", "step-back", "check-in"}
    soreness = document["soreness"]
    assert soreness["meaningful"] is False
    assert soreness["baseline_mean"] == 5.0
    assert soreness["waiting_for"] is None
    assert document["adherence"]["weeks_on_target_in_a_row"] >= 3
    pt = next(i for i in document["advice"] if i["kind"] == "see-physical-therapist")
    assert "no meaningful improvement" in pt["message"]


def test_stats_text(db_path: Path, routine: Routine) -> None:
    with Store.open(db_path, now=NOW) as store:
        store.import_bundle(histories.ready_to_progress(routine, TODAY))
    out = kneetui("stats", db=db_path).out
    assert out.startswith("Adherence\n")
    assert "Mon " in out and "■" in out
    assert "[progress] Leg Raises: step up from 5 s to 10 s holds" in out
    assert out.rstrip().endswith("If in doubt, see a physical therapist or a doctor.")
