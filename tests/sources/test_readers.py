"""Each reader on real files: GPX written with gpxpy, FIT with fit-tool, TCX as
text. Distances within 1% of the truth; bad files refused with their reason."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from fit_tool.profile.profile_type import Sport as FitSport
from fit_tool.profile.profile_type import SubSport as FitSubSport

from kneetui.domain.runs import RunSource, Sport
from kneetui.sources import NotARun, Reading, SourceError
from kneetui.sources.files import content_hash, gunzip, read_watch_file, to_run
from kneetui.sources.strava import parse_date
from kneetui.sources.track import measure
from tests.sources import makers
from tests.sources.makers import fit_bytes, gpx_bytes, gz, tcx_bytes, track

TEN_K = track(10.0, 50.0, climb_m=40.0)


def read(name: str, data: bytes) -> Reading:
    _, reading = read_watch_file(name, data)
    assert isinstance(reading, Reading), reading
    return reading


def test_gpx_distance_time_and_climb_from_the_track() -> None:
    reading = read("a.gpx", gpx_bytes(TEN_K))
    assert reading.distance_km == pytest.approx(10.0, rel=0.01)
    assert reading.started_at == makers.START
    assert reading.elapsed_minutes == pytest.approx(50.0)
    assert reading.moving_minutes == pytest.approx(50.0)
    assert reading.elevation_gain_m == pytest.approx(40.0, abs=3.0)
    assert reading.sport is Sport.RUN


def test_a_gps_jump_is_not_counted() -> None:
    # A point 5 km off the route, five seconds after the last: 3,600 km/h.
    points = list(TEN_K)
    off = points[300]
    points[300] = dataclasses.replace(off, lat=off.lat + 5000 / makers.METRES_PER_DEGREE)
    assert read("a.gpx", gpx_bytes(points)).distance_km == pytest.approx(10.0, rel=0.01)


def test_the_track_resumes_after_a_fix_found_farther_along() -> None:
    # The receiver lost its fix and found it again 2 km on: the points after it
    # are kept, the gap not counted.
    first, second = track(3.0, 15.0), track(4.0, 20.0)
    moved = [
        dataclasses.replace(
            p,
            time=p.time + dt.timedelta(minutes=15, seconds=5),
            lat=p.lat + 5000 / makers.METRES_PER_DEGREE,
        )
        for p in second
    ]
    reading = read("a.gpx", gpx_bytes(first + moved))
    assert reading.distance_km == pytest.approx(7.0, rel=0.01)


def test_the_local_day_is_the_runners() -> None:
    # 06:30 UTC on 14 June is still 13 June in Los Angeles (23:30 PDT).
    reading = read("a.gpx", gpx_bytes(TEN_K))
    run = to_run(
        reading,
        zone=ZoneInfo("America/Los_Angeles"),
        source=RunSource.GPX,
        source_file="a.gpx",
        digest=content_hash(b"x"),
    )
    assert run.local_day == dt.date(2026, 6, 13)
    oslo = to_run(
        reading, zone=ZoneInfo("Europe/Oslo"), source=RunSource.GPX, source_file="", digest="x"
    )
    assert oslo.local_day == dt.date(2026, 6, 14)


@pytest.mark.parametrize(
    ("kind", "sport"),
    [
        ("running", Sport.RUN),
        ("9", Sport.RUN),
        ("trail_running", Sport.TRAIL_RUN),
        (None, Sport.RUN),
    ],
)
def test_gpx_running_types(kind: str | None, sport: Sport) -> None:
    assert read("a.gpx", gpx_bytes(TEN_K, kind)).sport is sport


def test_a_gpx_ride_is_not_a_run() -> None:
    assert read_watch_file("a.gpx", gpx_bytes(TEN_K, "cycling"))[1] == NotARun("cycling")


def test_fit_totals_come_from_the_session() -> None:
    # The watch's own total (10.5 km) wins over the track (10 km).
    data = fit_bytes(TEN_K, km=10.5, sub_sport=FitSubSport.TRAIL, ascent=123)
    source, reading = read_watch_file("a.fit", data)
    assert source is RunSource.FIT
    assert isinstance(reading, Reading)
    assert reading.distance_km == pytest.approx(10.5, rel=1e-6)
    assert reading.started_at == makers.START
    assert reading.elapsed_minutes == pytest.approx(50.0)
    assert reading.moving_minutes == pytest.approx(49.0)
    assert reading.elevation_gain_m == 123
    assert reading.sport is Sport.TRAIL_RUN


def test_fit_treadmill() -> None:
    data = fit_bytes(TEN_K, sub_sport=FitSubSport.TREADMILL)
    assert read("a.fit", data).sport is Sport.TREADMILL


def test_fit_without_a_session_is_measured_over_its_records() -> None:
    reading = read("a.fit", fit_bytes(TEN_K, session=False))
    assert reading.distance_km == pytest.approx(10.0, rel=0.01)
    assert reading.started_at == makers.START


def test_a_fit_ride_is_not_a_run() -> None:
    data = fit_bytes(TEN_K, sport=FitSport.CYCLING)
    assert read_watch_file("a.fit", data)[1] == NotARun("cycling")


def test_a_truncated_fit_is_refused() -> None:
    data = fit_bytes(TEN_K)
    with pytest.raises(SourceError, match="truncated"):
        read_watch_file("a.fit", data[: len(data) // 2])


def test_a_damaged_fit_is_refused() -> None:
    data = bytearray(fit_bytes(TEN_K))
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(SourceError, match="FIT"):
        read_watch_file("a.fit", bytes(data))


def test_tcx_distance_from_its_laps() -> None:
    reading = read("a.tcx", tcx_bytes(TEN_K, lap_km=10.2))
    assert reading.distance_km == pytest.approx(10.2, rel=1e-6)
    assert reading.started_at == makers.START
    assert reading.elapsed_minutes == pytest.approx(50.0)
    assert reading.elevation_gain_m == pytest.approx(40.0, abs=3.0)


def test_tcx_without_totals_is_measured_over_its_track() -> None:
    assert read("a.tcx", tcx_bytes(TEN_K)).distance_km == pytest.approx(10.0, rel=0.01)


def test_a_tcx_ride_is_not_a_run() -> None:
    assert read_watch_file("a.tcx", tcx_bytes(TEN_K, sport="Biking"))[1] == NotARun("Biking")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.gpx.gz", gz(gpx_bytes(TEN_K))),
        ("a.tcx.gz", gz(tcx_bytes(TEN_K, lap_km=10.0))),
        ("A.FIT.GZ", gz(fit_bytes(TEN_K))),
    ],
)
def test_gzipped_files(name: str, data: bytes) -> None:
    assert read(name, data).distance_km == pytest.approx(10.0, rel=0.01)


def test_a_gpx_without_points_is_refused() -> None:
    with pytest.raises(SourceError, match="no track points"):
        read_watch_file("a.gpx", gpx_bytes([]))


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.gpx", BILLION_LAUGHS + '<gpx version="1.1"><trk><name>&lol2;</name></trk></gpx>'),
        (
            "a.tcx",
            BILLION_LAUGHS + "<TrainingCenterDatabase><Activities><Activity Sport='Running'>"
            "<Id>&lol2;</Id></Activity></Activities></TrainingCenterDatabase>",
        ),
    ],
)
def test_xml_with_entities_is_refused(name: str, text: str) -> None:
    with pytest.raises(SourceError, match="entities"):
        read_watch_file(name, text.encode())


def test_a_gzip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = gz(bytes(2 * 1024 * 1024))
    with pytest.raises(SourceError, match="gzip bomb"):
        gunzip(bomb, limit=1024 * 1024)


def test_a_truncated_gzip_is_refused() -> None:
    data = gz(gpx_bytes(TEN_K))
    with pytest.raises(SourceError, match="truncated"):
        read_watch_file("a.gpx.gz", data[: len(data) // 2])


def test_strava_dates_are_utc() -> None:
    assert parse_date("Nov 29, 2026, 7:01:12 AM") == dt.datetime(
        2026, 11, 29, 7, 1, 12, tzinfo=dt.UTC
    )
    assert parse_date("Nov 29, 2026, 12:01:12 AM").hour == 0
    assert parse_date("Nov 29, 2026, 12:01:12 PM").hour == 12
    assert parse_date("Nov 29, 2026, 7:01:12 PM").hour == 19
    with pytest.raises(SourceError, match="date"):
        parse_date("29.11.2026")


def test_measure_without_points() -> None:
    assert measure([]).distance_m == 0
