"""Writes the scenario histories in tests/scenarios/ (one JSON file each).

Each scenario is a realistic history of a runner, written as a kneetui JSON export,
with the advice the coaching rules should give on its last day (`today`), in the
ranked order the app shows it. The expected advice was decided by reading the rules
(kneetui/domain/rules.py and issue 14), not by running the code: each scenario
function says why, step by step. tests/test_scenarios.py imports every file into a
fresh store and checks the advice; docs/coaching.md lists them in its table.

    .venv/bin/python tests/scenarios/make.py          # write the files
    .venv/bin/python tests/scenarios/make.py --check  # exit 1 if a file is stale
    .venv/bin/python tests/scenarios/make.py --table  # the table rows for the doc

Only the standard library and kneetui.domain are imported. Everything is in UTC and
a local day is the UTC date; level changes and acknowledgements are at midday UTC,
so their local day is the same in any zone from UTC-11 to UTC+11 (the one rule that
reads a level's local day, the gap's, has no level near its 14th day anyway).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kneetui.domain.exchange import Bundle, encode_json
from kneetui.domain.models import (
    Acknowledgement,
    Context,
    Flag,
    Knee,
    LevelChange,
    Rep,
    Session,
    SessionStatus,
    Side,
    SorenessEntry,
)
from kneetui.domain.routine import Routine, Sides, parse_routine
from kneetui.domain.rules import RULES
from kneetui.domain.runs import Run

HERE = Path(__file__).resolve().parent
ROUTINE_FILE = HERE.parent.parent / "data" / "routine.toml"
ROUTINE: Routine = parse_routine(ROUTINE_FILE.read_text(encoding="utf-8"), "data/routine.toml")
NAMESPACE = uuid.UUID("6c1b7e0e-3f0a-5b7e-9d2e-6b6e65747569")  # fixed: stable uuids
KIND = {rule.id: rule.kind for rule in RULES}
DAY = dt.timedelta(days=1)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
ROUTINE_DAYS = (MON, WED, FRI)  # the routine's default schedule
RUN_DAYS = (TUE, THU, SUN)

LEG, HAM, CALF = "leg-raise", "hamstring-curl", "calf-raise"
EXERCISES = (LEG, HAM, CALF)

Value = int | None | Callable[[dt.date], int | None]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), dt.UTC)


def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + n * DAY for n in range((last - first).days + 1)]


def value_of(value: Value, day: dt.date) -> int | None:
    return value(day) if callable(value) else value


class History:
    """A runner's history, built in time order, and the export it makes."""

    def __init__(self, stem: str) -> None:
        self.stem = stem
        self.soreness: list[SorenessEntry] = []
        self.sessions: list[Session] = []
        self.levels: list[LevelChange] = []
        self.acks: list[Acknowledgement] = []
        self.runs: list[Run] = []
        self.settings: dict[str, Any] = {}
        self._made = 0

    def _uuid(self, what: str) -> str:
        self._made += 1
        return str(uuid.uuid5(NAMESPACE, f"{self.stem}/{what}/{self._made}"))

    # Holds --------------------------------------------------------------------

    def level(self, exercise: str, hold_s: int, day: dt.date) -> None:
        """The runner set (or accepted) a hold at midday on `day`."""
        assert hold_s in ROUTINE.exercise(exercise).hold_ladder
        self.levels.append(LevelChange(exercise, hold_s, at(day, 12)))

    def hold_at(self, exercise: str, moment: dt.datetime) -> int:
        set_before = [
            lv for lv in self.levels if lv.exercise == exercise and lv.changed_at <= moment
        ]
        if not set_before:
            return ROUTINE.exercise(exercise).hold_ladder[0]
        return max(set_before, key=lambda lv: lv.changed_at).hold_s

    # Sessions -----------------------------------------------------------------

    def session(
        self,
        day: dt.date,
        hh: int = 17,
        mm: int = 0,
        *,
        skip: Iterable[str] = (),
        held: dict[str, Callable[[int, int], float]] | None = None,
        stop_after: int | None = None,
    ) -> None:
        """A guided session started at hh:mm on `day`, each exercise at the hold the
        runner had then. `skip` leaves exercises out (skipped at their count-in: no
        reps); `held[exercise](number, target)` is how long hold `number` (0-based)
        was held, the whole target otherwise; `stop_after` stops the session after
        that many holds."""
        start = at(day, hh, mm)
        clock = 0.0
        reps: list[Rep] = []
        stopped = False
        for exercise in ROUTINE.exercises:
            if exercise.id in skip or stopped:
                continue
            target = self.hold_at(exercise.id, start)
            sides = (Side.LEFT, Side.RIGHT) if exercise.sides is Sides.ALTERNATE else (Side.BOTH,)
            clock += ROUTINE.get_ready_s
            number = 0
            for rep in range(1, exercise.reps + 1):
                for side in sides:
                    if stop_after is not None and len(reps) >= stop_after:
                        stopped = True
                        break
                    seconds = float(target)
                    if held is not None and exercise.id in held:
                        seconds = held[exercise.id](number, target)
                    assert 0 < seconds <= target
                    clock += seconds
                    done = start + dt.timedelta(seconds=math.ceil(clock))
                    reps.append(Rep(exercise.id, side, rep, target, seconds, done))
                    clock += exercise.between_s
                    number += 1
                if stopped:
                    break
        finished = start + dt.timedelta(seconds=math.ceil(clock) + 1)
        status = SessionStatus.STOPPED if stopped else SessionStatus.COMPLETED
        self.sessions.append(
            Session(self._uuid("session"), start, day, status, finished, tuple(reps))
        )

    # Scores -------------------------------------------------------------------

    def score(
        self,
        day: dt.date,
        value: int,
        context: str = "other",
        *,
        knee: str = "both",
        hh: int | None = None,
        mm: int = 0,
        km: float | None = None,
        flags: Iterable[str] = (),
        note: str = "",
    ) -> None:
        """A score; by default after-run at 19:00, next-morning at 07:30, other at
        18:30 (after a 17:00 session)."""
        ctx = Context(context)
        if hh is None:
            hh, mm = {Context.AFTER_RUN: (19, 0), Context.NEXT_MORNING: (7, 30)}.get(ctx, (18, 30))
        if ctx is Context.AFTER_RUN and km is None:
            km = 14.0 if day.weekday() == SUN else 8.0
        self.soreness.append(
            SorenessEntry(
                uuid=self._uuid("score"),
                logged_at=at(day, hh, mm),
                local_day=day,
                score=value,
                knee=Knee(knee),
                context=ctx,
                run_km=km,
                run_minutes=None if km is None else round(km * 6),
                note=note,
                flags=tuple(Flag(f) for f in flags),
            )
        )

    def run(
        self,
        day: dt.date,
        km: float,
        *,
        hh: int = 7,
        after: int | None = None,
        morning: int | None = None,
        flags: Iterable[str] = (),
    ) -> None:
        """A run typed by hand, started at hh:00 at 6 min/km; `after` is the score
        logged an hour after it ended (with the run's distance and time), `morning`
        the next morning's score at 07:30."""
        minutes = round(km * 6)
        start = at(day, hh)
        self.runs.append(Run(self._uuid("run"), start, day, km, elapsed_minutes=minutes))
        if after is not None:
            end = start + dt.timedelta(minutes=minutes + 60)
            self.score(day, after, "after-run", hh=end.hour, mm=end.minute, km=km, flags=flags)
            self.soreness[-1] = self.soreness[-1]._replace(run_minutes=minutes)
        if morning is not None:
            self.score(day + DAY, morning, "next-morning")

    def acknowledge(self, day: dt.date) -> None:
        self.acks.append(Acknowledgement(self._uuid("ack"), at(day, 12), day))

    # Weeks of a routine ---------------------------------------------------------

    def weeks(
        self,
        first: dt.date,
        last: dt.date,
        *,
        sessions: Iterable[int] = ROUTINE_DAYS,
        runs: Iterable[int] = RUN_DAYS,
        after_session: Value = None,
        after_run: Value = None,
        morning: Value = None,
        knee: str = "both",
        with_sessions: bool = True,
        continuing: bool = False,
    ) -> None:
        """Sessions (at 17:00) on the `sessions` weekdays from `first` to `last`, and
        the runner's scores: `after_session` at 18:30 on a session day, `after_run`
        at 19:00 on a run day, `morning` at 07:30 the day after either. A value is a
        score, None (not logged) or a function of the day. `continuing`: the weeks
        carry on from earlier ones with the same pattern, so `first` has its
        morning score too."""
        session_days, run_days = set(sessions), set(runs)
        for day in days_between(first, last):
            before = day - DAY
            busy_before = (continuing or before >= first) and (
                before.weekday() in session_days or before.weekday() in run_days
            )
            if busy_before:
                self._maybe(day, morning, "next-morning", knee)
            if day.weekday() in session_days:
                if with_sessions:
                    self.session(day)
                self._maybe(day, after_session, "other", knee)
            if day.weekday() in run_days:
                self._maybe(day, after_run, "after-run", knee)

    def sessions_on(self, first: dt.date, last: dt.date, weekdays: Iterable[int] = ROUTINE_DAYS):
        chosen = set(weekdays)
        for day in days_between(first, last):
            if day.weekday() in chosen:
                self.session(day)

    def _maybe(self, day: dt.date, value: Value, context: str, knee: str) -> None:
        score = value_of(value, day)
        if score is not None:
            self.score(day, score, context, knee=knee)

    # Export -------------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        bundle = Bundle(
            soreness=tuple(sorted(self.soreness, key=lambda e: e.logged_at)),
            sessions=tuple(sorted(self.sessions, key=lambda s: s.started_at)),
            levels=tuple(sorted(self.levels, key=lambda lv: lv.changed_at)),
            settings=self.settings,
            acknowledgements=tuple(self.acks),
            runs=tuple(sorted(self.runs, key=lambda r: r.started_at)),
        )
        return json.loads(encode_json(bundle))


