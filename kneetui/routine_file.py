"""Finds and reads data/routine.toml, whether kneetui runs from a source checkout
or from an installed wheel (which carries the file inside the package)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kneetui.domain.routine import Routine, RoutineError, parse_routine

_SOURCE_TREE_COPY = Path(__file__).resolve().parent.parent / "data" / "routine.toml"


def routine_path() -> Path:
    packaged = resources.files("kneetui").joinpath("data", "routine.toml")
    if packaged.is_file():
        return Path(str(packaged))
    return _SOURCE_TREE_COPY


def load_routine(path: Path | None = None) -> Routine:
    path = path or routine_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RoutineError(f"{path}: cannot be read: {error}") from None
    return parse_routine(text, str(path))
