"""The routine as data: the exercises of data/routine.toml, checked into frozen values.

A routine file that is broken in any way is refused with the file and the field
named, so a typo in the TOML never turns into a timer that runs a 0-second hold.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from kneetui.domain.errors import KneetuiError, ValidationError
from kneetui.domain.weekdays import WEEKDAYS as WEEKDAYS  # re-exported

WEEKDAY_NAMES: dict[str, str] = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}


# The change-over between exercises counts down a setting, never shorter than this.
CHANGE_OVER_MIN_S = 15
CHANGE_OVER_DEFAULT_S = 15
CHANGE_OVER_MAX_S = 600


def change_over_seconds(value: object) -> int:
    """The change-over setting as stored (anything, or nothing) to whole seconds:
    the default when missing or not a number, never below the minimum."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return CHANGE_OVER_DEFAULT_S
    return int(min(CHANGE_OVER_MAX_S, max(CHANGE_OVER_MIN_S, value)))


def check_change_over(text: str) -> int:
    """A change-over typed by the runner, as whole seconds; refuses what the
    setting cannot hold rather than quietly raising it to the minimum."""
    try:
        seconds = int(text.strip())
    except ValueError:
        seconds = -1
    if not CHANGE_OVER_MIN_S <= seconds <= CHANGE_OVER_MAX_S:
        raise ValidationError(
            "Change-over",
            f"give whole seconds from {CHANGE_OVER_MIN_S} to {CHANGE_OVER_MAX_S}, "
            f"got {text.strip()!r}",
        )
    return seconds


_E = TypeVar("_E", bound=StrEnum)


class RoutineError(KneetuiError):
    """The routine file cannot be used; the message names the file and the field."""


class Sides(StrEnum):
    ALTERNATE = "alternate"  # one leg, then the other, for every rep
    BOTH = "both"  # both feet together


class Between(StrEnum):
    SWITCH = "switch"  # lower and change legs
    REST = "rest"  # rest a few seconds


class Exercise(NamedTuple):
    id: str
    name: str
    strengthens: str
    equipment: str
    setup: str
    steps: tuple[str, ...]
    summary: str  # a one-line how-to
    sides: Sides
    reps: int  # per leg when sides alternate, with both feet otherwise
    hold_ladder: tuple[int, ...]
    between: Between
    between_s: int
    # What to change before this exercise ("Put on the ankle weights; stand
    # holding a chair"): the session then has a change-over before its count-in.
    # Empty for none; the first exercise's is not used (the session starts on s).
    change_over: str = ""

    def hold_step(self, hold_s: int | None) -> int:
        """The ladder step to use for a stored hold: the stored one if it is on the
        ladder, else the first step (the ladder may have changed since)."""
        return hold_s if hold_s in self.hold_ladder else self.hold_ladder[0]

    @property
    def side_words(self) -> str:
        if self.sides is Sides.ALTERNATE:
            return f"{self.reps} per leg, legs alternating"
        return f"{self.reps}, both feet together"

    @property
    def planned_holds(self) -> int:
        """Holds in one session: `reps` per leg when legs alternate."""
        return self.reps * (2 if self.sides is Sides.ALTERNATE else 1)

    def planned_seconds(self, hold_s: int, get_ready_s: int) -> int:
        """Seconds the exercise takes with `hold_s` holds, count-in included."""
        holds = self.planned_holds
        return get_ready_s + holds * hold_s + (holds - 1) * self.between_s


class Routine(NamedTuple):
    name: str
    advice: str
    schedule: tuple[str, ...]
    get_ready_s: int
    exercises: tuple[Exercise, ...]

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        known = ", ".join(e.id for e in self.exercises)
        raise KeyError(f"no exercise {exercise_id!r}; the routine has {known}")

    @property
    def planned_holds(self) -> int:
        """Holds in one whole session of the routine."""
        return sum(e.planned_holds for e in self.exercises)

    def is_routine_day(self, day: dt.date, schedule: Iterable[str] | None = None) -> bool:
        days = tuple(schedule) if schedule is not None else self.schedule
        return WEEKDAYS[day.weekday()] in days


_DAY_ALIASES: dict[str, str] = {
    alias: short
    for short, long in zip(
        WEEKDAYS,
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        strict=True,
    )
    for alias in (short, long)
}


def check_schedule(days: Iterable[str], where: str = "schedule") -> tuple[str, ...]:
    """Weekday names in week order, each once; refuses anything but mon … sun
    (or the full names)."""
    chosen = set()
    for day in days:
        short = _DAY_ALIASES.get(str(day).strip().lower())
        if short is None:
            raise ValidationError(where, f"{day!r} is not a weekday (use mon, tue, … sun)")
        chosen.add(short)
    if not chosen:
        raise ValidationError(where, "give at least one weekday")
    return tuple(d for d in WEEKDAYS if d in chosen)


