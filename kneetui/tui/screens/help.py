"""Help (?): the keys, the routine's own advice, and that this is not medical advice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kneetui.domain.routine import Routine
from kneetui.tui.screens import SCREENS_CSS
from kneetui.tui.widgets.key_bar import KeyBar

KEYS = (
    ("s", "start today's session (the timer leads every hold)"),
    ("space", "pause or resume the session"),
    ("n", "skip a rep"),
    ("N", "skip the rest of the exercise"),
    ("escape", "stop the session (asks first; reps done are kept)"),
    ("l", "log soreness after a run"),
    ("p", "accept the suggested step up or back (shown under its exercise)"),
    ("a", "acknowledge the red flags shown, once the knee has been seen"),
    ("h", "history of scores (d deletes one)"),
    ("t", "stats: adherence, the 12-week strip, soreness against your first week"),
    ("o", "settings: routine days and the bell"),
    ("r", "chart range: 30 days, 90 days, 1 year, all"),
    ("ctrl+p", "command palette (themes too)"),
    ("?", "this help"),
    ("q", "quit"),
)
NOT_MEDICAL_ADVICE = (
    "kneetui is not medical advice. It cannot examine your knee. If in doubt, see a "
    "physical therapist or a doctor."
)


def help_text(routine: Routine) -> Text:
    text = Text()
    text.append("Keys\n", style="bold")
    for key, words in KEYS:
        text.append(f"  {key:<8}", style="bold")
        text.append(f"{words}\n")
    text.append("\nThe routine\n", style="bold")
    text.append(f"{routine.advice}\n")
    text.append(
        "Soreness 0–2 is safe, 3–5 acceptable, 6–10 too much (the pain-monitoring model). "
        "Soreness should settle by the next morning.\n"
    )
    text.append(
        "Swelling, locking, a knee that gives way or one you cannot bear weight on: "
        "have it seen promptly. The notice stays until you acknowledge it (a).\n"
    )
    text.append("Every coaching rule, in plain words: docs/coaching.md.\n")
    text.append(f"\n{NOT_MEDICAL_ADVICE}\n", style="bold")
    text.append("\nPress Escape to close.", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape,question_mark", "app.pop_screen", "Close"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self._routine = routine

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_title = "Help"
            yield Static(help_text(self._routine), markup=False)
        yield KeyBar()
