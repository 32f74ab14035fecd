"""Finds and reads data/routine.toml, whether kneetui runs from a source checkout
or from an installed wheel (which carries the file inside the package)."""

from __future__ import annotations

from pathlib import Path

from kneetui.domain.routine import Routine, RoutineError, parse_routine

_PACKAGE = Path(__file__).resolve().parent
# A wheel installs the file inside the package; a checkout has it at the top.
# (Plain paths, not importlib.resources: its import, zipfile included, was a
# few milliseconds of the dashboard's start-up, and kneetui is never zipped.)
_PACKAGED_COPY = _PACKAGE / "data" / "routine.toml"
_SOURCE_TREE_COPY = _PACKAGE.parent / "data" / "routine.toml"


def routine_path() -> Path:
    return _PACKAGED_COPY if _PACKAGED_COPY.is_file() else _SOURCE_TREE_COPY


def load_routine(path: Path | None = None) -> Routine:
    path = path or routine_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RoutineError(f"{path}: cannot be read: {error}") from None
    return parse_routine(text, str(path))
