"""Everything the coaching rules say today, computed once: the dashboard, the
stats screen and `kneetui stats` all show this one value, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from kneetui.domain.adherence import Adherence, Strip, adherence, strip, weekly_means
from kneetui.domain.advice import Advice, Assessment, advise, assess, needs_check_in
from kneetui.domain.models import (
    LevelChange,
    Session,
    SessionLike,
    SorenessEntry,
    full_sessions,
)
from kneetui.domain.progression import Suggestion, current_holds, suggest
from kneetui.domain.routine import Routine


class Coaching(NamedTuple):
    adherence: Adherence
    assessment: Assessment
    advice: tuple[Advice, ...]
    suggestions: tuple[Suggestion, ...]
    holds: dict[str, int]
    strip: Strip
    weekly: tuple[tuple[dt.date, float | None, int], ...]
    ask_check_in: bool  # ask "How are your knees this morning?" at start-up


def coach(
    routine: Routine,
    schedule: Sequence[str],
    sessions: Sequence[SessionLike],
    soreness: Sequence[SorenessEntry],
    levels: Sequence[LevelChange],
    today: dt.date,
    *,
    check_in_dismissed_on: dt.date | None = None,
    recent_sessions: Sequence[Session] | None = None,
) -> Coaching:
    """`sessions` feed adherence and the physical-therapist rule, which need only
    their days and status (marks will do); hold progression reads reps, from
    `recent_sessions` when given (so a long history need not be loaded rep by
    rep), else from the full Sessions in `sessions`.
    `soreness` must hold at least the first week of the routine and the last 12
    weeks; older scores change nothing."""
    if recent_sessions is None:
        recent_sessions = full_sessions(sessions)
    suggestions = tuple(suggest(routine, levels, recent_sessions, soreness))
    assessment = assess(sessions, soreness, schedule, today)
    return Coaching(
        adherence=adherence(sessions, schedule, today),
        assessment=assessment,
        advice=tuple(
            advise(
                routine,
                schedule,
                sessions,
                soreness,
                levels,
                today,
                checked_in=check_in_dismissed_on == today,
                suggestions=suggestions,
                assessment=assessment,
            )
        ),
        suggestions=suggestions,
        holds=current_holds(routine, levels),
        strip=strip(sessions, today),
        weekly=tuple(weekly_means(soreness, today)),
        ask_check_in=needs_check_in(sessions, soreness, today, check_in_dismissed_on),
    )
