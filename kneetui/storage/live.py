"""Which kneetui runs a session right now, so another one starting meanwhile does
not take that session for one cut off by a kill.

The app that runs a session holds an advisory lock (flock) on a small file next
to the database for as long as the session runs. The operating system drops the
lock when that process ends, however it ends, so a session left in progress with
nobody holding the lock really was interrupted. A session left in progress while
the lock is held belongs to a live app, and is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from kneetui.storage.errors import SessionElsewhere

try:
    import fcntl
except ImportError:  # not POSIX: every in-progress session counts as interrupted
    fcntl = None  # type: ignore[assignment]


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + "-session.lock")


class LiveSession:
    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._fd: int | None = None

    @property
    def claimed(self) -> bool:
        return self._fd is not None

    def claim(self) -> None:
        """Hold the lock while this process runs a session. Raises SessionElsewhere
        if another app (or another Store) already holds it: two sessions at once on
        one database would interleave their reps. Where no lock can be taken at all
        (a read-only folder, no flock), the session runs without one."""
        if fcntl is None or self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return  # a read-only folder: the session runs without the lock
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise SessionElsewhere(
                    "Another kneetui is running a session on this database: "
                    "finish or stop it there first."
                ) from None
            return
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def held_elsewhere(self) -> bool:
        """Whether another process (or another Store in this one) runs a session."""
        if fcntl is None or self._fd is not None:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return False  # no lock file: no session has run with one
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        finally:
            os.close(fd)
