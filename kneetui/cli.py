"""The `kneetui` command: shell commands to log, list, export, import and plot.

Heavy modules (sqlite_utils, plotext, textual) are imported inside the commands
that need them, so `kneetui --help` and the app's first paint stay fast.

Errors are one line on stderr: exit 2 for usage errors and bad values, 1 for
everything else (a refused file, a busy database, an import that failed).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kneetui import __version__
from kneetui.clock import localize, now_local
from kneetui.domain.errors import KneetuiError, ValidationError
from kneetui.domain.models import Context, Flag, Knee
from kneetui.domain.text import plural
from kneetui.launch import fail as _fail

if TYPE_CHECKING:
    from kneetui.domain.models import SorenessEntry
    from kneetui.domain.runs import Run
    from kneetui.storage.store import Store

# Import files above this size are refused before they are read: ten years of
# history exports to about 12 MB of JSON.
MAX_IMPORT_BYTES = 40 * 1024 * 1024


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


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("score", metavar="SCORE")
@click.option(
    "--knee",
    type=click.Choice([k.value for k in Knee]),
    default="both",
    show_default=True,
    help="Which knee the score is for.",
)
@click.option(
    "--context",
    "context_",
    type=click.Choice([c.value for c in Context]),
    default="after-run",
    show_default=True,
    help="When the score was taken.",
)
@click.option("--km", type=float, help="Distance of the run, in km.")
@click.option("--minutes", type=float, help="Duration of the run, in minutes.")
@click.option("--note", default="", help="A note, up to 1000 characters.")
@click.option(
    "--flag",
    "flags",
    multiple=True,
    type=click.Choice([f.value for f in Flag]),
    help="A red-flag symptom; repeat for several.",
)
@click.option("--at", "at_text", metavar='"YYYY-MM-DD HH:MM"', help="When (default: now).")
@_pass_options
def log(
    options: _Options,
    score: str,
    knee: str,
    context_: str,
    km: float | None,
    minutes: float | None,
    note: str,
    flags: Sequence[str],
    at_text: str | None,
) -> None:
    """Log a soreness score from 0 (none) to 10 (worst imaginable).

    A score after a run is about the run that ended within the 12 hours before
    it: with no --km or --minutes, it takes that run's. With --km and no such
    run, the distance is stored as a run too.
    """
    from kneetui.domain.after_run import describe_linked
    from kneetui.domain.soreness import new_entry, parse_score
    from kneetui.score_log import log_score

    now = now_local()
    try:
        at = _parse_at(at_text) if at_text is not None else now
        entry = new_entry(
            parse_score(score),
            at=at,
            now=now,
            knee=Knee(knee),
            context=Context(context_),
            run_km=km,
            run_minutes=minutes,
            note=note,
            flags=[Flag(f) for f in flags],
        )
    except ValidationError as error:
        _bad_value(error)
    with options.open_store(write=True) as store:
        logged = log_score(store, entry)
    click.echo(describe_linked(logged.entry, logged.run, None))
    _red_flag_notice(logged.entry)


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


@cli.command()
@click.argument("uuid", metavar="UUID")
@click.option("--score", "score_text", metavar="N", help="The score, 0 to 10.")
@click.option("--knee", type=click.Choice([k.value for k in Knee]), help="Which knee.")
@click.option(
    "--context",
    "context_",
    type=click.Choice([c.value for c in Context]),
    help="When the score was taken.",
)
@click.option("--km", "km_text", metavar="KM", help='Distance of the run in km; "" clears it.')
@click.option(
    "--minutes", "minutes_text", metavar="MIN", help='Duration of the run in minutes; "" clears it.'
)
@click.option("--note", help='The note, up to 1000 characters; "" clears it.')
@click.option(
    "--flag",
    "flags",
    multiple=True,
    type=click.Choice([f.value for f in Flag]),
    help="A red-flag symptom; repeat for several. Replaces the flags stored.",
)
@click.option("--no-flags", is_flag=True, help="Remove every red-flag symptom.")
@click.option("--at", "at_text", metavar='"YYYY-MM-DD HH:MM"', help="When, in local time.")
@_pass_options
def edit(
    options: _Options,
    uuid: str,
    score_text: str | None,
    knee: str | None,
    context_: str | None,
    km_text: str | None,
    minutes_text: str | None,
    note: str | None,
    flags: Sequence[str],
    no_flags: bool,
    at_text: str | None,
) -> None:
    """Correct a soreness score: UUID as `kneetui history --json` shows it.

    Only the options given change; the score keeps its uuid and records when it
    was corrected (updated_at).
    """
    from kneetui.domain.soreness import (
        MAX_RUN_KM,
        MAX_RUN_MINUTES,
        check_note,
        check_when,
        parse_optional_number,
        parse_score,
    )

    changes: dict[str, Any] = {}
    now = now_local()
    if flags and no_flags:
        raise click.UsageError("--flag and --no-flags do not go together")
    try:
        if score_text is not None:
            changes["score"] = parse_score(score_text)
        if knee is not None:
            changes["knee"] = Knee(knee)
        if context_ is not None:
            changes["context"] = Context(context_)
        if km_text is not None:
            changes["run_km"] = parse_optional_number(km_text, "run_km", MAX_RUN_KM, "km")
        if minutes_text is not None:
            changes["run_minutes"] = parse_optional_number(
                minutes_text, "run_minutes", MAX_RUN_MINUTES, "minutes"
            )
        if note is not None:
            changes["note"] = check_note(note)
        if flags or no_flags:
            changes["flags"] = tuple(dict.fromkeys(Flag(f) for f in flags))
        if at_text is not None:
            at = check_when(_parse_at(at_text), now)
            changes["logged_at"] = at.astimezone(dt.UTC).replace(microsecond=0)
            changes["local_day"] = at.date()
    except ValidationError as error:
        _bad_value(error, {**_TYPED_AS, "score": "--score"})
    if not changes:
        raise click.UsageError("nothing to change: give --score, --knee, --note or another option")
    wanted = uuid.strip().lower()
    if options.no_data:
        _no_score(uuid)
    with options.open_store(write=True) as store:
        old = store.soreness_entry(wanted)
        if old is None:
            _no_score(uuid)
        entry = old._replace(**changes, updated_at=now.astimezone(dt.UTC).replace(microsecond=0))
        store.update_soreness(entry)
    click.echo(f"Corrected the score of {_when(old)}: {_what(entry)}")
    _red_flag_notice(entry)


@cli.command()
@click.argument("uuid", metavar="UUID")
@_pass_options
def delete(options: _Options, uuid: str) -> None:
    """Delete a soreness score: UUID as `kneetui history --json` shows it."""
    wanted = uuid.strip().lower()
    if options.no_data:
        _no_score(uuid)
    with options.open_store(write=True) as store:
        entry = store.soreness_entry(wanted)
        if entry is None or not store.delete_soreness(wanted):
            _no_score(uuid)
    click.echo(f"Deleted the score of {_when(entry)}: {_what(entry)}")


def _when(entry: SorenessEntry) -> str:
    return entry.logged_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _what(entry: SorenessEntry) -> str:
    """The score as `log` confirms it: "4/10 (acceptable) for both knees after a run"."""
    from kneetui.domain.soreness import describe

    return describe(entry).removeprefix("Logged ")


def _red_flag_notice(entry: SorenessEntry) -> None:
    from kneetui.domain.red_flags import notice_for

    notice = notice_for(entry)
    if notice is not None:
        from kneetui.domain.advice import NOT_MEDICAL_ADVICE

        click.echo(f"Red flag: {notice}")
        click.echo(NOT_MEDICAL_ADVICE)


def _no_score(uuid: str) -> NoReturn:
    raise KneetuiError(
        f"no soreness score has the uuid {uuid!r}; `kneetui history --json` shows them"
    )


@cli.command()
@click.option("--days", type=click.IntRange(min=1), help="Only the last N days.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_pass_options
def history(options: _Options, days: int | None, as_json: bool) -> None:
    """List soreness scores, newest first.

    With --json, each score after a run names the run it is linked to ("run").
    """
    from kneetui.domain.after_run import link_item
    from kneetui.domain.exchange import soreness_item
    from kneetui.report import history_table

    now = now_local()
    since = now.date() - dt.timedelta(days=days - 1) if days else None
    with options.read_store() as store:
        entries = store.soreness(since=since)
        if as_json:
            linked = _links(store, entries)
    if as_json:
        items = [soreness_item(e) | {"run": link_item(linked.get(e.uuid))} for e in entries]
        click.echo(json.dumps(items, ensure_ascii=False, indent=1))
    elif not entries:
        click.echo("No soreness scores yet. Log one with: kneetui log SCORE")
    else:
        # zone None: each time in the local zone's offset at that moment, so a
        # summer score still reads as it was typed after the clocks went back.
        sys.stdout.write(history_table(entries, None) + "\n")


def _links(store: Store, entries: Sequence[SorenessEntry]) -> dict[str, Run]:
    """The run each score after a run is linked to, by score uuid."""
    from kneetui.domain.after_run import LINK_LOOKBACK, links

    if not entries:
        return {}
    first = min(e.logged_at for e in entries)
    last = max(e.logged_at for e in entries)
    runs = store.runs(since=first - LINK_LOOKBACK, until=last + dt.timedelta(seconds=1))
    return links(entries, runs)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_pass_options
def routine(options: _Options, as_json: bool) -> None:
    """Show today's routine with your current holds."""
    from kneetui.gather import schedule_of
    from kneetui.report import routine_document, routine_text
    from kneetui.routine_file import load_routine

    plan = load_routine()
    with options.read_store() as store:
        holds = store.current_holds()
        days = schedule_of(store, plan)
    today = now_local().date()
    if as_json:
        document = routine_document(plan, holds, days, today)
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    if options.no_data:
        options.say_no_data()
        click.echo("These are the starting holds and the default routine days.\n")
    click.echo(routine_text(plan, holds, days, today))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json holds everything; csv holds the soreness scores.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (mode 0600) instead of stdout.",
)
@_pass_options
def export(options: _Options, fmt: str, output: Path | None) -> None:
    """Export your data as JSON or CSV."""
    from kneetui.domain.exchange import encode_csv, encode_json

    with options.read_store() as store:
        bundle = store.export_bundle()
    text = encode_json(bundle) if fmt == "json" else encode_csv(bundle.soreness)
    if output is None:
        sys.stdout.write(text)
        return
    _write_private(output, text)
    click.echo(f"Exported to {output}", err=True)


