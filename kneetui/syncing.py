"""`kneetui merge` and `kneetui sync`: bringing another device's history in.

A use case that joins the store and the domain: it reads a source (another
kneetui database, read-only, or a JSON export), refuses what must not be merged
(not kneetui's, from a newer kneetui, changed after it was written, from this
very device, or dated in the future by a clock that is wrong), then lets the
Store write `kneetui.domain.merge`'s plan in one transaction.

`sync` goes through a folder that a sync tool (Syncthing, Dropbox, iCloud Drive,
a USB stick) keeps alike on every device. Each device writes its whole history
there as `<device-id>.kneetui.json`, atomically, and merges every other device's
file. The live database never goes near the folder: copying an SQLite file in
use is how health data gets corrupted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kneetui.domain.errors import KneetuiError, ValidationError
from kneetui.domain.merge import History, Plan, in_future
from kneetui.domain.text import plural

if TYPE_CHECKING:
    from kneetui.storage.history import Source
    from kneetui.storage.store import Store

SQLITE_HEADER = b"SQLite format 3\x00"
# Sources above this size are refused before they are read: ten years of history
# make a 16 MB file.
MAX_SOURCE_BYTES = 200 * 1024 * 1024
SYNC_SUFFIX = ".kneetui.json"
# Syncthing names a conflicted copy of a.kneetui.json a.kneetui.sync-conflict-
# 20261202-101010-ABCDEFG.json; Dropbox and iCloud keep the whole suffix.
_SYNCTHING_CONFLICT = re.compile(r"\.kneetui\.sync-conflict-[^/]*\.json\Z")
# Versions are checked against a clock a century ahead while decoding: a merge
# reports dates in the future itself, with their count (see `merge.in_future`).
_ANY_TIME = dt.timedelta(days=36500)


def load_source(path: Path, now: dt.datetime) -> Source:
    """The history in `path`: another kneetui database (opened read-only, never
    written, checked with quick_check; it stays open until the Source is closed)
    or a JSON export (its checksum checked). Raises KneetuiError with one line
    for anything else."""
    from kneetui.storage.history import database_source, open_source

    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
        size = path.stat().st_size
    except FileNotFoundError:
        raise KneetuiError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise KneetuiError(f"{path} is a folder, not a kneetui database or export") from None
    except OSError as error:
        raise KneetuiError(f"cannot read {path}: {error.strerror}") from None
    if head == SQLITE_HEADER:
        conn = open_source(path)
        try:
            return database_source(conn)
        except BaseException:
            conn.close()
            raise
    if size > MAX_SOURCE_BYTES:
        raise KneetuiError(f"{path} is {size / 2**20:.0f} MB: too big for a kneetui export")
    return decode_source(path.read_bytes(), path, now)


def decode_source(data: bytes, path: Path, now: dt.datetime) -> Source:
    """A JSON export's bytes as a merge source, its checksum checked."""
    from kneetui.domain.exchange import decode_json
    from kneetui.storage.history import bundle_source

    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise KneetuiError(f"{path} is not a kneetui database or export") from None
    if not text.lstrip().startswith("{"):
        raise KneetuiError(f"{path} is not a kneetui database or export")
    try:
        bundle = decode_json(text, now + _ANY_TIME, verify=True)
    except ValidationError as error:
        raise KneetuiError(f"{path}: {error}; nothing was merged") from None
    return bundle_source(bundle)


def check_source(
    store: Store, incoming: History, path: Path, now: dt.datetime, *, accept_future: bool
) -> None:
    """Refuse a source from this very device, or one dated in the future."""
    if incoming.device_id is not None and incoming.device_id == store.device_id:
        raise KneetuiError(
            f"{path} has this database's own device id ({store.device_id}): is it a copy of "
            "this database? Give the copy a new id with `kneetui --db COPY where "
            "--new-device-id`, then merge it"
        )
    ahead = in_future(incoming, now)
    if ahead and not accept_future:
        latest = max(
            getattr(item, "updated_at", "") or getattr(item, "deleted_at", "") for item in ahead
        )
        raise KneetuiError(
            f"{path} holds {plural(len(ahead), 'record')} dated more than a day after this "
            f"machine's clock (the latest {latest}): check the clock of the device that "
            "wrote it, or merge with --accept-future; nothing was merged"
        )


def summary(plan: Plan) -> str:
    return (
        f"{len(plan.added)} added, {len(plan.updated)} updated, {len(plan.deleted)} deleted, "
        f"{plan.present} already present"
    )


