"""`kneetui report --output FILE.pdf` against the import of its libraries.

Why: the report draws its chart with matplotlib and lays the page out with
fpdf2, whose imports alone take about half a second. The report's own work
(reading the store, the coaching, the chart, the page) must stay small beside
them: at ten years of history, the PDF of the last 8 weeks is built in at most
1.5 × the time a fresh Python takes to import what the report uses of the two
libraries (`IMPORTS`). Both are timed whole-process, from spawn to exit, in
turns (`shell.interleaved`), after one untimed run each (matplotlib builds its
font cache on its first run in a new config folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.shell import Timed, interleaved
from benchmarks.startup import venv_script

IMPORTS = (
    "import matplotlib.figure, matplotlib.backends.backend_svg, matplotlib.dates, "
    "matplotlib.lines, fpdf"
)
LIBRARIES = [sys.executable, "-c", IMPORTS]
WEEKS = 8


def report_command(database: Path, output: Path) -> list[str | Path]:
    """`kneetui --db DATABASE report --weeks 8 --output OUTPUT`."""
    return [venv_script("kneetui"), "--db", database, "report", "--weeks", str(WEEKS), "-o", output]


def pdf_seconds(database: Path, output: Path, runs: int, cwd: Path) -> tuple[Timed, Timed]:
    """(the report, the libraries' import alone): median seconds of `runs` each."""
    report, libraries = interleaved([report_command(database, output), LIBRARIES], runs, cwd)
    return report, libraries
