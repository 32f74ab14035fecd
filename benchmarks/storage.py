"""Storage figures: the durable commit of one score, and the dashboard's query.

Why: a score must be on disk when the form closes (WAL with synchronous=FULL,
so each commit waits for an fsync), and the dashboard reloads its data after
every score, every range change and at the end of each session, on the event
loop, so its query must stay small next to a frame however long the history.

Both run on a private copy of a cached history (next to the cache, so on the
project's own disk), through the Store's public methods.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from kneetui.domain.models import Context, Knee, SorenessEntry
from kneetui.storage.store import Store
from kneetui.tui.state import RANGES, load_chart

_SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


@dataclass(frozen=True, slots=True)
class Commit:
    median_s: float
    journal_mode: str
    synchronous: str  # "?" when the store's connection could not be reached


@dataclass(frozen=True, slots=True)
class Query:
    worst_s: float
    worst_range: str  # the words of the slowest range, e.g. "all time"


def commit_seconds(path: Path, runs: int) -> Commit:
    """Median seconds of `Store.add_soreness` for one score, each its own
    transaction, after three untimed warm-up commits."""
    now = dt.datetime.now().astimezone()
    with Store.open(path, now=now) as store:
        entries = [_entry(now, i) for i in range(max(1, runs) + 3)]
        for entry in entries[:3]:
            store.add_soreness(entry)
        times = []
        for entry in entries[3:]:
            started = time.perf_counter()
            store.add_soreness(entry)
            times.append(time.perf_counter() - started)
        journal, synchronous = _durability(store, path)
    return Commit(statistics.median(times), journal, synchronous)


def _entry(now: dt.datetime, index: int) -> SorenessEntry:
    logged = now - dt.timedelta(seconds=index)
    return SorenessEntry(
        uuid=str(uuid.UUID(int=index + 1, version=4)),
        logged_at=logged.astimezone(dt.UTC),
        local_day=logged.date(),
        score=index % 11,
        knee=Knee.BOTH,
        context=Context.OTHER,
    )


def _durability(store: Store, path: Path) -> tuple[str, str]:
    """The journal mode (a property of the file) and the synchronous level of the
    store's own connection (per connection; read only if the store exposes it)."""
    conn = sqlite3.connect(path)
    try:
        journal = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).upper()
    finally:
        conn.close()
    own = getattr(store, "conn", None) or getattr(getattr(store, "db", None), "conn", None)
    if not isinstance(own, sqlite3.Connection):
        return journal, "?"
    level = own.execute("PRAGMA synchronous").fetchone()[0]
    return journal, _SYNCHRONOUS.get(int(level), str(level))


def dashboard_query_seconds(path: Path, today: dt.date, runs: int) -> Query:
    """The slowest range's median seconds of `load_chart` (what the dashboard reads
    for a range: the trend and the figures under it), each range run once untimed
    first."""
    worst = Query(0.0, "")
    with Store.open(path, now=dt.datetime.now().astimezone()) as store:
        for index, (_, words) in enumerate(RANGES):
            load_chart(store, today, index)
            times = []
            for _ in range(max(1, runs)):
                started = time.perf_counter()
                load_chart(store, today, index)
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            if median >= worst.worst_s:
                worst = Query(median, words)
    return worst
