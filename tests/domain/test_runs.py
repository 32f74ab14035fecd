"""Runs and Frandsen's single-run spikes: both sides of every cut-off."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from kneetui.domain.errors import ValidationError
from kneetui.domain.exchange import Bundle, decode, encode_json
from kneetui.domain.runs import (
    Run,
    RunSource,
    RunSpike,
    Spike,
    Sport,
    ceiling,
    check_run,
    run_before,
    same_run,
    spike_of,
    spikes,
)

NOW = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)


def run(km: float, days_ago: float = 0, minutes: float | None = 60, **kw: object) -> Run:
    started = NOW - dt.timedelta(days=days_ago)
    return Run(
        uuid=str(uuid.uuid4()),
        started_at=started,
        local_day=started.date(),
        distance_km=km,
        elapsed_minutes=minutes,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("km", "spike"),
    [
        (11.0, Spike.NONE),  # exactly 10% longer: not over 10%
        (11.01, Spike.SMALL),
        (13.0, Spike.SMALL),  # exactly 30%
        (13.01, Spike.MODERATE),
        (20.0, Spike.MODERATE),  # exactly 100%
        (20.01, Spike.LARGE),
        (9.0, Spike.NONE),
    ],
)
def test_frandsen_cut_offs_on_both_sides(km: float, spike: Spike) -> None:
    assert spike_of(km, 10.0) is spike


def test_no_run_in_the_window_is_no_reference_and_no_spike() -> None:
    assert spike_of(42.0, None) is Spike.NONE


def test_the_window_is_the_30_days_before_the_run() -> None:
    old = run(20.0, days_ago=30.01)  # just outside the window
    edge = run(12.0, days_ago=29.99)
    today = run(14.0)
    by_uuid = {s.run.uuid: s for s in spikes([today, old, edge])}
    assert by_uuid[today.uuid] == RunSpike(today, Spike.SMALL, 12.0)
    assert by_uuid[today.uuid].over == pytest.approx(14 / 12 - 1)
    assert by_uuid[edge.uuid].spike is Spike.NONE  # the 20 km is 0.02 days earlier: in its window
    assert by_uuid[old.uuid].longest is None
    # Oldest first out, whatever order in.
    assert [s.run for s in spikes([today, old, edge])] == [old, edge, today]


def test_the_ceiling_is_ten_percent_over_the_longest_of_30_days() -> None:
    assert ceiling([run(12.0, days_ago=3), run(8.0, days_ago=1)], NOW) == pytest.approx(13.2)
    assert ceiling([run(12.0, days_ago=31)], NOW) is None


def test_same_run_within_two_minutes_and_three_percent() -> None:
    a = run(10.0)
    assert same_run(a, a._replace(started_at=a.started_at + dt.timedelta(minutes=2)))
    assert not same_run(a, a._replace(started_at=a.started_at + dt.timedelta(minutes=2, seconds=1)))
    assert same_run(a, a._replace(distance_km=10.3))
    assert not same_run(a, a._replace(distance_km=10.31))


def test_a_score_links_to_the_run_that_ended_in_the_12_hours_before() -> None:
    morning = run(10.0, days_ago=0.5, minutes=60)  # ended 11 h before NOW
    evening = run(5.0, days_ago=0.1, minutes=30)
    assert run_before([morning], NOW) == morning
    assert run_before([morning, evening], NOW) == evening
    assert run_before([run(10.0, days_ago=0.55, minutes=60)], NOW) is None  # ended 12.2 h before
    assert run_before([run(5.0, minutes=30)], NOW) is None  # not over yet


def test_a_run_the_watch_could_not_have_recorded_is_refused() -> None:
    good = run(10.0)
    assert check_run(good, NOW) == good
    for change, field in [
        ({"distance_km": 0.0}, "distance_km"),
        ({"distance_km": 301.0}, "distance_km"),
        ({"distance_km": float("nan")}, "distance_km"),
        ({"distance_km": True}, "distance_km"),
        ({"elapsed_minutes": 0.0}, "elapsed_minutes"),
        ({"elevation_gain_m": -1.0}, "elevation_gain_m"),
        ({"uuid": "X"}, "uuid"),
        ({"note": "a\x00b"}, "note"),
        ({"started_at": NOW + dt.timedelta(hours=1)}, "started_at"),
        ({"local_day": NOW.date() + dt.timedelta(days=2)}, "local_day"),
        ({"sport": "ride"}, "sport"),
        ({"source": "garmin"}, "source"),
        ({"started_at": NOW.replace(tzinfo=None)}, "started_at"),
        ({"moving_minutes": 3000.5}, "moving_minutes"),
        ({"elevation_gain_m": 20001.0}, "elevation_gain_m"),
    ]:
        with pytest.raises(ValidationError) as caught:
            check_run(good._replace(**change), NOW)  # type: ignore[arg-type]
        assert caught.value.field == field, change
    assert check_run(good._replace(elevation_gain_m=0.0), NOW).elevation_gain_m == 0.0


def test_runs_round_trip_through_the_json_export() -> None:
    runs = (
        run(10.0, source=RunSource.GPX, source_file="a.gpx", content_hash="ab" * 32),
        run(5.5, days_ago=2, minutes=None, moving_minutes=31.0, sport=Sport.TREADMILL),
    )
    assert decode(encode_json(Bundle(runs=runs)), NOW).runs == runs


def test_an_export_without_runs_still_imports() -> None:
    assert decode('{"kneetui_export": 1}', NOW).runs == ()


def test_a_bad_run_in_an_export_is_named() -> None:
    text = encode_json(Bundle(runs=(run(10.0),))).replace(
        '"distance_km": 10.0', '"distance_km": -1'
    )
    with pytest.raises(ValidationError) as caught:
        decode(text, NOW)
    assert caught.value.field == "runs[1].distance_km"
