"""GPX files (Strava's and Garmin Connect's exports, most phone apps) with gpxpy.

GPX carries no total distance: it is measured over the track (`track.measure`).
The activity type is the track's <type> ("running", Strava's "9"); a file with
none is taken for a run, as the runner chose to import it.
"""

from __future__ import annotations

import datetime as dt

import gpxpy
import gpxpy.gpx

from kneetui.sources import NotARun, Reading, SourceError, first_line, sport_of
from kneetui.sources.track import reading
from kneetui.sources.xml import refuse_entities, text_of


def read_gpx(data: bytes) -> Reading | NotARun:
    text = text_of(data)
    # gpxpy hands the text to ElementTree (or lxml when installed), which would
    # expand entities declared in a DTD: refuse any DTD first.
    refuse_entities(text)
    try:
        gpx = gpxpy.parse(text)
    except (gpxpy.gpx.GPXException, ValueError) as error:
        raise SourceError(f"not a readable GPX file ({first_line(error)})") from None
    named = next((t.type for t in gpx.tracks if t.type), None)
    sport = sport_of(named)
    if isinstance(sport, NotARun):
        return sport
    # A time without a zone is UTC in GPX (timestamp() would take it as local).
    points = [
        (
            (p.time if p.time.tzinfo else p.time.replace(tzinfo=dt.UTC)).timestamp(),
            p.latitude,
            p.longitude,
            p.elevation,
        )
        for track in gpx.tracks
        for segment in track.segments
        for p in segment.points
        if p.time is not None
    ]
    if not points:
        if any(s.points for t in gpx.tracks for s in t.segments):
            raise SourceError("its track points carry no times, so the run's date is unknown")
        raise SourceError("the GPX file has no track points")
    return reading(points, sport, no_distance="the track covers no distance")
