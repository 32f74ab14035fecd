"""The synthetic histories of `make bench` carry runs, about four a week, each
before the after-run score of its day, so start-up and the chart are measured
with a runner's ten years of runs stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

if not (Path(__file__).resolve().parent.parent / "benchmarks" / "data.py").is_file():
    pytest.skip("the benchmarks/ folder is not here", allow_module_level=True)

from benchmarks import data
from kneetui.routine_file import load_routine


def test_a_year_of_history_has_about_four_runs_a_week() -> None:
    bundle = data.history_bundle(load_routine(), 364, dt.date(2026, 11, 30))

    assert 3.5 * 52 <= len(bundle.runs) <= 4.5 * 52
    scores = {entry.local_day: entry for entry in bundle.soreness}
    for run in bundle.runs:
        score = scores[run.local_day]
        assert run.started_at < score.logged_at
        assert run.distance_km == score.run_km
    assert len({run.uuid for run in bundle.runs}) == len(bundle.runs)
    assert len({run.content_hash for run in bundle.runs}) == len(bundle.runs)


def test_the_cached_history_stores_them(tmp_path: Path) -> None:
    history = data.cached_history(28, cache=tmp_path)

    scores, _, _, runs = data.check_counts(history.path)
    assert scores == 28
    assert 10 <= runs <= 20
