"""`kneetui status` from the shell, timed whole-process: it runs on every prompt.

Why against `python -I -c 'import sqlite3'`: that is the interpreter's own start
with the sqlite3 module, the floor no command that reads the database can go
below; issue 18 allows `status` 1.5 × that. It is timed on the large history
(ten years), as a runner who has used kneetui for years would have it, with the
file closed (no -wal: the read-only immutable path) and the runs of the two
commands taken in turns (`shell.interleaved`).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.shell import PYTHON_SQLITE, Timed, interleaved
from benchmarks.startup import venv_script


def status_command(database: Path) -> list[str | Path]:
    """`kneetui --db DATABASE status`, through the venv's own script."""
    return [venv_script("kneetui"), "--db", database, "status"]


def timed(database: Path, runs: int, cwd: Path) -> tuple[Timed, Timed]:
    """(kneetui status, the floor)."""
    status, floor = interleaved([status_command(database), PYTHON_SQLITE], runs, cwd)
    return status, floor
