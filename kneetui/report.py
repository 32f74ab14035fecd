"""Plain-text views for the command line: history, routine, sessions and stats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from kneetui.domain.adherence import adherence_words, dated_strip
from kneetui.domain.advice import NOT_MEDICAL_ADVICE
from kneetui.domain.after_runs import TOO_FEW, AfterRuns
from kneetui.domain.coaching import Coaching
from kneetui.domain.models import Knee, SorenessEntry
from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS, Routine
from kneetui.domain.sessions import SessionLine
from kneetui.domain.soreness import band
from kneetui.domain.text import visible
from kneetui.domain.therapist import KneeFigures


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def history_table(entries: Sequence[SorenessEntry], zone: dt.tzinfo | None) -> str:
    """Scores as an aligned table, newest first as given. Notes are shown as typed;
    control characters appear as escapes so they cannot act on the terminal.
    Times are shown in `zone`, or with None in the machine's local zone as it was
    at each moment (daylight saving included)."""
    header = ("When", "Score", "Band", "Knee", "Context", "km", "min", "Flags", "Note")
    rows = [
        (
            entry.logged_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            f"{entry.score}/10",
            band(entry.score).value,
            entry.knee.value,
            entry.context.value,
            _number(entry.run_km),
            _number(entry.run_minutes),
            ",".join(f.value for f in entry.flags),
            visible(entry.note),
        )
        for entry in entries
    ]
    return _aligned(header, rows)


def _aligned(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, except the last, which runs free (a
    long note does not widen every row)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def routine_text(
    routine: Routine,
    holds: Mapping[str, int],
    schedule: Sequence[str],
    today: dt.date,
) -> str:
    """Today's routine: each exercise with what it strengthens, equipment, how to
    do it, reps and the current hold."""
    weekday = WEEKDAYS[today.weekday()]
    days = ", ".join(WEEKDAY_NAMES[d] for d in schedule)
    status = "a routine day" if weekday in schedule else f"a rest day (routine days: {days})"
    lines = [f"{routine.name}", f"Today, {today:%a %d %b %Y}, is {status}.", ""]
    for number, exercise in enumerate(routine.exercises, start=1):
        hold = exercise.hold_step(holds.get(exercise.id))
        ladder = " → ".join(f"{s} s" for s in exercise.hold_ladder)
        between = (
            f"lower and switch legs ({exercise.between_s} s)"
            if exercise.between.value == "switch"
            else f"rest {exercise.between_s} s"
        )
        lines += [
            f"{number}. {exercise.name}: hold {hold} s, {exercise.side_words}",
            f"   Strengthens: {exercise.strengthens}",
            f"   Equipment:   {exercise.equipment}",
            f"   Setup:       {exercise.setup}",
            *(f"   - {step}" for step in exercise.steps),
            f"   Between reps: {between}. Hold ladder: {ladder}.",
            "",
        ]
    lines.append(routine.advice)
    lines.append("kneetui is not medical advice.")
    return "\n".join(lines)


def sessions_table(lines: Sequence[SessionLine], routine: Routine, zone: dt.tzinfo | None) -> str:
    """Past sessions, newest first: when, status, reps per exercise, time held."""
    header = ("When", "Status", *(e.id for e in routine.exercises), "Held")
    rows = [
        (
            line.started_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            line.status.value,
            *(str(line.reps_per_exercise.get(e.id, 0)) for e in routine.exercises),
            f"{line.held_s / 60:.1f} min",
        )
        for line in lines
    ]
    return _aligned(header, rows)


def stats_document(
    coaching: Coaching, routine: Routine, after_runs: AfterRuns | None = None
) -> dict[str, Any]:
    """`kneetui stats --json`: the same figures the dashboard shows, and how
    soreness followed load when `after_runs` is given."""
    a, s = coaching.adherence, coaching.assessment
    document = {
        "adherence": {
            "sessions_this_week": a.sessions_this_week,
            "target_per_week": a.target_per_week,
            "weeks_on_target_in_a_row": a.weeks_on_target_in_a_row,
            "days_since_last_session": a.days_since_last_session,
            "last_session_day": _day(a.last_session_day),
        },
        "soreness": {
            "routine_start": _day(s.start),
            "routine_days": s.routine_days,
            "sessions": s.sessions,
            "weeks_on_target": s.weeks_on_target,
            "full_weeks": s.full_weeks,
            "low_adherence": s.low_adherence,
            # The figures of the knee the rules act on ("both" when the knees agree).
            "knee": s.knee.value,
            "last_7_days_mean": _rounded(s.recent_mean),
            "baseline_mean": _rounded(s.baseline_mean),
            "baseline_start": _day(s.figures.baseline_start),
            "change_points": _rounded(s.change_points),
            "change_percent": _rounded(s.change_percent),
            "meaningful": s.meaningful,
            "change": s.figures.words,
            "see_physical_therapist": s.see_physical_therapist,
            "waiting_for": s.waiting_for,
            "knees": {f.knee.value: _knee_document(f) for f in s.knees},
        },
        "weekly": [
            {
                "week": w.monday.isoformat(),
                "mean": _rounded(w.mean),
                "scores": w.scores,
                "left": _rounded(w.left),
                "right": _rounded(w.right),
            }
            for w in coaching.weekly
        ],
        "holds": {e.id: coaching.holds[e.id] for e in routine.exercises},
        "red_flags": [
            {
                "rule": flag.rule,
                "uuid": flag.entry.uuid,
                "day": flag.entry.local_day.isoformat(),
                "score": flag.entry.score,
                "knee": flag.knee.value,
                "flags": [f.value for f in flag.entry.flags],
            }
            for flag in coaching.red_flags
        ],
        "advice": [
            {
                "kind": item.kind.value,
                "rule": item.rule,
                "exercise": item.exercise,
                "message": item.message,
                "figures": item.figures,
            }
            for item in coaching.advice
        ],
        "not_medical_advice": NOT_MEDICAL_ADVICE,
    }
    if after_runs is not None:
        document["soreness_after_runs"] = after_runs_document(after_runs)
    return document


def after_runs_document(found: AfterRuns) -> dict[str, Any]:
    return {
        "morning": "the next local day's next-morning scores, worse knee",
        "spike_runs": {"n": found.spike.n, "mean": _rounded(found.spike.mean)},
        "other_runs": {"n": found.other.n, "mean": _rounded(found.other.mean)},
        "means_words": found.means_words,
        "spearman": {
            "rho": _rounded(found.correlation.rho),
            "n": found.correlation.n,
            "words": found.correlation_words,
        },
        "too_few_below": TOO_FEW,
    }


def _knee_document(f: KneeFigures) -> dict[str, Any]:
    return {
        "baseline_start": _day(f.baseline_start),
        "baseline_mean": _rounded(f.baseline_mean),
        "last_7_days_mean": _rounded(f.recent_mean),
        "change_points": _rounded(f.change_points),
        "change_percent": _rounded(f.change_percent),
        "meaningful": f.meaningful,
        "change": f.words,
    }


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def stats_text(coaching: Coaching, routine: Routine, after_runs: AfterRuns | None = None) -> str:
    a, s = coaching.adherence, coaching.assessment
    lines = [
        "Adherence",
        f"  {adherence_words(a)}.",
        *(f"  {row}" for row in dated_strip(coaching.strip)),
        "",
        "Soreness (per knee; a score for both knees counts for each)",
    ]
    for f in s.knees:
        lines.append(
            f"  {f.knee.value.capitalize()} knee: last 7 days {_mean_words(f.recent_mean)}; "
            f"first week of scores{_baseline_words(f.baseline_mean)}."
        )
    f = s.figures
    if f.change_points is not None and f.words is not None:
        percent = "" if f.change_percent is None else f", {f.change_percent:+.0f}%"
        who = "" if s.knee is Knee.BOTH else f" ({s.knee.value} knee)"
        lines.append(f"  Change{who}: {f.change_points:+.1f} points{percent}: {f.words}.")
    if s.waiting_for:
        lines.append(f"  Waiting for {s.waiting_for} before judging progress.")
    lines.append(
        "  Weekly means (worse knee): "
        + "  ".join(
            f"{w.monday:%d %b} {'–' if w.mean is None else f'{w.mean:.1f}'}"
            for w in coaching.weekly[-6:]
        )
    )
    if after_runs is not None:
        lines += ["", *after_runs_lines(after_runs)]
    lines += ["", "Holds"]
    lines += [f"  {e.name}: {coaching.holds[e.id]} s" for e in routine.exercises]
    lines += ["", "Advice"]
    lines += [f"  [{item.kind.value}] {item.message}" for item in coaching.advice] or [
        "  Nothing to act on."
    ]
    lines += ["", NOT_MEDICAL_ADVICE]
    return "\n".join(lines)


def after_runs_lines(found: AfterRuns) -> list[str]:
    """How soreness followed load, in words, with n for every figure."""
    lines = ["Soreness after runs (the next morning, worse knee)"]
    if not found.pairs:
        return [*lines, "  No run with a next-morning score the day after it yet."]
    spike, other, (n, rho) = found.spike, found.other, found.correlation
    lines += [
        f"  After spike runs: {_group_words(spike.mean, spike.n)}; "
        f"after other runs: {_group_words(other.mean, other.n)}.",
        f"  {found.means_words.capitalize()}.",
        "  Run distance against next-morning soreness: Spearman's rho "
        f"{'–' if rho is None else f'{rho:+.2f}'} (n = {n}).",
        f"  {found.correlation_words.capitalize()}.",
    ]
    if n >= TOO_FEW:
        lines.append("  A link is not proof that one causes the other.")
    return lines


def _group_words(mean: float | None, n: int) -> str:
    return "no runs (n = 0)" if mean is None else f"average {mean:.1f} (n = {n})"


def _mean_words(mean: float | None) -> str:
    return "no scores" if mean is None else f"average {mean:.1f} ({band(mean).value})"


def _baseline_words(mean: float | None) -> str:
    """The first week's figure, which counts from the routine's first session: a
    runner with scores and no session yet has none, not "no scores"."""
    return ": none yet" if mean is None else f" {_mean_words(mean)}"


def routine_document(
    routine: Routine,
    holds: Mapping[str, int],
    schedule: Sequence[str],
    today: dt.date,
) -> dict[str, Any]:
    """`kneetui routine --json`: the routine as `routine_text` shows it."""
    return {
        "name": routine.name,
        "today": today.isoformat(),
        "routine_day": WEEKDAYS[today.weekday()] in schedule,
        "schedule": list(schedule),
        "exercises": [
            {
                "id": e.id,
                "name": e.name,
                "hold_s": e.hold_step(holds.get(e.id)),
                "hold_ladder": list(e.hold_ladder),
                "reps": e.reps,
                "sides": e.sides.value,
                "between": e.between.value,
                "between_s": e.between_s,
                "strengthens": e.strengthens,
                "equipment": e.equipment,
                "setup": e.setup,
                "steps": list(e.steps),
            }
            for e in routine.exercises
        ],
        "advice": routine.advice,
        "not_medical_advice": NOT_MEDICAL_ADVICE,
    }
