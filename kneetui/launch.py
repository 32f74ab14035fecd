"""The `kneetui` entry point.

Opening the dashboard is what a runner does most, and the start-up time they
feel. So `kneetui`, with at most `--db PATH`, `--demo` and `--quiet`, is
recognised here and the app starts without importing click or the shell
commands (tens of milliseconds before the first paint). So is `kneetui status`,
which runs on every shell prompt (`kneetui.status`). Anything else, `--help`
included, goes to the click command line in `kneetui.cli`.

This module imports only what Python has loaded anyway (sqlite3 brings
`collections`): `typing` and `pathlib` alone would cost `kneetui status` some 10
ms, most of what it may take beyond starting Python (`make bench`).
"""

from __future__ import annotations

import gc
import os
import sys
from collections import namedtuple

# Annotations only (mypy treats any `TYPE_CHECKING` name as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import NamedTuple, NoReturn

    from kneetui.domain.routine import Routine
    from kneetui.storage.store import Store
    from kneetui.tui.app import KneetuiApp


# Click's shell completion variable for the program name `kneetui`.
COMPLETE_VAR = "_KNEETUI_COMPLETE"


if TYPE_CHECKING:

    class AppArguments(NamedTuple):
        db: str | None = None
        demo: bool = False
        quiet: bool = False

else:
    AppArguments = namedtuple(
        "AppArguments", ("db", "demo", "quiet"), defaults=(None, False, False)
    )


def app_arguments(args: Sequence[str]) -> AppArguments | None:
    """The app's options if `args` holds nothing else, else None."""
    db: str | None = None
    demo = quiet = False
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo":
            demo = True
        elif arg == "--quiet":
            quiet = True
        elif arg == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif arg.startswith("--db=") and len(arg) > len("--db="):
            db = arg.removeprefix("--db=")
        else:
            return None
    return AppArguments(db, demo, quiet)


def run_app(db: str | os.PathLike[str] | None, *, demo: bool, quiet: bool) -> int:
    """Open the store first, so a refused file is one line and exit 1 before any
    screen is drawn; then run the app. Returns the exit code."""
    from kneetui.clock import now_local
    from kneetui.routine_file import load_routine
    from kneetui.storage.paths import resolve_db_path
    from kneetui.storage.store import Store

    check_terminal_encoding()
    plan = load_routine()
    color = "NO_COLOR" not in os.environ
    now = now_local()
    if not demo:
        with Store.open(resolve_db_path(db, os.environ), now=now) as store:
            return _run(store, plan, now, color=color, quiet=quiet)
    import tempfile
    from pathlib import Path

    with (
        tempfile.TemporaryDirectory(prefix="kneetui-demo-") as folder,
        Store.open(Path(folder) / "demo.db", now=now) as store,
    ):
        fill_demo(store, plan, now)
        return _run(store, plan, now, color=color, quiet=quiet)


def _run(store: Store, plan: Routine, now: dt.datetime, *, color: bool, quiet: bool) -> int:
    """Start the dashboard's head start before Textual is imported (it works
    meanwhile, on another core), then run the app."""
    from kneetui.head_start import HeadStart
    from kneetui.tui.state import DEFAULT_RANGE

    head_start = HeadStart.begin(store.path, now.date(), DEFAULT_RANGE, color=color)
    try:
        from kneetui.tui.app import KneetuiApp

        app = KneetuiApp(store, plan, color=color, quiet=quiet, head_start=head_start)
        return _exit_code(app)
    finally:
        if head_start is not None:
            head_start.close()


def fill_demo(store: Store, plan: Routine, now: dt.datetime) -> None:
    """Ten weeks of sample history in a new, throwaway store (`--demo`)."""
    from datetime import UTC

    from kneetui.domain.demo import demo_history
    from kneetui.gather import CHECK_IN_DISMISSED

    store.import_bundle(demo_history(plan, now.date(), now.tzinfo or UTC))
    # The demo file is new at every start, so its morning check-in would come up
    # every time, over the dashboard the demo is there to show.
    store.set_setting(CHECK_IN_DISMISSED, now.date().isoformat())


def _exit_code(app: KneetuiApp) -> int:
    """Run the app; its exit code. Textual sets `return_code` to 1 when the app
    stops on an unhandled exception, while `run()` then returns None: the code,
    not the return value, tells a crash from a quit."""
    app.run()
    return app.return_code or 0


def check_terminal_encoding() -> None:
    """The dashboard is drawn with box-drawing and braille characters: on a stream
    that cannot encode them (PYTHONIOENCODING=latin-1, say) every border would show
    as an escape, so refuse in one line instead."""
    import codecs

    from kneetui.domain.errors import KneetuiError

    encoding = getattr(sys.__stdout__, "encoding", None) or "utf-8"
    if codecs.lookup(encoding).name not in ("utf-8", "utf-16", "utf-32"):
        raise KneetuiError(
            f"the dashboard needs a terminal that shows UTF-8, and the output encoding "
            f"is {encoding}; set LANG=C.UTF-8 (or unset PYTHONIOENCODING). The shell "
            "commands work as they are"
        )


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr, never a traceback."""
    text = " ".join(str(message).split()) or "failed"
    print(f"kneetui: {text}", file=sys.stderr)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    args = list(sys.argv[1:] if argv is None else argv)
    completing = bool(os.environ.get(COMPLETE_VAR))
    if "status" in args and not completing:
        from kneetui.status import main as status_main
        from kneetui.status import status_arguments

        status = status_arguments(args)
        if status is not None:
            sys.exit(status_main(status))
    # The shell asks click for completions by running `kneetui` with no
    # arguments and _KNEETUI_COMPLETE set: that is click's business, not the app's.
    chosen = None if completing else app_arguments(args)
    if chosen is None:
        from kneetui.cli import main as cli_main

        cli_main(args)
    # Python's cyclic garbage collector is paused while the dashboard starts: the
    # imports and the first frames create some hundred thousand objects that all
    # live as long as the app, and scanning them again and again (a full pass is
    # some 60 ms) was a fifth of the start-up measured by make bench. The app
    # collects once, freezes what it has and turns collection back on when idle
    # (KneetuiApp.settle_memory).
    gc.disable()
    from kneetui.domain.errors import KneetuiError

    try:
        code = run_app(chosen.db, demo=chosen.demo, quiet=chosen.quiet)
    except KneetuiError as error:
        fail(str(error), 1)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        fail(f"cannot use{where}: {error.strerror or error}", 1)
    sys.exit(code)
