"""`kneetui runs import` through the real command: the summary line, refused
files on stderr with exit 1, and no progress bar when not on a terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW, child_env
from tests.sources.makers import START, Activity, fit_bytes, gpx_bytes, track, write_export


def test_import_a_folder_then_again(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "a.gpx").write_bytes(gpx_bytes(track(10.0, 50)))
    (folder / "b.fit").write_bytes(fit_bytes(track(5.0, 30, start=START + dt.timedelta(days=1))))
    (folder / "ride.gpx").write_bytes(
        gpx_bytes(track(30.0, 60, start=START - dt.timedelta(days=2)), "cycling")
    )
    env = child_env(TZ="Europe/Oslo")
    first = kneetui("runs", "import", str(folder), db=db, env=env)
    assert (first.code, first.out, first.err) == (
        0, "Imported 2 runs, 0 already stored, 1 not run, 0 refused\n", ""
    )  # fmt: skip
    again = kneetui("runs", "import", str(folder), db=db, env=env)
    assert again.out == "Imported 0 runs, 2 already stored, 1 not run, 0 refused\n"
    with Store.open(db, now=NOW) as store:
        assert sorted(r.distance_km for r in store.runs()) == [5.0, 10.0]
    listed = kneetui("runs", db=db, env=env)
    assert listed.code == 0 and "10" in listed.out


def test_a_refused_file_is_named_on_stderr_and_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    good = tmp_path / "good.gpx"
    good.write_bytes(gpx_bytes(track(10.0, 50)))
    cut = tmp_path / "cut.fit"
    cut.write_bytes(fit_bytes(track(5.0, 30))[:300])
    result = kneetui("runs", "import", str(good), str(cut), db=db)
    assert result.code == 1
    assert result.out == "Imported 1 run, 0 already stored, 0 not runs, 1 refused\n"
    assert result.err == f"refused {cut}: the FIT file is cut short (truncated)\n"


def test_import_needs_a_path(tmp_path: Path) -> None:
    result = kneetui("runs", "import", db=tmp_path / "k.db")
    assert result.code == 2
    assert "PATH" in result.err


def test_a_strava_file_that_will_not_do_is_named_and_its_row_imported(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    export = write_export(
        tmp_path / "export",
        [
            Activity(1, START, 10.0, 50, filename="activities/1.gpx",
                     data=gpx_bytes(track(10.0, 50, start=START))),
            Activity(2, START + dt.timedelta(days=1), 7.0, 40, filename="activities/2.fit",
                     data=fit_bytes(track(7.0, 40))[:300]),
        ],
    )  # fmt: skip
    result = kneetui("runs", "import", str(export), db=db)
    assert (result.code, result.out, result.err) == (
        0,
        "Imported 2 runs (1 from Strava's list alone), 0 already stored, 0 not runs, 0 refused\n",
        f"from Strava's list {export}/activities/2.fit: the FIT file is cut short (truncated)\n",
    )
    with Store.open(db, now=NOW) as store:
        assert sorted(r.distance_km for r in store.runs()) == [7.0, 10.0]


@pytest.mark.parametrize(("missing", "more"), [(10, ""), (11, "1 more file"), (12, "2 more files")])
def test_past_ten_files_from_stravas_list_alone_a_count_stands_for_the_rest(
    tmp_path: Path, missing: int, more: str
) -> None:
    # An export whose activity files did not come with it: every run is still
    # imported from activities.csv, ten files are named, the rest counted.
    db = tmp_path / "k.db"
    export = write_export(
        tmp_path / "export",
        [
            Activity(n, START + dt.timedelta(days=n), 5.0, 30, filename=f"activities/{n}.gpx")
            for n in range(1, missing + 1)
        ],
    )
    result = kneetui("runs", "import", str(export), db=db)
    assert result.code == 0
    assert result.out.startswith(f"Imported {missing} runs ({missing} from Strava's list alone)")
    lines = result.err.splitlines()
    named = [line for line in lines if line.startswith(f"from Strava's list {export}")]
    assert [line.split("/activities/")[1].split(":")[0] for line in named] == [
        f"{n}.gpx" for n in range(1, 11)
    ]
    counted = [
        f"from Strava's list: {more} missing or unreadable, their runs taken from activities.csv"
    ]
    assert lines[len(named) :] == (counted if more else [])
    with Store.open(db, now=NOW) as store:
        assert len(store.runs()) == missing
