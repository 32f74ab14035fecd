"""Matplotlib writes its font cache under MPLCONFIGDIR (else under the home
folder, a fresh temporary one in every test): one folder for the whole run, so
the cache is built once, for this process and the commands it starts alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.handout.history import report_history, store_history

# The commands under test read the real clock: their histories end today, here.
NOW = dt.datetime.now().astimezone()
TODAY = NOW.date()


@pytest.fixture(scope="session")
def _matplotlib_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("matplotlib")


@pytest.fixture(autouse=True)
def _matplotlib_config(_matplotlib_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLCONFIGDIR", str(_matplotlib_folder))


@pytest.fixture(scope="session")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make bench`'s ten years of history, ending yesterday: a score a day, a
    full session three days a week, about four runs a week."""
    from benchmarks import data

    return data.cached_history(data.TEN_YEARS, cache=tmp_path_factory.mktemp("ten")).path


@pytest.fixture
def history(db_path: Path) -> Path:
    """The report's test history, ending today in this machine's zone."""
    assert NOW.tzinfo is not None
    store_history(db_path, report_history(TODAY, NOW.tzinfo), NOW)
    return db_path
