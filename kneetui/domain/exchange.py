"""Export and import formats: CSV (soreness scores) and JSON (everything).

Both are documented in README.md. Decoding is strict and all or nothing: the
first bad value stops the import with the row and the field named, before a
single row is stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kneetui.domain.errors import ValidationError
from kneetui.domain.merge import Tombstone
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
from kneetui.domain.routine import check_schedule
from kneetui.domain.runs import Run, RunSource, Sport, check_run
from kneetui.domain.soreness import FUTURE_TOLERANCE, check_entry, check_uuid

EXPORT_VERSION = 1
# The kinds of records a tombstone may name: the tables of the database.
TOMBSTONE_KINDS = ("soreness", "sessions", "runs", "acknowledgements", "levels", "settings")
CSV_HEADER = (
    "logged_at",
    "local_day",
    "score",
    "knee",
    "context",
    "run_km",
    "run_minutes",
    "note",
    "flags",
    "uuid",
    "updated_at",
)
# Columns a CSV file may lack: files written before scores could be edited.
CSV_OPTIONAL = frozenset({"updated_at"})
# A cell starting with one of these is run as a formula by spreadsheets; a
# leading ' makes it text. The ' itself is escaped too, so import can undo it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
CSV_FLAG_SEPARATOR = ";"
# The settings table's CHECK: keys of 1 to 64 characters.
SETTING_KEY_MAX = 64


@dataclass(frozen=True, slots=True)
class Bundle:
    """Everything an export holds, or the part of it a CSV file can carry."""

    soreness: tuple[SorenessEntry, ...] = ()
    sessions: tuple[Session, ...] = ()
    levels: tuple[LevelChange, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    acknowledgements: tuple[Acknowledgement, ...] = ()
    runs: tuple[Run, ...] = ()
    # The device that wrote the export, each record's version (by `record_key`)
    # and the tombstones of deleted records: what `kneetui merge` and `sync` read.
    # A value is equal to another with the same data whatever the versions.
    device_id: str | None = field(default=None, compare=False)
    stamps: Mapping[tuple[str, str], Stamp] = field(default_factory=dict, compare=False)
    tombstones: tuple[Tombstone, ...] = ()


class Stamp(NamedTuple):
    """A record's version: when it was last written (whole-second UTC text) and
    by which device; None for either when unknown (written before versions were
    kept)."""

    updated_at: str | None = None
    device_id: str | None = None


def level_key(level: LevelChange) -> str:
    """A hold change's key among the levels: the exercise and when it took effect."""
    return f"{level.exercise}@{utc_text(level.changed_at)}"


# Encoding ---------------------------------------------------------------------


def soreness_item(entry: SorenessEntry) -> dict[str, Any]:
    return {
        "uuid": entry.uuid,
        "logged_at": utc_text(entry.logged_at),
        "local_day": entry.local_day.isoformat(),
        "score": entry.score,
        "knee": entry.knee.value,
        "context": entry.context.value,
        "run_km": entry.run_km,
        "run_minutes": entry.run_minutes,
        "note": entry.note,
        "flags": [f.value for f in entry.flags],
        "updated_at": utc_text(entry.updated_at) if entry.updated_at else None,
    }


def session_item(session: Session) -> dict[str, Any]:
    return {
        "uuid": session.uuid,
        "started_at": utc_text(session.started_at),
        "finished_at": utc_text(session.finished_at) if session.finished_at else None,
        "local_day": session.local_day.isoformat(),
        "status": session.status.value,
        "reps": [
            {
                "exercise": rep.exercise,
                "side": rep.side.value,
                "rep": rep.rep,
                "target_s": rep.target_s,
                "held_s": rep.held_s,
                "completed_at": utc_text(rep.completed_at),
            }
            for rep in session.reps
        ],
    }