def _write_private(path: Path, text: str) -> None:
    """Write `text` to `path` with mode 0600 whatever the umask, atomically. An
    error names `path`, never the temporary file next to it."""
    from kneetui.storage.paths import FILE_MODE

    if not path.parent.is_dir():
        raise KneetuiError(f"cannot write {path}: the folder {path.parent} does not exist")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None


@cli.command(name="import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@_pass_options
def import_(options: _Options, path: Path) -> None:
    """Import a JSON or CSV export: all or nothing, repeats skipped."""
    from kneetui.domain.exchange import decode

    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise KneetuiError(
            f"{path} is {size / 2**20:.0f} MB; kneetui imports files up to "
            f"{MAX_IMPORT_BYTES // 2**20} MB"
        )
    try:
        # newline="": the csv module reads CRLF itself, and a CR inside a quoted
        # note must stay a CR.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise KneetuiError(f"{path} is not UTF-8 text ({error.reason})") from None
    now = now_local()
    try:
        bundle = decode(text, now)
        with options.open_store(write=True) as store:
            counts = store.import_bundle(bundle)
    except ValidationError as error:
        raise KneetuiError(f"{path}: {error}; nothing was imported") from None
    acks = (
        f", {plural(counts.acknowledgements, 'acknowledgement')}" if counts.acknowledgements else ""
    )
    click.echo(
        f"Imported {plural(counts.soreness, 'score')}, {plural(counts.sessions, 'session')} "
        f"({plural(counts.reps, 'rep')}) and {plural(counts.levels, 'hold change')}{acks}; "
        f"{counts.skipped} already stored."
    )


@cli.command(short_help="List routine sessions: reps per exercise, time held.")
@click.option("--days", type=click.IntRange(min=1), help="Only the last N days.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_pass_options
def sessions(options: _Options, days: int | None, as_json: bool) -> None:
    """List routine sessions: date, status, reps per exercise, time held."""
    from kneetui.domain.exchange import session_item
    from kneetui.domain.sessions import session_lines
    from kneetui.report import sessions_table
    from kneetui.routine_file import load_routine

    plan = load_routine()
    now = now_local()
    since = now.date() - dt.timedelta(days=days - 1) if days else None
    with options.read_store() as store:
        found = store.sessions(since=since)
    if as_json:
        items = []
        for session, line in zip(
            sorted(found, key=lambda s: s.started_at, reverse=True),
            session_lines(found, plan),
            strict=True,
        ):
            item = session_item(session)
            item["reps_per_exercise"] = line.reps_per_exercise
            item["held_s"] = round(line.held_s, 1)
            items.append(item)
        click.echo(json.dumps(items, ensure_ascii=False, indent=1))
    elif not found:
        click.echo("No sessions yet. Open the app with `kneetui` and press s to start one.")
    else:
        click.echo(sessions_table(session_lines(found, plan), plan, None))


@cli.command()
@click.option(
    "--days", type=click.IntRange(min=1), default=90, show_default=True, help="The last N days."
)
@click.option(
    "--width",
    type=click.IntRange(min=20, max=500),
    help="Width in columns (default: the terminal's, at most 200; 80 on a pipe).",
)
@click.option(
    "--height",
    type=click.IntRange(min=8, max=200),
    default=20,
    show_default=True,
    help="Height in lines.",
)
@_pass_options
def plot(options: _Options, days: int, width: int | None, height: int) -> None:
    """Draw the soreness trend: daily and 7-day means, runs as bars (km, right)."""
    from kneetui.charts import EMPTY_MESSAGE, render_trend
    from kneetui.gather import load_trend

    today = now_local().date()
    start = today - dt.timedelta(days=days - 1)
    width = width or min(200, shutil.get_terminal_size().columns if sys.stdout.isatty() else 80)
    # The dashboard's own query: day by day when the days fit the width, grouped
    # in SQL when they do not, so years of history draw as fast as a month; the
    # runs as each day's or group's longest, spikes marked.
    with options.read_store() as store:
        trend = load_trend(store, start, today, width)
    if trend.empty:
        click.echo(EMPTY_MESSAGE)
        return
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    title = f"Soreness, last {plural(days, 'day')} (0 none, 10 worst)"
    sys.stdout.write(render_trend(trend, width=width, height=height, color=color, title=title))
    sys.stdout.write("\n")


@cli.command(short_help="Show or set your routine days.")
@click.argument("days", nargs=-1, metavar="[DAY]...")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_pass_options
def schedule(options: _Options, days: tuple[str, ...], as_json: bool) -> None:
    """Show or set your routine days, e.g. `kneetui schedule mon wed fri`."""
    from kneetui.domain.routine import WEEKDAY_NAMES, check_schedule
    from kneetui.gather import schedule_of, set_schedule
    from kneetui.routine_file import load_routine

    plan = load_routine()
    if days:
        # Checked before the store is opened for writing: a typo creates nothing.
        try:
            chosen = check_schedule(days)
        except ValidationError as error:
            _bad_value(error)
        with options.open_store(write=True) as store:
            set_schedule(store, chosen)
    else:
        with options.read_store() as store:
            chosen = schedule_of(store, plan)
    if as_json:
        click.echo(json.dumps({"schedule": list(chosen), "changed": bool(days)}, indent=1))
    else:
        words = "Routine days set: " if days else "Routine days: "
        click.echo(words + ", ".join(WEEKDAY_NAMES[d] for d in chosen))


@cli.command(
    short_help="Show or set an exercise's hold.",
    context_settings={"ignore_unknown_options": True},
)
@click.argument("exercise")
@click.argument("seconds", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_pass_options
def level(options: _Options, exercise: str, seconds: str | None, as_json: bool) -> None:
    """Show or set an exercise's hold, e.g. `kneetui level leg-raise 10`."""
    from kneetui.domain.models import LevelChange
    from kneetui.routine_file import load_routine

    plan = load_routine()
    ids = [e.id for e in plan.exercises]
    if exercise not in ids:
        raise click.UsageError(f"EXERCISE must be one of {', '.join(ids)}, got {exercise!r}")
    chosen = plan.exercise(exercise)
    ladder = ", ".join(str(s) for s in chosen.hold_ladder)
    hold: int | None = None
    if seconds is not None:
        if not seconds.isdigit() or int(seconds) not in chosen.hold_ladder:
            raise click.UsageError(
                f"SECONDS for {exercise} must be a step on its ladder ({ladder}), got {seconds!r}"
            )
        hold = int(seconds)
    with options.open_store(write=True) if hold is not None else options.read_store() as store:
        if hold is not None:
            store.set_level(LevelChange(exercise, hold, now_local()))
        current = chosen.hold_step(store.current_holds().get(exercise))
    if as_json:
        document = {
            "exercise": chosen.id,
            "name": chosen.name,
            "hold_s": current,
            "hold_ladder": list(chosen.hold_ladder),
            "changed": hold is not None,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    verb = "is now" if hold is not None else "is"
    click.echo(f"{chosen.name}: the hold {verb} {current} s (ladder: {ladder} s).")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_pass_options
def stats(options: _Options, as_json: bool) -> None:
    """Adherence, soreness against your first week and after runs, holds and advice."""
    from kneetui.gather import load_after_runs, load_coaching
    from kneetui.report import stats_document, stats_text
    from kneetui.routine_file import load_routine

    plan = load_routine()
    today = now_local().date()
    with options.read_store() as store:
        coaching = load_coaching(store, plan, today)
        after = load_after_runs(store)
    if as_json:
        document = stats_document(coaching, plan, after)
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    if options.no_data:
        options.say_no_data()
        click.echo()
    click.echo(stats_text(coaching, plan, after))


@cli.command(short_help="Acknowledge the red flags shown.")
@_pass_options
def ack(options: _Options) -> None:
    """Acknowledge the red flags shown: do it once the knee has been seen."""
    import uuid

    from kneetui.domain.models import Acknowledgement
    from kneetui.gather import load_coaching
    from kneetui.routine_file import load_routine

    plan = load_routine()
    now = now_local()
    if options.no_data:
        click.echo("No red flag to acknowledge.")
        return
    with options.open_store(write=True) as store:
        flags = load_coaching(store, plan, now.date()).red_flags
        if not flags:
            click.echo("No red flag to acknowledge.")
            return
        store.add_acknowledgement(Acknowledgement(str(uuid.uuid4()), now, now.date()))
    click.echo(f"Acknowledged {plural(len(flags), 'red flag')} on {now:%Y-%m-%d}:")
    for flag in flags:
        entry = flag.entry
        what = ", ".join(f.value for f in entry.flags) or f"a score of {entry.score}/10"
        click.echo(f"  {entry.local_day.isoformat()}  {what} ({flag.knee.value})")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_pass_options
def where(options: _Options, as_json: bool) -> None:
    """Show the database path and schema version."""
    path = options.db_path()
    step: tuple[int, str] | None = None
    if path.exists():
        with options.read_store() as store:
            step = store.schema_version
    if as_json:
        document = {
            "database": str(path),
            "exists": step is not None,
            "schema_version": step[0] if step else None,
            "schema_step": step[1] if step else None,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    click.echo(f"Database: {path}")
    if step is None:
        click.echo(
            "No data yet: the file does not exist. Opening the app or a command that "
            "stores something (kneetui log SCORE, say) creates it."
        )
        return
    click.echo(f"Schema:   version {step[0]} ({step[1]})")


# `kneetui runs` and `kneetui run` live in a module of their own, which adds them
# to `cli` as it is imported.
from kneetui import runs_cli  # noqa: E402, F401


def main(argv: Sequence[str] | None = None) -> NoReturn:
    cli.main(args=list(argv) if argv is not None else None)
