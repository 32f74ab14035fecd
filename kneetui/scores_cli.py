"""`kneetui log`, `edit`, `delete` and `history`: the soreness scores from the shell.

A command module beside cli.py, which registers it at its end; it shares
cli.py's options, error handling and time parsing.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kneetui.cli import _TYPED_AS, _bad_value, _Options, _parse_at, _pass_options, cli
from kneetui.clock import now_local
from kneetui.domain.errors import KneetuiError, ValidationError
from kneetui.domain.models import Context, Flag, Knee

if TYPE_CHECKING:
    from kneetui.domain.models import SorenessEntry
    from kneetui.domain.runs import Run
    from kneetui.storage.store import Store


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
