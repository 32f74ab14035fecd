"""Devices edited independently converge, whatever the order of their syncs.

Two or three simulated devices, each a real SQLite file, take random sequences
of operations (add, edit and delete a score, a session with reps, a hold change,
a setting) with syncs between them at random: in process through the Store, or
through a JSON export as `kneetui sync` writes them. After a final round of
syncs every device's canonical export is byte for byte the same, no deleted
score is back, and merging again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneetui.domain.exchange import encode_json
from kneetui.domain.models import LevelChange, Rep, Session, SessionStatus, Side
from kneetui.domain.soreness import new_entry
from kneetui.storage.store import Store
from kneetui.syncing import decode_source
from tests.conftest import NOW

NAMESPACE = uuid.UUID("0d6c1f7e-5b8a-4c1e-9f0a-2b7d3e4c5a69")
EXERCISES = ("leg-raise", "calf-raise")

ops = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 10)),
    st.tuples(st.just("edit"), st.integers(0, 20), st.integers(0, 10)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("session")),
    st.tuples(st.just("rep"), st.integers(1, 30)),
    st.tuples(st.just("finish"), st.booleans()),
    st.tuples(st.just("level"), st.sampled_from(EXERCISES), st.sampled_from((5, 10, 15))),
    st.tuples(st.just("setting"), st.booleans()),
    st.tuples(st.just("sync"), st.integers(0, 2), st.booleans()),
)


class Device:
    """One simulated device: a database file and a clock of its own."""

    def __init__(self, store: Store, index: int) -> None:
        self.store = store
        self.index = index
        self.moment = NOW
        self.made = 0
        self.sessions: list[str] = []  # the sessions this device started
        store.clock = lambda: self.moment

    def tick(self, seconds: int) -> None:
        self.moment += dt.timedelta(seconds=seconds)

    def new_uuid(self) -> str:
        self.made += 1
        return str(uuid.uuid5(NAMESPACE, f"{self.index}-{self.made}"))


@contextmanager
def devices(count: int, template: Path) -> Iterator[list[Device]]:
    """`count` devices, each a copy of an empty migrated database with an id of its own."""
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        made = []
        for index in range(count):
            path = Path(folder) / f"device{index}.db"
            shutil.copyfile(template, path)
            store = stack.enter_context(Store.open(path, now=NOW))
            store.new_device_id()
            made.append(Device(store, index))
        yield made


def pick(items: list[str], index: int) -> str | None:
    return items[index % len(items)] if items else None


class Log:
    """What the devices did: the scores deleted, the scores added, the reps recorded."""

    def __init__(self) -> None:
        self.deleted: set[str] = set()
        self.added: set[str] = set()
        self.reps: set[tuple[str, int]] = set()


def run(device: Device, others: list[Device], op: tuple[object, ...], log: Log) -> None:
    store = device.store
    kind = op[0]
    scores = [e.uuid for e in store.soreness()]
    if kind == "add":
        entry = new_entry(int(op[1]), at=device.moment, now=device.moment)  # type: ignore[call-overload]
        entry = entry._replace(uuid=device.new_uuid())
        store.add_soreness(entry)
        log.added.add(entry.uuid)
    elif kind == "edit":
        target = pick(scores, int(op[1]))  # type: ignore[call-overload]
        if target is not None:
            old = store.soreness_entry(target)
            assert old is not None
            store.update_soreness(old._replace(score=op[2], updated_at=device.moment))
    elif kind == "delete":
        target = pick(scores, int(op[1]))  # type: ignore[call-overload]
        if target is not None:
            assert store.delete_soreness(target)
            log.deleted.add(target)
    elif kind == "session":
        session = Session(device.new_uuid(), device.moment, device.moment.date())
        store.start_session(session)
        device.sessions.append(session.uuid)
    elif kind in ("rep", "finish"):
        # Only the device that runs a session records its reps (one app at a time
        # runs a session); the session may have travelled meanwhile.
        sessions = [s for s in store.sessions() if device.sessions[-1:] == [s.uuid]]
        if sessions:
            session = sessions[-1]
            if kind == "finish":
                status = SessionStatus.COMPLETED if op[1] else SessionStatus.STOPPED
                store.finish_session(session.uuid, status, device.moment)
            elif (int(op[1]), Side.LEFT) not in {(r.rep, r.side) for r in session.reps}:  # type: ignore[call-overload]
                rep = Rep("leg-raise", Side.LEFT, int(op[1]), 5, 5.0, device.moment)  # type: ignore[call-overload]
                store.add_rep(session.uuid, rep)
                log.reps.add((session.uuid, rep.rep))
    elif kind == "level":
        store.set_level(LevelChange(str(op[1]), int(op[2]), device.moment))  # type: ignore[call-overload]
    elif kind == "setting":
        store.set_setting("quiet", op[1])
    elif kind == "sync" and others:
        other = others[int(op[1]) % len(others)]  # type: ignore[call-overload]
        sync_from(device, other, through_file=bool(op[2]))


def sync_from(device: Device, other: Device, *, through_file: bool) -> None:
    if through_file:
        text = encode_json(other.store.export_bundle())
        incoming = decode_source(text.encode("utf-8"), Path("other.kneetui.json"), device.moment)
    else:
        incoming = other.store.source()
    device.store.merge(incoming)


def canonical(device: Device) -> str:
    return encode_json(device.store.export_bundle(), canonical=True)


def converge(count: int, steps: list[tuple[int, int, tuple[object, ...]]], template: Path) -> None:
    log = Log()
    with devices(count, template) as group:
        for who, pause, op in steps:
            device = group[who % count]
            device.tick(pause)  # 0: two devices may write in the same second
            run(device, [d for d in group if d is not device], op, log)
        # The final round: everyone merges everyone, twice (the second spreads
        # what the first brought in).
        for _ in range(2):
            for device in group:
                for other in group:
                    if other is not device:
                        sync_from(device, other, through_file=other.index % 2 == 0)
        exports = [canonical(device) for device in group]
        assert all(export == exports[0] for export in exports)
        for device in group:
            held = {e.uuid for e in device.store.soreness()}
            # Nothing deleted comes back; nothing added and not deleted is lost.
            assert held.isdisjoint(log.deleted)
            assert held == log.added - log.deleted
            # A session's reps travel with it: no rep recorded anywhere is lost.
            reps = {(s.uuid, r.rep) for s in device.store.sessions() for r in s.reps}
            assert reps == log.reps
            # Idempotent: merging again, from anyone, changes nothing.
            for other in group:
                if other is not device:
                    assert not device.store.merge(other.store.source()).changes
        # Sessions keep the count of their reps right after merging them.
        for device in group:
            for session in device.store.sessions():
                holds = device.store.conn.execute(
                    "SELECT holds FROM sessions WHERE uuid = ?", (session.uuid,)
                ).fetchone()[0]
                assert holds == len(session.reps)


steps = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), ops), min_size=1, max_size=25)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database, migrated once for every example."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    Store.open(path, now=NOW).close()
    return path


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_two_devices_converge(
    template: Path, program: list[tuple[int, int, tuple[object, ...]]]
) -> None:
    converge(2, program, template)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_three_devices_converge_in_any_order(
    template: Path, program: list[tuple[int, int, tuple[object, ...]]]
) -> None:
    converge(3, program, template)
