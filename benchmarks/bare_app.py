"""The reference for kneetui's start-up: a bare Textual app that paints one Static.

Run as a script with the same venv python (`.venv/bin/python benchmarks/bare_app.py`)
so both programs pay the same interpreter and Textual start-up; kneetui is
measured against this, not against an absolute number, so the ratio holds on
any machine. It imports nothing but Textual, and quits on "q" like kneetui.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "Bare Textual app: one Static"


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    BareApp().run()
