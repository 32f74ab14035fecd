"""`kneetui runs import PATH...`: runs from watch files and Strava's export.

Registered on the `runs` group by runs_cli.py. The readers and the import are
imported inside the command, so `kneetui --help` does not load gpxpy and
fitdecode.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

import click

from kneetui.cli import _Command, _Options, _pass_options
from kneetui.clock import now_local
from kneetui.domain.text import visible

# Files of a Strava export named one by one on stderr when their runs come from
# activities.csv alone; past these, a count. An export without its activity
# files named each of its 1,200 runs (the runs still import, so the names are
# notes, not refusals; every refused file is still named).
FROM_LIST_NAMED = 10


@click.command(cls=_Command)
@click.argument(
    "paths", metavar="PATH...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@_pass_options
def import_command(options: _Options, paths: tuple[Path, ...]) -> None:
    """Import runs from GPX, TCX and FIT files (each maybe .gz), folders of them,
    and Strava's bulk export (its folder or its .zip).

    Only runs are imported (run, trail run, treadmill); other activities are
    counted and skipped. A file imported before, or a run already stored from
    another source, is not added again. A file that cannot be read is named
    with its reason, the others still import, and the exit code is 1; but a
    file of Strava's export that is missing or unreadable is named with its
    reason (the first ten; past them, a count) and its run imported from the
    row of activities.csv.
    """
    from kneetui.run_import import Outcome, gather, import_items
    from kneetui.sources import Item

    now = now_local()
    with ExitStack() as stack:
        items = gather(paths, stack)
        store = stack.enter_context(options.open_store(write=True))
        if not (sys.stderr.isatty() and items):
            summary = import_items(store, items, zone=None, now=now)
        else:
            # Files done of the total and the time left, on stderr; none of it
            # when stderr is not a terminal.
            with click.progressbar(
                length=len(items), label="Importing", show_eta=True, show_pos=True, file=sys.stderr
            ) as bar:

                def progress(_item: Item, _outcome: Outcome) -> None:
                    bar.update(1)

                summary = import_items(store, items, zone=None, now=now, progress=progress)
    for name, reason in summary.refused:
        click.echo(f"refused {visible(name)}: {reason}", err=True)
    for name, reason in summary.from_list[:FROM_LIST_NAMED]:
        click.echo(f"from Strava's list {visible(name)}: {reason}", err=True)
    more = len(summary.from_list) - FROM_LIST_NAMED
    if more > 0:
        click.echo(
            f"from Strava's list: {more} more {'file' if more == 1 else 'files'}"
            " missing or unreadable, their runs taken from activities.csv",
            err=True,
        )
    click.echo(summary.line())
    if summary.refused:
        sys.exit(1)
