"""A score after a run and the run it is about: the 12-hour edge on both sides,
midnight, daylight saving, pre-filling and the run made from a score."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from zoneinfo import ZoneInfo

import pytest

from kneetui.domain.after_run import (
    LINK_LOOKBACK,
    describe_linked,
    link_item,
    linked_run,
    links,
    prefill_text,
    prefilled,
    run_from_score,
    run_words,
)
from kneetui.domain.models import Context, SorenessEntry
from kneetui.domain.runs import MAX_RUN_MINUTES, Run, RunSource, check_run, run_before
from kneetui.domain.soreness import new_entry

SCORE_AT = dt.datetime(2026, 11, 18, 8, 0, tzinfo=dt.UTC)
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def a_run(ended: dt.datetime, km: float = 10.2, minutes: float | None = 62) -> Run:
    started = ended - dt.timedelta(minutes=minutes or 0)
    return Run(
        uuid=str(uuid.uuid4()),
        started_at=started.astimezone(dt.UTC),
        local_day=started.date(),
        distance_km=km,
        elapsed_minutes=minutes,
    )


def score(
    at: dt.datetime = SCORE_AT, context: Context = Context.AFTER_RUN, **kw: object
) -> SorenessEntry:
    return new_entry(4, at=at, now=at, context=context, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("before", "linked"),
    [
        (dt.timedelta(hours=12), True),  # ended exactly 12 hours before: in
        (dt.timedelta(hours=12, seconds=1), False),  # a second more: out
        (dt.timedelta(0), True),  # ended as the score was logged
        (-dt.timedelta(seconds=1), False),  # not over when the score was logged
    ],
)
def test_the_link_reaches_back_12_hours_and_no_further(before: dt.timedelta, linked: bool) -> None:
    run = a_run(SCORE_AT - before)
    entry = score()
    assert (linked_run(entry, [run]) == run) is linked
    assert (links([entry], [run]).get(entry.uuid) == run) is linked


def test_only_a_score_after_a_run_is_linked() -> None:
    run = a_run(SCORE_AT - dt.timedelta(hours=1))
    for context in (Context.NEXT_MORNING, Context.OTHER):
        entry = score(context=context)
        assert linked_run(entry, [run]) is None
        assert links([entry], [run]) == {}


def test_the_run_that_ended_last_is_the_one() -> None:
    early = a_run(SCORE_AT - dt.timedelta(hours=6), km=5.0)
    late = a_run(SCORE_AT - dt.timedelta(hours=1), km=8.0)
    entry = score()
    assert linked_run(entry, [late, early]) == late
    assert links([entry], [early, late]) == {entry.uuid: late}


def test_a_long_run_that_started_long_ago_is_within_the_lookback() -> None:
    """Runs are read by their start: the window reaches back far enough for the
    longest run that can still have ended in the 12 hours."""
    longest = a_run(SCORE_AT - dt.timedelta(hours=12), minutes=MAX_RUN_MINUTES)
    assert longest.started_at == SCORE_AT - LINK_LOOKBACK
    assert linked_run(score(), [longest]) == longest


def test_links_for_many_scores_agree_with_one_at_a_time() -> None:
    rng = random.Random(16)
    start = SCORE_AT - dt.timedelta(days=60)
    runs = [
        a_run(
            start + dt.timedelta(minutes=rng.randrange(60 * 24 * 60)),
            minutes=rng.choice([None, 30, 95]),
        )
        for _ in range(80)
    ]
    runs.append(runs[0]._replace(uuid=str(uuid.uuid4())))  # two runs ending at once
    entries = [
        score(start + dt.timedelta(minutes=rng.randrange(60 * 24 * 60)), rng.choice(list(Context)))
        for _ in range(300)
    ]
    found = links(entries, runs)
    for entry in entries:
        assert found.get(entry.uuid) == linked_run(entry, runs)
    assert len(found) > 50


def test_across_midnight_the_run_keeps_its_day() -> None:
    # Berlin, winter (UTC+1): a run from 23:40 to 00:20, a score at 00:45.
    run = a_run(dt.datetime(2026, 11, 18, 0, 20, tzinfo=BERLIN), km=6.0, minutes=40)
    at = dt.datetime(2026, 11, 18, 0, 45, tzinfo=BERLIN)
    entry = score(at)
    assert entry.local_day == dt.date(2026, 11, 18)
    assert linked_run(entry, [run]) == run
    assert run_words(run, BERLIN, entry.local_day) == "your 6.0 km run of 17 Nov 23:40 (40 min)"
    assert run_words(run, BERLIN, dt.date(2026, 11, 17)) == "your 6.0 km run of 23:40 (40 min)"


@pytest.mark.parametrize(
    ("zone", "ended", "at", "linked"),
    [
        # Berlin leaves summer time on 25 Oct 2026: 21:00 CEST to 08:30 CET is
        # 11.5 hours on the wall but 12.5 hours of time: not linked ...
        (BERLIN, (2026, 10, 24, 21, 0), (2026, 10, 25, 8, 30), False),
        # ... and to 07:30 CET, 11.5 hours of time: linked.
        (BERLIN, (2026, 10, 24, 21, 0), (2026, 10, 25, 7, 30), True),
        # Berlin enters summer time on 29 Mar 2026: 21:00 CET to 09:30 CEST is
        # 12.5 hours on the wall, 11.5 of time: linked.
        (BERLIN, (2026, 3, 28, 21, 0), (2026, 3, 29, 9, 30), True),
        (BERLIN, (2026, 3, 28, 21, 0), (2026, 3, 29, 10, 30), False),
        # New York falls back on 1 Nov 2026: 19:45 EDT to 07:00 EST is 11.25
        # hours on the wall, 12.25 of time: not linked; to 06:30 EST, linked.
        (NEW_YORK, (2026, 10, 31, 19, 45), (2026, 11, 1, 7, 0), False),
        (NEW_YORK, (2026, 10, 31, 19, 45), (2026, 11, 1, 6, 30), True),
    ],
)
def test_the_12_hours_are_hours_of_time_across_daylight_saving(
    zone: ZoneInfo, ended: tuple[int, ...], at: tuple[int, ...], linked: bool
) -> None:
    run = a_run(dt.datetime(*ended, tzinfo=zone))
    entry = score(dt.datetime(*at, tzinfo=zone))
    assert (linked_run(entry, [run]) == run) is linked


def test_the_run_is_named_in_the_zone_it_was_run_in() -> None:
    # Started 19:59 CEST on 24 Oct, shown the morning after the clocks went back.
    run = a_run(dt.datetime(2026, 10, 24, 21, 1, tzinfo=BERLIN))
    assert run_words(run, BERLIN, dt.date(2026, 10, 24)) == "your 10.2 km run of 19:59 (62 min)"
    # Read the morning after, in winter time, it still started at 19:59.
    assert (
        run_words(run, BERLIN, dt.date(2026, 10, 25)) == "your 10.2 km run of 24 Oct 19:59 (62 min)"
    )
    assert run_words(run._replace(elapsed_minutes=None), NEW_YORK, dt.date(2026, 10, 24)) == (
        "your 10.2 km run of 13:59"
    )


def test_a_score_with_no_distance_or_time_takes_the_runs() -> None:
    run = a_run(SCORE_AT - dt.timedelta(hours=2), km=10.2345, minutes=62.04)
    entry = score()
    filled = prefilled(entry, run)
    assert (filled.run_km, filled.run_minutes) == (10.23, 62.0)
    assert filled._replace(run_km=None, run_minutes=None) == entry
    assert prefill_text(run) == ("10.23", "62")
    assert prefilled(entry, None) == entry
    # What the runner gave is kept, even one of the two.
    for given in ({"run_km": 8.0}, {"run_minutes": 45.0}):
        mine = score(**given)
        assert prefilled(mine, run) == mine
    # A run too short to round still leaves a valid distance.
    tiny = prefilled(entry, run._replace(distance_km=0.004, elapsed_minutes=0.01))
    assert (tiny.run_km, tiny.run_minutes) == (0.004, 0.01)
    assert prefill_text(run._replace(elapsed_minutes=None)) == ("10.23", "")


def test_a_distance_with_no_run_becomes_a_manual_run_ending_at_the_score() -> None:
    entry = score(run_km=8.0, run_minutes=45.0)
    made = run_from_score(entry)
    assert made is not None
    assert made.ended_at == entry.logged_at
    assert (made.distance_km, made.elapsed_minutes, made.source) == (8.0, 45.0, RunSource.MANUAL)
    assert made.local_day == entry.local_day
    assert check_run(made, SCORE_AT) == made
    assert run_from_score(entry) == made  # the same uuid every time
    assert run_before([made], entry.logged_at) == made
    assert run_from_score(score()) is None  # no distance
    assert run_from_score(score(context=Context.NEXT_MORNING, run_km=8.0)) is None


def test_the_linked_run_in_json_is_small() -> None:
    run = a_run(SCORE_AT, minutes=None)
    assert link_item(run) == {
        "uuid": run.uuid,
        "started_at": "2026-11-18T08:00:00+00:00",
        "distance_km": 10.2,
        "minutes": None,
        "source": "manual",
    }
    assert link_item(None) is None


def test_the_confirmation_names_the_run_once() -> None:
    run = a_run(SCORE_AT - dt.timedelta(hours=1))  # 06:00 to 07:02
    start = "Logged 4/10 (acceptable) for both knees"
    filled = prefilled(score(flags=["swelling"]), run)
    assert describe_linked(filled, run, dt.UTC) == (
        f"{start} after your 10.2 km run of 05:58 (62 min); flagged: swelling"
    )
    assert describe_linked(score(run_km=9.0), run, dt.UTC) == (
        f"{start} after a 9.0 km run; linked to your 10.2 km run of 05:58 (62 min)"
    )
    assert describe_linked(score(), None, dt.UTC) == f"{start} after a run"
