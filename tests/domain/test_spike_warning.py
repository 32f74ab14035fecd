"""The spike warning (rule spike-run): its words and numbers, both sides of each of
Frandsen's cut-offs, how long it stands, and where it ranks among the advice."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from kneetui.domain.advice import AdviceKind
from kneetui.domain.coaching import Coaching, coach
from kneetui.domain.models import Flag, SorenessEntry
from kneetui.domain.runs import Run
from kneetui.domain.spike_warning import (
    advised_ceiling,
    percent_words,
    spike_advice,
    standing_spike,
)

from .builders import AFTER_RUN, MWF, ROUTINE, morning, mwf, score, session

SUNDAY = dt.date(2026, 11, 29)
TUESDAY = SUNDAY + dt.timedelta(days=2)


def run(day: dt.date, km: float, hour: int = 8) -> Run:
    started = dt.datetime.combine(day, dt.time(hour), dt.UTC)
    return Run(str(uuid.uuid5(uuid.NAMESPACE_URL, f"{day} {hour} {km}")), started, day, km)


def before(days: int) -> dt.date:
    return SUNDAY - dt.timedelta(days=days)


BASE = [run(before(20), 8.0), run(before(10), 12.0), run(before(3), 10.0)]


def warning(runs: list[Run], today: dt.date = TUESDAY) -> str | None:
    found = standing_spike(runs, today)
    return None if found is None else spike_advice(found, today).message


def test_the_issues_example_word_for_word() -> None:
    assert warning([*BASE, run(SUNDAY, 21.1)]) == (
        "Sunday's 21.1 km was 76% longer than your longest run of the previous 30 days "
        "(12.0 km): a moderate spike. Keep the next runs within 10% of 12.0 km."
    )


def test_the_figures_name_the_run_and_the_study() -> None:
    found = standing_spike([*BASE, run(SUNDAY, 21.1)], TUESDAY)
    assert found is not None
    advice = spike_advice(found, TUESDAY)
    assert advice.kind is AdviceKind.SPIKE and advice.rule == "spike-run"
    assert advice.figures == {
        "run": found.run.uuid,
        "day": "2026-11-29",
        "distance_km": 21.1,
        "longest_km": 12.0,
        "over_percent": 75.8,
        "spike": "moderate",
        "hazard_rate_ratio": 1.52,
        "ceiling_km": 13.2,
        "stands_until": "2026-12-05",
    }


@pytest.mark.parametrize(
    ("km", "words"),
    [
        (13.2, None),  # exactly 10% longer: no spike
        (
            13.21,
            "more than 10% longer than your longest run of the previous 30 days (12.0 km): "
            "a small spike",
        ),
        (15.6, "30% longer than your longest run of the previous 30 days (12.0 km): a small spike"),
        (
            15.61,
            "more than 30% longer than your longest run of the previous 30 days (12.0 km): "
            "a moderate spike",
        ),
        (
            24.0,
            "100% longer than your longest run of the previous 30 days (12.0 km): a moderate spike",
        ),
        (
            24.01,
            "more than 100% longer than your longest run of the previous 30 days (12.0 km): "
            "a large spike",
        ),
        (
            30.0,
            "150% longer than your longest run of the previous 30 days (12.0 km): a large spike",
        ),
    ],
)
def test_both_sides_of_each_cut_off(km: float, words: str | None) -> None:
    said = warning([*BASE, run(SUNDAY, km)])
    if words is None:
        assert said is None
    else:
        assert (
            said == f"Sunday's {km:.1f} km was {words}. Keep the next runs within 10% of 12.0 km."
        )


def test_percent_words_never_round_onto_a_cut_off() -> None:
    assert percent_words(0.104) == "more than 10%"
    assert percent_words(0.106) == "11%"
    assert percent_words(0.3049) == "more than 30%"
    assert percent_words(0.30) == "30%"
    assert percent_words(0.7583) == "76%"


def test_the_day_is_named_as_the_runner_says_it() -> None:
    runs = [*BASE, run(SUNDAY, 21.1)]
    assert warning(runs, SUNDAY).startswith("Today's 21.1 km")  # type: ignore[union-attr]
    monday = SUNDAY + dt.timedelta(days=1)
    assert warning(runs, monday).startswith("Yesterday's 21.1 km")  # type: ignore[union-attr]


def test_it_stands_seven_days_the_runs_day_being_the_first() -> None:
    runs = [*BASE, run(SUNDAY, 21.1)]
    assert warning(runs, SUNDAY + dt.timedelta(days=6)) is not None
    assert warning(runs, SUNDAY + dt.timedelta(days=7)) is None


def test_a_later_run_within_ten_percent_of_the_old_longest_ends_it() -> None:
    runs = [*BASE, run(SUNDAY, 21.1)]
    monday = SUNDAY + dt.timedelta(days=1)
    assert warning([*runs, run(monday, 13.2)]) is None
    # 13.3 km is no spike by the study (the 21.1 is now the longest), but it is
    # over what the warning asked for: the warning stands.
    assert warning([*runs, run(monday, 13.3)]) is not None


def test_a_later_spike_takes_its_place() -> None:
    monday = SUNDAY + dt.timedelta(days=1)
    said = warning([*BASE, run(SUNDAY, 21.1), run(monday, 24.0)])
    assert said == (
        "Yesterday's 24.0 km was 14% longer than your longest run of the previous 30 days "
        "(21.1 km): a small spike. Keep the next runs within 10% of 21.1 km."
    )


def test_no_reference_no_spike() -> None:
    # The first run ever, and a run 31 days after the last one, have nothing to
    # compare with.
    assert warning([run(SUNDAY, 21.1)]) is None
    assert warning([run(before(31), 5.0), run(SUNDAY, 21.1)]) is None
    assert warning([run(before(29), 5.0), run(SUNDAY, 21.1)]) is not None


def test_a_run_after_today_is_not_judged() -> None:
    # A run dated after "today" (a clock set back) does not end the warning.
    runs = [*BASE, run(SUNDAY, 21.1), run(TUESDAY + dt.timedelta(days=1), 5.0)]
    assert warning(runs, TUESDAY) is not None


def test_with_a_red_flag_it_says_rest_not_how_far() -> None:
    found = standing_spike([*BASE, run(SUNDAY, 21.1)], TUESDAY)
    assert found is not None
    message = spike_advice(found, TUESDAY, red_flag=True).message
    assert message.endswith("a moderate spike. Rest from running while the red-flag notice stands.")
    assert "Keep the next runs" not in message


def _coach(scores: list[SorenessEntry], runs: list[Run], today: dt.date) -> Coaching:
    sessions = [session(day) for day in mwf(dt.date(2026, 11, 2), 5) if day < today]
    return coach(ROUTINE, MWF, sessions, scores, [], today, runs=runs)


def test_it_ranks_after_the_verdicts_and_before_the_check_ins() -> None:
    # Good sessions with low scores: a step-up is due for every exercise; Sunday's
    # spike run with a score after it and none this morning: a check-in.
    today = SUNDAY + dt.timedelta(days=1)
    first = dt.date(2026, 11, 2)
    scores = []
    for n in range((today - first).days):
        day = first + dt.timedelta(days=n)
        scores.append(score(day, 2))
        scores.append(morning(day + dt.timedelta(days=1), 1))
    scores = [s for s in scores if s.local_day < today]
    scores.append(score(SUNDAY, 2, hour=12, context=AFTER_RUN))
    coaching = _coach(scores, [*BASE, run(SUNDAY, 21.1)], today)
    kinds = [a.kind.value for a in coaching.advice]
    assert "spike" in kinds and "progress" in kinds and "check-in" in kinds
    assert kinds.index("spike") > max(i for i, k in enumerate(kinds) if k == "progress")
    assert kinds.index("spike") < kinds.index("check-in")
    assert kinds.count("spike") == 1


def test_a_red_flag_comes_first_and_changes_the_words() -> None:
    today = SUNDAY + dt.timedelta(days=1)
    scores = [score(SUNDAY, 4, hour=12, context=AFTER_RUN, flags=[Flag.SWELLING])]
    coaching = _coach(scores, [*BASE, run(SUNDAY, 21.1)], today)
    assert coaching.advice[0].kind is AdviceKind.RED_FLAG
    spike = [a for a in coaching.advice if a.kind is AdviceKind.SPIKE]
    assert len(spike) == 1 and spike[0].message.endswith("while the red-flag notice stands.")


def test_no_runs_no_warning() -> None:
    coaching = _coach([], [], TUESDAY)
    assert all(a.kind is not AdviceKind.SPIKE for a in coaching.advice)


def test_the_advised_ceiling_keeps_to_the_warning() -> None:
    monday = SUNDAY + dt.timedelta(days=1)
    now = dt.datetime.combine(monday, dt.time(6), dt.UTC)
    runs = [*BASE, run(SUNDAY, 21.1)]
    # The study's ceiling would now be 10% over the 21.1 km; the warning asks 13.2.
    assert advised_ceiling(runs, now, monday) == pytest.approx(13.2)
    # Once a run kept within it, the study's ceiling is back.
    tuesday = monday + dt.timedelta(days=1)
    later = dt.datetime.combine(tuesday, dt.time(6), dt.UTC)
    runs.append(run(monday, 10.0, hour=5))
    assert advised_ceiling(runs, later, tuesday) == pytest.approx(21.1 * 1.1)
    assert advised_ceiling([], later, tuesday) is None
