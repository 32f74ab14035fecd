"""Adherence: days trained this week at the Sunday/Monday boundary, weeks in a row with
an unfinished current week, the 12-week strip and weekly means, all grouped by the
runner's local day, also in weeks with a daylight-saving change.

The history helpers at the top are shared with the progression and advice tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

import pytest

from kneetui.domain.adherence import Adherence, adherence, strip, strip_text, weekly_means
from kneetui.domain.models import (
    Context,
    Flag,
    Knee,
    Rep,
    Session,
    SessionStatus,
    Side,
    SorenessEntry,
)

D = dt.date
MWF = ("mon", "wed", "fri")


def local(day: dt.date, hour: int, minute: int = 0, zone: str = "UTC") -> dt.datetime:
    """A wall-clock time on `day` in `zone`, as an aware datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))


def session(
    day: dt.date,
    *,
    hour: int = 7,
    minute: int = 0,
    zone: str = "UTC",
    minutes: int = 20,
    holds: Mapping[str, int] | None = None,
    status: SessionStatus = SessionStatus.COMPLETED,
) -> Session:
    """A session started at `hour:minute` local time on `day`, lasting `minutes`, with
    one rep per exercise in `holds` (exercise id → target seconds)."""
    started = local(day, hour, minute, zone).astimezone(dt.UTC)
    finished = started + dt.timedelta(minutes=minutes)
    reps = tuple(
        Rep(exercise, Side.BOTH, 1, hold_s, float(hold_s), finished)
        for exercise, hold_s in (holds or {}).items()
    )
    return Session(f"s-{started.isoformat()}", started, day, status, finished, reps)


def score(
    day: dt.date,
    value: int,
    *,
    hour: int = 19,
    minute: int = 0,
    zone: str = "UTC",
    context: Context = Context.OTHER,
    flags: Iterable[Flag] = (),
    knee: Knee = Knee.BOTH,
) -> SorenessEntry:
    """A score logged at `hour:minute` local time on `day` in `zone`; `local_day` is
    that local date and `logged_at` the same moment in UTC, as the store keeps them."""
    at = local(day, hour, minute, zone).astimezone(dt.UTC)
    return SorenessEntry(
        f"e-{at.isoformat()}-{value}", at, day, value, knee, context, flags=tuple(flags)
    )


def days_of(*days: dt.date) -> list[Session]:
    return [session(day) for day in days]


# Week of Monday 9 November 2026, then the week of Monday 16 November (NOW's week).
@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        ([D(2026, 11, 9), D(2026, 11, 11), D(2026, 11, 13)], D(2026, 11, 15), 3),  # Sunday
        ([D(2026, 11, 9), D(2026, 11, 11), D(2026, 11, 13)], D(2026, 11, 16), 0),  # Monday
        ([D(2026, 11, 15), D(2026, 11, 16)], D(2026, 11, 16), 1),
        ([D(2026, 11, 16), D(2026, 11, 22)], D(2026, 11, 22), 2),
        ([D(2026, 11, 16), D(2026, 11, 23)], D(2026, 11, 22), 1),  # a future day is ignored
    ],
)
def test_sessions_this_week_run_monday_to_today(
    days: list[dt.date], today: dt.date, expected: int
) -> None:
    assert adherence(days_of(*days), MWF, today).sessions_this_week == expected


def test_only_completed_sessions_count_and_a_day_counts_once() -> None:
    monday = D(2026, 11, 16)
    sessions = [
        session(monday),
        session(monday, hour=18),
        session(D(2026, 11, 17), status=SessionStatus.STOPPED),
        session(D(2026, 11, 18), status=SessionStatus.IN_PROGRESS),
    ]
    assert adherence(sessions, MWF, D(2026, 11, 18)) == Adherence(
        sessions_this_week=1,
        target_per_week=3,
        weeks_on_target_in_a_row=0,
        days_since_last_session=2,
        last_session_day=monday,
    )


@pytest.mark.parametrize(("schedule", "target"), [(MWF, 3), (("tue", "sat"), 2), (("sun",), 1)])
def test_the_target_is_the_number_of_schedule_days(schedule: tuple[str, ...], target: int) -> None:
    assert adherence([], schedule, D(2026, 11, 18)).target_per_week == target


def week(monday: dt.date, *offsets: int) -> list[dt.date]:
    return [monday + dt.timedelta(days=o) for o in offsets]


