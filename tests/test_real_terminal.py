"""The app in a real terminal (tmux): it starts, paints, answers keys and quits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kneetui.storage.store import Store
from tests.conftest import KNEETUI, NOW, TIMER_IDLE
from tests.terminal import Terminal, needs_tmux

pytestmark = [needs_tmux, pytest.mark.tmux]


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def test_demo_opens_the_dashboard_and_never_touches_the_users_database(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    own = tmp_path / "own" / "kneetui.db"
    term = Terminal([KNEETUI, "--demo"], env={"KNEETUI_DB": str(own)})
    terminals.append(term)
    screen = term.wait_for("Last score")  # the demo has history
    assert "Today's routine" in screen and "Soreness trend" in screen
    # The demo ran yesterday, but its morning check-in does not cover the dashboard
    # at every start (the demo's file is new each time).
    # h reaches the dashboard: no question is in the way.
    term.send("h")
    assert "How are your knees" not in term.wait_for("d Delete")
    term.send("q")
    assert term.exit_status() == 0
    assert not own.parent.exists()


def test_logging_a_score_in_the_app_lands_in_the_database(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    db = tmp_path / "k.db"
    term = Terminal([KNEETUI, "--db", db], width=80, height=24)
    terminals.append(term)
    term.wait_for("No soreness scores yet")
    term.send("l")
    term.wait_for("Log soreness")
    # A key sent in the instant the form first shows, before its field has the
    # focus, is dropped (no person types that fast): type again until it shows.
    for _ in range(5):
        term.send("3")
        try:
            term.wait_for("Score    3 ", timeout=1.0)
            break
        except AssertionError:
            continue
    term.send("Enter")
    term.wait_for("Last score 3/10 (acceptable)")
    term.send("q")
    assert term.exit_status() == 0
    with Store.open(db, now=NOW) as store:
        assert [e.score for e in store.soreness()] == [3]


def test_resizing_below_the_minimum_shows_the_hint_and_back(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    term = Terminal([KNEETUI, "--db", tmp_path / "k.db"], width=120, height=36)
    terminals.append(term)
    term.wait_for("Today's routine")
    term.resize(40, 10)
    screen = term.wait_for("Enlarge the window")
    assert "Today's routine" not in screen
    term.resize(1, 1)
    term.resize(100, 30)
    term.wait_for("Today's routine")
    term.send("q")
    assert term.exit_status() == 0


def test_a_refused_database_is_one_line_and_exit_1_before_the_app(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n")
    term = Terminal([KNEETUI, "--db", path])
    terminals.append(term)
    assert term.exit_status() == 1
    screen = term.everything()
    assert f"kneetui: {path} is not a kneetui database" in screen
    assert "Traceback" not in screen
    assert path.read_text() == "not a database\n"


def test_a_real_session_survives_sigkill(tmp_path: Path, terminals: list[Terminal]) -> None:
    """Start a session and let a real hold finish; pause and see nothing advance;
    kill the process; start again: the rep is there and the session is stopped."""
    import os
    import signal
    import time

    db = tmp_path / "k.db"
    term = Terminal([KNEETUI, "--db", db, "--quiet"])
    terminals.append(term)
    term.wait_for(TIMER_IDLE)
    term.send("s")
    term.wait_for("Get ready")
    # 3 s count-in, then the first 5 s hold; the switch follows it.
    term.wait_for("Lower and switch legs", timeout=15)
    term.send("Space")
    paused = term.wait_for("paused (space resumes)")
    time.sleep(1.5)
    assert term.screen() == paused  # nothing advances while paused
    with Store.open(db, now=NOW) as store:
        (session,) = store.sessions()
        assert len(session.reps) == 1
        assert session.reps[0].held_s == 5.0
    # The app runs as the shell's child in the pane: kill it outright.
    shell = term.pid()
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    for child in children:
        os.kill(int(child), signal.SIGKILL)
    assert term.exit_status() == 128 + signal.SIGKILL

    again = Terminal([KNEETUI, "--db", db])
    terminals.append(again)
    again.wait_for("Your last session was interrupted after 1 rep")
    again.send("q")
    assert again.exit_status() == 0
    with Store.open(db, now=NOW) as store:
        (session,) = store.sessions()
        assert session.status.value == "stopped"
        assert [(r.exercise, r.side.value, r.rep) for r in session.reps] == [
            ("leg-raise", "left", 1)
        ]
