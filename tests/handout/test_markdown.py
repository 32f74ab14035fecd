"""The report as Markdown, stable under a fixed clock (a snapshot), with the
runner's notes escaped so they cannot turn into markup."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from kneetui.handout.load import load_handout
from kneetui.handout.render import render
from kneetui.routine_file import load_routine
from kneetui.storage.store import Store
from tests.conftest import NOW
from tests.handout.history import report_history, store_history

TODAY = NOW.date()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone set to UTC, for the rules that read it (`clock.local_day`)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _utc_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(dt.UTC).date()


def markdown(path: Path, *, weeks: int = 8, notes: bool = True) -> str:
    with Store.open(path, now=NOW) as store:
        content = load_handout(store, load_routine(), TODAY, weeks, notes=notes, day_of=_utc_day)
    return render(content, "md").decode()


def test_the_markdown_report_is_stable_under_a_fixed_clock(
    utc: None, db_path: Path, snapshot: SnapshotAssertion
) -> None:
    store_history(db_path, report_history(TODAY, dt.UTC), NOW)
    text = markdown(db_path)
    assert text == snapshot
    assert markdown(db_path) == text


def test_notes_are_escaped_and_left_out_on_request(utc: None, db_path: Path) -> None:
    store_history(db_path, report_history(TODAY, dt.UTC), NOW)
    text = markdown(db_path)
    assert "stairs \\| \\*down\\* \\<b\\>hurt\\</b\\> & \\[link\\](x) — ≥ 6" in text
    assert "bad evening after the long run" in text
    assert "only a 4" not in text
    without = markdown(db_path, notes=False)
    assert "Left out of this report." in without
    for note in ("stairs", "bad evening", "swollen after the hills", "gave way on the stairs"):
        assert note not in without


def test_an_empty_database_says_no_data_in_every_section(utc: None, db_path: Path) -> None:
    text = markdown(db_path)
    assert "No data: no soreness score and no session in these days." in text
    assert "No data: no soreness score yet." in text
    assert "Sessions: no data, no completed session in these weeks." in text
    assert "Run load: no data, no run in these weeks." in text
    assert "No data: no red flag logged in these weeks." in text
    assert "No data: no note with a score of 6 or more." in text
    assert "not a diagnosis" in text


def test_pdf_and_html_are_the_same_bytes_for_the_same_data(utc: None, db_path: Path) -> None:
    store_history(db_path, report_history(TODAY, dt.UTC), NOW)
    with Store.open(db_path, now=NOW) as store:
        content = load_handout(store, load_routine(), TODAY, 8, day_of=_utc_day)
    for kind in ("pdf", "html"):
        first = render(content, kind)
        assert render(content, kind) == first, kind
    # No clock inside: the PDF is dated by the report's last day.
    assert b"/CreationDate (D:20261118000000Z" in render(content, "pdf")
