"""Writes committed in a thread of their own, so the app's event loop never waits
for the disk.

A durable commit (WAL, synchronous=FULL) waits for an fsync: under a millisecond
most of the time, but 0.2-0.4 s at the 99th percentile on a busy machine, and a
timer tick that waits that long is late by as much. The app hands each rep (and
each score) to a `Writer`, which commits it on a connection of its own (a
sqlite3 connection must stay in the thread that opened it) through a Store of
its own, so every write keeps the Store's SQL, transactions and error messages.

Writes are committed one at a time in the order they came, each at once: a rep
is on disk milliseconds after its hold ends, a few tenths of a second on a bad
fsync. Each submit returns a Future that holds the error of a write that failed.
`flush` waits for everything submitted so far; closing flushes first.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

from kneetui.storage.errors import StoreDamaged

if TYPE_CHECKING:
    from kneetui.storage.store import Store

T = TypeVar("T")
Write = Callable[["Store"], Any]


class Writer:
    """A thread that commits writes for `store` (the main thread's Store) on a
    connection it opens itself."""

    def __init__(self, store: Store) -> None:
        self.main = store
        self._jobs: queue.Queue[tuple[Write, Future[Any]] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, write: Callable[[Store], T]) -> Future[T]:
        """Queue `write`, called with the writer's own Store; its result or error
        ends up in the returned Future."""
        future: Future[T] = Future()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="kneetui-writer", daemon=True
                )
                self._thread.start()
            self._jobs.put((write, future))
        return future

    @property
    def pending(self) -> int:
        """Writes submitted and not yet done (committed or failed)."""
        return self._jobs.unfinished_tasks

    def flush(self) -> None:
        """Wait until every write submitted so far is done, its Future settled."""
        self._jobs.join()

    def close(self) -> None:
        """Flush, then stop the thread (it closes its connection)."""
        with self._lock:
            thread, self._thread = self._thread, None
            if thread is None:
                return
            self._jobs.put(None)
        thread.join()

    def commit(self, own: Store, write: Write) -> Any:
        """One write on the writer's Store. Tests override this to hold a write up."""
        return write(own)

    def _run(self) -> None:
        from kneetui.storage.opening import connect_for_writes
        from kneetui.storage.store import Store

        own: Store | None = None
        try:
            while True:
                job = self._jobs.get()
                try:
                    if job is None:
                        return
                    write, future = job
                    if not future.set_running_or_notify_cancel():
                        continue
                    try:
                        if self.main.damage is not None:
                            raise StoreDamaged(self.main.damage)
                        if own is None:
                            own = Store(connect_for_writes(self.main.path), self.main.path)
                            own.clock = self.main.clock
                        result = self.commit(own, write)
                    except Exception as error:
                        if own is not None and own.damage and self.main.damage is None:
                            self.main.damage = own.damage  # stop the main thread's writes too
                        future.set_exception(error)
                    else:
                        future.set_result(result)
                finally:
                    self._jobs.task_done()
        finally:
            if own is not None:
                own.conn.close()
