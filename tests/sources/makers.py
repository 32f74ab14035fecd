"""Real watch files, written the way watches and Strava write them: GPX with
gpxpy, FIT with fit-tool, TCX as text, and Strava's bulk export (its list with
the duplicated "Distance" and "Elapsed Time" columns, and its activities/).
Shared by the import tests and `make bench`."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import gpxpy.gpx
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer
from fit_tool.profile.profile_type import Sport as FitSport
from fit_tool.profile.profile_type import SubSport as FitSubSport

from kneetui.sources.track import EARTH_RADIUS_M

START = dt.datetime(2026, 6, 14, 6, 30, tzinfo=dt.UTC)
OSLO = (59.91, 10.75)
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180


@dataclass(frozen=True)
class Point:
    time: dt.datetime
    lat: float
    lon: float
    elevation: float


def track(
    km: float,
    minutes: float,
    *,
    start: dt.datetime = START,
    step_s: float = 5.0,
    origin: tuple[float, float] = OSLO,
    climb_m: float = 0.0,
) -> list[Point]:
    """A straight run due north (haversine along a meridian is exact) of `km`
    in `minutes`, a point every `step_s`, rising `climb_m` and back down."""
    steps = max(1, round(minutes * 60 / step_s))
    out = []
    for i in range(steps + 1):
        f = i / steps
        out.append(
            Point(
                start + dt.timedelta(seconds=f * minutes * 60),
                origin[0] + f * km * 1000 / METRES_PER_DEGREE,
                origin[1],
                100.0 + climb_m * math.sin(math.pi * f),
            )
        )
    return out


def gpx_bytes(points: Sequence[Point], kind: str | None = "running") -> bytes:
    gpx = gpxpy.gpx.GPX()
    trk = gpxpy.gpx.GPXTrack(name="Morning Run")
    trk.type = kind
    segment = gpxpy.gpx.GPXTrackSegment()
    segment.points = [
        gpxpy.gpx.GPXTrackPoint(p.lat, p.lon, elevation=p.elevation, time=p.time) for p in points
    ]
    trk.segments.append(segment)
    gpx.tracks.append(trk)
    return gpx.to_xml().encode()


def _ms(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def fit_bytes(
    points: Sequence[Point],
    *,
    km: float | None = None,
    sport: FitSport = FitSport.RUNNING,
    sub_sport: FitSubSport = FitSubSport.GENERIC,
    session: bool = True,
    ascent: int | None = None,
) -> bytes:
    """A FIT activity: records at the points and, unless `session` is False, a
    session with the watch's totals (`km` defaults to the track's length)."""
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 0
    file_id.time_created = _ms(points[0].time)
    file_id.serial_number = 0x12345678
    builder.add(file_id)
    for p in points:
        record = RecordMessage()
        record.timestamp = _ms(p.time)
        record.position_lat = p.lat
        record.position_long = p.lon
        record.altitude = p.elevation
        builder.add(record)
    if session:
        elapsed = (points[-1].time - points[0].time).total_seconds()
        message = SessionMessage()
        message.timestamp = _ms(points[-1].time)
        message.start_time = _ms(points[0].time)
        message.total_elapsed_time = elapsed
        message.total_timer_time = elapsed - 60
        message.total_distance = (km if km is not None else _length_km(points)) * 1000
        if ascent is not None:
            message.total_ascent = ascent
        message.sport = sport
        message.sub_sport = sub_sport
        builder.add(message)
    return bytes(builder.build().to_bytes())


def _length_km(points: Sequence[Point]) -> float:
    return (points[-1].lat - points[0].lat) * METRES_PER_DEGREE / 1000


def tcx_bytes(
    points: Sequence[Point], *, sport: str = "Running", lap_km: float | None = None
) -> bytes:
    """A TCX activity with one lap; `lap_km` is the lap's DistanceMeters (None:
    no lap total, the trackpoints carry no distance either)."""
    elapsed = (points[-1].time - points[0].time).total_seconds()
    trackpoints = "".join(
        f"<Trackpoint><Time>{p.time.strftime('%Y-%m-%dT%H:%M:%SZ')}</Time>"
        f"<Position><LatitudeDegrees>{p.lat:.7f}</LatitudeDegrees>"
        f"<LongitudeDegrees>{p.lon:.7f}</LongitudeDegrees></Position>"
        f"<AltitudeMeters>{p.elevation:.1f}</AltitudeMeters></Trackpoint>"
        for p in points
    )
    start = points[0].time.strftime("%Y-%m-%dT%H:%M:%SZ")
    distance = f"<DistanceMeters>{lap_km * 1000:.1f}</DistanceMeters>" if lap_km else ""
    # Strava's TCX files start with spaces before the declaration.
    return (
        '          <?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{start}</Id>'
        f'<Lap StartTime="{start}"><TotalTimeSeconds>{elapsed:.1f}</TotalTimeSeconds>{distance}'
        f"<Track>{trackpoints}</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


# Strava's activities.csv, its first columns in its own order: two "Elapsed Time"
# (seconds) and two "Distance" (km, then metres).
STRAVA_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
]  # fmt: skip


@dataclass(frozen=True)
class Activity:
    """A row of Strava's list and, when `data` is given, its file."""

    activity_id: int
    start: dt.datetime
    km: float
    minutes: float
    kind: str = "Run"
    name: str = "Morning Run"
    filename: str = ""
    data: bytes | None = None


def strava_date(moment: dt.datetime) -> str:
    """ "Nov 29, 2026, 7:01:12 AM", in UTC, as Strava writes it."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M:%S} {half}"


def strava_list(activities: Sequence[Activity]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STRAVA_HEADER)
    for a in activities:
        seconds = round(a.minutes * 60)
        writer.writerow(
            [
                a.activity_id, strava_date(a.start), a.name, a.kind, "",
                seconds, f"{a.km:.2f}", "", "", "false", "", "", a.filename, "", "",
                f"{seconds:.1f}", f"{seconds - 30:.1f}", f"{a.km * 1000:.1f}", "", "", "12.0",
            ]
        )  # fmt: skip
    return out.getvalue().encode()


def write_export(folder: Path, activities: Sequence[Activity]) -> Path:
    """Strava's export unpacked in `folder`."""
    (folder / "activities").mkdir(parents=True, exist_ok=True)
    (folder / "activities.csv").write_bytes(strava_list(activities))
    for a in activities:
        if a.filename and a.data is not None:
            (folder / a.filename).write_bytes(a.data)
    return folder
