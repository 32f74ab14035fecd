"""`kneetui log` from the shell, timed whole-process, against history size.

Why: logging a score must stay instant however long the history grows. It used
to run PRAGMA quick_check before every write, a read of the whole file (110 ms
on a new database, 260 ms at ten years); now the whole file is checked on the
first write of a day only. Each database gets one untimed run first (its first
write of the day, which checks the file), then the runs on the two databases
are timed in turns, from spawn to exit: what the runner waits for.

The interpreter's own start with the sqlite3 module (`python -I -c 'import
sqlite3'`) is the floor no command can go below; the ratio to it is a figure to
watch.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.startup import child_environment, venv_script


@dataclass(frozen=True, slots=True)
class Timed:
    median_s: float
    first_s: float  # the untimed first run (the day's check), for the progress line


def _run(command: Sequence[str | Path], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{command} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed


def interleaved(commands: Sequence[Sequence[str | Path]], runs: int, cwd: Path) -> list[Timed]:
    """Each command's first run, then `runs` more of each, taken in turns (so a
    change in the machine's load weighs on all of them alike), from spawn to exit."""
    env = child_environment()
    first = [_run(command, cwd, env) for command in commands]
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(max(1, runs)):
        for command, taken in zip(commands, times, strict=True):
            taken.append(_run(command, cwd, env))
    return [Timed(statistics.median(t), f) for t, f in zip(times, first, strict=True)]


def log_command(database: Path) -> list[str | Path]:
    """`kneetui --db DATABASE log 3`, through the venv's own script."""
    return [venv_script("kneetui"), "--db", database, "log", "3"]


PYTHON_SQLITE = [sys.executable, "-I", "-c", "import sqlite3"]