def encode_json(bundle: Bundle, *, canonical: bool = False) -> str:
    """The JSON export. It ends with a checksum of everything else, so a file cut
    short or changed by hand is known for what it is before a merge reads it.
    `canonical` leaves out the device id and the checksum: two devices that hold
    the same history give the same bytes."""
    stamps = bundle.stamps

    def stamped(kind: str, key: str, item: dict[str, Any]) -> dict[str, Any]:
        stamp = stamps.get((kind, key), Stamp())
        if kind != "soreness":  # a score carries its updated_at already
            item["updated_at"] = stamp.updated_at
        item["device_id"] = stamp.device_id
        return item

    document: dict[str, Any] = {"kneetui_export": EXPORT_VERSION}
    if not canonical:
        document["device_id"] = bundle.device_id
    document.update(
        {
            "soreness": [stamped("soreness", e.uuid, soreness_item(e)) for e in bundle.soreness],
            "sessions": [stamped("sessions", s.uuid, session_item(s)) for s in bundle.sessions],
            "levels": [
                stamped(
                    "levels",
                    level_key(lv),
                    {
                        "exercise": lv.exercise,
                        "hold_s": lv.hold_s,
                        "changed_at": utc_text(lv.changed_at),
                    },
                )
                for lv in bundle.levels
            ],
            "settings": dict(bundle.settings),
            "settings_versions": {key: stamped("settings", key, {}) for key in bundle.settings},
            "acknowledgements": [
                stamped("acknowledgements", a.uuid, acknowledgement_item(a))
                for a in bundle.acknowledgements
            ],
            "runs": [stamped("runs", r.uuid, run_item(r)) for r in bundle.runs],
            "tombstones": [
                {
                    "kind": t.kind,
                    "uuid": t.uuid,
                    "deleted_at": t.deleted_at,
                    "device_id": t.device_id or None,
                }
                for t in bundle.tombstones
            ],
        }
    )
    if not canonical:
        document["checksum"] = checksum(document)
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def checksum(document: Mapping[str, Any]) -> str:
    """The SHA-256 of a document's content (without its own checksum), written
    compactly with sorted keys so the layout of the file does not matter."""
    content = {key: value for key, value in document.items() if key != "checksum"}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def acknowledgement_item(ack: Acknowledgement) -> dict[str, Any]:
    return {
        "uuid": ack.uuid,
        "acknowledged_at": utc_text(ack.acknowledged_at),
        "local_day": ack.local_day.isoformat(),
    }


def run_item(run: Run) -> dict[str, Any]:
    return {
        "uuid": run.uuid,
        "started_at": utc_text(run.started_at),
        "local_day": run.local_day.isoformat(),
        "distance_km": run.distance_km,
        "moving_minutes": run.moving_minutes,
        "elapsed_minutes": run.elapsed_minutes,
        "elevation_gain_m": run.elevation_gain_m,
        "sport": run.sport.value,
        "source": run.source.value,
        "source_file": run.source_file,
        "content_hash": run.content_hash,
        "note": run.note,
    }


