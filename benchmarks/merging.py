"""Merge and sync figures: two devices' ten-year histories brought together.

Why: `kneetui merge` and `kneetui sync` read both histories whole, and a sync
runs every time a file in the shared folder changes (`--watch`). A merge should
cost about what adding the records that differ costs, not grow with the
history both sides already share; a sync with nothing new should be quick enough
to run at every change.

- merge: device A holds 90% of a ten-year history, device B all of it. The
  measure is `kneetui merge B.db` on A (open A, read B read-only, quick_check of
  both, write the 10% that differ), against importing those 10% (as a JSON
  export) into a fresh database the way `kneetui import` does.
- no-op sync: A and B have synced through a folder and nothing changed since;
  the measure is A's next `kneetui sync` (open A, look at both files, write
  nothing).

Both run in this process, on the ten-year history of `benchmarks/data.py`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import data
from benchmarks.report import Row
from kneetui.domain.exchange import Bundle, decode_json, encode_json
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from kneetui.syncing import merge_source, sync

# One record in ten differs between the two devices.
EVERY = 10


def split(bundle: Bundle) -> tuple[Bundle, Bundle]:
    """(the 90% both devices hold, the 10% only B holds)."""

    def parts(items: tuple[object, ...]) -> tuple[tuple[object, ...], tuple[object, ...]]:
        shared = tuple(item for i, item in enumerate(items) if i % EVERY)
        return shared, items[::EVERY]

    soreness, soreness_diff = parts(bundle.soreness)
    sessions, sessions_diff = parts(bundle.sessions)
    runs, runs_diff = parts(bundle.runs)
    shared = Bundle(soreness=soreness, sessions=sessions, runs=runs)  # type: ignore[arg-type]
    diff = Bundle(soreness=soreness_diff, sessions=sessions_diff, runs=runs_diff)  # type: ignore[arg-type]
    return shared, diff


def _median(repeats: int, prepare: Callable[[int], None], measure: Callable[[int], None]) -> float:
    times = []
    for run in range(max(1, repeats)):
        prepare(run)
        started = time.perf_counter()
        measure(run)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def rows(
    cache: Path, work: Path, days: int, where: str, repeats: int, progress: Callable[[str], None]
) -> list[Row]:
    now = dt.datetime.now().astimezone()
    history = data.cached_history(days, cache=cache)
    folder = work / "merging"
    folder.mkdir(parents=True, exist_ok=True)
    full = data.history_bundle(load_routine(), days, history.last_day)
    shared, diff = split(full)
    progress(
        f"merge: A holds 90% of {days} days, B all of it; the 10% that differ: "
        f"{len(diff.soreness)} scores, {len(diff.sessions)} sessions, {len(diff.runs)} runs"
    )
    b = data.working_copy(history, folder, "b.db")
    Store.open(b, now=now).close()  # brought up to date now, not while measured
    a_master = folder / "a-master.db"
    with Store.open(a_master, now=now) as store:
        store.import_bundle(shared)
    export = folder / "diff.json"
    export.write_text(encode_json(diff), encoding="utf-8")

    def fresh_a(run: int) -> None:
        for suffix in ("", "-wal", "-shm"):
            (folder / f"a.db{suffix}").unlink(missing_ok=True)
        with Store.open(a_master, now=now) as store:
            store.conn.execute(f"VACUUM INTO '{folder / 'a.db'}'")

    def merge(run: int) -> None:
        with Store.open(folder / "a.db", now=now) as store:
            plan = merge_source(store, b, now)
        assert len(plan.added) == len(diff.soreness) + len(diff.sessions) + len(diff.runs)

    def empty(run: int) -> None:
        (folder / f"import-{run}.db").unlink(missing_ok=True)

    def imported(run: int) -> None:
        bundle = decode_json(export.read_text(encoding="utf-8"), now)
        with Store.open(folder / f"import-{run}.db", now=now) as store:
            store.import_bundle(bundle)

    progress(f"merge: `kneetui merge B.db` on A, runs: {repeats}")
    merge_s = _median(repeats, fresh_a, merge)
    progress(f"merge: importing the 10% into a fresh database, runs: {repeats}")
    import_s = _median(repeats, empty, imported)

    share = folder / "share"
    share.mkdir(exist_ok=True)
    fresh_a(0)
    for path in (b, folder / "a.db", b):
        with Store.open(path, now=now) as store:
            sync(store, share, now)

    def synced(run: int) -> None:
        with Store.open(folder / "a.db", now=now) as store:
            report = sync(store, share, now)
        assert not report.merged and report.wrote is None and report.unchanged == 1

    progress(f"merge: a sync with nothing new, runs: {repeats}")
    noop_s = _median(repeats, lambda run: None, synced)
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Row(
            "merge.histories",
            f"merge: two histories of {where} sharing 90%",
            merge_s,
            "s",
            2.0,
            import_s,
            "import of the 10% that differ",
        ),
        Row(
            "merge.noop_sync",
            f"sync with nothing new ({where}, two devices)",
            noop_s,
            "s",
            0.5,
        ),
    ]
