"""`kneetui merge SOURCE`: another device's database (read-only) or JSON export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from kneetui.domain.exchange import checksum, encode_json
from kneetui.domain.models import Rep, Session, SessionStatus, Side
from kneetui.domain.runs import Run
from kneetui.domain.soreness import new_entry
from kneetui.storage.convert import SORENESS_COLUMNS, soreness_row
from kneetui.storage.schema import Schema, acknowledgements, initial, runs, score_edits
from kneetui.storage.store import Store
from tests.cli.helpers import kneetui
from tests.conftest import NOW


def opened(path: Path, moment: dt.datetime = NOW) -> Store:
    store = Store.open(path, now=NOW)
    store.clock = lambda: moment
    return store


def canonical(path: Path) -> str:
    with Store.open(path, now=NOW) as store:
        return encode_json(store.export_bundle(), canonical=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    with opened(a) as store:
        store.add_soreness(new_entry(3, at=NOW, now=NOW))
    with opened(b) as store:
        store.add_soreness(new_entry(5, at=NOW - dt.timedelta(hours=2), now=NOW))
    return a, b


def test_merging_a_database_adds_its_records_and_never_writes_to_it(
    two: tuple[Path, Path],
) -> None:
    a, b = two
    before, mtime = digest(b), b.stat().st_mtime_ns
    result = kneetui("merge", str(b), db=a)
    assert result.code == 0, result.err
    assert result.out == f"Merged {b}: 1 added, 0 updated, 0 deleted, 0 already present.\n"
    again = kneetui("merge", str(b), db=a)
    assert again.out == f"Merged {b}: 0 added, 0 updated, 0 deleted, 1 already present.\n"
    assert digest(b) == before and b.stat().st_mtime_ns == mtime
    # Merged the other way, both hold the same history.
    assert kneetui("merge", str(a), db=b).code == 0
    assert canonical(a) == canonical(b)


def test_a_json_export_merges_like_a_database_and_old_exports_still_do(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two
    export = tmp_path / "b.json"
    assert kneetui("export", "--output", str(export), db=b).code == 0
    assert "1 added" in kneetui("merge", str(export), db=a).out
    # An export written before versions were kept: no device, no checksum.
    document = json.loads(export.read_text())
    for key in ("device_id", "checksum", "tombstones", "settings_versions"):
        document.pop(key)
    for item in document["soreness"]:
        item.pop("device_id")
        item["uuid"] = str(uuid.uuid4())
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document))
    assert "1 added" in kneetui("merge", str(old), db=a).out


def test_the_later_version_wins_and_a_tie_goes_to_the_greater_device_id(
    tmp_path: Path,
) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    score = new_entry(4, at=NOW, now=NOW)
    with opened(a) as store:
        store.add_soreness(score)
    assert kneetui("merge", str(a), db=b).code == 0
    later = NOW + dt.timedelta(hours=1)
    with opened(a, later) as store:
        store.update_soreness(score._replace(score=6, updated_at=later))
    with opened(b, NOW + dt.timedelta(minutes=30)) as store:
        store.update_soreness(score._replace(score=2, updated_at=NOW + dt.timedelta(minutes=30)))
    assert "1 updated" in kneetui("merge", str(a), db=b).out
    assert "1 already present" in kneetui("merge", str(b), db=a).out
    for path in (a, b):
        with Store.open(path, now=NOW) as store:
            assert store.soreness()[0].score == 6
    # The same second on both: the greater device id wins on both sides.
    tie = NOW + dt.timedelta(hours=2)
    with opened(a, tie) as store:
        store.update_soreness(score._replace(score=1, updated_at=tie))
        a_id = store.device_id
    with opened(b, tie) as store:
        store.update_soreness(score._replace(score=9, updated_at=tie))
        b_id = store.device_id
    kneetui("merge", str(a), db=b)
    kneetui("merge", str(b), db=a)
    for path in (a, b):
        with Store.open(path, now=NOW) as store:
            assert store.soreness()[0].score == (1 if a_id > b_id else 9)


def test_a_delete_travels_is_kept_and_the_record_never_comes_back(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    score = new_entry(4, at=NOW, now=NOW)
    with opened(a) as store:
        store.add_soreness(score)
    kneetui("merge", str(a), db=b)
    copy = tmp_path / "b-before.json"
    kneetui("export", "--output", str(copy), db=b)
    with opened(a, NOW + dt.timedelta(hours=1)) as store:
        assert store.delete_soreness(score.uuid)
    result = kneetui("merge", str(a), db=b)
    assert result.out.endswith("0 added, 0 updated, 1 deleted, 0 already present.\n")
    # B's old export, which still holds the score, brings nothing back to A, nor
    # does A bring it back to B.
    assert "0 added" in kneetui("merge", str(copy), db=a).out
    assert "0 added" in kneetui("merge", str(a), db=b).out
    for path in (a, b):
        with Store.open(path, now=NOW) as store:
            assert store.soreness() == []
            kept = store.conn.execute("SELECT uuid FROM tombstones").fetchall()
            assert [tuple(row) for row in kept] == [(score.uuid,)]


def test_a_sessions_reps_travel_with_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    session = Session(str(uuid.uuid4()), NOW, NOW.date())
    with opened(a) as store:
        store.start_session(session)
        store.add_rep(session.uuid, Rep("leg-raise", Side.LEFT, 1, 5, 5.0, NOW))
    kneetui("merge", str(a), db=b)
    with opened(a, NOW + dt.timedelta(minutes=5)) as store:
        store.add_rep(session.uuid, Rep("leg-raise", Side.RIGHT, 1, 5, 4.0, NOW))
        store.finish_session(session.uuid, SessionStatus.COMPLETED, NOW + dt.timedelta(minutes=5))
    assert "1 updated" in kneetui("merge", str(a), db=b).out
    with Store.open(b, now=NOW) as store:
        (merged,) = store.sessions()
        assert merged.status is SessionStatus.COMPLETED and len(merged.reps) == 2
        assert store.session_marks()[0].holds == 2  # the count the rules read


def refused(db: Path, source: Path, *words: str, extra: tuple[str, ...] = ()) -> None:
    before = canonical(db)
    result = kneetui("merge", str(source), *extra, db=db)
    assert result.code == 1, result
    assert result.out == "" and len(result.err.strip().splitlines()) == 1, result.err
    for word in words:
        assert word in result.err, result.err
    assert canonical(db) == before


def test_bad_sources_are_refused_with_one_line_and_nothing_changed(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n")
    refused(a, notes, "not a kneetui database or export")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    refused(a, other, "not a kneetui database")
    newer = tmp_path / "newer.db"
    with Store.open(newer, now=NOW) as store:
        store.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('kneetui', '0099_future', '2026-11-18')"
        )
    refused(a, newer, "newer kneetui")
    export = tmp_path / "b.json"
    kneetui("export", "--output", str(export), db=b)
    text = export.read_text()
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2])
    refused(a, cut, "not valid JSON")
    tampered = tmp_path / "tampered.json"
    tampered.write_text(text.replace('"score": 5', '"score": 9'))
    refused(a, tampered, "checksum")
    future = json.loads(text)
    future["kneetui_export"] = 2
    (tmp_path / "v2.json").write_text(json.dumps(future))
    refused(a, tmp_path / "v2.json", "newer kneetui")


def test_a_copy_of_this_database_is_refused_until_it_has_its_own_id(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, _ = two
    copy = tmp_path / "copy.db"
    with Store.open(a, now=NOW) as store:
        store.conn.execute(f"VACUUM INTO '{copy}'")
    refused(a, copy, "own device id", "kneetui --db COPY where --new-device-id")
    assert kneetui("where", "--new-device-id", db=copy).code == 0
    assert kneetui("merge", str(copy), db=a).code == 0


def test_records_from_a_clock_ahead_are_refused_unless_accepted(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, _ = two
    ahead = tmp_path / "ahead.db"
    real_now = dt.datetime.now(dt.UTC)
    with opened(ahead, real_now + dt.timedelta(days=3)) as store:
        store.set_setting("quiet", True)
    refused(a, ahead, "1 record dated more than a day after", "--accept-future")
    result = kneetui("merge", str(ahead), "--accept-future", db=a)
    assert result.code == 0 and "1 added" in result.out


def test_a_merge_the_database_refuses_changes_nothing(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    """All or nothing: a run that clashes with one stored here (the same file
    under another uuid) stops the whole merge, the score before it included."""
    a, b = two
    with opened(a) as store:
        store.add_run(Run(str(uuid.uuid4()), NOW, NOW.date(), 5.0, content_hash="ab" * 32))
    with opened(b) as store:
        run = Run(str(uuid.uuid4()), NOW - dt.timedelta(days=3), NOW.date(), 7.0)
        store.add_run(run._replace(content_hash="ab" * 32))
    refused(a, b, "refused by the database")


def test_merge_json_checksum_covers_the_content(tmp_path: Path) -> None:
    document = {"kneetui_export": 1, "soreness": []}
    assert checksum(document) == checksum({**document, "checksum": "x"})
    assert checksum(document) != checksum({**document, "soreness": [{}]})


def test_a_database_of_an_older_kneetui_is_merged_without_being_upgraded(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    """Brought up to date in memory: the file itself stays as it was."""
    a, _ = two
    old = tmp_path / "old.db"
    schema = Schema()
    for name, step in (
        ("0001_initial", initial),
        ("0002_acknowledgements", acknowledgements),
        ("0003_score_edits", score_edits),
        ("0004_runs", runs),
    ):
        schema.step(name)(step)
    score = new_entry(6, at=NOW, now=NOW, run_km=10.0)
    with Store.open(old, now=NOW, schema=schema) as store:
        store.conn.execute(
            f"INSERT INTO soreness ({', '.join(SORENESS_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in SORENESS_COLUMNS)})",
            soreness_row(score),
        )
    before = digest(old)
    result = kneetui("merge", str(old), db=a)
    assert result.code == 0, result.err
    assert "1 added" in result.out
    assert digest(old) == before
    assert not list(tmp_path.glob("old.db.backup-*"))


def test_a_damaged_database_is_refused(two: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = two
    damaged = tmp_path / "damaged.db"
    with Store.open(b, now=NOW) as store:
        store.conn.execute(f"VACUUM INTO '{damaged}'")
    data = bytearray(damaged.read_bytes())
    page = 4096
    data[2 * page + 8 : 3 * page] = b"\xff" * (page - 8)  # scribble over a page's cells
    damaged.write_bytes(bytes(data))
    refused(a, damaged, "is damaged", "nothing was merged")
