"""Why the store refuses to open a file or to write a row; each says so in one line."""

from __future__ import annotations

from kneetui.domain.errors import KneetuiError


class StoreError(KneetuiError):
    """A storage problem the user can act on."""


class StoreRefused(StoreError):
    """The file at the path cannot be used as a kneetui database; it was left alone."""


class StoreBusy(StoreError):
    """Another program held the write lock for longer than the busy timeout."""


class StoreFull(StoreError):
    """The disk (or the database's page limit) is full."""


class StoreReadOnly(StoreError):
    """The database or its folder cannot be written."""


class StoreDamaged(StoreError):
    """The file failed PRAGMA quick_check: kneetui reads what it can but writes
    nothing, so the damage is not made worse before the runner restores a backup."""


class SessionElsewhere(StoreError):
    """Another kneetui (another process, or another Store) runs a session on this
    database: a second one at the same time would mix their reps in one day."""
