"""Time: days across daylight-saving changes in another zone, the wall clock
jumping back during a session, and an app left open past midnight."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kneetui.domain.models import SessionStatus
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW, child_env
from tests.tui.conftest import CLOCK_NOW, AppFactory
from tests.tui.test_session import FakeClocks, advance, session_app


@pytest.mark.parametrize(
    ("zone", "at", "day", "utc"),
    [
        # Europe/Berlin leaves summer time on 2026-10-25: 03:00 CEST becomes 02:00 CET.
        ("Europe/Berlin", "2026-10-25 00:30", "2026-10-25", "2026-10-24T22:30:00+00:00"),
        ("Europe/Berlin", "2026-10-25 02:30", "2026-10-25", "2026-10-25T00:30:00+00:00"),
        ("Europe/Berlin", "2026-10-25 23:30", "2026-10-25", "2026-10-25T22:30:00+00:00"),
        # ... and enters it on 2026-03-29, when 02:00 jumps to 03:00.
        ("Europe/Berlin", "2026-03-29 00:30", "2026-03-29", "2026-03-28T23:30:00+00:00"),
        ("Europe/Berlin", "2026-03-29 23:30", "2026-03-29", "2026-03-29T21:30:00+00:00"),
        # America/New_York falls back on 2026-11-01 at 02:00 EDT.
        ("America/New_York", "2026-11-01 01:30", "2026-11-01", "2026-11-01T05:30:00+00:00"),
        ("America/New_York", "2026-11-01 23:30", "2026-11-01", "2026-11-02T04:30:00+00:00"),
        # Far from UTC: late evening in Auckland is still the same local day.
        ("Pacific/Auckland", "2026-11-10 23:30", "2026-11-10", "2026-11-10T10:30:00+00:00"),
    ],
)
def test_a_score_lands_on_its_local_day_across_daylight_saving(
    db_path: Path, zone: str, at: str, day: str, utc: str
) -> None:
    env = child_env(TZ=zone)
    result = kneetui("log", "3", "--at", at, db=db_path, env=env)
    assert result.code == 0, result.err
    (item,) = json.loads(kneetui("history", "--json", db=db_path, env=env).out)
    assert (item["local_day"], item["logged_at"]) == (day, utc)
    shown = kneetui("history", db=db_path, env=env).out.splitlines()[1]
    assert shown.startswith(at)  # shown back in the same zone as typed


def test_todays_history_follows_the_local_zone(db_path: Path) -> None:
    """--days 1 means today in the runner's zone, not UTC's today."""
    env = child_env(TZ="Pacific/Kiritimati")  # UTC+14
    now_there = dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)
    kneetui("log", "4", db=db_path, env=env)
    (item,) = json.loads(kneetui("history", "--json", "--days", "1", db=db_path, env=env).out)
    assert item["local_day"] == now_there.date().isoformat()


async def test_the_wall_clock_jumping_back_during_a_session_loses_nothing(
    empty_store: Store, make_app: AppFactory
) -> None:
    clocks = FakeClocks()
    jump = dt.timedelta(0)

    def wall() -> dt.datetime:
        return clocks.wall() - jump

    app = session_app(make_app, empty_store, clocks)
    app.clock = wall
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        advance(app, clocks, 3 + 5 + 3 + 5)  # two holds
        jump = dt.timedelta(hours=1)  # the wall clock is set back an hour
        advance(app, clocks, 600)
        await pilot.pause()
    (session,) = empty_store.sessions()
    assert session.status is SessionStatus.COMPLETED
    assert len(session.reps) == 50
    # Timers ran on the monotonic clock: every hold is whole.
    assert all(rep.held_s == rep.target_s for rep in session.reps)
    # Reps keep the order they were done in, though their times went backwards.
    assert [(r.exercise, r.rep, r.side.value) for r in session.reps[:4]] == [
        ("leg-raise", 1, "left"), ("leg-raise", 1, "right"),
        ("leg-raise", 2, "left"), ("leg-raise", 2, "right"),
    ]  # fmt: skip
    assert session.reps[2].completed_at < session.reps[1].completed_at
    assert session.finished_at is not None and session.finished_at >= session.started_at


async def test_the_app_rolls_over_to_a_new_day_at_midnight(
    empty_store: Store, make_app: AppFactory
) -> None:
    moment = [CLOCK_NOW.replace(hour=23, minute=59, second=30)]
    app = make_app(empty_store, clock=lambda: moment[0])
    async with app.run_test(size=(120, 36)) as pilot:
        routine = app.screen.query_one("#routine-text")
        assert "Wednesday 18 November · Routine day" in str(routine.render())
        moment[0] += dt.timedelta(minutes=1)
        app.check_day()
        await pilot.pause()
        assert "Thursday 19 November · Rest day — next routine: Fri" in str(routine.render())
        assert "This week 0 of 3 sessions" in str(app.screen.query_one("#coaching-text").render())


def test_now_is_in_the_past_for_this_suite() -> None:
    assert dt.datetime.now(dt.UTC) > NOW
