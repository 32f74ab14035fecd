"""`kneetui status` and `kneetui remind` state the coaching's figures again over
plain values (domain.glance, read by storage.peek), because the rules cost a
prompt too much to import. These tests check on real database files, for every
scenario history and the demo, day by day around their last day, that the glance
says what the coaching and the dashboard say."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kneetui.domain import glance
from kneetui.domain.adherence import counts
from kneetui.domain.demo import demo_history
from kneetui.domain.exchange import decode
from kneetui.domain.routine import WEEKDAYS, Routine
from kneetui.domain.today import plan_today
from kneetui.gather import CHECK_IN_DISMISSED, SCHEDULE, load_coaching, schedule_of
from kneetui.status import CHECK_IN_DISMISSED as STATUS_CHECK_IN_DISMISSED
from kneetui.status import SCHEDULE as STATUS_SCHEDULE
from kneetui.status import look
from kneetui.storage.peek import read
from kneetui.storage.store import Store

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.json"))
DAY = dt.timedelta(days=1)


def expected(store: Store, routine: Routine, day: dt.date) -> dict[str, object]:
    """The figures as the app computes them."""
    coaching = load_coaching(store, routine, day)
    schedule = schedule_of(store, routine)
    plan = plan_today(routine, store.current_holds(), schedule, day, [])
    marks = store.session_marks()
    latest = store.soreness(limit=1)
    return {
        "routine_day": plan.routine_day,
        "next_routine_day": plan.next_routine_day,
        "done": any(m.local_day == day and counts(m, routine.planned_holds) for m in marks),
        "last_score": latest[0].score if latest else None,
        "red_flags": len(coaching.red_flags),
        "check_in_after": coaching.check_in_after if coaching.ask_check_in else "",
    }


def seen(path: Path, day: dt.date) -> dict[str, object]:
    got = read(str(path), lambda peek: look(peek, day))
    assert got is not None
    return {
        "routine_day": got.routine_day,
        "next_routine_day": got.next_routine_day,
        "done": got.done,
        "last_score": got.last_score,
        "red_flags": got.red_flags,
        "check_in_after": got.check_in_after,
    }


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_the_glance_agrees_with_the_coaching_on_every_scenario(
    scenario: Path, tmp_path: Path, routine: Routine
) -> None:
    document = json.loads(scenario.read_text(encoding="utf-8"))
    today = dt.date.fromisoformat(document["today"])
    now = dt.datetime.combine(today, dt.time(23, 0), dt.UTC)
    path = tmp_path / "kneetui.db"
    with Store.open(path, now=now) as store:
        store.import_bundle(decode(json.dumps(document["export"]), now))
        days = [today + n * DAY for n in range(-8, 3)]
        wanted = {day: expected(store, routine, day) for day in days}
    for day in days:
        assert seen(path, day) == wanted[day], day


def test_the_glance_agrees_on_the_demo_history_and_a_changed_schedule(
    tmp_path: Path, routine: Routine
) -> None:
    today = dt.date(2026, 11, 18)
    now = dt.datetime.combine(today, dt.time(21, 0), dt.UTC)
    path = tmp_path / "kneetui.db"
    with Store.open(path, now=now) as store:
        store.import_bundle(demo_history(routine, today, dt.UTC))
        store.set_setting(SCHEDULE, ["tue", "thu", "sat"])
        store.set_setting(CHECK_IN_DISMISSED, (today - DAY).isoformat())
        days = [today + n * DAY for n in range(-20, 2)]
        wanted = {day: expected(store, routine, day) for day in days}
    assert any(w["done"] for w in wanted.values())
    assert any(w["check_in_after"] for w in wanted.values())
    for day in days:
        assert seen(path, day) == wanted[day], day


@pytest.mark.parametrize(
    ("stored", "days"),
    [
        (None, ("mon", "wed", "fri")),
        (["sat", "Tuesday", " THU "], ("tue", "thu", "sat")),
        ([], ("mon", "wed", "fri")),
        (["mon", "funday"], ("mon", "wed", "fri")),
        ("mon", ("mon", "wed", "fri")),
    ],
)
def test_the_schedule_is_read_as_the_app_reads_it(
    stored: object, days: tuple[str, ...], store: Store, routine: Routine
) -> None:
    if stored is not None:
        store.set_setting(SCHEDULE, stored)
    assert schedule_of(store, routine) == days
    assert glance.schedule_days(store.setting(SCHEDULE), routine.schedule) == days


def test_the_names_it_shares_are_the_apps() -> None:
    assert glance.WEEKDAYS == WEEKDAYS
    assert (STATUS_SCHEDULE, STATUS_CHECK_IN_DISMISSED) == (SCHEDULE, CHECK_IN_DISMISSED)
