"""Every coaching rule in one table: its id, its exact condition and its source,
and the thresholds the rules share.

The advice the runner sees carries the id of the rule that gave it (`kneetui stats
--json` shows it), docs/coaching.md states each rule in plain words under its id,
and a test checks that the two lists agree. A physical therapist reviewing the
rules reads this table, the document, or both.

Sources:
- Pain-monitoring model: Thomeé R. 1997, "A comprehensive treatment approach for
  patellofemoral pain syndrome in young women", Phys Ther 77(12):1690–1703;
  Silbernagel KG et al. 2007, "Continued sports activity, using a pain-monitoring
  model, during rehabilitation in patients with Achilles tendinopathy", Am J Sports
  Med 35(6):897–906. On the 0–10 scale 0–2 is safe, 3–5 acceptable, 6–10 too much;
  pain after an activity should settle by the next morning and should not rise
  from week to week; load is raised while the response stays acceptable and
  lowered when it is too much.
- Meaningful change: Farrar JT et al. 2001, "Clinical importance of changes in
  chronic pain intensity measured on an 11-point numerical pain rating scale", Pain
  94(2):149–158: a fall of about 2 points or 30% is what patients call much
  better. The study was of moderate to severe pain, so the 30% is used only from a
  baseline of 3 or more.
- Severe pain: Serlin RC et al. 1995, "When is cancer pain mild, moderate or
  severe?", Pain 61(2):277–284: 7–10 is severe on the 0–10 scale; kneetui's red
  flag starts at 8 (DESIGN §5), inside that band.
- Red-flag symptoms: swelling, locking and giving way point at a structural injury
  of the knee (meniscus, ligament) and not being able to bear weight is one of the
  Ottawa knee rule's criteria (Stiell IG et al. 1996, JAMA 275(8):611–615); each is
  a reason to have the knee examined rather than train through it.
- The routine's own advice (data/routine.toml): hold a little longer as you get
  stronger; "if your knees are still sore after a few weeks of doing these
  exercises, consider visiting a physical therapist".
- Single-run spikes: Frandsen JSB et al. 2025, "How much running is too much?
  Identifying high-risk running sessions in a 5200-person cohort study", Br J
  Sports Med 59:1203-1210, doi 10.1136/bjsports-2024-109380: the risk of overuse
  injury rose after a run more than 10% longer than the longest of the previous
  30 days (hazard rate ratios 1.64, 1.52, 2.28 for small, moderate, large spikes).
- Detraining: Mujika I, Padilla S. 2000, "Detraining: loss of training-induced
  physiological and performance adaptations. Part I", Sports Med 30(2):79–87:
  gains start to fade within weeks of stopping, so a runner back after two weeks
  or more starts a step lower.
Where a number is kneetui's own choice (three sessions, 90%, half of the holds),
the table says so.
"""

from __future__ import annotations

from typing import NamedTuple

# The bands, the severe score and the counted share live in `thresholds`, which
# imports nothing (the prompt's `kneetui status` reads them); re-exported here.
from kneetui.domain.thresholds import ACCEPTABLE_MAX as ACCEPTABLE_MAX
from kneetui.domain.thresholds import COUNTED_SHARE as COUNTED_SHARE
from kneetui.domain.thresholds import SAFE_MAX as SAFE_MAX
from kneetui.domain.thresholds import SEVERE_SCORE as SEVERE_SCORE

TOO_MUCH = ACCEPTABLE_MAX + 1  # 6: the bottom of the "too much" band
STILL_SORE_MEAN = SAFE_MAX + 1  # 3.0: a 7-day mean above the safe band
UNSETTLED_SCORE = SAFE_MAX + 1  # 3: a next-morning score above the safe band

MEANINGFUL_POINTS = 2.0  # Farrar et al. 2001
MEANINGFUL_PERCENT = 30.0  # Farrar et al. 2001
PERCENT_FROM_BASELINE = 3.0  # the 30% applies from a baseline of 3 or more

ROUTINE_DAYS_BEFORE_THERAPIST = 21  # "a few weeks" of the routine: 3 weeks
SESSIONS_BEFORE_PROGRESS = 3  # kneetui's choice: a week at three days a week
FULL_HOLD_SHARE = 0.9  # kneetui's choice: a hold reaching 90% of its target ...
FULL_HOLDS_SHARE = 0.9  # ... in at least 90% of the exercise's planned holds
GAP_DAYS = 14  # two weeks or more between sessions (Mujika & Padilla 2000)
# A step back is looked at for 4 weeks: after a score of 6 or more, or after the
# return from a gap. By then a step up is still held back by the score (hold-high-
# score), and the runner has had four weeks of sessions to answer it.
WATCH_DAYS = 28
# The spike warning stands for 7 local days at most (the run's day is day 1): long
# enough for the next two or three runs of a runner who runs three times a week,
# and a warning about "Sunday's run" would name the wrong Sunday on the 8th day.
SPIKE_STANDS_DAYS = 7


class Rule(NamedTuple):
    id: str
    kind: str  # the advice kind it gives (`stats --json` "kind")
    condition: str  # the exact condition, in words
    source: str


