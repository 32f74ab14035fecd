"""Soreness scores: the scale, its bands, and the checks every score passes.

The scale is the 0–10 numeric rating scale (0 no pain, 10 worst imaginable). The
bands come from the pain-monitoring model used in tendon and knee rehabilitation
(Thomeé R. 1997, "A comprehensive treatment approach for patellofemoral pain
syndrome in young women", Phys Ther 77(12):1690–1703; Silbernagel KG et al. 2007,
"Continued sports activity, using a pain-monitoring model, during rehabilitation in
patients with Achilles tendinopathy", Am J Sports Med 35(6):897–906):
0–2 safe, 3–5 acceptable, 6–10 too much.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid as uuid_module
from collections.abc import Iterable
from enum import StrEnum

from kneetui.domain.errors import ValidationError
from kneetui.domain.models import Context, Flag, Knee, SorenessEntry
from kneetui.domain.rules import ACCEPTABLE_MAX, SAFE_MAX

SCORE_MIN = 0
SCORE_MAX = 10
MAX_NOTE_LENGTH = 1000
# Longer than any single run a person does in one go (a 200-mile race is 322 km,
# but it is not logged as one knee score); anything above is a typing slip.
MAX_RUN_KM = 300.0
MAX_RUN_MINUTES = 3000.0
# A score may be dated a little ahead of `now` to absorb clock differences
# between machines (an export from a laptop imported on a desktop).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
EARLIEST_DAY = dt.date(1970, 1, 1)

_SCORE_TEXT = re.compile(r"[0-9]{1,2}")


class Band(StrEnum):
    SAFE = "safe"
    ACCEPTABLE = "acceptable"
    TOO_MUCH = "too much"


# Upper bound (inclusive) of each band on the 0–10 scale: SAFE_MAX and
# ACCEPTABLE_MAX, kept with the other coaching thresholds in `rules`.


def band(score: float) -> Band:
    """The band of a score or of a mean of scores.

    A mean is rounded half up to the scale's whole points first, so 2.4 is safe and
    2.5 acceptable: the bands are defined on whole points.
    """
    points = math.floor(score + 0.5)
    if points <= SAFE_MAX:
        return Band.SAFE
    if points <= ACCEPTABLE_MAX:
        return Band.ACCEPTABLE
    return Band.TOO_MUCH


def parse_score(text: str) -> int:
    """A score typed by the runner: a whole number from 0 to 10, nothing else."""
    cleaned = text.strip()
    if not _SCORE_TEXT.fullmatch(cleaned) or not SCORE_MIN <= int(cleaned) <= SCORE_MAX:
        shown = repr(text) if text else "nothing"
        raise ValidationError(
            "score", f"must be a whole number from {SCORE_MIN} to {SCORE_MAX}, got {shown}"
        )
    return int(cleaned)


def parse_optional_number(text: str, field: str, maximum: float, unit: str) -> float | None:
    """A run distance or duration typed as text; blank means "not given"."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(field, f"must be a number of {unit}, got {text!r}") from None
    return check_optional_number(value, field, maximum, unit)


def check_optional_number(
    value: float | None, field: str, maximum: float, unit: str
) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(field, f"must be a number of {unit}, got {value!r}")
    if not math.isfinite(value) or value <= 0 or value > maximum:
        raise ValidationError(
            field, f"must be more than 0 and at most {maximum:g} {unit}, got {value:g}"
        )
    return float(value)


def check_note(note: str) -> str:
    if not isinstance(note, str):
        raise ValidationError("note", f"must be text, got {note!r}")
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationError(
            "note", f"is {len(note)} characters long; the limit is {MAX_NOTE_LENGTH}"
        )
    if "\x00" in note:
        raise ValidationError("note", "contains a NUL character")
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("note", "contains characters that are not valid text") from None
    return note


