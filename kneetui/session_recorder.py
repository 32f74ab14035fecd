"""Runs a guided session and stores what happens as it happens: the session row
at the start (in progress), each rep the moment its hold ends, and the status at
the end. A session cut off by a crash therefore keeps every rep it finished.

No textual here: the app forwards the session's events, and tests drive it with
fake clocks.
"""

from __future__ import annotations

import uuid

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

    def store_events(self, events: list[Event]) -> None:
        """Commit each finished hold and the final status, in the order they came."""
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
                self.store.add_rep(self.uuid, rep)
                self.reps.append(rep)
            elif isinstance(event, SessionFinished):
                status = SessionStatus.COMPLETED if event.completed else SessionStatus.STOPPED
                self.store.finish_session(self.uuid, status, self.wall())
                self.store.live.release()
