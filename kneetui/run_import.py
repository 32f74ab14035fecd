"""`kneetui runs import`: walks the paths given, reads each watch file with
`kneetui.sources` and stores its run, one transaction per file.

Why it looks the way it does:
- Idempotent and cheap to repeat: every file's bytes are hashed (SHA-256) and a
  hash already stored is skipped before the file is parsed; the store also
  refuses the same run from another source (a watch file and Strava's copy).
- A bad file never stops the others: it is named with its reason and counted as
  refused. Only a database that cannot be written stops the import.
- A file of Strava's export that is missing or cannot be read still has its
  row in Strava's list, with the run's date, type, distance and times: the run
  is imported from that row, and the file is named with its reason.
- The runner's time zone decides each run's local day; it is passed in.
"""

from __future__ import annotations

import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kneetui.domain.errors import ValidationError
from kneetui.domain.runs import Run, check_run
from kneetui.domain.text import plural
from kneetui.sources import Item, NotARun, SourceError, first_line
from kneetui.sources.archive import archive_items
from kneetui.sources.files import content_hash, is_watch_file, read_watch_file, to_run
from kneetui.sources.strava import LIST, folder_items, row_run

if TYPE_CHECKING:
    import datetime as dt

    from kneetui.storage.store import Store


class Outcome(StrEnum):
    IMPORTED = "imported"
    STORED = "already stored"
    NOT_RUN = "not a run"
    REFUSED = "refused"


@dataclass
class Summary:
    imported: int = 0
    stored: int = 0
    not_runs: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    # Runs imported from Strava's list because their file could not be read
    # (counted in `imported` too): (the file's name, why).
    from_list: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        """ "Imported 412 runs, 3 already stored, 57 not runs, 2 refused", with
        "(1 from Strava's list alone)" after the runs when a file was unreadable."""
        alone = f" ({len(self.from_list)} from Strava's list alone)" if self.from_list else ""
        return (
            f"Imported {plural(self.imported, 'run')}{alone}, {self.stored} already stored, "
            f"{self.not_runs} not {'run' if self.not_runs == 1 else 'runs'}, "
            f"{len(self.refused)} refused"
        )


# Called after each item with the item and what became of it.
Progress = Callable[[Item, Outcome], None]


def _quiet(_item: Item, _outcome: Outcome) -> None:
    pass


def gather(paths: Sequence[Path], stack: ExitStack) -> list[Item]:
    """Everything under `paths` to import, in order. Zips are opened on `stack`
    and read from while it is open. A path that cannot be used becomes an item
    refused with its reason."""
    items: list[Item] = []
    for path in paths:
        items += _catching(str(path), partial(_walk, path, str(path), stack, named=True))
    return items


def _catching(name: str, make: Callable[[], Iterator[Item]]) -> list[Item]:
    try:
        return list(make())
    except SourceError as error:
        return [Item(name, None, problem=str(error))]
    except zipfile.BadZipFile:
        return [Item(name, None, problem="not a readable zip file")]
    except OSError as error:
        return [Item(name, None, problem=f"cannot be read: {error.strerror or error}")]


def _walk(path: Path, shown: str, stack: ExitStack, *, named: bool) -> Iterator[Item]:
    if path.is_dir():
        if (path / LIST).is_file():
            yield from folder_items(path, shown)
            return
        for child in sorted(path.iterdir()):
            child_shown = f"{shown.rstrip('/')}/{child.name}"
            # A link to a folder is not followed: a link back up would never end.
            if (child.is_dir() and not child.is_symlink()) or _wanted(child.name):
                yield from _catching(
                    child_shown,
                    partial(_walk, child, child_shown, stack, named=False),
                )
    elif path.name == LIST and named:
        yield from folder_items(path.parent, str(path.parent))
    elif path.name.lower().endswith(".zip"):
        archive = stack.enter_context(zipfile.ZipFile(path))
        yield from archive_items(archive, shown, stack)
    elif is_watch_file(path.name):
        yield Item(shown, path.read_bytes)
    elif named:
        if not path.exists():
            raise SourceError("no such file or folder")
        raise SourceError("not a GPX, TCX, FIT or zip file, nor a folder")


def _wanted(name: str) -> bool:
    return is_watch_file(name) or name.lower().endswith(".zip")


