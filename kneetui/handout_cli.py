"""`kneetui report`: the one-page report for the physical therapist, as
Markdown (stdout, or `.md`), HTML or PDF.

A command module beside cli.py, which registers it at its end. The PDF and the
HTML page need the optional extra `kneetui[report]` (matplotlib, fpdf2),
imported here only when one of them is asked for.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from kneetui.cli import _Options, _pass_options, cli
from kneetui.clock import now_local
from kneetui.domain.handout_range import DEFAULT_WEEKS, MAX_WEEKS

INSTALL_HINT = "pip install 'kneetui[report]'"
# What each format needs beyond kneetui itself: (module, package) pairs.
_NEEDS = {
    "pdf": (("matplotlib", "matplotlib"), ("fpdf", "fpdf2")),
    "html": (("matplotlib", "matplotlib"),),
    "md": (),
}


def _importable(module: str) -> bool:
    """Whether `module` imports (it is needed right after: the import is not
    wasted)."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


@cli.command(short_help="Write a one-page report for a physical therapist (PDF, HTML, Markdown).")
@click.option(
    "--weeks",
    type=click.IntRange(1, MAX_WEEKS),
    default=DEFAULT_WEEKS,
    show_default=True,
    help=f"The last N weeks (1 to {MAX_WEEKS}), or the whole history when it is shorter.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write: .pdf, .html or .md (default: Markdown on stdout).",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Page size of the PDF and of the HTML page when printed.",
)
@click.option("--no-notes", is_flag=True, help="Leave the notes of your scores out.")
@_pass_options
def report(options: _Options, weeks: int, output: Path | None, paper: str, no_notes: bool) -> None:
    """Write a one-page report for a physical therapist: the soreness trend, the
    first week against the last 7 days per knee, adherence, holds, run load, red
    flags, notes of scores of 6 or more and the current advice.

    The format comes from the file's extension: .pdf, .html or .md; without
    --output, Markdown goes to stdout. PDF and HTML need the report extra
    (pip install 'kneetui[report]'). The file is written readable by you only.
    It holds self-reported scores: not a diagnosis, not medical advice.
    """
    from kneetui.handout.output import OutputError, check_folder, format_of

    kind = "md"
    if output is not None:
        try:
            kind = format_of(output).value
        except OutputError as error:
            raise click.UsageError(f"--output: {error}") from None
        missing = [package for module, package in _NEEDS[kind] if not _importable(module)]
        if missing:
            raise click.ClickException(
                f"a {kind.upper()} report needs {', '.join(missing)}: {INSTALL_HINT}"
            )
        try:
            check_folder(output)
        except OutputError as error:
            raise click.ClickException(f"--output: {error}") from None

    from kneetui.handout.load import load_handout
    from kneetui.routine_file import load_routine

    today = now_local().date()
    with options.read_store() as store:
        content = load_handout(store, load_routine(), today, weeks, notes=not no_notes)
    from kneetui.handout.render import render

    notices: list[str] = []
    data = render(content, kind, paper, notices)
    if output is None:
        click.echo(data.decode(), nl=False)
        return
    from kneetui.handout.output import write_atomically

    try:
        write_atomically(output, data)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(f"Report written to {output} ({content.start} to {content.end}).")
    for notice in notices:
        click.echo(f"kneetui: note: {notice}", err=True)
