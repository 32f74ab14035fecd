"""kneetui's performance harness, behind `make bench` (`python -m benchmarks`).

Why it exists: speed is checked as ratios measured on the machine at hand, a
bare Textual app for start-up and thirty days of history for data size, never
as timed assertions in the test suite (DESIGN.md §6). The harness builds
seeded synthetic histories (cached under `benchmarks/.cache/`), times kneetui's
cold start in a real pseudo-terminal, and runs the chart, storage and timer
measures in-process; `harness.run_all` returns the rows that `report` prints.
"""

from __future__ import annotations
