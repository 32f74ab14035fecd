"""No SQL is built from user text.

SQL-looking text (quotes, semicolons, `' OR 1=1 --`, `"; DROP TABLE soreness; --`,
the LIKE wildcards % and _, backslashes) goes through every option that reaches
a query: notes (shell and app form), --knee/--context/--flag, schedule days,
level exercise and seconds, --days of history/sessions/plot, import file contents
and the --db path itself. Text that is accepted is stored and read back exactly;
the rest is refused in one line. Afterwards all five tables are there with the
rows expected.

A static check then reads the storage code (the only code that runs SQL) and
proves that every statement passed to execute/executemany/executescript is built
from constants only; see `dynamic_sql_problems` for exactly what it accepts.
"""

from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import Input

from kneetui.domain.exchange import Bundle
from kneetui.domain.soreness import new_entry
from kneetui.launch import main as launch_main
from kneetui.storage.store import Store
from kneetui.tui.screens.dashboard import DashboardScreen
from tests.conftest import KNEETUI, NOW, REPO, child_env
from tests.tui.conftest import AppFactory

INJECTIONS = (
    "'",
    '"',
    ";",
    "' OR 1=1 --",
    '"; DROP TABLE soreness; --',
    "'); DELETE FROM settings; --",
    "%",
    "_",
    "\\",
    "50% of the _time_ \\' \\\" ; --",
)
TABLES = ("levels", "reps", "sessions", "settings", "soreness")
# A folder and a file name holding quotes, semicolons, comment marks, wildcards,
# a backslash and URI syntax (? and #): used as an ordinary path.
HOSTILE_FOLDER = 'we\'re; DROP TABLE soreness; -- 100% _x_ \\ "q" ?mode=ro#frag'
HOSTILE_FILE = "k'; --.db"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(*args: str) -> Run:
    done = subprocess.run(
        [str(KNEETUI), *args], capture_output=True, text=True, timeout=60, env=child_env()
    )
    assert "Traceback" not in done.stderr, done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def parallel(calls: list[tuple[str, ...]]) -> list[Run]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: run(*args), calls))


def table_counts(db: Path) -> dict[str, int]:
    """Row counts of kneetui's tables, read with plain sqlite3 (no kneetui code)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        assert set(TABLES) <= names, names
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608
    finally:
        conn.close()


# Accepted text: notes through the shell, the import and the app form, at a hostile path.


def test_sql_text_in_notes_and_imports_is_stored_exactly_at_a_hostile_db_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Logged and imported in-process through the script's entry point, then read
    back by the real command (history --json, where) at the same hostile path."""
    folder = tmp_path / HOSTILE_FOLDER
    folder.mkdir()
    db = folder / HOSTILE_FILE
    Store.open(db, now=NOW).close()
    db.chmod(0o600)
    imported = {
        "kneetui_export": 1,
        "soreness": [
            {
                "uuid": f"00000000-0000-4000-8000-{n:012d}",
                "logged_at": f"2026-10-{n + 1:02d}T12:00:00+00:00",
                "local_day": f"2026-10-{n + 1:02d}",
                "score": 2,
                "knee": "left",
                "context": "other",
                "run_km": None,
                "run_minutes": None,
                "note": note,
                "flags": [],
            }
            for n, note in enumerate(INJECTIONS)
        ],
        "levels": [
            {
                "exercise": "leg-raise'; DROP TABLE levels; --",
                "hold_s": 10,
                "changed_at": "2026-10-01T12:00:00+00:00",
            }
        ],
        "settings": {"x'; DROP TABLE settings; --": "' OR 1=1 --"},
    }
    import_file = folder / "it's; an import %_.json"
    import_file.write_text(json.dumps(imported), encoding="utf-8")
    for n, note in enumerate(INJECTIONS):
        at = f"2026-11-01 {n:02d}:10"
        code, out, err = kneetui_in_process(
            capsys, "--db", str(db), "log", "3", "--at", at, "--note", note
        )
        assert (code, err) == (0, ""), err
        assert out.startswith("Logged 3/10 (acceptable)")
    code, out, err = kneetui_in_process(capsys, "--db", str(db), "import", str(import_file))
    assert (code, err) == (0, ""), err
    assert out.startswith(f"Imported {len(INJECTIONS)} scores, 0 sessions")
    code, exported, err = kneetui_in_process(capsys, "--db", str(db), "export")
    assert (code, err) == (0, "")

    history, where = parallel([("--db", str(db), "history", "--json"), ("--db", str(db), "where")])
    notes = [item["note"] for item in reversed(json.loads(history.out))]
    # Imported in October, logged in November: oldest first.
    assert notes == [*INJECTIONS, *INJECTIONS]
    # The path is an ordinary path: the file is exactly where it was named.
    assert where.out.splitlines()[0] == f"Database: {db}"
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".db") == [HOSTILE_FILE]
    document = json.loads(exported)
    assert [lv["exercise"] for lv in document["levels"]] == ["leg-raise'; DROP TABLE levels; --"]
    assert document["settings"] == {"x'; DROP TABLE settings; --": "' OR 1=1 --"}
    assert table_counts(db) == {
        "levels": 1,
        "reps": 0,
        "sessions": 0,
        "settings": 1,
        "soreness": 2 * len(INJECTIONS),
    }


