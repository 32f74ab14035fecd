"""Apps for Pilot and snapshot tests: a real store in tmp_path, a fixed clock and
seeded data, so what the screen shows is the same on every run."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot

from kneetui.domain.demo import demo_history
from kneetui.domain.routine import Routine
from kneetui.storage.store import Store
from kneetui.tui.app import KneetuiApp
from tests.conftest import NOW

# The app's wall clock in tests: Wednesday 18 November 2026, 18:30 UTC.
CLOCK_NOW = NOW.astimezone(dt.UTC)


def fixed_clock() -> dt.datetime:
    return CLOCK_NOW


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "app.db", now=NOW) as store:
        yield store


@pytest.fixture
def demo_store(tmp_path: Path, routine: Routine) -> Iterator[Store]:
    with Store.open(tmp_path / "demo.db", now=NOW) as store:
        store.import_bundle(demo_history(routine, CLOCK_NOW.date(), dt.UTC))
        # The demo ran yesterday: answer "not now" to the morning check-in up front,
        # so its question does not cover the dashboard these tests look at.
        store.set_setting("check_in_dismissed_on", CLOCK_NOW.date().isoformat())
        yield store


AppFactory = Callable[..., KneetuiApp]


class LoadedApp(KneetuiApp):
    """The real app; `run_test` hands over the pilot once the dashboard has also
    done the loading it defers until after its first paint. The chart is drawn
    on the event loop, so snapshots never catch it half-way."""

    chart_in_thread = False

    @asynccontextmanager
    async def run_test(self, *args: Any, **kwargs: Any) -> AsyncIterator[Pilot[int]]:
        async with super().run_test(*args, **kwargs) as pilot:
            await pilot.pause()
            settle_writes(pilot, self.store)
            yield pilot


def settle_writes(pilot: Pilot[int], store: Store) -> None:
    """Reps and scores are committed by the store's writer thread: make each
    pause (and each key press, which ends in one) also wait for the writes handed
    over so far, and let the app take in their results, as a runner who looks at
    the screen a moment later would see it."""
    pause = pilot.pause

    async def pause_after_writes(delay: float | None = None) -> None:
        await asyncio.to_thread(store.flush)
        await pause(delay)

    pilot.pause = pause_after_writes  # type: ignore[method-assign]


def send_at_once(app: App[Any], *keys: str) -> None:
    """Post `keys` to the app in one burst, as a terminal sends keys typed fast or
    pasted (Pilot's press lets the app settle after each key)."""
    for key in keys:
        app.post_message(events.Key(key, "\r" if key == "enter" else key))


@pytest.fixture
def make_app(routine: Routine) -> AppFactory:
    def make(store: Store, **kwargs: object) -> KneetuiApp:
        kwargs.setdefault("clock", fixed_clock)
        kwargs.setdefault("zone", dt.UTC)  # the same times on every machine
        return LoadedApp(store, routine, **kwargs)  # type: ignore[arg-type]

    return make
