"""The import use case on real files in tmp_path and a real SQLite store: a
Strava-style export as its folder and its zip, bad files among good ones, and
importing again."""

from __future__ import annotations

import datetime as dt
import zipfile
from contextlib import ExitStack
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kneetui.domain.runs import RunSource, Sport
from kneetui.run_import import Summary, gather, import_items
from kneetui.sources.archive import MAX_RATIO, RATIO_FROM_BYTES
from kneetui.storage.store import Store
from tests.sources.makers import (
    START,
    Activity,
    fit_bytes,
    gpx_bytes,
    gz,
    strava_list,
    track,
    write_export,
)

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
ZONE = ZoneInfo("Europe/Oslo")


def day(n: int) -> dt.datetime:
    return START + dt.timedelta(days=n)


def activities() -> list[Activity]:
    """Five activities: a GPX run, a gzipped FIT trail run, a ride, a treadmill
    run with no file, and a walk."""
    return [
        Activity(1, day(0), 10.0, 50, filename="activities/1.gpx",
                 data=gpx_bytes(track(10.0, 50, start=day(0)))),
        Activity(2, day(2), 12.0, 65, "Trail Run", "Hills",
                 filename="activities/2.fit.gz", data=gz(fit_bytes(track(12.0, 65, start=day(2))))),
        Activity(3, day(3), 40.0, 90, "Ride", filename="activities/3.gpx",
                 data=gpx_bytes(track(40.0, 90, start=day(3)), "cycling")),
        Activity(4, day(4), 8.0, 45, "Virtual Run", "Treadmill"),
        Activity(5, day(5), 3.0, 40, "Walk"),
    ]  # fmt: skip


def run_import(store: Store, *paths: Path) -> Summary:
    with ExitStack() as stack:
        return import_items(store, gather(paths, stack), zone=ZONE, now=NOW)


def counts(summary: Summary) -> tuple[int, int, int, int]:
    return summary.imported, summary.stored, summary.not_runs, len(summary.refused)


def zip_folder(folder: Path, target: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def test_a_strava_folder(tmp_path: Path, store: Store) -> None:
    export = write_export(tmp_path / "export", activities())
    summary = run_import(store, export)
    assert counts(summary) == (3, 0, 2, 0)
    runs = {r.distance_km: r for r in store.runs()}
    assert sorted(runs) == pytest.approx([8.0, 10.0, 12.0], rel=0.01)
    csv_only, gpx, fit = (runs[k] for k in sorted(runs))
    assert gpx.source is RunSource.GPX and gpx.note == "Morning Run"
    assert fit.source is RunSource.FIT and fit.sport is Sport.TRAIL_RUN and fit.note == "Hills"
    assert csv_only.source is RunSource.STRAVA_CSV and csv_only.sport is Sport.TREADMILL
    assert csv_only.started_at == day(4)
    assert csv_only.elapsed_minutes == pytest.approx(45.0)
    # 06:30 UTC is 08:30 in Oslo in summer.
    assert gpx.local_day == dt.date(2026, 6, 14)


def test_the_same_export_as_a_zip_and_again(tmp_path: Path, store: Store) -> None:
    export = write_export(tmp_path / "export", activities())
    archive = zip_folder(export, tmp_path / "export.zip")
    assert counts(run_import(store, archive)) == (3, 0, 2, 0)
    # Again: every file known by its hash, the list's rows too.
    assert counts(run_import(store, archive)) == (0, 3, 2, 0)
    # The unpacked folder: the same runs, already stored.
    assert counts(run_import(store, export)) == (0, 3, 2, 0)
    assert len(store.runs()) == 3


def test_a_watch_file_and_stravas_row_of_the_same_run(tmp_path: Path, store: Store) -> None:
    # The GPX from the watch, then Strava's list with the same run and no file:
    # one run stored.
    watch = tmp_path / "watch.gpx"
    watch.write_bytes(gpx_bytes(track(10.0, 50, start=day(0))))
    assert counts(run_import(store, watch)) == (1, 0, 0, 0)
    export = tmp_path / "export"
    export.mkdir()
    (export / "activities.csv").write_bytes(
        strava_list([Activity(1, day(0) + dt.timedelta(seconds=40), 10.1, 50)])
    )
    assert counts(run_import(store, export)) == (0, 1, 0, 0)
    assert [r.source for r in store.runs()] == [RunSource.GPX]


def test_a_folder_searched_recursively(tmp_path: Path, store: Store) -> None:
    deep = tmp_path / "watch" / "2026" / "06"
    deep.mkdir(parents=True)
    (deep / "a.gpx").write_bytes(gpx_bytes(track(5.0, 30, start=day(0))))
    (deep / "b.FIT").write_bytes(fit_bytes(track(6.0, 33, start=day(1))))
    (deep / "notes.txt").write_text("not a watch file")
    assert counts(run_import(store, tmp_path / "watch")) == (2, 0, 0, 0)
    assert counts(run_import(store, tmp_path / "watch")) == (0, 2, 0, 0)


def test_a_link_back_up_the_folder_tree_is_not_followed(tmp_path: Path, store: Store) -> None:
    deep = tmp_path / "watch" / "2026"
    deep.mkdir(parents=True)
    (deep / "a.gpx").write_bytes(gpx_bytes(track(5.0, 30, start=day(0))))
    (deep / "loop").symlink_to(tmp_path / "watch")
    assert counts(run_import(store, tmp_path / "watch")) == (1, 0, 0, 0)


def test_bad_files_are_named_and_the_others_import(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    good = fit_bytes(track(6.0, 33, start=day(1)))
    (folder / "good.fit").write_bytes(good)
    (folder / "cut.fit").write_bytes(fit_bytes(track(7.0, 40, start=day(2)))[:500])
    (folder / "empty.gpx").write_bytes(gpx_bytes([]))
    (folder / "laughs.gpx").write_text(
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]><gpx>&a;</gpx>'
    )
    summary = run_import(store, folder)
    assert counts(summary) == (1, 0, 0, 3)
    reasons = dict(summary.refused)
    assert "truncated" in reasons[f"{folder}/cut.fit"]
    assert "no track points" in reasons[f"{folder}/empty.gpx"]
    assert "entities" in reasons[f"{folder}/laughs.gpx"]
    assert [r.distance_km for r in store.runs()] == pytest.approx([6.0], rel=0.01)


def test_garmins_bulk_export_keeps_its_files_in_zips_within_the_zip(
    tmp_path: Path, store: Store
) -> None:
    inner = tmp_path / "UploadedFiles_0-_Part1.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a@garmin.com_1.fit", fit_bytes(track(6.0, 33, start=day(1))))
        z.writestr("a@garmin.com_2.fit", fit_bytes(track(7.0, 38, start=day(3))))
    archive = tmp_path / "garmin.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(inner, "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip")
        z.writestr("DI_CONNECT/DI-Connect-Fitness/summary.json", "{}")
    assert counts(run_import(store, archive)) == (2, 0, 0, 0)
    assert counts(run_import(store, archive)) == (0, 2, 0, 0)


