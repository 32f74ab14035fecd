"""The soreness scale, its bands on both sides of each limit, and input checks."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.errors import ValidationError
from kneetui.domain.models import Context, Flag, Knee
from kneetui.domain.soreness import (
    Band,
    band,
    check_note,
    describe,
    new_entry,
    parse_optional_number,
    parse_score,
)
from kneetui.domain.text import one_line, visible
from tests.conftest import NOW


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, Band.SAFE),
        (2, Band.SAFE),
        (2.49, Band.SAFE),
        (2.5, Band.ACCEPTABLE),
        (3, Band.ACCEPTABLE),
        (5, Band.ACCEPTABLE),
        (5.49, Band.ACCEPTABLE),
        (5.5, Band.TOO_MUCH),
        (6, Band.TOO_MUCH),
        (10, Band.TOO_MUCH),
    ],
)
def test_bands_of_the_pain_monitoring_model(score: float, expected: Band) -> None:
    assert band(score) is expected


@pytest.mark.parametrize("text", ["0", "4", " 7 ", "10", "04"])
def test_scores_from_0_to_10_are_accepted(text: str) -> None:
    assert parse_score(text) == int(text)


@pytest.mark.parametrize("text", ["11", "-1", "3.5", "abc", "", " ", "1e1", "+4", "100", "٣"])
def test_anything_else_is_refused_with_the_field_named(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_score(text)
    assert caught.value.field == "score"
    assert "whole number from 0 to 10" in str(caught.value)


def test_new_entry_keeps_the_local_day_and_stores_utc() -> None:
    zone = dt.timezone(dt.timedelta(hours=-8))
    late_evening = dt.datetime(2026, 11, 10, 23, 30, tzinfo=zone)
    entry = new_entry(3, at=late_evening, now=NOW)
    assert entry.local_day == dt.date(2026, 11, 10)
    assert entry.logged_at == dt.datetime(2026, 11, 11, 7, 30, tzinfo=dt.UTC)
    assert entry.logged_at.tzinfo == dt.UTC
    assert (entry.knee, entry.context, entry.flags) == (Knee.BOTH, Context.AFTER_RUN, ())


def test_future_times_are_refused_but_small_clock_skew_is_not() -> None:
    new_entry(3, at=NOW + dt.timedelta(minutes=4), now=NOW)
    with pytest.raises(ValidationError, match="in the future"):
        new_entry(3, at=NOW + dt.timedelta(minutes=6), now=NOW)
    with pytest.raises(ValidationError, match="offset"):
        new_entry(3, at=NOW.replace(tzinfo=None), now=NOW)


@pytest.mark.parametrize(
    ("km", "ok"),
    [(0.1, True), (300, True), (0, False), (-5, False), (300.1, False), (float("nan"), False)],
)
def test_run_distance_limits(km: float, ok: bool) -> None:
    if ok:
        assert new_entry(3, at=NOW, now=NOW, run_km=km).run_km == km
    else:
        with pytest.raises(ValidationError, match="run_km"):
            new_entry(3, at=NOW, now=NOW, run_km=km)


@pytest.mark.parametrize(("minutes", "ok"), [(1, True), (3000, True), (3000.5, False), (-1, False)])
def test_run_minutes_limits(minutes: float, ok: bool) -> None:
    if ok:
        assert new_entry(3, at=NOW, now=NOW, run_minutes=minutes).run_minutes == minutes
    else:
        with pytest.raises(ValidationError, match="run_minutes"):
            new_entry(3, at=NOW, now=NOW, run_minutes=minutes)


def test_typed_numbers_blank_means_not_given() -> None:
    assert parse_optional_number("  ", "run_km", 300, "km") is None
    assert parse_optional_number("8.5", "run_km", 300, "km") == 8.5
    with pytest.raises(ValidationError, match="must be a number of km"):
        parse_optional_number("eight", "run_km", 300, "km")


def test_notes_up_to_the_limit_are_kept_exactly() -> None:
    note = "[/bold] [link=x] \x1b[31m ﷽ 👍 \u200f" + "x" * 970
    assert len(note) <= 1000
    assert check_note(note) == note
    with pytest.raises(ValidationError, match="1001 characters long; the limit is 1000"):
        check_note("x" * 1001)
    with pytest.raises(ValidationError, match="NUL"):
        check_note("a\x00b")
    with pytest.raises(ValidationError, match="not valid text"):
        check_note("a\ud800b")


def test_flags_are_kept_once_each_in_a_stable_order() -> None:
    entry = new_entry(8, at=NOW, now=NOW, flags=[Flag.LOCKING, Flag.SWELLING, Flag.LOCKING])
    assert entry.flags == (Flag.SWELLING, Flag.LOCKING)


@pytest.mark.parametrize(
    ("km", "expected"),
    [
        (8.0, "Logged 4/10 (acceptable) for both knees after an 8.0 km run"),
        (5.0, "Logged 4/10 (acceptable) for both knees after a 5.0 km run"),
        (11.0, "Logged 4/10 (acceptable) for both knees after an 11.0 km run"),
        (None, "Logged 4/10 (acceptable) for both knees after a run"),
    ],
)
def test_confirmation_line(km: float | None, expected: str) -> None:
    assert describe(new_entry(4, at=NOW, now=NOW, run_km=km)) == expected


def test_confirmation_names_one_knee_and_the_morning_after() -> None:
    entry = new_entry(1, at=NOW, now=NOW, knee=Knee.LEFT, context=Context.NEXT_MORNING)
    assert describe(entry) == "Logged 1/10 (safe) for the left knee the morning after"


def test_visible_text_shows_control_characters_as_escapes() -> None:
    assert visible("[/bold] plain ﷽ 👍") == "[/bold] plain ﷽ 👍"
    assert visible("a\x1b[31mb\tc\x7f\x9b") == "a\\x1b[31mb\\x09c\\x7f\\x9b"
    assert one_line("abcdef", 4) == "abc…"
