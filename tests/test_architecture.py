"""The layering rules of DESIGN.md §2, checked on the source: the domain imports no
UI, storage or plotting library; only storage imports sqlite_utils; only charts.py
imports plotext; only tui/ imports textual; only handout/ imports matplotlib and
fpdf2."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kneetui"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def owner(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize(
    ("library", "allowed"),
    [
        ("sqlite_utils", ("storage/",)),
        ("sqlite3", ("storage/",)),
        ("plotext", ("charts.py",)),
        ("textual", ("tui/",)),
        ("textual_plotext", ("tui/",)),
        ("rich", ("tui/",)),
        ("gpxpy", ("sources/",)),
        ("fitdecode", ("sources/",)),
        ("defusedxml", ("sources/",)),
        ("icalendar", ("ics.py",)),
        ("textual_serve", ("web/",)),
        ("aiohttp", ("web/",)),
        ("matplotlib", ("handout/",)),
        ("fpdf", ("handout/",)),
        ("watchfiles", ("sync_cli.py",)),
    ],
)
def test_only_its_layer_imports_a_library(library: str, allowed: tuple[str, ...]) -> None:
    offenders = [
        owner(path)
        for path in sources()
        if library in imported_modules(path) and not owner(path).startswith(allowed)
    ]
    assert offenders == []


def test_the_domain_reads_no_clock_environment_or_disk() -> None:
    forbidden = {"os", "time", "sqlite3", "sqlite_utils", "textual", "plotext", "click", "pathlib"}
    for path in (PACKAGE / "domain").rglob("*.py"):
        assert imported_modules(path) & forbidden == set(), owner(path)
        text = path.read_text()
        for call in ("datetime.now(", "dt.datetime.now(", "date.today(", "open("):
            assert call not in text, f"{owner(path)} calls {call}"


def kneetui_modules(path: Path) -> set[str]:
    """The kneetui modules `path` imports, by full name, at any depth of the file
    (an import inside a function counts too)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("kneetui.")}


@pytest.mark.parametrize("launcher", ["kneetui.launch", "kneetui.cli"])
def test_the_app_takes_nothing_from_the_launcher_or_the_shell(launcher: str) -> None:
    # The entry point imports the app, never the other way round (DESIGN.md §2).
    offenders = [
        owner(path)
        for path in (PACKAGE / "tui").rglob("*.py")
        if any(m == launcher or m.startswith(launcher + ".") for m in kneetui_modules(path))
    ]
    assert offenders == []
