"""The start-up harness of `make bench` times "settled" the way a user sees it:
the last output before the terminal has been quiet for SILENCE_S, and it keeps
watching after that, so output that comes later is reported, not missed.
Checked on tiny scripts in a real pseudo-terminal; only the order of events is
asserted, never a speed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if not (Path(__file__).resolve().parent.parent / "benchmarks" / "startup.py").is_file():
    pytest.skip("the benchmarks/ folder is not here", allow_module_level=True)

from benchmarks import startup

# Prints its marker, then `after` (a Python expression run once), then waits
# for a key (raw mode, so "q" arrives without a newline) and exits.
SCRIPT = """
import sys, time, tty
tty.setraw(0)
def say(text):
    sys.stdout.write(text)
    sys.stdout.flush()
say("ready")
{after}
sys.stdin.read(1)
"""


def _launch(after: str) -> startup.Launch:
    return startup.launch(
        [sys.executable, "-c", SCRIPT.format(after=after)], marker="ready", timeout_s=20
    )


def test_settled_is_the_last_output_before_the_quiet() -> None:
    launch = _launch('time.sleep(0.1); say("done")')

    assert launch.settled_s > launch.first_paint_s
    assert launch.late_output_s == ()


def test_output_after_the_quiet_is_reported_as_late() -> None:
    launch = _launch(f'time.sleep({startup.SILENCE_S + 0.2}); say("tick")')

    assert launch.settled_s == launch.first_paint_s
    assert len(launch.late_output_s) == 1
    assert launch.late_output_s[0] >= launch.settled_s + startup.SILENCE_S
