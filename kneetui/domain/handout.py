"""What goes in the one-page report for the physical therapist (`kneetui report`).

A pure content model: the renderers (Markdown, HTML, PDF in `kneetui.handout`)
only lay it out. Every figure comes from the functions the coaching itself uses
(the `Coaching` value of `coach`, `adherence`, `trend`, `runs`), so the page
says what `kneetui stats` and the dashboard say.

One page, whatever the history: the weekly tables group weeks into at most
`MAX_ROWS` rows, the chart into at most `MAX_CHART_POINTS` points, and the lists
(red flags, notes) keep the latest few and say how many more there were. A
section without data says "no data" rather than disappearing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from kneetui.domain.adherence import adherence_words, days_per_week, week_start, weekly_target
from kneetui.domain.coaching import Coaching
from kneetui.domain.knees import KNEES
from kneetui.domain.models import Acknowledgement, DailySoreness, LevelChange, SorenessEntry
from kneetui.domain.red_flags import FLAG_WORDS, raises_flag
from kneetui.domain.routine import WEEKDAY_NAMES, Routine
from kneetui.domain.runs import Run, Spike, spikes
from kneetui.domain.soreness import band
from kneetui.domain.text import visible
from kneetui.domain.trend import Point, rolling_mean

# Rows of the weekly tables (adherence, run load): 8 weeks touch at most 9 ISO
# weeks, each a row; longer ranges group weeks.
MAX_ROWS = 9
# Points per line of the chart: longer ranges group days (about two a millimetre
# across the page's width).
MAX_CHART_POINTS = 183
MAX_FLAGS = 4
MAX_NOTES = 5
NOTE_CHARS = 160
# The earlier hold changes of an exercise in the range are left out past this many.
MAX_HOLD_CHANGES = 4
HIGH_SCORE = 6  # the notes shown are those of scores of 6 or more (the "too much" band)

NO_DATA = "No data"
NOT_A_DIAGNOSIS = (
    "This report comes from scores the runner logged in kneetui; it is not a diagnosis "
    "and not medical advice."
)
_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(days=7)

LocalDay = Callable[[dt.datetime], dt.date]


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


class Chart(NamedTuple):
    """The soreness trend: each knee's daily means (or the mean of each group of
    `bucket_days` days, dated by its first day), the worse knee's 7-day mean, the
    days (or groups) with a counted session."""

    start: dt.date
    end: dt.date
    left: tuple[Point, ...]
    right: tuple[Point, ...]
    rolling: tuple[Point, ...]
    session_days: tuple[dt.date, ...]
    bucket_days: int = 1

    @property
    def empty(self) -> bool:
        return not (self.left or self.right or self.session_days)


class KneeRow(NamedTuple):
    knee: str  # "Left", "Right"
    baseline_start: dt.date | None
    baseline: float | None  # the first week of scores
    recent: float | None  # the last 7 days
    change_points: float | None
    change_percent: float | None
    words: str | None  # the coaching's words for the change


class WeekRow(NamedTuple):
    """One row of the weekly tables: ISO weeks from `first` (a Monday) to `last`
    (a Sunday), possibly after today."""

    first: dt.date
    last: dt.date
    weeks: int

    @property
    def label(self) -> str:
        if self.weeks == 1:
            return day_text(self.first)
        return f"{day_text(self.first)} – {day_text(self.last)}"


class AdherenceRow(NamedTuple):
    week: WeekRow
    sessions: int  # days with a counted session
    target: int  # sessions a week by the schedule, times the weeks


class RunRow(NamedTuple):
    week: WeekRow
    runs: int
    km: float
    longest_km: float | None
    spikes: int


class HoldRow(NamedTuple):
    exercise: str  # the exercise's name
    at_start: int  # the hold in force on the range's first day, seconds
    changes: tuple[tuple[dt.date, int], ...]  # (local day, new hold) in the range
    earlier_changes: int  # changes in the range left out (the oldest)
    current: int
    ladder: tuple[int, ...]


class FlagRow(NamedTuple):
    day: dt.date
    knee: str
    score: int
    what: str  # the symptoms in words, or "a score of 9/10"
    status: str  # "acknowledged on …", "eased by a later score", "not yet acknowledged"


class NoteRow(NamedTuple):
    day: dt.date
    knee: str
    score: int
    note: str


class AdviceRow(NamedTuple):
    rule: str
    kind: str
    message: str


class Handout(NamedTuple):
    start: dt.date
    end: dt.date
    chart: Chart
    knees: tuple[KneeRow, ...]
    worse_knee: str  # the knee the rules act on: "left", "right" or "both"
    waiting_for: str | None  # what the physical-therapist rule still waits for
    adherence_line: str  # the stats' one-line adherence, this week
    schedule: tuple[str, ...]
    target_per_week: int
    adherence: tuple[AdherenceRow, ...]
    holds: tuple[HoldRow, ...]
    runs: tuple[RunRow, ...] | None  # None: no run in the range
    flags: tuple[FlagRow, ...]  # the latest MAX_FLAGS, oldest first
    more_flags: int
    notes: tuple[NoteRow, ...] | None  # None: left out (--no-notes)
    more_notes: int
    advice: tuple[AdviceRow, ...]
    disclaimer: str = NOT_A_DIAGNOSIS

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def schedule_words(self) -> str:
        days = ", ".join(WEEKDAY_NAMES[d] for d in self.schedule)
        return f"{days} ({self.target_per_week} a week)"


def week_rows(start: dt.date, end: dt.date, max_rows: int = MAX_ROWS) -> list[WeekRow]:
    """The ISO weeks from `start`'s to `end`'s, grouped into at most `max_rows`
    rows of equal length counted back from `end`'s week (the oldest row may be
    shorter), oldest first."""
    first, last = week_start(start), week_start(end)
    weeks = (last - first).days // 7 + 1
    size = -(-weeks // max_rows)
    rows = []
    monday = last
    while monday >= first:
        begin = max(first, monday - (size - 1) * _WEEK)
        count = (monday - begin).days // 7 + 1
        rows.append(WeekRow(begin, monday + 6 * _DAY, count))
        monday = begin - _WEEK
    return rows[::-1]


def chart_of(
    daily: Sequence[DailySoreness],
    session_days: Iterable[dt.date],
    start: dt.date,
    end: dt.date,
    max_points: int = MAX_CHART_POINTS,
) -> Chart:
    """The chart's series. `daily` may start before `start` (for the 7-day mean);
    each knee's points are its day means, or for long ranges the mean of its day
    means in each group of days."""
    span = (end - start).days + 1
    bucket = max(1, -(-span // max_points))

    def key(day: dt.date) -> dt.date:
        return start + dt.timedelta(days=(day - start).days // bucket * bucket)

    shown = [d for d in daily if start <= d.day <= end]
    series: list[list[Point]] = []
    for side in range(len(KNEES)):
        groups: dict[dt.date, list[float]] = {}
        for item in shown:
            value = item.knees[side]
            if value is not None:
                groups.setdefault(key(item.day), []).append(value)
        series.append([Point(day, sum(v) / len(v)) for day, v in sorted(groups.items())])
    last: dict[dt.date, float] = {}
    for point in rolling_mean([d for d in daily if d.day <= end]):
        if point.day >= start:
            last[key(point.day)] = point.value
    sessions = sorted({key(d) for d in session_days if start <= d <= end})
    return Chart(
        start,
        end,
        tuple(series[0]),
        tuple(series[1]),
        tuple(Point(d, v) for d, v in sorted(last.items())),
        tuple(sessions),
        bucket,
    )


def hold_rows(
    routine: Routine,
    levels: Sequence[LevelChange],
    current: dict[str, int],
    start: dt.date,
    local_day: LocalDay,
) -> list[HoldRow]:
    rows = []
    for exercise in routine.exercises:
        own = sorted(
            (lv for lv in levels if lv.exercise == exercise.id), key=lambda lv: lv.changed_at
        )
        before = [lv for lv in own if local_day(lv.changed_at) < start]
        at_start = exercise.hold_step(before[-1].hold_s if before else None)
        changes = [
            (local_day(lv.changed_at), exercise.hold_step(lv.hold_s))
            for lv in own
            if local_day(lv.changed_at) >= start
        ]
        rows.append(
            HoldRow(
                exercise.name,
                at_start,
                tuple(changes[-MAX_HOLD_CHANGES:]),
                max(0, len(changes) - MAX_HOLD_CHANGES),
                current[exercise.id],
                exercise.hold_ladder,
            )
        )
    return rows


def run_rows(runs: Sequence[Run], weeks: Sequence[WeekRow]) -> list[RunRow] | None:
    """Run load per row of weeks: runs, total distance, the longest run and the
    spike runs (each judged against the 30 days before it, so `runs` must reach 30
    days before the first week). None when no run falls in the weeks."""
    if not weeks:
        return None
    first, last = weeks[0].first, weeks[-1].last
    judged = [s for s in spikes(runs) if first <= s.run.local_day <= last]
    if not judged:
        return None
    rows = []
    for week in weeks:
        these = [s for s in judged if week.first <= s.run.local_day <= week.last]
        rows.append(
            RunRow(
                week,
                len(these),
                sum(s.run.distance_km for s in these),
                max((s.run.distance_km for s in these), default=None),
                sum(1 for s in these if s.spike is not Spike.NONE),
            )
        )
    return rows


def flag_rows(
    scores: Sequence[SorenessEntry],
    acks: Sequence[Acknowledgement],
    standing: set[str],
    local_day: LocalDay,
) -> list[FlagRow]:
    """Each red-flag score of `scores`, oldest first, with what became of it."""
    rows = []
    for entry in sorted((e for e in scores if raises_flag(e)), key=lambda e: e.logged_at):
        what = (
            ", ".join(FLAG_WORDS[f] for f in entry.flags)
            if entry.flags
            else f"a score of {entry.score}/10"
        )
        ack = min(
            (a.acknowledged_at for a in acks if a.acknowledged_at >= entry.logged_at), default=None
        )
        if ack is not None:
            status = f"acknowledged on {local_day(ack).isoformat()}"
        elif entry.uuid in standing:
            status = "not yet acknowledged"
        else:
            status = "eased by a later score"
        rows.append(FlagRow(entry.local_day, entry.knee.value, entry.score, what, status))
    return rows


def note_rows(scores: Sequence[SorenessEntry]) -> list[NoteRow]:
    """The notes of the scores of 6 or more, oldest first, each on one line."""
    rows = []
    for entry in sorted(scores, key=lambda e: e.logged_at):
        note = visible(" ".join(entry.note.split()))
        if entry.score >= HIGH_SCORE and note:
            if len(note) > NOTE_CHARS:
                note = note[: NOTE_CHARS - 1] + "…"
            rows.append(NoteRow(entry.local_day, entry.knee.value, entry.score, note))
    return rows


def handout(
    routine: Routine,
    schedule: Sequence[str],
    coaching: Coaching,
    *,
    start: dt.date,
    today: dt.date,
    daily: Sequence[DailySoreness],
    counted_days: Iterable[dt.date],
    levels: Sequence[LevelChange],
    runs: Sequence[Run],
    scores: Sequence[SorenessEntry],
    acknowledgements: Sequence[Acknowledgement],
    local_day: LocalDay,
    notes: bool = True,
) -> Handout:
    """The report from `start` to `today`.

    `coaching` is today's (`coach`); `daily` the day means from 7 days before
    `start`; `counted_days` the days with a counted session; `runs` every run from
    30 days before the Monday of `start`'s week; `scores` every score from `start`
    to `today`."""
    days = {d for d in counted_days if d <= today}
    weeks = week_rows(start, today)
    per_week = days_per_week(days)
    target = weekly_target(schedule)
    adherence = [
        AdherenceRow(
            week,
            sum(per_week[week.first + i * _WEEK] for i in range(week.weeks)),
            target * week.weeks,
        )
        for week in weeks
    ]
    shown = [e for e in scores if start <= e.local_day <= today]
    standing = {flag.entry.uuid for flag in coaching.red_flags}
    flags = flag_rows(shown, acknowledgements, standing, local_day)
    noted = note_rows(shown) if notes else None
    s = coaching.assessment
    knees = tuple(
        KneeRow(
            f.knee.value.capitalize(),
            f.baseline_start,
            f.baseline_mean,
            f.recent_mean,
            f.change_points,
            f.change_percent,
            f.words,
        )
        for f in s.knees
    )
    return Handout(
        start=start,
        end=today,
        chart=chart_of(daily, days, start, today),
        knees=knees,
        worse_knee=s.knee.value,
        waiting_for=s.waiting_for,
        adherence_line=adherence_words(coaching.adherence),
        schedule=tuple(schedule),
        target_per_week=target,
        adherence=tuple(adherence),
        holds=tuple(hold_rows(routine, levels, coaching.holds, start, local_day)),
        runs=None if (found := run_rows(runs, weeks)) is None else tuple(found),
        flags=tuple(flags[-MAX_FLAGS:]),
        more_flags=max(0, len(flags) - MAX_FLAGS),
        notes=None if noted is None else tuple(noted[-MAX_NOTES:]),
        more_notes=0 if noted is None else max(0, len(noted) - MAX_NOTES),
        advice=tuple(AdviceRow(a.rule, a.kind.value, a.message) for a in coaching.advice),
    )


def mean_text(value: float | None) -> str:
    """A mean as the stats show it: "3.4 (acceptable)", or "no scores"."""
    return "no scores" if value is None else f"{value:.1f} ({band(value).value})"


def change_text(row: KneeRow) -> str:
    if row.change_points is None:
        return "–"
    percent = "" if row.change_percent is None else f", {row.change_percent:+.0f}%"
    return f"{row.change_points:+.1f} points{percent}"
