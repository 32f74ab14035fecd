"""The advice notices: the one list the dashboard and `kneetui advice` both show.

In order of importance:
1. Red flags (DESIGN §5): a score of 8 or more, or swelling, locking, giving way or
   not being able to bear weight, in the last 7 days → have the knee seen promptly.
2. See a physical therapist: the routine's own advice (data/routine.toml) is to
   consider one "if your knees are still sore after a few weeks". Made measurable:
   at least 21 days of the routine, on target in most full weeks, the last 7 days
   still average 3 or more (above the pain-monitoring model's safe band of 0–2:
   Thomeé R. 1997, Phys Ther 77(12):1690–1703; Silbernagel KG et al. 2007, Am J
   Sports Med 35(6):897–906), and no meaningful improvement on the first week. A
   meaningful change on the 0–10 scale is at least 2 points or 30% (Farrar JT et al.
   2001, Pain 94(2):149–158).
3. Hold steps back and up, from `progression.suggest`.
4. Check-ins: soreness should settle by the next morning (pain-monitoring model);
   when it has not, take the next run easier.

Days are the runner's local days: "the last 7 days" is today and the 6 days before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from kneetui.domain.adherence import counts, days_per_week, full_weeks, session_days, weekly_target
from kneetui.domain.models import (
    Context,
    Flag,
    Knee,
    LevelChange,
    SessionLike,
    SorenessEntry,
    full_sessions,
)
from kneetui.domain.progression import Suggestion, SuggestionKind, suggest
from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS, Routine

NOT_MEDICAL_ADVICE = (
    "Not medical advice: kneetui cannot examine your knee. "
    "If in doubt, see a physical therapist or a doctor."
)

CHECK_IN_PROMPT = (
    "You ran or did the routine yesterday: log how your knees feel this morning "
    "(soreness should settle by the next morning)."
)

WINDOW_DAYS = 7  # "the last 7 days" and "the first week": 7 local days each
RED_FLAG_SCORE = 8  # DESIGN §5: a score of 8 or more is a red flag by itself
ROUTINE_DAYS_BEFORE_THERAPIST = 21  # "a few weeks" of the routine: 3 weeks
STILL_SORE_MEAN = 3.0  # the bottom of the acceptable band: no longer "safe"
MEANINGFUL_POINTS = 2.0  # Farrar et al. 2001
MEANINGFUL_PERCENT = 30.0  # Farrar et al. 2001
# Means of whole-number scores are floats: a first week of 32/7 and a last week of
# 3.2 are exactly 30% apart, yet the division gives 29.999999999999993%.
_TOLERANCE = 1e-9
_WEEK = dt.timedelta(days=WINDOW_DAYS)

_FLAG_WORDS = {flag: flag.value.replace("-", " ") for flag in Flag}
_FLAG_WORDS[Flag.CANNOT_BEAR_WEIGHT] = "not able to bear weight"


class AdviceKind(StrEnum):
    SEE_PHYSICAL_THERAPIST = "see-physical-therapist"
    RED_FLAG = "red-flag"
    PROGRESS = "progress"
    STEP_BACK = "step-back"
    CHECK_IN = "check-in"


class Advice(NamedTuple):
    kind: AdviceKind
    message: str  # plain text, no markup, understandable on its own


class Assessment(NamedTuple):
    """The figures behind the physical-therapist rule, as `kneetui stats` shows them."""

    start: dt.date | None  # the day of the first completed session
    routine_days: int  # the start day is day 1, today included; 0 before the start
    sessions: int  # completed sessions from the start to today
    target_per_week: int
    weeks_on_target: int  # among the full weeks
    full_weeks: int  # ISO weeks lying wholly between the start day and today
    baseline_mean: float | None  # all scores from the start day to 6 days later
    recent_mean: float | None  # all scores of the last 7 days, today included
    change_points: float | None  # recent minus baseline: negative is less sore
    change_percent: float | None  # the same, as a percentage of the baseline
    meaningful: bool  # an improvement of at least 2 points or 30%
    waiting_for: str | None  # the data still missing, in words; None when complete

    @property
    def on_target_most_weeks(self) -> bool:
        return self.weeks_on_target * 2 > self.full_weeks

    @property
    def still_sore(self) -> bool:
        return self.recent_mean is not None and self.recent_mean >= STILL_SORE_MEAN

    @property
    def see_physical_therapist(self) -> bool:
        enough = self.waiting_for is None and self.on_target_most_weeks
        return enough and self.still_sore and not self.meaningful


def assess(
    sessions: Iterable[SessionLike],
    soreness: Iterable[SorenessEntry],
    schedule: Sequence[str],
    today: dt.date,
) -> Assessment:
    counted = [s for s in sessions if counts(s) and s.local_day <= today]
    days = session_days(counted, today)
    target = weekly_target(schedule)
    scores = [e for e in soreness if e.local_day <= today]
    recent = _mean(e.score for e in scores if e.local_day > today - _WEEK)
    start = min(days, default=None)
    if start is None:
        missing = "a first completed session"
        return Assessment(None, 0, 0, target, 0, 0, None, recent, None, None, False, missing)
    routine_days = (today - start).days + 1
    baseline = _mean(e.score for e in scores if start <= e.local_day < start + _WEEK)
    per_week = days_per_week(days)
    weeks = full_weeks(start, today)
    points = percent = None
    if baseline is not None and recent is not None:
        points = recent - baseline
        percent = points / baseline * 100 if baseline else None
    meaningful = points is not None and (
        -points >= MEANINGFUL_POINTS - _TOLERANCE
        or (percent is not None and -percent >= MEANINGFUL_PERCENT - _TOLERANCE)
    )
    weeks_wanted = ROUTINE_DAYS_BEFORE_THERAPIST // WINDOW_DAYS
    days_wanted = (
        f"{weeks_wanted} weeks of the routine (day {routine_days} of "
        f"{ROUTINE_DAYS_BEFORE_THERAPIST})"
    )
    wanted = [
        (routine_days < ROUTINE_DAYS_BEFORE_THERAPIST, days_wanted),
        (baseline is None, "a soreness score in the first week of the routine"),
        (recent is None, "a soreness score in the last 7 days"),
    ]
    return Assessment(
        start=start,
        routine_days=routine_days,
        sessions=len(counted),
        target_per_week=target,
        weeks_on_target=sum(1 for monday in weeks if per_week[monday] >= target),
        full_weeks=len(weeks),
        baseline_mean=baseline,
        recent_mean=recent,
        change_points=points,
        change_percent=percent,
        meaningful=meaningful,
        waiting_for=_and([words for lacking, words in wanted if lacking]),
    )


def advise(
    routine: Routine,
    schedule: Sequence[str],
    sessions: Iterable[SessionLike],
    soreness: Iterable[SorenessEntry],
    levels: Iterable[LevelChange],
    today: dt.date,
    *,
    checked_in: bool = False,
    suggestions: Sequence[Suggestion] | None = None,
    assessment: Assessment | None = None,
) -> list[Advice]:
    """Every notice that applies today, most important first: red flag, physical
    therapist, steps back, steps up (both in routine order), then check-ins.

    `checked_in` says the runner has answered or dismissed today's morning check-in;
    while it is False and `needs_check_in` holds, a CHECK_IN notice asks for a
    next-morning score. `suggestions`, when given, are the hold suggestions already
    worked out from sessions with their reps (`sessions` may then be marks);
    without them, suggestions are worked out from the full Sessions in `sessions`.
    `assessment`, when given, is `assess` of the same sessions and scores.
    """
    session_list = list(sessions)
    scores = list(soreness)
    found = []
    flagged = red_flag(scores, today)
    if flagged is not None:
        found.append(flagged)
    if assessment is None:
        assessment = assess(session_list, scores, schedule, today)
    if assessment.see_physical_therapist:
        a = assessment
        message = (
            f"{a.routine_days // WINDOW_DAYS} weeks of the routine, {a.sessions} sessions; "
            f"last 7 days average {a.recent_mean:.1f}, first week {a.baseline_mean:.1f}: "
            "no meaningful improvement. Consider seeing a physical therapist."
        )
        found.append(Advice(AdviceKind.SEE_PHYSICAL_THERAPIST, message))
    if suggestions is None:
        suggestions = suggest(routine, levels, full_sessions(session_list), scores)
    # Steps back before steps up (easing off matters more), each in routine order.
    for s in sorted(suggestions, key=lambda s: s.kind is SuggestionKind.PROGRESS):
        verb = "step up" if s.kind is SuggestionKind.PROGRESS else "step back"
        name = routine.exercise(s.exercise).name
        message = f"{name}: {verb} from {s.from_s} s to {s.to_s} s holds ({s.reason})."
        found.append(Advice(AdviceKind(s.kind.value), message))
    unsettled = not_settled(scores, today)
    if unsettled is not None:
        found.append(unsettled)
    if not checked_in and needs_check_in(session_list, scores, today, None):
        found.append(Advice(AdviceKind.CHECK_IN, CHECK_IN_PROMPT))
    return found


def red_flag(soreness: Iterable[SorenessEntry], today: dt.date) -> Advice | None:
    """The red-flag notice for the latest score of the last 7 days that is 8 or more
    or carries a red-flag symptom; None without one. It stays for as long as such a
    score is in the window."""
    window = [e for e in soreness if today - _WEEK < e.local_day <= today]
    flagged = [e for e in window if e.score >= RED_FLAG_SCORE or e.flags]
    if not flagged:
        return None
    latest = max(flagged, key=lambda e: e.logged_at)
    what = f"a score of {latest.score}/10"
    if latest.flags:
        what += " with " + ", ".join(_FLAG_WORDS[f] for f in latest.flags)
    knee = "both knees" if latest.knee is Knee.BOTH else f"the {latest.knee.value} knee"
    also = f" ({len(flagged)} such scores in the last 7 days)" if len(flagged) > 1 else ""
    return Advice(
        AdviceKind.RED_FLAG,
        f"Have your knee seen promptly: {what} for {knee} {_day_words(latest.local_day, today)}"
        f"{also}. A score of {RED_FLAG_SCORE} or more, swelling, locking, giving way or not "
        "being able to bear weight needs a doctor or a physical therapist to look at it.",
    )


def not_settled(soreness: Iterable[SorenessEntry], today: dt.date) -> Advice | None:
    """The CHECK_IN notice when the latest next-morning score of today or yesterday is
    higher than the latest other score of the day before it: soreness that has not
    settled by the next morning (pain-monitoring model)."""
    scores = sorted(soreness, key=lambda e: e.logged_at)
    yesterday = today - dt.timedelta(1)
    mornings = [e for e in scores if e.context is Context.NEXT_MORNING]
    mornings = [e for e in mornings if e.local_day in (today, yesterday)]
    if not mornings:
        return None
    morning = mornings[-1]
    others = [e for e in scores if e.context is not Context.NEXT_MORNING]
    before = [e for e in others if e.local_day == morning.local_day - dt.timedelta(1)]
    if not before or morning.score <= before[-1].score:
        return None
    evening = before[-1]
    this_morning = morning.local_day == today
    when = "this morning" if this_morning else "yesterday morning"
    if evening.context is Context.AFTER_RUN:
        than = "after yesterday's run" if this_morning else "after the run the day before"
    else:
        than = "yesterday" if this_morning else "the day before"
    return Advice(
        AdviceKind.CHECK_IN,
        f"Your knees were sorer {when} ({morning.score}) than {than} ({evening.score}): "
        "soreness should settle by the next morning; take the next run easier.",
    )


def needs_check_in(
    sessions: Iterable[SessionLike],
    soreness: Iterable[SorenessEntry],
    today: dt.date,
    dismissed_on: dt.date | None,
) -> bool:
    """Whether to ask for a next-morning score: yesterday had a completed session or
    an after-run score, nothing is logged as next-morning today, and the runner has
    not dismissed the question today."""
    if dismissed_on == today:
        return False
    yesterday = today - dt.timedelta(1)
    scores = list(soreness)
    if any(e.context is Context.NEXT_MORNING and e.local_day == today for e in scores):
        return False
    trained = any(s.local_day == yesterday and counts(s) for s in sessions)
    ran = any(e.context is Context.AFTER_RUN and e.local_day == yesterday for e in scores)
    return trained or ran


def _mean(values: Iterable[int]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def _day_words(day: dt.date, today: dt.date) -> str:
    if day == today:
        return "today"
    if day == today - dt.timedelta(1):
        return "yesterday"
    return f"on {WEEKDAY_NAMES[WEEKDAYS[day.weekday()]]} {day.isoformat()}"


def _and(items: Sequence[str]) -> str | None:
    """Items as words: a; a and b; a, b and c. None for no items."""
    if len(items) <= 1:
        return items[0] if items else None
    return ", ".join(items[:-1]) + " and " + items[-1]
