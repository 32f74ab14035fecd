"""The log form after a run, in the real app: it names the run that ended in the
12 hours before and fills in its distance and time; Enter saves them. A
distance typed with no run behind it is stored as a manual run; a refused
score stores none. The history's detail line names a score's run."""

from __future__ import annotations

import datetime as dt
import uuid

from textual.widgets import Input, Select, Static

from kneetui.domain.models import Context
from kneetui.domain.runs import Run, RunSource
from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from kneetui.tui.screens.log_form import LogSorenessScreen
from tests.tui.conftest import CLOCK_NOW, AppFactory


def store_run(store: Store, ended_before: dt.timedelta, km: float = 10.2) -> Run:
    started = CLOCK_NOW - ended_before - dt.timedelta(minutes=62)
    run = Run(
        uuid=str(uuid.uuid4()),
        started_at=started,
        local_day=started.date(),
        distance_km=km,
        elapsed_minutes=62.0,
        source=RunSource.GPX,
    )
    assert store.add_run(run)
    return run


def fields(screen: LogSorenessScreen) -> tuple[str, str]:
    return screen.query_one("#km", Input).value, screen.query_one("#minutes", Input).value


def run_line(screen: LogSorenessScreen) -> str | None:
    line = screen.query_one("#log-run", Static)
    return str(line.render()) if line.display else None


async def test_the_form_names_the_run_fills_it_in_and_enter_saves(
    empty_store: Store, make_app: AppFactory
) -> None:
    run = store_run(empty_store, dt.timedelta(hours=2))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        assert run_line(form) == "After your 10.2 km run of 15:28 (62 min)"
        assert fields(form) == ("10.2", "62")
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert [str(n.message) for n in app._notifications] == [
            "Logged 4/10 (acceptable) for both knees after your 10.2 km run of 15:28 (62 min)"
        ]
    (entry,) = empty_store.soreness()
    assert (entry.run_km, entry.run_minutes) == (10.2, 62.0)
    assert empty_store.runs() == [run]  # linked, not copied


async def test_the_form_follows_the_context_choice(
    empty_store: Store, make_app: AppFactory
) -> None:
    store_run(empty_store, dt.timedelta(hours=2))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        form.query_one("#context", Select).value = Context.NEXT_MORNING
        await pilot.pause()
        assert run_line(form) is None
        assert fields(form) == ("", "")
        form.query_one("#context", Select).value = Context.AFTER_RUN
        await pilot.pause()
        assert fields(form) == ("10.2", "62")
        # What the runner typed is theirs: another context keeps it.
        form.query_one("#km", Input).value = "9"
        form.query_one("#context", Select).value = Context.OTHER
        await pilot.pause()
        assert fields(form) == ("9", "62")


async def test_a_run_ended_more_than_12_hours_before_is_not_offered(
    empty_store: Store, make_app: AppFactory
) -> None:
    store_run(empty_store, dt.timedelta(hours=12, seconds=1))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        assert run_line(form) is None
        assert fields(form) == ("", "")


async def test_a_distance_typed_with_no_run_is_stored_as_a_manual_run(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        assert run_line(form) is None
        form.query_one("#km", Input).value = "8"
        form.query_one("#minutes", Input).value = "45"
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    (run,) = empty_store.runs()
    assert (run.distance_km, run.elapsed_minutes, run.source) == (8.0, 45.0, RunSource.MANUAL)
    assert run.ended_at == CLOCK_NOW.replace(microsecond=0)
    (entry,) = empty_store.soreness()
    assert (entry.run_km, entry.run_minutes) == (8.0, 45.0)


async def test_a_refused_score_stores_no_run(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        form.query_one("#km", Input).value = "8"
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert app.screen is form
        assert "score: must be a whole number" in str(form.query_one("#log-error").render())
    assert empty_store.runs() == []
    assert empty_store.soreness() == []


async def test_the_history_detail_names_the_run(empty_store: Store, make_app: AppFactory) -> None:
    store_run(empty_store, dt.timedelta(hours=2))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l", "4", "enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        detail = str(app.screen.query_one("#history-detail", Static).render())
        assert "after your 10.2 km run of 15:28 (62 min)" in detail


async def test_the_morning_check_ins_form_offers_the_run_only_after_a_run(
    empty_store: Store, make_app: AppFactory
) -> None:
    store_run(empty_store, dt.timedelta(hours=2))
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_log(Context.NEXT_MORNING)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogSorenessScreen)
        assert (run_line(form), fields(form)) == (None, ("", ""))
        form.query_one("#context", Select).value = Context.AFTER_RUN
        await pilot.pause()
        assert run_line(form) == "After your 10.2 km run of 15:28 (62 min)"
        assert fields(form) == ("10.2", "62")
