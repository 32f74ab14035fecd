"""The one table `make bench` prints: each figure with kneetui's value, the
reference it is compared with, the ratio, the target and whether it is met.

Rows keep their numbers (not strings) so the smoke test can check that every
figure was actually measured; the text is made only when printing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

HEADERS = ("figure", "kneetui", "reference", "ratio", "target", "met")
MET = "met"
NOT_MET = "not met"
WATCH = "to watch"  # a figure with no target


@dataclass(frozen=True, slots=True)
class Row:
    """One figure. With a `reference`, the target is a ratio (`limit` ×); without,
    it is an absolute bound on `value` (on its magnitude when `magnitude`). A
    `limit` of None: no target, a figure to watch."""

    key: str  # stable name, for tests and scripts
    figure: str  # what the table says
    value: float
    unit: str  # "s", "ms" or "MiB"
    limit: float | None
    reference: float | None = None
    reference_label: str = ""
    magnitude: bool = False

    @property
    def ratio(self) -> float | None:
        if self.reference is None:
            return None
        return self.value / self.reference if self.reference > 0 else math.inf

    @property
    def met(self) -> bool:
        """Whether the target is met (a figure without one always is)."""
        if self.limit is None:
            return True
        ratio = self.ratio
        if ratio is not None:
            return ratio <= self.limit
        return (abs(self.value) if self.magnitude else self.value) <= self.limit

    def cells(self) -> tuple[str, str, str, str, str, str]:
        ratio = self.ratio
        if self.reference is None:
            reference = self.reference_label or "—"
        else:
            reference = quantity(self.reference, self.unit)
            if self.reference_label:
                reference += f" ({self.reference_label})"
        if self.limit is None:
            target = "—"
        elif self.reference is None:
            bound = f"{_number(self.limit)} {self.unit}"
            target = f"within ±{bound}" if self.magnitude else f"≤ {bound}"
        else:
            target = f"≤ {_number(self.limit)} ×"
        return (
            self.figure,
            quantity(self.value, self.unit),
            reference,
            "—" if ratio is None else f"{ratio:.2f} ×",
            target,
            WATCH if self.limit is None else MET if self.met else NOT_MET,
        )


def _number(value: float) -> str:
    return f"{value:g}"


def quantity(value: float, unit: str) -> str:
    """A value with as many decimals as its size deserves."""
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    size = abs(value)
    decimals = 3 if size < 1 else 2 if size < 10 else 1 if size < 100 else 0
    return f"{value:.{decimals}f} {unit}"


def format_table(rows: Sequence[Row]) -> str:
    """A pipe table (readable as is, and valid Markdown)."""
    lines = [HEADERS, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADERS))]

    def join(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([join(HEADERS), rule, *(join(line) for line in lines[1:])])
