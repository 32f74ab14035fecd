"""Today at a glance: is it a routine day, is the session done, the last score,
the red flags standing and whether a morning check-in is owed.

Why a module of its own: `kneetui status` runs on every shell prompt and `kneetui
remind` from cron, so they cannot load the coaching rules (`typing`, the routine
parser and the rest cost more than the whole command may take). These functions
state the same rules over plain values and import only `datetime` and the shared
thresholds; tests check on real databases that they agree with the coaching
(`red_flags.standing`, `advice.needs_check_in`, `adherence.counts`) and the
dashboard (`today.plan_today`, the last score under the chart).
"""

from __future__ import annotations

import datetime as dt

from kneetui.domain.thresholds import ACCEPTABLE_MAX, COUNTED_SHARE, SEVERE_SCORE
from kneetui.domain.weekdays import WEEKDAYS as WEEKDAYS  # re-exported
from kneetui.domain.weekdays import next_routine_day as next_routine_day  # re-exported

# Annotations only; importing `typing` would cost the prompt some 5 ms (mypy
# treats any `TYPE_CHECKING` name as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_LONG_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ALIASES = {**{d: d for d in WEEKDAYS}, **dict(zip(_LONG_NAMES, WEEKDAYS, strict=True))}
_DAY = dt.timedelta(days=1)
AFTER_RUN = "after-run"
NEXT_MORNING = "next-morning"
BOTH = "both"
EASES_AT_MOST = ACCEPTABLE_MAX  # a later score that eases a severe one


class Score:
    """A stored score as the glance reads it: `logged_at` is the stored UTC
    ISO-8601 text (it sorts as time does), `flagged` whether it names a red-flag
    symptom."""

    __slots__ = ("context", "flagged", "knee", "local_day", "logged_at", "score")

    def __init__(
        self,
        logged_at: str,
        local_day: dt.date,
        score: int,
        knee: str,
        flagged: bool,
        context: str,
    ) -> None:
        self.logged_at = logged_at
        self.local_day = local_day
        self.score = score
        self.knee = knee
        self.flagged = flagged
        self.context = context


class Glance:
    """What `status` shows and `remind` decides on."""

    __slots__ = (
        "check_in_after",
        "day",
        "done",
        "last_day",
        "last_score",
        "next_routine_day",
        "red_flags",
        "routine_day",
    )

    def __init__(
        self,
        day: dt.date,
        routine_day: bool,
        done: bool,
        next_routine_day: dt.date | None,
        last: Score | None,
        red_flags: int,
        check_in_after: str,
    ) -> None:
        self.day = day
        self.routine_day = routine_day
        self.done = done
        self.next_routine_day = next_routine_day
        self.last_score = None if last is None else last.score
        self.last_day = None if last is None else last.local_day
        self.red_flags = red_flags
        self.check_in_after = check_in_after

    @property
    def check_in_owed(self) -> bool:
        return bool(self.check_in_after)

    def document(self) -> dict[str, object]:
        """The fields, as `kneetui status --json` gives them."""
        return {
            "day": self.day.isoformat(),
            "routine_day": self.routine_day,
            "done": self.done,
            "next_routine_day": _iso(self.next_routine_day),
            "last_score": self.last_score,
            "last_day": _iso(self.last_day),
            "red_flags": self.red_flags,
            "check_in_owed": self.check_in_owed,
        }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def schedule_days(stored: object, default: Sequence[str]) -> tuple[str, ...]:
    """The routine days: the stored setting in week order, or `default` when it is
    unset or not a list of weekdays (as `gather.schedule_of` decides)."""
    if not isinstance(stored, list) or not stored:
        return tuple(default)
    chosen = set()
    for day in stored:
        short = _ALIASES.get(str(day).strip().lower())
        if short is None:
            return tuple(default)
        chosen.add(short)
    return tuple(d for d in WEEKDAYS if d in chosen)


def is_routine_day(day: dt.date, schedule: Sequence[str]) -> bool:
    return WEEKDAYS[day.weekday()] in schedule


def counts(status: str, holds: int, planned_holds: int) -> bool:
    """A session counts (rule `counted-session`): completed, with at least half of
    the routine's holds done (as `adherence.counts`)."""
    return status == "completed" and holds > 0 and holds >= planned_holds * COUNTED_SHARE


def raises_flag(score: Score) -> bool:
    return score.flagged or score.score >= SEVERE_SCORE


def standing_red_flags(
    candidates: Iterable[Score],
    nearby: Iterable[Score],
    acknowledged_until: str | None,
    today: dt.date,
) -> int:
    """How many red flags stand today (as `red_flags.standing`): each score up to
    today that raises one and was logged after the last acknowledgement; a severe
    score without a symptom stands only for the knees no later score of 5 or less
    eased, that day or the next. `nearby` holds (at least) the scores of
    `EASES_AT_MOST` or less of the candidates' days and the days after."""
    around: dict[dt.date, list[Score]] = {}
    for score in nearby:
        around.setdefault(score.local_day, []).append(score)
    found = 0
    for entry in candidates:
        if entry.local_day > today or not raises_flag(entry):
            continue
        if acknowledged_until is not None and entry.logged_at <= acknowledged_until:
            continue
        if entry.flagged:
            found += 1
            continue
        near = around.get(entry.local_day, []) + around.get(entry.local_day + _DAY, [])
        knees = ("left", "right") if entry.knee == BOTH else (entry.knee,)
        if any(not _eased(entry, knee, near, today) for knee in knees):
            found += 1
    return found


def _eased(entry: Score, knee: str, scores: Iterable[Score], today: dt.date) -> bool:
    return any(
        later.logged_at > entry.logged_at
        and later.local_day <= min(entry.local_day + _DAY, today)
        and later.knee in (knee, BOTH)
        and later.score <= EASES_AT_MOST
        for later in scores
    )


def check_in_after(
    trained_yesterday: bool,
    scores: Iterable[Score],
    dismissed_on: dt.date | None,
    today: dt.date,
) -> str:
    """What the owed morning check-in asks about, in the app's words ("run",
    "session", "run and session"), or "" when none is owed (as
    `advice.needs_check_in` and `advice.check_in_after`): yesterday had a counted
    session or an after-run score, nothing is logged as next-morning today, and it
    was not dismissed today. `scores` holds yesterday's and today's."""
    if dismissed_on == today:
        return ""
    listed = list(scores)
    if any(s.context == NEXT_MORNING and s.local_day == today for s in listed):
        return ""
    yesterday = today - _DAY
    ran = any(s.context == AFTER_RUN and s.local_day == yesterday for s in listed)
    return " and ".join(word for word, had in (("run", ran), ("session", trained_yesterday)) if had)
