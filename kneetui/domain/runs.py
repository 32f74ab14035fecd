"""Runs and single-run spikes.

A run is what the watch or Strava recorded, or what the runner typed: when it
started, how far it went, how long it took. The one figure about load that the
strongest evidence ties to overuse injury is the single-run spike:

    Frandsen et al., "How much running is too much? Identifying high-risk running
    sessions in a 5200-person cohort study", Br J Sports Med 2025;59:1203-1210,
    doi 10.1136/bjsports-2024-109380. 5,205 runners, 588,071 Garmin-recorded
    sessions: the risk of overuse injury rose when a single run was more than 10%
    longer than the longest run of the previous 30 days. Hazard rate ratios:
    small spike (over 10% to 30%) 1.64, moderate (over 30% to 100%) 1.52, large
    (over 100%) 2.28. Week-to-week load ratios (ACWR) showed no clear link.

Pure: no clock, no disk. Times are aware datetimes in UTC.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from kneetui.domain.errors import ValidationError

# Frandsen et al. 2025: the window and the cut-offs, as fractions longer than the
# longest run of the window.
SPIKE_WINDOW = dt.timedelta(days=30)
SMALL_SPIKE_OVER = 0.10
MODERATE_SPIKE_OVER = 0.30
LARGE_SPIKE_OVER = 1.00

# The same run from two sources (a watch file and Strava's copy of it): starts
# within two minutes and distances within 3% of each other.
SAME_RUN_START = dt.timedelta(minutes=2)
SAME_RUN_DISTANCE = 0.03

# A score "after run" belongs to the run that ended within the 12 hours before it.
AFTER_RUN_LINK = dt.timedelta(hours=12)

# Bounds that keep a wrong unit or a broken file out of the history: the longest
# foot races are some 250 km a day; 3,000 minutes is 50 hours.
MAX_RUN_KM = 300.0
MAX_RUN_MINUTES = 3000.0
MAX_ELEVATION_M = 20000.0
MAX_TEXT = 1000


class RunSource(StrEnum):
    GPX = "gpx"
    TCX = "tcx"
    FIT = "fit"
    STRAVA_CSV = "strava-csv"
    MANUAL = "manual"


class Sport(StrEnum):
    """Only running is imported; a watch's other activities are counted as skipped."""

    RUN = "run"
    TRAIL_RUN = "trail-run"
    TREADMILL = "treadmill"


class Run(NamedTuple):
    """One run. `content_hash` is the SHA-256 of the file it came from ("" when
    typed by hand), so the same file is never imported twice."""

    uuid: str
    started_at: dt.datetime
    local_day: dt.date
    distance_km: float
    moving_minutes: float | None = None
    elapsed_minutes: float | None = None
    elevation_gain_m: float | None = None
    sport: Sport = Sport.RUN
    source: RunSource = RunSource.MANUAL
    source_file: str = ""
    content_hash: str = ""
    note: str = ""

    @property
    def minutes(self) -> float | None:
        """How long the run took: elapsed time where known, else moving time."""
        return self.elapsed_minutes if self.elapsed_minutes is not None else self.moving_minutes

    @property
    def ended_at(self) -> dt.datetime:
        return self.started_at + dt.timedelta(minutes=self.minutes or 0.0)


class Spike(StrEnum):
    NONE = "none"
    SMALL = "small"
    MODERATE = "moderate"
    LARGE = "large"


class RunSpike(NamedTuple):
    """A run with its spike category against the longest run of the 30 days
    before it (`longest` is None when there was no run in that window: no
    reference, no spike)."""

    run: Run
    spike: Spike
    longest: float | None

    @property
    def over(self) -> float | None:
        """How much longer than `longest`, as a fraction (0.76 for 76% longer)."""
        if self.longest is None:
            return None
        return self.run.distance_km / self.longest - 1.0


def spike_of(distance_km: float, longest_km: float | None) -> Spike:
    """Frandsen's category for a run of `distance_km` after a longest run of
    `longest_km` in the previous 30 days."""
    if longest_km is None or longest_km <= 0:
        return Spike.NONE
    # Rounded so that a run exactly 10% longer (11.0 after 10.0, whose quotient is
    # 1.1000000000000001 in binary) is not over 10%.
    over = round(distance_km / longest_km - 1.0, 9)
    if over > LARGE_SPIKE_OVER:
        return Spike.LARGE
    if over > MODERATE_SPIKE_OVER:
        return Spike.MODERATE
    if over > SMALL_SPIKE_OVER:
        return Spike.SMALL
    return Spike.NONE


