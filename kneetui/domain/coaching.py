"""Everything the coaching rules say today, computed once: the dashboard, the
stats screen and `kneetui stats` all show this one value, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from kneetui.domain.adherence import (
    Adherence,
    Strip,
    WeekMean,
    adherence,
    counts,
    strip,
    weekly_means,
)
from kneetui.domain.advice import (
    Advice,
    against_step_up,
    check_in_advice,
    check_in_after,
    needs_check_in,
    not_settled,
    red_flag_advice,
    therapist_advice,
    verdict_advice,
)
from kneetui.domain.models import (
    Acknowledgement,
    LevelChange,
    Session,
    SessionLike,
    SorenessEntry,
    full_sessions,
)
from kneetui.domain.progression import LocalDay, Progression, Suggestion, current_holds
from kneetui.domain.red_flags import RedFlag, standing
from kneetui.domain.routine import Routine
from kneetui.domain.runs import Run
from kneetui.domain.settling import latest_morning
from kneetui.domain.spike_warning import spike_advice, standing_spike
from kneetui.domain.therapist import Assessment, assess


class Coaching(NamedTuple):
    adherence: Adherence
    assessment: Assessment
    advice: tuple[Advice, ...]  # ranked: the one list every view shows
    suggestions: tuple[Suggestion, ...]  # each exercise's verdict, in routine order
    holds: dict[str, int]
    strip: Strip
    weekly: tuple[WeekMean, ...]
    ask_check_in: bool  # ask "How are your knees this morning?" at start-up
    red_flags: tuple[RedFlag, ...]  # standing, oldest first: what an acknowledgement clears
    # What the check-in asks about: "session", "run" or "run and session" yesterday.
    check_in_after: str = ""

    @property
    def acceptable(self) -> tuple[Suggestion, ...]:
        """The steps the runner can accept (p): steps back and up."""
        return tuple(s for s in self.suggestions if s.acceptable)


def utc_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(dt.UTC).date()


def coach(
    routine: Routine,
    schedule: Sequence[str],
    sessions: Sequence[SessionLike],
    soreness: Sequence[SorenessEntry],
    levels: Sequence[LevelChange],
    today: dt.date,
    *,
    acknowledgements: Sequence[Acknowledgement] = (),
    check_in_dismissed_on: dt.date | None = None,
    recent_sessions: Sequence[Session] | None = None,
    local_day: LocalDay = utc_day,
    runs: Sequence[Run] = (),
) -> Coaching:
    """`sessions` feed adherence, gaps and the physical-therapist rule, which need
    only each session's day, status and holds done (marks will do); the verdicts
    read reps, from `recent_sessions` when given (so a long history need not be
    loaded rep by rep), else from the full Sessions in `sessions`.

    `soreness` must hold every score of the windows the rules read: the last 12
    weeks, the first week of scores of each knee, the latest score of 6 or more,
    and the red flags since the last acknowledgement with the scores of their day
    and the next. `local_day` gives the runner's calendar day of a moment (a hold
    set on the 14th day of a gap answers it). `runs` must hold every run that
    started in the 37 days before today (the spike warning's 7 days and the 30
    days before each)."""
    planned = routine.planned_holds
    counted = [s for s in sessions if s.local_day <= today and counts(s, planned)]
    days = {s.local_day for s in counted}
    if recent_sessions is None:
        recent_sessions = full_sessions(sessions)
    recent_counted = [s for s in recent_sessions if counts(s, planned)]
    assessment = assess(days, len(counted), soreness, schedule, today)
    flags = standing(soreness, acknowledgements, today)
    against = against_step_up(flags, assessment, soreness, latest_morning(soreness, today), today)
    progression = Progression(
        routine, levels, recent_sessions, recent_counted, days, soreness, today, local_day
    )
    verdicts = tuple(progression.verdicts(against))
    advice = red_flag_advice(flags, today)
    therapist = therapist_advice(assessment)
    if therapist is not None:
        advice.append(therapist)
    advice += verdict_advice(routine, verdicts)
    spike = standing_spike(runs, today)
    if spike is not None:
        advice.append(spike_advice(spike, today, red_flag=bool(flags)))
    unsettled = not_settled(soreness, today)
    if unsettled is not None:
        advice.append(unsettled)
    ask = needs_check_in(days, soreness, today, check_in_dismissed_on)
    after = check_in_after(days, soreness, today) if ask else ""
    if ask:
        advice.append(check_in_advice(after))
    return Coaching(
        adherence=adherence(days, schedule, today),
        assessment=assessment,
        advice=tuple(advice),
        suggestions=verdicts,
        holds=current_holds(routine, levels),
        strip=strip(days, today),
        weekly=tuple(weekly_means(soreness, today)),
        ask_check_in=ask,
        red_flags=tuple(flags),
        check_in_after=after,
    )