async def test_sql_text_in_the_app_form_note_is_stored_exactly(
    empty_store: Store, make_app: AppFactory
) -> None:
    note = "' OR 1=1 -- \"; DROP TABLE soreness; -- 100% _ \\"
    app = make_app(empty_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        app.screen.query_one("#score", Input).value = "5"
        app.screen.query_one("#note", Input).value = note
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert [e.note for e in empty_store.soreness()] == [note]
    assert table_counts(empty_store.path) == {
        "levels": 0,
        "reps": 0,
        "sessions": 0,
        "settings": 0,
        "soreness": 1,
    }


# Refused text: one line, exit 2 (1 for an import), nothing changed. Run in-process:
# the same entry point as the script, without a process start for each.

EXERCISES = "leg-raise, hamstring-curl, calf-raise"
WEEKDAY_HINT = "is not a weekday (use mon, tue, … sun)"


def _choice(option: str, value: str, choices: str) -> str:
    return f"Invalid value for '{option}': {value!r} is not one of {choices}."


def _days(value: str) -> str:
    return f"Invalid value for '--days': {value!r} is not a valid integer range."


KNEES = "'left', 'right', 'both'"
CONTEXTS = "'after-run', 'next-morning', 'other'"
FLAGS = "'swelling', 'locking', 'giving-way', 'cannot-bear-weight'"
UUID_INJECTION = "' OR 1=1 --"
SCHEDULE_DAY = "wed'; DROP TABLE settings; --"
EXERCISE = "leg-raise' OR 1=1 --"
BACKSLASH = "\\"
REFUSED: dict[str, tuple[tuple[str, ...], int, str]] = {
    "--knee": (
        ("log", "3", "--knee", '"; DROP TABLE soreness; --'),
        2,
        _choice("--knee", '"; DROP TABLE soreness; --', KNEES),
    ),
    "--context": (
        ("log", "3", "--context", "' OR 1=1 --"),
        2,
        _choice("--context", "' OR 1=1 --", CONTEXTS),
    ),
    "--flag %": (("log", "3", "--flag", "%"), 2, _choice("--flag", "%", FLAGS)),
    "--flag _": (("log", "3", "--flag", "_"), 2, _choice("--flag", "_", FLAGS)),
    "--flag backslash": (("log", "3", "--flag", BACKSLASH), 2, _choice("--flag", BACKSLASH, FLAGS)),
    "schedule day": (
        ("schedule", "mon", SCHEDULE_DAY),
        2,
        f"DAY: {SCHEDULE_DAY!r} {WEEKDAY_HINT}",
    ),
    "schedule %": (("schedule", "%"), 2, f"DAY: '%' {WEEKDAY_HINT}"),
    "level exercise": (
        ("level", EXERCISE),
        2,
        f"EXERCISE must be one of {EXERCISES}, got {EXERCISE!r}",
    ),
    "level exercise _": (("level", "_"), 2, f"EXERCISE must be one of {EXERCISES}, got '_'"),
    "level seconds": (
        ("level", "leg-raise", "10; DROP TABLE levels"),
        2,
        "SECONDS for leg-raise must be a step on its ladder (5, 10, 15), "
        "got '10; DROP TABLE levels'",
    ),
    "level seconds \\": (
        ("level", "calf-raise", BACKSLASH),
        2,
        f"SECONDS for calf-raise must be a step on its ladder (20, 25, 30), got {BACKSLASH!r}",
    ),
    "history --days": (
        ("history", "--days", "1; DROP TABLE soreness"),
        2,
        _days("1; DROP TABLE soreness"),
    ),
    "sessions --days": (("sessions", "--days", "' OR 1=1 --"), 2, _days("' OR 1=1 --")),
    "plot --days": (("plot", "--days", "%"), 2, _days("%")),
}


def _seeded(folder: Path) -> tuple[Path, Bundle]:
    db = folder / "k.db"
    with Store.open(db, now=NOW) as store:
        store.add_soreness(new_entry(4, at=NOW, now=NOW, note="kept"))
        return db, store.export_bundle()


def kneetui_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The `kneetui` script's entry point, run in this process (refusals need no
    process of their own): (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        launch_main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


@pytest.mark.parametrize("name", list(REFUSED))
def test_sql_text_in_options_is_refused_in_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    db, before = _seeded(tmp_path)
    args, code, message = REFUSED[name]
    assert kneetui_in_process(capsys, "--db", str(db), *args) == (code, "", f"kneetui: {message}\n")
    assert table_counts(db) == {"levels": 0, "reps": 0, "sessions": 0, "settings": 0, "soreness": 1}
    with Store.open(db, now=NOW) as store:
        assert store.export_bundle() == before


def test_a_sql_uuid_in_an_import_is_refused_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, before = _seeded(tmp_path)
    path = tmp_path / "bad-uuid.json"
    item = {
        "uuid": UUID_INJECTION,
        "logged_at": "2026-11-01T10:00:00+00:00",
        "local_day": "2026-11-01",
        "score": 3,
        "knee": "both",
        "context": "after-run",
        "run_km": None,
        "run_minutes": None,
        "note": "",
        "flags": [],
    }
    path.write_text(json.dumps({"kneetui_export": 1, "soreness": [item]}))
    assert kneetui_in_process(capsys, "--db", str(db), "import", str(path)) == (
        1,
        "",
        f"kneetui: {path}: soreness[1].uuid: is not a lower-case UUID: {UUID_INJECTION!r}; "
        "nothing was imported\n",
    )
    assert table_counts(db) == {"levels": 0, "reps": 0, "sessions": 0, "settings": 0, "soreness": 1}
    with Store.open(db, now=NOW) as store:
        assert store.export_bundle() == before


# The static check ---------------------------------------------------------------------

STORAGE = REPO / "kneetui" / "storage"
SQL_METHODS = {"execute", "executemany", "executescript"}
# Calls that return a number (int(), len()) are safe whatever they are given.
NUMBER_CALLS = {"int", "float", "len"}


@dataclass
class _Function:
    node: ast.FunctionDef | ast.AsyncFunctionDef
    module: _Module


@dataclass
class _Module:
    name: str
    tree: ast.Module
    constants: dict[str, ast.expr]  # module-level NAME = value
    imported: set[str]  # names bound by import statements


class _Checker:
    """Decides whether an expression can only ever be a constant string.

    Safe: literals; f-strings, `+`, `%`, `.format()` and `"sep".join(...)` whose
    parts are safe; comprehensions and conditionals whose values are safe;
    int(), float() and len() calls; module-level constants (names assigned at the
    top of a storage module whose value is safe, or imported UPPER_CASE names and
    module.UPPER_CASE attributes); local variables whose every assignment and
    `.append()`/`.extend()` is safe; and parameters of private functions (named
    with a leading _) for which every call in the storage package passes a safe
    argument (or which keep a safe default). Everything else (attributes of
    objects, other calls, parameters of public functions, which anything may
    call) is unsafe.
    """

    def __init__(self, modules: list[_Module]) -> None:
        self.modules = modules
        self.functions: dict[str, list[_Function]] = {}
        self.parents: dict[ast.AST, ast.AST] = {}
        for module in modules:
            for node in ast.walk(module.tree):
                for child in ast.iter_child_nodes(node):
                    self.parents[child] = node
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.functions.setdefault(node.name, []).append(_Function(node, module))
        self._in_progress: set[tuple[int, str]] = set()

    def enclosing(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        parent = self.parents.get(node)
        while parent is not None and not isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
            parent = self.parents.get(parent)
        return parent

    def problem(
        self,
        expr: ast.expr | None,
        fn: ast.FunctionDef | ast.AsyncFunctionDef | None,
        module: _Module,
        bound: dict[str, ast.expr] | None = None,
    ) -> str | None:
        """None if `expr` is safe; else what is not."""
        bound = bound or {}
        if expr is None or isinstance(expr, ast.Constant):
            return None
        if isinstance(expr, ast.JoinedStr | ast.List | ast.Tuple | ast.Set | ast.BoolOp):
            parts = expr.values if isinstance(expr, ast.JoinedStr | ast.BoolOp) else expr.elts
            return self._first(parts, fn, module, bound)
        if isinstance(expr, ast.FormattedValue):
            return self.problem(expr.value, fn, module, bound)
        if isinstance(expr, ast.BinOp):
            return self._first([expr.left, expr.right], fn, module, bound)
        if isinstance(expr, ast.IfExp):
            return self._first([expr.body, expr.orelse], fn, module, bound)
        if isinstance(expr, ast.Subscript):
            return self.problem(expr.value, fn, module, bound)
        if isinstance(expr, ast.Starred):
            return self.problem(expr.value, fn, module, bound)
        if isinstance(expr, ast.GeneratorExp | ast.ListComp | ast.SetComp):
            inner = dict(bound)
            for comprehension in expr.generators:
                for target in ast.walk(comprehension.target):
                    if isinstance(target, ast.Name):
                        inner[target.id] = comprehension.iter
            return self.problem(expr.elt, fn, module, inner)
        if isinstance(expr, ast.Call):
            return self._call(expr, fn, module, bound)
        if isinstance(expr, ast.Attribute):
            if (
                isinstance(expr.value, ast.Name)
                and expr.value.id in module.imported
                and expr.attr.isupper()
            ):
                return None  # convert.SORENESS_COLUMNS
            return f"attribute {ast.unparse(expr)}"
        if isinstance(expr, ast.Name):
            return self._name(expr.id, fn, module, bound)
        return f"{type(expr).__name__} {ast.unparse(expr)}"

    def _first(
        self,
        parts: list[ast.expr],
        fn: ast.FunctionDef | ast.AsyncFunctionDef | None,
        module: _Module,
        bound: dict[str, ast.expr],
    ) -> str | None:
        for part in parts:
            found = self.problem(part, fn, module, bound)
            if found:
                return found
        return None

    def _call(
        self,
        call: ast.Call,
        fn: ast.FunctionDef | ast.AsyncFunctionDef | None,
        module: _Module,
        bound: dict[str, ast.expr],
    ) -> str | None:
        func = call.func
        if isinstance(func, ast.Name) and func.id in NUMBER_CALLS:
            return None
        arguments = [*call.args, *(k.value for k in call.keywords)]
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "join"
            and isinstance(func.value, ast.Constant)
        ):
            return self._first(arguments, fn, module, bound)
        if isinstance(func, ast.Attribute) and func.attr == "format":
            return self._first([func.value, *arguments], fn, module, bound)
        return f"call {ast.unparse(call)}"

    def _name(
        self,
        name: str,
        fn: ast.FunctionDef | ast.AsyncFunctionDef | None,
        module: _Module,
        bound: dict[str, ast.expr],
    ) -> str | None:
        if name in bound:
            return self.problem(
                bound[name], fn, module, {k: v for k, v in bound.items() if k != name}
            )
        if fn is not None:
            parameters = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
            if any(p.arg == name for p in parameters):
                return self._parameter(name, fn, module)
            assigned = self._local_values(name, fn)
            if assigned is not None:
                return self._first(assigned, fn, module, bound)
        if name in module.constants:
            return self.problem(module.constants[name], None, module)
        if name in module.imported and name.isupper():
            return None
        return f"name {name}"

    def _local_values(
        self, name: str, fn: ast.FunctionDef | ast.AsyncFunctionDef
    ) -> list[ast.expr] | None:
        """Every value `name` takes in `fn`, or None if it is not a local there."""
        values: list[ast.expr] = []
        local = False
        for node in ast.walk(fn):
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
                targets, value = [node.target], node.value
            elif isinstance(node, ast.For):
                targets, value = [node.target], node.iter
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                local = True
                if value is not None:
                    values.append(value)
            elif any(
                isinstance(t, ast.Tuple | ast.List)
                and any(isinstance(e, ast.Name) and e.id == name for e in t.elts)
                for t in targets
            ):
                local = True
                values.append(value)  # unpacked: the whole value must be safe
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend", "insert")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == name
            ):
                values.extend(node.args[-1:])
        return values if local else None

    def _parameter(
        self, name: str, fn: ast.FunctionDef | ast.AsyncFunctionDef, module: _Module
    ) -> str | None:
        if not fn.name.startswith("_") or fn.name.startswith("__"):
            # A public function can be called from anywhere with anything.
            return f"parameter {name} of {fn.name}"
        key = (id(fn), name)
        if key in self._in_progress:
            return None  # recursion: judged by the outer call
        self._in_progress.add(key)
        try:
            positional = [*fn.args.posonlyargs, *fn.args.args]
            index = next((i for i, p in enumerate(positional) if p.arg == name), None)
            default = self._default(name, fn)
            sites = 0
            for caller_module in self.modules:
                for call in ast.walk(caller_module.tree):
                    if not isinstance(call, ast.Call):
                        continue
                    func = call.func
                    called = (
                        func.id
                        if isinstance(func, ast.Name)
                        else func.attr
                        if isinstance(func, ast.Attribute)
                        else None
                    )
                    if called != fn.name:
                        continue
                    sites += 1
                    argument = self._argument(call, name, index, positional, default)
                    caller = self.enclosing(call)
                    found = self.problem(argument, caller, caller_module)
                    if found:
                        return f"parameter {name} of {fn.name} gets {found}"
            return None if sites else f"parameter {name} of {fn.name}, called from outside"
        finally:
            self._in_progress.discard(key)

    @staticmethod
    def _default(name: str, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.expr | None:
        positional = [*fn.args.posonlyargs, *fn.args.args]
        defaults = dict(
            zip(
                [p.arg for p in positional[len(positional) - len(fn.args.defaults) :]],
                fn.args.defaults,
                strict=True,
            )
        )
        for parameter, value in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True):
            if value is not None:
                defaults[parameter.arg] = value
        return defaults.get(name)

    @staticmethod
    def _argument(
        call: ast.Call,
        name: str,
        index: int | None,
        positional: list[ast.arg],
        default: ast.expr | None,
    ) -> ast.expr | None:
        for keyword in call.keywords:
            if keyword.arg == name:
                return keyword.value
            if keyword.arg is None:
                return keyword.value  # **kwargs: must be safe itself
        if index is not None:
            # A method called as obj.method(...) does not pass self.
            offset = 1 if positional and positional[0].arg in ("self", "cls") else 0
            if isinstance(call.func, ast.Name):
                offset = 0
            position = index - offset
            if any(isinstance(a, ast.Starred) for a in call.args[: position + 1]):
                return next(a for a in call.args if isinstance(a, ast.Starred))
            if 0 <= position < len(call.args):
                return call.args[position]
        return default


