"""How soreness follows load: the next morning's soreness after each run, set
against the run's distance and against whether it was a spike.

The next morning is the pain-monitoring model's test of a load (soreness should
settle by then), and the single-run spike is the load figure the strongest
evidence ties to overuse injury (Frandsen et al. 2025, see `runs`). Two figures:

- the mean next-morning soreness after spike runs and after other runs, with n;
- Spearman's rank correlation between a run's distance and the next morning's
  soreness, with n. Ranks, not values: a 0–10 score is an ordinal scale, and one
  marathon should not make the figure by itself. Ties get the average of the
  ranks they span, and the coefficient is Pearson's on those ranks (the shortcut
  1 - 6Σd²/n(n²-1) is only exact without ties).

The morning of a run is the next local day's: its next-morning scores, per knee
(a score for both counts for each), each knee's mean, and the worse knee's. A day
with two runs counts once, with their distances added, and as a spike day when
either was a spike: one morning cannot answer two runs; the same run stored twice
(`runs.same_run`: the distances of a left-knee and a right-knee score after one
run, made runs by migration 0004) counts once. Runs with no next-morning
score the next day are left out. Under 10 runs a figure is shown with "too few
runs to tell". Standard library only: one correlation needs no numpy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kneetui.domain.knees import KNEES, day_scores
from kneetui.domain.models import SorenessEntry
from kneetui.domain.runs import Run, Spike, same_run, spikes

TOO_FEW = 10  # fewer runs than this and a figure says nothing yet
TOO_FEW_WORDS = "too few runs to tell"
_DAY = dt.timedelta(days=1)


class RunMorning(NamedTuple):
    """A day's running and the worse knee's score the next morning."""

    day: dt.date
    distance_km: float
    spike: bool
    morning: float


class GroupMean(NamedTuple):
    n: int
    mean: float | None


class Correlation(NamedTuple):
    n: int
    rho: float | None  # None under 2 pairs, or when either side never varies


class AfterRuns(NamedTuple):
    pairs: tuple[RunMorning, ...]
    spike: GroupMean
    other: GroupMean
    correlation: Correlation

    @property
    def means_words(self) -> str:
        if self.spike.n < TOO_FEW or self.other.n < TOO_FEW:
            return TOO_FEW_WORDS
        assert self.spike.mean is not None and self.other.mean is not None
        gap = self.spike.mean - self.other.mean
        if round(gap, 1) == 0:
            return "next mornings were as sore after spike runs as after other runs"
        more = "sorer" if gap > 0 else "less sore"
        return f"next mornings were {abs(gap):.1f} points {more} after spike runs"

    @property
    def correlation_words(self) -> str:
        n, rho = self.correlation
        if n < TOO_FEW:
            return TOO_FEW_WORDS
        if rho is None:
            return "no link to measure: the distances or the mornings never varied"
        size = abs(rho)
        if size < 0.1:
            return "no link between how far you ran and how sore you were the next morning"
        strength = "a weak" if size < 0.3 else "a moderate" if size < 0.5 else "a strong"
        way = "sorer" if rho > 0 else "less sore"
        return f"{strength} link: longer runs were followed by {way} mornings"


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing the mean of the ranks they span: [8, 8, 12] gives
    [1.5, 1.5, 3]."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for i in order[start : end + 1]:
            ranks[i] = shared
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation: Pearson's on average ranks. None under two
    pairs, or when either side has no spread."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs pairs")
    if len(xs) < 2:
        return None
    rx, ry = average_ranks(xs), average_ranks(ys)
    mean = (len(xs) + 1) / 2  # the mean of ranks 1..n, ties or not
    dx = [r - mean for r in rx]
    dy = [r - mean for r in ry]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        return None
    rho = math.fsum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, rho))


def worse_morning(scores: Iterable[SorenessEntry], day: dt.date) -> float | None:
    """The worse knee's mean of `day`'s next-morning scores; None without one."""
    entries = [e for e in scores if e.local_day == day]
    found = [
        days[day] for knee in KNEES if day in (days := day_scores(entries, knee, mornings=True))
    ]
    return max(found, default=None)


def after_runs(runs: Sequence[Run], soreness: Sequence[SorenessEntry]) -> AfterRuns:
    """The figures from every run and the scores of the days after them (more
    scores do no harm). Spikes are judged against all of `runs`."""
    days: dict[dt.date, tuple[float, bool]] = {}
    kept: dict[dt.date, list[Run]] = {}
    for judged in spikes(runs):
        day = judged.run.local_day
        if any(same_run(other, judged.run) for other in kept.get(day, ())):
            continue  # one run stored twice (two scores' distances, two sources)
        kept.setdefault(day, []).append(judged.run)
        km, spiked = days.get(day, (0.0, False))
        days[day] = (km + judged.run.distance_km, spiked or judged.spike is not Spike.NONE)
    by_day: dict[dt.date, list[SorenessEntry]] = {}
    for entry in soreness:
        by_day.setdefault(entry.local_day, []).append(entry)
    pairs = []
    for day in sorted(days):
        morning = worse_morning(by_day.get(day + _DAY, ()), day + _DAY)
        if morning is not None:
            km, spiked = days[day]
            pairs.append(RunMorning(day, km, spiked, morning))
    return AfterRuns(
        tuple(pairs),
        _mean(p.morning for p in pairs if p.spike),
        _mean(p.morning for p in pairs if not p.spike),
        Correlation(
            len(pairs), spearman([p.distance_km for p in pairs], [p.morning for p in pairs])
        ),
    )


def _mean(values: Iterable[float]) -> GroupMean:
    found = list(values)
    return GroupMean(len(found), math.fsum(found) / len(found) if found else None)
