"""Plain-text views for the command line: the history table and today's routine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from kneetui.domain.models import SorenessEntry
from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS, Routine
from kneetui.domain.sessions import SessionLine
from kneetui.domain.soreness import band
from kneetui.domain.text import visible


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def history_table(entries: Sequence[SorenessEntry], zone: dt.tzinfo | None) -> str:
    """Scores as an aligned table, newest first as given. Notes are shown as typed;
    control characters appear as escapes so they cannot act on the terminal."""
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
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )
