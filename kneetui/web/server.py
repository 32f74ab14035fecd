"""The web server behind `kneetui serve`: textual-serve's Server, held to
127.0.0.1, with a page that loads nothing from another host.

textual-serve starts one app process per browser tab (per websocket), by running
a shell command; here that command is kneetui itself on one database file, so
every tab is the whole app on the same data. Two tabs writing at once is what two
terminals doing so already is: the store takes the write lock up front
(`BEGIN IMMEDIATE`) and waits for the other within its busy timeout.

The server has no authentication and the data is health data, so it listens on
the loopback address only; another device reaches it through an SSH tunnel.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from kneetui.domain.errors import KneetuiError

HOST = "127.0.0.1"
# How long an app has to quit when its tab closes or the server stops.
APP_QUIT_SECONDS = 10.0
log = logging.getLogger("kneetui.serve")
# kneetui's copy of textual-serve's page, without the web-font CDN link.
TEMPLATES = Path(__file__).resolve().with_name("templates")


def app_command(db: Path) -> str:
    """The shell command textual-serve runs for each browser tab. `exec`, so the
    app is the shell's own process and gets the server's quit and signals."""
    return "exec " + shlex.join([sys.executable, "-m", "kneetui", "--db", str(db)])


class AppProcess(AppService):
    """textual-serve's AppService, which tells its app to quit but does not wait
    for it to end: this one does (and kills an app that will not), so no app
    outlives its tab or the server. And the app writes UTF-8."""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        # The page's terminal (xterm.js) shows UTF-8 whatever this machine's
        # locale: the app must not refuse a latin-1 PYTHONIOENCODING it inherits.
        environment["PYTHONIOENCODING"] = "utf-8"
        return environment

    async def stop(self) -> None:
        await super().stop()
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), APP_QUIT_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()


class DashboardServer(Server):
    """textual-serve's Server, quieter (one line with the address once it
    listens, rather than a banner before it knows whether the port is free),
    and one that stops every tab's app before it ends."""

    def __init__(self, db: Path, port: int) -> None:
        super().__init__(
            app_command(db), host=HOST, port=port, title="kneetui", templates_path=TEMPLATES
        )
        self._apps: set[AppProcess] = set()

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="kneetui serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its logo here, before the port is bound."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Quit every tab's app and wait for it: otherwise aiohttp waits for the
        open websockets to end for as long as its shutdown timeout."""
        await asyncio.gather(*(service.stop() for service in list(self._apps)))

    def serve(self, debug: bool = False) -> None:
        """Textual-serve's `serve`, with a loop of its own and the address printed
        only when the socket is bound. Ctrl+C (or SIGTERM) stops it."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stop, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
            shutdown_timeout=APP_QUIT_SECONDS,
        )

    def _listening(self, *_: Any) -> None:
        print(f"kneetui: the dashboard is at {self.public_url}/ (Ctrl+C stops)", flush=True)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve 1.1's handler, with an AppProcess the server keeps track
        of: one tab, one app process, stopped when the tab closes."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppProcess | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppProcess(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self._apps.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
                self._apps.discard(service)
        return websocket


def serve_dashboard(db: Path, port: int) -> None:
    """Serve the app on `db` at http://127.0.0.1:`port`/ until Ctrl+C."""
    try:
        DashboardServer(db, port).serve()
    except OSError as error:
        # Raised by the bind, before any app process was started.
        if error.errno == errno.EADDRINUSE:
            raise KneetuiError(
                f"port {port} is already in use on {HOST}; choose another with --port"
            ) from None
        raise KneetuiError(f"cannot listen on {HOST}:{port}: {error.strerror or error}") from None
