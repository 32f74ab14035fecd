"""The routine as an iCalendar file, for `kneetui calendar`: one weekly recurring
event on the routine days, with the exercises and their current holds in its
description. The only code that imports icalendar.

What makes a re-import update the event instead of adding a second one:
- the UID is derived from the database (`event_uid`), the same at every export;
- SEQUENCE and LAST-MODIFIED grow with the time of the export, so a calendar
  that compares them (Apple Calendar, Thunderbird) takes the newer copy.

The time is the runner's wall-clock time: with the machine's IANA zone known, a
DTSTART with that TZID and its VTIMEZONE (Google Calendar, Apple Calendar and
Thunderbird all read them); otherwise floating local time, which each calendar
shows at that hour in its own zone.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

from kneetui import __version__
from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS, Routine
from kneetui.domain.today import next_routine_day

PRODID = f"-//kneetui//kneetui {__version__}//EN"
# Fixed: the UIDs are uuid5 names in it, so they are the same at every export.
NAMESPACE = uuid.UUID("0b6f1f4e-7d0c-5a55-8a3e-6b6e65747569")
# SEQUENCE counts seconds from here: any later export has a larger one.
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
# The VTIMEZONE lists the zone's changes over these years from the first event.
ZONE_YEARS = 10
_BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


def event_uid(seed: str) -> str:
    """The event's UID from something stable about the database."""
    return f"{uuid.uuid5(NAMESPACE, 'routine ' + seed)}@kneetui"


def local_zone(now: dt.datetime, environ: Mapping[str, str]) -> ZoneInfo | None:
    """The machine's IANA zone ($TZ, else /etc/localtime's link), if it is one and
    agrees with the local offset `now` has; else None (floating time)."""
    key = environ.get("TZ", "").removeprefix(":")
    if not key:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            return None
        _, found, key = target.rpartition("zoneinfo/")
        if not found:
            return None
    try:
        zone = ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    if now.astimezone(zone).utcoffset() != now.utcoffset():
        return None
    return zone


def description(routine: Routine, holds: Mapping[str, int], schedule: Sequence[str]) -> str:
    days = ", ".join(WEEKDAY_NAMES[d] for d in schedule)
    lines = [f"{routine.name}: routine days {days}.", ""]
    for number, exercise in enumerate(routine.exercises, start=1):
        hold = exercise.hold_step(holds.get(exercise.id))
        lines += [
            f"{number}. {exercise.name}: hold {hold} s; reps: {exercise.side_words}.",
            f"   {exercise.summary}",
            f"   Equipment: {exercise.equipment}.",
        ]
    lines += [
        "",
        "Start it in kneetui: press s on the dashboard.",
        routine.advice,
        "kneetui is not medical advice.",
    ]
    return "\n".join(lines)


def routine_calendar(
    routine: Routine,
    holds: Mapping[str, int],
    schedule: Sequence[str],
    *,
    at: dt.time,
    minutes: int,
    uid: str,
    now: dt.datetime,
    zone: ZoneInfo | None,
) -> bytes:
    """The calendar: one event repeating weekly on `schedule`'s days at `at`,
    `minutes` long, from the first routine day on or after `now`'s day."""
    today = now.astimezone(zone).date() if zone else now.date()
    first = today if WEEKDAYS[today.weekday()] in schedule else next_routine_day(today, schedule)
    assert first is not None, "a schedule has at least one day"
    start = dt.datetime.combine(first, at, zone)  # floating when zone is None
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if zone is not None:
        calendar.add_component(
            Timezone.from_tzinfo(
                zone,
                tzid=zone.key,
                first_date=first - dt.timedelta(days=1),
                last_date=first.replace(year=first.year + ZONE_YEARS, day=1),
            )
        )
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", int((stamp - SEQUENCE_EPOCH).total_seconds()))
    event.add("summary", "Knee routine")
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=minutes))
    event.add("rrule", {"FREQ": "WEEKLY", "BYDAY": [_BYDAY[d] for d in schedule]})
    event.add("description", description(routine, holds, schedule))
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