def _modules(sources: dict[str, str]) -> list[_Module]:
    modules = []
    for name, source in sources.items():
        tree = ast.parse(source)
        constants: dict[str, ast.expr] = {}
        imported: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        constants[target.id] = node.value
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.value is not None
            ):
                constants[node.target.id] = node.value
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                imported.update((a.asname or a.name).split(".")[0] for a in node.names)
        modules.append(_Module(name, tree, constants, imported))
    return modules


def dynamic_sql_problems(sources: dict[str, str]) -> tuple[list[str], int]:
    """(problems, statements checked): every first argument of an execute,
    executemany or executescript call that is not a plain literal must be safe in
    the sense of `_Checker`."""
    modules = _modules(sources)
    checker = _Checker(modules)
    problems = []
    checked = 0
    for module in modules:
        for call in ast.walk(module.tree):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in SQL_METHODS
                and call.args
            ):
                continue
            sql = call.args[0]
            if isinstance(sql, ast.Constant):
                continue
            checked += 1
            found = checker.problem(sql, checker.enclosing(call), module)
            if found:
                problems.append(f"{module.name}:{call.lineno}: {found}")
    return problems, checked


def test_storage_builds_sql_only_from_constants() -> None:
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(STORAGE.glob("*.py"))}
    problems, checked = dynamic_sql_problems(sources)
    assert problems == []
    # Not vacuous: the store does build statements (column lists, WHERE clauses
    # passed to private helpers, table names in the importer), and all were read.
    assert checked >= 10


