"""Strava's bulk export (Settings → My Account → Download or Delete Your Account
→ Request your archive), as its folder or its .zip.

`activities.csv` lists every activity: its id, date (UTC, "Nov 29, 2026, 7:01:12
AM"), name, type and the file of its track under `activities/`. The list has two
columns named "Distance" (kilometres or miles as the athlete chose, then metres)
and two named "Elapsed Time" (seconds both); the second of each, in plain units,
is read. A run listed without a file is imported from its row, and so is one
whose file is missing or cannot be read (`kneetui.run_import` says which).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import uuid
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from kneetui.domain.runs import Run, RunSource, Sport
from kneetui.sources import Item, NotARun, SourceError, sport_of
from kneetui.sources.files import MAX_FILE_BYTES, is_watch_file

LIST = "activities.csv"
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DATE = re.compile(
    r"^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2}) ?([AaPp][Mm])$"
)
_RUN_FROM_ROW = uuid.UUID("0b7f2c58-7a39-4d0e-8f41-2f5f6c1d9e3a")


class StravaRow(NamedTuple):
    line: int
    activity_id: str
    started_at: dt.datetime
    name: str
    sport: Sport | NotARun
    distance_km: float | None
    elapsed_s: float | None
    moving_s: float | None
    gain_m: float | None
    filename: str
    digest: str  # of the row itself, for a run imported from the list alone


def read_list(data: bytes) -> tuple[list[StravaRow], list[tuple[int, str]]]:
    """The rows of `activities.csv`, and (line, reason) for each row refused."""
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(f"{LIST} is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{LIST} is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise SourceError(f"{LIST} is empty")
    columns = _Columns(header)
    rows, refused = [], []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        try:
            rows.append(columns.row(reader.line_num, values))
        except SourceError as error:
            refused.append((reader.line_num, str(error)))
    return rows, refused


class _Columns:
    def __init__(self, header: list[str]) -> None:
        where: dict[str, list[int]] = {}
        for index, name in enumerate(header):
            where.setdefault(name.strip(), []).append(index)
        for needed in ("Activity Date", "Activity Type"):
            if needed not in where:
                raise SourceError(f"{LIST} has no {needed!r} column: not a Strava export")
        self.where = where

    def _get(self, values: list[str], name: str, which: int = 0) -> str:
        indexes = self.where.get(name, [])
        if len(indexes) <= which or indexes[which] >= len(values):
            return ""
        return values[indexes[which]].strip()

    def _number(self, values: list[str], name: str, which: int = 0) -> float | None:
        text = self._get(values, name, which).replace(",", "")
        try:
            value = float(text) if text else None
        except ValueError:
            return None
        return value if value is not None and 0 < value < float("inf") else None

    def row(self, line: int, values: list[str]) -> StravaRow:
        metres = self._number(values, "Distance", 1)
        km = metres / 1000 if metres is not None else self._number(values, "Distance", 0)
        elapsed = self._number(values, "Elapsed Time", 1) or self._number(values, "Elapsed Time")
        kind = self._get(values, "Activity Type")
        return StravaRow(
            line=line,
            activity_id=self._get(values, "Activity ID"),
            started_at=parse_date(self._get(values, "Activity Date")),
            name=self._get(values, "Activity Name"),
            sport=sport_of(kind) or NotARun("unknown"),
            distance_km=km,
            elapsed_s=elapsed,
            moving_s=self._number(values, "Moving Time"),
            gain_m=self._number(values, "Elevation Gain"),
            filename=self._get(values, "Filename"),
            digest=hashlib.sha256("\x1f".join(["strava-csv", *values]).encode()).hexdigest(),
        )


def parse_date(text: str) -> dt.datetime:
    """Strava's "Nov 29, 2026, 7:01:12 AM" (UTC), or an ISO date and time."""
    match = _DATE.match(text)
    try:
        if match:
            month, day, year, hour, minute, second, half = match.groups()
            hour_24 = int(hour) % 12 + (12 if half.lower() == "pm" else 0)
            return dt.datetime(
                int(year), _MONTHS[month.lower()], int(day), hour_24, int(minute), int(second),
                tzinfo=dt.UTC,
            )  # fmt: skip
        moment = dt.datetime.fromisoformat(text)
    except (KeyError, ValueError):
        raise SourceError(f"its date {text[:40]!r} is not one Strava writes") from None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def row_run(row: StravaRow, *, zone: dt.tzinfo | None, source_file: str) -> Run:
    """A run from the list alone (Strava kept no file for it)."""
    if isinstance(row.sport, NotARun):
        raise ValueError("not a run")
    if not row.distance_km:
        raise SourceError("Strava's list gives it no distance and there is no file")
    return Run(
        uuid=str(uuid.uuid5(_RUN_FROM_ROW, row.digest)),
        started_at=row.started_at,
        local_day=row.started_at.astimezone(zone).date(),
        distance_km=round(row.distance_km, 3),
        moving_minutes=round(row.moving_s / 60, 2) if row.moving_s else None,
        elapsed_minutes=round(row.elapsed_s / 60, 2) if row.elapsed_s else None,
        elevation_gain_m=round(row.gain_m, 1) if row.gain_m is not None else None,
        sport=row.sport,
        source=RunSource.STRAVA_CSV,
        source_file=source_file[-1000:],
        content_hash=row.digest,
        note=row.name[:1000],
    )


def safe_member(name: str) -> PurePosixPath | None:
    """`name` (from a zip or Strava's list) as a relative path that stays inside
    the export, or None when it would leave it."""
    if "\\" in name or "\x00" in name or not name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or ":" in path.parts[0]:
        return None
    return path


def not_in_export() -> bytes:
    """The reader of a file Strava's list names and the export lacks."""
    raise SourceError("not in the export")


def folder_items(folder: Path, shown: str) -> list[Item]:
    """The items of an export folder: each row of its list, with its file where
    Strava kept one, then any watch file under activities/ the list leaves out."""
    rows, refused = read_list((folder / LIST).read_bytes())
    items = [Item(f"{shown}/{LIST} line {line}", None, problem=why) for line, why in refused]
    listed: set[Path] = set()
    root = folder.resolve()
    for row in rows:
        name = f"{shown}/{LIST} line {row.line}"
        if row.filename:
            member = safe_member(row.filename)
            path = (folder / member).resolve() if member else None
            if path is None or not path.is_relative_to(root):
                items.append(Item(name, None, row, "its file's path leaves the export"))
                continue
            listed.add(path)
            read = path.read_bytes if path.is_file() else not_in_export
            items.append(Item(f"{shown}/{row.filename}", read, row))
            continue
        items.append(Item(name, None, row))
    activities = folder / "activities"
    if activities.is_dir():
        for path in sorted(activities.rglob("*")):
            if path.is_file() and is_watch_file(path.name) and path.resolve() not in listed:
                items.append(
                    Item(f"{shown}/{path.relative_to(folder).as_posix()}", path.read_bytes)
                )
    return items
