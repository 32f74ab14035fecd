"""Showing text the runner typed exactly as typed, and counts in words.

Notes may hold anything: markup such as `[/bold]`, ANSI escape sequences, tabs.
Markup is handled where it is rendered (Textual is told not to parse it); control
characters are made visible here, so a note can never move the cursor, change
colours or clear the screen of the terminal it is shown in.
"""

from __future__ import annotations

import unicodedata


def visible(text: str) -> str:
    """`text` with control characters (C0, DEL, C1) shown as escapes like \\x1b."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if unicodedata.category(char) == "Cc":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def one_line(text: str, width: int) -> str:
    """`visible(text)` cut to `width` characters with an ellipsis."""
    shown = visible(text)
    return shown if len(shown) <= width else shown[: max(0, width - 1)] + "…"


def plural(count: int, word: str) -> str:
    """ "1 rep", "2 reps", "0 reps": a count with its noun (a regular plural)."""
    return f"{count} {word}" + ("" if count == 1 else "s")
