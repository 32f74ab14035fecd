"""The spike warning in the coaching pane and how soreness followed load on the
stats screen, in the real app."""

from __future__ import annotations

import datetime as dt
import uuid

from textual.widgets import Static

from kneetui.domain.advice import NOT_MEDICAL_ADVICE
from kneetui.domain.models import Context, Knee, SorenessEntry
from kneetui.domain.runs import Run
from kneetui.storage.store import Store
from kneetui.tui.screens.stats import StatsScreen
from tests.tui.conftest import CLOCK_NOW, AppFactory

TODAY = CLOCK_NOW.date()  # a Wednesday
SUNDAY = TODAY - dt.timedelta(days=3)
SPIKE = (
    "Sunday's 21.1 km was 76% longer than your longest run of the previous 30 days "
    "(12.0 km): a moderate spike. Keep the next runs within 10% of 12.0 km."
)


def add_runs(store: Store, *runs: tuple[dt.date, float]) -> None:
    for day, km in runs:
        started = dt.datetime.combine(day, dt.time(9), dt.UTC)
        store.add_run(Run(str(uuid.uuid4()), started, day, km, elapsed_minutes=km * 6))


def add_morning(store: Store, day: dt.date, score: int) -> None:
    logged = dt.datetime.combine(day, dt.time(7, 30), dt.UTC)
    store.add_soreness(
        SorenessEntry(str(uuid.uuid4()), logged, day, score, Knee.BOTH, Context.NEXT_MORNING)
    )


async def test_the_coaching_pane_warns_of_sundays_spike(
    empty_store: Store, make_app: AppFactory
) -> None:
    add_runs(empty_store, (SUNDAY - dt.timedelta(days=10), 12.0), (SUNDAY, 21.1))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)):
        shown = str(app.screen.query_one("#coaching-text", Static).render())
        assert f"▲ {SPIKE}\n" in shown
        assert shown.count("Sunday's 21.1 km") == 1
        assert shown.endswith(NOT_MEDICAL_ADVICE)


async def test_the_stats_screen_shows_the_spike_and_soreness_after_runs(
    empty_store: Store, make_app: AppFactory
) -> None:
    add_runs(empty_store, (SUNDAY - dt.timedelta(days=10), 12.0), (SUNDAY, 21.1))
    add_morning(empty_store, SUNDAY - dt.timedelta(days=9), 1)
    add_morning(empty_store, SUNDAY + dt.timedelta(days=1), 4)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        shown = str(app.screen.query_one("#stats Static", Static).render())
        assert f"[spike] {SPIKE}" in shown
        assert (
            "  After spike runs: average 4.0 (n = 1); after other runs: average 1.0 (n = 1).\n"
            "  Too few runs to tell.\n"
        ) in shown
        assert "Spearman's rho +1.00 (n = 2)." in shown
        assert shown.rstrip().endswith(NOT_MEDICAL_ADVICE)
