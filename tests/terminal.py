"""Driving kneetui in a real terminal through tmux, for what only a terminal shows.

Each Terminal runs its own tmux server (a private socket), so tests never touch
a developer's tmux sessions and can run side by side.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")

needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
_EXIT_MARK = "kneetui-test-exit-status="


class Terminal:
    def __init__(
        self,
        command: Sequence[str | Path],
        *,
        width: int = 120,
        height: int = 36,
        env: Mapping[str, str] | None = None,
    ) -> None:
        assert TMUX is not None
        self.socket = f"kneetui-test-{uuid.uuid4().hex[:12]}"
        self.session = "k"
        environment = {**os.environ, **(env or {})}
        environment.pop("TMUX", None)
        # The server reads this before the program starts: the pane stays after the
        # program exits, so its last screen and exit status can be read.
        self._config = Path(f"/tmp/{self.socket}.conf")
        self._config.write_text(
            "set -g remain-on-exit on\nset -g default-terminal xterm-256color\n"
        )
        self._tmux(
            "-f", str(self._config),
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
            *[arg for k, v in (env or {}).items() for arg in ("-e", f"{k}={v}")],
            # tmux does not always record the exit status of a dead pane; the
            # shell prints it instead.
            shlex.join(str(part) for part in command) + f"; s=$?; echo; echo {_EXIT_MARK}$s",
            env=environment,
        )  # fmt: skip

    def _tmux(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=30,
            env=dict(env) if env is not None else None,
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def send(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", self.session, key)

    def screen(self) -> str:
        # -J joins lines the terminal wrapped, so long messages read as one line.
        return self._tmux("capture-pane", "-p", "-J", "-t", self.session)

    def everything(self) -> str:
        """The screen with its scrollback: what a program printed before it exited
        may have scrolled off when tmux marked the pane dead."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """The screen, once it shows `text`; fails with the last screen otherwise."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear within {timeout} s; screen:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 20.0) -> str:
        """The screen, once `text` has left it."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} stayed for {timeout} s; screen:\n{screen}")

    def exit_status(self, timeout: float = 20.0) -> int:
        """Wait for the program to end and return its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # Not anchored: a killed program leaves the cursor mid-screen.
            found = re.search(rf"{_EXIT_MARK}(\d+)", self.everything())
            if found:
                return int(found.group(1))
            time.sleep(0.1)
        raise AssertionError(f"the program did not exit; screen:\n{self.screen()}")

    def pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", self.session, "#{pane_pid}"))

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", self.session, "-x", str(width), "-y", str(height))

    def close(self) -> None:
        subprocess.run([TMUX or "tmux", "-L", self.socket, "kill-server"], capture_output=True)
        self._config.unlink(missing_ok=True)
