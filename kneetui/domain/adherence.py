"""Schedule and adherence: days trained this week against the target, weeks in a row
on target, days since the last session, a 12-week strip and weekly soreness means.

The routine's own advice (data/routine.toml) is to do the exercises "a few days a
week"; the target is the number of schedule days (default Mon/Wed/Fri, so 3).

Weeks are ISO weeks, Monday to Sunday. Everything is grouped by `local_day`, the
runner's own calendar day, never by the UTC date: a session at 00:30 on a Monday in
Berlin is in Monday's week although it is still Sunday in UTC, and a week with a
daylight-saving change is seven days like any other.

A session counts (rule `counted-session`) when it was completed with at least half
of the routine's planned holds done: a stopped or unfinished one does not, nor one
with every exercise skipped. A week counts the days with a counted session, not the
sessions: a second session on the same day adds nothing to "a few days a week", and
the strip shows one cell per day, so the number of filled cells in a week is that
week's figure. Any weekday counts towards the target, not only the scheduled ones:
moving Monday's session to Tuesday still keeps the week on target.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kneetui.domain.knees import KNEES, day_scores, window_mean
from kneetui.domain.models import SessionLike, SessionStatus, SorenessEntry, holds_done
from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS
from kneetui.domain.rules import COUNTED_SHARE

WEEK_DAYS = 7
STRIP_WEEKS = 12
SESSION_MARK = "■"
NO_SESSION_MARK = "·"
FUTURE_MARK = " "

_WEEK = dt.timedelta(days=WEEK_DAYS)


def counts(session: SessionLike, planned_holds: int) -> bool:
    """Whether a session counts (rule `counted-session`): completed, with at least
    half of the routine's `planned_holds` done."""
    done = holds_done(session)
    return (
        session.status is SessionStatus.COMPLETED
        and done > 0
        and (done >= planned_holds * COUNTED_SHARE)
    )


def counted_days(
    sessions: Iterable[SessionLike], planned_holds: int, today: dt.date
) -> set[dt.date]:
    """The local days up to `today` with at least one counted session."""
    return {s.local_day for s in sessions if s.local_day <= today and counts(s, planned_holds)}


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def days_per_week(days: Iterable[dt.date]) -> Counter[dt.date]:
    """How many of `days` fall in each ISO week, keyed by the week's Monday."""
    # Counted by day number and turned into dates once per week: ten years hold
    # 1,560 session days in 520 weeks, and a date per day was half of coach().
    mondays = Counter(day.toordinal() - day.weekday() for day in days)
    return Counter({dt.date.fromordinal(number): n for number, n in mondays.items()})


def weekly_target(schedule: Sequence[str]) -> int:
    """Sessions a week: the number of different schedule days."""
    return len(set(schedule))


def full_weeks(start: dt.date, today: dt.date) -> list[dt.date]:
    """The Mondays of the ISO weeks lying wholly between `start` and `today`, both
    included: a week the routine began in the middle of is not a full week of it, nor
    is the current week before its Sunday."""
    monday = week_start(start + dt.timedelta(days=WEEK_DAYS - 1))
    mondays = []
    while monday + dt.timedelta(days=WEEK_DAYS - 1) <= today:
        mondays.append(monday)
        monday += _WEEK
    return mondays


class Adherence(NamedTuple):
    sessions_this_week: int  # days with a counted session, Monday to today
    target_per_week: int  # the number of schedule days
    weeks_on_target_in_a_row: int
    days_since_last_session: int | None  # 0 when today had one; None before the first
    last_session_day: dt.date | None


def adherence(days: Iterable[dt.date], schedule: Sequence[str], today: dt.date) -> Adherence:
    """The adherence figures from the days with a counted session (`counted_days`)."""
    days = {day for day in days if day <= today}
    per_week = days_per_week(days)
    target = weekly_target(schedule)
    this_week = week_start(today)
    last = max(days, default=None)
    return Adherence(
        sessions_this_week=per_week[this_week],
        target_per_week=target,
        weeks_on_target_in_a_row=_weeks_in_a_row(per_week, target, this_week),
        days_since_last_session=None if last is None else (today - last).days,
        last_session_day=last,
    )


def _weeks_in_a_row(per_week: Counter[dt.date], target: int, this_week: dt.date) -> int:
    # The current week joins the streak once it is on target; until then it is
    # unfinished, not missed, so counting starts at last week.
    if target <= 0:
        return 0
    week = this_week if per_week[this_week] >= target else this_week - _WEEK
    streak = 0
    while per_week[week] >= target:
        streak += 1
        week -= _WEEK
    return streak


