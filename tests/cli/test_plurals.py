"""Counts the shell prints read as English: "1 rep", never "1 reps"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kneetui.domain.progression import ease_off
from kneetui.domain.routine import Routine, Sides
from kneetui.domain.text import plural
from tests.cli.helpers import kneetui


@pytest.mark.parametrize(
    ("count", "words"), [(0, "0 reps"), (1, "1 rep"), (2, "2 reps"), (11, "11 reps")]
)
def test_plural(count: int, words: str) -> None:
    assert plural(count, "rep") == words


def test_the_plot_of_one_day_says_one_day(db_path: Path) -> None:
    kneetui("log", "3", db=db_path)
    result = kneetui("plot", "--days", "1", "--width", "60", "--height", "10", db=db_path)
    assert "Soreness, last 1 day (" in result.out
    assert "1 days" not in result.out


def test_a_step_back_from_two_reps_asks_for_one_rep(routine: Routine) -> None:
    # `kneetui stats` prints this advice; a routine file may set 2 or 3 reps.
    calf = routine.exercise("calf-raise")._replace(reps=2, sides=Sides.BOTH)
    assert ease_off(calf, "step-back").startswith("1 rep instead of 2")


def test_an_import_of_one_of_each_counts_in_the_singular(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    kneetui("log", "3", db=source)
    kneetui("level", "leg-raise", "10", db=source)
    export = tmp_path / "one.json"
    kneetui("export", "--output", str(export), db=source)
    assert len(json.loads(export.read_text())["soreness"]) == 1
    result = kneetui("import", str(export), db=tmp_path / "target.db")
    assert result.out.startswith("Imported 1 score, 0 sessions (0 reps) and 1 hold change;")
