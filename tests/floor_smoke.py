"""Drives the real app headless through every screen: run as a script by
tests/test_dependency_floors.py, in a venv that holds the lowest versions
pyproject.toml declares (no pytest there). Exits non-zero, with the traceback,
if anything crashes or a screen does not show what it should.

Usage: python tests/floor_smoke.py FOLDER
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path


async def drive(folder: Path) -> None:
    from textual.widgets import Digits

    from kneetui.domain.demo import demo_history
    from kneetui.routine_file import load_routine
    from kneetui.storage.store import Store
    from kneetui.tui.app import KneetuiApp

    routine = load_routine()
    now = dt.datetime.now().astimezone()
    # A new file: the schema is built through sqlite-utils' Migrations.
    with Store.open(folder / "floor.db", now=now) as store:
        store.import_bundle(demo_history(routine, now.date(), now.tzinfo or dt.UTC))
        store.set_setting("check_in_dismissed_on", now.date().isoformat())
        app = KneetuiApp(store, routine, quiet=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()  # the chart, drawn by textual-plotext
            await pilot.pause()
            for key, screen in (
                ("h", "HistoryScreen"),
                ("t", "StatsScreen"),
                ("question_mark", "HelpScreen"),
                ("o", "SettingsScreen"),
                ("l", "LogSorenessScreen"),
            ):
                await pilot.press(key)
                await pilot.pause()
                assert type(app.screen).__name__ == screen, (key, app.screen)
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("r")  # another chart range
            await pilot.press("s")
            await pilot.pause(0.3)
            assert app.session_running
            assert app.screen.query_one(Digits).value
            await pilot.press("q")
        sessions = store.sessions()
        assert sessions and sessions[-1].status.value == "stopped", sessions[-1:]
    print("floor smoke: ok")


def main() -> None:
    asyncio.run(drive(Path(sys.argv[1])))


if __name__ == "__main__":
    main()
