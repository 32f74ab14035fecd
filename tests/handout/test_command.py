"""`kneetui report` through the real command: Markdown on stdout and in a file,
the figures `kneetui stats` gives, bad input in one line, the file written 0600
in one step, nothing of the database's path or the user's name inside."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from kneetui.handout import output
from kneetui.handout.load import load_handout
from kneetui.handout.render import render
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from tests.cli.helpers import Result, kneetui
from tests.conftest import KNEETUI, child_env
from tests.handout.conftest import NOW, TODAY


def one_line_error(result: Result, code: int) -> str:
    assert result.code == code, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def stats_figures(db: Path) -> list[str]:
    """What `kneetui stats --json` says, as the report writes it."""
    document = json.loads(kneetui("stats", "--json", db=db).out)
    figures = []
    for knee in document["soreness"]["knees"].values():
        figures += [
            f"{knee['baseline_mean']:.1f}",
            f"{knee['last_7_days_mean']:.1f}",
            f"{knee['change_points']:+.1f} points, {knee['change_percent']:+.0f}%",
            knee["change"],
        ]
    figures += [f"{hold} s" for hold in document["holds"].values()]
    figures += [f"{item['rule']}" for item in document["advice"]]
    figures += [item["message"] for item in document["advice"]]
    return figures


def test_markdown_goes_to_stdout_with_the_figures_of_stats(history: Path) -> None:
    done = kneetui("report", db=history)
    assert done.code == 0, done.err
    with Store.open(history, now=NOW) as store:
        expected = render(load_handout(store, load_routine(), TODAY, 8), "md").decode()
    assert done.out == expected
    text = done.out.replace("\\", "")
    for figure in stats_figures(history):
        assert figure in text, figure
    stats = kneetui("stats", db=history).out
    adherence = stats.splitlines()[1].strip()
    assert adherence in text


def test_weeks_sets_the_range_and_a_short_history_is_shown_whole(history: Path) -> None:
    one = kneetui("report", "--weeks", "1", db=history).out
    start = TODAY - dt.timedelta(days=6)
    assert f"1 week, from {start.isoformat()} to {TODAY.isoformat()}." in one
    # The history holds ten weeks: 30 weeks show those ten only.
    whole = kneetui("report", "--weeks", "30", db=history).out
    first = TODAY - dt.timedelta(days=69)
    assert f"10 weeks, from {first.isoformat()} to {TODAY.isoformat()}." in whole


def test_a_markdown_file_is_written_0600_replacing_the_old_one(
    history: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "knees.md"
    target.parent.mkdir()
    target.write_text("an older report")
    target.chmod(0o644)
    done = kneetui("report", "--output", str(target), db=history)
    assert done.code == 0, done.err
    assert done.out.startswith(f"Report written to {target}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text() == kneetui("report", db=history).out
    assert [p.name for p in target.parent.iterdir()] == ["knees.md"]


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "knees.pdf"
    target.write_bytes(b"the old report")

    def broken(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space left"):
        output.write_atomically(target, b"x" * 100_000)
    assert target.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["knees.pdf"]


def test_the_report_holds_no_database_path_and_no_user_name(history: Path) -> None:
    text = kneetui("report", db=history).out
    for private in (str(history), history.name, str(history.parent), getpass.getuser()):
        assert private not in text


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--output", "knees.txt"), 2, "--output: the file name must end in .pdf, .html or .md"),
        (("--output", "knees"), 2, "--output: the file name must end in .pdf, .html or .md"),
        (("--weeks", "0"), 2, "'--weeks': 0 is not in the range 1<=x<=520"),
        (("--weeks", "521"), 2, "'--weeks': 521 is not in the range 1<=x<=520"),
        (("--weeks", "many"), 2, "'--weeks': 'many' is not a valid integer"),
        (("--paper", "a3"), 2, "'--paper': 'a3' is not one of 'a4', 'letter'"),
        (("--output", "missing/knees.md"), 1, "--output: there is no folder missing"),
    ],
)
def test_bad_input_gets_one_line(
    history: Path, tmp_path: Path, args: tuple[str, ...], code: int, words: str
) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    done = subprocess.run(
        [str(KNEETUI), "--db", str(history), "report", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        env=child_env(),
        timeout=120,
    )
    line = one_line_error(Result(done.returncode, done.stdout, done.stderr), code)
    assert words in line, line
    assert list(folder.iterdir()) == []


def test_a_folder_that_cannot_be_written_gets_one_line(history: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        folder = Path("/proc")  # root may write anywhere else
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    line = one_line_error(kneetui("report", "-o", str(folder / "knees.md"), db=history), 1)
    assert line.startswith(f"kneetui: cannot write {folder / 'knees.md'}: "), line
    assert not (folder / "knees.md").exists()
