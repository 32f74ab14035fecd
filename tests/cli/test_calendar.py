"""`kneetui calendar`, through the real command, its file parsed back with
icalendar: one weekly event on the routine days, the same UID at every export."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import icalendar
import pytest

from kneetui.domain.models import LevelChange
from kneetui.ics import event_uid, routine_calendar
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW, child_env

BERLIN = child_env(TZ="Europe/Berlin")


def events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"].startswith("-//kneetui//")
    return list(calendar.walk("VEVENT"))


def export(db: Path, *args: str, env: dict[str, str] | None = None) -> icalendar.Event:
    done = kneetui("calendar", *args, db=db, env=env or BERLIN)
    assert done.code == 0, done.err
    (event,) = events(done.out)
    return event


def test_one_weekly_event_on_the_routine_days_at_six(db_path: Path) -> None:
    kneetui("schedule", "mon", "wed", "fri", db=db_path)
    event = export(db_path)
    rule = event["RRULE"]
    assert (rule["FREQ"], rule["BYDAY"]) == (["WEEKLY"], ["MO", "WE", "FR"])
    start = event.decoded("DTSTART")
    assert (start.time(), str(start.tzinfo)) == (dt.time(18, 0), "Europe/Berlin")
    assert start.weekday() in (0, 2, 4)
    assert event.decoded("DTEND") > start
    for name in ("UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "SUMMARY"):
        assert name in event, name
    calendar = icalendar.Calendar.from_ical(kneetui("calendar", db=db_path, env=BERLIN).out)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Berlin"


def test_the_description_lists_the_exercises_and_current_holds(db_path: Path) -> None:
    with Store.open(db_path, now=NOW) as store:
        store.set_level(LevelChange("calf-raise", 25, NOW))
    text = str(export(db_path, "--at", "07:15")["DESCRIPTION"])
    assert "Leg Raises: hold 5 s" in text
    assert "Weighted Hamstring Curls: hold 5 s" in text
    assert "Calf Raises: hold 25 s" in text
    assert "routine days Mon, Wed, Fri" in text


def test_a_new_schedule_changes_the_same_event(db_path: Path) -> None:
    kneetui("schedule", "mon", "wed", "fri", db=db_path)
    first = export(db_path)
    kneetui("schedule", "tue", "thu", "sat", db=db_path)
    second = export(db_path, "--at", "19:30")
    assert second["UID"] == first["UID"]
    assert second["RRULE"]["BYDAY"] == ["TU", "TH", "SA"]
    assert second.decoded("DTSTART").time() == dt.time(19, 30)
    assert second.decoded("DTSTART").weekday() in (1, 3, 5)
    assert second["SEQUENCE"] >= first["SEQUENCE"]


def test_another_database_gets_another_uid(tmp_path: Path) -> None:
    one, other = tmp_path / "one.db", tmp_path / "other.db"
    for db in (one, other):
        kneetui("log", "2", db=db)
    assert export(one)["UID"] != export(other)["UID"]
    assert export(one)["UID"] == export(one)["UID"]


def test_a_later_export_has_a_higher_sequence_and_last_modified() -> None:
    plan = load_routine()
    made = [
        icalendar.Calendar.from_ical(
            routine_calendar(
                plan, {}, days, at=dt.time(18), minutes=12, uid=event_uid("x"), now=now, zone=None
            )
        )
        for days, now in ((("mon",), NOW), (("tue", "fri"), NOW + dt.timedelta(seconds=1)))
    ]
    first, second = (next(iter(c.walk("VEVENT"))) for c in made)
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second.decoded("LAST-MODIFIED") > first.decoded("LAST-MODIFIED")
    # No zone known: floating local time, and no VTIMEZONE.
    assert first.decoded("DTSTART").tzinfo is None
    assert not list(made[0].walk("VTIMEZONE"))


def test_without_an_iana_zone_the_time_floats(db_path: Path) -> None:
    kneetui("log", "2", db=db_path)
    event = export(db_path, env=child_env(TZ="XYZ-3"))  # a POSIX rule, no IANA name
    assert event.decoded("DTSTART").tzinfo is None
    assert event.decoded("DTSTART").time() == dt.time(18, 0)


def test_output_is_written_0600_and_creates_no_database(tmp_path: Path) -> None:
    target = tmp_path / "routine.ics"
    done = kneetui("calendar", "--output", str(target), db=tmp_path / "kneetui.db", env=BERLIN)
    assert done.code == 0, done.err
    assert done.out == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    (event,) = events(target.read_text(encoding="utf-8"))
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["routine.ics"]


@pytest.mark.parametrize("bad", ["6pm", "24:00", "18", "18:00:00"])
def test_a_bad_time_is_one_line_and_exit_2(tmp_path: Path, bad: str) -> None:
    target = tmp_path / "routine.ics"
    done = kneetui("calendar", "--at", bad, "--output", str(target), db=tmp_path / "k.db")
    assert (done.code, done.out) == (2, "")
    assert done.err == f'kneetui: --at: must be a time "HH:MM", got {bad!r}\n'
    assert not target.exists()


def test_an_unwritable_output_is_one_line_and_exit_1(tmp_path: Path) -> None:
    done = kneetui(
        "calendar", "--output", str(tmp_path / "missing" / "r.ics"), db=tmp_path / "k.db"
    )
    assert (done.code, done.out) == (1, "")
    assert done.err.startswith("kneetui: cannot write ") and done.err.count("\n") == 1
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    done = kneetui("calendar", "--output", str(folder / "r.ics"), db=tmp_path / "k.db")
    if done.code == 0:  # root writes anywhere
        assert (folder / "r.ics").exists()
    else:
        assert done.code == 1 and done.err.count("\n") == 1
        assert list(folder.iterdir()) == []
