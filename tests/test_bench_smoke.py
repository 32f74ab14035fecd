"""`make bench` still works: every measure of the harness runs on a few days of
data, once, with a 2-second routine and one launch of each program in a real
pseudo-terminal. Only that each figure is measured is checked, never how fast
(speed is a report, DESIGN.md §6)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

if not (Path(__file__).resolve().parent.parent / "benchmarks" / "harness.py").is_file():
    # An sdist ships tests/ but not benchmarks/.
    pytest.skip("the benchmarks/ folder is not here", allow_module_level=True)

from benchmarks.harness import run_all, smoke_plan
from benchmarks.report import HEADERS, MET, NOT_MET, WATCH, format_table

FIGURES = {
    "startup.first_paint",
    "startup.settled",
    "startup.peak_memory",
    "startup.settled_new_size",
    "startup.settled_one_core",
    "startup.head_start_time",
    "startup.head_start_memory",
    "chart.large",
    "chart.huge",
    "storage.commit",
    "storage.query_large",
    "storage.query_huge",
    "shell.log_large",
    "shell.log_floor",
    "shell.status",
    "timer.tick",
    "timer.phase",
    "timer.drift",
    "timer.tick_busy_disk",
    "timer.phase_busy_disk",
    "timer.drift_busy_disk",
    "timer.rep_on_disk",
    "timer.rep_on_disk_busy_disk",
    "import.first",
    "import.again",
    "report.pdf",
    "merge.histories",
    "merge.noop_sync",
}
RATIO_FIGURES = {
    key
    for key in FIGURES
    if (
        key.startswith(("startup.", "chart.", "shell.", "import.", "report."))
        and not key.startswith("startup.head_start")
    )
    or key == "merge.histories"
}
WATCH_FIGURES = {
    "shell.log_floor",
    "startup.settled_new_size",
    "startup.settled_one_core",
    "startup.head_start_time",
    "startup.head_start_memory",
}


def test_every_measure_runs_and_fills_the_table(tmp_path: Path) -> None:
    outcome = run_all(smoke_plan(tmp_path / "cache"))

    assert outcome.failures == []
    rows = {row.key: row for row in outcome.rows}
    assert set(rows) == FIGURES
    for key, row in rows.items():
        assert math.isfinite(row.value), key
        assert row.value >= 0 or row.magnitude, key
        if key in RATIO_FIGURES:
            assert row.reference is not None and row.reference > 0, key
            assert row.ratio is not None and math.isfinite(row.ratio), key
        else:
            assert row.reference is None, key
        assert (row.limit is None) == (key in WATCH_FIGURES), key
    assert rows["startup.peak_memory"].value > 1  # MiB: a real process was measured

    lines = format_table(outcome.rows).splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == list(HEADERS)
    assert len(lines) == 2 + len(FIGURES)
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(HEADERS)
        assert cells[-1] in (MET, NOT_MET, WATCH)
    # Nothing is left behind but the cached histories.
    assert not list((tmp_path / "cache").glob("work-*"))


def test_only_runs_the_measures_named(tmp_path: Path) -> None:
    """`python -m benchmarks --only storage` measures storage and nothing else."""
    plan = dataclasses.replace(smoke_plan(tmp_path / "cache"), only=frozenset({"storage"}))

    outcome = run_all(plan)

    assert outcome.failures == []
    assert {row.key for row in outcome.rows} == {
        key for key in FIGURES if key.startswith("storage.")
    }
