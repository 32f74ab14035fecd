"""Cold start, timed whole-process in a real pseudo-terminal.

Why a pty and not `run_test()`: what the runner waits for is the interpreter,
the imports, the database and the first frame the terminal receives. Each run
starts a program on a fresh pty of the given size, watches its output (Textual
draws on stderr, so all three streams go to the pty), and notes:

- first paint: the first moment the output, escape sequences stripped, holds
  the marker text (an exercise of today's routine for kneetui, the Static's text
  for the bare app);
- settled, the way a user sees it: the moment the terminal has produced no
  output for `SILENCE_S`, minus that quiet window itself (so: the last output
  byte before the quiet), once the settle marker (the chart legend for kneetui)
  has appeared. The bare app is timed by the same rule. The watch then goes on
  for `LATE_WATCH_S` more: output after the quiet (an idle timer, a clock, a
  blinking cursor) is kept as `late_output`, so something that still draws
  after the dashboard looked finished is seen, not silently left out;
- peak memory: `VmHWM` from /proc/PID/status once the program has settled (the
  high-water mark of its own address space; `ru_maxrss` from `wait4` would also
  count the forked copy of this harness before the exec, which Linux keeps).

kneetui's head start (kneetui.head_start) is a helper process of its own, whose
memory is not in that figure: `head_start_helper` runs it alone, as the app
starts it, for its time and peak memory.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SILENCE_S = 0.4
# How long the terminal is still watched once it has been quiet for SILENCE_S:
# longer than the app's idle work (IDLE_SECONDS, 1 s after the dashboard loads).
LATE_WATCH_S = 1.5
SIZE = (120, 36)  # columns, rows
_READ_BYTES = 65536
# The marker is searched in the new output plus this much before it, so a marker
# split across two reads (with colour codes between its letters) is still found.
_OVERLAP_BYTES = 8192
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS and other strings
    rb"|\x1b[()*+][0-9A-Za-z]"  # character set selection
    rb"|\x1b[@-Z\\-_=>78]"  # other two-byte sequences
)


@dataclass(frozen=True, slots=True)
class Launch:
    """One start of a program: seconds from just before it was spawned."""

    first_paint_s: float
    settled_s: float
    peak_rss_kib: int
    # Seconds (from the start) of each output that came after the quiet.
    late_output_s: tuple[float, ...] = ()


class StartupError(RuntimeError):
    """The program did not paint, settle or quit as expected; the message holds
    the end of what it printed."""


def plain_text(raw: bytes) -> str:
    """Terminal output with its escape sequences removed."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")


def child_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment for a program on the pty: no COLUMNS/LINES (the pty size
    rules), a common TERM, and no Textual or kneetui overrides."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES", "KNEETUI_DB", "NO_COLOR")
        and not key.startswith("TEXTUAL")
    }
    env["TERM"] = "xterm-256color"
    env.update(extra or {})
    return env


def launch(
    command: Sequence[str | Path],
    *,
    marker: str,
    settle_marker: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    size: tuple[int, int] = SIZE,
    quit_keys: bytes = b"q",
    timeout_s: float = 60.0,
    cpus: set[int] | None = None,
) -> Launch:
    """Start `command` on a new pty (on the CPUs `cpus` only, if given), time
    its first paint and settling, quit it with `quit_keys` and read its peak
    memory."""
    master, slave = pty.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            [str(part) for part in command],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env) if env is not None else child_environment(),
            cwd=cwd,
            start_new_session=True,
            preexec_fn=None if cpus is None else lambda: os.sched_setaffinity(0, cpus),
        )
    except BaseException:
        os.close(master)
        os.close(slave)
        raise
    os.close(slave)
    output = bytearray()
    try:
        first, last = _watch(master, output, started, marker, settle_marker, timeout_s)
        late = _late_output(master, output)
        peak = _high_water_kib(process.pid)
        os.write(master, quit_keys)
        _reap(process, master, output, timeout_s)
    except BaseException:
        _kill(process)
        raise
    finally:
        os.close(master)
    return Launch(first - started, last - started, peak, tuple(t - started for t in late))


