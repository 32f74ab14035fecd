"""A score "after run" and the run it is about.

The link is computed, never stored: a score with context after-run belongs to
the run that ended last within the 12 hours before it (`runs.run_before`), so
a run imported later, or deleted, changes the link with no score rewritten.
Hours are counted in UTC, so a change of the clocks for daylight saving
neither stretches nor shortens the 12 hours.

When the runner gives no distance or time, the score takes the linked run's
(`prefilled`); a score that gives a distance with no run behind it becomes a
run of its own (`run_from_score`), so the runs table stays the one record of
runs.

Pure: no clock, no disk; the zone to show times in is passed in (None: the
machine's local zone, as `astimezone` reads it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import uuid as uuid_module
from collections.abc import Iterable, Sequence

from kneetui.domain.models import Context, SorenessEntry, utc_text
from kneetui.domain.runs import AFTER_RUN_LINK, MAX_RUN_MINUTES, Run, RunSource, run_before
from kneetui.domain.soreness import describe

# How long before a score a linked run may have started: it ended within the 12
# hours, and no run lasts longer than MAX_RUN_MINUTES. Runs are read by their
# start (the indexed column), so this is the window to read.
LINK_LOOKBACK = AFTER_RUN_LINK + dt.timedelta(minutes=MAX_RUN_MINUTES)

# The namespace of the uuids of runs made from a score's distance: the same one
# schema step 0004_runs uses for the scores it migrated (a migration is frozen,
# so it keeps its own copy), so a run made from a score has one uuid everywhere.
RUN_FROM_SCORE = uuid_module.UUID("4f6b1b8e-2c55-4c1e-9d0e-6c0f3f1d2a7b")


def linked_run(entry: SorenessEntry, runs: Sequence[Run]) -> Run | None:
    """The run an after-run score is about; None for any other context, or
    with no run ended in the 12 hours before it."""
    if entry.context is not Context.AFTER_RUN:
        return None
    return run_before(runs, entry.logged_at)


def links(entries: Iterable[SorenessEntry], runs: Sequence[Run]) -> dict[str, Run]:
    """`linked_run` for many scores at once, by score uuid (scores with no run
    left out): one sort and a binary search each, not a scan per score."""
    ordered = sorted(runs, key=lambda r: (r.ended_at, r.uuid))
    ends = [r.ended_at for r in ordered]
    found = {}
    for entry in entries:
        if entry.context is not Context.AFTER_RUN:
            continue
        # The last run that ended at or before the score (the largest uuid of a
        # tie, as run_before picks), if it ended within the 12 hours.
        index = bisect.bisect_right(ends, entry.logged_at) - 1
        if index >= 0 and ends[index] >= entry.logged_at - AFTER_RUN_LINK:
            found[entry.uuid] = ordered[index]
    return found


def prefilled(entry: SorenessEntry, run: Run | None) -> SorenessEntry:
    """`entry` with the run's distance and time, when the runner gave neither."""
    if run is None or entry.run_km is not None or entry.run_minutes is not None:
        return entry
    return entry._replace(run_km=_km(run.distance_km), run_minutes=_minutes(run.minutes))


def prefill_text(run: Run) -> tuple[str, str]:
    """The run's distance and minutes as the log form's fields show them."""
    minutes = _minutes(run.minutes)
    return f"{_km(run.distance_km):g}", "" if minutes is None else f"{minutes:g}"


def _km(distance: float) -> float:
    # Two decimals are ten metres; a distance that small is kept as it is.
    return round(distance, 2) or distance


def _minutes(minutes: float | None) -> float | None:
    if minutes is None:
        return None
    return round(minutes, 1) or minutes


def run_from_score(entry: SorenessEntry) -> Run | None:
    """The run an after-run score with a distance describes, when no run is
    linked to it: ending when the score was logged, typed by hand. None for a
    score with no distance or of another context."""
    if entry.context is not Context.AFTER_RUN or entry.run_km is None:
        return None
    return Run(
        uuid=str(uuid_module.uuid5(RUN_FROM_SCORE, entry.uuid)),
        started_at=entry.logged_at - dt.timedelta(minutes=entry.run_minutes or 0.0),
        local_day=entry.local_day,
        distance_km=entry.run_km,
        elapsed_minutes=entry.run_minutes,
        source=RunSource.MANUAL,
        note="logged with a soreness score",
    )


def run_words(run: Run, zone: dt.tzinfo | None, day: dt.date | None = None) -> str:
    """Which run is meant, e.g. "your 10.2 km run of 07:01 (62 min)": the time it
    started in `zone`, with its date when that is not `day` (the score's)."""
    start = run.started_at.astimezone(zone)
    when = start.strftime("%H:%M")
    if start.date() != day:
        when = f"{start.day} {start:%b} {when}"
    text = f"your {run.distance_km:.1f} km run of {when}"
    if run.minutes is not None:
        text += f" ({max(1, round(run.minutes))} min)"
    return text


def describe_linked(entry: SorenessEntry, run: Run | None, zone: dt.tzinfo | None) -> str:
    """The confirmation after logging, naming the run the score is linked to:
    "Logged 4/10 (acceptable) for both knees after your 10.2 km run of 07:01
    (62 min)". A distance or time the runner gave stays in their words, and the
    run is named after it."""
    if run is None:
        return describe(entry)
    words = run_words(run, zone, entry.logged_at.astimezone(zone).date())
    bare = entry._replace(run_km=None, run_minutes=None)
    if prefilled(bare, run) == entry:
        # The distance and time are the run's: name the run instead.
        return describe(bare).replace(" after a run", f" after {words}", 1)
    return f"{describe(entry)}; linked to {words}"


def link_item(run: Run | None) -> dict[str, object] | None:
    """The linked run as `kneetui history --json` shows it: enough to find it in
    `kneetui runs --json`, and what it was."""
    if run is None:
        return None
    return {
        "uuid": run.uuid,
        "started_at": utc_text(run.started_at),
        "distance_km": run.distance_km,
        "minutes": run.minutes,
        "source": run.source.value,
    }
