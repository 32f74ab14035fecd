"""Conversions between domain values and the text SQLite stores.

Times are stored as whole-second UTC ISO-8601 text (2026-11-25T07:54:46+00:00):
sortable as text, readable by any tool, and equal after an export/import round trip.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from kneetui.domain.models import (
    Acknowledgement,
    Context,
    Flag,
    Knee,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
    SorenessEntry,
    utc_text,
)
from kneetui.domain.runs import Run, RunSource, Sport


def utc_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def soreness_row(entry: SorenessEntry) -> tuple[Any, ...]:
    """Column values in SORENESS_COLUMNS order."""
    return (
        entry.uuid,
        utc_text(entry.logged_at),
        entry.local_day.isoformat(),
        entry.score,
        entry.knee.value,
        entry.context.value,
        entry.run_km,
        entry.run_minutes,
        entry.note,
        json.dumps([f.value for f in entry.flags]),
        utc_text(entry.updated_at) if entry.updated_at else None,
    )


SORENESS_COLUMNS = (
    "uuid",
    "logged_at",
    "local_day",
    "score",
    "knee",
    "context",
    "run_km",
    "run_minutes",
    "note",
    "flags",
    "updated_at",
)


# Enum members by their stored text. A dict look-up, a positional NamedTuple and
# no JSON parse for the usual empty flags made reading a score some three times
# faster: the dashboard's coaching reads about a thousand of them at ten years
# (make bench, start-up). The table's CHECK constraints keep the text valid; any
# other value still goes through the enum, which refuses it.
_KNEES = {knee.value: knee for knee in Knee}
_CONTEXTS = {context.value: context for context in Context}
_SIDES = {side.value: side for side in Side}
_NO_FLAGS = "[]"


def soreness_entry(row: Mapping[str, Any]) -> SorenessEntry:
    flags = row["flags"]
    updated = row["updated_at"]
    knee, context = row["knee"], row["context"]
    # In SorenessEntry's field order (tests/storage/test_convert.py checks each).
    return SorenessEntry(
        row["uuid"],
        utc_time(row["logged_at"]),
        dt.date.fromisoformat(row["local_day"]),
        row["score"],
        _KNEES.get(knee) or Knee(knee),
        _CONTEXTS.get(context) or Context(context),
        row["run_km"],
        row["run_minutes"],
        row["note"],
        () if flags == _NO_FLAGS else tuple(Flag(f) for f in json.loads(flags)),
        utc_time(updated) if updated else None,
    )


SESSION_COLUMNS = ("uuid", "started_at", "finished_at", "local_day", "status")


def session_row(session: Session) -> tuple[Any, ...]:
    return (
        session.uuid,
        utc_text(session.started_at),
        utc_text(session.finished_at) if session.finished_at else None,
        session.local_day.isoformat(),
        session.status.value,
    )


def session_value(row: Mapping[str, Any] | sqlite3.Row, reps: tuple[Rep, ...]) -> Session:
    return Session(
        uuid=row["uuid"],
        started_at=utc_time(row["started_at"]),
        finished_at=utc_time(row["finished_at"]) if row["finished_at"] else None,
        local_day=dt.date.fromisoformat(row["local_day"]),
        status=SessionStatus(row["status"]),
        reps=reps,
    )


REP_COLUMNS = ("session_id", "exercise", "side", "rep", "target_s", "held_s", "completed_at")


def rep_row(session_uuid: str, rep: Rep) -> tuple[Any, ...]:
    return (
        session_uuid,
        rep.exercise,
        rep.side.value,
        rep.rep,
        rep.target_s,
        round(rep.held_s, 3),
        utc_text(rep.completed_at),
    )


def rep_value(row: Mapping[str, Any] | sqlite3.Row) -> Rep:
    side = row["side"]
    # In Rep's field order (tests/storage/test_convert.py checks each).
    return Rep(
        row["exercise"],
        _SIDES.get(side) or Side(side),
        row["rep"],
        row["target_s"],
        row["held_s"],
        utc_time(row["completed_at"]),
    )


def level_row(level: LevelChange) -> tuple[Any, ...]:
    return (level.exercise, level.hold_s, utc_text(level.changed_at))


def level_value(row: Mapping[str, Any]) -> LevelChange:
    return LevelChange(
        exercise=row["exercise"], hold_s=row["hold_s"], changed_at=utc_time(row["changed_at"])
    )


ACKNOWLEDGEMENT_COLUMNS = ("uuid", "acknowledged_at", "local_day")


def acknowledgement_row(ack: Acknowledgement) -> tuple[Any, ...]:
    return (ack.uuid, utc_text(ack.acknowledged_at), ack.local_day.isoformat())


def acknowledgement_value(row: Mapping[str, Any] | sqlite3.Row) -> Acknowledgement:
    return Acknowledgement(
        uuid=row["uuid"],
        acknowledged_at=utc_time(row["acknowledged_at"]),
        local_day=dt.date.fromisoformat(row["local_day"]),
    )


RUN_COLUMNS = (
    "uuid",
    "started_at",
    "local_day",
    "distance_km",
    "moving_minutes",
    "elapsed_minutes",
    "elevation_gain_m",
    "sport",
    "source",
    "source_file",
    "content_hash",
    "note",
)


def run_row(run: Run) -> tuple[Any, ...]:
    """Column values in RUN_COLUMNS order."""
    return (
        run.uuid,
        utc_text(run.started_at),
        run.local_day.isoformat(),
        run.distance_km,
        run.moving_minutes,
        run.elapsed_minutes,
        run.elevation_gain_m,
        run.sport.value,
        run.source.value,
        run.source_file,
        run.content_hash,
        run.note,
    )


def run_value(row: Mapping[str, Any] | sqlite3.Row) -> Run:
    return Run(
        uuid=row["uuid"],
        started_at=utc_time(row["started_at"]),
        local_day=dt.date.fromisoformat(row["local_day"]),
        distance_km=row["distance_km"],
        moving_minutes=row["moving_minutes"],
        elapsed_minutes=row["elapsed_minutes"],
        elevation_gain_m=row["elevation_gain_m"],
        sport=Sport(row["sport"]),
        source=RunSource(row["source"]),
        source_file=row["source_file"],
        content_hash=row["content_hash"],
        note=row["note"],
    )
