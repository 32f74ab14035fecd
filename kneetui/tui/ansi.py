"""plotext's output, turned into the lines Textual draws.

A plotext chart is a few thousand characters in a few hundred runs, each run a
handful of colour codes, its text, and a reset. `Text.from_ansi` parses every
code of every run again (9-13 ms on the dashboard's chart, half of a whole
redraw), and Textual then turns that Text into Content and back into lines
(another 14 ms). Here each distinct run of codes is decoded once (by rich, so the
styles are rich's own) and each run becomes a segment of its line: about 2 ms
for the lines Textual would have drawn.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

# A run of SGR codes and the text that follows it, up to the next escape.
_RUN = re.compile(r"((?:\x1b\[[0-9;]*m)*)([^\x1b]*)")
_RESET = re.compile(r"\x1b\[0*m")


def _decode(codes: str) -> tuple[Style, bool]:
    """The style a run of codes sets, and whether it starts from a reset."""
    decoded = Text.from_ansi(codes + " ")
    style = decoded.spans[0].style if decoded.spans else Style()
    assert isinstance(style, Style)
    return style, _RESET.search(codes) is not None


def ansi_to_strips(ansi: str) -> list[Strip]:
    """One Strip per line of `ansi`, each character in the style that
    `Text.from_ansi(ansi)` gives it, for colour (SGR) codes, the only escapes
    plotext writes."""
    lines: list[list[Segment]] = [[]]
    decoded: dict[str, tuple[Style, bool]] = {}
    current = Style()
    for codes, run in _RUN.findall(ansi):
        if codes:
            found = decoded.get(codes)
            if found is None:
                found = decoded[codes] = _decode(codes)
            style, reset = found
            # Codes add to the style in force, unless a reset among them clears it.
            current = style if reset else current + style
        first, *rest = run.split("\n")
        if first:
            lines[-1].append(Segment(first, current))
        for part in rest:
            lines.append([Segment(part, current)] if part else [])
    return [Strip(segments) for segments in lines]
