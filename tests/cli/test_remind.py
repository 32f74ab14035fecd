"""`kneetui remind`, through the real command, its clock set with --now: one
reminder when something is due, silence (exit 0) otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kneetui.domain.models import Acknowledgement, Context, Flag
from kneetui.gather import CHECK_IN_DISMISSED
from kneetui.glance_cli import REMIND_AFTER
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from tests import histories
from tests.cli.helpers import Result, kneetui
from tests.conftest import child_env

WED = dt.date(2026, 11, 18)  # a routine day on the default schedule
THU = WED + dt.timedelta(days=1)
UTC = child_env(TZ="UTC")
SESSION_DUE = "kneetui: today is a routine day and it has no session yet: run kneetui, press s.\n"


def remind(db: Path, when: str, *args: str) -> Result:
    return kneetui("remind", "--now", when, *args, db=db, env=UTC)


def write(db: Path, *scores: histories.SorenessEntry, sessions: tuple[dt.date, ...] = ()) -> None:
    plan = load_routine()
    with Store.open(db, now=histories.at(WED)) as store:
        for score in scores:
            store.add_soreness(score)
        bundle = histories.Bundle(sessions=tuple(histories.session(plan, d) for d in sessions))
        store.import_bundle(bundle)


def test_a_routine_day_without_a_session_is_reminded_after_six(db_path: Path) -> None:
    write(db_path, histories.score(WED - dt.timedelta(days=2), 2, context=Context.OTHER))
    before = remind(db_path, "2026-11-18 17:59")
    assert (before.code, before.out, before.err) == (0, "", "")
    due = remind(db_path, "2026-11-18 18:00")
    assert (due.code, due.out, due.err) == (0, SESSION_DUE, "")
    # A rest day: nothing due, however late.
    assert remind(db_path, "2026-11-19 23:00").out == ""


def test_a_session_done_silences_it(db_path: Path) -> None:
    write(db_path, sessions=(WED,))
    assert remind(db_path, "2026-11-18 20:00").out == ""


def test_the_hour_is_a_setting(db_path: Path) -> None:
    write(db_path)
    done = kneetui("remind", "--after", "19:30", db=db_path)
    assert (done.code, done.out) == (0, "Routine-day reminders come after 19:30.\n")
    with Store.open(db_path, now=histories.at(WED)) as store:
        assert store.setting(REMIND_AFTER) == "19:30"
    assert remind(db_path, "2026-11-18 19:00").out == ""
    assert remind(db_path, "2026-11-18 19:30").out == SESSION_DUE


@pytest.mark.parametrize("bad", ["7pm", "25:00", "18", "18:00:00", ""])
def test_a_bad_hour_is_one_line_exit_2_and_changes_nothing(db_path: Path, bad: str) -> None:
    write(db_path)
    done = kneetui("remind", "--after", bad, db=db_path)
    assert (done.code, done.out) == (2, "")
    assert done.err == f'kneetui: --after: must be a time "HH:MM", got {bad!r}\n'
    with Store.open(db_path, now=histories.at(WED)) as store:
        assert store.setting(REMIND_AFTER) is None


def test_the_morning_check_in_is_reminded_until_answered(db_path: Path) -> None:
    write(db_path, histories.score(WED, 3), sessions=(WED,))
    due = remind(db_path, "2026-11-19 08:00")
    assert due.out == (
        "kneetui: after yesterday's run and session, log how your knees felt this morning: "
        "kneetui log SCORE --context next-morning\n"
    )
    write(db_path, histories.score(THU, 1, hour=8, context=Context.NEXT_MORNING))
    assert remind(db_path, "2026-11-19 09:00").out == ""


def test_a_dismissed_check_in_is_not_reminded(db_path: Path) -> None:
    write(db_path, histories.score(WED, 3))
    with Store.open(db_path, now=histories.at(THU)) as store:
        store.set_setting(CHECK_IN_DISMISSED, THU.isoformat())
    assert remind(db_path, "2026-11-19 08:00").out == ""


def test_a_red_flag_comes_first_until_acknowledged(db_path: Path) -> None:
    tue = WED - dt.timedelta(days=1)
    write(db_path, histories.score(tue, 6, context=Context.OTHER, flags=(Flag.LOCKING,)))
    flag = (
        "kneetui: 1 red flag not yet acknowledged: have the knee seen by a doctor or a "
        "physical therapist, then run `kneetui ack`.\n"
    )
    assert remind(db_path, "2026-11-18 20:00").out == flag  # before the session reminder
    with Store.open(db_path, now=histories.at(WED)) as store:
        store.add_acknowledgement(Acknowledgement(histories._id("ack"), histories.at(WED), WED))
    assert remind(db_path, "2026-11-18 20:00").out == SESSION_DUE


def test_no_database_is_silent_and_creates_nothing(tmp_path: Path) -> None:
    done = remind(tmp_path / "kneetui.db", "2026-11-18 20:00")
    assert (done.code, done.out, done.err) == (0, "", "")
    assert list(tmp_path.iterdir()) == []


def test_it_writes_nothing(db_path: Path) -> None:
    write(db_path, histories.score(WED, 9))
    before = {p.name: p.stat().st_mtime_ns for p in db_path.parent.iterdir()}
    assert remind(db_path, "2026-11-18 20:00").out.startswith("kneetui: 1 red flag")
    assert {p.name: p.stat().st_mtime_ns for p in db_path.parent.iterdir()} == before


def test_a_bad_now_is_exit_2(db_path: Path) -> None:
    done = remind(db_path, "soon")
    assert (done.code, done.out) == (2, "")
    assert done.err == "kneetui: --now: must be \"YYYY-MM-DD HH:MM\" in local time, got 'soon'\n"
