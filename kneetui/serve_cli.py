"""`kneetui serve`: the whole app in a browser tab, on this machine only.

A command module of its own beside cli.py, which registers it at its end. The
server itself is in kneetui.web, imported only here and only once the options
are known to be good, since it needs the optional `kneetui[web]` extra.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

import click

from kneetui.cli import _Options, _pass_options, cli
from kneetui.clock import now_local
from kneetui.domain.errors import KneetuiError

# textual-serve has no authentication and the data is health data: the server
# listens on the loopback address and nowhere else.
LOOPBACK = "127.0.0.1"
INSTALL_HINT = (
    "`kneetui serve` needs the web extra: pip install 'kneetui[web]' "
    "(in a checkout, `make run` installs it)"
)


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on, on 127.0.0.1.",
)
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    help="Only 127.0.0.1 is accepted; reach it from another device through an SSH tunnel.",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Serve a throwaway database with ten weeks of sample history.",
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    help="Database file (default: kneetui's --db, $KNEETUI_DB, else your user data folder).",
)
@_pass_options
def serve(options: _Options, port: int, host: str, demo: bool, db: Path | None) -> None:
    """Serve the dashboard to a browser at http://127.0.0.1:8000/.

    Every browser tab runs its own copy of the app on the same database. The
    page has no password, so it listens on this machine only; Ctrl+C stops it.
    Needs the web extra: pip install 'kneetui[web]'.
    """
    if host != LOOPBACK:
        raise click.UsageError(
            f"--host: kneetui serves on {LOOPBACK} only (health data, no password); "
            "reach it from another device through an SSH tunnel"
        )
    if db is not None and demo:
        raise click.UsageError("--demo serves a throwaway database; it does not go with --db")
    if importlib.util.find_spec("textual_serve") is None:
        raise KneetuiError(INSTALL_HINT)
    from kneetui.web.server import serve_dashboard

    if demo:
        with tempfile.TemporaryDirectory(prefix="kneetui-demo-") as folder:
            path = Path(folder) / "demo.db"
            _make_demo(path)
            serve_dashboard(path, port)
        return
    chosen = _Options(db) if db is not None else options
    # Open (and bring up to date) the file once here, so a refused or damaged
    # file is one line now rather than an error in every tab.
    chosen.open_store().close()
    serve_dashboard(chosen.db_path(), port)


def _make_demo(path: Path) -> None:
    from kneetui.launch import fill_demo
    from kneetui.routine_file import load_routine
    from kneetui.storage.store import Store

    now = now_local()
    with Store.open(path, now=now) as store:
        fill_demo(store, load_routine(), now)