class Strip(NamedTuple):
    """A grid of whole ISO weeks ending with the week of `today`, oldest first.

    `weeks[i][d]` is weekday `d` (0 is Monday) of week `i`: True for a day with a
    completed session, False for a day without, None for a day after `today` (the
    rest of the current week, which has not happened yet).
    """

    first_monday: dt.date
    today: dt.date
    weeks: tuple[tuple[bool | None, ...], ...]

    @property
    def mondays(self) -> tuple[dt.date, ...]:
        return tuple(self.first_monday + i * _WEEK for i in range(len(self.weeks)))


def strip(days: Iterable[dt.date], today: dt.date, weeks: int = STRIP_WEEKS) -> Strip:
    """The strip of the days with a counted session."""
    if weeks < 1:
        raise ValueError(f"a strip needs at least one week, got {weeks}")
    days = set(days)
    first = week_start(today) - (weeks - 1) * _WEEK
    grid = []
    for week in range(weeks):
        monday = first + week * _WEEK
        cells: list[bool | None] = []
        for offset in range(WEEK_DAYS):
            day = monday + dt.timedelta(days=offset)
            cells.append(None if day > today else day in days)
        grid.append(tuple(cells))
    return Strip(first, today, tuple(grid))


def strip_text(grid: Strip, *, labels: bool = True) -> list[str]:
    """Seven plain-text rows, Monday first, one column per week (oldest on the left):
    "■" a session, "·" none, " " a day still to come. With `labels` each row starts
    with the weekday's short name, e.g. "Mon ■■·■"."""
    marks = {True: SESSION_MARK, False: NO_SESSION_MARK, None: FUTURE_MARK}
    rows = []
    for weekday in range(WEEK_DAYS):
        row = "".join(marks[week[weekday]] for week in grid.weeks)
        rows.append(f"{WEEKDAY_NAMES[WEEKDAYS[weekday]]} {row}" if labels else row)
    return rows


# The stats' strip dates every fourth week, counting back from this week's.
DATE_EVERY = 4
STRIP_LEGEND = (
    f"{SESSION_MARK} a session  {NO_SESSION_MARK} none  (a column per week, dated by its Monday)"
)


def dated_strip(grid: Strip) -> list[str]:
    """The strip as `kneetui stats` and the stats screen show it: a line of week
    dates (every fourth Monday, counting back from this week's), a row per
    weekday with a space between the weeks, and a legend. E.g.

            21 Sep  19 Oct  16 Nov
        Mon ■ ■ ■ · ■ ■ ■ ■ ■ ■ ■ ■
        …
    """
    marks = {True: SESSION_MARK, False: NO_SESSION_MARK, None: FUTURE_MARK}
    width = 4 + 2 * len(grid.weeks) + 6
    dates = [" "] * width
    for week in range(len(grid.weeks) - 1, -1, -DATE_EVERY):
        at = 4 + 2 * week
        dates[at : at + 6] = f"{grid.mondays[week]:%d %b}"
    rows = [
        f"{WEEKDAY_NAMES[WEEKDAYS[weekday]]} "
        + " ".join(marks[week[weekday]] for week in grid.weeks).rstrip()
        for weekday in range(WEEK_DAYS)
    ]
    return ["".join(dates).rstrip(), *rows, STRIP_LEGEND]


class WeekMean(NamedTuple):
    """One ISO week's soreness: each knee's mean of its day scores, the worse of
    the two, and how many scores were logged."""

    monday: dt.date
    mean: float | None  # the worse knee's; None without a score
    scores: int
    left: float | None
    right: float | None


def weekly_means(
    soreness: Iterable[SorenessEntry], today: dt.date, weeks: int = STRIP_WEEKS
) -> list[WeekMean]:
    """For each of the last `weeks` ISO weeks (the current one included), oldest
    first. Scores dated after `today` are left out; days, not entries, are
    averaged."""
    first = week_start(today) - (weeks - 1) * _WEEK
    entries = [e for e in soreness if first <= e.local_day <= today]
    left, right = (day_scores(entries, knee) for knee in KNEES)
    found = []
    for monday in (first + i * _WEEK for i in range(max(0, weeks))):
        sunday = monday + dt.timedelta(days=WEEK_DAYS - 1)
        means = [window_mean(days, monday, sunday) for days in (left, right)]
        known = [m for m in means if m is not None]
        count = sum(1 for e in entries if monday <= e.local_day <= sunday)
        found.append(WeekMean(monday, max(known) if known else None, count, *means))
    return found


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def adherence_words(a: Adherence) -> str:
    """The adherence in one line, for the dashboard and `kneetui stats`, e.g.
    "This week 1 of 3 sessions · 2 weeks in a row on target · last session 2 days
    ago"."""
    if a.days_since_last_session is None:
        since = "no session yet"
    elif a.days_since_last_session == 0:
        since = "last session today"
    else:
        since = f"last session {plural(a.days_since_last_session, 'day')} ago"
    return (
        f"This week {a.sessions_this_week} of {plural(a.target_per_week, 'session')} · "
        f"{plural(a.weeks_on_target_in_a_row, 'week')} in a row on target · {since}"
    )