def check_when(logged_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """The moment of a score: aware, not before 1970, not in the future."""
    if logged_at.tzinfo is None or logged_at.utcoffset() is None:
        raise ValidationError("logged_at", "must carry a time-zone offset")
    if logged_at > now + FUTURE_TOLERANCE:
        raise ValidationError(
            "logged_at", f"{logged_at.isoformat(timespec='minutes')} is in the future"
        )
    if logged_at.date() < EARLIEST_DAY:
        raise ValidationError("logged_at", f"{logged_at.date()} is before {EARLIEST_DAY}")
    return logged_at


def check_score(score: object) -> int:
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValidationError(
            "score", f"must be a whole number from {SCORE_MIN} to {SCORE_MAX}, got {score!r}"
        )
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ValidationError(
            "score", f"must be a whole number from {SCORE_MIN} to {SCORE_MAX}, got {score}"
        )
    return score


def new_entry(
    score: int,
    *,
    at: dt.datetime,
    now: dt.datetime,
    knee: Knee = Knee.BOTH,
    context: Context = Context.AFTER_RUN,
    run_km: float | None = None,
    run_minutes: float | None = None,
    note: str = "",
    flags: Iterable[Flag] = (),
    uuid: str | None = None,
) -> SorenessEntry:
    """A checked score logged at `at` (aware, in the runner's zone).

    The local day is `at`'s own calendar day, so pass `at` in the runner's zone.
    """
    check_when(at, now)
    entry = SorenessEntry(
        uuid=uuid or str(uuid_module.uuid4()),
        # Whole seconds: what the store keeps, so a value equals its stored copy.
        logged_at=at.astimezone(dt.UTC).replace(microsecond=0),
        local_day=at.date(),
        score=check_score(score),
        knee=Knee(knee),
        context=Context(context),
        run_km=check_optional_number(run_km, "run_km", MAX_RUN_KM, "km"),
        run_minutes=check_optional_number(run_minutes, "run_minutes", MAX_RUN_MINUTES, "minutes"),
        note=check_note(note),
        flags=unique_flags(flags),
    )
    return entry


def check_entry(entry: SorenessEntry, now: dt.datetime) -> SorenessEntry:
    """Check an entry built elsewhere (an import) with the same rules as a new one."""
    check_when(entry.logged_at, now)
    check_score(entry.score)
    check_optional_number(entry.run_km, "run_km", MAX_RUN_KM, "km")
    check_optional_number(entry.run_minutes, "run_minutes", MAX_RUN_MINUTES, "minutes")
    check_note(entry.note)
    check_uuid(entry.uuid, "uuid")
    # Time zones lie within a day of UTC, so the local day can differ from the
    # UTC date of the same moment by one day at most.
    utc_day = entry.logged_at.astimezone(dt.UTC).date()
    if abs((entry.local_day - utc_day).days) > 1:
        raise ValidationError(
            "local_day", f"{entry.local_day} does not match logged_at {entry.logged_at.isoformat()}"
        )
    return entry


def check_uuid(value: str, where: str) -> str:
    """A UUID in its canonical lower-case form, as kneetui writes them."""
    try:
        if str(uuid_module.UUID(value)) != value:
            raise ValueError(value)
    except (ValueError, AttributeError, TypeError):
        raise ValidationError(where, f"is not a lower-case UUID: {value!r}") from None
    return value


def unique_flags(flags: Iterable[Flag | str]) -> tuple[Flag, ...]:
    """Flags in a stable order, each once."""
    chosen = {Flag(f) for f in flags}
    return tuple(f for f in Flag if f in chosen)


def describe(entry: SorenessEntry) -> str:
    """The one-line confirmation after logging, e.g.
    "Logged 4/10 (acceptable) for both knees after an 8.0 km run"."""
    knees = "both knees" if entry.knee is Knee.BOTH else f"the {entry.knee.value} knee"
    text = f"Logged {entry.score}/10 ({band(entry.score).value}) for {knees}"
    if entry.context is Context.NEXT_MORNING:
        text += " the morning after"
    elif entry.run_km is not None:
        whole = int(entry.run_km)
        # "an 8.0 km", "an 11.0 km", "an 18.0 km", "an 80.0 km": said with a vowel.
        article = "an" if whole in (11, 18) or str(whole).startswith("8") else "a"
        text += f" after {article} {entry.run_km:.1f} km run"
    elif entry.context is Context.AFTER_RUN:
        text += " after a run"
    if entry.run_minutes is not None:
        text += f" ({entry.run_minutes:g} min)"
    if entry.flags:
        text += "; flagged: " + ", ".join(f.value for f in entry.flags)
    return text
