"""Adherence: which sessions count, days trained this week at the Sunday/Monday
boundary, weeks in a row with an unfinished current week, the 12-week strip and
weekly means per knee, all grouped by the runner's local day, also in weeks with a
daylight-saving change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

import pytest

from kneetui.domain.adherence import (
    Adherence,
    WeekMean,
    adherence,
    counted_days,
    counts,
    dated_strip,
    strip,
    strip_text,
    weekly_means,
    weekly_target,
)
from kneetui.domain.models import (
    Context,
    Flag,
    Knee,
    Session,
    SessionMark,
    SessionStatus,
    SorenessEntry,
)
from tests.domain import builders

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
    done: float = 1.0,
) -> Session:
    """A session started at `hour:minute` local time on `day`, lasting `minutes`, with
    the first `done` share of every exercise's holds at `holds` (exercise id →
    target seconds; the first step by default)."""
    started = local(day, hour, minute, zone).astimezone(dt.UTC)
    finished = started + dt.timedelta(minutes=minutes)
    whole = builders.session(day, holds=holds, status=status, done=done)
    reps = tuple(r._replace(completed_at=finished) for r in whole.reps)
    return Session(f"s-{started.isoformat()}", started, day, status, finished, reps)


PLANNED = builders.ROUTINE.planned_holds  # 50


def adherence_of(
    sessions: Iterable[Session], schedule: tuple[str, ...], today: dt.date
) -> Adherence:
    return adherence(counted_days(sessions, PLANNED, today), schedule, today)


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
    assert adherence(days, MWF, today).sessions_this_week == expected


def test_the_shipped_routine_plans_fifty_holds() -> None:
    assert PLANNED == 20 + 20 + 10


@pytest.mark.parametrize(
    ("status", "holds", "counted"),
    [
        (SessionStatus.COMPLETED, 50, True),
        (SessionStatus.COMPLETED, 25, True),  # half of the planned holds
        (SessionStatus.COMPLETED, 24, False),
        (SessionStatus.COMPLETED, 0, False),  # every exercise skipped
        (SessionStatus.STOPPED, 50, False),
        (SessionStatus.IN_PROGRESS, 50, False),
    ],
)
def test_a_session_counts_when_completed_with_half_its_holds(
    status: SessionStatus, holds: int, counted: bool
) -> None:
    day = D(2026, 11, 16)
    assert counts(SessionMark(day, status, holds), PLANNED) is counted
    assert counted_days([SessionMark(day, status, holds)], PLANNED, day) == (
        {day} if counted else set()
    )


def test_a_full_session_counts_its_recorded_holds() -> None:
    day = D(2026, 11, 16)
    half = session(day, done=0.5)
    assert len(half.reps) == 25 and counts(half, PLANNED)
    # One hold fewer: 24 of 50.
    assert not counts(half._replace(reps=half.reps[1:]), PLANNED)
    skipped = session(day, done=0.0)
    assert skipped.reps == () and not counts(skipped, PLANNED)


def test_only_counted_sessions_count_and_a_day_counts_once() -> None:
    monday = D(2026, 11, 16)
    sessions = [
        session(monday),
        session(monday, hour=18),
        session(D(2026, 11, 17), status=SessionStatus.STOPPED),
        session(D(2026, 11, 18), status=SessionStatus.IN_PROGRESS),
        session(D(2026, 11, 18), hour=19, done=0.0),
    ]
    assert adherence_of(sessions, MWF, D(2026, 11, 18)) == Adherence(
        sessions_this_week=1,
        target_per_week=3,
        weeks_on_target_in_a_row=0,
        days_since_last_session=2,
        last_session_day=monday,
    )


@pytest.mark.parametrize(
    ("schedule", "target"),
    [(MWF, 3), (("tue", "sat"), 2), (("sun",), 1), (("mon", "mon", "wed"), 2)],
)
def test_the_target_is_the_number_of_schedule_days(schedule: tuple[str, ...], target: int) -> None:
    assert adherence([], schedule, D(2026, 11, 18)).target_per_week == target
    assert weekly_target(schedule) == target


@pytest.mark.parametrize(("days", "streak"), [(2, 0), (3, 1)])
def test_a_week_is_on_target_at_the_target_not_above_it(days: int, streak: int) -> None:
    last_week = [D(2026, 11, 9) + dt.timedelta(days=2 * n) for n in range(days)]
    assert adherence(last_week, MWF, WEDNESDAY).weeks_on_target_in_a_row == streak


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
    assert adherence(days, MWF, WEDNESDAY).weeks_on_target_in_a_row == expected


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
    assert adherence(days, MWF, WEDNESDAY).days_since_last_session == expected


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
    assert adherence_of(sessions, MWF, D(2026, 3, 30)) == Adherence(1, 3, 1, 0, D(2026, 3, 30))


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
    assert adherence_of(sessions, MWF, D(2026, 11, 2)) == Adherence(0, 3, 1, 1, D(2026, 11, 1))


def test_strip_marks_sessions_and_the_days_still_to_come() -> None:
    sessions = days_of(D(2026, 11, 9), D(2026, 11, 13), D(2026, 11, 16), WEDNESDAY)
    sessions += [session(D(2026, 11, 20)), session(D(2026, 11, 10), status=SessionStatus.STOPPED)]
    grid = strip(counted_days(sessions, PLANNED, WEDNESDAY), WEDNESDAY, weeks=2)
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


def test_dated_strip_dates_every_fourth_week_back_from_this_one_with_a_legend() -> None:
    # Mon 16 Nov, Fri 13 Nov, Wed 2 Sep and Mon 31 Aug, the strip's first day.
    days = [D(2026, 11, 16), D(2026, 11, 13), D(2026, 9, 2), D(2026, 8, 31)]
    lines = dated_strip(strip(days, WEDNESDAY))
    assert lines == [
        "          21 Sep  19 Oct  16 Nov",
        "Mon ■ · · · · · · · · · · ■",
        "Tue · · · · · · · · · · · ·",
        "Wed ■ · · · · · · · · · · ·",
        "Thu · · · · · · · · · · ·",
        "Fri · · · · · · · · · · ■",
        "Sat · · · · · · · · · · ·",
        "Sun · · · · · · · · · · ·",
        "■ a session  · none  (a column per week, dated by its Monday)",
    ]
    # Each date stands over its week's column.
    for monday in (D(2026, 9, 21), D(2026, 10, 19), D(2026, 11, 16)):
        column = 4 + 2 * strip(days, WEDNESDAY).mondays.index(monday)
        assert lines[0][column : column + 6] == f"{monday:%d %b}"


def test_weekly_means_oldest_first_with_empty_weeks() -> None:
    scores = [
        score(D(2026, 11, 1), 9),  # the week before the range
        score(D(2026, 11, 2), 2),
        score(D(2026, 11, 8), 4),
        score(D(2026, 11, 16), 5),
        score(D(2026, 11, 19), 9),  # after today
    ]
    assert weekly_means(scores, WEDNESDAY, 3) == [
        WeekMean(D(2026, 11, 2), 3.0, 2, 3.0, 3.0),
        WeekMean(D(2026, 11, 9), None, 0, None, None),
        WeekMean(D(2026, 11, 16), 5.0, 1, 5.0, 5.0),
    ]


def test_weekly_means_average_days_per_knee_and_give_the_worse() -> None:
    """Six scores of 1 on a rest day weigh as one day against a single 6; the left
    knee's 5 is not averaged away by the right knee's 0."""
    monday, tuesday = D(2026, 11, 16), D(2026, 11, 17)
    scores = [score(monday, 6), *(score(tuesday, 1, minute=n) for n in range(6))]
    scores += [score(WEDNESDAY, 5, knee=Knee.LEFT), score(WEDNESDAY, 0, knee=Knee.RIGHT)]
    (week,) = weekly_means(scores, WEDNESDAY, 1)
    assert week.left == pytest.approx((6 + 1 + 5) / 3)
    assert week.right == pytest.approx((6 + 1 + 0) / 3)
    assert week.mean == week.left and week.scores == 9


def test_weekly_means_use_the_local_day_in_auckland() -> None:
    # 23:30 on Sunday in Auckland is still Sunday in UTC; 08:00 on Monday there is
    # 19:00 on Sunday in UTC. Each lands in the week of its own local day.
    auckland = "Pacific/Auckland"
    sunday_late = score(D(2026, 11, 15), 2, hour=23, minute=30, zone=auckland)
    monday_early = score(D(2026, 11, 16), 6, hour=8, zone=auckland)
    assert monday_early.logged_at.date() == D(2026, 11, 15)
    assert [
        (w.monday, w.mean, w.scores)
        for w in weekly_means([sunday_late, monday_early], WEDNESDAY, 2)
    ] == [
        (D(2026, 11, 9), 2.0, 1),
        (D(2026, 11, 16), 6.0, 1),
    ]
