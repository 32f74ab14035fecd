"""Reads what the coaching rules need from the store and hands it to the domain.
Shared by `kneetui stats`, `kneetui routine` and the app, so all three agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from kneetui.domain.models import SessionStatus, SorenessEntry
from kneetui.domain.routine import Routine, check_schedule
from kneetui.storage.store import Store

if TYPE_CHECKING:
    from kneetui.domain.after_runs import AfterRuns
    from kneetui.domain.coaching import Coaching
    from kneetui.domain.trend import RunBar, Trend

SCHEDULE = "schedule"
CHECK_IN_DISMISSED = "check_in_dismissed_on"
QUIET = "quiet"
THEME = "theme"  # the app's theme, chosen in its command palette
# Seconds a change-over between exercises counts down (at least 15, default 15).
CHANGE_OVER = "change_over_s"


def schedule_of(store: Store, routine: Routine) -> tuple[str, ...]:
    """The runner's routine days, or the routine's default ones."""
    stored = store.setting(SCHEDULE)
    if isinstance(stored, list):
        try:
            return check_schedule(stored)
        except ValueError:
            pass  # a schedule edited by hand into nonsense: fall back to the default
    return routine.schedule


def set_schedule(store: Store, days: Sequence[str]) -> tuple[str, ...]:
    schedule = check_schedule(days)
    store.set_setting(SCHEDULE, list(schedule))
    return schedule


def dismissed_on(store: Store) -> dt.date | None:
    value = store.setting(CHECK_IN_DISMISSED)
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# How far back the rules look, besides the first week of scores of each knee, the
# latest score of 6 or more and the red flags since the last acknowledgement: the
# scores of the 12-week strip and weekly means, and the sessions whose reps decide
# a verdict. Progression decides on the latest three session days at a step
# (twelve sessions on the default schedule fit in four weeks), a step back is
# looked at for four weeks, and a runner back after a longer break starts
# counting at their current hold again. Reading four weeks of reps instead of
# thirteen took a third off the coaching load at start-up (make bench).
LOOK_BACK = dt.timedelta(weeks=13)
REPS_LOOK_BACK = dt.timedelta(weeks=4)
# The spike warning judges the runs of the last 7 days, each against the 30 days
# before it; a day more covers any time zone (runs are stored by their UTC start).
RUNS_LOOK_BACK = dt.timedelta(days=7 + 30 + 1)


def load_coaching(store: Store, routine: Routine, today: dt.date) -> Coaching:
    """The coaching value, reading only what the rules use: the day and holds of
    every completed session, the reps of recent sessions, and the scores of recent
    weeks, of each knee's first week of scores, the latest score of 6 or more and
    the red flags not yet acknowledged. Ten years of history stay off the
    hot path."""
    # Imported here: the rules are not needed for the dashboard's first paint.
    from kneetui.clock import local_day
    from kneetui.domain.adherence import counts
    from kneetui.domain.coaching import coach
    from kneetui.domain.models import Knee

    since = today - LOOK_BACK
    # Adherence, gaps and the physical-therapist rule read completed sessions only.
    sessions = store.session_marks(SessionStatus.COMPLETED)
    scores = {e.uuid: e for e in store.soreness(since=since)}

    def add(entries: Sequence[SorenessEntry]) -> None:
        scores.update((e.uuid, e) for e in entries)

    # The routine starts on the day of the first counted session (the domain's rule).
    planned = routine.planned_holds
    start = min((m.local_day for m in sessions if counts(m, planned)), default=None)
    if start is not None and start < since:
        for knee in (Knee.LEFT, Knee.RIGHT):
            first = store.first_soreness_day(since=start, knee=knee)
            if first is not None and first < since:
                add(store.soreness(since=first, until=first + dt.timedelta(days=6)))
    acks = store.acknowledgements()
    flagged = store.red_flag_scores(max((a.acknowledged_at for a in acks), default=None))
    old = {e.local_day for e in flagged if e.local_day < since}
    if old:
        add(store.soreness_on_days(sorted(old | {d + dt.timedelta(days=1) for d in old})))
    # A score of 6 or more since an exercise's hold was set holds its step up
    # back: the latest one decides, however old.
    high = store.latest_high_score()
    if high is not None:
        add([high])
    return coach(
        routine,
        schedule_of(store, routine),
        sessions,
        list(scores.values()),
        store.levels(),
        today,
        acknowledgements=acks,
        check_in_dismissed_on=dismissed_on(store),
        recent_sessions=store.sessions(since=today - REPS_LOOK_BACK),
        local_day=local_day,
        runs=store.runs(since=dt.datetime.combine(today - RUNS_LOOK_BACK, dt.time(), dt.UTC)),
    )


def load_after_runs(store: Store) -> AfterRuns:
    """How soreness followed load over the whole history: every run, and the
    scores of the days after them only."""
    from kneetui.domain.after_runs import after_runs

    runs = store.runs()
    days = {r.local_day + dt.timedelta(days=1) for r in runs}
    return after_runs(runs, store.soreness_on_days(sorted(days)) if days else [])


def load_trend(store: Store, start: dt.date, end: dt.date, max_points: int) -> Trend:
    """The soreness trend from `start` to `end` in at most `max_points` points: day
    by day for short ranges, grouped in SQL for long ones; with the runs as bars
    (the longest of each day or bucket, spikes marked)."""
    # Imported here, like the coaching rules: not needed for the first paint.
    from kneetui.domain.trend import ROLLING_DAYS, bucket_size, bucketed_trend, build_trend

    bucket = bucket_size(start, end, max_points)
    bars = load_run_bars(store, start, end, bucket)
    if bucket == 1:
        daily = store.daily_soreness(since=start - dt.timedelta(days=ROLLING_DAYS))
        sessions = store.session_days(since=start)
        trend = build_trend(daily, sessions, start=start, end=end, max_points=max_points)
        return trend._replace(runs=bars)
    means, rolling = store.soreness_buckets(start, end, bucket)
    marks = store.session_buckets(start, end, bucket)
    trend = bucketed_trend(means, rolling, marks, start=start, end=end, bucket=bucket)
    return trend._replace(runs=bars)


# The run bars of the latest long-range loads, per store and range, with the
# runs' state they were made from. A long range reads every run in it (each
# run's spike needs its previous 30 days): "all time" takes 6-8 ms at ten years
# of daily runs and about 60 ms at a hundred. The dashboard loads the chart again
# after every score and range change, when the runs have mostly not changed:
# those loads reuse the bars. Ranges drawn day by day read a few months of runs
# (under a millisecond), less than `Store.runs_state` costs at a century.
_RunBarsKey = tuple[dt.date, dt.date, int]
_run_bars_seen: WeakKeyDictionary[Store, tuple[tuple[Any, ...], dict[_RunBarsKey, Any]]] = (
    WeakKeyDictionary()
)
_RUN_BARS_KEPT = 8


def load_run_bars(store: Store, start: dt.date, end: dt.date, bucket: int) -> tuple[RunBar, ...]:
    """The chart's run bars from `start` to `end`, `bucket` days each. For long
    ranges (`bucket` over 1), read again only when the runs changed
    (`Store.runs_state`) or for another range."""
    from kneetui.domain.trend import RUNS_LOOK_BACK, run_bars

    def read() -> tuple[RunBar, ...]:
        since = dt.datetime.combine(start, dt.time(), dt.UTC) - RUNS_LOOK_BACK
        until = dt.datetime.combine(end, dt.time(), dt.UTC) + dt.timedelta(days=2)
        points = store.run_points(start, since, until)
        return tuple(run_bars(points, start=start, end=end, bucket=bucket))

    if bucket == 1:
        return read()
    state = store.runs_state()
    seen = _run_bars_seen.get(store)
    if seen is None or seen[0] != state:
        seen = (state, {})
        _run_bars_seen[store] = seen
    key = (start, end, bucket)
    bars: tuple[RunBar, ...] | None = seen[1].get(key)
    if bars is None:
        bars = read()
        if len(seen[1]) >= _RUN_BARS_KEPT:
            seen[1].clear()
        seen[1][key] = bars
    return bars


def change_over_of(store: Store) -> int:
    """The change-over setting, in whole seconds (the default when unset)."""
    from kneetui.domain.routine import change_over_seconds

    return change_over_seconds(store.setting(CHANGE_OVER))
