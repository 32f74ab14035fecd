"""The spike warning: after a run much longer than the runner's recent longest,
say so with the numbers and what to do next.

    Frandsen et al., "How much running is too much? Identifying high-risk running
    sessions in a 5200-person cohort study", Br J Sports Med 2025;59:1203-1210,
    doi 10.1136/bjsports-2024-109380. The risk of overuse injury rose after a
    single run more than 10% longer than the longest run of the previous 30 days:
    hazard rate ratios 1.64 (small spike, over 10% to 30%), 1.52 (moderate, over
    30% to 100%) and 2.28 (large, over 100%), against runs within 10%.

The study's spike states were time-varying: a spike session puts the runner in a
spike state, and a later session can put them in another. The warning asks for
the next runs to stay within 10% of the longest run before the spike (the spike
itself is not the new yardstick), so it stands until a later run does that, or
for 7 days (`rules`, rule `spike-run`, says why). Pure: given the runs and today's local day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kneetui.domain.advice import Advice, AdviceKind
from kneetui.domain.rules import SPIKE_STANDS_DAYS
from kneetui.domain.runs import (
    LARGE_SPIKE_OVER,
    MODERATE_SPIKE_OVER,
    SMALL_SPIKE_OVER,
    Run,
    RunSpike,
    Spike,
    ceiling,
    spike_of,
    spikes,
)

# Frandsen et al. 2025: hazard rate ratios of overuse injury against runs within 10%.
HAZARD_RATE_RATIO = {Spike.SMALL: 1.64, Spike.MODERATE: 1.52, Spike.LARGE: 2.28}
_CUT_OFFS = (SMALL_SPIKE_OVER, MODERATE_SPIKE_OVER, LARGE_SPIKE_OVER)


def standing_spike(runs: Sequence[Run], today: dt.date) -> RunSpike | None:
    """The latest spike run of the last 7 local days (today included), unless a
    later run kept within 10% of the longest run before it. `runs` must hold every
    run from 30 days before the first of those days."""
    first = today - dt.timedelta(days=SPIKE_STANDS_DAYS - 1)
    judged = [r for r in spikes(runs) if r.run.local_day <= today]
    latest = next(
        (
            (index, r)
            for index, r in reversed(list(enumerate(judged)))
            if r.spike is not Spike.NONE and first <= r.run.local_day
        ),
        None,
    )
    if latest is None:
        return None
    index, found = latest
    if any(spike_of(r.run.distance_km, found.longest) is Spike.NONE for r in judged[index + 1 :]):
        return None
    return found


def day_words(day: dt.date, today: dt.date) -> str:
    """ "Today's", "Yesterday's" or the weekday's: "Sunday's"."""
    if day == today:
        return "Today's"
    if day == today - dt.timedelta(days=1):
        return "Yesterday's"
    return f"{day:%A}'s"


def percent_words(over: float) -> str:
    """ "76%"; "more than 10%" where rounding would land on a cut-off the run is
    over (a 10.4% spike is not "10% longer", which is no spike)."""
    whole = round(over * 100)
    for cut in _CUT_OFFS:
        if round(over, 9) > cut and whole <= round(cut * 100):
            return f"more than {round(cut * 100)}%"
    return f"{whole}%"


def spike_advice(found: RunSpike, today: dt.date, *, red_flag: bool = False) -> Advice:
    """The warning in words, with its figures. While a red flag stands, whose
    notice says to rest from running, the warning does not speak of the next runs."""
    run, longest, over = found.run, found.longest, found.over
    assert longest is not None and over is not None
    message = (
        f"{day_words(run.local_day, today)} {run.distance_km:.1f} km was {percent_words(over)} "
        f"longer than your longest run of the previous 30 days ({longest:.1f} km): "
        f"a {found.spike.value} spike. "
    )
    if red_flag:
        message += "Rest from running while the red-flag notice stands."
    else:
        message += f"Keep the next runs within 10% of {longest:.1f} km."
    figures = {
        "run": run.uuid,
        "day": run.local_day.isoformat(),
        "distance_km": round(run.distance_km, 2),
        "longest_km": round(longest, 2),
        "over_percent": round(over * 100, 1),
        "spike": found.spike.value,
        "hazard_rate_ratio": HAZARD_RATE_RATIO[found.spike],
        "ceiling_km": round(longest * (1.0 + SMALL_SPIKE_OVER), 2),
        "stands_until": (run.local_day + dt.timedelta(days=SPIKE_STANDS_DAYS - 1)).isoformat(),
    }
    return Advice(AdviceKind.SPIKE, message, "spike-run", figures)


def advised_ceiling(runs: Sequence[Run], now: dt.datetime, today: dt.date) -> float | None:
    """The longest run to advise for a run starting `now`: while a spike warning
    stands, 10% over the longest run before the spike (what the warning asks);
    otherwise `runs.ceiling`, 10% over the longest of the last 30 days. So that
    `kneetui runs --next` does not offer 23.2 km the day after a 21.1 km spike
    whose warning asks for 13.2."""
    found = standing_spike(runs, today)
    if found is not None and found.longest is not None:
        return found.longest * (1.0 + SMALL_SPIKE_OVER)
    return ceiling(runs, now)
