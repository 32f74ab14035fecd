"""The frames kneetui draws at start-up, in a real pseudo-terminal at 120x36
that answers Textual's queries like a modern terminal (synchronized output, so
each frame comes between begin and end marks and can be told apart).

Why a pty: the frames after the first paint are driven by real time (Textual's
frame ticks, the chart drawn right after the complete frame); under `run_test`
they fall differently. The history is ten years long, as in `make bench`:
with a short one the app is quick enough that the frames fall the same either
way."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from kneetui.gather import CHECK_IN_DISMISSED
from kneetui.storage.store import Store
from tests.conftest import KNEETUI

if not (Path(__file__).resolve().parent.parent / "benchmarks" / "data.py").is_file():
    pytest.skip("the benchmarks/ folder is not here", allow_module_level=True)

from benchmarks import data
from benchmarks.startup import child_environment

BEGIN, END = b"\x1b[?2026h", b"\x1b[?2026l"
# Queries Textual sends at start-up, and a modern terminal's answers.
ANSWERS = {
    b"\x1b[?2026$p": b"\x1b[?2026;2$y",  # synchronized output: supported
    b"\x1b[?2048$p": b"\x1b[?2048;0$y",  # in-band resize: not recognised
}
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
QUIET_S = 0.6
# In the title bar, which comes with the complete dashboard.
TITLE = "knee strength for runners"


def _frames(command: list[str], env: dict[str, str], until: Path | None = None) -> list[str]:
    """The text of each frame the program draws until it has been quiet for
    QUIET_S (and, with `until`, that file exists; at most 30 s), then quits it
    with q."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    output = bytearray()
    answered: set[bytes] = set()
    try:
        last = time.monotonic()
        deadline = last + 30
        while (
            time.monotonic() - last < QUIET_S or (until is not None and not until.exists())
        ) and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], QUIET_S)
            if not ready:
                continue
            chunk = os.read(master, 65536)
            last = time.monotonic()
            output += chunk
            for query, answer in ANSWERS.items():
                if query not in answered and query in output:
                    answered.add(query)
                    os.write(master, answer)
        os.write(master, b"q")
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    frames = [part.split(END)[0] for part in bytes(output).split(BEGIN)[1:]]
    return [_ESCAPES.sub(b"", frame).decode("utf-8", errors="replace") for frame in frames]


def _ten_years(tmp_path: Path) -> Path:
    history = data.cached_history(data.TEN_YEARS, cache=tmp_path, full_sessions=False)
    with Store.open(history.path, now=dt.datetime.now().astimezone()) as store:
        store.set_setting(CHECK_IN_DISMISSED, data.today().isoformat())
    return history.path


def test_the_chart_drawn_in_the_app_comes_in_the_last_frame(tmp_path: Path) -> None:
    """A first start (no chart drawn ahead) draws the chart right after the frame
    that completes the dashboard, in the one frame that follows it."""
    frames = _frames([str(KNEETUI), "--db", str(_ten_years(tmp_path))], child_environment())

    complete = [i for i, frame in enumerate(frames) if TITLE in frame]
    with_chart = [i for i, frame in enumerate(frames) if "7-day mean" in frame]
    assert complete, frames[-1:]
    assert with_chart, frames[-1:]
    assert with_chart[0] in (complete[0], complete[0] + 1)
    assert with_chart[0] == len(frames) - 1


def test_from_the_second_start_the_chart_comes_with_the_complete_dashboard(
    tmp_path: Path,
) -> None:
    """The first start notes the chart's layout once idle; the next one's head
    start draws the chart ahead (kneetui.head_start), so the first frame with
    every pane already holds it."""
    db = _ten_years(tmp_path)
    layout = db.with_name(db.name + "-chart-layout")
    command, env = [str(KNEETUI), "--db", str(db)], child_environment()
    _frames(command, env, until=layout)
    assert json.loads(layout.read_text())["120x36"][:2] == [56, 25]

    frames = _frames(command, env)
    complete = [i for i, frame in enumerate(frames) if TITLE in frame]
    assert complete, frames[-1:]
    assert "7-day mean" in frames[complete[0]]
    # Nothing is drawn twice: no layout after the complete one repaints the
    # screen (kneetui.tui.widgets.steady), so the title bar is drawn once; and
    # no frame follows it, not even for the routine's new scrollbar or the
    # coaching pane's border (DashboardScreen._compositor_refresh,
    # CoachingPane._say_if_more).
    assert complete == [len(frames) - 1], [len(frame) for frame in frames]