@pytest.mark.parametrize(
    "source",
    [
        # A note put into the SQL text by an f-string, through a helper.
        "def _find(conn, note):\n"
        "    return conn.execute(f\"SELECT * FROM soreness WHERE note = '{note}'\")\n"
        "def run(conn, text):\n"
        "    return _find(conn, text.strip())\n",
        # A parameter of a public method: the app passes the runner's text.
        "class Store:\n"
        "    def soreness(self, since=None):\n"
        "        where = []\n"
        "        if since:\n"
        "            where.append(f\"local_day >= '{since}'\")\n"
        "        return self._rows('SELECT * FROM soreness WHERE ' + ' AND '.join(where))\n"
        "    def _rows(self, sql):\n"
        "        return self.conn.execute(sql)\n"
        "    def export(self):\n"
        "        return self.soreness()\n",
        # %-formatting and .format() of a parameter nothing in storage calls.
        "def by_day(conn, day):\n    conn.execute(\"SELECT 1 WHERE d = '%s'\" % day)\n",
        "def by_day(conn, day):\n    conn.execute(\"SELECT 1 WHERE d = '{}'\".format(day))\n",
        # A local list that collects user text.
        "def where(conn, days):\n"
        "    parts = []\n"
        "    for day in days:\n"
        "        parts.append(f\"d = '{day}'\")\n"
        "    conn.execute('SELECT 1 WHERE ' + ' OR '.join(parts))\n",
        # State of an object.
        "class S:\n    def q(self):\n        self.conn.execute(f'SELECT {self.column} FROM t')\n",
    ],
)
def test_the_static_check_finds_sql_built_from_user_text(source: str) -> None:
    problems, checked = dynamic_sql_problems({"bad.py": source})
    assert checked == 1 and len(problems) == 1, problems


def test_the_static_check_accepts_constant_building_blocks() -> None:
    source = (
        "from kneetui.storage import convert\n"
        "COLUMNS = ('a', 'b')\n"
        "TIMEOUT_S = 5\n"
        "def add(conn, row):\n"
        "    marks = ', '.join('?' for _ in COLUMNS)\n"
        "    conn.execute(\n"
        "        f\"INSERT INTO t ({', '.join(convert.SORENESS_COLUMNS)}) VALUES ({marks})\", row\n"
        "    )\n"
        "    conn.execute(f'PRAGMA busy_timeout = {int(TIMEOUT_S * 1000)}')\n"
        "def _where(conn, clause, params):\n"
        "    conn.execute(f'SELECT * FROM t WHERE {clause}', params)\n"
        "def recent(conn):\n"
        "    _where(conn, 'day >= ?', [1])\n"
    )
    assert dynamic_sql_problems({"good.py": source}) == ([], 3)
