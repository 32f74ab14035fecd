"""Plain values shared by every layer: soreness scores, sessions, reps, hold levels.

They are immutable so a value read from the store can be passed to a widget or a
rule without anyone changing it underneath. They are NamedTuples rather than
frozen dataclasses: in Python 3.11 a frozen slots dataclass takes about 1.2 ms to
define (one exec per generated method, then the class made again for its slots)
and a NamedTuple 0.15 ms, and these load before the dashboard's first paint
(25 M fewer instructions to it, callgrind).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


def utc_text(moment: dt.datetime) -> str:
    """How kneetui writes a moment, in the database and in exports alike: whole
    seconds in UTC, ISO-8601 with its offset (2026-11-25T07:54:46+00:00), so the
    text sorts as time does and a round trip gives back an equal value."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()


class Knee(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Context(StrEnum):
    AFTER_RUN = "after-run"
    NEXT_MORNING = "next-morning"
    OTHER = "other"


class Flag(StrEnum):
    """Red-flag symptoms: any of them means the knee should be seen promptly."""

    SWELLING = "swelling"
    LOCKING = "locking"
    GIVING_WAY = "giving-way"
    CANNOT_BEAR_WEIGHT = "cannot-bear-weight"


class SessionStatus(StrEnum):
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    STOPPED = "stopped"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class SorenessEntry(NamedTuple):
    """One soreness score, as the runner gave it.

    `logged_at` is an aware UTC datetime; `local_day` is the calendar day in the
    runner's own time zone at the moment of entry, kept so a score logged at
    23:30 stays on that day whatever zone the file is later read in. An edit
    keeps the uuid and sets `updated_at`.
    """

    uuid: str
    logged_at: dt.datetime
    local_day: dt.date
    score: int
    knee: Knee = Knee.BOTH
    context: Context = Context.AFTER_RUN
    run_km: float | None = None
    run_minutes: float | None = None
    note: str = ""
    flags: tuple[Flag, ...] = ()
    # When the runner last corrected the score (UTC); None if never edited.
    updated_at: dt.datetime | None = None


class Rep(NamedTuple):
    """One finished hold, written the moment it ends."""

    exercise: str
    side: Side
    rep: int
    target_s: int
    held_s: float
    completed_at: dt.datetime


class Session(NamedTuple):
    """One routine session and the reps recorded in it."""

    uuid: str
    started_at: dt.datetime
    local_day: dt.date
    status: SessionStatus = SessionStatus.IN_PROGRESS
    finished_at: dt.datetime | None = None
    reps: tuple[Rep, ...] = ()


class SessionMark(NamedTuple):
    """A session's day, status and number of holds done, nothing more: all that
    adherence, the gap rule and the physical-therapist rule read. Ten years hold
    some 1,560 sessions; reading them as marks costs a fraction of reading them as
    Sessions (and a tuple is made in a third of the time of a frozen dataclass:
    0.5 ms instead of 1.5 at ten years, timed in-process)."""

    local_day: dt.date
    status: SessionStatus
    holds: int = 0  # holds recorded (the timer records a hold once something is held)


# What the schedule rules accept: a full Session or just its mark.
SessionLike = Session | SessionMark


def holds_done(session: SessionLike) -> int:
    """How many holds of a session were done: the reps recorded. The timer records
    a hold only once something was held, so a skipped hold leaves no rep."""
    if isinstance(session, SessionMark):
        return session.holds
    return len(session.reps)


def full_sessions(sessions: Iterable[SessionLike]) -> list[Session]:
    """The Sessions among `sessions`: those with their reps, which hold
    progression reads (a mark has none)."""
    return [s for s in sessions if isinstance(s, Session)]


class LevelChange(NamedTuple):
    """An exercise's hold step from `changed_at` on."""

    exercise: str
    hold_s: int
    changed_at: dt.datetime


class Acknowledgement(NamedTuple):
    """The runner's word that the red flags logged up to `acknowledged_at` have
    been seen to (the knee was seen, or is being seen, by a clinician)."""

    uuid: str
    acknowledged_at: dt.datetime
    local_day: dt.date


class DailySoreness(NamedTuple):
    """One day's soreness, the unit the trend chart works in: each knee's mean of
    that day's scores for it (a score for both knees counts for each), and `mean`,
    the worse of the two. A day given without `left` and `right` is the same for
    both knees."""

    day: dt.date
    mean: float
    scores: int  # how many scores there were that day
    left: float | None = None
    right: float | None = None

    @property
    def knees(self) -> tuple[float | None, float | None]:
        if self.left is None and self.right is None:
            return self.mean, self.mean
        return self.left, self.right