def merge_source(
    store: Store, path: Path, now: dt.datetime, *, accept_future: bool = False
) -> Plan:
    """`kneetui merge`: check both sides, then merge all or nothing."""
    with load_source(path, now) as incoming:
        check_source(store, incoming.history, path, now, accept_future=accept_future)
        if store.check() is not None:
            raise KneetuiError(store.damage or "the database is damaged")
        return store.merge(incoming)


# Sync ---------------------------------------------------------------------------


def is_sync_file(name: str) -> bool:
    """A device's file in a sync folder, or a sync tool's conflicted copy of one."""
    if name.startswith("."):
        return False  # our own temporary files, and hidden files of sync tools
    return name.endswith(SYNC_SUFFIX) or bool(_SYNCTHING_CONFLICT.search(name))


@dataclass
class SyncReport:
    """What one sync did."""

    merged: list[tuple[str, Plan]] = field(default_factory=list)
    unchanged: int = 0  # files merged before, skipped without reading them
    refused: list[str] = field(default_factory=list)  # one line each
    wrote: str | None = None  # the name of this device's file, when written

    def line(self) -> str:
        added = sum(len(p.added) for _, p in self.merged)
        updated = sum(len(p.updated) for _, p in self.merged)
        deleted = sum(len(p.deleted) for _, p in self.merged)
        present = sum(p.present for _, p in self.merged)
        parts = [
            f"merged {plural(len(self.merged), 'file')} ({added} added, {updated} updated, "
            f"{deleted} deleted, {present} already present)"
        ]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        parts.append(f"wrote {self.wrote}" if self.wrote else "this device's file was up to date")
        return "Synced: " + ", ".join(parts) + "."


def check_folder(store: Store, folder: Path) -> Path:
    """The sync folder, resolved; refuses one that is not a folder or that holds
    the live database (a sync tool would copy it while kneetui writes)."""
    resolved = folder.resolve()
    if not resolved.is_dir():
        raise KneetuiError(f"{folder} is not a folder")
    database = store.path.resolve()
    if resolved in database.parents:
        raise KneetuiError(
            f"{folder} holds the live database {database}: a sync tool must never copy "
            "it; choose a folder of its own for kneetui sync"
        )
    return resolved


def own_file(store: Store, folder: Path) -> Path:
    return folder / f"{store.device_id}{SYNC_SUFFIX}"


def _files(folder: Path, own: Path) -> Iterator[Path]:
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name != own.name and is_sync_file(entry.name) and entry.is_file():
            yield Path(entry.path)


def sync(
    store: Store, folder: Path, now: dt.datetime, *, accept_future: bool = False
) -> SyncReport:
    """Merge every other device's file in `folder` (a file merged before is
    skipped by its SHA-256: a merge is a join, so it would change nothing), then
    write this device's whole history to `<device-id>.kneetui.json` if it
    changed. Never reads or writes anything else in the folder."""
    folder = check_folder(store, folder)
    own = own_file(store, folder)
    report = SyncReport()
    for path in _files(folder, own):
        try:
            if path.stat().st_size > MAX_SOURCE_BYTES:
                report.refused.append(f"{path} is too big for a kneetui export; skipped")
                continue
            data = path.read_bytes()
        except OSError as error:
            report.refused.append(f"cannot read {path}: {error.strerror}")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if store.merged_before(digest):
            report.unchanged += 1
            continue
        try:
            incoming = decode_source(data, path, now)
            ours = incoming.history.device_id == store.device_id
            if not (ours and path.name.startswith(store.device_id)):
                # (A sync tool's conflicted copy of this device's own file is ours.)
                check_source(store, incoming.history, path, now, accept_future=accept_future)
            plan = store.merge(incoming, remember=digest, now=now)
        except KneetuiError as error:
            report.refused.append(str(error))
            continue
        report.merged.append((path.name, plan))
    report.wrote = write_own(store, own)
    return report


def write_own(store: Store, own: Path) -> str | None:
    """Write this device's history to `own` (a temporary name, then a rename;
    0600), unless the file there is already what the last sync wrote and nothing
    changed since. Returns the name written, or None."""
    from kneetui.domain.exchange import encode_json

    generation, synced, sha = store.sync_state()
    if synced == generation and sha is not None:
        try:
            if hashlib.sha256(own.read_bytes()).hexdigest() == sha:
                return None
        except OSError:
            pass
    data = encode_json(store.export_bundle()).encode("utf-8")
    write_private(own, data)
    store.record_sync(generation, hashlib.sha256(data).hexdigest())
    return own.name


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600 whatever the umask, atomically: a
    temporary name in the same folder, fsync, then a rename, so a sync tool
    never sees half a file."""
    from kneetui.storage import paths

    try:
        paths.write_private(path, data)
    except OSError as error:
        raise KneetuiError(f"cannot write {path}: {error.strerror}") from None
