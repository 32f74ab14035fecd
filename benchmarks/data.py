"""Synthetic histories for the benchmarks, built deterministically and cached.

Why a generator and a cache: the figures are ratios against data size, so each
run must see exactly the same data (a seeded `random.Random`), and building ten
or a hundred years through `Store.import_bundle` takes seconds, so the files are
kept under `benchmarks/.cache/`, keyed by `GENERATOR_VERSION`, the size and the
last day. History always ends *yesterday* (real date), so "today" has no session
and the dashboard shows today's routine still to do.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from kneetui.domain.demo import completed_session
from kneetui.domain.exchange import Bundle
from kneetui.domain.models import (
    Context,
    Knee,
    Session,
    SorenessEntry,
)
from kneetui.domain.routine import Routine
from kneetui.domain.runs import Run, RunSource
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store

# Bump whenever the generated content changes, so stale cached files are rebuilt.
GENERATOR_VERSION = "g3"
SEED = 20261118
CACHE = Path(__file__).resolve().parent / ".cache"
# Session days: the shipped routine's default schedule.
SESSION_WEEKDAYS = (0, 2, 4)  # Mon, Wed, Fri
# Run days, about four runs a week (some weeks three or five): a run in the
# evening before that day's after-run score, of the score's distance.
RUN_WEEKDAYS = (1, 3, 5, 6)  # Tue, Thu, Sat, Sun
RUN_DAY_CHANCE = 0.9
OTHER_DAY_RUN_CHANCE = 0.05
TEN_YEARS = 3650
HUNDRED_YEARS = 36500
THIRTY_DAYS = 30


@dataclass(frozen=True, slots=True)
class History:
    """What a generated database holds."""

    path: Path
    days: int
    first_day: dt.date
    last_day: dt.date


def local_zone() -> dt.tzinfo:
    zone = dt.datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def today() -> dt.date:
    """The real local date, as kneetui itself sees it (`kneetui.clock.now_local`)."""
    return dt.datetime.now().astimezone().date()


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def history_bundle(
    routine: Routine, days: int, last_day: dt.date, *, full_sessions: bool = True
) -> Bundle:
    """`days` days ending `last_day`: an after-run score every day, a completed
    session every Mon/Wed/Fri with every rep of `routine` at the first hold steps
    (or, with `full_sessions=False`, only each session's first rep), and about
    four runs a week, each an hour before that day's score, of its distance."""
    rng = random.Random(f"{SEED}-{days}-{last_day.isoformat()}-{full_sessions}")
    zone = local_zone()
    first = last_day - dt.timedelta(days=days - 1)
    soreness: list[SorenessEntry] = []
    sessions: list[Session] = []
    runs: list[Run] = []
    level = 5.0
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        if day.weekday() in SESSION_WEEKDAYS:
            start = dt.datetime.combine(day, dt.time(7, 0), zone)
            sessions.append(_session(routine, start, rng, full=full_sessions))
        # A slow random walk between 1 and 7, plus day-to-day noise and run length.
        level = min(7.0, max(1.0, level + rng.gauss(0, 0.15)))
        km = round(rng.uniform(4, 14), 1)
        score = round(level + rng.gauss(0, 0.9) + (km - 9) / 8)
        logged = dt.datetime.combine(day, dt.time(19, rng.randrange(0, 50)), zone)
        minutes = round(km * rng.uniform(5.2, 6.4), 1)
        ran = rng.random() < (
            RUN_DAY_CHANCE if day.weekday() in RUN_WEEKDAYS else OTHER_DAY_RUN_CHANCE
        )
        if ran:
            started = logged - dt.timedelta(minutes=minutes + 10)
            runs.append(
                Run(
                    uuid=_uuid(rng),
                    started_at=started.astimezone(dt.UTC),
                    local_day=day,
                    distance_km=km,
                    moving_minutes=round(minutes * 0.95, 1),
                    elapsed_minutes=minutes,
                    elevation_gain_m=float(rng.randrange(0, 200)),
                    source=RunSource.GPX,
                    source_file=f"activities/{len(runs) + 1}.gpx",
                    content_hash=f"{rng.getrandbits(256):064x}",
                )
            )
        soreness.append(
            SorenessEntry(
                uuid=_uuid(rng),
                logged_at=logged.astimezone(dt.UTC),
                local_day=day,
                score=max(0, min(10, score)),
                knee=Knee.BOTH,
                context=Context.AFTER_RUN,
                run_km=km,
                run_minutes=minutes,
            )
        )
    return Bundle(soreness=tuple(soreness), sessions=tuple(sessions), runs=tuple(runs))


def _session(routine: Routine, start: dt.datetime, rng: random.Random, *, full: bool) -> Session:
    first_steps = {e.id: e.hold_ladder[0] for e in routine.exercises}
    session = completed_session(routine, first_steps, start, rng, short_hold_chance=0)
    return session if full else session._replace(reps=session.reps[:1])


def cached_history(
    days: int, *, cache: Path = CACHE, full_sessions: bool = True, last_day: dt.date | None = None
) -> History:
    """The database of `days` days ending yesterday, built once and reused.

    The file is built under a temporary name and renamed when complete, so an
    interrupted build never leaves a half-filled file that looks cached.
    """
    last = last_day or today() - dt.timedelta(days=1)
    kind = f"{days}d-{'full' if full_sessions else 'onerep'}"
    name = f"history-{GENERATOR_VERSION}-{kind}-{last.isoformat()}.db"
    path = cache / name
    first = last - dt.timedelta(days=days - 1)
    if path.is_file():
        return History(path, days, first, last)
    cache.mkdir(parents=True, exist_ok=True)
    # Older builds of this kind (another day or generator version) are dead weight.
    for stale in cache.glob(f"history-*-{kind}-*.db*"):
        stale.unlink()
    building = path.with_name(f"{name}.building-{os.getpid()}")
    now = dt.datetime.now().astimezone()
    with Store.open(building, now=now) as store:
        store.import_bundle(history_bundle(load_routine(), days, last, full_sessions=full_sessions))
    # One self-contained file: copies of it need no -wal sidecar.
    conn = sqlite3.connect(building)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for sidecar in ("-wal", "-shm"):
        building.with_name(building.name + sidecar).unlink(missing_ok=True)
    os.replace(building, path)
    return History(path, days, first, last)


def working_copy(history: History, folder: Path, name: str) -> Path:
    """A private copy of a cached database that a measure may write to."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    for sidecar in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
        sidecar.unlink(missing_ok=True)
    shutil.copyfile(history.path, target)
    os.chmod(target, 0o600)
    return target


def check_counts(path: Path) -> tuple[int, int, int, int]:
    """(scores, sessions, reps, runs) stored in `path`, read without kneetui."""
    conn = sqlite3.connect(path)
    try:
        scores, sessions, reps, runs = (
            int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
            for table in ("soreness", "sessions", "reps", "runs")
        )
    finally:
        conn.close()
    return scores, sessions, reps, runs
