"""The entry point opens the app without click for its own options only, hands
shell completion to click, and passes a crash on as a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kneetui.launch import AppArguments, app_arguments
from tests.conftest import KNEETUI, child_env


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


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F _kneetui_completion kneetui"),
     ("zsh", "#compdef kneetui"),
     ("fish", "complete --no-files --command kneetui")],
)  # fmt: skip
def test_the_completion_variable_prints_the_script_and_opens_no_app(
    tmp_path: Path, shell: str, marker: str
) -> None:
    # With no arguments, `kneetui` opens the app: the shell's request for its
    # completion script must reach click instead (the script is eval'ed at login).
    db = tmp_path / "k.db"
    done = subprocess.run(
        [str(KNEETUI)],
        capture_output=True,
        text=True,
        # Without the fix the app opens and waits for keys: fail in seconds.
        timeout=20,
        stdin=subprocess.DEVNULL,
        env=child_env(_KNEETUI_COMPLETE=f"{shell}_source", KNEETUI_DB=str(db)),
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert marker in done.stdout
    assert not db.exists()


def test_bash_completes_commands_and_choices_through_the_script() -> None:
    script = (
        'eval "$(_KNEETUI_COMPLETE=bash_source kneetui)"\n'
        "COMP_WORDS=(kneetui hist); COMP_CWORD=1; COMPREPLY=()\n"
        '_kneetui_completion kneetui; echo "${COMPREPLY[*]}"\n'
        'COMP_WORDS=(kneetui log 3 --knee ""); COMP_CWORD=4; COMPREPLY=()\n'
        '_kneetui_completion kneetui; echo "${COMPREPLY[*]}"\n'
    )
    path = f"{KNEETUI.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=child_env(PATH=path),
    )
    assert done.stdout.splitlines() == ["history", "left right both"], done.stderr


# The real launcher, with an app that raises as it mounts: Textual catches the
# exception, prints it and stops the app, and sets return_code to 1.
_CRASHING_APP = """
import sys
from kneetui.launch import main
from kneetui.tui.app import KneetuiApp

def broken(self):
    raise RuntimeError("a bug in the app")

KneetuiApp.on_mount = broken
main(sys.argv[1:])
"""


@pytest.mark.parametrize("args", [[], ["--demo"]])
def test_a_crash_in_the_app_exits_non_zero(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CRASHING_APP, "--db", str(tmp_path / "k.db"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=child_env(),
    )
    assert "a bug in the app" in done.stderr
    assert done.returncode == 1
