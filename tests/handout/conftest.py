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
