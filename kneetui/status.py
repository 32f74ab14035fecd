"""`kneetui status`: one short line for a shell prompt or tmux's status bar, such
as `knee: routine day · not done · last 3/10 · ⚑1`.

It runs on every prompt, so it must cost little more than starting Python with
the sqlite3 module (`make bench` measures it against `python -I -c "import
sqlite3"`). `kneetui.launch` recognises it before click is imported; this module
and what it imports use neither textual, click nor sqlite-utils (a test checks),
nor `typing`, `pathlib`, `json` or `tomllib` unless an option needs them. It
reads the file read-only (`storage.peek`) and creates nothing: with no database
it prints nothing and exits 0.

`kneetui remind` shares `look`: the same figures decide its reminders.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from kneetui.domain import glance

TYPE_CHECKING = False  # see kneetui.domain.glance
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from kneetui.storage.peek import Peek

CHECK_IN_DISMISSED = "check_in_dismissed_on"  # as kneetui.gather
SCHEDULE = "schedule"  # as kneetui.gather
SEPARATOR, FLAG = " · ", "⚑"
ASCII_SEPARATOR, ASCII_FLAG = " - ", "!"
TEMPLATE_FIELDS = (
    "line",
    "routine",
    "session",
    "last",
    "flag",
    "day",
    "routine_day",
    "done",
    "next_routine_day",
    "last_score",
    "last_day",
    "red_flags",
    "check_in_owed",
)


class UsageError(Exception):
    """A bad option or value: one line, exit 2."""


class Options:
    __slots__ = ("as_json", "db", "now", "template")

    def __init__(self) -> None:
        self.db: str | None = None
        self.as_json = False
        self.template: str | None = None
        self.now: str | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Options) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

    __hash__ = None  # type: ignore[assignment]


def status_arguments(args: Sequence[str]) -> Options | None:
    """The options of `[--db PATH] status [--json] [--format T] [--db PATH] [--now
    T]`, or None for anything else (`-h` included): click then handles it."""
    rest = list(args)
    options = Options()
    seen_command = False
    while rest:
        arg = rest.pop(0)
        name, eq, inline = arg.partition("=")
        if arg == "status" and not seen_command:
            seen_command = True
        elif arg == "--json" and seen_command:
            options.as_json = True
        elif name in ("--db", "--format", "--now") and (name == "--db" or seen_command):
            if eq:
                value = inline
            elif rest:
                value = rest.pop(0)
            else:
                return None
            if name == "--db":
                options.db = value
            elif name == "--format":
                options.template = value
            else:
                options.now = value
        else:
            return None
    return options if seen_command else None


def parse_now(text: str) -> dt.datetime:
    """`--now "YYYY-MM-DD HH:MM"`, local time."""
    try:
        if len(text) != len("YYYY-MM-DD HH:MM") or text[10] != " ":
            raise ValueError
        return dt.datetime.fromisoformat(text).astimezone()
    except (ValueError, OverflowError):
        raise UsageError(f'--now: must be "YYYY-MM-DD HH:MM" in local time, got {text!r}') from None


def look(peek: Peek, today: dt.date) -> glance.Glance:
    """Today's figures from one snapshot of the database."""
    yesterday = today - dt.timedelta(days=1)
    stored = peek.setting_days(SCHEDULE)
    sessions_today, sessions_yesterday = peek.sessions_on(today), peek.sessions_on(yesterday)
    schedule = glance.schedule_days(stored, ())
    planned_holds = 0
    if not schedule or any(h for s, h in sessions_today + sessions_yesterday if s == "completed"):
        # The routine file, only when its facts decide something (a few tenths of
        # a millisecond on every prompt otherwise).
        from kneetui.routine_facts import routine_facts

        default_days, planned_holds = routine_facts()
        schedule = schedule or tuple(default_days)
    done = any(glance.counts(s, h, planned_holds) for s, h in sessions_today)
    trained = any(glance.counts(s, h, planned_holds) for s, h in sessions_yesterday)
    until = peek.acknowledged_until()
    candidates = peek.red_flag_scores(until)
    # Only a severe score without a symptom can ease: by a later score low enough,
    # that day or the next.
    severe_days = {s.local_day for s in candidates if s.local_day <= today and not s.flagged}
    easing = peek.scores_on(
        sorted(severe_days | {d + dt.timedelta(days=1) for d in severe_days}),
        at_most=glance.EASES_AT_MOST,
    )
    recent = peek.scores_on([yesterday, today])
    dismissed = peek.setting_text(CHECK_IN_DISMISSED)
    try:
        dismissed_on = dt.date.fromisoformat(dismissed) if dismissed else None
    except ValueError:
        dismissed_on = None
    return glance.Glance(
        today,
        glance.is_routine_day(today, schedule),
        done,
        glance.next_routine_day(today, schedule),
        peek.last_score(),
        glance.standing_red_flags(candidates, easing, until, today),
        glance.check_in_after(trained, recent, dismissed_on, today),
    )


