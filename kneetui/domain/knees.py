"""Soreness per knee and per day: the figures every coaching rule reads.

A runner's two knees can hurt very differently (left 5, right 0), and a mean of
both would hide the sore one. So the rules never mix knees or count entries:

- a day's score for a knee is the mean of that day's scores for that knee, and a
  score given for "both" knees counts for each of them;
- a figure over several days (the last 7 days, a week, the baseline) is the mean
  of the day scores in it, so six scores of 1 on one day weigh as much as the
  single 6 of another day;
- each rule runs for the left and the right knee and acts on the worse one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from kneetui.domain.models import Context, Knee, SorenessEntry

KNEES = (Knee.LEFT, Knee.RIGHT)
WINDOW_DAYS = 7  # "the last 7 days" and "the first week": 7 local days each
# Means of whole-number scores are floats: a first week of 32/7 and a last week of
# 3.2 are exactly 30% apart, yet the division gives 29.999999999999993%.
TOLERANCE = 1e-9

DayScores = Mapping[dt.date, float]


def concerns(entry: SorenessEntry, knee: Knee) -> bool:
    """Whether a score speaks for `knee`: its own, or one for both knees."""
    return entry.knee is knee or entry.knee is Knee.BOTH


def day_scores(
    entries: Iterable[SorenessEntry], knee: Knee, *, mornings: bool | None = None
) -> dict[dt.date, float]:
    """Each local day's mean score for `knee`. `mornings` True keeps only
    next-morning scores, False only the others, None all of them."""
    sums: dict[dt.date, list[int]] = {}
    for entry in entries:
        if not concerns(entry, knee):
            continue
        if mornings is not None and (entry.context is Context.NEXT_MORNING) is not mornings:
            continue
        total = sums.setdefault(entry.local_day, [0, 0])
        total[0] += entry.score
        total[1] += 1
    return {day: total / count for day, (total, count) in sums.items()}


def window_mean(days: DayScores, first: dt.date, last: dt.date) -> float | None:
    """The mean of the day scores from `first` to `last`, both included; None for
    a window without a score."""
    values = [score for day, score in days.items() if first <= day <= last]
    return sum(values) / len(values) if values else None


def last_days_mean(days: DayScores, today: dt.date, *, weeks_back: int = 0) -> float | None:
    """The mean of the 7 days that end `weeks_back` weeks before `today` (0: the
    last 7 days, today included; 1: the 7 days before those)."""
    last = today - dt.timedelta(days=WINDOW_DAYS * weeks_back)
    return window_mean(days, last - dt.timedelta(days=WINDOW_DAYS - 1), last)


def knee_words(knee: Knee) -> str:
    """ "the left knee", "the right knee" or "both knees"."""
    return "both knees" if knee is Knee.BOTH else f"the {knee.value} knee"


def owner(knee: Knee) -> str:
    """How a sentence starts when it is about one knee: "Your left knee" or, for
    both, "Your knees"."""
    return "Your knees" if knee is Knee.BOTH else f"Your {knee.value} knee"


class Pair(NamedTuple):
    """A figure for each knee; `worse` is the knee a rule acts on."""

    left: float | None
    right: float | None

    @property
    def differ(self) -> bool:
        return self.left != self.right

    def of(self, knee: Knee) -> float | None:
        return self.right if knee is Knee.RIGHT else self.left

    @property
    def worse(self) -> Knee:
        """The knee with the higher figure; BOTH when they are equal."""
        if not self.differ:
            return Knee.BOTH
        if self.right is None:
            return Knee.LEFT
        if self.left is None or self.right > self.left:
            return Knee.RIGHT
        return Knee.LEFT

    @property
    def highest(self) -> float | None:
        values = [v for v in (self.left, self.right) if v is not None]
        return max(values) if values else None


def knee_pair(entries: Iterable[SorenessEntry], today: dt.date, *, weeks_back: int = 0) -> Pair:
    """Each knee's mean of the 7 days ending `weeks_back` weeks before `today`."""
    items = list(entries)
    left, right = (
        last_days_mean(day_scores(items, knee), today, weeks_back=weeks_back) for knee in KNEES
    )
    return Pair(left, right)
