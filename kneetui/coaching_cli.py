"""`kneetui routine`, `sessions`, `plot`, `schedule`, `level`, `stats` and `ack`:
the routine and the coaching from the shell.

A command module beside cli.py, which registers it at its end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys

import click

from kneetui.cli import _bad_value, _Options, _pass_options, cli
from kneetui.clock import now_local
from kneetui.domain.errors import ValidationError
from kneetui.domain.text import plural


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
