"""`kneetui status`, `kneetui remind` and `kneetui calendar`: the routine where
the runner already looks, a shell prompt, a status bar, cron, a login shell or
their calendar.

`kneetui status` is run by `kneetui.launch` before click is imported (see
`kneetui.status`); the command here is what `kneetui status -h` and `kneetui
--help` show, and it runs the same code. Both commands read the file read-only
(`storage.peek`) and create nothing.

A command module beside cli.py, which registers it at its end.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from kneetui.cli import _Options, _pass_options, cli
from kneetui.clock import now_local
from kneetui.domain.glance import Glance
from kneetui.domain.text import plural
from kneetui.domain.today import plan_today
from kneetui.storage.peek import Peek

# The hour after which a routine day without a session is reminded (a setting).
REMIND_AFTER = "remind_after"
DEFAULT_REMIND_AFTER = dt.time(18, 0)
_NOW_HELP = 'Answer as if it were this local time, "YYYY-MM-DD HH:MM" (to try it out).'


@cli.command(short_help="One short line for a shell prompt or a status bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the fields as JSON.")
@click.option(
    "--format",
    "template",
    metavar="TEMPLATE",
    help="Your own line, e.g. '{routine} {flag}'. Fields: {line} (the default line), "
    "{routine} (routine day / rest day), {session} (done / not done), {last} "
    "(last 3/10), {flag} (⚑1), and the JSON fields: {day}, {routine_day}, {done}, "
    "{next_routine_day}, {last_score}, {last_day}, {red_flags}, {check_in_owed}.",
)
@click.option("--db", "db", metavar="PATH", help="Database file (as `kneetui --db PATH`).")
@click.option("--now", metavar="TIME", help=_NOW_HELP)
@_pass_options
def status(
    options: _Options, as_json: bool, template: str | None, db: str | None, now: str | None
) -> None:
    """One short line for a shell prompt or tmux's status bar, such as `knee:
    routine day · not done · last 3/10 · ⚑1`: whether today is a routine day,
    whether its session is done (one that counts: completed, half its holds or
    more), the last score and the red flags not yet acknowledged.

    Fast enough for every prompt, and it only reads: with no database it prints
    nothing. With `--json`: day, routine_day, done, next_routine_day, last_score,
    last_day, red_flags and check_in_owed.
    """
    from kneetui.status import Options, run

    chosen = Options()
    chosen.db = db or (str(options.db) if options.db else None)
    chosen.as_json, chosen.template, chosen.now = as_json, template, now
    sys.stdout.flush()
    code = run(chosen, os.environ)
    if code:
        sys.exit(code)


def parse_hour(text: str, option: str) -> dt.time:
    """An "HH:MM" option, or a one-line usage error naming it."""
    try:
        if len(text.strip()) != 5:
            raise ValueError
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise click.UsageError(f'{option}: must be a time "HH:MM", got {text!r}') from None


def remind_after(stored: str | None) -> dt.time:
    if stored:
        try:
            return dt.time.fromisoformat(stored)
        except ValueError:
            pass  # edited by hand into nonsense: the default
    return DEFAULT_REMIND_AFTER


@cli.command(short_help="Print a reminder when something is due (for cron or a login shell).")
@click.option(
    "--after",
    metavar="HH:MM",
    help="Set the hour after which a routine day without a session is reminded "
    "(default 18:00), and stop.",
)
@click.option("--now", metavar="TIME", help=_NOW_HELP)
@_pass_options
def remind(options: _Options, after: str | None, now: str | None) -> None:
    """Print one reminder when something is due, and nothing otherwise (exit 0
    either way): for cron or a login shell. What is due, most important first:

    \b
    - a red flag not yet acknowledged;
    - the morning check-in, after yesterday's session or run;
    - a routine day with no session yet, after 18:00 (`--after` sets the hour).

    It only reads; with no database nothing is due.
    """
    from kneetui.status import UsageError, look, parse_now
    from kneetui.storage.peek import PeekError, read

    if after is not None:
        hour = parse_hour(after, "--after")
        with options.open_store(write=True) as store:
            store.set_setting(REMIND_AFTER, hour.strftime("%H:%M"))
        click.echo(f"Routine-day reminders come after {hour:%H:%M}.")
        return
    try:
        moment = parse_now(now) if now else dt.datetime.now().astimezone()
    except UsageError as error:
        raise click.UsageError(str(error)) from None

    def due(peek: Peek) -> str | None:
        seen = look(peek, moment.date())
        hour = remind_after(peek.setting_text(REMIND_AFTER))
        return reminder(seen, moment.time(), hour)

    try:
        message = read(str(options.db_path()), due)
    except PeekError as error:
        from kneetui.domain.errors import KneetuiError

        raise KneetuiError(str(error)) from None
    if message:
        click.echo(message)


def reminder(seen: Glance, time_now: dt.time, after: dt.time) -> str | None:
    """The one reminder due, or None."""
    if seen.red_flags:
        return (
            f"kneetui: {plural(seen.red_flags, 'red flag')} not yet acknowledged: have the "
            "knee seen by a doctor or a physical therapist, then run `kneetui ack`."
        )
    if seen.check_in_owed:
        return (
            f"kneetui: after yesterday's {seen.check_in_after}, log how your knees felt "
            "this morning: kneetui log SCORE --context next-morning"
        )
    if seen.routine_day and not seen.done and time_now >= after:
        return "kneetui: today is a routine day and it has no session yet: run kneetui, press s."
    return None


@cli.command(short_help="Write the routine days as a weekly event for your calendar (.ics).")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (mode 0600) instead of stdout, e.g. routine.ics.",
)
@click.option(
    "--at",
    "at",
    default="18:00",
    show_default=True,
    metavar="HH:MM",
    help="The event's local time on each routine day.",
)
@_pass_options
def calendar(options: _Options, output: Path | None, at: str) -> None:
    """Write the routine days as one weekly recurring event (iCalendar), with the
    exercises and your current holds in its description. Import it into Google
    Calendar, Apple Calendar or Thunderbird; after changing the schedule, export
    and import again: the event keeps its UID, so the calendar updates it.
    """
    from kneetui.data_cli import _write_private
    from kneetui.gather import change_over_of, schedule_of
    from kneetui.ics import event_uid, local_zone, routine_calendar
    from kneetui.routine_file import load_routine

    hour = parse_hour(at, "--at")
    plan = load_routine()
    now = now_local()
    with options.read_store() as store:
        schedule = schedule_of(store, plan)
        holds = store.current_holds()
        seconds = plan_today(
            plan, holds, schedule, now.date(), [], change_over_of(store)
        ).planned_seconds
        born = None if options.no_data else store.created_at()
    # The UID comes from the moment the file was created (its first schema step),
    # or with no file yet from its path: the same at every export.
    uid = event_uid(born or str(options.db_path().resolve()))
    text = routine_calendar(
        plan,
        holds,
        schedule,
        at=hour,
        minutes=max(1, -(-seconds // 60)),
        uid=uid,
        now=now,
        zone=local_zone(now, os.environ),
    ).decode("utf-8")
    if output is None:
        sys.stdout.write(text)
        return
    _write_private(output, text)
    click.echo(f"Wrote {output}: the routine on {', '.join(schedule)} at {hour:%H:%M}.", err=True)
