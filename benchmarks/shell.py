"""`kneetui log` from the shell, timed whole-process, against history size.

Why: logging a score must stay instant however long the history grows. It used
to run PRAGMA quick_check before every write, a read of the whole file (110 ms
on a new database, 260 ms at ten years); now the whole file is checked on the
first write of a day only. Each database gets one untimed run first (its first
write of the day, which checks the file), then every run is timed, from spawn
to exit: what the runner waits for.

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


def seconds(command: Sequence[str | Path], runs: int, cwd: Path) -> Timed:
    """The first run's time, then the median of `runs` more, each from spawn to exit."""
    times = []
    env = child_environment()
    for _ in range(max(1, runs) + 1):
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
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"{command} exited {done.returncode}: {done.stderr.strip()}")
    return Timed(statistics.median(times[1:]), times[0])


def log_seconds(database: Path, runs: int, cwd: Path) -> Timed:
    """`kneetui --db DATABASE log 3`, through the venv's own script."""
    return seconds([venv_script("kneetui"), "--db", database, "log", "3"], runs, cwd)


def python_sqlite_seconds(runs: int, cwd: Path) -> Timed:
    return seconds([sys.executable, "-I", "-c", "import sqlite3"], runs, cwd)