W1, W2, W3, W4 = D(2026, 10, 26), D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 16)
WEDNESDAY = D(2026, 11, 18)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # Three weeks on target; this week has 1 of 3 so far: unfinished, not broken.
        (week(W1, 0, 2, 4) + week(W2, 0, 2, 4) + week(W3, 0, 2, 4) + week(W4, 0), 3),
        # This week already on target by Wednesday: it joins the streak.
        (week(W1, 0, 2, 4) + week(W2, 0, 2, 4) + week(W3, 0, 2, 4) + week(W4, 0, 1, 2), 4),
        # Any three days count, not only the scheduled ones.
        (week(W2, 0, 2, 4) + week(W3, 1, 5, 6), 2),
        # A short week two weeks ago ends the count there.
        (week(W1, 0, 2, 4) + week(W2, 0, 2) + week(W3, 0, 2, 4), 1),
        # Last week short: nothing in a row, whatever came before.
        (week(W1, 0, 2, 4) + week(W2, 0, 2, 4) + week(W3, 0, 2), 0),
        # Last week short, but this week already on target.
        (week(W3, 0, 2) + week(W4, 0, 1, 2), 1),
        ([], 0),
    ],
)
def test_weeks_in_a_row(days: list[dt.date], expected: int) -> None:
    assert adherence(days_of(*days), MWF, WEDNESDAY).weeks_on_target_in_a_row == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], None),
        ([WEDNESDAY], 0),
        ([D(2026, 11, 9), D(2026, 11, 16)], 2),
        ([D(2026, 11, 19)], None),
    ],
)
def test_days_since_last_session(days: list[dt.date], expected: int | None) -> None:
    assert adherence(days_of(*days), MWF, WEDNESDAY).days_since_last_session == expected


def test_a_berlin_week_with_the_spring_change_groups_by_local_day() -> None:
    # Clocks went forward on Sunday 29 March 2026. The Monday-00:30 session is still
    # Sunday 22:30 in UTC, but it belongs to the runner's Monday and its new week.
    berlin = "Europe/Berlin"
    sessions = [
        session(D(2026, 3, 23), zone=berlin),
        session(D(2026, 3, 25), zone=berlin),
        session(D(2026, 3, 29), hour=23, minute=30, zone=berlin),
        session(D(2026, 3, 30), hour=0, minute=30, zone=berlin),
    ]
    assert sessions[3].started_at.date() == D(2026, 3, 29)
    assert adherence(sessions, MWF, D(2026, 3, 30)) == Adherence(1, 3, 1, 0, D(2026, 3, 30))


def test_a_new_york_week_with_the_autumn_change_groups_by_local_day() -> None:
    # Clocks went back on Sunday 1 November 2026. Sunday 21:00 local is Monday 02:00
    # in UTC: by UTC days last week would be short and this week already started.
    new_york = "America/New_York"
    sessions = [
        session(D(2026, 10, 26), zone=new_york),
        session(D(2026, 10, 28), zone=new_york),
        session(D(2026, 11, 1), hour=21, zone=new_york),
    ]
    assert sessions[2].started_at.date() == D(2026, 11, 2)
    assert adherence(sessions, MWF, D(2026, 11, 2)) == Adherence(0, 3, 1, 1, D(2026, 11, 1))


def test_strip_marks_sessions_and_the_days_still_to_come() -> None:
    sessions = days_of(D(2026, 11, 9), D(2026, 11, 13), D(2026, 11, 16), WEDNESDAY)
    sessions += [session(D(2026, 11, 20)), session(D(2026, 11, 10), status=SessionStatus.STOPPED)]
    grid = strip(sessions, WEDNESDAY, weeks=2)
    assert grid.first_monday == D(2026, 11, 9)
    assert grid.mondays == (D(2026, 11, 9), D(2026, 11, 16))
    assert grid.weeks == (
        (True, False, False, False, True, False, False),
        (True, False, True, None, None, None, None),
    )
    assert strip_text(grid) == [
        "Mon ■■",
        "Tue ··",
        "Wed ·■",
        "Thu · ",
        "Fri ■ ",
        "Sat · ",
        "Sun · ",
    ]
    assert strip_text(grid, labels=False)[0] == "■■"


def test_strip_defaults_to_twelve_whole_weeks() -> None:
    grid = strip([], D(2026, 11, 22))
    assert grid.first_monday == D(2026, 8, 31)
    assert len(grid.weeks) == 12
    assert grid.weeks[-1] == (False,) * 7  # Sunday: the whole week has happened
    assert [len(row) for row in strip_text(grid)] == [4 + 12] * 7
    with pytest.raises(ValueError, match="at least one week"):
        strip([], WEDNESDAY, weeks=0)


def test_weekly_means_oldest_first_with_empty_weeks() -> None:
    scores = [
        score(D(2026, 11, 1), 9),  # the week before the range
        score(D(2026, 11, 2), 2),
        score(D(2026, 11, 8), 4),
        score(D(2026, 11, 16), 5),
        score(D(2026, 11, 19), 9),  # after today
    ]
    assert weekly_means(scores, WEDNESDAY, 3) == [
        (D(2026, 11, 2), 3.0, 2),
        (D(2026, 11, 9), None, 0),
        (D(2026, 11, 16), 5.0, 1),
    ]


def test_weekly_means_use_the_local_day_in_auckland() -> None:
    # 23:30 on Sunday in Auckland is still Sunday in UTC; 08:00 on Monday there is
    # 19:00 on Sunday in UTC. Each lands in the week of its own local day.
    auckland = "Pacific/Auckland"
    sunday_late = score(D(2026, 11, 15), 2, hour=23, minute=30, zone=auckland)
    monday_early = score(D(2026, 11, 16), 6, hour=8, zone=auckland)
    assert monday_early.logged_at.date() == D(2026, 11, 15)
    assert weekly_means([sunday_late, monday_early], WEDNESDAY, 2) == [
        (D(2026, 11, 9), 2.0, 1),
        (D(2026, 11, 16), 6.0, 1),
    ]
