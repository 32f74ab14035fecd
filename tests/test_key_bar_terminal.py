"""The key bar in a real 80×24 terminal (tmux): help and quit are on the last
line of every screen, and q quits from the morning check-in (issue 15, item 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kneetui.clock import now_local
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from tests import histories
from tests.conftest import KNEETUI
from tests.terminal import Terminal, needs_tmux

pytestmark = [needs_tmux, pytest.mark.tmux]


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def with_a_run_yesterday(tmp_path: Path) -> Path:
    """A database whose morning check-in asks today (the app runs on the real clock)."""
    db = tmp_path / "k.db"
    with Store.open(db, now=now_local()) as store:
        store.import_bundle(histories.needs_check_in(load_routine(), now_local().date()))
    return db


def last_line(screen: str) -> str:
    return screen.rstrip("\n").splitlines()[-1]


def test_help_and_quit_on_the_last_line_at_80x24(tmp_path: Path, terminals: list[Terminal]) -> None:
    db = with_a_run_yesterday(tmp_path)
    term = Terminal([KNEETUI, "--db", db], width=80, height=24)
    terminals.append(term)
    term.wait_for("How are your knees this morning?")
    assert last_line(term.wait_for("q Quit")).startswith(" l Full form  esc Not now  ? Help")
    term.send("Escape")
    term.wait_gone("How are your knees this morning?")
    bar = last_line(term.wait_for("o Settings"))
    assert bar.startswith(" s Start  l Log ") and bar.rstrip().endswith("? Help  q Quit")
    term.send("h")
    assert " d Delete  l Log soreness  ? Help  q Quit " in last_line(term.wait_for("d Delete"))
    term.send("q")
    assert term.exit_status() == 0


def test_q_quits_from_the_check_in(tmp_path: Path, terminals: list[Terminal]) -> None:
    db = with_a_run_yesterday(tmp_path)
    term = Terminal([KNEETUI, "--db", db], width=80, height=24)
    terminals.append(term)
    term.wait_for("How are your knees this morning?")
    term.send("q")
    assert term.exit_status() == 0
