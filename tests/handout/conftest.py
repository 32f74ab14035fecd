"""Matplotlib writes its font cache under MPLCONFIGDIR (else under the home
folder, a fresh temporary one in every test): one folder for the whole run, so
the cache is built once, for this process and the commands it starts alike."""

from __future__ import annotations

from pathlib import Path

import pytest


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
