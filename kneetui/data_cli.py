"""`kneetui export`, `import` and `where`: the data file and what leaves or enters it.

A command module beside cli.py, which registers it at its end.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kneetui.cli import _Options, _pass_options, cli
from kneetui.clock import now_local
from kneetui.domain.errors import KneetuiError, ValidationError
from kneetui.domain.text import plural

# Import files above this size are refused before they are read: ten years of
# history exports to about 12 MB of JSON.
MAX_IMPORT_BYTES = 40 * 1024 * 1024


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
    from kneetui.storage.paths import write_private

    if not path.parent.is_dir():
        raise KneetuiError(f"cannot write {path}: the folder {path.parent} does not exist")
    write_private(path, text.encode("utf-8"))


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


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--new-device-id",
    is_flag=True,
    help="Give this database a new device id (for a copy of another device's database).",
)
@_pass_options
def where(options: _Options, as_json: bool, new_device_id: bool) -> None:
    """Show the database path, schema version and device id."""
    path = options.db_path()
    step: tuple[int, str] | None = None
    device: str | None = None
    if new_device_id:
        if not path.exists():
            raise KneetuiError(f"there is no database at {path} to give a new device id")
        with options.open_store(write=True) as store:
            old = store.device_id
            device = store.new_device_id()
            step = store.schema_version
        if not as_json:
            click.echo(f"Device:   {device} (was {old})")
            return
    elif path.exists():
        with options.read_store() as store:
            step = store.schema_version
            device = store.device_id
    if as_json:
        document = {
            "database": str(path),
            "exists": step is not None,
            "schema_version": step[0] if step else None,
            "schema_step": step[1] if step else None,
            "device_id": device,
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
    click.echo(f"Device:   {device}")
