"""`kneetui runs` and `kneetui run`, through the real command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kneetui.domain.runs import RunSource
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW


def at(days_ago: int, hour: int = 7) -> str:
    day = dt.date.today() - dt.timedelta(days=days_ago)
    return f"{day} {hour:02d}:00"


def stored(db: Path) -> list:
    with Store.open(db, now=NOW) as store:
        return store.runs()


def test_runs_come_newest_first_with_their_spike(db_path: Path) -> None:
    for km, days_ago in (("10", 20), ("12", 10), ("15.9", 2)):
        assert kneetui("run", km, "--minutes", "60", "--at", at(days_ago), db=db_path).code == 0
    result = kneetui("runs", db=db_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith(at(2)) and "15.9 km" in lines[0]
    assert lines[0].endswith("moderate spike (+32% on 12.0 km)")
    assert lines[1].endswith("small spike (+20% on 10.0 km)")
    assert "spike" not in lines[2]  # no run in the 30 days before it


def test_runs_json_gives_the_category_and_the_reference(db_path: Path) -> None:
    kneetui("run", "10", "--at", at(5), db=db_path)
    kneetui("run", "11", "--at", at(1), db=db_path)  # exactly 10% longer: no spike
    newest, oldest = json.loads(kneetui("runs", "--json", db=db_path).out)
    assert (newest["distance_km"], newest["spike"], newest["longest_before_km"]) == (
        11.0,
        "none",
        10.0,
    )
    assert newest["over_percent"] == 10.0
    assert (oldest["spike"], oldest["longest_before_km"], oldest["over_percent"]) == (
        "none",
        None,
        None,
    )
    assert newest["source"] == "manual" and newest["uuid"]


def test_days_limits_the_list_but_not_the_window_of_the_spike(db_path: Path) -> None:
    kneetui("run", "10", "--at", at(20), db=db_path)
    kneetui("run", "25", "--at", at(1), db=db_path)
    result = kneetui("runs", "--days", "3", db=db_path)
    assert len(result.out.splitlines()) == 1
    assert "large spike (+150% on 10.0 km)" in result.out


def test_next_prints_todays_ceiling(db_path: Path) -> None:
    assert "No run in the last 30 days" in kneetui("runs", "--next", db=db_path).out
    kneetui("run", "12", "--at", at(29), db=db_path)
    kneetui("run", "8", "--at", at(3), db=db_path)
    result = kneetui("runs", "--next", db=db_path)
    assert result.out.startswith("Today's ceiling: 13.2 km, 10% over your longest run")
    document = json.loads(kneetui("runs", "--next", "--json", db=db_path).out)
    assert document == {
        "ceiling_km": 13.2,
        "longest_km": 12.0,
        "longest_on": at(29)[:10],
        "window_days": 30,
        "spike_standing": None,
    }


def test_next_agrees_with_a_standing_spike_warning(db_path: Path) -> None:
    """The day after a 21.1 km spike, the ceiling is what the warning asks (10% over
    the 12.0 km before it), not 10% over the spike itself."""
    kneetui("run", "12", "--at", at(6), db=db_path)
    kneetui("run", "21.1", "--at", at(1), db=db_path)
    result = kneetui("runs", "--next", db=db_path)
    assert result.out.startswith("Today's ceiling: 13.2 km. The spike warning for the 21.1 km")
    assert "keep within 10% of your longest run before it (12.0 km" in result.out
    document = json.loads(kneetui("runs", "--next", "--json", db=db_path).out)
    assert (document["ceiling_km"], document["longest_km"]) == (13.2, 12.0)
    assert (
        document["spike_standing"]
        == json.loads(kneetui("runs", "--json", db=db_path).out)[0]["uuid"]
    )


def test_run_adds_a_manual_run_and_warns_of_a_spike(db_path: Path) -> None:
    kneetui("run", "12", "--at", at(6), db=db_path)
    result = kneetui("run", "21.1", "--minutes", "118", "--at", at(1), db=db_path)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Added a 21.1 km run at {at(1)}.",
        "That is 76% longer than your longest run of the previous 30 days (12.0 km): "
        "a moderate spike. Keep the next runs within 10% of 12.0 km.",
    ]
    newest = stored(db_path)[0]
    assert (newest.distance_km, newest.elapsed_minutes, newest.source) == (
        21.1,
        118.0,
        RunSource.MANUAL,
    )
    # The same run typed again is not stored twice.
    again = kneetui("run", "21.1", "--minutes", "118", "--at", at(1), db=db_path)
    assert again.code == 0 and again.out.startswith("Already stored")
    assert len(stored(db_path)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["0"], "KM: must be more than 0 and at most 300 km, got 0"),
        (["301"], "KM: must be more than 0"),
        (["-5"], "KM: must be more than 0 and at most 300 km, got -5"),
        (["5", "--kms", "3"], "unexpected extra arguments (--kms 3)"),
        (["5", "--minutes", "-3"], "--minutes: must be more than 0"),
        (["5", "--at", "yesterday"], '--at: must be "YYYY-MM-DD HH:MM"'),
        (["5", "--at", "2999-01-01 07:00"], "--at: "),
        (["lots"], "'lots' is not a valid float"),
    ],
)
def test_a_bad_run_is_one_line_exit_2_and_nothing_stored(
    db_path: Path, args: list[str], message: str
) -> None:
    kneetui("run", "5", "--at", at(3), db=db_path)
    result = kneetui("run", *args, db=db_path)
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert len(stored(db_path)) == 1


def test_reading_runs_without_a_database_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none" / "kneetui.db"
    assert kneetui("runs", db=db).out.startswith("No runs yet")
    assert json.loads(kneetui("runs", "--json", db=db).out) == []
    assert kneetui("runs", "--next", db=db).code == 0
    assert not db.exists() and not db.parent.exists()


def test_runs_delete_removes_a_mistyped_run_and_its_spike(db_path: Path) -> None:
    kneetui("run", "10", "--at", at(5), db=db_path)
    kneetui("run", "100", "--at", at(3), db=db_path)  # meant 10.0
    kneetui("run", "11", "--at", at(1), db=db_path)
    typo = next(
        r for r in json.loads(kneetui("runs", "--json", db=db_path).out) if r["distance_km"] == 100
    )
    result = kneetui("runs", "delete", typo["uuid"].upper(), db=db_path)
    assert result.code == 0, result.err
    assert result.out == f"Deleted the 100.0 km run of {at(3)}.\n"
    assert [r.distance_km for r in stored(db_path)] == [11.0, 10.0]
    # The 100 km run no longer hides the next run's place against the 10 km one.
    assert json.loads(kneetui("runs", "--json", db=db_path).out)[0]["longest_before_km"] == 10.0
    with Store.open(db_path, now=NOW) as store:
        assert store.export_bundle().tombstones[0].uuid == typo["uuid"]


def test_runs_delete_of_an_unknown_uuid_is_one_line_and_changes_nothing(db_path: Path) -> None:
    kneetui("run", "10", "--at", at(5), db=db_path)
    result = kneetui("runs", "delete", "not-a-run", db=db_path)
    assert result.code == 1
    assert (
        result.err == "kneetui: no run has the uuid 'not-a-run'; `kneetui runs --json` shows them\n"
    )
    assert len(stored(db_path)) == 1
