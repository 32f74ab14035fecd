"""Reading the database for `kneetui status` and `kneetui remind`: quickly, and
without writing or creating a file.

Why not the Store: `kneetui status` runs on every shell prompt, so it may cost
little more than starting Python with the sqlite3 module (`make bench`); the Store
brings the domain models, `typing` and friends, and opening it creates the file
and upgrades the schema. This module imports only sqlite3, os and the step names.

Why the care with WAL: a read-only connection (`mode=ro`) to a WAL database that
no one has open creates the `-wal` and `-shm` files beside it, and leaves them
there. So when neither exists (no connection is open, everything is in the main
file) the file is read as `immutable`, which opens nothing else and takes no
lock; if the file changed during that read (the app started and checkpointed),
or a `-wal` appeared, it is read again the ordinary read-only way, which is what
is used whenever another connection (the app) has the file open.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys

from kneetui.domain.glance import Score
from kneetui.storage.steps import MIGRATION_SET, MIGRATIONS_TABLE, STEP_NAMES

TYPE_CHECKING = False  # see kneetui.domain.glance
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from typing import Any, TypeVar

    T = TypeVar("T")

ENV_VAR = "KNEETUI_DB"  # as kneetui.storage.paths
BUSY_TIMEOUT_S = 5.0


class PeekError(Exception):
    """The file cannot be read as a kneetui database: one line for the runner."""


def db_path(option: str | None, environ: Mapping[str, str]) -> str:
    """The database path as `paths.resolve_db_path` finds it: `--db`, else
    $KNEETUI_DB, else the user data folder. On Linux the folder is worked out here
    as platformdirs does (an absolute $XDG_DATA_HOME, else ~/.local/share): its
    import alone costs the prompt some 10 ms. Elsewhere platformdirs decides."""
    if option:
        return os.path.expanduser(option)
    if environ.get(ENV_VAR):
        return os.path.expanduser(environ[ENV_VAR])
    if sys.platform == "linux":
        xdg = environ.get("XDG_DATA_HOME", "")
        if xdg.startswith("/"):
            return os.path.join(xdg, "kneetui", "kneetui.db")
        home = environ.get("HOME", "")
        if home.startswith("/") and "XDG_DATA_HOME" not in environ:
            return os.path.join(home.rstrip("/") or "/", ".local", "share", "kneetui", "kneetui.db")
    from kneetui.storage.paths import default_db_path

    return str(default_db_path())


def _uri(path: str, immutable: bool) -> str:
    # SQLite's URI syntax gives meaning to these three characters in a path.
    quoted = os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?mode=ro" + ("&immutable=1" if immutable else "")


def _stamp(path: str) -> tuple[int, int, int]:
    info = os.stat(path)
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def read(path: str, reader: Callable[[Peek], T]) -> T | None:
    """`reader` applied to the database at `path`, read without writing; None when
    there is no file (or an empty one: created, not yet set up)."""
    try:
        before = _stamp(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise PeekError(f"cannot read {path}: {error.strerror}") from None
    if os.path.isdir(path):
        raise PeekError(f"{path} is a directory, not a kneetui database")
    if before[1] == 0:
        return None
    quiet = not any(os.path.exists(path + suffix) for suffix in ("-wal", "-shm"))
    if quiet:
        result = _read(path, reader, immutable=True)
        try:
            unchanged = not os.path.exists(path + "-wal") and _stamp(path) == before
        except OSError:
            unchanged = False  # gone or replaced meanwhile: read it the ordinary way
        if unchanged:
            return result
    return _read(path, reader, immutable=False)


def _read(path: str, reader: Callable[[Peek], T], *, immutable: bool) -> T:
    try:
        conn = sqlite3.connect(_uri(path, immutable), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        raise PeekError(f"cannot read {path}: {error}") from None
    try:
        peek = Peek(conn, path)
        conn.execute("BEGIN")  # one snapshot for every read
        peek.check_schema()
        return reader(peek)
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise PeekError(f"{path} is not a kneetui database ({error})") from None
        raise PeekError(f"cannot read {path}: {error}") from None
    finally:
        conn.close()


_SCORE_COLUMNS = "logged_at, local_day, score, knee, flags <> '[]', context"


def _scores(rows: Iterable[Any]) -> list[Score]:
    """Scores from rows of `_SCORE_COLUMNS`, which SQLite's CHECKs keep typed: the
    values go in as they are (converting each cost the prompt a millisecond at
    a few hundred rows)."""
    days: dict[str, dt.date] = {}  # scores share days: each parsed once
    found = []
    for logged_at, local_day, score, knee, flagged, context in rows:
        day = days.get(local_day)
        if day is None:
            day = days[local_day] = dt.date.fromisoformat(local_day)
        found.append(Score(logged_at, day, score, knee, flagged, context))
    return found


class Peek:
    """Plain reads of one snapshot of the file."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    def check_schema(self) -> None:
        """Refuse a file that is not kneetui's, or not at this version's schema
        (an older one is upgraded by opening kneetui; reading creates nothing)."""
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
        ).fetchone()
        if not exists:
            raise PeekError(f"{self.path} is not a kneetui database")
        applied = tuple(
            name
            for (name,) in self.conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",  # noqa: S608
                (MIGRATION_SET,),
            )
        )
        if any(name not in STEP_NAMES for name in applied):
            raise PeekError(f"{self.path} was written by a newer kneetui; upgrade kneetui")
        if applied != STEP_NAMES:
            raise PeekError(
                f"{self.path} is from an older kneetui: open it once with `kneetui` to upgrade it"
            )

    def setting_days(self, key: str) -> list[str] | None:
        """A setting that holds a JSON list (the schedule), or None when unset or
        not a list; read with SQLite's JSON functions (the json module would cost
        the prompt a millisecond or two)."""
        row = self.conn.execute(
            "SELECT json_type(value) FROM settings WHERE key = ?", (key,)
        ).fetchone()
        if row is None or row[0] != "array":
            return None
        return [
            str(value)
            for (value,) in self.conn.execute(
                "SELECT j.value FROM settings, json_each(settings.value) AS j "
                "WHERE settings.key = ? ORDER BY j.key",
                (key,),
            )
        ]

    def setting_text(self, key: str) -> str | None:
        """A setting that holds a JSON string, or None."""
        row = self.conn.execute(
            "SELECT json_extract(value, '$') FROM settings "
            "WHERE key = ? AND json_type(value) = 'text'",
            (key,),
        ).fetchone()
        return None if row is None else str(row[0])

    def sessions_on(self, day: dt.date) -> list[tuple[str, int]]:
        """The status and holds done of each session of `day`."""
        rows = self.conn.execute(
            "SELECT status, holds FROM sessions WHERE local_day = ?", (day.isoformat(),)
        )
        return [(str(status), int(holds)) for status, holds in rows]

    def last_score(self) -> Score | None:
        """The latest score (by time, then by the order stored), as the dashboard
        shows it under the chart."""
        row = self.conn.execute(
            f"SELECT {_SCORE_COLUMNS} FROM soreness "  # noqa: S608
            "ORDER BY logged_at DESC, rowid DESC LIMIT 1"
        ).fetchone()
        return None if row is None else _scores([row])[0]

    def acknowledged_until(self) -> str | None:
        (until,) = self.conn.execute("SELECT max(acknowledged_at) FROM acknowledgements").fetchone()
        return None if until is None else str(until)

    def red_flag_scores(self, after: str | None) -> list[Score]:
        """Scores of 8 or more or with a symptom logged after `after` (the partial
        index `soreness_red_flags` holds just these)."""
        rows = self.conn.execute(
            f"SELECT {_SCORE_COLUMNS} FROM soreness INDEXED BY soreness_red_flags "  # noqa: S608
            "WHERE (score >= 8 OR flags <> '[]') AND logged_at > ? ORDER BY logged_at, rowid",
            ("" if after is None else after,),
        )
        return _scores(rows)

    def scores_on(self, days: Sequence[dt.date], at_most: int = 10) -> list[Score]:
        """The scores of the given local days, of `at_most` or less."""
        # A JSON list of ISO dates, built by hand: dates need no escaping.
        listed = "[" + ",".join(f'"{d.isoformat()}"' for d in sorted(set(days))) + "]"
        rows = self.conn.execute(
            f"SELECT {_SCORE_COLUMNS} FROM soreness "  # noqa: S608
            "WHERE local_day IN (SELECT value FROM json_each(?)) AND score <= ? "
            "ORDER BY logged_at, rowid",
            (listed, at_most),
        )
        return _scores(rows)
