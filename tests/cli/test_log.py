"""`kneetui log`, through the real command and through click's CliRunner."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kneetui.cli import cli
from kneetui.domain.models import Context, Flag, Knee
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW


def stored(db: Path) -> list:
    with Store.open(db, now=NOW) as store:
        return store.soreness()


def test_log_stores_the_score_and_prints_one_confirmation_line(db_path: Path) -> None:
    result = kneetui("log", "4", "--km", "8", "--minutes", "45", db=db_path)
    assert result.code == 0, result.err
    assert result.out == "Logged 4/10 (acceptable) for both knees after an 8.0 km run (45 min)\n"
    (entry,) = stored(db_path)
    assert (entry.score, entry.knee, entry.context, entry.run_km, entry.run_minutes) == (
        4,
        Knee.BOTH,
        Context.AFTER_RUN,
        8.0,
        45.0,
    )
    assert abs(entry.logged_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_log_with_every_option(db_path: Path) -> None:
    result = kneetui(
        "log", "8", "--knee", "left", "--context", "other", "--note", "[/bold] stairs",
        "--flag", "swelling", "--flag", "locking", "--at", "2026-01-02 07:15",
        db=db_path,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "flagged: swelling, locking" in result.out
    (entry,) = stored(db_path)
    assert entry.knee is Knee.LEFT and entry.context is Context.OTHER
    assert entry.flags == (Flag.SWELLING, Flag.LOCKING)
    assert entry.note == "[/bold] stairs"
    assert entry.local_day == dt.date(2026, 1, 2)


BAD = [
    (["11"], "SCORE: "),
    (["-1"], "SCORE: "),
    (["3.5"], "SCORE: "),
    (["abc"], "SCORE: "),
    ([""], "SCORE: "),
    (["4", "--km", "-5"], "--km: "),
    (["4", "--km", "0"], "--km: "),
    (["4", "--km", "5000"], "--km: "),
    (["4", "--km", "nan"], "--km: "),
    (["4", "--km", "far"], "--km"),
    (["4", "--minutes", "-10"], "--minutes: "),
    (["4", "--minutes", "99999"], "--minutes: "),
    (["4", "--note", "x" * 1001], "--note: "),
    (["4", "--at", "2999-01-01 10:00"], "--at: 2999-01-01T10:00"),
    (["4", "--at", "yesterday"], "--at"),
    (["4", "--knee", "elbow"], "--knee"),
    (["4", "--flag", "sore"], "--flag"),
    ([], "SCORE"),
]


@pytest.mark.parametrize(("args", "named"), BAD)
def test_bad_input_exits_2_with_one_line_and_stores_nothing(
    db_path: Path, args: list[str], named: str
) -> None:
    kneetui("log", "2", db=db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    result = kneetui("log", *args, db=db_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("kneetui: ")
    assert named in result.err
    # The option typed, never the column behind it.
    assert not any(column in result.err for column in ("run_km", "run_minutes", "logged_at"))
    assert [e.score for e in stored(db_path)] == [2]
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(("args", "named"), BAD[:6])
def test_clirunner_gives_the_same_refusals(db_path: Path, args: list[str], named: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db_path), "log", *args])
    assert result.exit_code == 2
    assert named in result.stderr
    assert not db_path.exists()


def test_clirunner_logs_a_score(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db_path), "log", "0", "--knee", "right"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Logged 0/10 (safe) for the right knee after a run\n"
    assert [e.score for e in stored(db_path)] == [0]


def test_the_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    from tests.conftest import child_env

    target = tmp_path / "env.db"
    result = kneetui("log", "3", env=child_env(KNEETUI_DB=str(target)))
    assert result.code == 0, result.err
    assert [e.score for e in stored(target)] == [3]


def test_without_option_or_variable_the_user_data_folder_is_used(tmp_path: Path) -> None:
    from tests.conftest import child_env

    data = tmp_path / "xdg"
    result = kneetui("log", "6", env=child_env(XDG_DATA_HOME=str(data)))
    assert result.code == 0, result.err
    assert [e.score for e in stored(data / "kneetui" / "kneetui.db")] == [6]
