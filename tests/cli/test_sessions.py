"""`kneetui sessions`: past sessions with status, reps per exercise and time held."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kneetui.domain.models import Rep, Session, SessionStatus, Side
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW


def seed(db: Path) -> None:
    with Store.open(db, now=NOW) as store:
        for days, status, holds in ((3, SessionStatus.COMPLETED, 4), (1, SessionStatus.STOPPED, 1)):
            started = NOW - dt.timedelta(days=days)
            session = Session(f"0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5{days}", started, started.date())
            store.start_session(session)
            for n in range(1, holds + 1):
                store.add_rep(session.uuid, Rep("leg-raise", Side.LEFT, n, 5, 4.5, started))
            store.add_rep(session.uuid, Rep("calf-raise", Side.BOTH, 1, 20, 20.0, started))
            store.finish_session(session.uuid, status, started + dt.timedelta(minutes=5))


def test_sessions_table_newest_first(db_path: Path) -> None:
    seed(db_path)
    result = kneetui("sessions", db=db_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "When",
        "Status",
        "leg-raise",
        "hamstring-curl",
        "calf-raise",
        "Held",
    ]
    assert lines[1].split()[2:] == ["stopped", "1", "0", "1", "0.4", "min"]
    assert lines[2].split()[2:] == ["completed", "4", "0", "1", "0.6", "min"]


def test_sessions_json_and_days(db_path: Path) -> None:
    seed(db_path)
    items = json.loads(kneetui("sessions", "--json", db=db_path).out)
    assert [i["status"] for i in items] == ["stopped", "completed"]
    assert items[1]["reps_per_exercise"] == {"leg-raise": 4, "hamstring-curl": 0, "calf-raise": 1}
    assert items[1]["held_s"] == 38.0
    assert len(items[1]["reps"]) == 5
    assert kneetui("sessions", "--days", "0", db=db_path).code == 2


def test_no_sessions_says_how_to_start(db_path: Path) -> None:
    result = kneetui("sessions", db=db_path)
    assert result.code == 0
    assert "press s" in result.out
