"""The report in words: titled sections of lines and tables, shared by the
Markdown, HTML and PDF renderers so the three say the same thing in the same
order. Plain text only; each renderer escapes it for its own format.
"""

from __future__ import annotations

from typing import NamedTuple

from kneetui.domain.handout import (
    NO_DATA,
    Handout,
    HoldRow,
    change_text,
    day_text,
    mean_text,
)
from kneetui.domain.text import plural

SCALE = (
    "Scores are self-reported on a 0–10 scale (0 none, 10 worst imaginable): "
    "0–2 safe, 3–5 acceptable, 6–10 too much."
)


class Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative column widths, for the PDF.
    widths: tuple[float, ...]


class Section(NamedTuple):
    title: str
    lines: tuple[str, ...] = ()
    table: Table | None = None
    after: tuple[str, ...] = ()  # lines under the table


class Page(NamedTuple):
    title: str
    lines: tuple[str, ...]  # under the title
    chart_title: str
    chart_note: str  # what the chart shows, in words
    sections: tuple[Section, ...]
    disclaimer: str


def title_of(h: Handout) -> str:
    return f"Knee soreness report, {day_text(h.start)} – {day_text(h.end)}"


def page_of(h: Handout) -> Page:
    weeks, rest = divmod(h.days, 7)
    span = plural(weeks, "week") + (f" {plural(rest, 'day')}" if rest else "")
    chart = h.chart
    if chart.empty:
        chart_note = f"{NO_DATA}: no soreness score and no session in these days."
    else:
        grouped = (
            f" Each point is the mean of {chart.bucket_days} days." if chart.bucket_days > 1 else ""
        )
        chart_note = (
            "Daily mean score of each knee (a score for both knees counts for each), the "
            "worse knee's 7-day mean, routine session days (ticks along the bottom) and "
            f"the band limits 3 and 6.{grouped}"
        )
    return Page(
        title=title_of(h),
        lines=(f"{span}, from {h.start.isoformat()} to {h.end.isoformat()}. {SCALE}",),
        chart_title="Soreness trend",
        chart_note=chart_note,
        sections=(
            _soreness(h),
            _weekly(h),
            _holds(h),
            _flags(h),
            _notes(h),
            _advice(h),
        ),
        disclaimer=h.disclaimer,
    )


def _soreness(h: Handout) -> Section:
    title = "Soreness: first week of scores and last 7 days"
    if all(k.baseline is None and k.recent is None for k in h.knees):
        return Section(title, (f"{NO_DATA}: no soreness score yet.",))
    rows = tuple(
        (
            k.knee,
            mean_text(k.baseline),
            "–" if k.baseline_start is None else k.baseline_start.isoformat(),
            mean_text(k.recent),
            change_text(k),
            k.words or "–",
        )
        for k in h.knees
    )
    after = []
    if h.worse_knee != "both":
        after.append(f"The rules act on the worse knee: the {h.worse_knee} knee.")
    if h.waiting_for:
        after.append(f"Waiting for {h.waiting_for} before judging progress.")
    table = Table(
        ("Knee", "First week", "From", "Last 7 days", "Change", "In words"),
        rows,
        (0.7, 1.8, 1.3, 1.6, 1.7, 5.4),
    )
    return Section(title, (), table, tuple(after))


def _weekly(h: Handout) -> Section:
    """Adherence and run load, week by week, side by side: the dose beside the load."""
    lines = [f"Schedule: {h.schedule_words}. {h.adherence_line}."]
    if not any(r.sessions for r in h.adherence):
        lines.append(f"Sessions: {NO_DATA.lower()}, no completed session in these weeks.")
    if h.runs is None:
        lines.append(f"Run load: {NO_DATA.lower()}, no run in these weeks.")
    runs = h.runs or (None,) * len(h.adherence)
    rows = tuple(
        (
            a.week.label,
            f"{a.sessions} of {a.target}",
            "yes" if a.sessions >= a.target else "no",
            *(
                ("–", "–", "–", "–")
                if r is None
                else (
                    str(r.runs),
                    f"{r.km:.1f}",
                    "–" if r.longest_km is None else f"{r.longest_km:.1f}",
                    str(r.spikes),
                )
            ),
        )
        for a, r in zip(h.adherence, runs, strict=True)
    )
    table = Table(
        ("Week of", "Sessions", "On target", "Runs", "km", "Longest km", "Spike runs"),
        rows,
        (3.4, 1.3, 1.2, 0.9, 1.0, 1.3, 1.3),
    )
    after = (
        "Sessions: days with a counted session (completed, at least half of its holds). "
        "A spike run is over 10% longer than the longest run of the 30 days before it "
        "(Frandsen et al., BJSM 2025).",
    )
    return Section("Week by week: adherence and run load", tuple(lines), table, after)


def _hold_changes(row: HoldRow) -> str:
    if not row.changes:
        return "no change"
    earlier = f"{row.earlier_changes} earlier, " if row.earlier_changes else ""
    return earlier + ", ".join(f"{s} s on {d.isoformat()}" for d, s in row.changes)


def _holds(h: Handout) -> Section:
    rows = tuple(
        (
            row.exercise,
            f"{row.at_start} s",
            _hold_changes(row),
            f"{row.current} s",
            " → ".join(str(s) for s in row.ladder) + " s",
        )
        for row in h.holds
    )
    table = Table(
        ("Exercise", "At the start", "Changes", "Now", "Ladder"), rows, (2.6, 1.3, 4.2, 0.9, 1.8)
    )
    return Section("Holds of each exercise", (), table)


def _flags(h: Handout) -> Section:
    title = "Red flags (swelling, locking, giving way, not bearing weight, or a score of 8+)"
    if not h.flags:
        return Section(title, (f"{NO_DATA}: no red flag logged in these weeks.",))
    rows = tuple((f.day.isoformat(), f.knee, f"{f.score}/10", f.what, f.status) for f in h.flags)
    after = (f"And {plural(h.more_flags, 'earlier red flag')}.",) if h.more_flags else ()
    table = Table(("Day", "Knee", "Score", "What", "Since"), rows, (1.6, 0.9, 0.9, 3.0, 3.2))
    return Section(title, (), table, after)


def _notes(h: Handout) -> Section:
    title = "Notes of scores of 6 or more"
    if h.notes is None:
        return Section(title, ("Left out of this report.",))
    if not h.notes:
        return Section(title, (f"{NO_DATA}: no note with a score of 6 or more.",))
    rows = tuple((n.day.isoformat(), n.knee, f"{n.score}/10", n.note) for n in h.notes)
    after = (f"And {plural(h.more_notes, 'earlier note')}.",) if h.more_notes else ()
    table = Table(("Day", "Knee", "Score", "Note"), rows, (1.6, 0.9, 0.9, 8.0))
    return Section(title, (), table, after)


def _advice(h: Handout) -> Section:
    title = "Current advice (rule ids as in kneetui's docs/coaching.md)"
    if not h.advice:
        return Section(title, ("Nothing to act on.",))
    return Section(title, tuple(f"[{a.rule}] {a.message}" for a in h.advice))
