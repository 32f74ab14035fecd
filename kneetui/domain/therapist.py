"""When to see a physical therapist (rule `see-physical-therapist`), and the
figures behind it: each knee's baseline and last 7 days, and the change in words.

The routine's own advice is to consider a physical therapist "if your knees are
still sore after a few weeks of doing these exercises". Made measurable, per knee:
- the routine started on the day of the first counted session (day 1), and at
  least 21 days of it have passed;
- the knee's baseline is the mean of the 7 days that start at its first day with a
  score, on or after the start of the routine (a runner who logs nothing in the
  first week gets a later baseline, never a rule that waits forever);
- its last 7 days (today included) average 3 or more, above the pain-monitoring
  model's safe band;
- and that is no meaningful improvement on the baseline: a fall of 2 points, or of
  30% from a baseline of 3 or more (Farrar et al. 2001).
Adherence does not silence it: when the routine was on target in half of the full
weeks or fewer, the notice says to do it regularly, or see a physical therapist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from kneetui.domain.adherence import days_per_week, full_weeks, weekly_target
from kneetui.domain.knees import (
    KNEES,
    TOLERANCE,
    WINDOW_DAYS,
    day_scores,
    last_days_mean,
    window_mean,
)
from kneetui.domain.models import Knee, SorenessEntry
from kneetui.domain.rules import (
    MEANINGFUL_PERCENT,
    MEANINGFUL_POINTS,
    PERCENT_FROM_BASELINE,
    ROUTINE_DAYS_BEFORE_THERAPIST,
    STILL_SORE_MEAN,
)


class Change(StrEnum):
    WORSE = "worse"  # a rise
    SAFE = "safe"  # no rise, from a baseline below 3
    MEANINGFUL = "meaningful"  # an improvement of 2 points, or 30% from 3 or more
    NOT_MEANINGFUL = "not-meaningful"


def meaningful_improvement(baseline: float, recent: float) -> bool:
    """A fall of at least 2 points, or of 30% from a baseline of 3 or more."""
    fall = baseline - recent
    if fall >= MEANINGFUL_POINTS - TOLERANCE:
        return True
    return (
        baseline >= PERCENT_FROM_BASELINE - TOLERANCE
        and fall / baseline * 100 >= MEANINGFUL_PERCENT - TOLERANCE
    )


def change_of(baseline: float, recent: float) -> Change:
    if recent > baseline + TOLERANCE:
        return Change.WORSE
    if baseline < PERCENT_FROM_BASELINE - TOLERANCE:
        return Change.SAFE
    return Change.MEANINGFUL if meaningful_improvement(baseline, recent) else Change.NOT_MEANINGFUL


def change_words(baseline: float, recent: float) -> str:
    """The change from the baseline to the last 7 days, in the coaching's words."""
    figures = f"{baseline:.1f} → {recent:.1f}"
    return {
        Change.WORSE: f"sorer than in your first week: {figures}",
        Change.SAFE: f"already in the safe band: {figures}",
        Change.MEANINGFUL: f"a meaningful improvement on your first week: {figures}",
        Change.NOT_MEANINGFUL: f"no meaningful improvement on your first week: {figures}",
    }[change_of(baseline, recent)]


class KneeFigures(NamedTuple):
    knee: Knee
    baseline_start: dt.date | None  # the first day with a score on or after the start
    baseline_mean: float | None
    recent_mean: float | None  # the last 7 days, today included
    change_points: float | None  # recent minus baseline: negative is less sore
    change_percent: float | None  # the same, as a percentage of the baseline
    meaningful: bool  # a meaningful improvement
    change: Change | None

    @property
    def still_sore(self) -> bool:
        return self.recent_mean is not None and self.recent_mean >= STILL_SORE_MEAN - TOLERANCE

    @property
    def words(self) -> str | None:
        if self.baseline_mean is None or self.recent_mean is None:
            return None
        return change_words(self.baseline_mean, self.recent_mean)


