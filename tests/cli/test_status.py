"""`kneetui status`, through the real command: the line, --json, --format, the
file left as it was, and the modules it must not import."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kneetui.domain.models import Acknowledgement, Flag
from kneetui.gather import SCHEDULE
from kneetui.routine_facts import routine_facts, scan
from kneetui.routine_file import load_routine
from kneetui.status import Options, status_arguments
from kneetui.storage.paths import resolve_db_path
from kneetui.storage.peek import db_path
from kneetui.storage.store import Store
from tests import histories
from tests.cli.helpers import kneetui
from tests.conftest import child_env

# Wednesday 18 November 2026, a routine day on the default schedule.
WED = dt.date(2026, 11, 18)
AT_7PM = ["--now", "2026-11-18 19:00"]
UTC = child_env(TZ="UTC")


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def status(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = kneetui("status", "--db", str(db), *AT_7PM, *args, env=env or UTC)
    return done.code, done.out, done.err


@pytest.fixture
def history(db_path: Path, routine: object) -> Path:
    """Sessions on Mon and Wed (today), a 3 last, a swelling on Monday."""
    plan = load_routine()
    with Store.open(db_path, now=histories.at(WED)) as store:
        store.add_soreness(histories.score(WED - dt.timedelta(days=2), 6, flags=(Flag.SWELLING,)))
        store.add_soreness(histories.score(WED - dt.timedelta(days=1), 3, hour=9))
        store.import_bundle(
            histories.Bundle(sessions=(histories.session(plan, WED - dt.timedelta(days=2)),))
        )
    return db_path


def test_the_line_says_routine_day_not_done_last_score_and_the_flag(history: Path) -> None:
    assert status(history) == (0, "knee: routine day · not done · last 3/10 · ⚑1\n", "")


def test_a_session_done_and_an_acknowledged_flag_change_the_line(history: Path) -> None:
    plan = load_routine()
    with Store.open(history, now=histories.at(WED)) as store:
        store.import_bundle(histories.Bundle(sessions=(histories.session(plan, WED),)))
        store.add_acknowledgement(Acknowledgement(histories._id("ack"), histories.at(WED), WED))
    assert status(history)[1] == "knee: routine day · done · last 3/10\n"
    with Store.open(history, now=histories.at(WED)) as store:
        store.set_setting(SCHEDULE, ["tue", "thu"])
    assert status(history)[1] == "knee: rest day · done · last 3/10\n"


def test_json_gives_the_fields(history: Path) -> None:
    code, out, _ = status(history, "--json")
    assert code == 0
    assert json.loads(out) == {
        "day": "2026-11-18",
        "routine_day": True,
        "done": False,
        "next_routine_day": "2026-11-20",
        "last_score": 3,
        "last_day": "2026-11-17",
        "red_flags": 1,
        "check_in_owed": True,  # after yesterday's run
    }


def test_a_template_picks_the_fields(history: Path) -> None:
    code, out, _ = status(history, "--format", "{routine}|{session}|{flag}|{last_score:>3}|{done}")
    assert (code, out) == (0, "routine day|not done|⚑1|  3|false\n")
    assert status(history, "--format={line} ({day})")[1] == (
        "knee: routine day · not done · last 3/10 · ⚑1 (2026-11-18)\n"
    )


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("{nope}", "kneetui: --format: unknown field {nope} (use line, routine,"),
        ("{day.year}", "kneetui: --format: unknown field {day.year}"),
        ("{flag[0]}", "kneetui: --format: unknown field {flag[0]}"),
        ("{0}", "kneetui: --format: unknown field {0}"),
        ("{line", "kneetui: --format: expected '}' before end of string"),
        ("{routine:d}", "kneetui: --format: Unknown format code 'd'"),
    ],
)
def test_a_bad_template_is_one_line_and_exit_2(history: Path, template: str, error: str) -> None:
    code, out, err = status(history, "--format", template)
    assert (code, out) == (2, "")
    assert err.startswith(error) and err.count("\n") == 1, err


def test_a_bad_now_is_exit_2(history: Path) -> None:
    done = kneetui("status", "--db", str(history), "--now", "tomorrow", env=UTC)
    assert (done.code, done.out) == (2, "")
    assert (
        done.err == "kneetui: --now: must be \"YYYY-MM-DD HH:MM\" in local time, got 'tomorrow'\n"
    )


def test_no_database_prints_nothing_and_creates_nothing(tmp_path: Path) -> None:
    for args in (["status"], ["status", "--json"], ["status", "--format", "{line}"]):
        done = kneetui(*args, db=tmp_path / "none" / "kneetui.db")
        assert (done.code, done.out, done.err) == (0, "", "")
    done = kneetui("status", env=child_env(KNEETUI_DB=str(tmp_path / "k.db")))
    assert (done.code, done.out, done.err) == (0, "", "")
    assert list(tmp_path.iterdir()) == []


def test_it_reads_without_writing_or_creating_a_file(history: Path) -> None:
    before = files(history.parent)
    assert not (history.parent / "kneetui.db-wal").exists()  # closed: all in the main file
    assert status(history)[0] == 0
    assert files(history.parent) == before


def test_it_reads_a_database_the_app_has_open(history: Path) -> None:
    with Store.open(history, now=histories.at(WED)) as store:
        # The app holds the file open, its latest score still in the -wal.
        store.add_soreness(histories.score(WED, 2, hour=10))
        assert (history.parent / "kneetui.db-wal").exists()
        before = files(history.parent)
        assert status(history)[1] == "knee: routine day · not done · last 2/10 · ⚑1\n"
        after = files(history.parent)
        # A WAL reader marks its snapshot in the -shm (shared memory, not data): the
        # database and its -wal are untouched, and no file is added.
        assert after.keys() == before.keys()
        assert {k: v for k, v in after.items() if not k.endswith("-shm")} == {
            k: v for k, v in before.items() if not k.endswith("-shm")
        }


def test_a_refused_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database, just notes\n")
    done = kneetui("status", "--db", str(text))
    assert (done.code, done.out) == (1, "")
    assert done.err.startswith("kneetui: ") and done.err.count("\n") == 1
    assert text.read_text() == "not a database, just notes\n"


def test_without_utf8_the_line_is_ascii(history: Path) -> None:
    env = child_env(TZ="UTC", PYTHONIOENCODING="latin-1")
    assert status(history, env=env)[1] == "knee: routine day - not done - last 3/10 - !1\n"


def test_it_imports_neither_textual_nor_click_nor_sqlite_utils(history: Path) -> None:
    script = (
        "import sys\n"
        "from kneetui.launch import main\n"
        "try:\n"
        f"    main(['--db', {str(history)!r}, 'status', '--json'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "roots = {name.partition('.')[0] for name in sys.modules}\n"
        "print(sorted(roots & {'textual', 'click', 'sqlite_utils', 'platformdirs', 'typing',\n"
        "                      'pathlib', 'tomllib', 'rich', 'plotext'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=UTC, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stdout


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["status"], {}),
        (["--db", "k.db", "status", "--json"], {"db": "k.db", "as_json": True}),
        (["status", "--db=k.db", "--format", "{line}"], {"db": "k.db", "template": "{line}"}),
        (["status", "--format={x}", "--now", "2026-11-18 19:00"],
         {"template": "{x}", "now": "2026-11-18 19:00"}),
    ],
)  # fmt: skip
def test_the_launcher_recognises_status(args: list[str], wanted: dict[str, object]) -> None:
    expected = Options()
    for name, value in wanted.items():
        setattr(expected, name, value)
    assert status_arguments(args) == expected


@pytest.mark.parametrize(
    "args",
    [["status", "-h"], ["status", "--help"], ["status", "--verbose"], ["status", "--format"],
     ["log", "3"], ["--db", "status"], ["status", "status"], ["--json", "status"]],
)  # fmt: skip
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert status_arguments(args) is None


def test_help_is_click_s(tmp_path: Path) -> None:
    done = kneetui("status", "--help")
    assert done.code == 0 and "Usage: kneetui status [OPTIONS]" in done.out
    assert "--format TEMPLATE" in done.out and "--json" in done.out


@pytest.mark.parametrize(
    "environ",
    [
        {"HOME": "/home/runner"},
        {"HOME": "/home/runner/", "XDG_DATA_HOME": "/data/xdg"},
        {"HOME": "/home/runner", "XDG_DATA_HOME": ""},
        {"HOME": "/home/runner", "XDG_DATA_HOME": "relative/xdg"},
        {"HOME": "/home/runner", "KNEETUI_DB": "~/k.db"},
    ],
)
def test_the_default_path_is_the_apps(
    environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HOME", "XDG_DATA_HOME", "KNEETUI_DB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert db_path(None, os.environ) == str(resolve_db_path(None, os.environ))
    assert db_path("~/x.db", os.environ) == str(resolve_db_path("~/x.db", os.environ))


def test_the_routine_facts_are_the_parsers() -> None:
    plan = load_routine()
    assert routine_facts() == (plan.schedule, plan.planned_holds)


def test_a_routine_written_otherwise_falls_back_to_the_parser(tmp_path: Path) -> None:
    from kneetui.routine_file import routine_path

    text = routine_path().read_text(encoding="utf-8")
    multi_line = text.replace(
        'schedule = ["mon", "wed", "fri"]', 'schedule = [\n  "tue",\n  "sat",\n]'
    )
    assert scan(multi_line) is None
    other = tmp_path / "routine.toml"
    other.write_text(multi_line.replace("reps = 10", "reps = 8", 1), encoding="utf-8")
    assert routine_facts(str(other)) == (("tue", "sat"), 46)


def test_a_reader_that_left_is_not_an_error(history: Path) -> None:
    from tests.conftest import KNEETUI

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before kneetui writes
    try:
        done = subprocess.run(
            [str(KNEETUI), "status", "--db", str(history)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=UTC,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")
