"""`kneetui runs import` in a real terminal shows a progress bar: files done of
the total (and, while it runs, the time left). Off a terminal it is quiet
(tests/cli/test_runs_import.py checks stderr is empty)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import KNEETUI
from tests.sources.makers import START, gpx_bytes, track
from tests.terminal import Terminal, needs_tmux

pytestmark = [needs_tmux, pytest.mark.tmux]


def test_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    for n in range(6):
        at = START + dt.timedelta(days=n)
        (folder / f"{n}.gpx").write_bytes(gpx_bytes(track(5.0 + n, 30, start=at)))
    term = Terminal([KNEETUI, "--db", tmp_path / "k.db", "runs", "import", folder])
    try:
        assert term.exit_status() == 0
        screen = term.everything()
    finally:
        term.close()
    assert "Importing" in screen
    assert "6/6" in screen
    assert "Imported 6 runs, 0 already stored, 0 not runs, 0 refused" in screen