def spikes(runs: Sequence[Run]) -> list[RunSpike]:
    """Each run (any order in, oldest first out) with its spike category. The
    window is the 30 days before the run's start, the run itself left out."""
    ordered = sorted(runs, key=lambda r: (r.started_at, r.uuid))
    starts = [r.started_at for r in ordered]
    out = []
    for index, run in enumerate(ordered):
        first = bisect.bisect_left(starts, run.started_at - SPIKE_WINDOW, 0, index)
        window = ordered[first:index]
        longest = max((r.distance_km for r in window), default=None)
        out.append(RunSpike(run, spike_of(run.distance_km, longest), longest))
    return out


def ceiling(runs: Sequence[Run], now: dt.datetime) -> float | None:
    """The longest distance that is not a spike for a run starting `now`: 10%
    over the longest run of the previous 30 days (None with no run in them)."""
    longest = max(
        (r.distance_km for r in runs if now - SPIKE_WINDOW <= r.started_at < now), default=None
    )
    return None if longest is None else longest * (1.0 + SMALL_SPIKE_OVER)


def same_run(a: Run, b: Run) -> bool:
    """True for one run recorded twice (a watch file and Strava's copy)."""
    if abs(a.started_at - b.started_at) > SAME_RUN_START:
        return False
    larger = max(a.distance_km, b.distance_km)
    return abs(a.distance_km - b.distance_km) <= SAME_RUN_DISTANCE * larger


def run_before(runs: Sequence[Run], moment: dt.datetime) -> Run | None:
    """The run a score logged at `moment` "after run" is about: the one that
    ended last within the 12 hours before it."""
    ended = [r for r in runs if moment - AFTER_RUN_LINK <= r.ended_at <= moment]
    return max(ended, key=lambda r: (r.ended_at, r.uuid), default=None)


def check_run(run: Run, now: dt.datetime) -> Run:
    """Refuse a run no watch could have recorded; name the field."""
    # Imported here: the dashboard's head start loads this module but checks
    # no run, and uuid is some 3 ms of its start (python -X importtime).
    import uuid as uuid_module

    try:
        if str(uuid_module.UUID(run.uuid)) != run.uuid:
            raise ValueError(run.uuid)
    except (ValueError, AttributeError, TypeError):
        raise ValidationError("uuid", f"is not a lower-case UUID: {run.uuid!r}") from None
    if run.started_at.tzinfo is None:
        raise ValidationError("started_at", "must carry a time zone")
    if run.started_at > now + dt.timedelta(minutes=5):
        raise ValidationError("started_at", f"{run.started_at.isoformat()} is in the future")
    utc_day = run.started_at.astimezone(dt.UTC).date()
    if abs((run.local_day - utc_day).days) > 1:
        raise ValidationError(
            "local_day", f"{run.local_day} does not match started_at {run.started_at.isoformat()}"
        )
    _check_number(run.distance_km, "distance_km", MAX_RUN_KM, "km", optional=False)
    _check_number(run.moving_minutes, "moving_minutes", MAX_RUN_MINUTES, "minutes")
    _check_number(run.elapsed_minutes, "elapsed_minutes", MAX_RUN_MINUTES, "minutes")
    _check_number(run.elevation_gain_m, "elevation_gain_m", MAX_ELEVATION_M, "m", zero=True)
    for name in ("source_file", "content_hash", "note"):
        text = getattr(run, name)
        if not isinstance(text, str) or len(text) > MAX_TEXT or "\x00" in text:
            raise ValidationError(name, f"must be text of at most {MAX_TEXT} characters")
    for name, kind in (("sport", Sport), ("source", RunSource)):
        value = getattr(run, name)
        if value not in {member.value for member in kind}:
            options = ", ".join(member.value for member in kind)
            raise ValidationError(name, f"must be one of {options}, got {value!r}")
    return run


def _check_number(
    value: float | None,
    name: str,
    limit: float,
    unit: str,
    *,
    optional: bool = True,
    zero: bool = False,
) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValidationError(name, f"must be a number, got {value!r}")
    low_ok = value >= 0 if zero else value > 0
    if not low_ok or value > limit:
        least = "0" if zero else "more than 0"
        raise ValidationError(name, f"must be {least} and at most {limit:g} {unit}, got {value:g}")
