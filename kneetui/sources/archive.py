"""A .zip of watch files: Strava's bulk export, or any archive of GPX, TCX and
FIT files. Members are read into memory, never written out, and checked first:

- a member whose path is absolute or climbs out with ".." is refused;
- a member that unpacks past MAX_FILE_BYTES, or more than MAX_RATIO times its
  packed size, is refused as a zip bomb (GPX packs some 10:1, FIT 3:1);
- an archive whose watch files and list together unpack past MAX_ARCHIVE_BYTES
  is refused whole.

zipfile stops unpacking a member at the size its header declares, so a header
that lies cannot make it write more.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import PurePosixPath

from kneetui.sources import Item, SourceError
from kneetui.sources.files import MAX_FILE_BYTES, is_watch_file
from kneetui.sources.strava import LIST, not_in_export, read_list, safe_member

MAX_ARCHIVE_BYTES = 8 * 1024**3
MAX_RATIO = 100
# Tiny members pack oddly (a 2 kB list of zeros); the ratio applies above this.
RATIO_FROM_BYTES = 1024 * 1024


def archive_items(
    archive: zipfile.ZipFile, shown: str, stack: ExitStack | None = None
) -> list[Item]:
    """The items of an open zip, named `shown:member`. Raises SourceError when
    the archive as a whole is refused. With a `stack`, the zips inside it are
    read too, one level deep (Garmin's bulk export keeps its FIT files in zips
    within the zip), unpacked to temporary files that live as long as `stack`."""
    members: dict[str, zipfile.ZipInfo] = {}
    items: list[Item] = []
    total = 0
    lists: list[zipfile.ZipInfo] = []
    inner: list[zipfile.ZipInfo] = []
    bombs: dict[str, str] = {}  # member: why it is not unpacked
    for info in archive.infolist():
        if info.is_dir():
            continue
        is_zip = stack is not None and info.filename.lower().endswith(".zip")
        wanted = is_watch_file(info.filename) or PurePosixPath(info.filename).name == LIST
        if not (wanted or is_zip):
            continue  # photos, routes, the rest of Strava's export: never read
        path = safe_member(info.filename)
        if path is None:
            items.append(Item(f"{shown}:{info.filename}", None, problem=_LEAVES))
            continue
        total += info.file_size
        problem = _bomb(info, limit=MAX_ARCHIVE_BYTES if is_zip else MAX_FILE_BYTES)
        if problem:
            bombs[path.as_posix()] = problem
            continue
        if is_zip:
            inner.append(info)
        elif path.name == LIST and len(path.parts) <= 2:
            lists.append(info)
        else:
            members[path.as_posix()] = info
    if total > MAX_ARCHIVE_BYTES:
        raise SourceError(
            f"its files unpack to {total / 1024**3:.1f} GB, over {MAX_ARCHIVE_BYTES // 1024**3} GB:"
            " refused as a zip bomb"
        )
    if lists:
        listing = min(lists, key=lambda i: len(i.filename))
        items += _listed(archive, shown, listing, members, bombs)
    items += [Item(f"{shown}:{name}", None, problem=why) for name, why in bombs.items()]
    items += [
        Item(f"{shown}:{name}", _reader(archive, info)) for name, info in sorted(members.items())
    ]
    for info in inner:
        assert stack is not None
        name = f"{shown}:{info.filename}"
        try:
            copy = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (lives on `stack`)
            with archive.open(info) as member:
                shutil.copyfileobj(member, copy)
            items += archive_items(stack.enter_context(zipfile.ZipFile(copy)), name)
        except SourceError as error:
            items.append(Item(name, None, problem=str(error)))
        except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError):
            items.append(Item(name, None, problem="not a readable zip file"))
    return items


_LEAVES = "its path leaves the archive"


def _bomb(info: zipfile.ZipInfo, limit: int = MAX_FILE_BYTES) -> str:
    if info.file_size > limit:
        return f"unpacks to more than {limit // 2**20} MB: refused as a zip bomb"
    if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * info.compress_size:
        ratio = info.file_size / max(1, info.compress_size)
        return f"unpacks {ratio:.0f} times its size: refused as a zip bomb"
    return ""


def _refuse(why: str) -> bytes:
    raise SourceError(why)


def _reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    return lambda: archive.read(info)


def _listed(
    archive: zipfile.ZipFile,
    shown: str,
    listing: zipfile.ZipInfo,
    members: dict[str, zipfile.ZipInfo],
    bombs: dict[str, str],
) -> list[Item]:
    """Strava's list: each row with its member (taken out of `members`, or out of
    `bombs` when it will not be unpacked)."""
    prefix = PurePosixPath(listing.filename).parent
    rows, refused = read_list(archive.read(listing))
    where = f"{shown}:{listing.filename}"
    items = [Item(f"{where} line {line}", None, problem=why) for line, why in refused]
    for row in rows:
        name = f"{where} line {row.line}"
        if row.filename:
            member = safe_member(row.filename)
            if member is None:
                items.append(Item(name, None, row, "its file's path leaves the export"))
                continue
            key = (prefix / member).as_posix()
            info = members.pop(key, None)
            bomb = bombs.pop(key, "")
            if info is not None:
                read = _reader(archive, info)
            else:
                read = partial(_refuse, bomb) if bomb else not_in_export
            items.append(Item(f"{shown}:{key}", read, row))
            continue
        items.append(Item(name, None, row))
    return items
