"""kneetui runs on the lowest versions pyproject.toml declares.

A floor that is too low is a crash on a machine that happens to have that
version (kneetui once said textual>=1.0 and crashed on anything below 6). This
builds a venv with each declared dependency at exactly its floor, installed
from the package index pip is configured with (the rest as pip resolves them),
puts this checkout on its path, and there:

- drives the real app headless through every screen and a session
  (tests/floor_smoke.py, an `App.run_test` script);
- runs the shell: `--help`, `log`, `history` and `plot`.

The venv is kept in pytest's cache, keyed by the floors, so it is built once per
change of pyproject.toml's dependencies, not on every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from packaging.version import Version

from tests.conftest import REPO

pytestmark = pytest.mark.slow

_FLOOR = re.compile(r"^([A-Za-z0-9_.-]+)\s*>=\s*([0-9][^,;\s]*)")


def declared_floors() -> dict[str, str]:
    """Each runtime dependency's lowest declared version, from pyproject.toml."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    floors = {}
    for requirement in project["dependencies"]:
        match = _FLOOR.match(requirement)
        assert match, f"{requirement!r} declares no floor (name>=version)"
        floors[match[1].lower()] = match[2]
    return floors


def run(*command: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=cwd,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def floor_venv(cache: Path, floors: dict[str, str]) -> Path:
    """A venv with every dependency at its floor (reused while the floors hold)."""
    key = hashlib.sha256(json.dumps(sorted(floors.items())).encode()).hexdigest()[:16]
    venv = cache / key
    python = venv / "bin" / "python"
    if (venv / "complete").is_file():
        return python
    shutil.rmtree(venv, ignore_errors=True)
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    pins = [f"{name}=={version}" for name, version in floors.items()]
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", *pins)
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    (Path(site.strip()) / "kneetui_checkout.pth").write_text(f"{REPO}\n")
    (venv / "complete").write_text(key)
    return python


def installed(python: Path) -> dict[str, str]:
    listing = run(sys.executable, "-m", "pip", "--python", python, "list", "--format=json")
    return {item["name"].lower(): item["version"] for item in json.loads(listing)}


def test_the_app_and_the_shell_run_on_the_declared_floors(
    tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    floors = declared_floors()
    assert {"textual", "textual-plotext", "plotext", "sqlite-utils", "click"} <= set(floors)
    assert pytestconfig.cache is not None
    python = floor_venv(pytestconfig.cache.mkdir("dependency-floors"), floors)
    versions = installed(python)
    for name, version in floors.items():
        assert Version(versions.get(name, "0")) == Version(version), (name, versions.get(name))
    # kneetui itself comes from this checkout, not from the test venv.
    assert sysconfig.get_paths()["purelib"] not in run(python, "-c", "import sys; print(sys.path)")

    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "KNEETUI_DB": str(tmp_path / "shell.db"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    out = run(python, REPO / "tests" / "floor_smoke.py", tmp_path, env=env, cwd=tmp_path)
    assert "floor smoke: ok" in out

    assert "Usage: kneetui" in run(python, "-m", "kneetui", "--help", env=env, cwd=tmp_path)
    assert "Logged 4/10" in run(python, "-m", "kneetui", "log", "4", env=env, cwd=tmp_path)
    assert "4/10" in run(python, "-m", "kneetui", "history", env=env, cwd=tmp_path)
    chart = run(python, "-m", "kneetui", "plot", "--width", "60", "--height", "12",
                env=env, cwd=tmp_path)  # fmt: skip
    assert "┤" in chart
    # icalendar at its floor writes the routine's event, its zone included.
    ics = run(python, "-m", "kneetui", "calendar", env={**env, "TZ": "Europe/Berlin"}, cwd=tmp_path)
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR" in ics and "TZID:Europe/Berlin" in ics

    # The watch-file readers (gpxpy, fitdecode, defusedxml at their floors) on a
    # GPX, a TCX and a gzipped FIT file.
    from tests.sources.makers import START, fit_bytes, gpx_bytes, gz, tcx_bytes, track

    watch = tmp_path / "watch"
    watch.mkdir()
    (watch / "a.gpx").write_bytes(gpx_bytes(track(10.0, 50)))
    (watch / "b.tcx").write_bytes(tcx_bytes(track(8.0, 40, start=START.replace(day=16)), lap_km=8))
    (watch / "c.fit.gz").write_bytes(gz(fit_bytes(track(6.0, 30, start=START.replace(day=18)))))
    imported = run(python, "-m", "kneetui", "runs", "import", watch, env=env, cwd=tmp_path)
    assert imported == "Imported 3 runs, 0 already stored, 0 not runs, 0 refused\n"
