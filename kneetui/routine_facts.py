"""The two facts of data/routine.toml that `kneetui status` and `kneetui remind`
need: the default routine days and the holds in a whole session.

Why not `routine_file.load_routine`: its TOML parser and the routine model cost a
shell prompt more than the whole command may take (`make bench`). The shipped file
writes these keys as simple one-line `key = value` pairs, so they are picked out
line by line; anything else (a key missing or written another way, a value out of
place) falls back to the full parser, so the answer is always the parser's. A test
checks the two agree on the shipped file.
"""

from __future__ import annotations

import os

from kneetui.domain.glance import WEEKDAYS

TYPE_CHECKING = False  # see kneetui.domain.glance
if TYPE_CHECKING:
    from collections.abc import Iterator

_PACKAGE = os.path.dirname(os.path.realpath(__file__))
# As routine_file.routine_path(): the wheel's copy, else the checkout's.
_PACKAGED_COPY = os.path.join(_PACKAGE, "data", "routine.toml")
_SOURCE_TREE_COPY = os.path.join(os.path.dirname(_PACKAGE), "data", "routine.toml")
_HOLDS_PER_REP = {'"alternate"': 2, '"both"': 1}


def routine_path() -> str:
    return _PACKAGED_COPY if os.path.isfile(_PACKAGED_COPY) else _SOURCE_TREE_COPY


def routine_facts(path: str | None = None) -> tuple[tuple[str, ...], int]:
    """(the default routine days, the holds in one whole session)."""
    path = path or routine_path()
    try:
        with open(path, encoding="utf-8") as handle:
            found = scan(handle.read())
    except (OSError, UnicodeDecodeError):
        found = None
    if found is not None:
        return found
    from pathlib import Path

    from kneetui.routine_file import load_routine

    routine = load_routine(Path(path))
    return routine.schedule, routine.planned_holds


def _pairs(text: str) -> Iterator[tuple[str, str, str]]:
    """(table, key, value) of each one-line `key = value` line; the table is the
    header last seen ("routine", "[exercise]" for each array entry, ...)."""
    table = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            table = stripped.split("#")[0].strip()
            yield table, "", ""
        elif "=" in stripped and not stripped.startswith("#"):
            key, _, value = stripped.partition("=")
            yield table, key.strip(), value.split("#")[0].strip()


def scan(text: str) -> tuple[tuple[str, ...], int] | None:
    """The facts picked out of the text, or None when it is not written the
    simple way this expects."""
    schedule: tuple[str, ...] | None = None
    exercises: list[dict[str, str]] = []
    for table, key, value in _pairs(text):
        if table == "[[exercise]]" and not key:
            exercises.append({})
        elif table == "[routine]" and key == "schedule":
            if schedule is not None or not (value.startswith("[") and value.endswith("]")):
                return None
            days = [d.strip().strip('"') for d in value[1:-1].split(",") if d.strip()]
            if not days or any(d not in WEEKDAYS for d in days) or len(set(days)) != len(days):
                return None
            schedule = tuple(d for d in WEEKDAYS if d in days)
        elif table == "[[exercise]]" and key in ("reps", "sides"):
            if key in exercises[-1]:
                return None
            exercises[-1][key] = value
    if schedule is None or not exercises:
        return None
    holds = 0
    for exercise in exercises:
        reps, sides = exercise.get("reps", ""), exercise.get("sides", "")
        if not reps.isdigit() or sides not in _HOLDS_PER_REP:
            return None
        holds += int(reps) * _HOLDS_PER_REP[sides]
    return schedule, holds
