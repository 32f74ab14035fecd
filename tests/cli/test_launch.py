"""The entry point opens the app without click for its own options only."""

from __future__ import annotations

import pytest

from kneetui.launch import AppArguments, app_arguments


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], AppArguments()),
        (["--db", "k.db"], AppArguments(db="k.db")),
        (["--db=k.db", "--quiet"], AppArguments(db="k.db", quiet=True)),
        (["--demo"], AppArguments(demo=True)),
        (["--quiet", "--demo", "--db", "x"], AppArguments(db="x", demo=True, quiet=True)),
    ],
)
def test_the_apps_own_options_open_the_app_directly(
    args: list[str], expected: AppArguments
) -> None:
    assert app_arguments(args) == expected


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-h"], ["--version"], ["log", "3"], ["--db"], ["--db", "--demo"],
     ["--db", "k.db", "history"], ["--dbx"], ["--db="]],
)  # fmt: skip
def test_anything_else_goes_to_the_command_line(args: list[str]) -> None:
    assert app_arguments(args) is None
