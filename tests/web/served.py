"""Running the real `kneetui serve` in a subprocess, and talking to it the way a
browser tab does (a websocket carrying keys in and the terminal's bytes out).

The server runs in a session of its own, with the app processes it starts for
each tab in its process group: Ctrl+C is sent to the whole group, as a terminal
does, and whatever is left of the group after a test is killed and reported.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import selectors
import signal
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import aiohttp

from tests.conftest import KNEETUI, child_env

# Escape sequences (CSI, with the private and `$` forms Textual sends): dropping
# them leaves the text drawn, in the order it was drawn.
_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=$ ]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


class Served:
    def __init__(self, process: subprocess.Popen[str], port: int, first_line: str) -> None:
        self.process = process
        self.port = port
        self.first_line = first_line
        self.url = f"http://127.0.0.1:{port}/"

    def ctrl_c(self, timeout: float = 30) -> int:
        """Ctrl+C as a terminal sends it (SIGINT to the foreground process group);
        the server's exit code."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=timeout)

    def interrupt_server(self, timeout: float = 30) -> int:
        """SIGINT to the server alone (`kill -INT`), its apps left to it."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)


def _read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            return ""
    return process.stdout.readline()


@contextmanager
def serving(db: Path | None, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`kneetui serve --db DB` on a free port, until the block ends; then Ctrl+C,
    and a check that no process of it is left."""
    port = free_port()
    process = subprocess.Popen(
        [str(KNEETUI), "serve", "--port", str(port), *(["--db", str(db)] if db else []), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(**(env or {})),
        start_new_session=True,
    )
    stopped = False
    try:
        line = _read_line(process, 60)
        assert line, f"no address printed; stderr: {process.stderr and process.stderr.read()}"
        yield Served(process, port, line)
        if process.poll() is None:
            Served(process, port, line).ctrl_c()
        stopped = True
    finally:
        left = group_alive(process.pid)
        if left:
            os.killpg(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    # Checked only when the test got this far (not over the error that stopped it).
    assert not (stopped and left), "a process of `kneetui serve` was left after it stopped"


class Tab:
    """One browser tab's websocket: the app runs in a process of its own."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.seen = ""

    async def send(self, text: str) -> None:
        await self.websocket.send_str(json.dumps(["stdin", text]))

    async def until(self, text: str, timeout: float = 30) -> None:
        """Read the app's output until `text` has been drawn (since the last wait)."""
        deadline = time.monotonic() + timeout
        while text not in _ESCAPES.sub("", self.seen):
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} not drawn; last: {_ESCAPES.sub('', self.seen)[-400:]!r}"
            try:
                message = await asyncio.wait_for(self.websocket.receive(), left)
            except TimeoutError:
                continue
            assert message.type == aiohttp.WSMsgType.BINARY, f"the tab closed: {message}"
            self.seen += message.data.decode("utf-8", "replace")
        self.seen = ""


@asynccontextmanager
async def tab(port: int, width: int = 120, height: int = 36) -> AsyncIterator[Tab]:
    """A new tab on the page at `port`: the server starts an app for it."""
    url = f"http://127.0.0.1:{port}/ws?width={width}&height={height}"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as websocket:
        yield Tab(websocket)