def test_a_zip_member_escaping_the_archive_is_refused(tmp_path: Path, store: Store) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../escape.gpx", gpx_bytes(track(5.0, 30, start=day(0))))
        z.writestr("/abs.gpx", gpx_bytes(track(5.0, 30, start=day(1))))
        z.writestr("ok.gpx", gpx_bytes(track(5.0, 30, start=day(2))))
    summary = run_import(store, archive)
    assert counts(summary) == (1, 0, 0, 2)
    assert all("leaves the archive" in reason for _, reason in summary.refused)
    assert not (tmp_path.parent / "escape.gpx").exists()


def test_a_strava_list_pointing_outside_the_export_is_refused(tmp_path: Path, store: Store) -> None:
    secret = tmp_path / "secret.gpx"
    secret.write_bytes(gpx_bytes(track(5.0, 30, start=day(0))))
    export = tmp_path / "export"
    export.mkdir()
    (export / "activities.csv").write_bytes(
        strava_list([Activity(1, day(0), 5.0, 30, filename="../secret.gpx")])
    )
    summary = run_import(store, export)
    assert counts(summary) == (0, 0, 0, 1)
    assert "leaves the export" in summary.refused[0][1]


def test_a_zip_bomb_member_is_refused(tmp_path: Path, store: Store) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("activities/bomb.gpx", bytes(RATIO_FROM_BYTES * 4))
        z.writestr("activities/ok.gpx", gpx_bytes(track(5.0, 30, start=day(2))))
    info = zipfile.ZipFile(archive).getinfo("activities/bomb.gpx")
    assert info.file_size > MAX_RATIO * info.compress_size
    summary = run_import(store, archive)
    assert counts(summary) == (1, 0, 0, 1)
    assert "zip bomb" in summary.refused[0][1]


