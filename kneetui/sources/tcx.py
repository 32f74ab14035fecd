"""TCX files (Garmin Connect's "Export to TCX", Strava's older uploads) with the
standard library's XML parser hardened by defusedxml: a DTD or an entity is
refused before anything is expanded.

The distance is the laps' own DistanceMeters where the file has them, else the
trackpoints' cumulative distance, else measured over the positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree

from kneetui.domain.runs import Sport
from kneetui.sources import NotARun, Reading, SourceError, sport_of, utc
from kneetui.sources.track import Point, climb, measure
from kneetui.sources.xml import refuse_entities, text_of


def read_tcx(data: bytes) -> Reading | NotARun:
    # Strava's TCX files start with spaces before "<?xml", which XML forbids.
    text = text_of(data).lstrip()
    refuse_entities(text)
    try:
        root = defusedxml.ElementTree.fromstring(text, forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise SourceError(
            "the XML declares a DTD or entities, which a watch file never does"
        ) from None
    except ParseError as error:
        raise SourceError(f"not well-formed XML ({error})") from None
    activity = root.find("{*}Activities/{*}Activity")
    if activity is None:
        raise SourceError("the TCX file has no activity")
    sport = sport_of(activity.get("Sport"))
    if isinstance(sport, NotARun):
        return sport
    laps = activity.findall("{*}Lap")
    trackpoints = [tp for lap in laps for tp in lap.iterfind("{*}Track/{*}Trackpoint")]
    times = [t for t in (_time(_text(tp, "Time")) for tp in trackpoints) if t is not None]
    starts = [t for t in (_time(lap.get("StartTime")) for lap in laps) if t is not None]
    started = min(times + starts, default=None) or _time(_text(activity, "Id"))
    if started is None:
        raise SourceError("the TCX activity has no start time")
    distance_m = _lap_total(laps, "DistanceMeters") or _last_distance(trackpoints)
    points = list(_points(trackpoints))
    if not distance_m:
        distance_m = measure(points).distance_m
    if not distance_m:
        raise SourceError("the TCX activity has no distance")
    timer_s = _lap_total(laps, "TotalTimeSeconds")
    elapsed_s = (max(times) - started).total_seconds() if times else timer_s
    return Reading(
        started_at=started,
        distance_km=distance_m / 1000,
        moving_minutes=timer_s / 60 or None,
        elapsed_minutes=elapsed_s / 60 or None,
        elevation_gain_m=climb(_number(_text(tp, "AltitudeMeters")) for tp in trackpoints),
        sport=sport or Sport.RUN,
    )


def _text(element: Element, name: str) -> str | None:
    found = element.find(f"{{*}}{name}")
    return None if found is None else found.text


def _number(text: str | None) -> float | None:
    try:
        value = float(text) if text is not None else None
    except ValueError:
        return None
    return value if value is not None and value == value and abs(value) != float("inf") else None


def _time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return utc(moment)


def _lap_total(laps: list[Element], name: str) -> float:
    return sum(max(0.0, _number(_text(lap, name)) or 0.0) for lap in laps)


def _last_distance(trackpoints: list[Element]) -> float:
    distances = [d for d in (_number(_text(tp, "DistanceMeters")) for tp in trackpoints) if d]
    return max(distances, default=0.0)


def _points(trackpoints: list[Element]) -> Iterator[Point]:
    for tp in trackpoints:
        time = _time(_text(tp, "Time"))
        position = tp.find("{*}Position")
        if time is None or position is None:
            continue
        lat = _number(_text(position, "LatitudeDegrees"))
        lon = _number(_text(position, "LongitudeDegrees"))
        if lat is not None and lon is not None:
            yield (time.timestamp(), lat, lon, None)