class Assessment(NamedTuple):
    """The figures of the physical-therapist rule, for the knee it acts on."""

    start: dt.date | None  # the day of the first counted session
    routine_days: int  # the start day is day 1, today included; 0 before the start
    sessions: int  # counted sessions from the start to today
    target_per_week: int
    weeks_on_target: int  # among the full weeks
    full_weeks: int  # ISO weeks lying wholly between the start day and today
    knee: Knee  # the worse knee; BOTH when the knees' figures are the same
    figures: KneeFigures  # the worse knee's
    knees: tuple[KneeFigures, ...]  # left, then right
    waiting_for: str | None  # what the rule still waits for, in words
    see_physical_therapist: bool

    @property
    def low_adherence(self) -> bool:
        """On target in half of the full weeks or fewer."""
        return self.full_weeks > 0 and self.weeks_on_target * 2 <= self.full_weeks

    # The worse knee's figures, under the names `stats --json` has always used.
    @property
    def baseline_mean(self) -> float | None:
        return self.figures.baseline_mean

    @property
    def recent_mean(self) -> float | None:
        return self.figures.recent_mean

    @property
    def change_points(self) -> float | None:
        return self.figures.change_points

    @property
    def change_percent(self) -> float | None:
        return self.figures.change_percent

    @property
    def meaningful(self) -> bool:
        return self.figures.meaningful


def knee_figures(
    soreness: Sequence[SorenessEntry], knee: Knee, start: dt.date | None, today: dt.date
) -> KneeFigures:
    days = {d: s for d, s in day_scores(soreness, knee).items() if d <= today}
    recent = last_days_mean(days, today)
    first = min((d for d in days if start is not None and d >= start), default=None)
    baseline = None
    if first is not None:
        baseline = window_mean(days, first, first + dt.timedelta(days=WINDOW_DAYS - 1))
    if baseline is None or recent is None:
        return KneeFigures(knee, first, baseline, recent, None, None, False, None)
    points = recent - baseline
    percent = points / baseline * 100 if baseline else None
    return KneeFigures(
        knee,
        first,
        baseline,
        recent,
        points,
        percent,
        meaningful_improvement(baseline, recent),
        change_of(baseline, recent),
    )


def _worse(knees: Sequence[KneeFigures], due: Sequence[KneeFigures]) -> tuple[Knee, KneeFigures]:
    """The knee the rule acts on: one the notice is due for, else the sorer one
    over the last 7 days, else the one that changed for the worse."""
    left, right = knees
    if left[1:] == right[1:]:
        return Knee.BOTH, left._replace(knee=Knee.BOTH)
    pool = due or knees

    def badness(f: KneeFigures) -> tuple[float, float]:
        recent = -1.0 if f.recent_mean is None else f.recent_mean
        points = -99.0 if f.change_points is None else f.change_points
        return (recent, points)

    chosen = max(pool, key=badness)
    return chosen.knee, chosen


def assess(
    counted_days: Iterable[dt.date],
    sessions: int,
    soreness: Iterable[SorenessEntry],
    schedule: Sequence[str],
    today: dt.date,
) -> Assessment:
    """`counted_days` are the days with a counted session, `sessions` how many
    counted sessions there were up to today."""
    days = {d for d in counted_days if d <= today}
    scores = [e for e in soreness if e.local_day <= today]
    start = min(days, default=None)
    routine_days = 0 if start is None else (today - start).days + 1
    knees = tuple(knee_figures(scores, knee, start, today) for knee in KNEES)
    enough = routine_days >= ROUTINE_DAYS_BEFORE_THERAPIST
    due = [f for f in knees if enough and f.still_sore and not f.meaningful]
    knee, figures = _worse(knees, due)
    target = weekly_target(schedule)
    weeks = full_weeks(start, today) if start is not None else []
    per_week = days_per_week(days)
    weeks_wanted = ROUTINE_DAYS_BEFORE_THERAPIST // WINDOW_DAYS
    wanted = [
        (start is None, "a first completed session"),
        (
            start is not None and not enough,
            f"{weeks_wanted} weeks of the routine (day {routine_days} of "
            f"{ROUTINE_DAYS_BEFORE_THERAPIST})",
        ),
        (all(f.recent_mean is None for f in knees), "a soreness score in the last 7 days"),
    ]
    return Assessment(
        start=start,
        routine_days=routine_days,
        sessions=sessions if start is not None else 0,
        target_per_week=target,
        weeks_on_target=sum(1 for monday in weeks if per_week[monday] >= target),
        full_weeks=len(weeks),
        knee=knee,
        figures=figures,
        knees=knees,
        waiting_for=None if due else _and([words for lacking, words in wanted if lacking]),
        see_physical_therapist=bool(due),
    )


def _and(items: Sequence[str]) -> str | None:
    """Items as words: a; a and b; a, b and c. None for no items."""
    if len(items) <= 1:
        return items[0] if items else None
    return ", ".join(items[:-1]) + " and " + items[-1]
