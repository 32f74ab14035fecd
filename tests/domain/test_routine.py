"""data/routine.toml loads into the routine of DESIGN.md §1; broken files are refused
with the file and the field named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kneetui.domain.errors import ValidationError
from kneetui.domain.routine import Between, RoutineError, Sides, check_schedule, parse_routine
from kneetui.routine_file import load_routine, routine_path
from tests.conftest import REPO

ROUTINE_TEXT = (REPO / "data" / "routine.toml").read_text()


def test_the_shipped_routine_has_the_three_exercises_of_the_design() -> None:
    routine = load_routine()
    assert [e.id for e in routine.exercises] == ["leg-raise", "hamstring-curl", "calf-raise"]
    leg, curl, calf = routine.exercises
    assert (leg.sides, leg.reps, leg.hold_ladder, leg.between) == (
        Sides.ALTERNATE,
        10,
        (5, 10, 15),
        Between.SWITCH,
    )
    assert (curl.sides, curl.hold_ladder, curl.between) == (
        Sides.ALTERNATE,
        (5, 10),
        Between.SWITCH,
    )
    assert (calf.sides, calf.hold_ladder, calf.between, calf.between_s) == (
        Sides.BOTH,
        (20, 25, 30),
        Between.REST,
        5,
    )
    assert "quadriceps" in leg.strengthens
    assert "ankle weights" in curl.equipment
    assert "no shoes" in calf.equipment
    assert routine.schedule == ("mon", "wed", "fri")
    assert "physical therapist" in routine.advice
    assert all(e.setup and e.steps for e in routine.exercises)
    # Getting up with ankle weights, then out of shoes and weights: each is a change-over.
    assert leg.change_over == ""
    assert curl.change_over == "Put on the ankle weights; stand holding a chair or table."
    assert "shoes" in calf.change_over and "ankle weights" in calf.change_over


def test_routine_day_follows_the_schedule() -> None:
    routine = load_routine()
    wednesday, thursday = dt.date(2026, 11, 25), dt.date(2026, 11, 26)
    assert routine.is_routine_day(wednesday)
    assert not routine.is_routine_day(thursday)
    assert routine.is_routine_day(thursday, ["thu"])


def test_planned_seconds_count_every_hold_and_every_switch() -> None:
    leg = load_routine().exercise("leg-raise")
    # 3 s count-in, 20 holds of 5 s, 19 switches of 3 s.
    assert leg.planned_seconds(5, 3) == 3 + 20 * 5 + 19 * 3


def test_a_stored_hold_off_the_ladder_falls_back_to_the_first_step() -> None:
    calf = load_routine().exercise("calf-raise")
    assert calf.hold_step(25) == 25
    assert calf.hold_step(17) == 20
    assert calf.hold_step(None) == 20


def test_routine_path_points_at_an_existing_file() -> None:
    assert routine_path().is_file()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("hold_ladder = [5, 10, 15]", "hold_ladder = [5, 0, 15]", "exercise[1].hold_ladder"),
        ("hold_ladder = [5, 10, 15]", "hold_ladder = [10, 5]", "exercise[1].hold_ladder"),
        ("hold_ladder = [5, 10, 15]", 'hold_ladder = "5"', "exercise[1].hold_ladder"),
        ('sides = "both"', 'sides = "sideways"', "exercise[3].sides"),
        ("reps = 10\nhold_ladder = [5, 10]", "reps = 0\nhold_ladder = [5, 10]", "exercise[2].reps"),
        ('id = "calf-raise"', 'id = "leg-raise"', "exercise.id"),
        ('id = "calf-raise"', 'id = "Calf Raise"', "exercise[3].id"),
        ('name = "Leg Raises"\n', "", "exercise[1].name"),
        ("between_s = 5", "between_s = true", "exercise[3].between_s"),
        ('schedule = ["mon", "wed", "fri"]', 'schedule = ["mon", "someday"]', "routine.schedule"),
        ("get_ready_s = 3", "get_ready_s = -3", "routine.get_ready_s"),
        ('change_over = "Put on', 'change_over = "  "\nx = "Put on', "exercise[2].change_over"),
    ],
)
def test_a_broken_routine_names_the_file_and_the_field(old: str, new: str, field: str) -> None:
    assert old in ROUTINE_TEXT
    broken = ROUTINE_TEXT.replace(old, new, 1)
    with pytest.raises(RoutineError) as caught:
        parse_routine(broken, "/somewhere/routine.toml")
    message = str(caught.value)
    assert message.startswith("/somewhere/routine.toml: ")
    assert field in message


def test_invalid_toml_and_missing_tables_are_refused() -> None:
    with pytest.raises(RoutineError, match=r"^r\.toml: not valid TOML"):
        parse_routine("[routine\n", "r.toml")
    with pytest.raises(RoutineError, match=r"r\.toml: \[routine\]: missing table"):
        parse_routine("", "r.toml")
    head = ROUTINE_TEXT.split("[[exercise]]")[0]
    with pytest.raises(RoutineError, match=r"r\.toml: exercise: at least one"):
        parse_routine(head, "r.toml")


def test_load_routine_names_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(RoutineError, match=r"missing\.toml: cannot be read"):
        load_routine(tmp_path / "missing.toml")
    broken = tmp_path / "routine.toml"
    broken.write_text(ROUTINE_TEXT.replace("reps = 10", "reps = 'ten'", 1))
    with pytest.raises(RoutineError, match=rf"^{broken}: exercise\[1\]\.reps"):
        load_routine(broken)


def test_schedule_accepts_short_and_long_names_in_week_order() -> None:
    assert check_schedule(["FRI", "monday", "wed", "mon"]) == ("mon", "wed", "fri")
    with pytest.raises(ValidationError, match="'funday' is not a weekday"):
        check_schedule(["mon", "funday"])
    with pytest.raises(ValidationError, match="at least one"):
        check_schedule([])
