"""Shared fixtures. Every test runs with its own data folder and database path, so
the developer's own kneetui data is never read or written."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kneetui.domain.routine import Routine
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store

REPO = Path(__file__).resolve().parent.parent
KNEETUI = Path(sys.executable).with_name("kneetui")
# In the timer pane whenever no session runs, on a routine day ("Press s to
# start today's session") and on a rest day alike: "About 10 min planned: ...".
# A test that waits for the dashboard in a real terminal, under the real clock,
# waits for this; "Press s to start" alone never came on a rest day.
TIMER_IDLE = "min planned"
# A fixed moment for tests that need one: Wednesday 18 November 2026, 18:30 UTC.
# It lies in the past, so the real command accepts data dated from it.
NOW = dt.datetime(2026, 11, 18, 18, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _private_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("KNEETUI_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kneetui.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, now=NOW) as opened:
        yield opened


@pytest.fixture(scope="session")
def routine() -> Routine:
    return load_routine()


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a kneetui subprocess: this one plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "KNEETUI_DB"}
    env.update(extra)
    return env