def _watch(
    master: int,
    output: bytearray,
    started: float,
    marker: str,
    settle_marker: str | None,
    timeout_s: float,
) -> tuple[float, float]:
    """Read until the program has painted `marker`, shown `settle_marker` and then
    been quiet for SILENCE_S; returns (first paint, last output) times."""
    first: float | None = None
    settled_seen = settle_marker is None
    last = started
    wanted = marker.encode()
    while True:
        now = time.monotonic()
        if first is not None and settled_seen and now - last >= SILENCE_S:
            return first, last
        if now - started > timeout_s:
            missing = marker if first is None else f"{settle_marker} and {SILENCE_S} s of quiet"
            raise StartupError(f"no {missing!r} within {timeout_s} s: {_tail(output)}")
        wait = SILENCE_S - (now - last) if first is not None and settled_seen else 0.5
        ready, _, _ = select.select([master], [], [], max(0.0, wait))
        if not ready:
            continue
        chunk = _read(master)
        if not chunk:
            raise StartupError(f"the program exited before it settled: {_tail(output)}")
        last = time.monotonic()
        window_start = max(0, len(output) - _OVERLAP_BYTES)
        output += chunk
        if first is not None and settled_seen:
            continue
        window = plain_text(bytes(output[window_start:]))
        if first is None and (wanted in output or marker in window):
            first = last
        if first is not None and settle_marker is not None and settle_marker in window:
            settled_seen = True


def _late_output(master: int, output: bytearray) -> list[float]:
    """Times of the output in the LATE_WATCH_S after the program settled."""
    times: list[float] = []
    deadline = time.monotonic() + LATE_WATCH_S
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([master], [], [], left)
        if not ready:
            break
        chunk = _read(master)
        if not chunk:
            raise StartupError(f"the program exited after it settled: {_tail(output)}")
        times.append(time.monotonic())
        output += chunk
    return times


def _read(master: int) -> bytes:
    try:
        return os.read(master, _READ_BYTES)
    except OSError:  # EIO: every copy of the slave side is closed (the child exited)
        return b""


def _high_water_kib(pid: int) -> int:
    """The peak resident memory of `pid` since its exec, in KiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise StartupError(f"no VmHWM in /proc/{pid}/status")


def _reap(
    process: subprocess.Popen[bytes], master: int, output: bytearray, timeout_s: float
) -> int:
    """Wait for the program to exit, draining its output so it never blocks on a
    full pty; returns its peak resident memory in KiB."""
    deadline = time.monotonic() + timeout_s
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                raise StartupError(f"exit status {process.returncode}: {_tail(output)}")
            return int(usage.ru_maxrss)
        if time.monotonic() > deadline:
            raise StartupError(f"did not quit within {timeout_s} s: {_tail(output)}")
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            output += _read(master)


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _tail(output: bytearray, size: int = 600) -> str:
    text = " ".join(plain_text(bytes(output)).split())
    return repr(text[-size:]) if text else "(no output)"


def head_start_helper(command: Sequence[str]) -> tuple[float, int]:
    """One run of the dashboard's head start helper, by the command the app runs
    it with (`kneetui.head_start.helper_command`): seconds until its whole answer
    is read, and its peak memory in KiB (`ru_maxrss` of the helper: it is
    spawned, not forked from this harness)."""
    started = time.monotonic()
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    answer = process.stdout.read()
    seconds = time.monotonic() - started
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not answer:
        raise StartupError(f"the head start helper failed (exit {process.returncode})")
    return seconds, int(usage.ru_maxrss)


def venv_script(name: str) -> Path:
    """A console script of the venv running this harness (not a `python3` shim,
    which adds about 150 ms)."""
    return Path(sys.executable).with_name(name)
