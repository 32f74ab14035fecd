"""`python -m benchmarks` (what `make bench` runs): measure, print one table.

Why the exit code ignores unmet targets: the table is a report to read, not a
gate; only a measure that crashes (a broken harness or a broken app) fails.
Progress goes to stderr, the table alone to stdout.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import MEASURES, Plan, run_all, smoke_plan
from benchmarks.report import format_table


def _progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny data and one run of each measure (what the test suite checks)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=MEASURES,
        metavar="MEASURE",
        help=f"run only this measure (repeatable): {', '.join(MEASURES)}",
    )
    options = parser.parse_args(argv)
    only = frozenset(options.only) if options.only else None
    if options.smoke:
        with tempfile.TemporaryDirectory(prefix="kneetui-bench-") as folder:
            plan = dataclasses.replace(smoke_plan(Path(folder)), only=only)
            outcome = run_all(plan, _progress)
    else:
        outcome = run_all(Plan(only=only), _progress)
    for name, trace in outcome.failures:
        print(f"bench: {name} crashed:\n{trace}", file=sys.stderr)
    print(format_table(outcome.rows))
    targets = [row for row in outcome.rows if row.limit is not None]
    met = sum(row.met for row in targets)
    print(f"\n{met} of {len(targets)} targets met; measured in {outcome.seconds:.0f} s.")
    if outcome.failures:
        print(f"Crashed: {', '.join(name for name, _ in outcome.failures)}.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
