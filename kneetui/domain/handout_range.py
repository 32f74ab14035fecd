"""The weeks a report covers: kept apart from the report's content model so the
`kneetui` command can state its limits without importing the coaching rules at
start-up."""

from __future__ import annotations

import datetime as dt

DEFAULT_WEEKS = 8
MAX_WEEKS = 520  # ten years


def report_start(today: dt.date, weeks: int, first_day: dt.date | None) -> dt.date:
    """The first day shown: `weeks` weeks ending today, or from the first day with
    any data when the history is shorter."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}, got {weeks}")
    start = today - dt.timedelta(days=7 * weeks - 1)
    if first_day is not None and start < first_day <= today:
        return first_day
    return start
