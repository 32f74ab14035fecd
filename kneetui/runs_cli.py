"""`kneetui runs` and `kneetui run`: the runs, each with its single-run spike.

A command module of its own beside cli.py, which registers it at its end; it
shares cli.py's options, error handling and time parsing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from kneetui.cli import _bad_value, _Command, _Options, _parse_at, _pass_options, cli
from kneetui.clock import now_local
from kneetui.domain.errors import KneetuiError, ValidationError
from kneetui.domain.rules import SPIKE_STANDS_DAYS
from kneetui.domain.runs import (
    SMALL_SPIKE_OVER,
    SPIKE_WINDOW,
    Run,
    RunSource,
    RunSpike,
    Spike,
    check_run,
    spikes,
)
from kneetui.domain.spike_warning import (
    advised_ceiling,
    percent_words,
    standing_spike,
)

# What the runner typed for each field the domain checks.
_TYPED_AS = {"distance_km": "KM", "elapsed_minutes": "--minutes", "started_at": "--at"}


class _RunsGroup(click.Group):
    """A command group whose summary in `kneetui --help` is whole, as for commands."""

    command_class = _Command
    get_short_help_str = _Command.get_short_help_str


@cli.group(cls=_RunsGroup, invoke_without_command=True)
@click.option("--days", type=click.IntRange(min=1), help="Only the runs of the last N days.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--next",
    "next_run",
    is_flag=True,
    help="Print today's ceiling: 10% over the longest run of the last 30 days.",
)
@click.pass_context
def runs(ctx: click.Context, days: int | None, as_json: bool, next_run: bool) -> None:
    """List runs, newest first, each with its spike against the longest run of
    the 30 days before it (Frandsen et al. 2025: none, small, moderate, large)."""
    if ctx.invoked_subcommand is not None:
        return
    options = ctx.find_object(_Options)
    assert options is not None
    now = now_local()
    since = now - dt.timedelta(days=days) if days else None
    if next_run:
        with options.read_store() as store:
            # A spike warning stands up to 7 days, judged on the 30 days before it.
            stored = store.runs(since=now - SPIKE_WINDOW - dt.timedelta(days=SPIKE_STANDS_DAYS + 1))
        _print_ceiling(stored, now, as_json)
        return
    with options.read_store() as store:
        # The spike of the oldest run shown needs the 30 days before it.
        stored = store.runs(since=since - SPIKE_WINDOW if since else None)
    shown = [s for s in reversed(spikes(stored)) if since is None or s.run.started_at >= since]
    if as_json:
        click.echo(json.dumps([_run_json(s) for s in shown], ensure_ascii=False, indent=1))
    elif not shown:
        click.echo("No runs yet. Add one with: kneetui run KM, or import your watch's files.")
    else:
        for spike in shown:
            click.echo(_run_line(spike, now.tzinfo))


# A negative distance is an argument, not an unknown option: "kneetui run -5"
# says what KM must be (as `kneetui log -3` does for SCORE).
@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("km", metavar="KM", type=float)
@click.option("--minutes", type=float, help="How long the run took, in minutes.")
@click.option(
    "--at",
    "at_text",
    metavar='"YYYY-MM-DD HH:MM"',
    help="When the run started, in local time (default: MINUTES ago, or now).",
)
@click.option("--note", default="", help="A note, up to 1000 characters.")
@_pass_options
def run(
    options: _Options, km: float, minutes: float | None, at_text: str | None, note: str
) -> None:
    """Add a run by hand: its distance in km."""
    now = now_local()
    try:
        started = (
            _parse_at(at_text)
            if at_text is not None
            else now - dt.timedelta(minutes=minutes or 0.0)
        )
        added = check_run(
            Run(
                uuid=str(uuid.uuid4()),
                started_at=started.astimezone(dt.UTC).replace(microsecond=0),
                local_day=started.date(),
                distance_km=km,
                elapsed_minutes=minutes,
                source=RunSource.MANUAL,
                note=note,
            ),
            now,
        )
    except ValidationError as error:
        _bad_value(error, _TYPED_AS)
    with options.open_store(write=True) as store:
        if not store.add_run(added):
            click.echo(f"Already stored: a {_km(km)} run at {_when(started)}; nothing added.")
            return
        recent = store.runs(since=added.started_at - SPIKE_WINDOW)
    click.echo(f"Added a {_km(km)} run at {_when(started)}.")
    this = next(s for s in spikes(recent) if s.run.uuid == added.uuid)
    if this.spike is not Spike.NONE:
        click.echo(_spike_words(this))


def _print_ceiling(stored: Sequence[Run], now: dt.datetime, as_json: bool) -> None:
    """The longest run to do today. While a spike warning stands this is what the
    warning asks (10% over the longest run before the spike), so the two agree."""
    limit = advised_ceiling(stored, now, now.date())
    standing = standing_spike(stored, now.date())
    if standing is not None:
        window = [r for r in stored if r.started_at < standing.run.started_at]
        window = [r for r in window if standing.run.started_at - SPIKE_WINDOW <= r.started_at]
    else:
        window = [r for r in stored if now - SPIKE_WINDOW <= r.started_at < now]
    longest = max(window, key=lambda r: (r.distance_km, r.started_at), default=None)
    if as_json:
        document = {
            "ceiling_km": None if limit is None else round(limit, 2),
            "longest_km": None if longest is None else longest.distance_km,
            "longest_on": None if longest is None else longest.local_day.isoformat(),
            "window_days": SPIKE_WINDOW.days,
            "spike_standing": None if standing is None else standing.run.uuid,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
    elif limit is None or longest is None:
        click.echo(
            f"No run in the last {SPIKE_WINDOW.days} days, so no ceiling to keep to: "
            "start with a short run."
        )
    elif standing is not None:
        click.echo(
            f"Today's ceiling: {_km(limit)}. The spike warning for the "
            f"{_km(standing.run.distance_km)} run of {standing.run.local_day:%a %d %b} stands: "
            f"keep within {SMALL_SPIKE_OVER:.0%} of your longest run before it "
            f"({_km(longest.distance_km)} on {longest.local_day:%a %d %b})."
        )
    else:
        click.echo(
            f"Today's ceiling: {_km(limit)}, {SMALL_SPIKE_OVER:.0%} over your longest run "
            f"of the last {SPIKE_WINDOW.days} days ({_km(longest.distance_km)} on "
            f"{longest.local_day:%a %d %b}). A longer run is a spike."
        )


def _run_json(spike: RunSpike) -> dict[str, Any]:
    from kneetui.domain.exchange import run_item

    over = spike.over
    return {
        **run_item(spike.run),
        "spike": spike.spike.value,
        "longest_before_km": spike.longest,
        "over_percent": None if over is None else round(over * 100, 1),
    }


@runs.command(name="delete")
@click.argument("uuid_text", metavar="UUID")
@_pass_options
def delete_run(options: _Options, uuid_text: str) -> None:
    """Delete a run typed or imported by mistake: UUID as `kneetui runs --json`
    shows it. The run's spike no longer counts, nor does it as the longest run
    before later ones; a score it was linked to is kept."""
    wanted = uuid_text.strip().lower()
    if options.no_data:
        _no_run(uuid_text)
    with options.open_store(write=True) as store:
        found = next((r for r in store.runs() if r.uuid == wanted), None)
        if found is None or not store.delete_run(wanted):
            _no_run(uuid_text)
    started = found.started_at.astimezone(now_local().tzinfo)
    click.echo(f"Deleted the {_km(found.distance_km)} run of {_when(started)}.")


def _no_run(uuid_text: str) -> NoReturn:
    raise KneetuiError(f"no run has the uuid {uuid_text!r}; `kneetui runs --json` shows them")


def _run_line(spike: RunSpike, zone: dt.tzinfo | None) -> str:
    run = spike.run
    minutes = f"{run.minutes:5.0f} min" if run.minutes is not None else "    — min"
    line = f"{_when(run.started_at.astimezone(zone))}  {run.distance_km:6.1f} km  {minutes}"
    if spike.spike is not Spike.NONE and spike.over is not None and spike.longest is not None:
        line += (
            f"  {spike.spike.value} spike (+{percent_words(spike.over)} on {_km(spike.longest)})"
        )
    return line


def _spike_words(spike: RunSpike) -> str:
    assert spike.over is not None and spike.longest is not None
    return (
        f"That is {percent_words(spike.over)} longer than your longest run of the previous "
        f"{SPIKE_WINDOW.days} days ({_km(spike.longest)}): a {spike.spike.value} spike. "
        f"Keep the next runs within {SMALL_SPIKE_OVER:.0%} of {_km(spike.longest)}."
    )


def _km(km: float) -> str:
    return f"{km:.1f} km"


def _when(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


from kneetui.runs_import_cli import import_command  # noqa: E402

runs.add_command(import_command, "import")
