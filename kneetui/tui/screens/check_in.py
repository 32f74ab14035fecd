"""The next-morning check-in, asked on the first start of a day after a routine
session or a run: "How are your knees this morning?", naming which of the two
yesterday had. A digit answers at once
(stored with the context next-morning), l opens the full form, Escape dismisses
the question for today."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kneetui.tui.screens import HELP_AND_QUIT, SCREENS_CSS
from kneetui.tui.widgets.key_bar import KeyBar

ANSWER_FORM = "form"
DISMISSED = "dismissed"


class CheckInScreen(ModalScreen[int | str]):
    """Dismisses with the score (0–9), ANSWER_FORM or DISMISSED."""

    CSS_PATH = SCREENS_CSS
    BINDINGS = [
        *(
            Binding(str(n), f"answer({n})", "Score", show=False,
                    tooltip="answer with that score (0 no pain … 9)")
            for n in range(10)
        ),
        Binding("l", "form", "Full form",
                tooltip="the full form (a 10, one knee, a note or red flags)"),
        Binding("escape", "skip", "Not now", tooltip="not now: asked again tomorrow"),
        *HELP_AND_QUIT,
    ]  # fmt: skip

    def __init__(self, after: str = "") -> None:
        """`after`: what yesterday had, "session", "run" or "run and session"."""
        super().__init__()
        self._after = after

    def compose(self) -> ComposeResult:
        with Vertical(id="check-in") as box:
            box.border_title = "Good morning"
            text = Text("How are your knees this morning?\n", style="bold")
            after = f"After yesterday's {self._after}, s" if self._after else "S"
            text.append(f"{after}oreness should settle by the next morning.\n\n")
            text.append("Press 0–9 for a score (0 no pain … 10 worst imaginable),\n")
            text.append("l for the full form (a 10, one knee, a note or red flags),\n")
            text.append("Escape to skip for today.")
            yield Static(text, markup=False)
        yield KeyBar()

    def action_answer(self, score: int) -> None:
        self.dismiss(score)

    def action_form(self) -> None:
        self.dismiss(ANSWER_FORM)

    def action_skip(self) -> None:
        self.dismiss(DISMISSED)
