"""How soreness follows load: Spearman's rank correlation with ties, and the
next-morning means after spike runs and after other runs, against values worked
out by hand."""

from __future__ import annotations

import datetime as dt
import math
import uuid

import pytest

from kneetui.domain.after_runs import (
    TOO_FEW_WORDS,
    after_runs,
    average_ranks,
    spearman,
    worse_morning,
)
from kneetui.domain.models import SorenessEntry
from kneetui.domain.runs import Run

from .builders import AFTER_RUN, LEFT, RIGHT, morning, score

FIRST = dt.date(2026, 9, 1)


def run(day: dt.date, km: float, hour: int = 7) -> Run:
    started = dt.datetime.combine(day, dt.time(hour), dt.UTC)
    return Run(str(uuid.uuid5(uuid.NAMESPACE_URL, f"{day} {hour} {km}")), started, day, km)


def test_average_ranks_share_ties() -> None:
    assert average_ranks([8, 8, 12, 21.1, 10]) == [1.5, 1.5, 4, 5, 3]
    assert average_ranks([1, 2, 2, 5, 1]) == [1.5, 3.5, 3.5, 5, 1.5]
    assert average_ranks([3, 3, 3]) == [2, 2, 2]
    assert average_ranks([]) == []


def test_spearman_with_ties_by_hand() -> None:
    # Ranks of x: 1.5 1.5 4 5 3; of y: 1.5 3.5 3.5 5 1.5; both have mean 3.
    # Deviations x: -1.5 -1.5 1 2 0; y: -1.5 0.5 0.5 2 -1.5.
    # Σdxdy = 2.25 - 0.75 + 0.5 + 4 + 0 = 6; Σdx² = 9.5; Σdy² = 9.
    # rho = 6 / √85.5 = 0.6489 (the no-ties shortcut 1 - 6Σd²/n(n²-1) would give 0.675).
    rho = spearman([8, 8, 12, 21.1, 10], [1, 2, 2, 5, 1])
    assert rho == pytest.approx(6 / math.sqrt(85.5), abs=1e-12)
    assert round(rho, 4) == 0.6489  # type: ignore[arg-type]


