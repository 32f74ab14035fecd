"""The advice: one ranked list that the dashboard, the stats screen and `kneetui
stats` all show, so they cannot disagree.

Ranked: red flag > see a physical therapist > step back > hold > step up, then the
spike warning (about the next run, not the routine: it silences no verdict and no
verdict silences it), then the check-ins. Each exercise has one verdict at most
(`progression`), and a step up is never given while a red flag or the
physical-therapist notice stands: the exercise says "hold" instead, with the
reason. Every item names the rule that gave it (`rules.RULES`) and the figures it
used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from kneetui.domain.knees import KNEES, TOLERANCE, WINDOW_DAYS, day_scores, last_days_mean, owner
from kneetui.domain.models import Context, Knee, SorenessEntry
from kneetui.domain.progression import Against, Suggestion, SuggestionKind, ease_off
from kneetui.domain.red_flags import SEVERE, SYMPTOM, RedFlag, severe_message, symptom_message
from kneetui.domain.routine import Routine
from kneetui.domain.settling import Morning, judge_morning, score_text
from kneetui.domain.soreness import Band, band
from kneetui.domain.text import plural
from kneetui.domain.therapist import Assessment

NOT_MEDICAL_ADVICE = (
    "Not medical advice: kneetui cannot examine your knee. "
    "If in doubt, see a physical therapist or a doctor."
)


_DAY = dt.timedelta(days=1)


class AdviceKind(StrEnum):
    RED_FLAG = "red-flag"
    SEE_PHYSICAL_THERAPIST = "see-physical-therapist"
    STEP_BACK = "step-back"
    HOLD = "hold"
    PROGRESS = "progress"
    SPIKE = "spike"
    CHECK_IN = "check-in"


class Advice(NamedTuple):
    kind: AdviceKind
    message: str  # plain text, no markup, understandable on its own
    rule: str  # the id of the rule that gave it
    figures: dict[str, Any]  # the figures the rule used, for `stats --json`
    exercise: str | None = None  # for the hold verdicts


def red_flag_advice(flags: Sequence[RedFlag], today: dt.date) -> list[Advice]:
    found = []
    for rule, words in ((SYMPTOM, symptom_message), (SEVERE, severe_message)):
        these = [f for f in flags if f.rule == rule]
        if these:
            latest = these[-1].entry
            figures = {
                "score": latest.score,
                "knee": these[-1].knee.value,
                "day": latest.local_day.isoformat(),
                "flags": [f.value for f in latest.flags],
                "standing": len(these),
            }
            found.append(Advice(AdviceKind.RED_FLAG, words(these, today), rule, figures))
    return found


def therapist_advice(a: Assessment) -> Advice | None:
    if not a.see_physical_therapist:
        return None
    f = a.figures
    assert f.baseline_mean is not None and f.recent_mean is not None and f.words is not None
    who = "" if a.knee is Knee.BOTH else f"{owner(a.knee)}: "
    weeks = a.routine_days // WINDOW_DAYS
    message = (
        f"{who}{plural(weeks, 'week')} of the routine, {plural(a.sessions, 'session')}, and "
        f"the last 7 days still average {f.recent_mean:.1f}: {f.words}. "
    )
    if a.low_adherence:
        message += (
            f"The routine was on target in {a.weeks_on_target} of "
            f"{plural(a.full_weeks, 'full week')}: do it regularly, or see a physical therapist."
        )
    else:
        message += "Consider seeing a physical therapist."
    figures = {
        "knee": a.knee.value,
        "routine_days": a.routine_days,
        "baseline_mean": round(f.baseline_mean, 2),
        "last_7_days_mean": round(f.recent_mean, 2),
        "change_points": None if f.change_points is None else round(f.change_points, 2),
        "weeks_on_target": a.weeks_on_target,
        "full_weeks": a.full_weeks,
        "low_adherence": a.low_adherence,
    }
    return Advice(AdviceKind.SEE_PHYSICAL_THERAPIST, message, "see-physical-therapist", figures)


def weekly_rise(
    soreness: Sequence[SorenessEntry], today: dt.date
) -> tuple[Knee, float, float] | None:
    """The knee whose mean of the last 7 days rose most on the 7 days before; None
    when neither rose. A rise that stays in the safe band (a mean that rounds to 2
    or less) is not counted: the pain-monitoring model watches the pain it allows."""
    rises = []
    for knee in KNEES:
        days = day_scores(soreness, knee)
        now = last_days_mean(days, today)
        before = last_days_mean(days, today, weeks_back=1)
        if now is None or before is None or band(now) is Band.SAFE:
            continue
        if now > before + TOLERANCE:
            rises.append((now - before, knee, before, now))
    if not rises:
        return None
    if len(rises) == 2 and rises[0][2:] == rises[1][2:]:
        _, _, before, now = rises[0]
        return Knee.BOTH, before, now
    _, knee, before, now = max(rises, key=lambda r: r[0])
    return knee, before, now


def against_step_up(
    flags: Sequence[RedFlag],
    assessment: Assessment,
    soreness: Sequence[SorenessEntry],
    latest: Morning | None,
    today: dt.date,
) -> Against:
    notice = None
    if flags:
        notice = "a red-flag notice"
    elif assessment.see_physical_therapist:
        notice = "the physical-therapist notice"
    morning = None
    if latest is not None and latest.settled is False and latest.before is not None:
        morning = (latest.knee, latest.day, latest.morning, latest.before)
    return Against(notice, weekly_rise(soreness, today), morning)


def verdict_advice(routine: Routine, verdicts: Iterable[Suggestion]) -> list[Advice]:
    """Steps back, then holds, then steps up, each in routine order."""
    order = {SuggestionKind.STEP_BACK: 0, SuggestionKind.HOLD: 1, SuggestionKind.PROGRESS: 2}
    found = []
    for v in sorted(verdicts, key=lambda v: order[v.kind]):
        exercise = routine.exercise(v.exercise)
        name = exercise.name
        if v.kind is SuggestionKind.PROGRESS:
            message = f"{name}: step up from {v.from_s} s to {v.to_s} s holds ({v.reason})."
        elif v.kind is SuggestionKind.HOLD:
            message = f"{name}: hold at {v.from_s} s ({v.reason})."
        elif v.to_s == v.from_s:
            message = (
                f"{name}: ease off, already at the shortest hold ({v.from_s} s): "
                f"{ease_off(exercise, v.rule)} ({v.reason})."
            )
        else:
            message = f"{name}: step back from {v.from_s} s to {v.to_s} s holds ({v.reason})."
        figures = {"from_s": v.from_s, "to_s": v.to_s, **v.figures}
        found.append(Advice(AdviceKind(v.kind.value), message, v.rule, figures, v.exercise))
    return found


def not_settled(soreness: Iterable[SorenessEntry], today: dt.date) -> Advice | None:
    """The check-in notice when this morning's (or, without one, yesterday
    morning's) next-morning score has not settled."""
    scores = list(soreness)
    for day in (today, today - _DAY):
        morning = judge_morning(scores, day)
        if morning is None:
            continue
        if morning.settled is not False or morning.before is None:
            return None
        this_morning = day == today
        when = "this morning" if this_morning else "yesterday morning"
        if morning.after_run:
            than = "after yesterday's run" if this_morning else "after the run the day before"
        else:
            than = "yesterday" if this_morning else "the day before"
        message = (
            f"{owner(morning.knee)} had not settled {when} ({score_text(morning.morning)}, "
            f"against {score_text(morning.before)} {than}): soreness should settle by the next "
            "morning; take the next run easier."
        )
        figures = {
            "knee": morning.knee.value,
            "day": day.isoformat(),
            "morning": round(morning.morning, 2),
            "day_before": round(morning.before, 2),
        }
        return Advice(AdviceKind.CHECK_IN, message, "check-in-not-settled", figures)
    return None


