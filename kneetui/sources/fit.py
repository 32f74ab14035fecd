"""FIT files (what Garmin, Coros, Suunto and Wahoo watches record) with fitdecode.

The session message holds the watch's own totals: total_distance,
start_time, total_elapsed_time, total_timer_time (moving), total_ascent, and
sport/sub_sport. A file whose session is missing (a recording cut short) is
measured over its records' positions instead. Every frame is read, so a
truncated or damaged file fails its CRC check and is refused.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import fitdecode

from kneetui.domain.runs import Sport
from kneetui.sources import NotARun, Reading, SourceError, first_line, sport_of, utc
from kneetui.sources.track import reading

_SEMICIRCLE = 180 / 2**31


def read_fit(data: bytes) -> Reading | NotARun:
    sessions: list[fitdecode.FitDataMessage] = []
    records: list[fitdecode.FitDataMessage] = []
    sport_message: fitdecode.FitDataMessage | None = None
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                name = frame.name
                if name == "record":
                    records.append(frame)
                elif name == "session":
                    sessions.append(frame)
                elif name == "sport":
                    sport_message = frame
    except fitdecode.FitEOFError:
        raise SourceError("the FIT file is cut short (truncated)") from None
    except fitdecode.FitCRCError:
        raise SourceError("the FIT file is damaged (its checksum does not match)") from None
    except fitdecode.FitError as error:
        raise SourceError(f"not a readable FIT file ({first_line(error)})") from None
    for session in sessions:
        sport = sport_of(_value(session, "sport"), _value(session, "sub_sport"))
        if isinstance(sport, NotARun):
            continue
        reading = _from_session(session, sport)
        if reading is not None:
            return reading
    if sessions:
        return NotARun(str(_value(sessions[0], "sport")))
    named = _value(sport_message, "sport") if sport_message is not None else None
    sport = sport_of(named, _value(sport_message, "sub_sport") if sport_message else None)
    if isinstance(sport, NotARun):
        return sport
    return _from_records(records, sport)


def _from_session(session: fitdecode.FitDataMessage, sport: Any) -> Reading | None:
    start = _value(session, "start_time")
    distance = _number(_value(session, "total_distance"))
    if not isinstance(start, dt.datetime) or not distance:
        return None
    elapsed = _number(_value(session, "total_elapsed_time"))
    timer = _number(_value(session, "total_timer_time"))
    ascent = _number(_value(session, "total_ascent"))
    return Reading(
        started_at=utc(start),
        distance_km=distance / 1000,
        moving_minutes=timer / 60 if timer else None,
        elapsed_minutes=elapsed / 60 if elapsed else None,
        elevation_gain_m=ascent,
        sport=sport or Sport.RUN,
    )


def _from_records(records: list[fitdecode.FitDataMessage], sport: Any) -> Reading:
    points = []
    for record in records:
        time, lat, lon = (_value(record, f) for f in ("timestamp", "position_lat", "position_long"))
        if isinstance(time, dt.datetime) and isinstance(lat, int) and isinstance(lon, int):
            altitude = _number(_value(record, "enhanced_altitude") or _value(record, "altitude"))
            points.append((utc(time).timestamp(), lat * _SEMICIRCLE, lon * _SEMICIRCLE, altitude))
    if not points:
        raise SourceError("the FIT file has neither a session nor positions")
    return reading(points, sport, no_distance="the FIT file's track covers no distance")


def _value(message: fitdecode.FitDataMessage | None, field: str) -> Any:
    if message is None or not message.has_field(field):
        return None
    return message.get_value(field, fallback=None)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value == value and value >= 0 else None
