"""Red flags: the scores that mean the knee should be seen, not trained.

Two rules (see `rules.RULES`):
- `red-flag-symptom`: a score logged with swelling, locking, giving way or not
  being able to bear weight. It stands until the runner acknowledges it, however
  long ago it was: a symptom does not go away because a week went by.
- `red-flag-severe`: a score of 8 or more without a symptom. Severe pain can be a
  bad evening; it clears by itself once a later score for that knee, the same
  local day or the next, is 5 or less. If it has not eased by then, it stands
  until acknowledged, like a symptom.

An acknowledgement covers every red flag logged up to its moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kneetui.domain.knees import KNEES, concerns, knee_words
from kneetui.domain.models import Acknowledgement, Flag, Knee, SorenessEntry
from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS
from kneetui.domain.rules import ACCEPTABLE_MAX, SEVERE_SCORE

SYMPTOM = "red-flag-symptom"
SEVERE = "red-flag-severe"

FLAG_WORDS = {flag: flag.value.replace("-", " ") for flag in Flag}
FLAG_WORDS[Flag.CANNOT_BEAR_WEIGHT] = "not able to bear weight"
_DAY = dt.timedelta(days=1)


class RedFlag(NamedTuple):
    entry: SorenessEntry
    rule: str  # SYMPTOM or SEVERE
    knee: Knee  # the knee it stands for (BOTH for a score for both, not yet eased)


def raises_flag(entry: SorenessEntry) -> bool:
    """Whether a score is a red flag when it is logged."""
    return bool(entry.flags) or entry.score >= SEVERE_SCORE


def acknowledged_until(acks: Iterable[Acknowledgement]) -> dt.datetime | None:
    return max((a.acknowledged_at for a in acks), default=None)


def standing(
    soreness: Iterable[SorenessEntry], acks: Iterable[Acknowledgement], today: dt.date
) -> list[RedFlag]:
    """The red flags that stand today, oldest first."""
    scores = sorted((e for e in soreness if e.local_day <= today), key=lambda e: e.logged_at)
    until = acknowledged_until(acks)
    by_day: dict[dt.date, list[SorenessEntry]] = {}
    for entry in scores:
        by_day.setdefault(entry.local_day, []).append(entry)
    found = []
    for entry in scores:
        if not raises_flag(entry) or (until is not None and entry.logged_at <= until):
            continue
        if entry.flags:
            found.append(RedFlag(entry, SYMPTOM, entry.knee))
            continue
        near = by_day[entry.local_day] + by_day.get(entry.local_day + _DAY, [])
        knees = [k for k in _knees_of(entry) if not _eased(entry, k, near)]
        if knees:
            found.append(RedFlag(entry, SEVERE, knees[0] if len(knees) == 1 else Knee.BOTH))
    return found


def _knees_of(entry: SorenessEntry) -> tuple[Knee, ...]:
    return KNEES if entry.knee is Knee.BOTH else (entry.knee,)


def _eased(entry: SorenessEntry, knee: Knee, scores: Sequence[SorenessEntry]) -> bool:
    """A later score for `knee`, the same local day or the next, is 5 or less."""
    return any(
        later.logged_at > entry.logged_at
        and later.local_day <= entry.local_day + _DAY
        and concerns(later, knee)
        and later.score <= ACCEPTABLE_MAX
        for later in scores
    )


def day_words(day: dt.date, today: dt.date) -> str:
    """ "today", "yesterday" or "on Mon 2026-11-02"."""
    if day == today:
        return "today"
    if day == today - _DAY:
        return "yesterday"
    return f"on {WEEKDAY_NAMES[WEEKDAYS[day.weekday()]]} {day.isoformat()}"


def symptom_message(flags: Sequence[RedFlag], today: dt.date) -> str:
    latest = flags[-1]
    entry = latest.entry
    symptoms = ", ".join(FLAG_WORDS[f] for f in entry.flags)
    also = f" ({len(flags)} such scores not yet acknowledged)" if len(flags) > 1 else ""
    return (
        f"Have your knee seen: {symptoms} in {knee_words(latest.knee)} "
        f"{day_words(entry.local_day, today)}, with a score of {entry.score}/10{also}. "
        "Swelling, locking, giving way or not being able to bear weight needs a doctor "
        "or a physical therapist to look at it; rest from running until then. Once it "
        "has been seen, acknowledge this notice (a in the app, `kneetui ack`)."
    )


def severe_message(flags: Sequence[RedFlag], today: dt.date) -> str:
    latest = flags[-1]
    entry = latest.entry
    when = day_words(entry.local_day, today)
    also = f" ({len(flags)} such scores not yet eased)" if len(flags) > 1 else ""
    if entry.local_day >= today:
        advice = (
            "If it has not eased by tomorrow (a score of "
            f"{ACCEPTABLE_MAX} or less), have the knee seen by a doctor or a physical therapist."
        )
    elif entry.local_day + _DAY == today:
        advice = (
            f"If it has not eased by tonight (a score of {ACCEPTABLE_MAX} or less), have the "
            "knee seen by a doctor or a physical therapist."
        )
    else:
        advice = (
            "It has not eased since: have the knee seen by a doctor or a physical "
            "therapist, then acknowledge this notice (a in the app, `kneetui ack`)."
        )
    return (
        f"Severe pain: a score of {entry.score}/10 for {knee_words(latest.knee)} {when}"
        f"{also}. Rest from running. {advice}"
    )


def notice_for(entry: SorenessEntry) -> str | None:
    """What to say the moment a score is logged that raises a red flag; None for
    one that does not."""
    if not raises_flag(entry):
        return None
    flag = RedFlag(entry, SYMPTOM if entry.flags else SEVERE, entry.knee)
    words = symptom_message if entry.flags else severe_message
    return words([flag], entry.local_day)
