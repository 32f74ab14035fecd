"""`kneetui log` after a run, through the real command: the run that ended in the
12 hours before is named and its distance and time filled in, across midnight
and daylight saving; a distance with no run behind it becomes a manual run;
a refused score stores no run."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kneetui.domain.runs import Run, RunSource
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW, child_env


def store_run(db: Path, started: dt.datetime, km: float = 10.2, minutes: float = 62.0) -> Run:
    run = Run(
        uuid=str(uuid.uuid4()),
        started_at=started.astimezone(dt.UTC),
        local_day=started.date(),
        distance_km=km,
        elapsed_minutes=minutes,
        source=RunSource.FIT,
    )
    with Store.open(db, now=NOW) as store:
        assert store.add_run(run)
    return run


def runs(db: Path) -> list[Run]:
    with Store.open(db, now=NOW) as store:
        return store.runs()


def history(db: Path, zone: str) -> list[dict]:
    result = kneetui("history", "--json", db=db, env=child_env(TZ=zone))
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_a_score_with_nothing_given_takes_the_runs_distance_and_names_it(db_path: Path) -> None:
    zone = "Europe/Berlin"
    run = store_run(db_path, dt.datetime(2026, 11, 18, 7, 1, tzinfo=ZoneInfo(zone)))
    result = kneetui("log", "4", "--at", "2026-11-18 08:30", db=db_path, env=child_env(TZ=zone))
    assert result.code == 0, result.err
    assert result.out == (
        "Logged 4/10 (acceptable) for both knees after your 10.2 km run of 07:01 (62 min)\n"
    )
    (item,) = history(db_path, zone)
    assert (item["run_km"], item["run_minutes"]) == (10.2, 62.0)
    assert item["run"] == {
        "uuid": run.uuid,
        "started_at": "2026-11-18T06:01:00+00:00",
        "distance_km": 10.2,
        "minutes": 62.0,
        "source": "fit",
    }
    assert runs(db_path) == [run]  # the score made no run of its own


def test_a_distance_given_is_kept_and_the_run_still_named(db_path: Path) -> None:
    zone = "Europe/Berlin"
    store_run(db_path, dt.datetime(2026, 11, 18, 7, 1, tzinfo=ZoneInfo(zone)))
    result = kneetui(
        "log", "4", "--km", "9", "--at", "2026-11-18 08:30", db=db_path, env=child_env(TZ=zone)
    )
    assert result.code == 0, result.err
    assert result.out == (
        "Logged 4/10 (acceptable) for both knees after a 9.0 km run; "
        "linked to your 10.2 km run of 07:01 (62 min)\n"
    )
    (item,) = history(db_path, zone)
    assert (item["run_km"], item["run_minutes"]) == (9.0, None)
    assert len(runs(db_path)) == 1


@pytest.mark.parametrize(
    ("zone", "started", "minutes", "at", "shown"),
    [
        # Across midnight: 23:40 to 00:20, scored at 00:45 the next day.
        ("Europe/Berlin", (2026, 11, 17, 23, 40), 40, "2026-11-18 00:45", "17 Nov 23:40 (40 min)"),
        # Berlin leaves summer time on 25 Oct: 20:00 to 21:00 CEST, scored at
        # 07:30 CET, 11.5 hours later (12.5 on the wall clock).
        ("Europe/Berlin", (2026, 10, 24, 20, 0), 60, "2026-10-25 07:30", "24 Oct 20:00 (60 min)"),
        # Berlin enters summer time on 29 Mar: 20:00 to 21:00 CET, scored at
        # 09:30 CEST, 11.5 hours later (12.5 on the wall clock).
        ("Europe/Berlin", (2026, 3, 28, 20, 0), 60, "2026-03-29 09:30", "28 Mar 20:00 (60 min)"),
        # New York falls back on 1 Nov: 19:00 to 19:45 EDT, scored at 06:30 EST.
        (
            "America/New_York",
            (2026, 10, 31, 19, 0),
            45,
            "2026-11-01 06:30",
            "31 Oct 19:00 (45 min)",
        ),
    ],
)
def test_the_link_across_midnight_and_daylight_saving(
    db_path: Path, zone: str, started: tuple[int, ...], minutes: float, at: str, shown: str
) -> None:
    run = store_run(db_path, dt.datetime(*started, tzinfo=ZoneInfo(zone)), minutes=minutes)
    result = kneetui("log", "3", "--at", at, db=db_path, env=child_env(TZ=zone))
    assert result.code == 0, result.err
    assert result.out.endswith(f"after your 10.2 km run of {shown}\n")
    (item,) = history(db_path, zone)
    assert item["run"]["uuid"] == run.uuid
    assert item["local_day"] == at[:10]


@pytest.mark.parametrize(
    ("zone", "started", "at"),
    [
        # 21:00 CEST to 08:30 CET is 11.5 hours on the wall but 12.5 of time.
        ("Europe/Berlin", (2026, 10, 24, 20, 0), "2026-10-25 08:30"),
        # 19:45 EDT to 07:00 EST: 11.25 on the wall, 12.25 of time.
        ("America/New_York", (2026, 10, 31, 18, 43), "2026-11-01 07:00"),
    ],
)
def test_a_run_more_than_12_hours_of_time_before_is_not_linked(
    db_path: Path, zone: str, started: tuple[int, ...], at: str
) -> None:
    store_run(db_path, dt.datetime(*started, tzinfo=ZoneInfo(zone)))
    result = kneetui("log", "3", "--at", at, db=db_path, env=child_env(TZ=zone))
    assert result.code == 0, result.err
    assert result.out == "Logged 3/10 (acceptable) for both knees after a run\n"
    (item,) = history(db_path, zone)
    assert (item["run"], item["run_km"]) == (None, None)


def test_km_with_no_run_behind_it_adds_a_manual_run(db_path: Path) -> None:
    zone = "Europe/Berlin"
    result = kneetui(
        "log", "4", "--km", "8", "--minutes", "45", "--at", "2026-11-18 08:30",
        db=db_path, env=child_env(TZ=zone),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == "Logged 4/10 (acceptable) for both knees after an 8.0 km run (45 min)\n"
    (run,) = runs(db_path)
    assert (run.distance_km, run.elapsed_minutes, run.source) == (8.0, 45.0, RunSource.MANUAL)
    assert run.started_at == dt.datetime(2026, 11, 18, 6, 45, tzinfo=dt.UTC)
    (item,) = history(db_path, zone)
    assert (item["run_km"], item["run_minutes"]) == (8.0, 45.0)  # the score keeps its own
    assert item["run"]["uuid"] == run.uuid


def test_km_on_a_next_morning_score_adds_no_run(db_path: Path) -> None:
    result = kneetui("log", "2", "--context", "next-morning", "--km", "8", db=db_path)
    assert result.code == 0, result.err
    assert runs(db_path) == []


@pytest.mark.parametrize(
    "args",
    [
        ["11", "--km", "8"],
        ["4", "--km", "8", "--minutes", "-5"],
        ["4", "--km", "8", "--at", "2999-01-01 10:00"],
        ["4", "--km", "8", "--note", "x" * 1001],
    ],
)
def test_a_refused_score_adds_no_run(db_path: Path, args: list[str]) -> None:
    kneetui("log", "2", "--context", "other", db=db_path)  # the file exists
    result = kneetui("log", *args, db=db_path)
    assert result.code == 2
    assert runs(db_path) == []
    assert len(history(db_path, "UTC")) == 1
