"""Watch files to domain runs: GPX, TCX, FIT (each optionally gzipped) and
Strava's bulk export.

The only code that imports gpxpy, fitdecode and defusedxml (DESIGN.md §2). Each
reader takes a file's bytes and returns a `Run`, a `NotARun` (a ride, a swim:
counted, not stored) or raises `SourceError` with a one-line reason. Nothing
here touches the store; `kneetui.run_import` walks paths and stores runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from kneetui.domain.runs import Sport

if TYPE_CHECKING:
    from kneetui.sources.strava import StravaRow


class SourceError(Exception):
    """A file that cannot be imported; the message is the reason, one line."""


class NotARun(NamedTuple):
    """An activity that is not a run, with the sport its file names."""

    sport: str


class Reading(NamedTuple):
    """What a file says about one activity, before it becomes a `Run`."""

    started_at: dt.datetime
    distance_km: float
    moving_minutes: float | None
    elapsed_minutes: float | None
    elevation_gain_m: float | None
    sport: Sport


class Item(NamedTuple):
    """One thing to import: a watch file, or a row of Strava's list.

    `read` gives the file's bytes (None for a row of Strava's list with no file);
    `row` is that row, which knows the activity's type and name better than the
    file. `problem` is set when the item is refused before it is read (a path
    that leaves the archive, a member that unpacks too far)."""

    name: str
    read: Callable[[], bytes] | None
    row: StravaRow | None = None
    problem: str = ""


# Words watches and Strava use for running, lower-case, spaces, dashes and
# underscores removed. "9" is running in Strava's and Garmin's numbered types.
_RUNNING = {
    "run": Sport.RUN,
    "running": Sport.RUN,
    "street": Sport.RUN,
    "road": Sport.RUN,
    "track": Sport.RUN,
    "9": Sport.RUN,
    "trailrun": Sport.TRAIL_RUN,
    "trailrunning": Sport.TRAIL_RUN,
    "trail": Sport.TRAIL_RUN,
    "treadmill": Sport.TREADMILL,
    "treadmillrunning": Sport.TREADMILL,
    "indoorrunning": Sport.TREADMILL,
    "indoorrun": Sport.TREADMILL,
    "virtualrun": Sport.TREADMILL,
    "virtualactivity": Sport.TREADMILL,
}


def sport_of(name: str | None, sub: str | None = None) -> Sport | NotARun | None:
    """A running `Sport`, `NotARun` for any other named activity, None when the
    file names none. `sub` refines running (FIT's sub_sport: trail, treadmill)."""
    key = _key(name)
    if not key:
        return None
    sport = _RUNNING.get(key)
    if sport is None:
        return NotARun(name.strip() if name else key)
    refined = _RUNNING.get(_key(sub))
    return refined if sport is Sport.RUN and refined is not None else sport


def _key(name: str | None) -> str:
    return "".join(c for c in (name or "").lower() if c not in " _-")


def utc(moment: dt.datetime) -> dt.datetime:
    """An aware UTC moment; a file's naive time is taken as UTC (GPX, FIT and
    TCX all record UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def first_line(error: Exception) -> str:
    """A library's error message as one short line."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
