"""Running the real `kneetui` command in a subprocess."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import KNEETUI, child_env


@dataclass
class Result:
    code: int
    out: str
    err: str


def kneetui(
    *args: str, db: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
) -> Result:
    command = [str(KNEETUI), *(["--db", str(db)] if db else []), *args]
    done = subprocess.run(
        command,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        env=env or child_env(),
    )
    assert "Traceback" not in done.stderr, done.stderr
    return Result(done.returncode, done.stdout, done.stderr)
