"""Distance, moving time and climb from a track of points.

Used where a file carries no total of its own (GPX, a FIT without a session).
A GPS jump is a step whose implied speed is over 50 km/h, faster than any
runner: its distance is not counted, and the next points are measured from the
last good one. When five points in a row are all jumps from it, the receiver
has really moved on (a lost fix found again farther along): the track resumes
from there, the gap itself not counted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from kneetui.domain.runs import Sport
from kneetui.sources import Reading, SourceError

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)
JUMP_SPEED_MS = 50 / 3.6
JUMPS_TO_RESUME = 5
# Slower than this (m/s) between two points is standing still.
MOVING_SPEED_MS = 0.5
# Climb counts only once the track rises this far above its last low point: GPS
# and barometric altitude wander by a metre or two.
CLIMB_NOISE_M = 3.0


# (POSIX seconds, latitude, longitude, elevation): plain tuples, as a long track
# has thousands of them and a NamedTuple costs several times more to make; the
# time as a number, as gpxpy's datetimes carry a time zone written in Python,
# which made every subtraction and comparison call it (a tenth of a GPX import).
Point = tuple[float, float, float, float | None]


class Track(NamedTuple):
    distance_m: float
    moving_s: float
    elapsed_s: float
    gain_m: float | None


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def measure(points: Sequence[Point]) -> Track:
    """The track's distance without GPS jumps, its moving and elapsed time, and
    its climb (None without elevations). Points in time order.

    The haversine formula is written out in the loop, each point's radians and
    cosine worked out once: this runs over every point of every GPX file, and as
    a function call it added a sixth to the time gpxpy takes to parse one."""
    if not points:
        return Track(0.0, 0.0, 0.0, None)
    radians, sin, asin, sqrt, cos = math.radians, math.sin, math.asin, math.sqrt, math.cos
    diameter = 2 * EARTH_RADIUS_M
    distance = moving = 0.0
    jumps = 0
    first_time = points[0][0]
    good_time = first_time
    good_phi, good_lam = radians(points[0][1]), radians(points[0][2])
    good_cos = cos(good_phi)
    for time, lat, lon, _ in points[1:]:
        phi, lam = radians(lat), radians(lon)
        cos_phi = cos(phi)
        a = sin((phi - good_phi) / 2) ** 2 + good_cos * cos_phi * sin((lam - good_lam) / 2) ** 2
        step = diameter * asin(min(1.0, sqrt(a)))
        seconds = time - good_time
        if step > JUMP_SPEED_MS * (seconds if seconds > 1.0 else 1.0):
            jumps += 1
            if jumps < JUMPS_TO_RESUME:
                continue
            step = 0.0  # the receiver moved on: resume from here, the gap not counted
        jumps = 0
        distance += step
        if seconds > 0 and step >= MOVING_SPEED_MS * seconds:
            moving += seconds
        good_time, good_phi, good_lam, good_cos = time, phi, lam, cos_phi
    elapsed = points[-1][0] - first_time
    return Track(distance, moving, elapsed, climb(p[3] for p in points))


def climb(elevations: Iterable[float | None]) -> float | None:
    """Total ascent in metres, ignoring wobbles under CLIMB_NOISE_M."""
    gain = 0.0
    low: float | None = None
    for elevation in elevations:
        if elevation is None:
            continue
        if low is None or elevation < low:
            low = elevation
        elif elevation - low >= CLIMB_NOISE_M:
            gain += elevation - low
            low = elevation
    return None if low is None else gain


def reading(points: list[Point], sport: Any, *, no_distance: str) -> Reading:
    """What a file without totals says, measured over its `points` (sorted here
    into time order); `no_distance` is the refusal for a track that goes nowhere.
    A file that names no sport is taken for a run."""
    points.sort(key=itemgetter(0))
    track = measure(points)
    if track.distance_m <= 0:
        raise SourceError(no_distance)
    return Reading(
        started_at=dt.datetime.fromtimestamp(points[0][0], dt.UTC),
        distance_km=track.distance_m / 1000,
        moving_minutes=track.moving_s / 60 or None,
        elapsed_minutes=track.elapsed_s / 60 or None,
        elevation_gain_m=track.gain_m,
        sport=sport or Sport.RUN,
    )
