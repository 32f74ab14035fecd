"""Merging two histories of the same runner, kept on two devices.

Why it exists: a runner logs on a laptop and on a work machine, and a live SQLite
file must never be copied between them. `kneetui merge` and `kneetui sync` bring
the histories together through this function instead, which has the properties
that make syncing safe whatever order the files arrive in:

- idempotent: merging a history into one that already holds it changes nothing;
- commutative and associative: the result does not depend on who merges whom, or
  in what order three devices meet;
- deletes travel: a tombstone removes its record on every side, is kept, and the
  record never comes back (a delete wins over an edit made anywhere).

A history is a set of records, each under a key (kind, uuid) with a version: the
time it was last written and the device that wrote it. For one key the greater
(updated_at, device_id, content) wins: the later write, equal times broken by
the device id, and two devices that somehow wrote the same version with
different content still pick the same one. That order is total, so the merge is
a join and every device ends with the same history.

The content of a record is opaque here (the storage layer's row values); a
session's content holds its reps, so they travel as a unit with it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

# A device's clock may run a little ahead; records dated further in the future
# than this mean a clock that is wrong, and a merge refuses them unless told.
FUTURE_LIMIT = dt.timedelta(days=1)

Key = tuple[str, str]  # (kind, uuid): kind is the table, uuid its key there


class Record(NamedTuple):
    """One record of a history and its version."""

    kind: str
    uuid: str
    updated_at: str  # whole-second UTC ISO-8601: sorts as time does
    device_id: str  # "" for a record written before devices were told apart
    content: Any  # the row's values, compared for equality
    dated: str = ""  # the record's own time, checked for clock skew

    @property
    def key(self) -> Key:
        return (self.kind, self.uuid)


class Tombstone(NamedTuple):
    """What is left of a deleted record: it deletes the record on every device."""

    kind: str
    uuid: str
    deleted_at: str
    device_id: str

    @property
    def key(self) -> Key:
        return (self.kind, self.uuid)


class History(NamedTuple):
    """One device's records and tombstones, each by key."""

    device_id: str | None
    records: Mapping[Key, Record]
    tombstones: Mapping[Key, Tombstone]


def history(
    device_id: str | None, records: Iterable[Record], tombstones: Iterable[Tombstone] = ()
) -> History:
    return History(
        device_id,
        {record.key: record for record in records},
        {tomb.key: tomb for tomb in tombstones},
    )


def _content_text(record: Record) -> str:
    return json.dumps(record.content, sort_keys=True, ensure_ascii=False, default=str)


def outranks(a: Record, b: Record) -> bool:
    """Whether `a` wins over `b`, a record under the same key."""
    if (a.updated_at, a.device_id) != (b.updated_at, b.device_id):
        return (a.updated_at, a.device_id) > (b.updated_at, b.device_id)
    if a.content == b.content:
        return False
    return _content_text(a) > _content_text(b)


def _tomb_outranks(a: Tombstone, b: Tombstone) -> bool:
    return (a.deleted_at, a.device_id) > (b.deleted_at, b.device_id)


class Plan(NamedTuple):
    """What merging a history into the local one changes, and the counts of
    what it found."""

    added: list[Record]
    updated: list[Record]
    deleted: list[Key]  # local records a tombstone removes
    tombstones: list[Tombstone]  # tombstones to store (new, or outranking ours)
    present: int  # incoming records the local history already holds (or outranks, or deleted)

    @property
    def changes(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.tombstones)


def merge(local: History, incoming: History) -> Plan:
    """The changes that make `local` the join of `local` and `incoming`."""
    tombstones = [
        tomb
        for key, tomb in incoming.tombstones.items()
        if key not in local.tombstones or _tomb_outranks(tomb, local.tombstones[key])
    ]
    deleted = [
        key for key in incoming.tombstones if key in local.records and key not in local.tombstones
    ]
    added: list[Record] = []
    updated: list[Record] = []
    present = 0
    for key, record in incoming.records.items():
        if key in local.tombstones or key in incoming.tombstones:
            present += key in local.tombstones
            continue
        mine = local.records.get(key)
        if mine is None:
            added.append(record)
        elif outranks(record, mine):
            updated.append(record)
        else:
            present += 1
    return Plan(added, updated, deleted, tombstones, present)


def apply(local: History, plan: Plan) -> History:
    """The history `plan` makes of `local` (what the storage layer does in SQL):
    the reference the tests check the database against."""
    records = dict(local.records)
    for record in (*plan.added, *plan.updated):
        records[record.key] = record
    tombstones = dict(local.tombstones)
    for tomb in plan.tombstones:
        tombstones[tomb.key] = tomb
    for key in tombstones:
        records.pop(key, None)
    return History(local.device_id, records, tombstones)


def in_future(incoming: History, now: dt.datetime) -> list[Record | Tombstone]:
    """Records and tombstones dated more than FUTURE_LIMIT after `now`: a device
    whose clock is wrong. Their later time would make them win every conflict."""
    limit = (now + FUTURE_LIMIT).astimezone(dt.UTC).replace(microsecond=0).isoformat()
    found: list[Record | Tombstone] = [
        r for r in incoming.records.values() if max(r.updated_at, r.dated) > limit
    ]
    found.extend(t for t in incoming.tombstones.values() if t.deleted_at > limit)
    return found
