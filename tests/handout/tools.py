"""poppler-utils (pdfinfo, pdftotext, pdftoppm) and Chromium for the report's
tests: missing on a developer's machine, the test is skipped; missing in CI
(CI=true, where .ci/run installs them), it fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (apt-get install poppler-utils / chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def pdf_info(path: Path) -> dict[str, str]:
    done = subprocess.run(
        [tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    info = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pages(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        [tool("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def words(text: str) -> str:
    """Text with every run of white space one space: lines wrapped anywhere."""
    return re.sub(r"\s+", " ", text)