def advice(rule: str, exercise: str | None = None) -> dict[str, Any]:
    return {"kind": KIND[rule], "rule": rule, "exercise": exercise}


def each(rule: str, exercises: Iterable[str] = EXERCISES) -> list[dict[str, Any]]:
    return [advice(rule, e) for e in exercises]


SCENARIOS: list[Callable[[], dict[str, Any]]] = []


def scenario(function: Callable[[History], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    stem = function.__name__.removeprefix("s").replace("_", "-")

    def build() -> dict[str, Any]:
        history = History(stem)
        found = function(history)
        document = {
            "title": found["title"],
            "story": found["story"],
            "today": found["today"].isoformat(),
            "export": history.export(),
            "expected": found["expected"],
        }
        if found.get("figures"):
            document["expect_figures"] = found["figures"]
        return {"stem": stem, "document": document}

    SCENARIOS.append(build)
    return build


# The scenarios -------------------------------------------------------------------
#
# Weekdays used throughout: 2026-11-02 is a Monday.


@scenario
def s01_calm_first_week(h: History) -> dict[str, Any]:
    # Day 4 of the routine: too early for the therapist rule (21 days), two sessions
    # at the first steps (a verdict needs three at the hold), this morning's 1 is
    # below 3 (settled), and it is logged, so no check-in is asked.
    h.weeks(d("2026-11-02"), d("2026-11-04"), after_session=2, after_run=2, morning=1)
    h.score(d("2026-11-05"), 1, "next-morning")
    return {
        "title": "A new runner's first week: two sessions, low scores, nothing to act on yet.",
        "story": "Started the routine on Monday and did it again on Wednesday, with a run "
        "on Tuesday. Logged 2 after each session and run and 1 each next morning, "
        "this Thursday morning too.",
        "today": d("2026-11-05"),
        "expected": [],
        "figures": {
            "soreness.routine_start": "2026-11-02",
            "soreness.waiting_for": "3 weeks of the routine (day 4 of 21)",
            "adherence.sessions_this_week": 2,
        },
    }


@scenario
def s02_calm_top_of_ladder(h: History) -> dict[str, Any]:
    # Every exercise is on its top step, so there is nothing to step up to; no score
    # reaches 6, no gap, no flag; the last 7 days average 0.4 (below 3), so no
    # therapist notice. Yesterday (Saturday) had neither a session nor a run: no
    # check-in. Baseline 11/7 = 1.6 (below 3): "already in the safe band".
    h.level(LEG, 10, d("2026-09-28"))
    h.level(HAM, 10, d("2026-09-28"))
    h.level(CALF, 25, d("2026-10-05"))
    h.level(LEG, 15, d("2026-10-19"))
    h.level(CALF, 30, d("2026-10-26"))
    h.weeks(d("2026-09-07"), d("2026-09-13"), after_session=2, after_run=2, morning=1)
    h.weeks(
        d("2026-09-14"), d("2026-11-14"), after_session=1, after_run=1, morning=0, continuing=True
    )
    return {
        "title": "Ten weeks in, on the top step of every exercise, scores 0 to 1: nothing to act "
        "on.",
        "story": "Did the routine Monday, Wednesday and Friday for ten weeks and stepped "
        "up to 15 s leg raises, 10 s curls and 30 s calf raises. Runs three times a "
        "week and logs 1 after each session or run and 0 the next morning.",
        "today": d("2026-11-15"),
        "expected": [],
        "figures": {
            "soreness.change": "already in the safe band: 1.6 → 0.4",
            "soreness.meaningful": False,
            "soreness.waiting_for": None,
            "adherence.weeks_on_target_in_a_row": 10,
            "holds": {LEG: 15, HAM: 10, CALF: 30},
        },
    }


@scenario
def s03_progress_both_knees(h: History) -> dict[str, Any]:
    # Scores for both knees only. The latest three sessions (Fri, Mon, Wed) had every
    # hold full, a 2 after each and a 1 the next morning (below 3: settled). The last
    # 7 days average 10/7 = 1.43, the 7 before 1.5: no rise. No score of 6, no flag,
    # no notice: each exercise steps up.
    h.weeks(d("2026-10-26"), d("2026-11-11"), after_session=2, after_run=2, morning=1)
    h.score(d("2026-11-12"), 1, "next-morning")
    return {
        "title": "Two and a half steady weeks at the first steps, scores for both knees: step up "
        "every exercise.",
        "story": "Did every session in full on Monday, Wednesday and Friday and ran on the "
        "other days. Logged 2 for both knees after each session and run and 1 each "
        "next morning.",
        "today": d("2026-11-12"),
        "expected": each("progress"),
        "figures": {"soreness.knee": "both", "soreness.last_7_days_mean": 1.43},
    }


@scenario
def s04_therapist_holds_step_up(h: History) -> dict[str, Any]:
    # Day 32 of the routine; the last 7 days average 31/7 = 4.43 against a first week
    # of 32/7 = 4.57: a fall of 0.14 (3%), not meaningful, and 3 or more: the
    # therapist notice, with every full week on target (no low-adherence wording).
    # Leg raises and calf raises would be due a step up (three full sessions, scores
    # of 5 or less, mornings of 4 below the 5 of the day before: settled), but the
    # notice stands: hold. The curls are on their top step: no verdict.
    h.level(HAM, 10, d("2026-10-19"))
    h.weeks(d("2026-10-12"), d("2026-11-11"), after_session=5, after_run=5, morning=4)
    h.score(d("2026-11-12"), 4, "next-morning")
    return {
        "title": "A month of the routine, still 4 to 5 every day: see a physical therapist, and "
        "no step-up beside it.",
        "story": "Did every session for a month and reached 10 s curls in week two. Both "
        "knees stay at 5 after sessions and runs and 4 the next morning, as in the "
        "first week.",
        "today": d("2026-11-12"),
        "expected": [
            advice("see-physical-therapist"),
            advice("hold-notice", LEG),
            advice("hold-notice", CALF),
        ],
        "figures": {
            "soreness.see_physical_therapist": True,
            "soreness.low_adherence": False,
            "soreness.baseline_mean": 4.57,
            "soreness.last_7_days_mean": 4.43,
        },
    }


@scenario
def s05_red_flag_holds_step_up(h: History) -> dict[str, Any]:
    # Three weeks of full sessions with 2s and 1s: a step-up would be due for every
    # exercise. But Sunday's score came with "giving way": a symptom red flag,
    # standing until acknowledged, so each exercise holds (hold-notice). This
    # morning's 2 is below 3: settled, and it is logged: no check-in.
    h.weeks(d("2026-10-26"), d("2026-11-14"), after_session=2, after_run=2, morning=1)
    h.score(
        d("2026-11-15"),
        4,
        "after-run",
        knee="left",
        km=16.0,
        flags=["giving-way"],
        note="left knee gave way on the downhill",
    )
    h.score(d("2026-11-16"), 2, "next-morning")
    return {
        "title": "Ready to step up, then the left knee gave way on Sunday's run: red flag, and "
        "every exercise holds.",
        "story": "Three weeks of full sessions with scores of 2 and 1. On Sunday's 16 km "
        "run the left knee gave way; logged 4 with the giving-way flag, and 2 this "
        "Monday morning.",
        "today": d("2026-11-16"),
        "expected": [advice("red-flag-symptom"), *each("hold-notice")],
        "figures": {"red_flags.0.rule": "red-flag-symptom", "red_flags.0.knee": "left"},
    }


@scenario
def s06_one_knee_sore(h: History) -> dict[str, Any]:
    # Left and right are logged separately. Right: 0 throughout. Left: first week
    # 32/7 = 4.57, last 7 days 32/7 = 4.57, no improvement, 3 or more, day 30: the
    # notice, for the left knee (the average of both, 2.3, would hide it). Every
    # exercise would be due a step-up: hold-notice. This morning the left knee is 5,
    # as after yesterday's session (5): equal high scores have not settled.
    sore = {"after_session": 5, "after_run": 5, "morning": 4}
    h.weeks(d("2026-10-12"), d("2026-11-09"), knee="left", **sore)
    h.weeks(
        d("2026-10-12"),
        d("2026-11-09"),
        knee="right",
        after_session=0,
        after_run=0,
        morning=0,
        with_sessions=False,
    )
    h.score(d("2026-11-10"), 5, "next-morning", knee="left")
    h.score(d("2026-11-10"), 0, "next-morning", knee="right", mm=31)
    return {
        "title": "Left knee at 5 for a month, right knee at 0: the notice is for the left knee.",
        "story": "Did every session for four weeks. Logs each knee on its own: the left is "
        "5 after sessions and runs and 4 the next morning, the right 0. This morning "
        "the left is still 5.",
        "today": d("2026-11-10"),
        "expected": [
            advice("see-physical-therapist"),
            *each("hold-notice"),
            advice("check-in-not-settled"),
        ],
        "figures": {
            "soreness.knee": "left",
            "soreness.last_7_days_mean": 4.57,
            "soreness.knees.right.last_7_days_mean": 0.0,
            "soreness.meaningful": False,
        },
    }


@scenario
def s07_rest_day_scores_weigh_one_day(h: History) -> dict[str, Any]:
    # Last 7 days (Wed 4 .. Tue): Wed 4, Fri 4, Sat 1 (six scores of 1, one day),
    # Mon 6, Tue 3 = 18/5 = 3.6; entry by entry it would be 23/10 = 2.3. First week
    # 4.0: a fall of 0.4 (10%), not meaningful: the notice. Monday's 6 came on the
    # day of Monday's session: every exercise of it steps back (leg raises 10 -> 5,
    # the others are on their first step: ease off). This morning's 3 is lower than
    # yesterday's 6: settled.
    h.level(LEG, 10, d("2026-10-19"))
    h.weeks(d("2026-10-12"), d("2026-11-04"), after_session=4, after_run=4)
    h.session(d("2026-11-06"))
    h.score(d("2026-11-06"), 4)
    for hour in range(10, 16):
        h.score(d("2026-11-07"), 1, hh=hour, note="trying the app")
    h.session(d("2026-11-09"))
    h.score(d("2026-11-09"), 6)
    h.score(d("2026-11-10"), 3, "next-morning")
    return {
        "title": "Six scores of 1 on one rest day and a 6 after Monday's session: days, not "
        "entries, are averaged.",
        "story": "A month of the routine at 4 after sessions and runs. On Saturday logged "
        "1 six times while trying the app; on Monday logged 6 after the session, and "
        "3 this Tuesday morning.",
        "today": d("2026-11-10"),
        "expected": [advice("see-physical-therapist"), *each("step-back-too-much")],
        "figures": {
            "soreness.last_7_days_mean": 3.6,
            "soreness.baseline_mean": 4.0,
            "weekly.-2.mean": 3.4,
        },
    }


@scenario
def s08_no_score_first_week(h: History) -> dict[str, Any]:
    # Nothing logged in the first week; the baseline starts on the first day with a
    # score (Mon 5 Oct): 33/6 = 5.5. The last 7 days average 27/5 = 5.4: no
    # meaningful improvement, day 45: the notice, waiting for nothing. The 6 after
    # Monday's session is too much: every exercise, on its first step, eases off.
    # Yesterday had a run with a score and nothing is logged this morning: check-in.
    h.sessions_on(d("2026-09-28"), d("2026-10-04"))
    h.weeks(d("2026-10-05"), d("2026-11-10"), after_session=6, after_run=5, runs=(TUE, THU, SUN))
    return {
        "title": "No score in the first week, then 5 to 6 for six weeks: the therapist rule does "
        "not wait forever.",
        "story": "Did the routine three times a week for six and a half weeks but logged "
        "nothing in the first week. Since then logs 6 after each session and 5 after "
        "each run, one score an evening.",
        "today": d("2026-11-11"),
        "expected": [
            advice("see-physical-therapist"),
            *each("step-back-too-much"),
            advice("check-in-morning"),
        ],
        "figures": {
            "soreness.baseline_start": "2026-10-05",
            "soreness.baseline_mean": 5.5,
            "soreness.last_7_days_mean": 5.4,
            "soreness.waiting_for": None,
            "soreness.see_physical_therapist": True,
        },
    }


@scenario
def s09_low_adherence_therapist(h: History) -> dict[str, Any]:
    # About one session a week for six weeks (five full weeks, none on target: low
    # adherence). First week 23/5 = 4.6, last 7 days 23/5 = 4.6: not meaningful, 3
    # or more, day 41: the notice, with the low-adherence wording. No gap reaches 14
    # days. The recent sessions would be evidence for a step-up (scores of 5 or
    # less, mornings of 4 below 5): the notice holds them.
    for day in (
        "2026-09-28",
        "2026-09-30",
        "2026-10-06",
        "2026-10-12",
        "2026-10-22",
        "2026-10-28",
        "2026-11-03",
        "2026-11-05",
    ):
        h.session(d(day))
        h.score(d(day), 5)
        h.score(d(day) + DAY, 4, "next-morning")
    for day in ("2026-10-04", "2026-10-11", "2026-10-18", "2026-10-25", "2026-11-01"):
        h.score(d(day), 5, "after-run", hh=11)
    return {
        "title": "The routine about once a week, soreness 4 to 5 for six weeks: the notice still "
        "comes, and says so.",
        "story": "Did the routine eight times in six weeks, never three times in a week. "
        "Logs 5 after each session and each Sunday long run and 4 the next morning.",
        "today": d("2026-11-07"),
        "expected": [advice("see-physical-therapist"), *each("hold-notice")],
        "figures": {
            "soreness.low_adherence": True,
            "soreness.weeks_on_target": 0,
            "soreness.full_weeks": 5,
            "soreness.baseline_mean": 4.6,
            "soreness.last_7_days_mean": 4.6,
        },
    }


@scenario
def s10_safe_band_fall(h: History) -> dict[str, Any]:
    # First week 1.0, last 7 days 3.0/6 = 0.5 (Saturday not logged): a fall of 0.5
    # from below 3 is "already in the safe band", not "a meaningful improvement".
    # The 7 days before averaged 1.0: no rise. Leg raises at 10 s and calf raises
    # at 25 s have three full sessions with 1s after them and mornings of 0: step
    # up; the curls are on their top step.
    for exercise, hold in ((LEG, 10), (HAM, 10), (CALF, 25)):
        h.level(exercise, hold, d("2026-10-26"))
    h.weeks(d("2026-10-12"), d("2026-11-05"), after_session=1, after_run=1, morning=1)
    h.weeks(
        d("2026-11-06"),
        d("2026-11-11"),
        after_session=1,
        after_run=1,
        morning=lambda day: None if day.weekday() == SAT else 0,
        continuing=True,
    )
    h.score(d("2026-11-12"), 0, "next-morning")
    return {
        "title": "From 1.0 in the first week to 0.5: already in the safe band, not a 'meaningful "
        "improvement'.",
        "story": "A month of full sessions; stepped up to 10 s leg raises and curls and 25 "
        "s calf raises two weeks ago. Logs 1 after sessions and runs; this week the "
        "mornings are 0.",
        "today": d("2026-11-12"),
        "expected": [advice("progress", LEG), advice("progress", CALF)],
        "figures": {
            "soreness.change": "already in the safe band: 1.0 → 0.5",
            "soreness.meaningful": False,
            "soreness.baseline_mean": 1.0,
            "soreness.last_7_days_mean": 0.5,
        },
    }


@scenario
def s11_rise_is_worse(h: History) -> dict[str, Any]:
    # First week 1.0, last 7 days 5.0: "sorer than in your first week", the notice
    # (day 33, 5 is 3 or more, a rise is no improvement). Leg raises and curls are
    # on their top steps; calf raises would be due a step-up (every score 5 or less,
    # no morning scores to be unsettled) but the notice holds it. Yesterday's run
    # was logged and nothing this morning: check-in.
    h.level(LEG, 10, d("2026-10-19"))
    h.level(HAM, 10, d("2026-10-19"))
    h.level(LEG, 15, d("2026-10-26"))

    def rising(day: dt.date) -> int:
        for first, value in (
            ("2026-11-07", 5),
            ("2026-11-02", 4),
            ("2026-10-26", 3),
            ("2026-10-19", 2),
        ):
            if day >= d(first):
                return value
        return 1

    h.weeks(d("2026-10-12"), d("2026-11-12"), after_session=rising, after_run=rising)
    return {
        "title": "Soreness rose from 1 in the first week to 5: called worse, with the notice to "
        "see a physical therapist.",
        "story": "Stepped up quickly while the knees were at 1, reaching 15 s leg raises "
        "and 10 s curls. One score an evening after sessions and runs, rising week by "
        "week to 5 in the last seven days.",
        "today": d("2026-11-13"),
        "expected": [
            advice("see-physical-therapist"),
            advice("hold-notice", CALF),
            advice("check-in-morning"),
        ],
        "figures": {
            "soreness.change": "sorer than in your first week: 1.0 → 5.0",
            "soreness.meaningful": False,
            "soreness.change_points": 4.0,
        },
    }


@scenario
def s12_holds_cut_to_a_fifth(h: History) -> dict[str, Any]:
    # The latest three sessions each count (all 50 holds done, each over 0 s) but
    # no hold reached 90% of its target: no evidence for a step-up, for each
    # exercise (hold-evidence). Nothing else stands against it: the two weeks
    # average 1.5 each (no rise), this morning's 1 is settled.
    def fifth(number: int, target: int) -> float:
        return target / 5

    cut = {exercise: fifth for exercise in EXERCISES}
    h.weeks(d("2026-11-02"), d("2026-11-08"), after_session=2, after_run=2, morning=1)
    h.weeks(
        d("2026-11-09"),
        d("2026-11-13"),
        after_session=2,
        after_run=2,
        morning=1,
        with_sessions=False,
        continuing=True,
    )
    for day in ("2026-11-09", "2026-11-11", "2026-11-13"):
        h.session(d(day), held=cut)
    h.score(d("2026-11-14"), 1, "next-morning")
    return {
        "title": "Three sessions with every hold cut to a fifth of its target: no step-up, hold "
        "for evidence.",
        "story": "A good first week of full sessions. This week did all 50 holds three "
        "times but let each go after a fifth of the time (1 s of 5 s, 4 s of 20 s); "
        "scores stayed at 2 and 1.",
        "today": d("2026-11-14"),
        "expected": each("hold-evidence"),
        "figures": {"adherence.sessions_this_week": 3},
    }


@scenario
def s13_no_scores_logged(h: History) -> dict[str, Any]:
    # Six full sessions and not one score: no score is no evidence (hold-evidence for
    # each exercise). Yesterday's session counted and nothing is logged this
    # morning: check-in. The therapist rule waits, and says for what.
    h.sessions_on(d("2026-11-02"), d("2026-11-11"))
    h.session(d("2026-11-12"))
    return {
        "title": "Six full sessions and no score logged at all: no evidence, so no step-up.",
        "story": "Did the routine six times in two weeks, moving Friday's session to "
        "Thursday, and never logged how the knees felt.",
        "today": d("2026-11-13"),
        "expected": [*each("hold-evidence"), advice("check-in-morning")],
        "figures": {
            "soreness.waiting_for": "3 weeks of the routine (day 12 of 21) and a soreness "
            "score in the last 7 days",
            "adherence.sessions_this_week": 3,
        },
    }


@scenario
def s14_mornings_not_settled(h: History) -> dict[str, Any]:
    # Every session is followed by 5 that evening and 5 the next morning: equal
    # high scores have not settled. The latest morning (today) is unsettled: each
    # exercise holds (hold-not-settled), and the check-in says so. The weekly means
    # are 5.0 and 5.0 (no rise); nothing reaches 6; day 16: no therapist rule yet.
    h.weeks(d("2026-11-02"), d("2026-11-16"), runs=(), after_session=5, morning=5)
    h.score(d("2026-11-17"), 5, "next-morning")
    return {
        "title": "Every next morning still 5 after a 5 the evening before: not settled, so hold "
        "and take it easier.",
        "story": "Stopped running and did the routine three times a week for two weeks. "
        "Logs 5 after each session and 5 again the next morning, this Tuesday too.",
        "today": d("2026-11-17"),
        "expected": [*each("hold-not-settled"), advice("check-in-not-settled")],
        "figures": {"advice.3.figures.morning": 5.0, "advice.3.figures.day_before": 5.0},
    }


@scenario
def s15_next_morning_seven_after_24h(h: History) -> dict[str, Any]:
    # Monday's session was at 07:00; the left knee's 7 came at 07:44 on Tuesday,
    # 24 h 44 min later but on the next local day: too much, so every exercise of
    # Monday's session steps back (leg raises 10 -> 5, the others ease off). The 7
    # is higher than Monday's 3 (the same knee: a score for both counts for it):
    # not settled, check-in.
    h.level(LEG, 10, d("2026-11-09"))
    for day in days_between(d("2026-11-02"), d("2026-11-16")):
        if day.weekday() in ROUTINE_DAYS:
            h.session(day, 7)
            h.score(day, 2 if day < d("2026-11-16") else 3, hh=12, mm=30)
        if day.weekday() in (TUE, THU, SAT) and day > d("2026-11-02"):
            h.score(day, 1, "next-morning")
        if day.weekday() == SUN:
            h.score(day, 2, "after-run", hh=11)
    h.score(d("2026-11-17"), 7, "next-morning", knee="left", hh=7, mm=44)
    return {
        "title": "A morning session, then a left-knee 7 the next morning, 24 h 44 min later: step "
        "back.",
        "story": "Does the routine at 7 in the morning. On Monday logged 3 at lunchtime; on "
        "Tuesday at 07:44 the left knee was 7.",
        "today": d("2026-11-17"),
        "expected": [*each("step-back-too-much"), advice("check-in-not-settled")],
        "figures": {"advice.0.figures.knee": "left", "advice.0.figures.to_s": 5},
    }


@scenario
def s16_first_rung_too_much(h: History) -> dict[str, Any]:
    # Wednesday's session (leg raises and curls, calf raises skipped) was followed by
    # a 6: leg raises and curls step back, and on their first step that means ease
    # off. Calf raises were not in it, but a 6 was logged since their hold was set
    # (never): they hold. Yesterday's session counted, nothing this morning: check-in.
    h.weeks(
        d("2026-11-02"), d("2026-11-10"), runs=(TUE, SUN), after_session=2, after_run=2, morning=1
    )
    h.session(d("2026-11-11"), skip=[CALF])
    h.score(d("2026-11-11"), 1, "next-morning")
    h.score(d("2026-11-11"), 6)
    return {
        "title": "A 6 after Wednesday's session on the first steps: ease off, the exercises of "
        "that session.",
        "story": "Second week of the routine at the first steps, scores of 2. On Wednesday "
        "skipped the calf raises, did the rest, and logged 6 that evening; nothing yet "
        "this Thursday morning.",
        "today": d("2026-11-12"),
        "expected": [
            advice("step-back-too-much", LEG),
            advice("step-back-too-much", HAM),
            advice("hold-high-score", CALF),
            advice("check-in-morning"),
        ],
        "figures": {"advice.0.figures.from_s": 5, "advice.0.figures.to_s": 5},
    }


@scenario
def s17_back_after_ten_weeks(h: History) -> dict[str, Any]:
    # Last counted session Fri 28 Aug, today 6 Nov: 70 days, 14 or more since the
    # last one, and no hold set since: every exercise steps back one rung.
    h.level(LEG, 10, d("2026-06-22"))
    h.level(HAM, 10, d("2026-06-29"))
    h.level(CALF, 25, d("2026-07-13"))
    h.weeks(d("2026-06-01"), d("2026-08-28"), after_session=2, after_run=2, morning=1)
    h.score(d("2026-11-06"), 1, hh=10, note="back from travelling")
    return {
        "title": "Back after ten weeks away: start a step lower on every exercise.",
        "story": "Did the routine for three months and reached 10 s leg raises and curls and "
        "25 s calf raises, then stopped for ten weeks. Back today, logged a 1.",
        "today": d("2026-11-06"),
        "expected": each("step-back-gap"),
        "figures": {
            "adherence.days_since_last_session": 70,
            "advice.0.figures.gap_days": 70,
            "advice.2.figures.to_s": 20,
        },
    }


@scenario
def s18_left_morning_right_evening(h: History) -> dict[str, Any]:
    # Yesterday only the right knee was logged (1 after a run); this morning only the
    # left (4). The left morning has no evening of its own to be set against, so it
    # cannot be judged: no "not settled". The runner stepped up on Monday and has
    # one session at the new holds: no verdict. Day 17: no therapist rule.
    h.weeks(d("2026-11-02"), d("2026-11-15"), after_session=2, after_run=2, morning=1)
    for exercise, hold in ((LEG, 10), (HAM, 10), (CALF, 25)):
        h.level(exercise, hold, d("2026-11-16"))
    h.session(d("2026-11-16"))
    h.score(d("2026-11-16"), 1, "next-morning")
    h.score(d("2026-11-16"), 2)
    h.score(d("2026-11-17"), 1, "next-morning")
    h.score(d("2026-11-17"), 1, "after-run", knee="right")
    h.score(d("2026-11-18"), 4, "next-morning", knee="left")
    return {
        "title": "Left knee 4 this morning, only the right knee logged last night: the knees are "
        "not compared.",
        "story": "Stepped up every exercise on Monday. After Tuesday's run logged only the "
        "right knee (1); this Wednesday morning logged only the left knee (4).",
        "today": d("2026-11-18"),
        "expected": [],
    }


@scenario
def s19_skipped_sessions(h: History) -> dict[str, Any]:
    # The last counted session was Fri 30 Oct. Since then six "completed" sessions
    # with every exercise skipped (0 reps), one with only the leg raises (20 of 50
    # holds, under half) and one stopped: none counts. 19 days since the last
    # counted session: every exercise steps back (leg raises 10 -> 5, the others
    # ease off), and no week since is on target.
    h.level(LEG, 10, d("2026-10-26"))
    h.weeks(d("2026-10-12"), d("2026-10-30"), after_session=2, after_run=2, morning=1)
    h.weeks(
        d("2026-10-31"),
        d("2026-11-17"),
        after_run=2,
        morning=1,
        with_sessions=False,
        continuing=True,
    )
    for day in ("2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-11", "2026-11-13"):
        h.session(d(day), skip=EXERCISES)
    h.session(d("2026-11-16"), skip=[HAM, CALF])
    h.score(d("2026-11-18"), 1, "next-morning")
    h.session(d("2026-11-18"), 9, stop_after=6)
    return {
        "title": "Three weeks of sessions with every exercise skipped: they do not count, and the "
        "gap shows.",
        "story": "Did the routine properly for three weeks, then for nearly three weeks "
        "started it and skipped every exercise, once did only the leg raises, and "
        "this morning stopped after six holds. Kept running.",
        "today": d("2026-11-18"),
        "expected": each("step-back-gap"),
        "figures": {
            "adherence.weeks_on_target_in_a_row": 0,
            "adherence.sessions_this_week": 0,
            "adherence.days_since_last_session": 19,
            "soreness.sessions": 9,
        },
    }


@scenario
def s20_red_flag_unacknowledged(h: History) -> dict[str, Any]:
    # Swelling ten days ago, never acknowledged: the red flag still stands. Its 7
    # was on a Sunday, neither a session day nor the day after one: no step-back;
    # every exercise would be due a step-up and holds for the red flag.
    h.weeks(
        d("2026-10-19"), d("2026-11-17"), runs=(TUE, THU), after_session=2, after_run=2, morning=1
    )
    h.score(
        d("2026-11-08"),
        7,
        "after-run",
        knee="left",
        hh=12,
        km=18.0,
        flags=["swelling"],
        note="left knee puffy after the long run",
    )
    h.score(d("2026-11-18"), 1, "next-morning")
    return {
        "title": "Swelling ten days ago, never acknowledged: the red flag still stands.",
        "story": "Logged 7 with swelling in the left knee after a long run ten days ago, "
        "then went on with the routine and shorter runs at 2 and 1 without having it "
        "seen or acknowledging the notice.",
        "today": d("2026-11-18"),
        "expected": [advice("red-flag-symptom"), *each("hold-notice")],
        "figures": {"red_flags.0.day": "2026-11-08", "red_flags.0.flags": ["swelling"]},
    }


@scenario
def s21_red_flag_acknowledged(h: History) -> dict[str, Any]:
    # The swelling (a 4) was acknowledged four days later: no red flag. It was not a
    # score of 6, so nothing holds a step-up back; the latest three sessions are
    # full with 2s and settled 1s, the weekly means fall: step up everything.
    h.weeks(d("2026-10-12"), d("2026-10-24"), after_session=2, after_run=2, morning=1)
    h.score(d("2026-10-25"), 4, "after-run", knee="left", hh=12, km=16.0, flags=["swelling"])
    h.score(d("2026-10-26"), 2, "next-morning", knee="left")
    h.acknowledge(d("2026-10-29"))
    h.weeks(d("2026-10-30"), d("2026-11-11"), after_session=2, after_run=2, morning=1)
    h.score(d("2026-11-12"), 1, "next-morning")
    return {
        "title": "Swelling that was seen and acknowledged: no red flag, and a step-up once the "
        "sessions are good.",
        "story": "Logged 4 with swelling after a long run three weeks ago, rested three "
        "days, had the knee seen and acknowledged the notice. Since then full sessions "
        "with 2s and 1s.",
        "today": d("2026-11-12"),
        "expected": each("progress"),
        "figures": {"red_flags": []},
    }


@scenario
def s22_severe_standing(h: History) -> dict[str, Any]:
    # The right knee's 8 last night is a severe-pain red flag; nothing since, so it
    # has not eased. It came the day after Friday's session: every exercise of it
    # steps back (leg raises 10 -> 5, the others ease off). Yesterday's run was
    # logged, nothing this morning: check-in.
    h.level(LEG, 10, d("2026-11-09"))
    h.weeks(
        d("2026-11-02"), d("2026-11-13"), runs=(TUE, THU), after_session=2, after_run=2, morning=1
    )
    h.score(d("2026-11-14"), 1, "next-morning")
    h.score(d("2026-11-14"), 8, "after-run", knee="right", km=12.0)
    return {
        "title": "A right-knee 8 after Saturday's run, nothing logged since: severe pain, rest "
        "and see if it eases.",
        "story": "Two weeks of the routine at 2 and 1. After a 12 km run on Saturday, the "
        "day after a session, the right knee was 8; nothing logged yet this Sunday.",
        "today": d("2026-11-15"),
        "expected": [
            advice("red-flag-severe"),
            *each("step-back-too-much"),
            advice("check-in-morning"),
        ],
        "figures": {"red_flags.0.rule": "red-flag-severe", "red_flags.0.knee": "right"},
    }


@scenario
def s23_severe_eased_next_day(h: History) -> dict[str, Any]:
    # Sunday's 8 (both knees) was followed on Monday morning by a 3 for both: eased,
    # so no red flag. Sunday is neither a session day nor the day after one: no
    # step-back. But a score of 6 or more since the holds were set (never) holds
    # every step-up back.
    h.weeks(
        d("2026-11-02"), d("2026-11-14"), runs=(TUE, THU), after_session=2, after_run=2, morning=1
    )
    h.score(d("2026-11-15"), 8, "after-run", hh=13, km=21.1, note="half marathon")
    h.score(d("2026-11-16"), 3, "next-morning")
    return {
        "title": "An 8 after Sunday's half marathon that eased to 3 by Monday morning: no red "
        "flag, but hold.",
        "story": "Two weeks of the routine at 2 and 1, then a half marathon on Sunday: 8 "
        "for both knees that afternoon, 3 this Monday morning.",
        "today": d("2026-11-16"),
        "expected": each("hold-high-score"),
        "figures": {"red_flags": [], "advice.0.figures.score": 8},
    }


@scenario
def s24_weekly_rise(h: History) -> dict[str, Any]:
    # Knees logged separately, from a routine started 26 Oct (18 days: no
    # physical-therapist rule yet). The left stays at 1; the right knee was 2 all
    # along and is 4 after this week's sessions and runs (mornings 2, settled): its
    # last 7 days rose out of the safe band, so each exercise holds. No score is 6
    # or more, no notice stands.
    h.weeks(d("2026-10-26"), d("2026-11-05"), knee="left", after_session=1, after_run=1, morning=1)
    h.weeks(
        d("2026-10-26"),
        d("2026-11-05"),
        knee="right",
        after_session=2,
        after_run=2,
        morning=2,
        with_sessions=False,
    )
    h.weeks(
        d("2026-11-06"),
        d("2026-11-11"),
        knee="left",
        after_session=1,
        after_run=1,
        morning=1,
        continuing=True,
    )
    h.weeks(
        d("2026-11-06"),
        d("2026-11-11"),
        knee="right",
        after_session=4,
        after_run=4,
        morning=2,
        with_sessions=False,
        continuing=True,
    )
    h.score(d("2026-11-12"), 1, "next-morning", knee="left")
    h.score(d("2026-11-12"), 2, "next-morning", knee="right", mm=31)
    return {
        "title": "The right knee's week rose from 2.0 into the acceptable band: hold every "
        "exercise for now.",
        "story": "Two and a half weeks of full sessions, each knee logged on its own: left 1, "
        "right 2. This week the right knee is 4 after sessions and runs, 2 in the mornings.",
        "today": d("2026-11-12"),
        "expected": each("hold-weekly-rise"),
        "figures": {
            "advice.0.figures.knee": "right",
            "advice.0.figures.before": 2.0,
        },
    }


@scenario
def s25_too_much_tolerated(h: History) -> dict[str, Any]:
    # Monday 2 Nov: a 6 after the session. The four sessions since, at the same
    # holds, each had a 3 after it: tolerated, so the step-back no longer stands.
    # The 6 was logged after each hold was set (leg raises on 26 Oct, the others
    # never): hold, until a hold is set again.
    h.level(LEG, 10, d("2026-10-26"))

    def after(day: dt.date) -> int:
        if day == d("2026-11-02"):
            return 6
        return 3 if day > d("2026-11-02") else 2

    h.weeks(d("2026-10-19"), d("2026-11-12"), after_session=after, after_run=2, morning=2)
    h.score(d("2026-11-13"), 2, "next-morning")
    return {
        "title": "A 6 after one session, then four good ones at the same holds: no step-back any "
        "more, but hold.",
        "story": "Reached 10 s leg raises. Logged 6 after the session of Monday 2 November, "
        "did not change the holds, and logged 3 after each of the four sessions since.",
        "today": d("2026-11-13"),
        "expected": each("hold-high-score"),
        "figures": {"advice.0.figures.day": "2026-11-02"},
    }


@scenario
def s26_step_back_accepted(h: History) -> dict[str, Any]:
    # The 6 of Monday 2 Nov was answered the next day: the runner accepted the step
    # back (leg raises 10 -> 5) and the ease-off (curls and calf raises kept at their
    # first steps). Nothing of 6 since those holds were set; four full sessions at
    # them with 2s and settled 1s; the last 7 days (1.43) are below the 7 before
    # (1.79, which held the 6): step up every exercise.
    h.level(LEG, 10, d("2026-10-26"))

    def after(day: dt.date) -> int:
        return 6 if day == d("2026-11-02") else 2

    h.weeks(d("2026-10-19"), d("2026-11-02"), after_session=after, after_run=2, morning=1)
    h.level(LEG, 5, d("2026-11-03"))
    h.level(HAM, 5, d("2026-11-03"))
    h.level(CALF, 20, d("2026-11-03"))
    h.weeks(
        d("2026-11-03"), d("2026-11-11"), after_session=2, after_run=2, morning=1, continuing=True
    )
    h.score(d("2026-11-12"), 1, "next-morning")
    return {
        "title": "A 6, the step back accepted, then four good sessions: step up again.",
        "story": "Logged 6 after a session at 10 s leg raises, accepted the step back to "
        "5 s and the easier curls and calf raises the next day, then did four full "
        "sessions with 2s after them and 1s the next mornings.",
        "today": d("2026-11-12"),
        "expected": each("progress"),
        "figures": {"holds": {LEG: 5, HAM: 5, CALF: 20}},
    }


@scenario
def s27_gap_tolerated(h: History) -> dict[str, Any]:
    # 24 days away (9 Oct to 2 Nov). Back at the same holds, four sessions since the
    # return each with a score of 3 or less after them: the gap's step-back no
    # longer stands. The latest three are full, settled, and the week falls: step up.
    h.level(LEG, 10, d("2026-09-21"))
    h.weeks(d("2026-09-07"), d("2026-10-09"), after_session=2, after_run=2, morning=1)
    back = {"2026-11-02": 3, "2026-11-04": 2, "2026-11-06": 2, "2026-11-09": 2}
    for day, value in back.items():
        h.session(d(day))
        h.score(d(day), value)
        h.score(d(day) + DAY, 2 if value == 3 else 1, "next-morning")
    return {
        "title": "Back after 24 days at the same holds, four good sessions since: the gap is "
        "behind, step up.",
        "story": "Stopped for three and a half weeks, came back without changing the holds "
        "and stopped running for now. Logged 3 after the first session back, 2 after "
        "the next three, and lower each next morning.",
        "today": d("2026-11-10"),
        "expected": each("progress"),
        "figures": {"adherence.days_since_last_session": 1},
    }


@scenario
def s28_step_back_watched_for_four_weeks(h: History) -> dict[str, Any]:
    # A 6 after the session of Mon 12 Oct, with every exercise in it. The runner
    # kept the holds and has done every session since, but logged only Sunday runs:
    # no session since has a score after it, so none was "tolerated", and no hold
    # was set. A step back is looked at for 28 days after the score; 35 days on,
    # the 6 still holds every step up back (it was logged after each hold was set).
    # Yesterday's run was logged, not this morning: check-in.
    h.level(LEG, 10, d("2026-10-05"))
    h.weeks(d("2026-09-28"), d("2026-10-11"), after_session=2, after_run=2, morning=1)
    h.session(d("2026-10-12"))
    h.score(d("2026-10-12"), 6)
    h.weeks(d("2026-10-13"), d("2026-11-15"), runs=(SUN,), after_run=2)
    return {
        "title": "A 6 after a session five weeks ago, every session since unscored: the step "
        "back has lapsed, the hold has not.",
        "story": "Logged 6 after a session in mid-October, changed nothing, and kept up the "
        "routine three times a week, logging only a 2 after each Sunday run.",
        "today": d("2026-11-16"),
        "expected": [*each("hold-high-score"), advice("check-in-morning")],
        "figures": {"advice.0.figures.day": "2026-10-12"},
    }


@scenario
def s29_one_exercise_short(h: History) -> dict[str, Any]:
    # In each of the latest three sessions: leg raises had 17 of 20 holds reaching
    # 90% of 5 s (three let go at 3 s: 85%, under 90%), so they hold; the curls had
    # 18 of 20 (two at 4.4 s, under 4.5 s: exactly 90% of the holds, enough); every
    # calf raise was held 18 s of 20 (exactly 90% of the target, enough). Both step
    # up. Scores as in a steady week, no rise, settled.
    def leg(number: int, target: int) -> float:
        return 3.0 if number in (15, 17, 19) else float(target)

    def curl(number: int, target: int) -> float:
        return 4.4 if number in (18, 19) else float(target)

    def calf(number: int, target: int) -> float:
        return 18.0

    h.weeks(d("2026-11-02"), d("2026-11-05"), after_session=2, after_run=2, morning=1)
    h.weeks(
        d("2026-11-06"),
        d("2026-11-11"),
        after_session=2,
        after_run=2,
        morning=1,
        with_sessions=False,
        continuing=True,
    )
    for day in ("2026-11-06", "2026-11-09", "2026-11-11"):
        h.session(d(day), held={LEG: leg, HAM: curl, CALF: calf})
    h.score(d("2026-11-12"), 1, "next-morning")
    return {
        "title": "Leg raises let go early three times a session, the rest held long enough: only "
        "the leg raises hold.",
        "story": "In the last three sessions let three leg raises of twenty go at 3 s, two "
        "curls at 4.4 s, and held every calf raise 18 s of 20; scores 2 and 1.",
        "today": d("2026-11-12"),
        "expected": [
            advice("hold-evidence", LEG),
            advice("progress", HAM),
            advice("progress", CALF),
        ],
    }


@scenario
def s30_severe_eased_too_late(h: History) -> dict[str, Any]:
    # Saturday's 8 for the left knee: nothing on Saturday or Sunday, and Monday's 3
    # came two days later, not the same day or the next: the red flag stands. The 8
    # came the day after Friday's session, and only one session was done since:
    # every exercise (all on their first steps) eases off.
    h.weeks(
        d("2026-11-02"), d("2026-11-13"), runs=(TUE, THU), after_session=2, after_run=2, morning=1
    )
    h.score(d("2026-11-14"), 1, "next-morning")
    h.score(d("2026-11-14"), 8, "after-run", knee="left", km=15.0)
    h.score(d("2026-11-16"), 3, "next-morning", knee="left")
    h.session(d("2026-11-16"))
    h.score(d("2026-11-16"), 2)
    h.score(d("2026-11-17"), 1, "next-morning")
    return {
        "title": "A left-knee 8 on Saturday, next logged on Monday at 3: too late to count as "
        "eased, the red flag stands.",
        "story": "Two weeks of the routine, then 8 in the left knee after Saturday's 15 km "
        "run. Logged nothing on Sunday, 3 on Monday morning, did Monday's session, "
        "and 1 this Tuesday morning.",
        "today": d("2026-11-17"),
        "expected": [advice("red-flag-severe"), *each("step-back-too-much")],
        "figures": {"red_flags.0.day": "2026-11-14"},
    }


def spike_history(h: History, *, spike_flags: Iterable[str] = ()) -> None:
    """Ten weeks of the routine on the top step of every exercise (nothing to step
    up to), low scores, and runs on Tuesdays and Thursdays (8 km) and Sundays, the
    Sunday run growing from 8.8 to 12.0 km by 10% or less a week; then 21.1 km on
    Sunday 2026-11-15, with an after-run score of 2 (or 4 with `spike_flags`)."""
    h.level(LEG, 10, d("2026-09-28"))
    h.level(HAM, 10, d("2026-09-28"))
    h.level(CALF, 25, d("2026-10-05"))
    h.level(LEG, 15, d("2026-10-19"))
    h.level(CALF, 30, d("2026-10-26"))
    h.weeks(d("2026-09-07"), d("2026-09-13"), runs=(), after_session=2, morning=1)
    h.weeks(d("2026-09-14"), d("2026-11-16"), runs=(), after_session=1, morning=0, continuing=True)
    sundays = {"2026-09-13": 8.8, "2026-09-20": 9.6, "2026-09-27": 10.5, "2026-10-04": 11.5}
    for day in days_between(d("2026-09-08"), d("2026-11-14")):
        if day.weekday() in (TUE, THU):
            h.run(day, 8.0, after=1, morning=0)
        elif day.weekday() == SUN:
            h.run(day, sundays.get(day.isoformat(), 12.0), hh=9, after=1, morning=0)
    flagged = tuple(spike_flags)
    h.run(d("2026-11-15"), 21.1, hh=9, after=4 if flagged else 2, morning=1, flags=flagged)
    h.score(d("2026-11-17"), 0, "next-morning")  # after Monday's session


SPIKE_WORDS = (
    "Sunday's 21.1 km was 76% longer than your longest run of the previous 30 days "
    "(12.0 km): a moderate spike. "
)


@scenario
def s31_moderate_spike(h: History) -> dict[str, Any]:
    # Sunday's 21.1 km against the longest run of the 30 days before it, 12.0 km
    # (every Sunday since 4 October): 75.8% longer, a moderate spike (over 30% to
    # 100%). Today is Tuesday, day 3 of the warning's 7, and no run since: it
    # stands. Everything else is calm: top of every ladder, scores 0 to 2, this
    # morning logged (no check-in), the last 7 days well below 3.
    spike_history(h)
    return {
        "title": "A 21.1 km Sunday run after a month of 12 km at most: a moderate spike, with "
        "the numbers.",
        "story": "Ten weeks of the routine on the top steps, runs of 8 km on Tuesdays and "
        "Thursdays and a Sunday long run built up to 12 km. Then a half marathon on "
        "Sunday, logged 2 after it and 1 the next morning.",
        "today": d("2026-11-17"),
        "expected": [advice("spike-run")],
        "figures": {
            "advice.0.message": SPIKE_WORDS + "Keep the next runs within 10% of 12.0 km.",
            "advice.0.figures.spike": "moderate",
            "advice.0.figures.hazard_rate_ratio": 1.52,
        },
    }


@scenario
def s32_spike_then_easy_run(h: History) -> dict[str, Any]:
    # The same Sunday spike, then 10 km this Tuesday morning: within 10% of the
    # 12.0 km before the spike (13.2 km), as the warning asked, so it no longer
    # stands. The score after it is 1 and this morning was logged: nothing to act on.
    spike_history(h)
    h.run(d("2026-11-17"), 10.0, after=1)
    return {
        "title": "The same Sunday spike, then an easy 10 km on Tuesday: the warning was heeded "
        "and is gone.",
        "story": "The history of the Sunday half marathon, then a 10 km run this Tuesday "
        "morning with a score of 1 after it.",
        "today": d("2026-11-17"),
        "expected": [],
    }


@scenario
def s33_spike_with_red_flag(h: History) -> dict[str, Any]:
    # Sunday's spike came with swelling in both knees: the red flag stands until it
    # is acknowledged and says to rest from running, so the spike warning, ranked
    # after it, names the spike but does not ask for runs within 10% of 12.0 km.
    # Every exercise is on its top step: no hold verdicts.
    spike_history(h, spike_flags=["swelling"])
    return {
        "title": "A spike run that ended with a swollen knee: the red flag first, and the spike "
        "warning says rest.",
        "story": "The Sunday half marathon of a runner on the top steps, with a score of 4 "
        "and swelling after it, and 1 the next morning.",
        "today": d("2026-11-17"),
        "expected": [advice("red-flag-symptom"), advice("spike-run")],
        "figures": {
            "advice.1.message": SPIKE_WORDS + "Rest from running while the red-flag notice stands.",
        },
    }


# Writing ---------------------------------------------------------------------------


def _flat(value: Any) -> bool:
    """A value written on one line: a scalar, a list of scalars, or an object of
    those (a score, a rep, a level)."""
    if isinstance(value, list):
        return all(not isinstance(item, dict | list) for item in value)
    if isinstance(value, dict):
        return all(not isinstance(v, dict | list) or _flat(v) for v in value.values())
    return True


def render(value: Any, depth: int = 0) -> str:
    """JSON with one score, rep or level a line: a few hundred kilobytes instead of
    megabytes, and a diff shows which rep changed."""
    if _flat(value) and not (isinstance(value, dict) and depth == 0):
        return json.dumps(value, ensure_ascii=False)
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(value, list):
        items = ",\n".join(inner + render(item, depth + 1) for item in value)
        return f"[\n{items}\n{pad}]" if value else "[]"
    items = ",\n".join(
        f"{inner}{json.dumps(key, ensure_ascii=False)}: {render(item, depth + 1)}"
        for key, item in value.items()
    )
    return f"{{\n{items}\n{pad}}}"


def build_all() -> dict[str, str]:
    """Each file's name and text."""
    files = {}
    for build in SCENARIOS:
        made = build()
        text = render(made["document"]) + "\n"
        assert json.loads(text) == made["document"]
        files[f"{made['stem']}.json"] = text
    return files


KIND_WORDS = {
    "red-flag": "red flag",
    "see-physical-therapist": "see a physical therapist",
    "step-back": "step back",
    "hold": "hold",
    "progress": "step up",
    "spike": "spike warning",
    "check-in": "check-in",
}
SHORT_NAMES = {LEG: "leg raises", HAM: "curls", CALF: "calf raises"}


def advice_words(expected: list[dict[str, Any]]) -> str:
    """The advice in words, one kind after another: "see a physical therapist;
    hold leg raises, calf raises"."""
    groups: list[tuple[str, list[str]]] = []
    for item in expected:
        kind, exercise = item["kind"], item["exercise"]
        if groups and groups[-1][0] == kind and exercise:
            groups[-1][1].append(SHORT_NAMES[exercise])
        else:
            groups.append((kind, [SHORT_NAMES[exercise]] if exercise else []))
    parts = []
    for kind, names in groups:
        if len(names) == len(EXERCISES):
            names = ["every exercise"]
        parts.append(" ".join([KIND_WORDS[kind], ", ".join(names)]).strip())
    return "; ".join(parts) or "nothing to act on"


def table_row(stem: str, document: dict[str, Any]) -> str:
    """The scenario table's row for docs/coaching.md."""
    expected = document["expected"]
    rules = ", ".join(
        item["rule"] + (f" ({item['exercise']})" if item["exercise"] else "") for item in expected
    )
    return f"| `{stem}` | {document['title']} | {advice_words(expected)} | {rules or 'none'} |"


def main(argv: list[str]) -> int:
    files = build_all()
    if "--table" in argv:
        for name, text in files.items():
            print(table_row(name.removesuffix(".json"), json.loads(text)))
        return 0
    if "--check" in argv:
        stale = [
            name
            for name, text in files.items()
            if not (HERE / name).is_file() or (HERE / name).read_text(encoding="utf-8") != text
        ]
        extra = sorted({p.name for p in HERE.glob("*.json")} - set(files))
        for name in stale + extra:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale or extra else 0
    for name, text in files.items():
        (HERE / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} scenarios to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