def test_spearman_without_ties_by_hand() -> None:
    # Ranks x: 1 2 3 4; y: 2 1 4 3; d² = 1 1 1 1: rho = 1 - 6·4/(4·15) = 0.6.
    assert spearman([5, 6, 7, 8], [2, 1, 4, 3]) == pytest.approx(0.6)
    assert spearman([1, 2, 3], [9, 5, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)


def test_spearman_has_no_value_without_spread() -> None:
    assert spearman([5, 5, 5], [1, 2, 3]) is None
    assert spearman([1, 2, 3], [4, 4, 4]) is None
    assert spearman([1], [1]) is None
    assert spearman([], []) is None
    with pytest.raises(ValueError):
        spearman([1, 2], [1])


def test_the_morning_is_the_worse_knees_next_morning_scores() -> None:
    day = FIRST
    scores = [
        morning(day, 2, LEFT),
        morning(day, 4),  # both: left (2+4)/2 = 3, right 4
        score(day, 9, hour=19, context=AFTER_RUN),  # not a next-morning score
    ]
    assert worse_morning(scores, day) == 4.0
    assert worse_morning([morning(day, 5, RIGHT), morning(day, 1, LEFT)], day) == 5.0
    assert worse_morning(scores, day + dt.timedelta(days=1)) is None
    assert worse_morning([score(day, 9)], day) is None


def test_means_after_spike_runs_and_after_other_runs() -> None:
    # 10 km on days 0, 2 and 4; 12 km (20% over 10: small spike) on day 6 and 20 km
    # (67% over 12: moderate) on day 8. Next mornings: day 1: 1, day 3: 2, day 5:
    # none, day 7: 4, day 9: 6.
    days = [FIRST + dt.timedelta(days=n) for n in range(10)]
    runs = [run(days[0], 10), run(days[2], 10), run(days[4], 10), run(days[6], 12)]
    runs.append(run(days[8], 20))
    scores = [morning(days[1], 1), morning(days[3], 2), morning(days[7], 4), morning(days[9], 6)]
    found = after_runs(runs, scores)
    assert found.spike == (2, 5.0)  # (4 + 6) / 2
    assert found.other == (2, 1.5)  # (1 + 2) / 2; day 4's run has no morning
    # Distances 10 10 12 20 against mornings 1 2 4 6: ranks 1.5 1.5 3 4 and 1 2 3 4.
    # dx: -1 -1 .5 1.5, dy: -1.5 -.5 .5 1.5: Σ = 1.5 + .5 + .25 + 2.25 = 4.5,
    # Σdx² = 4.5, Σdy² = 5: rho = 4.5 / √22.5 = 0.9487.
    assert found.correlation.n == 4
    assert found.correlation.rho == pytest.approx(4.5 / math.sqrt(22.5))
    assert found.means_words == TOO_FEW_WORDS
    assert found.correlation_words == TOO_FEW_WORDS


def test_two_runs_on_a_day_count_once_with_their_distances_added() -> None:
    day = FIRST
    runs = [run(day, 5, hour=7), run(day, 5, hour=18)]
    found = after_runs(runs, [morning(day + dt.timedelta(days=1), 3)])
    assert [(p.distance_km, p.spike, p.morning) for p in found.pairs] == [(10, False, 3.0)]


def test_one_run_stored_twice_counts_once() -> None:
    # Scores for the left and the right knee after one 8 km run, a minute apart,
    # became two runs when migrated: still one 8 km run.
    day = FIRST
    first = run(day, 8.0)
    again = first._replace(
        uuid=str(uuid.uuid4()), started_at=first.started_at + dt.timedelta(minutes=1)
    )
    found = after_runs([first, again], [morning(day + dt.timedelta(days=1), 3)])
    assert [p.distance_km for p in found.pairs] == [8.0]


def _steady(
    n: int, *, morning_of: dict[int, int] | None = None
) -> tuple[list[Run], list[SorenessEntry]]:
    """n runs two days apart, 8 km rising by 0.1 km; mornings 1 unless given."""
    runs: list[Run] = []
    scores: list[SorenessEntry] = []
    for i in range(n):
        day = FIRST + dt.timedelta(days=2 * i)
        runs.append(run(day, 8 + i / 10))
        scores.append(morning(day + dt.timedelta(days=1), (morning_of or {}).get(i, 1 + i % 3)))
    return runs, scores


@pytest.mark.parametrize(("n", "told"), [(9, False), (10, True)])
def test_too_few_runs_to_tell_below_ten(n: int, told: bool) -> None:
    runs, scores = _steady(n)
    found = after_runs(runs, scores)
    assert found.correlation.n == n
    assert (found.correlation_words != TOO_FEW_WORDS) is told


def test_the_words_say_which_way_and_how_strong() -> None:
    # Mornings rising with distance: a strong link.
    runs, scores = _steady(12, morning_of={i: i // 2 for i in range(12)})
    found = after_runs(runs, scores)
    assert found.correlation.rho is not None and found.correlation.rho > 0.9
    assert found.correlation_words == "a strong link: longer runs were followed by sorer mornings"
    runs, scores = _steady(12, morning_of={i: 6 - i // 2 for i in range(12)})
    assert after_runs(runs, scores).correlation_words.endswith("by less sore mornings")
    runs, scores = _steady(12, morning_of=dict.fromkeys(range(12), 2))
    assert after_runs(runs, scores).correlation_words.startswith("no link to measure")


def test_means_words_need_ten_of_each() -> None:
    # Ten 10 km runs (mornings 1), then spikes: 10 runs, each 20% over the last.
    runs, scores = [], []
    km = 10.0
    for i in range(20):
        day = FIRST + dt.timedelta(days=2 * i)
        if i >= 10:
            km *= 1.2
        runs.append(run(day, round(km, 2)))
        scores.append(morning(day + dt.timedelta(days=1), 1 if i < 10 else 3))
    found = after_runs(runs, scores)
    assert found.spike == (10, 3.0) and found.other == (10, 1.0)
    assert found.means_words == "next mornings were 2.0 points sorer after spike runs"
    found = after_runs(runs[:-1], scores)
    assert found.spike.n == 9 and found.means_words == TOO_FEW_WORDS
