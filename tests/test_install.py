"""A regular, non-editable install finds the routine without the source tree.

The wheel is built from this checkout and installed into a fresh virtual
environment; the command then runs from an unrelated folder. The fresh venv
borrows the third-party dependencies of the test venv through a .pth line, so
the test needs no network, but kneetui itself comes only from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_an_installed_wheel_finds_the_routine(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", wheels, REPO, cwd=tmp_path)  # fmt: skip
    (wheel,) = wheels.glob("kneetui-*.whl")

    fresh = tmp_path / "fresh"
    run(sys.executable, "-m", "venv", "--without-pip", fresh, cwd=tmp_path)
    python = fresh / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-index", wheel, cwd=tmp_path)  # fmt: skip
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
        ).strip()
    )
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "KNEETUI_DB": str(tmp_path / "k.db"),
    }
    where = run(python, "-c", "import kneetui.routine_file as r; print(r.routine_path())",
                cwd=elsewhere, env=env)  # fmt: skip
    assert where.strip().startswith(str(site)), where
    out = run(fresh / "bin" / "kneetui", "routine", cwd=elsewhere, env=env)
    assert "Leg Raises: hold 5 s" in out
    assert "Calf Raises: hold 20 s" in out
