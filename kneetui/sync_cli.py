"""`kneetui merge` and `kneetui sync`: one history on several devices.

A command module beside cli.py, which registers it at its end. The work is in
`kneetui.syncing`; watchfiles is imported only by `sync --watch`.
"""

from __future__ import annotations

from pathlib import Path

import click

from kneetui.cli import _Options, _pass_options, cli
from kneetui.clock import now_local


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--accept-future",
    is_flag=True,
    help="Merge records dated more than a day after this machine's clock.",
)
@_pass_options
def merge(options: _Options, source: Path, accept_future: bool) -> None:
    """Merge another device's database (read-only) or JSON export into yours."""
    from kneetui.syncing import merge_source, summary

    now = now_local()
    # merge_source runs the whole-file check itself, before writing.
    with options.open_store() as store:
        plan = merge_source(store, source, now, accept_future=accept_future)
    click.echo(f"Merged {source}: {summary(plan)}.")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--watch",
    is_flag=True,
    help=(
        "Keep running; sync again when another device's file changes, and within "
        "5 s of a change made here."
    ),
)
@click.option(
    "--accept-future",
    is_flag=True,
    help="Merge records dated more than a day after this machine's clock.",
)
@_pass_options
def sync(options: _Options, folder: Path, watch: bool, accept_future: bool) -> None:
    """Sync through a shared folder (Syncthing, Dropbox, a USB stick): write your
    history there as DEVICE-ID.kneetui.json and merge every other device's file."""
    from kneetui.syncing import check_folder, own_file

    with options.open_store(write=True) as store:
        check_folder(store, folder)
        own = own_file(store, folder).name
    failed = _sync_once(options, folder, accept_future)
    if not watch:
        raise SystemExit(1 if failed else 0)
    _watch(options, folder, own, accept_future)


def _sync_once(options: _Options, folder: Path, accept_future: bool) -> bool:
    """One sync and its one-line log (refusals on stderr); True if a file was refused."""
    from kneetui.syncing import sync

    with options.open_store(write=True) as store:
        report = sync(store, folder, now_local(), accept_future=accept_future)
    for line in report.refused:
        click.echo(f"kneetui: {line}", err=True)
    stamp = now_local().strftime("%H:%M:%S")
    click.echo(f"{stamp} {report.line()}")
    return bool(report.refused)


# How often `--watch` looks for changes made on this device (a score logged in
# the app, say), in milliseconds: the database's change counter is one read.
LOCAL_CHECK_MS = 5000


def _watch(options: _Options, folder: Path, own: str, accept_future: bool) -> None:
    """Sync again whenever another device's file in `folder` changes (not when
    this device's own file is written), and when this device's history has
    changed since its file was last written, until interrupted.

    The database is not watched as a file: a sync's own writes and SQLite's
    checkpoints would wake the watcher again. Its change counter (kept by
    triggers) is read every LOCAL_CHECK_MS instead."""
    from watchfiles import watch

    from kneetui.syncing import is_sync_file

    click.echo(f"Watching {folder} and this device's history (Ctrl+C stops).")
    try:
        for changes in watch(
            folder,
            watch_filter=lambda _change, name: (
                is_sync_file(Path(name).name) and Path(name).name != own
            ),
            recursive=False,
            rust_timeout=LOCAL_CHECK_MS,
            yield_on_timeout=True,
        ):
            if changes or _changed_here(options):
                _sync_once(options, folder, accept_future)
    except KeyboardInterrupt:
        pass


def _changed_here(options: _Options) -> bool:
    """Whether this device's history changed since its sync file was written."""
    with options.open_store() as store:
        generation, synced, _sha = store.sync_state()
    return generation != synced
