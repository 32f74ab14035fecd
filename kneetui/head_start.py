"""The dashboard's head start: its data and its chart, made by a helper process
while the app is still importing Textual.

Why: at ten years of history, the complete dashboard waits for the coaching
figures (about 20 ms) and the chart (about 15 ms: plotext's import and a build),
all on the app's one thread, after Textual's import has kept that thread busy for
some 140 ms, while a second core sits idle. So as the app starts, before it
imports Textual, it starts a helper Python running this module. The helper
reads the database on a read-only connection of its own, gathers the
dashboard's state the way the app would (`kneetui.tui.state.load_dashboard`) and, given the chart's
size and theme from an earlier start at the same terminal size, draws the chart;
it hands both back, pickled, on a pipe. Settled start-up at ten years, 120x36,
against a bare Textual app: 1.26 × with the helper, 1.39 × with it switched off
(paired runs, the rest of the app the same); `make bench` measures it.

It can save time and never change what is shown:
- The helper reads in one transaction, the history's change count with the rest
  (`Store.sync_state`). The app takes its answer only if the count is the same
  when it builds the panes (else something was written in between: a session
  closed at start-up, a score logged by another process), and only for the same
  day and chart range. Otherwise, and whenever the helper fails, cannot start or
  has not answered within WAIT_S, the app loads the dashboard itself, as without.
- A chart drawn ahead is shown only at the size and in the theme it was drawn
  for (kneetui.tui.widgets.trend_plot).
- No helper on one core (nothing to gain), or without `os.posix_spawn`. The
  helper's input is /dev/null, and so is its error output: nothing it does
  reaches the terminal.
- The answer is a pickle, from this same code (the answer names the package
  folder it ran from, and the app checks it) in a child of this process, over
  a pipe no other process holds.

This module imports only what the launcher has loaded anyway (as launch.py);
the helper's own work imports the rest.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path
    from typing import NoReturn

    from kneetui.charts import ChartTheme
    from kneetui.storage.store import Store
    from kneetui.tui.state import DashboardState

# How long the app waits for the helper's answer once it needs it. The helper
# starts some 150 ms before that moment and needs 80-100 ms at ten years (make
# bench), so it has normally answered by then. A helper later still (a busy
# machine) is given a little more, but not much: loading in the app takes 20-40
# ms, and a long wait would make the start slower than it is without a helper.
WAIT_S = 0.1
# The helper runs this much nicer than the app. It needs about a core for some
# 0.13 s while the app imports Textual, and the app is slowed by whatever else
# runs then: on the 2-core development machine, sharing a core now and then
# with the helper (and with the terminal) cost the app much of what the helper
# saved it. Niced, the helper yields whenever the two meet: settled start-up
# 1.21 x a bare app against 1.30 x, and 1.19 x against 1.37 x (two sets of 15
# paired runs in a 120x36 pty at ten years). The helper still has an idle core
# most of the time, and a helper made late by it is waited for 0.1 s at most.
NICENESS = 10
# The helper runs this very kneetui, whatever else is on its path: the folder
# that holds this package goes first. And -P keeps the current folder off the
# path, so no module there (a `pickle.py`, say) stands in for one it imports.
_RUN_THIS_KNEETUI = (
    "import sys; sys.path.insert(0, sys.argv[1]); from kneetui.head_start import main; main()"
)
# Next to the database: the chart's size and theme at each terminal size, as the
# app last drew it, so the helper can draw the next start's chart ahead.
CHART_LAYOUT_SUFFIX = "-chart-layout"


class HeadStart:
    """A running helper; `take` its answer, or `close` it unused."""

    def __init__(self, pid: int, answer: int, today: dt.date, range_index: int) -> None:
        self.pid = pid
        self._answer: int | None = answer
        self.today = today
        self.range_index = range_index

    @classmethod
    def begin(cls, db: Path, today: dt.date, range_index: int, *, color: bool) -> HeadStart | None:
        """Start the helper for the database at `db` (opened and migrated by the
        app already), or None where it would not help or cannot start."""
        if not hasattr(os, "posix_spawn") or not sys.executable or _cores() < 2:
            return None
        chart = remembered_chart(db, _terminal_size(), color=color)
        command = helper_command(db, today, range_index, chart)
        read, write = os.pipe()
        try:
            pid = os.posix_spawn(
                command[0],
                command,
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, write, 1),
                    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                ],
            )
        except OSError:
            os.close(read)
            return None
        finally:
            os.close(write)
        with contextlib.suppress(OSError):  # the helper is gone already: no matter
            os.setpriority(os.PRIO_PROCESS, pid, os.getpriority(os.PRIO_PROCESS, 0) + NICENESS)
        return cls(pid, read, today, range_index)

    def take(self, store: Store, today: dt.date, range_index: int) -> DashboardState | None:
        """The helper's state, if it answered in time, for this day and range,
        and nothing was written since it read; None otherwise (and always after
        the first call)."""
        if self._answer is None:
            return None
        data = _read_all(self._answer, WAIT_S)
        self.close()
        if data is None or today != self.today or range_index != self.range_index:
            return None
        import pickle

        try:
            root, generation, state = pickle.loads(data)
        except Exception:  # a cut or odd answer: the app loads as without
            return None
        if root != _package_root() or generation != store.sync_state()[0]:
            return None
        return state  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the helper if it still runs, and reap it."""
        if self._answer is None:
            return
        os.close(self._answer)
        self._answer = None
        try:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                import signal

                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def helper_command(
    db: Path, today: dt.date, range_index: int, chart: dict[str, object] | None
) -> list[str]:
    """The command that runs the helper for the database at `db`: the day, the
    chart range and the chart's layout (`remembered_chart`, or None) it is for."""
    request = {
        "db": os.fspath(db),
        "today": today.isoformat(),
        "range": range_index,
        "chart": chart,
    }
    return [sys.executable, "-P", "-c", _RUN_THIS_KNEETUI, _package_root(), json.dumps(request)]


