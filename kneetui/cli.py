"""The `kneetui` command: the group, its options, and what every shell command
shares (one-line errors, the store to read or write, time parsing). The commands
themselves live in scores_cli, data_cli, coaching_cli and runs_cli, imported at
the end of this module.

Heavy modules (sqlite_utils, plotext, textual) are imported inside the commands
that need them, so `kneetui --help` and the app's first paint stay fast.

Errors are one line on stderr: exit 2 for usage errors and bad values, 1 for
everything else (a refused file, a busy database, an import that failed).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kneetui import __version__
from kneetui.clock import localize, now_local
from kneetui.domain.errors import KneetuiError, ValidationError
from kneetui.launch import fail as _fail

if TYPE_CHECKING:
    from kneetui.storage.store import Store


class _Command(click.Command):
    def get_short_help_str(self, limit: int = 45) -> str:
        """The summary in `kneetui --help`, whole: click cuts it to the width left
        on the line and at the first full stop ("e.g." included); a summary that
        does not fit is wrapped instead."""
        if self.short_help:
            return self.short_help
        first = (self.help or "").strip().split("\n\n")[0]
        return " ".join(first.split())


class _Group(click.Group):
    """Turns every expected error into one line on stderr, never a traceback."""

    command_class = _Command

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        kwargs.setdefault("prog_name", "kneetui")
        for stream in (sys.stdout, sys.stderr):
            # A note with emoji must not crash a latin-1 terminal.
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")
        try:
            result = super().main(*args, **kwargs)
        except click.UsageError as error:
            _fail(error.format_message(), 2)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except click.exceptions.Abort:
            _fail("aborted", 1)
        except KneetuiError as error:
            _fail(str(error), 1)
        except BrokenPipeError:
            # `kneetui history | head`: the reader left; that is not an error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as error:
            where = f" {error.filename}" if error.filename else ""
            _fail(f"cannot use{where}: {error.strerror or error}", 1)
        sys.exit(result if isinstance(result, int) else 0)


@dataclass
class _Options:
    db: Path | None

    def db_path(self) -> Path:
        from kneetui.storage.paths import resolve_db_path

        return resolve_db_path(self.db, os.environ)

    @property
    def no_data(self) -> bool:
        """No database at the path yet: nothing has been stored."""
        return not self.db_path().exists()

    def say_no_data(self) -> None:
        """The line a reading command starts with when there is no database yet."""
        click.echo(f"No data yet: there is no database at {self.db_path()}.")

    def read_store(self) -> Store:
        """The store to read from. With no database at the path yet, an empty one
        in memory: reading creates nothing, and shows what an empty file would."""
        path = self.db_path()
        if path.exists():
            return self.open_store()
        from kneetui.storage.opening import open_in_memory
        from kneetui.storage.store import Store

        return Store(open_in_memory(), path)

    def open_store(self, *, write: bool = False) -> Store:
        """Open the store; warn if others can read it; before the first write of a
        day, check the whole file with PRAGMA quick_check so a damaged one is not
        written to (`Store.check_daily`)."""
        from kneetui.storage.errors import StoreDamaged
        from kneetui.storage.paths import permissions_warning
        from kneetui.storage.store import Store

        store = Store.open(self.db_path(), now=now_local())
        if store.readable_by_others:
            click.echo(f"kneetui: warning: {permissions_warning(store.path)}", err=True)
        if write and store.check_daily(now_local().date()) is not None:
            store.close()
            raise StoreDamaged(store.damage or "the database is damaged")
        return store


# What the runner typed for each field the domain checks: an error names the
# option or argument, never the column it is stored in.
_TYPED_AS = {
    "score": "SCORE",
    "run_km": "--km",
    "run_minutes": "--minutes",
    "note": "--note",
    "logged_at": "--at",
    "schedule": "DAY",
}


def _bad_value(error: ValidationError, typed: dict[str, str] = _TYPED_AS) -> NoReturn:
    raise click.UsageError(f"{typed.get(error.field, error.field)}: {error.message}")


@click.group(
    cls=_Group,
    invoke_without_command=True,
    # Inherited by every command's context: `kneetui log -h` works too.
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    envvar=None,
    help="Database file (default: $KNEETUI_DB, else your user data folder).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Open the app on a throwaway database with ten weeks of sample history.",
)
@click.option("--quiet", is_flag=True, help="No terminal bell at phase changes.")
@click.version_option(__version__, "--version", prog_name="kneetui")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, demo: bool, quiet: bool) -> None:
    """kneetui: a knee-strengthening routine and soreness log for runners.

    With no command, opens the dashboard.

    Not medical advice: if your knees are still sore after a few weeks of the
    routine, see a physical therapist.
    """
    ctx.obj = _Options(db)
    if ctx.invoked_subcommand is None:
        from kneetui.launch import run_app

        sys.exit(run_app(db, demo=demo, quiet=quiet))
    elif demo or quiet:
        raise click.UsageError("--demo and --quiet are for the app; they do not go with a command")


_pass_options = click.make_pass_decorator(_Options)


def _parse_at(text: str) -> dt.datetime:
    try:
        naive = dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValidationError(
            "--at", f'must be "YYYY-MM-DD HH:MM" in local time, got {text!r}'
        ) from None
    try:
        return localize(naive)
    except (ValueError, OverflowError):
        # Year 1 or 9999 moved into another zone leaves the calendar.
        raise ValidationError("--at", f"{text!r} is out of range") from None


# The commands live in modules of their own, which add them to `cli` as they are
# imported: scores, data, routine and coaching, runs, status and reminders, the
# report, serve, merge and sync.
from kneetui import (  # noqa: E402, F401
    coaching_cli,
    data_cli,
    glance_cli,
    handout_cli,
    runs_cli,
    scores_cli,
    serve_cli,
    sync_cli,
)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    cli.main(args=list(argv) if argv is not None else None)