def escape_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def encode_csv(entries: Iterable[SorenessEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for entry in entries:
        item = soreness_item(entry)
        item["flags"] = CSV_FLAG_SEPARATOR.join(item["flags"])
        writer.writerow(
            escape_cell(value) if isinstance(value, str) else ("" if value is None else value)
            for value in (item[column] for column in CSV_HEADER)
        )
    return out.getvalue()


# Decoding ---------------------------------------------------------------------


def decode(text: str, now: dt.datetime) -> Bundle:
    """Decode an export in either format, told apart by content: JSON starts with {
    (or [: a JSON array is not an export, and is refused as JSON; read as CSV it
    was reported as a CSV file missing its header, which misled)."""
    text = text.removeprefix("\ufeff")
    if text.lstrip().startswith(("{", "[")):
        return decode_json(text, now)
    return decode_csv(text, now)


def decode_json(text: str, now: dt.datetime, *, verify: bool = False) -> Bundle:
    """Decode a JSON export; with `verify`, refuse one whose checksum does not
    match (a merge must not take in a file changed after it was written; an
    import takes hand-edited files, whose checksum no longer fits)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError("file", f"is not valid JSON ({error})") from None
    except (ValueError, RecursionError) as error:
        # A number of thousands of digits (ValueError) or arrays nested thousands
        # deep (RecursionError): these stopped the import with a traceback.
        raise ValidationError("file", f"is not a kneetui export ({error})") from None
    if not isinstance(document, dict) or document.get("kneetui_export") != EXPORT_VERSION:
        version = document.get("kneetui_export") if isinstance(document, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and version > EXPORT_VERSION:
            raise ValidationError(
                "kneetui_export",
                f"is {version}: written by a newer kneetui (this one reads {EXPORT_VERSION})",
            )
        raise ValidationError("kneetui_export", f"must be {EXPORT_VERSION}: not a kneetui export")
    if verify and "checksum" in document and document["checksum"] != checksum(document):
        raise ValidationError(
            "checksum", "does not match the content: the file was changed or cut short"
        )
    fields = _Fields(now)
    soreness = tuple(
        fields.soreness(item, f"soreness[{i}]")
        for i, item in enumerate(fields.array(document, "soreness", "file"), start=1)
    )
    sessions = tuple(
        fields.session(item, f"sessions[{i}]")
        for i, item in enumerate(fields.array(document, "sessions", "file"), start=1)
    )
    levels = tuple(
        fields.level(item, f"levels[{i}]")
        for i, item in enumerate(fields.array(document, "levels", "file"), start=1)
    )
    acknowledgements = tuple(
        fields.acknowledgement(item, f"acknowledgements[{i}]")
        for i, item in enumerate(fields.array(document, "acknowledgements", "file"), start=1)
    )
    runs = tuple(
        fields.run(item, f"runs[{i}]")
        for i, item in enumerate(fields.array(document, "runs", "file"), start=1)
    )
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise ValidationError("settings", "must be an object")
    # The settings table takes keys of 1 to 64 characters and strict JSON values;
    # other keys, lone surrogates and NaN or Infinity stopped the import with a
    # traceback from the database instead of a message.
    for key in settings:
        if not 1 <= len(key) <= SETTING_KEY_MAX or not _is_text(key):
            raise ValidationError("settings", f"has a key kneetui cannot store: {key!r}")
    try:
        json.dumps(settings, allow_nan=False)
    except ValueError:
        raise ValidationError("settings", "must hold only finite numbers") from None
    if "schedule" in settings:
        schedule = settings["schedule"]
        if not isinstance(schedule, list):
            raise ValidationError("settings.schedule", "must be a list of weekday names")
        settings = {**settings, "schedule": list(check_schedule(schedule, "settings.schedule"))}
    device_id = document.get("device_id")
    if device_id is not None:
        device_id = check_uuid(fields.text(document, "device_id", "file"), "device_id")
    stamps: dict[tuple[str, str], Stamp] = {}
    for kind, items, keys in (
        ("soreness", fields.array(document, "soreness", "file"), [e.uuid for e in soreness]),
        ("sessions", fields.array(document, "sessions", "file"), [s.uuid for s in sessions]),
        ("levels", fields.array(document, "levels", "file"), [level_key(lv) for lv in levels]),
        (
            "acknowledgements",
            fields.array(document, "acknowledgements", "file"),
            [a.uuid for a in acknowledgements],
        ),
        ("runs", fields.array(document, "runs", "file"), [r.uuid for r in runs]),
    ):
        for index, (item, key) in enumerate(zip(items, keys, strict=True), start=1):
            stamp = fields.stamp(item, f"{kind}[{index}]")
            if stamp != Stamp():
                stamps[(kind, key)] = stamp
    setting_versions = document.get("settings_versions", {})
    if not isinstance(setting_versions, dict):
        raise ValidationError("settings_versions", "must be an object")
    for key, item in setting_versions.items():
        if key in settings:
            stamps[("settings", key)] = fields.stamp(item, f"settings_versions.{key}")
    tombstones = tuple(
        fields.tombstone(item, f"tombstones[{i}]")
        for i, item in enumerate(fields.array(document, "tombstones", "file"), start=1)
    )
    return Bundle(
        soreness,
        sessions,
        levels,
        settings,
        acknowledgements,
        runs,
        device_id=device_id,
        stamps=stamps,
        tombstones=tombstones,
    )


def decode_csv(text: str, now: dt.datetime) -> Bundle:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("file", "is empty") from None
    except csv.Error as error:
        raise ValidationError("file", f"is not valid CSV ({error})") from None
    header = [h.strip() for h in header]
    missing = [c for c in CSV_HEADER if c not in header and c not in CSV_OPTIONAL]
    if missing:
        raise ValidationError(
            "header", f"is missing {', '.join(missing)}: not a kneetui CSV export"
        )
    fields = _Fields(now)
    entries = []
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise ValidationError(
                    f"row {number}", f"has {len(cells)} cells; the header has {len(header)}"
                )
            raw = {name: unescape_cell(cell) for name, cell in zip(header, cells, strict=True)}
            item: dict[str, Any] = {
                **raw,
                "score": _csv_int(raw["score"]),
                "run_km": _csv_float(raw["run_km"], f"row {number}.run_km"),
                "run_minutes": _csv_float(raw["run_minutes"], f"row {number}.run_minutes"),
                "flags": [f for f in raw["flags"].split(CSV_FLAG_SEPARATOR) if f.strip()],
                "updated_at": raw.get("updated_at") or None,
            }
            entries.append(fields.soreness(item, f"row {number}"))
    except csv.Error as error:
        raise ValidationError("file", f"is not valid CSV ({error})") from None
    return Bundle(soreness=tuple(entries))


def _is_text(value: str) -> bool:
    """False for a string SQLite cannot store: one with lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _csv_int(text: str) -> object:
    try:
        return int(text.strip())
    except ValueError:
        return text  # the field check reports it with the row named


def _csv_float(text: str, where: str) -> object:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(where, f"must be a number, got {text!r}") from None


class _Fields:
    """Typed access to decoded items; every error names the item and the field."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def array(self, document: Mapping[str, Any], key: str, where: str) -> list[Any]:
        value = document.get(key, [])
        if not isinstance(value, list):
            raise ValidationError(f"{key}", "must be a list")
        return value

    def _get(self, item: object, key: str, where: str) -> Any:
        if not isinstance(item, Mapping):
            raise ValidationError(where, "must be an object")
        if key not in item:
            raise ValidationError(f"{where}.{key}", "is missing")
        return item[key]

    def text(self, item: object, key: str, where: str) -> str:
        value = self._get(item, key, where)
        if not isinstance(value, str):
            raise ValidationError(f"{where}.{key}", f"must be text, got {value!r}")
        # The same rule as for notes: a lone surrogate (a JSON "\\ud800") cannot be
        # stored and stopped the import with a traceback; NUL cuts text short in
        # other SQLite tools.
        if "\x00" in value:
            raise ValidationError(f"{where}.{key}", "contains a NUL character")
        if not _is_text(value):
            raise ValidationError(f"{where}.{key}", "contains characters that are not valid text")
        return value

    def integer(self, item: object, key: str, where: str) -> int:
        value = self._get(item, key, where)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{where}.{key}", f"must be a whole number, got {value!r}")
        return value

    def number(self, item: object, key: str, where: str) -> float:
        value = self._get(item, key, where)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValidationError(f"{where}.{key}", f"must be a number, got {value!r}")
        return float(value)

    def optional_number(self, item: object, key: str, where: str) -> float | None:
        if self._get(item, key, where) is None:
            return None
        return self.number(item, key, where)

    def moment(self, item: object, key: str, where: str, *, any_time: bool = False) -> dt.datetime:
        """A time; one in the future of `now` is refused unless `any_time` (a
        version's time: a merge reports a device whose clock is ahead)."""
        text = self.text(item, key, where)
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{where}.{key}", f"must be an ISO-8601 time, got {text!r}"
            ) from None
        if value.tzinfo is None:
            raise ValidationError(f"{where}.{key}", f"must carry an offset, got {text!r}")
        if not any_time and value > self.now + FUTURE_TOLERANCE:
            raise ValidationError(f"{where}.{key}", f"{text} is in the future")
        try:
            return value.astimezone(dt.UTC).replace(microsecond=0)
        except OverflowError:
            # e.g. 0001-01-01T00:00:00+05:00 lies before year 1 in UTC: without
            # this the import stopped with a traceback instead of naming the field.
            raise ValidationError(f"{where}.{key}", f"{text} is out of range") from None

    def optional_moment(
        self, item: object, key: str, where: str, *, any_time: bool = False
    ) -> dt.datetime | None:
        """A time that may be absent or null."""
        if not isinstance(item, Mapping) or item.get(key) is None:
            return None
        return self.moment(item, key, where, any_time=any_time)

    def day(self, item: object, key: str, where: str) -> dt.date:
        text = self.text(item, key, where)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{where}.{key}", f"must be a date YYYY-MM-DD, got {text!r}"
            ) from None

    def choice(self, item: object, key: str, where: str, kind: Any) -> Any:
        value = self._get(item, key, where)
        try:
            return kind(value)
        except ValueError:
            options = ", ".join(m.value for m in kind)
            raise ValidationError(
                f"{where}.{key}", f"must be one of {options}, got {value!r}"
            ) from None

    def soreness(self, item: object, where: str) -> SorenessEntry:
        flags_raw = self._get(item, "flags", where)
        if not isinstance(flags_raw, list):
            raise ValidationError(f"{where}.flags", "must be a list")
        try:
            flags = tuple(Flag(f) for f in flags_raw)
        except ValueError:
            options = ", ".join(f.value for f in Flag)
            raise ValidationError(
                f"{where}.flags", f"must hold only {options}, got {flags_raw!r}"
            ) from None
        try:
            entry = SorenessEntry(
                uuid=self.text(item, "uuid", where),
                logged_at=self.moment(item, "logged_at", where),
                local_day=self.day(item, "local_day", where),
                score=self._get(item, "score", where),
                knee=self.choice(item, "knee", where, Knee),
                context=self.choice(item, "context", where, Context),
                run_km=self.optional_number(item, "run_km", where),
                run_minutes=self.optional_number(item, "run_minutes", where),
                note=self.text(item, "note", where),
                flags=tuple(f for f in Flag if f in flags),
                # Optional: files written before scores could be edited lack it.
                updated_at=self.optional_moment(item, "updated_at", where),
            )
            return check_entry(entry, self.now)
        except ValidationError as error:
            if error.field.startswith(where):
                raise
            raise ValidationError(f"{where}.{error.field}", error.message) from None

    def session(self, item: object, where: str) -> Session:
        reps_raw = self._get(item, "reps", where)
        if not isinstance(reps_raw, list):
            raise ValidationError(f"{where}.reps", "must be a list")
        finished = self._get(item, "finished_at", where)
        session = Session(
            uuid=self.text(item, "uuid", where),
            started_at=self.moment(item, "started_at", where),
            finished_at=None if finished is None else self.moment(item, "finished_at", where),
            local_day=self.day(item, "local_day", where),
            status=self.choice(item, "status", where, SessionStatus),
            reps=tuple(
                self.rep(rep, f"{where}.reps[{i}]") for i, rep in enumerate(reps_raw, start=1)
            ),
        )
        check_uuid(session.uuid, f"{where}.uuid")
        if session.finished_at is not None and session.finished_at < session.started_at:
            raise ValidationError(f"{where}.finished_at", "is before started_at")
        keys = [(r.exercise, r.side, r.rep) for r in session.reps]
        if len(set(keys)) != len(keys):
            raise ValidationError(f"{where}.reps", "holds the same rep twice")
        return session

    def rep(self, item: object, where: str) -> Rep:
        rep = Rep(
            exercise=self.text(item, "exercise", where),
            side=self.choice(item, "side", where, Side),
            rep=self.integer(item, "rep", where),
            target_s=self.integer(item, "target_s", where),
            held_s=self.number(item, "held_s", where),
            completed_at=self.moment(item, "completed_at", where),
        )
        if not 1 <= len(rep.exercise) <= 64:
            raise ValidationError(f"{where}.exercise", "must be 1 to 64 characters")
        if not 1 <= rep.rep <= 100:
            raise ValidationError(f"{where}.rep", f"must be from 1 to 100, got {rep.rep}")
        if not 1 <= rep.target_s <= 600:
            raise ValidationError(
                f"{where}.target_s", f"must be from 1 to 600 seconds, got {rep.target_s}"
            )
        if not 0 <= rep.held_s <= rep.target_s + 1:
            raise ValidationError(
                f"{where}.held_s", f"must be from 0 to target_s + 1, got {rep.held_s:g}"
            )
        return rep

    def acknowledgement(self, item: object, where: str) -> Acknowledgement:
        ack = Acknowledgement(
            uuid=check_uuid(self.text(item, "uuid", where), f"{where}.uuid"),
            acknowledged_at=self.moment(item, "acknowledged_at", where),
            local_day=self.day(item, "local_day", where),
        )
        if abs((ack.local_day - ack.acknowledged_at.date()).days) > 1:
            raise ValidationError(
                f"{where}.local_day",
                f"{ack.local_day} does not match acknowledged_at {utc_text(ack.acknowledged_at)}",
            )
        return ack

    def run(self, item: object, where: str) -> Run:
        try:
            run = Run(
                uuid=self.text(item, "uuid", where),
                started_at=self.moment(item, "started_at", where),
                local_day=self.day(item, "local_day", where),
                distance_km=self.number(item, "distance_km", where),
                moving_minutes=self.optional_number(item, "moving_minutes", where),
                elapsed_minutes=self.optional_number(item, "elapsed_minutes", where),
                elevation_gain_m=self.optional_number(item, "elevation_gain_m", where),
                sport=self.choice(item, "sport", where, Sport),
                source=self.choice(item, "source", where, RunSource),
                source_file=self.text(item, "source_file", where),
                content_hash=self.text(item, "content_hash", where),
                note=self.text(item, "note", where),
            )
            return check_run(run, self.now)
        except ValidationError as error:
            if error.field.startswith(where):
                raise
            raise ValidationError(f"{where}.{error.field}", error.message) from None

    def stamp(self, item: object, where: str) -> Stamp:
        """A record's optional version: `updated_at` and `device_id`."""
        if not isinstance(item, Mapping):
            raise ValidationError(where, "must be an object")
        updated = self.optional_moment(item, "updated_at", where, any_time=True)
        device = item.get("device_id")
        if device is not None:
            device = check_uuid(self.text(item, "device_id", where), f"{where}.device_id")
        return Stamp(utc_text(updated) if updated else None, device)

    def tombstone(self, item: object, where: str) -> Tombstone:
        kind = self.text(item, "kind", where)
        if kind not in TOMBSTONE_KINDS:
            raise ValidationError(
                f"{where}.kind", f"must be one of {', '.join(TOMBSTONE_KINDS)}, got {kind!r}"
            )
        key = self.text(item, "uuid", where)
        assert isinstance(item, Mapping)  # self.text checked it
        if not 1 <= len(key) <= 200:
            raise ValidationError(f"{where}.uuid", "must be 1 to 200 characters")
        stamp = self.stamp(
            {**dict(item), "updated_at": self._get(item, "deleted_at", where)}, where
        )
        assert stamp.updated_at is not None
        return Tombstone(kind, key, stamp.updated_at, stamp.device_id or "")

    def level(self, item: object, where: str) -> LevelChange:
        level = LevelChange(
            exercise=self.text(item, "exercise", where),
            hold_s=self.integer(item, "hold_s", where),
            changed_at=self.moment(item, "changed_at", where),
        )
        if not 1 <= level.hold_s <= 600:
            raise ValidationError(
                f"{where}.hold_s", f"must be from 1 to 600 seconds, got {level.hold_s}"
            )
        if not 1 <= len(level.exercise) <= 64:
            raise ValidationError(f"{where}.exercise", "must be 1 to 64 characters")
        return level
