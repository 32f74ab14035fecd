"""Another process that writes and flushes to disk without pause, for the timer
figures' second run.

Why: kneetui commits each rep durably (an fsync), and on a shared machine an
fsync now and then takes a few tenths of a second. The app commits reps in a
writer thread so its timer never waits for one; running the session while this
process keeps the disk busy shows whether that holds. It writes 64 KiB and
flushes it (fsync), over and over, in a file of its own next to the session's
database (so on the same disk), rewinding every 32 MiB. It runs at a lower CPU
priority (nice 10): on these 2-core machines its system time alone made the
app's ticks late (CPU, not disk); what it should add is a busy disk.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_SCRIPT = """
import os, signal, sys
flushes = 0
def stop(*_):
    print(flushes, flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
os.nice(10)
chunk = os.urandom(64 * 1024)
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
print("started", flush=True)
while True:
    if os.lseek(fd, 0, os.SEEK_CUR) >= 32 * 1024 * 1024:
        os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, chunk)
    os.fsync(fd)
    flushes += 1
"""


@dataclass
class Flushing:
    flushes: int = 0  # fsyncs the process made, known once it has stopped


@contextlib.contextmanager
def flushing(path: Path) -> Iterator[Flushing]:
    """Run the flushing process (on `path`) for the duration of the block."""
    result = Flushing()
    process = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        if process.stdout.readline().strip() != "started":
            raise RuntimeError("the flushing process did not start")
        yield result
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            out, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
        with contextlib.suppress(ValueError):
            result.flushes = int(out.strip().splitlines()[-1])
        path.unlink(missing_ok=True)