def _package_root() -> str:
    """The folder that holds this kneetui package."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _terminal_size() -> str:
    """The size the app will lay the dashboard out at, as Textual reads it."""
    import shutil

    columns, lines = shutil.get_terminal_size()
    return f"{columns}x{lines}"


def _read_all(fd: int, wait_s: float) -> bytes | None:
    """Everything the helper writes until it closes the pipe, if it does within
    `wait_s` (None if it does not, or wrote nothing)."""
    import select
    import time

    deadline = time.monotonic() + wait_s
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks) or None
        chunks.append(chunk)


def _layout_path(db: Path) -> Path:
    return db.with_name(db.name + CHART_LAYOUT_SUFFIX)


def _layout_key(terminal: str, color: bool) -> str:
    return terminal if color else f"{terminal}-plain"


def remembered_chart(db: Path, terminal: str, *, color: bool) -> dict[str, object] | None:
    """The chart's size and theme the last time the app drew it at this terminal
    size, in colour or not, if it was remembered."""
    try:
        with open(_layout_path(db), encoding="utf-8") as file:
            layout = json.load(file)[_layout_key(terminal, color)]
        width, height, (name, canvas, ticks) = layout
        return {
            "width": int(width),
            "height": int(height),
            "theme": [str(name), canvas, ticks],
            "color": color,
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_chart(db: Path, width: int, height: int, theme: ChartTheme, *, color: bool) -> None:
    """Note the chart's size and theme at the current terminal size, for the
    next start's helper (0600; a folder we cannot write to only means no chart
    is drawn ahead)."""
    import contextlib

    from kneetui.storage.paths import write_private

    key = _layout_key(_terminal_size(), color)
    entry = [width, height, [theme.name, theme.canvas, theme.ticks]]
    path = _layout_path(db)
    try:
        with open(path, encoding="utf-8") as file:
            layouts = json.load(file)
        if not isinstance(layouts, dict):
            layouts = {}
    except (OSError, ValueError):
        layouts = {}
    if json.loads(json.dumps(entry)) == layouts.get(key):
        return
    layouts[key] = entry
    with contextlib.suppress(OSError):
        write_private(path, json.dumps(layouts).encode())


def answer(request: dict[str, object]) -> bytes:
    """The helper's work: the pickled (package folder, change count, dashboard
    state) for the request, with the chart drawn ahead where the request gives
    its layout."""
    import datetime as dt
    import pickle
    from pathlib import Path

    from kneetui.charts import ChartDrawing, ChartTheme, build_chart_text
    from kneetui.routine_file import load_routine
    from kneetui.storage.store import Store
    from kneetui.tui.state import load_dashboard

    db = Path(str(request["db"]))
    today = dt.date.fromisoformat(str(request["today"]))
    range_index = int(request["range"])  # type: ignore[call-overload]
    store = Store.open_reader(db)
    try:
        store.conn.execute("BEGIN")  # one snapshot for the count and the state
        generation = store.sync_state()[0]
        state = load_dashboard(store, load_routine(), today, range_index)
        store.conn.execute("COMMIT")
    finally:
        store.conn.close()
    chart = request.get("chart")
    if isinstance(chart, dict) and not state.chart.trend.empty:
        name, canvas, ticks = chart["theme"]
        theme = ChartTheme(name, tuple(canvas) if canvas else None, tuple(ticks) if ticks else None)
        width, height = int(chart["width"]), int(chart["height"])
        text = build_chart_text(state.chart.trend, width, height, theme, color=bool(chart["color"]))
        state = state._replace(
            chart=state.chart._replace(drawing=ChartDrawing(width, height, theme, text))
        )
    return pickle.dumps((_package_root(), generation, state), protocol=pickle.HIGHEST_PROTOCOL)


def main() -> NoReturn:
    """The helper: the answer to the request (the last argument) on stdout. Any
    failure is an exit code only; the app then loads the dashboard itself."""
    try:
        data = memoryview(answer(json.loads(sys.argv[-1])))
        while data:
            data = data[os.write(1, data) :]
        # The app reads until the pipe closes: close it now, and skip the
        # interpreter's clean-up (some 20 ms of the app's wait, traced).
        os.close(1)
    except BaseException:  # whatever it is, the app loads the dashboard itself
        os._exit(1)
    os._exit(0)


if __name__ == "__main__":
    main()