def import_items(
    store: Store,
    items: Sequence[Item],
    *,
    zone: dt.tzinfo | None,
    now: dt.datetime,
    progress: Progress = _quiet,
) -> Summary:
    """Store the run of each item. `zone` is the runner's time zone (None: this
    machine's); `now` bounds the start times a run may have."""
    summary = Summary()
    known = store.run_hashes()
    # Reading and parsing the next files (CPU) goes on in a thread while this one
    # waits for each commit to reach the disk: an fsync a file otherwise added a
    # fifth to the import (make bench). The store stays on this thread.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kneetui-read") as reader:
        ahead: deque[tuple[Item, Future[Outcome | Run | FromList]]] = deque()
        pending = iter(items)
        while True:
            while len(ahead) < _READ_AHEAD:
                item = next(pending, None)
                if item is None:
                    break
                ahead.append((item, reader.submit(_prepare, item, known, zone, now)))
            if not ahead:
                break
            item, future = ahead.popleft()
            outcome = _store(store, item, future, known, summary)
            if outcome is Outcome.IMPORTED:
                summary.imported += 1
            elif outcome is Outcome.STORED:
                summary.stored += 1
            elif outcome is Outcome.NOT_RUN:
                summary.not_runs += 1
            progress(item, outcome)
    return summary


# Files read ahead of the one being stored: enough to keep the reader busy, few
# enough that memory holds only a handful of runs.
_READ_AHEAD = 4


class FromList(NamedTuple):
    """A run made from Strava's list, as its file could not be read: why."""

    run: Run
    reason: str


def _store(
    store: Store,
    item: Item,
    future: Future[Outcome | Run | FromList],
    known: set[str],
    summary: Summary,
) -> Outcome:
    try:
        prepared = future.result()
    except (SourceError, ValidationError, *_UNREADABLE) as error:
        summary.refused.append((item.name, _reason(error)))
        return Outcome.REFUSED
    if isinstance(prepared, Outcome):
        return prepared
    run = prepared.run if isinstance(prepared, FromList) else prepared
    if not store.add_run(run):
        return Outcome.STORED
    known.add(run.content_hash)
    if isinstance(prepared, FromList):
        summary.from_list.append((item.name, prepared.reason))
    return Outcome.IMPORTED


def _prepare(
    item: Item, known: set[str], zone: dt.tzinfo | None, now: dt.datetime
) -> Outcome | Run | FromList:
    """The run `item` holds, checked, or what else it is (runs in the reader
    thread: no store here)."""
    if item.problem:
        raise SourceError(item.problem)
    row = item.row
    if row is not None and isinstance(row.sport, NotARun):
        return Outcome.NOT_RUN  # Strava's list says so: the file is not even read
    try:
        return _prepare_file(item, known, zone, now)
    except (SourceError, ValidationError, *_UNREADABLE) as error:
        if row is None or not row.distance_km:
            raise
        reason = _reason(error)
    if row.digest in known:
        return Outcome.STORED
    return FromList(check_run(row_run(row, zone=zone, source_file=item.name), now), reason)


# What reading a file may raise besides SourceError: the disk, or a zip member
# that will not unpack.
_UNREADABLE = (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError)


def _reason(error: Exception) -> str:
    """Why a file was not imported, in the words a refusal gives."""
    if isinstance(error, (SourceError, ValidationError)):
        return str(error)
    if isinstance(error, OSError):
        return f"cannot be read: {error.strerror or error}"
    return f"cannot be unpacked ({first_line(error)})"


def _prepare_file(
    item: Item, known: set[str], zone: dt.tzinfo | None, now: dt.datetime
) -> Outcome | Run:
    row = item.row
    run: Run | None = None
    if item.read is not None:
        data = item.read()
        digest = content_hash(data)
        if digest in known:
            return Outcome.STORED
        try:
            source, reading = read_watch_file(item.name, data)
        except Exception as error:
            if isinstance(error, SourceError):
                raise
            # A parser meeting a file it was never meant for may raise anything.
            reason = f"cannot be read ({type(error).__name__}: {first_line(error)})"
            raise SourceError(reason) from None
        if isinstance(reading, NotARun):
            if row is None:
                return Outcome.NOT_RUN
        else:
            run = to_run(
                reading,
                zone=zone,
                source=source,
                source_file=item.name,
                digest=digest,
                sport=None if row is None else row.sport,  # type: ignore[arg-type]
                note=row.name if row is not None else "",
            )
    if run is None:
        assert row is not None
        if row.digest in known:
            return Outcome.STORED
        run = row_run(row, zone=zone, source_file=item.name)
    return check_run(run, now)
