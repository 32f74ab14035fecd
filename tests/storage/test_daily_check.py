"""The whole-file check before a shell write runs once a day, not before every
write: the first write of a day checks the file and notes it next to the
database; later writes that day rely on SQLite's own page checks; a new day, or
a file whose size changed oddly, checks again, and damage is still caught."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from kneetui.domain.exchange import Bundle
from kneetui.domain.soreness import new_entry
from kneetui.storage import opening
from kneetui.storage.errors import StoreDamaged
from kneetui.storage.opening import check_record_path
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW

TODAY = NOW.date()


def big_database(path: Path) -> None:
    with Store.open(path, now=NOW) as store:
        entries = tuple(
            new_entry(n % 11, at=NOW - dt.timedelta(hours=n), now=NOW, note="d" * 200)
            for n in range(600)
        )
        store.import_bundle(Bundle(soreness=entries))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def damage_middle(path: Path) -> None:
    """Garbage over pages in the middle of the file; its size stays the same."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(b"\xa5" * 4096 * 2)


def recorded(path: Path) -> dict[str, object]:
    return dict(json.loads(check_record_path(path).read_text()))


def test_the_first_write_of_a_day_checks_and_the_second_does_not(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    big_database(path)
    with Store.open(path, now=NOW) as store:
        assert store.check_daily(TODAY) is None
        record = recorded(path)
        assert record["day"] == TODAY.isoformat()
        assert isinstance(record["bytes"], int) and record["bytes"] > 100_000
    assert os.stat(check_record_path(path)).st_mode & 0o777 == 0o600
    damage_middle(path)
    with Store.open(path, now=NOW) as store:
        # Same day, same size: no whole-file check, so the damage in pages this
        # write does not read goes unseen until the next check...
        assert store.check_daily(TODAY) is None
        store.set_setting("quiet", True)
    with Store.open(path, now=NOW) as store:
        # ...which the next day runs, and finds it.
        message = store.check_daily(TODAY + dt.timedelta(days=1))
        assert message is not None and "is damaged" in message
        with pytest.raises(StoreDamaged):
            store.set_setting("quiet", False)


def test_a_file_that_shrank_or_grew_oddly_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "k.db"
    big_database(path)
    with Store.open(path, now=NOW) as store:
        assert store.check_daily(TODAY) is None
        size = int(str(recorded(path)["bytes"]))
    damage_middle(path)
    record = check_record_path(path)
    # Checked today at a size it has since grown a little from: trusted.
    record.write_text(json.dumps({"day": TODAY.isoformat(), "bytes": size - 4096}))
    with Store.open(path, now=NOW) as store:
        assert store.check_daily(TODAY) is None
    # Checked today when it was a page bigger: it shrank, so it is checked again.
    record.write_text(json.dumps({"day": TODAY.isoformat(), "bytes": size + 4096}))
    with Store.open(path, now=NOW) as store:
        message = store.check_daily(TODAY)
        assert message is not None and "is damaged" in message
    # Checked today at a third of its size: it more than doubled, checked again.
    monkeypatch.setattr(opening, "CHECK_GROWTH_SLACK_BYTES", 0)
    record.write_text(json.dumps({"day": TODAY.isoformat(), "bytes": size // 3}))
    with Store.open(path, now=NOW) as store:
        message = store.check_daily(TODAY)
        assert message is not None and "is damaged" in message


def test_a_missing_or_unreadable_record_means_a_check(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    big_database(path)
    damage_middle(path)
    check_record_path(path).write_text("not json")
    with Store.open(path, now=NOW) as store:
        assert store.check_daily(TODAY) is not None
    check_record_path(path).unlink()
    with Store.open(path, now=NOW) as store:
        assert store.check_daily(TODAY) is not None
    assert not check_record_path(path).exists()  # damage is never recorded as sound


def test_the_shell_checks_on_the_first_write_of_a_day_only(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    big_database(path)
    assert kneetui("log", "3", db=path).code == 0
    record = recorded(path)
    assert record["day"] == dt.date.today().isoformat()
    damage_middle(path)
    # The second write of the day trusts this morning's check.
    assert kneetui("log", "4", db=path).code == 0
    # A record from yesterday: this write checks the whole file and refuses.
    yesterday = dt.date.today() - dt.timedelta(days=1)
    check_record_path(path).write_text(json.dumps({**record, "day": yesterday.isoformat()}))
    result = kneetui("log", "5", db=path)
    assert result.code == 1
    assert f"{path} is damaged" in result.err and "will not write" in result.err