def parse_routine(text: str, source: str) -> Routine:
    """Parse and check a routine TOML document; `source` names it in errors."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RoutineError(f"{source}: not valid TOML: {error}") from None
    reader = _Reader(source)
    head = reader.table(document, "routine")
    exercises_raw = document.get("exercise")
    if not isinstance(exercises_raw, list) or not exercises_raw:
        raise RoutineError(f"{source}: exercise: at least one [[exercise]] table is needed")
    exercises = tuple(
        _parse_exercise(reader, raw, f"exercise[{index}]")
        for index, raw in enumerate(exercises_raw, start=1)
    )
    ids = [e.id for e in exercises]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RoutineError(f"{source}: exercise.id: {', '.join(duplicates)} used twice")
    try:
        schedule = check_schedule(reader.str_list(head, "schedule", "routine"), "routine.schedule")
    except ValidationError as error:
        raise RoutineError(f"{source}: {error}") from None
    return Routine(
        name=reader.text(head, "name", "routine"),
        advice=reader.text(head, "advice", "routine"),
        schedule=schedule,
        get_ready_s=reader.seconds(head, "get_ready_s", "routine"),
        exercises=exercises,
    )


def _parse_exercise(reader: _Reader, raw: object, where: str) -> Exercise:
    if not isinstance(raw, Mapping):
        raise RoutineError(f"{reader.source}: {where}: must be a table")
    ladder = tuple(reader.seconds_list(raw, "hold_ladder", where))
    if list(ladder) != sorted(set(ladder)):
        raise RoutineError(
            f"{reader.source}: {where}.hold_ladder: steps must rise, each once, got {list(ladder)}"
        )
    exercise_id = reader.text(raw, "id", where)
    if not exercise_id.replace("-", "").isalnum() or exercise_id != exercise_id.lower():
        raise RoutineError(
            f"{reader.source}: {where}.id: use lower-case letters, digits and '-', "
            f"got {exercise_id!r}"
        )
    return Exercise(
        id=exercise_id,
        name=reader.text(raw, "name", where),
        strengthens=reader.text(raw, "strengthens", where),
        equipment=reader.text(raw, "equipment", where),
        setup=reader.text(raw, "setup", where),
        steps=tuple(reader.str_list(raw, "steps", where)),
        summary=reader.text(raw, "summary", where),
        sides=reader.choice(raw, "sides", where, Sides),
        reps=reader.count(raw, "reps", where),
        hold_ladder=ladder,
        between=reader.choice(raw, "between", where, Between),
        between_s=reader.seconds(raw, "between_s", where),
        change_over=reader.text(raw, "change_over", where) if "change_over" in raw else "",
    )


class _Reader:
    """Typed field access that names the file and the field in every error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def _get(self, table: Mapping[str, Any], key: str, where: str) -> Any:
        if key not in table:
            raise RoutineError(f"{self.source}: {where}.{key}: missing")
        return table[key]

    def _fail(self, where: str, key: str, wanted: str, got: object) -> RoutineError:
        return RoutineError(f"{self.source}: {where}.{key}: must be {wanted}, got {got!r}")

    def table(self, document: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = document.get(key)
        if not isinstance(value, Mapping):
            raise RoutineError(f"{self.source}: [{key}]: missing table")
        return value

    def text(self, table: Mapping[str, Any], key: str, where: str) -> str:
        value = self._get(table, key, where)
        if not isinstance(value, str) or not value.strip():
            raise self._fail(where, key, "non-empty text", value)
        return value.strip()

    def str_list(self, table: Mapping[str, Any], key: str, where: str) -> list[str]:
        value = self._get(table, key, where)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self._fail(where, key, "a non-empty list of text", value)
        return [v.strip() for v in value]

    def count(self, table: Mapping[str, Any], key: str, where: str) -> int:
        value = self._get(table, key, where)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise self._fail(where, key, "a whole number from 1 to 100", value)
        return value

    def seconds(self, table: Mapping[str, Any], key: str, where: str) -> int:
        value = self._get(table, key, where)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 600:
            raise self._fail(where, key, "whole seconds from 1 to 600", value)
        return value

    def seconds_list(self, table: Mapping[str, Any], key: str, where: str) -> list[int]:
        value = self._get(table, key, where)
        if not isinstance(value, list) or not value:
            raise self._fail(where, key, "a non-empty list of whole seconds", value)
        for item in value:
            if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 600:
                raise self._fail(where, key, "a list of whole seconds from 1 to 600", value)
        return list(value)

    def choice(self, table: Mapping[str, Any], key: str, where: str, kind: type[_E]) -> _E:
        value = self._get(table, key, where)
        try:
            return kind(value)
        except ValueError:
            options = " or ".join(repr(m.value) for m in kind)
            raise self._fail(where, key, options, value) from None