def fields(seen: glance.Glance, ascii_only: bool) -> dict[str, object]:
    """What a template can use: the JSON fields, and words for the line's parts."""
    separator, flag_mark = (ASCII_SEPARATOR, ASCII_FLAG) if ascii_only else (SEPARATOR, FLAG)
    words = {
        "routine": "routine day" if seen.routine_day else "rest day",
        "session": "done" if seen.done else ("not done" if seen.routine_day else ""),
        "last": "" if seen.last_score is None else f"last {seen.last_score}/10",
        "flag": f"{flag_mark}{seen.red_flags}" if seen.red_flags else "",
    }
    parts = [words["routine"], words["session"], words["last"], words["flag"]]
    line = "knee: " + separator.join(p for p in parts if p)
    values: dict[str, object] = {"line": line, **words}
    for key, value in seen.document().items():
        # As JSON writes them: true / false, and nothing for null.
        values[key] = (
            "" if value is None else str(value).lower() if isinstance(value, bool) else value
        )
    return values


def check_template(template: str) -> None:
    """Refuse a template with a field not listed, or a look-up (`{day.year}`,
    `{flag[0]}`), or that is not a format string."""
    import _string  # type: ignore[import-not-found]  # CPython's own parser of format strings, without `string`'s imports

    try:
        for _, name, _, _ in _string.formatter_parser(template):
            if name is not None and name not in TEMPLATE_FIELDS:
                known = ", ".join(TEMPLATE_FIELDS)
                raise UsageError(f"--format: unknown field {{{name}}} (use {known})")
    except ValueError as error:
        raise UsageError(f"--format: {error}") from None


def render(template: str, values: Mapping[str, object]) -> str:
    """`template` (checked) with its fields filled in; a format spec that does not
    suit the value (`{routine:d}`) is a usage error too."""
    try:
        return template.format_map(values)
    except (ValueError, TypeError, IndexError, KeyError) as error:
        raise UsageError(f"--format: {error}") from None


def _encodes(text: str) -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def run(options: Options, environ: Mapping[str, str]) -> int:
    """Print the status; the exit code."""
    from kneetui.storage.peek import PeekError, db_path, read

    try:
        if options.template is not None:
            check_template(options.template)  # before the file is read
        now = parse_now(options.now) if options.now else dt.datetime.now().astimezone()
        path = db_path(options.db, environ)
        seen = read(path, lambda peek: look(peek, now.date()))
    except UsageError as error:
        return _fail(str(error), 2)
    except PeekError as error:
        return _fail(str(error), 1)
    if seen is None:
        return 0
    if options.as_json:
        import json

        print(json.dumps(seen.document()))
        return 0
    values = fields(seen, ascii_only=not _encodes(SEPARATOR + FLAG))
    try:
        text = render(options.template, values) if options.template is not None else values["line"]
    except UsageError as error:
        return _fail(str(error), 2)
    print(text)
    return 0


def _fail(message: str, code: int) -> int:
    print(f"kneetui: {' '.join(message.split())}", file=sys.stderr)
    return code


def main(options: Options) -> int:
    try:
        code = run(options, os.environ)
        sys.stdout.flush()
    except BrokenPipeError:
        # `kneetui status | head -c0`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return code
