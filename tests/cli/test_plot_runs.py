"""`kneetui plot` draws the runs under the scores: the longest run of each day (or
group of days, for a long range) as a bar on a km axis on the right, spike runs
in a glyph of their own, named in the legend. Through the real command."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from kneetui.domain.runs import Run
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui


def seed(db: Path, *, runs: bool) -> None:
    """Two years of scores every other day (the command reads the real clock), and
    with `runs` a run of 8 km before each score and one of 20 km three days ago."""
    now = dt.datetime.now().astimezone()
    with Store.open(db, now=now) as store:
        for days in range(0, 730, 2):
            at = now - dt.timedelta(days=days, hours=2)
            store.add_soreness(new_entry(days % 6, at=at, now=now))
            if runs and days != 2:
                store.add_run(run(at - dt.timedelta(hours=2), 8.0))
        if runs:
            store.add_run(run(now - dt.timedelta(days=3), 20.0))


def run(started: dt.datetime, km: float) -> Run:
    started = started.astimezone(dt.UTC).replace(microsecond=0)
    return Run(str(uuid.uuid4()), started, started.date(), km, elapsed_minutes=km * 6)


def plot_rows(text: str) -> list[str]:
    """The rows inside the frame, without the legend."""
    rows = []
    for line in text.splitlines():
        inside = line.partition("┤")[2] or line.partition("│")[2]
        inside = inside.rpartition("├")[0] or inside.rpartition("│")[0]
        if inside and not any(w in line for w in (" run", " mean", " session")):
            rows.append(inside)
    return rows


def km_labels(text: str) -> list[int]:
    return [int(line.rpartition("├")[2]) for line in text.splitlines() if "├" in line]


def test_plot_draws_runs_as_bars_with_the_spike_marked(db_path: Path) -> None:
    seed(db_path, runs=True)
    result = kneetui("plot", "--days", "30", "--width", "80", "--height", "20", db=db_path)
    assert result.code == 0, result.err
    out = result.out
    assert ":: longest run (km)" in out and "## spike run" in out
    # No axis letters before the legend's lines ("L", "⅃"): plotext's, not ours.
    assert "┤ :: longest run (km)" in out and "│ ## spike run" in out and "⅃" not in out
    rows = plot_rows(out)
    assert any(":" in row for row in rows) and any("#" in row for row in rows), out
    # The 20 km spike stands twice as tall as the 8 km runs would: the tallest bar.
    solid = sum("#" in row for row in rows)
    assert solid > sum(":" in row for row in rows), out
    labels = km_labels(out)
    assert labels[-1] == 0 and max(labels) >= 20, out
    assert max(len(line) for line in out.splitlines()) == 80


def test_plot_of_a_long_range_bars_each_groups_longest_run(db_path: Path) -> None:
    seed(db_path, runs=True)
    result = kneetui("plot", "--days", "700", "--width", "60", "--height", "20", db=db_path)
    assert result.code == 0, result.err
    assert "longest run per" in result.out and "days (km)" in result.out
    assert "## with a spike run" in result.out
    assert any("#" in row for row in plot_rows(result.out)), result.out


def test_plot_without_runs_draws_no_bars(db_path: Path) -> None:
    seed(db_path, runs=False)
    result = kneetui("plot", "--days", "30", "--width", "80", "--height", "20", db=db_path)
    assert result.code == 0, result.err
    assert "daily mean" in result.out
    assert "run" not in result.out and km_labels(result.out) == []