RULES: tuple[Rule, ...] = (
    Rule(
        "red-flag-symptom",
        "red-flag",
        "A score logged with swelling, locking, giving way or not being able to bear "
        "weight stands until the runner acknowledges it (a in the app, `kneetui ack`).",
        "Red-flag symptoms of the knee; Ottawa knee rule (Stiell et al. 1996).",
    ),
    Rule(
        "red-flag-severe",
        "red-flag",
        f"A score of {SEVERE_SCORE} or more without a symptom stands until a later score "
        f"for that knee, the same local day or the next, is {ACCEPTABLE_MAX} or less, or "
        "until the runner acknowledges it.",
        "DESIGN §5; severe pain on the 0–10 scale (Serlin et al. 1995).",
    ),
    Rule(
        "see-physical-therapist",
        "see-physical-therapist",
        f"At least {ROUTINE_DAYS_BEFORE_THERAPIST} days of the routine (the day of the first "
        f"counted session is day 1), a knee's last 7 days average {STILL_SORE_MEAN:g} or "
        "more, and that is no meaningful improvement on the knee's baseline. Adherence "
        "does not silence it; when the routine was on target in half of the full weeks "
        "or fewer, the notice says so.",
        "The routine's own advice; pain-monitoring model; Farrar et al. 2001.",
    ),
    Rule(
        "step-back-too-much",
        "step-back",
        f"A score of {TOO_MUCH} or more, for either knee, on the local day of a session or "
        "the next local day, logged after the exercise's hold was last set: that "
        "session's exercises step back one rung (on the first rung: fewer reps or a rest "
        "day). It stands until the runner sets or accepts a hold, until "
        f"{SESSIONS_BEFORE_PROGRESS} later sessions at the current hold were tolerated, or "
        f"for {WATCH_DAYS} days after the score.",
        "Pain-monitoring model (6–10 is too much: lower the load).",
    ),
    Rule(
        "step-back-gap",
        "step-back",
        f"{GAP_DAYS} days or more between counted sessions (or since the last one): every "
        "exercise steps back one rung (on the first rung: fewer reps at first). It stands "
        "until the runner sets or accepts a hold on or after the gap's 14th day, until "
        f"{SESSIONS_BEFORE_PROGRESS} sessions after the gap at the current hold were "
        f"tolerated, or for {WATCH_DAYS} days after the first session back.",
        "Detraining (Mujika & Padilla 2000); kneetui's choice of 14 days.",
    ),
    Rule(
        "hold-notice",
        "hold",
        "A step-up would be due, but a red flag or the physical-therapist notice stands.",
        "One verdict: a step-up never stands beside a notice to have the knee seen.",
    ),
    Rule(
        "hold-high-score",
        "hold",
        f"A step-up would be due, but a score of {TOO_MUCH} or more was logged since the "
        "exercise's hold was last set. The runner can confirm the hold (p, or `kneetui "
        "level`): sessions then count from that moment.",
        "Pain-monitoring model.",
    ),
    Rule(
        "hold-weekly-rise",
        "hold",
        "A step-up would be due, but a knee's mean of the last 7 days is higher than its "
        "mean of the 7 days before and above the safe band (it rounds to 3 or more); a "
        "rise within the safe band 0–2 does not count.",
        "Pain-monitoring model: soreness should not rise from week to week.",
    ),
    Rule(
        "hold-not-settled",
        "hold",
        "A step-up would be due, but the latest next-morning score has not settled "
        "(see check-in-not-settled).",
        "Pain-monitoring model: soreness should settle by the next morning.",
    ),
    Rule(
        "hold-evidence",
        "hold",
        f"There are {SESSIONS_BEFORE_PROGRESS} or more counted sessions at the current hold, "
        f"but the latest {SESSIONS_BEFORE_PROGRESS} are not all evidence (see progress).",
        "No score is no evidence.",
    ),
    Rule(
        "progress",
        "progress",
        f"The latest {SESSIONS_BEFORE_PROGRESS} counted sessions at the current hold, on "
        f"separate days, each had at least {FULL_HOLDS_SHARE:.0%} of the exercise's planned "
        f"holds reaching {FULL_HOLD_SHARE:.0%} of the target, a score logged that day or the "
        f"next morning, every such score {ACCEPTABLE_MAX} or less, and a settled next "
        "morning where one was logged; no step back is due and nothing above holds it.",
        "The routine's advice (hold longer as you get stronger); pain-monitoring model; "
        "three sessions and 90% are kneetui's choice.",
    ),
    Rule(
        "spike-run",
        "spike",
        "A run more than 10% longer than the longest run of the 30 days before it "
        "(small to 30%, moderate to 100%, large beyond), on one of the last "
        f"{SPIKE_STANDS_DAYS} local days: the latest such run is named with its figures, "
        "and the next runs are to stay within 10% of that longest run. It stands until a "
        f"later run does so, or for {SPIKE_STANDS_DAYS} days (the run's day is day 1). "
        "While a red flag stands it says to rest from running instead. It ranks after the "
        "verdicts and before the check-ins, and holds no verdict back: it is about the "
        "next run, not the routine.",
        "Frandsen et al. 2025, Br J Sports Med 59:1203-1210 (hazard rate ratios 1.64, "
        "1.52, 2.28); 7 days is kneetui's choice.",
    ),
    Rule(
        "check-in-not-settled",
        "check-in",
        f"A knee's next-morning score of today (or, with none today, of yesterday) is "
        f"{UNSETTLED_SCORE} or more and not lower than the same knee's score of the day "
        "before (its after-run and other scores).",
        "Pain-monitoring model: soreness should settle by the next morning.",
    ),
    Rule(
        "check-in-morning",
        "check-in",
        "Yesterday had a counted session or an after-run score, and nothing is logged "
        "as next-morning today: ask how the knees feel this morning.",
        "Pain-monitoring model: the next morning shows whether the load was tolerated.",
    ),
    Rule(
        "counted-session",
        "adherence",
        f"A session counts (for adherence, the routine's start, gaps and evidence) when it "
        f"was completed with at least {COUNTED_SHARE:.0%} of the routine's planned holds "
        "done.",
        "kneetui's choice: a session with every exercise skipped is not a session.",
    ),
)

RULE_IDS = frozenset(rule.id for rule in RULES)
