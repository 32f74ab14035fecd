"""`kneetui runs import` against the libraries alone (issue 16, item 8).

A five-year Strava-style export of 1,500 runs (two thirds GPX at a point every
3 s, one third FIT at a record every 10 s, gzipped as Strava ships them) is made
once with gpxpy and fit-tool and kept in benchmarks/.cache. Three timings:

- the libraries just parsing every file (gunzip, gpxpy.parse, every fitdecode
  frame with its CRC checked, as the importer reads them);
- the first import into a new database (hashing, reading, one transaction a run);
- the import again, everything already stored (each file hashed and skipped).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import statistics
import time
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import fitdecode
import gpxpy

from benchmarks.report import Row
from kneetui.run_import import gather, import_items
from kneetui.storage.store import Store
from tests.sources.makers import Activity, fit_bytes, gpx_bytes, gz, track, write_export

FIVE_YEARS_OF_RUNS = 1500


def cached_export(cache: Path, runs: int = FIVE_YEARS_OF_RUNS) -> Path:
    """The export folder, made on first use (some minutes: fit-tool is slow)."""
    folder = cache / f"strava-export-{runs}"
    done = folder / "complete"
    if done.is_file():
        return folder
    rng = random.Random(16)
    end = dt.datetime(2026, 11, 1, 6, tzinfo=dt.UTC)
    start = end - dt.timedelta(days=5 * 365)
    gap = (end - start) / runs
    activities = []
    for n in range(runs):
        at = start + gap * n + dt.timedelta(minutes=rng.randint(0, 600))
        km = round(rng.uniform(5.0, 21.1), 2)
        minutes = km * rng.uniform(4.8, 6.5)
        if n % 3 == 2:
            name, data = (
                f"activities/{n}.fit.gz",
                gz(fit_bytes(track(km, minutes, start=at, step_s=10))),
            )
        else:
            name, data = (
                f"activities/{n}.gpx.gz",
                gz(gpx_bytes(track(km, minutes, start=at, step_s=3))),
            )
        activities.append(Activity(10_000 + n, at, km, minutes, filename=name, data=data))
    write_export(folder, activities)
    done.write_text(str(runs))
    return folder


def parse_seconds(folder: Path) -> float:
    """The libraries alone on every file of the export."""
    files = sorted((folder / "activities").iterdir())
    started = time.perf_counter()
    for path in files:
        data = zlib.decompress(path.read_bytes(), wbits=31)
        if path.name.endswith(".gpx.gz"):
            gpxpy.parse(data.decode())
        else:
            with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as fit:
                for _ in fit:
                    pass
    return time.perf_counter() - started


def import_seconds(folder: Path, db: Path) -> tuple[float, int]:
    """One `runs import` of the export into `db`, as the command does it; the
    seconds and the runs imported."""
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    with ExitStack() as stack, Store.open(db, now=now) as store:
        summary = import_items(store, gather([folder], stack), zone=dt.UTC, now=now)
    seconds = time.perf_counter() - started
    if summary.refused:
        raise RuntimeError(f"the synthetic export was refused: {summary.refused[:3]}")
    return seconds, summary.imported


def rows(
    cache: Path, work: Path, runs: int, repeats: int, progress: Callable[[str], None]
) -> list[Row]:
    progress(f"runs import: making or reusing a Strava-style export of {runs} runs")
    folder = cached_export(cache, runs)
    parses, firsts, agains = [], [], []
    for n in range(1, repeats + 1):
        progress(f"runs import: run {n}/{repeats} (parse alone, import, import again)")
        parses.append(parse_seconds(folder))
        db = work / f"import-{n}.db"
        first, imported = import_seconds(folder, db)
        if imported != runs:
            raise RuntimeError(f"imported {imported} of {runs} runs")
        firsts.append(first)
        agains.append(import_seconds(folder, db)[0])
    first = statistics.median(firsts)
    return [
        Row(
            "import.first",
            f"runs import: Strava export, {runs} runs (GPX and FIT)",
            first,
            "s",
            1.3,
            statistics.median(parses),
            "gpxpy and fitdecode alone",
        ),
        Row(
            "import.again",
            "runs import again, all stored",
            statistics.median(agains),
            "s",
            0.10,
            first,
            "first import",
        ),
    ]
