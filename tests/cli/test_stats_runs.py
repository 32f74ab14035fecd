"""`kneetui stats` with runs: the spike warning with its numbers, and how soreness
followed load, as text and JSON, through the real command."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

from kneetui.domain.models import Context, Knee, SorenessEntry
from kneetui.domain.runs import Run
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW

TODAY = dt.datetime.now().astimezone().date()
SPIKE = (
    "Yesterday's 21.1 km was 76% longer than your longest run of the previous 30 days "
    "(12.0 km): a moderate spike. Keep the next runs within 10% of 12.0 km."
)
# Every key `stats --json` had before runs came in.
KEYS = {"adherence", "soreness", "weekly", "holds", "red_flags", "advice", "not_medical_advice"}


def run(days_ago: int, km: float) -> Run:
    day = TODAY - dt.timedelta(days=days_ago)
    started = dt.datetime.combine(day, dt.time(9)).astimezone()
    return Run(str(uuid.uuid4()), started.astimezone(dt.UTC), day, km, elapsed_minutes=km * 6)


def morning(days_ago: int, score: int) -> SorenessEntry:
    day = TODAY - dt.timedelta(days=days_ago)
    logged = dt.datetime.combine(day, dt.time(7, 30)).astimezone().astimezone(dt.UTC)
    return SorenessEntry(str(uuid.uuid4()), logged, day, score, Knee.BOTH, Context.NEXT_MORNING)


def store_history(db_path: Path, runs: list[Run], scores: list[SorenessEntry]) -> None:
    with Store.open(db_path, now=NOW) as store:
        for item in runs:
            assert store.add_run(item)
        for entry in scores:
            store.add_soreness(entry)


def test_stats_warns_of_yesterdays_spike_with_the_numbers(db_path: Path) -> None:
    store_history(db_path, [run(20, 8.0), run(10, 12.0), run(1, 21.1)], [morning(0, 2)])
    out = kneetui("stats", db=db_path).out
    assert f"  [spike] {SPIKE}\n" in out
    assert out.rstrip().endswith("If in doubt, see a physical therapist or a doctor.")
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert set(document) >= KEYS
    (spike,) = [a for a in document["advice"] if a["rule"] == "spike-run"]
    assert spike["kind"] == "spike" and spike["message"] == SPIKE
    figures = spike["figures"]
    assert (figures["distance_km"], figures["longest_km"], figures["spike"]) == (
        21.1,
        12.0,
        "moderate",
    )
    assert figures["ceiling_km"] == 13.2 and figures["hazard_rate_ratio"] == 1.52
    assert document["not_medical_advice"].startswith("Not medical advice")


def test_no_spike_no_warning(db_path: Path) -> None:
    # 13.2 km is exactly 10% over 12.0: no spike.
    store_history(db_path, [run(10, 12.0), run(1, 13.2)], [])
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert all(a["kind"] != "spike" for a in document["advice"])
    assert "[spike]" not in kneetui("stats", db=db_path).out


def test_stats_shows_how_soreness_followed_load(db_path: Path) -> None:
    # Twelve runs two days apart, 10.0 to 11.1 km (never 10% over the longest:
    # no spike), each followed by a next-morning score of i // 2: 0 0 1 1 ... 5 5.
    # Ranks of the distances 1..12, of the mornings 1.5 1.5 3.5 3.5 ... 11.5 11.5:
    # Σdxdy = 140, Σdx² = 143, Σdy² = 140, rho = √(140/143) = 0.9895.
    runs = [run(2 * (12 - i), 10.0 + i / 10) for i in range(12)]
    scores = [morning(2 * (12 - i) - 1, i // 2) for i in range(12)]
    store_history(db_path, runs, scores)
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert set(document) >= KEYS
    after = document["soreness_after_runs"]
    assert after["spearman"] == {
        "rho": 0.99,
        "n": 12,
        "words": "a strong link: longer runs were followed by sorer mornings",
    }
    assert after["other_runs"] == {"n": 12, "mean": 2.5}
    assert after["spike_runs"] == {"n": 0, "mean": None}
    assert after["means_words"] == "too few runs to tell"
    out = kneetui("stats", db=db_path).out
    assert (
        "Soreness after runs (the next morning, worse knee)\n"
        "  After spike runs: no runs (n = 0); after other runs: average 2.5 (n = 12).\n"
        "  Too few runs to tell.\n"
        "  Run distance against next-morning soreness: Spearman's rho +0.99 (n = 12).\n"
        "  A strong link: longer runs were followed by sorer mornings.\n"
        "  A link is not proof that one causes the other.\n"
    ) in out


def test_under_ten_runs_it_says_too_few_to_tell(db_path: Path) -> None:
    runs = [run(2 * (9 - i), 10.0 + i / 10) for i in range(9)]
    scores = [morning(2 * (9 - i) - 1, i // 2) for i in range(9)]
    store_history(db_path, runs, scores)
    after = json.loads(kneetui("stats", "--json", db=db_path).out)["soreness_after_runs"]
    assert after["spearman"]["n"] == 9 and after["spearman"]["words"] == "too few runs to tell"
    out = kneetui("stats", db=db_path).out
    assert "Spearman's rho" in out and "(n = 9).\n  Too few runs to tell.\n" in out


def test_without_runs_stats_says_so(db_path: Path) -> None:
    store_history(db_path, [], [morning(0, 1)])
    out = kneetui("stats", db=db_path).out
    assert "  No run with a next-morning score the day after it yet.\n" in out
    document = json.loads(kneetui("stats", "--json", db=db_path).out)
    assert document["soreness_after_runs"]["spearman"] == {
        "rho": None,
        "n": 0,
        "words": "too few runs to tell",
    }
