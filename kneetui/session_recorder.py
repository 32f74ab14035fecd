"""Runs a guided session and stores what happens as it happens: the session row
at the start (in progress), each rep the moment its hold ends, and the status at
the end. A session cut off by a crash therefore keeps every rep it finished.

Reps and the final status are committed by the store's writer thread (see
`kneetui.storage.writer`), so the timer never waits for the disk: each is on
disk milliseconds after its hold ends, and the returned Futures say when, or
why not.

No textual here: the app forwards the session's events, and tests drive it with
fake clocks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from concurrent.futures import Future
from functools import partial

from kneetui.clock import WallClock
from kneetui.domain.models import Rep, Session, SessionStatus
from kneetui.domain.routine import CHANGE_OVER_DEFAULT_S, Routine
from kneetui.domain.session import Event, GuidedSession, RepCompleted, SessionFinished
from kneetui.storage.store import Store


class SessionRecorder:
    def __init__(
        self,
        store: Store,
        routine: Routine,
        *,
        wall: WallClock,
        start: float,
        change_over_s: int = CHANGE_OVER_DEFAULT_S,
    ) -> None:
        self.store = store
        self.wall = wall
        # A read: it first waits for the writes of a session just finished, so
        # that session's lock is released (see store_events) before this claims it.
        self.session = GuidedSession(routine, store.current_holds(), start, change_over_s)
        now = wall()
        self.record = Session(str(uuid.uuid4()), now, now.date())
        # The lock first: it refuses (SessionElsewhere) while another kneetui runs
        # a session on this database, and while held, another kneetui starting
        # leaves this session alone.
        store.live.claim()
        try:
            store.start_session(self.record)
        except BaseException:
            store.live.release()
            raise
        self.reps: list[Rep] = []

    @property
    def uuid(self) -> str:
        return self.record.uuid

    def store_events(self, events: list[Event]) -> list[Future[None]]:
        """Hand each finished hold and the final status to the writer thread, in
        the order they came, without waiting; one Future for each write."""
        written: list[Future[None]] = []
        for event in events:
            if isinstance(event, RepCompleted):
                rep = Rep(
                    exercise=event.exercise,
                    side=event.side,
                    rep=event.rep,
                    target_s=event.target_s,
                    held_s=event.held_s,
                    completed_at=self.wall(),
                )
                written.append(self.store.later(partial(_add_rep, self.uuid, rep)))
                self.reps.append(rep)
            elif isinstance(event, SessionFinished):
                status = SessionStatus.COMPLETED if event.completed else SessionStatus.STOPPED
                finished = self.store.later(partial(_finish, self.uuid, status, self.wall()))
                # Another app may take a session left in progress without the lock
                # for one cut off by a kill: keep the lock until the status is stored.
                finished.add_done_callback(lambda _: self.store.live.release())
                written.append(finished)
        return written


def _add_rep(session_uuid: str, rep: Rep, store: Store) -> None:
    store.add_rep(session_uuid, rep)


def _finish(session_uuid: str, status: SessionStatus, at: dt.datetime, store: Store) -> None:
    store.finish_session(session_uuid, status, at)
