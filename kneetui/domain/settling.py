"""Has the soreness settled by the next morning? (pain-monitoring model)

A next-morning score for a knee has not settled when it is 3 or more and not
lower than the same knee's score of the day before: the mean of that day's
after-run and other scores for that knee. Equal high scores (5 then 5) have not
settled; a morning score is only ever set against the same knee's evening, so the
left knee this morning is never compared with the right knee last night. Without
a score of the day before for that knee, the morning cannot be judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from kneetui.domain.knees import KNEES, TOLERANCE, day_scores
from kneetui.domain.models import Context, Knee, SorenessEntry
from kneetui.domain.rules import UNSETTLED_SCORE

_DAY = dt.timedelta(days=1)


class Morning(NamedTuple):
    """One next-morning day, judged for the knee that fared worse."""

    day: dt.date  # the morning's local day
    knee: Knee  # the knee it speaks of; BOTH when the knees fared the same
    morning: float  # that knee's next-morning score
    before: float | None  # the same knee's score of the day before; None without one
    after_run: bool  # the day before had an after-run score for that knee
    settled: bool | None  # None when it cannot be judged


def judge_morning(soreness: Iterable[SorenessEntry], day: dt.date) -> Morning | None:
    """The verdict for the next-morning scores of `day`; None without one."""
    entries = [e for e in soreness if e.local_day in (day, day - _DAY)]
    judged = []
    for knee in KNEES:
        morning = day_scores(entries, knee, mornings=True).get(day)
        if morning is None:
            continue
        before = day_scores(entries, knee, mornings=False).get(day - _DAY)
        ran = any(
            e.local_day == day - _DAY
            and e.context is Context.AFTER_RUN
            and e.knee in (knee, Knee.BOTH)
            for e in entries
        )
        if before is None:
            settled = None
        else:
            settled = not (morning >= UNSETTLED_SCORE and morning > before - TOLERANCE)
        judged.append(Morning(day, knee, morning, before, ran, settled))
    if not judged:
        return None
    if len(judged) == 2 and judged[0][2:] == judged[1][2:]:
        return judged[0]._replace(knee=Knee.BOTH)
    # The worse knee: not settled, then not judged, then settled; then the higher score.
    order = {False: 0, None: 1, True: 2}
    return min(judged, key=lambda m: (order[m.settled], -m.morning))


def latest_morning(soreness: Iterable[SorenessEntry], today: dt.date) -> Morning | None:
    """The verdict for the latest day up to `today` with a next-morning score."""
    entries = [e for e in soreness if e.local_day <= today]
    days = [e.local_day for e in entries if e.context is Context.NEXT_MORNING]
    return judge_morning(entries, max(days)) if days else None


def score_text(value: float) -> str:
    """A day score as the runner would say it: 5, or 4.5 for a mean."""
    return f"{value:.0f}" if abs(value - round(value)) < TOLERANCE else f"{value:.1f}"


def morning_words(day: dt.date, today: dt.date) -> str:
    """ "this morning", "yesterday morning" or "on the morning of 2026-11-02"."""
    if day == today:
        return "this morning"
    if day == today - _DAY:
        return "yesterday morning"
    return f"on the morning of {day.isoformat()}"