def needs_check_in(
    counted_days: Iterable[dt.date],
    soreness: Iterable[SorenessEntry],
    today: dt.date,
    dismissed_on: dt.date | None,
) -> bool:
    """Whether to ask for a next-morning score: yesterday had a counted session or
    an after-run score, nothing is logged as next-morning today, and the runner has
    not dismissed the question today."""
    if dismissed_on == today:
        return False
    scores = list(soreness)
    if any(e.context is Context.NEXT_MORNING and e.local_day == today for e in scores):
        return False
    return bool(check_in_after(counted_days, scores, today))


def check_in_after(
    counted_days: Iterable[dt.date], soreness: Iterable[SorenessEntry], today: dt.date
) -> str:
    """What yesterday had that the morning check-in asks about, in the app's words:
    "session" (a counted routine session), "run" (an after-run score), "run and
    session", or "" for neither."""
    yesterday = today - _DAY
    trained = yesterday in set(counted_days)
    ran = any(e.context is Context.AFTER_RUN and e.local_day == yesterday for e in soreness)
    return " and ".join(word for word, had in (("run", ran), ("session", trained)) if had)


def check_in_prompt(after: str) -> str:
    """The coaching line while the check-in waits; `after` as check_in_after says."""
    return (
        f"After yesterday's {after}: log how your knees feel this morning "
        "(soreness should settle by the next morning)."
    )


def check_in_advice(after: str) -> Advice:
    return Advice(AdviceKind.CHECK_IN, check_in_prompt(after), "check-in-morning", {})
