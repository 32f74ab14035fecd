"""plotext's output, turned into rich Text faster than `Text.from_ansi`.

A plotext chart is a few thousand characters in a few hundred runs, each run a
handful of colour codes, its text, and a reset. `Text.from_ansi` parses every
code of every run again; measured on the dashboard's chart that was 9-13 ms, half
of a whole redraw. Here each distinct run of codes is decoded once (by rich, so
the styles are rich's own) and the text appended with it: about 2 ms, the same
Text.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

# A run of SGR codes and the text that follows it, up to the next escape.
_RUN = re.compile(r"((?:\x1b\[[0-9;]*m)*)([^\x1b]*)")
_RESET = re.compile(r"\x1b\[0*m")


def _decode(codes: str) -> tuple[Style, bool]:
    """The style a run of codes sets, and whether it starts from a reset."""
    decoded = Text.from_ansi(codes + " ")
    style = decoded.spans[0].style if decoded.spans else Style()
    assert isinstance(style, Style)
    return style, _RESET.search(codes) is not None


def ansi_to_text(ansi: str) -> Text:
    """The same Text as `Text.from_ansi(ansi)` for colour (SGR) codes, the only
    escapes plotext writes."""
    text = Text()
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
        if "\n" in run:  # as rich does, line breaks themselves carry no style
            first, *lines = run.split("\n")
            text.append(first, current)
            for line in lines:
                text.append("\n")
                text.append(line, current)
        elif run:
            text.append(run, current)
    return text