def test_a_zip_too_large_in_all_is_refused_whole(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kneetui.sources import archive as archive_module

    monkeypatch.setattr(archive_module, "MAX_ARCHIVE_BYTES", 100_000)
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(3):
            z.writestr(f"{n}.gpx", gpx_bytes(track(5.0, 30, start=day(n))))
    summary = run_import(store, archive)
    assert counts(summary) == (0, 0, 0, 1)
    assert "zip bomb" in summary.refused[0][1]


def test_a_file_that_is_not_a_zip(tmp_path: Path, store: Store) -> None:
    fake = tmp_path / "export.zip"
    fake.write_text("hello")
    missing = tmp_path / "missing.gpx"
    summary = run_import(store, fake, missing)
    assert counts(summary) == (0, 0, 0, 2)
    assert dict(summary.refused) == {
        str(fake): "not a readable zip file",
        str(missing): "cannot be read: No such file or directory",
    }


def test_summary_line_plurals() -> None:
    assert Summary(412, 3, 57, [("a", "b")] * 2).line() == (
        "Imported 412 runs, 3 already stored, 57 not runs, 2 refused"
    )
    assert Summary(1, 0, 1, []).line() == "Imported 1 run, 0 already stored, 1 not run, 0 refused"


def unreadable_files() -> list[Activity]:
    """Strava's list with three runs whose files will not do: one cut short, one
    missing from the export, one with no track points; and a good one."""
    return [
        Activity(1, day(0), 10.0, 50, filename="activities/1.gpx",
                 data=gpx_bytes(track(10.0, 50, start=day(0)))),
        Activity(2, day(1), 7.0, 40, "Trail Run", "Cut short", filename="activities/2.fit",
                 data=fit_bytes(track(7.0, 40, start=day(1)))[:500]),
        Activity(3, day(2), 6.5, 36, "Run", "Lost", filename="activities/3.gpx"),
        Activity(4, day(3), 5.0, 31, filename="activities/4.gpx", data=gpx_bytes([])),
    ]  # fmt: skip


def test_a_strava_run_whose_file_will_not_do_comes_from_the_list(
    tmp_path: Path, store: Store
) -> None:
    export = write_export(tmp_path / "export", unreadable_files())
    summary = run_import(store, export)

    assert counts(summary) == (4, 0, 0, 0)
    assert summary.line() == (
        "Imported 4 runs (3 from Strava's list alone), 0 already stored, 0 not runs, 0 refused"
    )
    assert dict(summary.from_list) == {
        f"{export}/activities/2.fit": "the FIT file is cut short (truncated)",
        f"{export}/activities/3.gpx": "not in the export",
        f"{export}/activities/4.gpx": "the GPX file has no track points",
    }
    runs = {r.note: r for r in store.runs()}
    cut = runs["Cut short"]
    # The row's own figures: its date, type, metres and seconds.
    assert cut.source is RunSource.STRAVA_CSV and cut.sport is Sport.TRAIL_RUN
    assert cut.started_at == day(1) and cut.distance_km == 7.0
    assert cut.elapsed_minutes == 40.0 and cut.moving_minutes == 39.5
    assert cut.source_file == f"{export}/activities/2.fit"
    assert runs["Lost"].distance_km == 6.5 and runs["Lost"].started_at == day(2)
    assert runs["Morning Run"].source is RunSource.GPX
    # Again: the rows are known, nothing is added.
    assert counts(run_import(store, export)) == (0, 4, 0, 0)
    assert len(store.runs()) == 4


def test_a_strava_zip_whose_member_will_not_do_imports_the_row(
    tmp_path: Path, store: Store
) -> None:
    """In the zip: a member cut short, one missing, and one refused as a bomb."""
    export = write_export(tmp_path / "export", unreadable_files()[:3])
    listed = strava_list(
        [*unreadable_files()[:3], Activity(5, day(4), 4.0, 25, filename="activities/5.gpx")]
    )
    (export / "activities.csv").write_bytes(listed)
    bomb = bytes(RATIO_FROM_BYTES * 4)  # zeros: packs far over MAX_RATIO times
    archive = zip_folder(export, tmp_path / "export.zip", {"activities/5.gpx": bomb})
    summary = run_import(store, archive)

    assert counts(summary) == (4, 0, 0, 0)
    reasons = dict(summary.from_list)
    assert reasons[f"{archive}:activities/2.fit"] == "the FIT file is cut short (truncated)"
    assert reasons[f"{archive}:activities/3.gpx"] == "not in the export"
    assert "zip bomb" in reasons[f"{archive}:activities/5.gpx"]
    assert sorted(r.distance_km for r in store.runs()) == [4.0, 6.5, 7.0, 10.0]


def test_a_strava_row_without_a_distance_and_a_bad_file_is_refused(
    tmp_path: Path, store: Store
) -> None:
    export = write_export(
        tmp_path / "export",
        [Activity(1, day(0), 0.0, 50, filename="activities/1.gpx", data=gpx_bytes([]))],
    )
    summary = run_import(store, export)

    assert counts(summary) == (0, 0, 0, 1)
    assert summary.refused == [(f"{export}/activities/1.gpx", "the GPX file has no track points")]
    assert summary.from_list == []
