"""The names of the schema steps this version of kneetui knows, in order.

Kept apart from `schema.py` (which imports sqlite-utils) so that opening an
up-to-date database, the common case, never imports sqlite-utils: that import
costs about a tenth of a second before the app can paint. A test checks that this
list and the registered migrations agree.
"""

from __future__ import annotations

MIGRATION_SET = "kneetui"
MIGRATIONS_TABLE = "_sqlite_migrations"
STEP_NAMES: tuple[str, ...] = (
    "0001_initial",
    "0002_acknowledgements",
    "0003_score_edits",
    "0004_runs",
    "0005_devices",
)
