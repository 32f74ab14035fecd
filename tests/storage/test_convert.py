"""Rows to domain values: every field lands in its own place. The readers build
`SorenessEntry` and `Rep` positionally (they are read by the thousand at start-
up), so a field added or moved in the model must fail here, not swap two
floats unnoticed."""

from __future__ import annotations

import datetime as dt

import pytest

from kneetui.domain.models import Context, Flag, Knee, Rep, Side, SorenessEntry
from kneetui.storage import convert

AT = dt.datetime(2026, 11, 25, 7, 54, 46, tzinfo=dt.UTC)


def soreness_row(entry: SorenessEntry) -> dict[str, object]:
    return dict(zip(convert.SORENESS_COLUMNS, convert.soreness_row(entry), strict=True))


@pytest.mark.parametrize(
    ("flags", "updated_at"),
    [((Flag.SWELLING, Flag.LOCKING), AT + dt.timedelta(hours=3)), ((), None)],
)
def test_a_score_row_gives_back_every_field(
    flags: tuple[Flag, ...], updated_at: dt.datetime | None
) -> None:
    entry = SorenessEntry(
        uuid="3f0c2f3e-0000-4000-8000-000000000001",
        logged_at=AT,
        local_day=dt.date(2026, 11, 24),  # not logged_at's UTC day
        score=7,
        knee=Knee.LEFT,
        context=Context.NEXT_MORNING,
        run_km=12.5,
        run_minutes=61.25,
        note="a note",
        flags=flags,
        updated_at=updated_at,
    )
    row = soreness_row(entry)
    assert convert.soreness_entry(row) == entry
    assert convert.soreness_entry(row)._asdict() == entry._asdict()


def test_every_knee_and_context_reads_back_and_a_bad_one_is_refused() -> None:
    base = SorenessEntry("u", AT, AT.date(), 3)
    for knee in Knee:
        for context in Context:
            entry = base._replace(knee=knee, context=context)
            assert convert.soreness_entry(soreness_row(entry)) == entry
    with pytest.raises(ValueError):
        convert.soreness_entry({**soreness_row(base), "knee": "middle"})
    with pytest.raises(ValueError):
        convert.soreness_entry({**soreness_row(base), "context": "sometime"})


def test_a_rep_row_gives_back_every_field() -> None:
    for side in Side:
        rep = Rep("calf-raise", side, 4, 25, 24.5, AT)
        row = dict(zip(convert.REP_COLUMNS, convert.rep_row("session-uuid", rep), strict=True))
        assert convert.rep_value(row) == rep
        assert convert.rep_value(row)._asdict() == rep._asdict()
    with pytest.raises(ValueError):
        convert.rep_value({**row, "side": "up"})
