"""The coaching pane: adherence in one line, then every notice that applies (red
flags first), what the rules are still waiting for, and that this is not medical
advice. Hold suggestions show in the routine pane, next to their exercise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from kneetui.domain.coaching import Coaching

# Advice kinds (AdviceKind values) and how they are marked.
_MARKS = {
    "red-flag": ("⚠ ", "bold red"),
    "see-physical-therapist": ("✚ ", "bold yellow"),
    "check-in": ("☀ ", "yellow"),
}
# Shown in the routine pane instead, beside the exercise they concern.
_IN_ROUTINE_PANE = ("progress", "step-back", "hold")
URGENT = ("red-flag", "see-physical-therapist")


def describe_coaching(coaching: Coaching) -> Text:
    # Imported here, like the coaching value itself: not needed for the first paint.
    from kneetui.domain.adherence import adherence_words
    from kneetui.domain.advice import NOT_MEDICAL_ADVICE

    text = Text(adherence_words(coaching.adherence) + "\n")
    for advice in coaching.advice:
        if advice.kind in _IN_ROUTINE_PANE:
            continue
        mark, style = _MARKS[advice.kind]
        text.append(mark + advice.message + "\n", style=style)
    waiting = coaching.assessment.waiting_for
    if waiting:
        text.append(f"Waiting for {waiting} before judging progress.\n", style="dim")
    text.append(NOT_MEDICAL_ADVICE, style="dim italic")
    return text


class CoachingPane(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static(id="coaching-text", markup=False)

    def show(self, coaching: Coaching) -> None:
        self.query_one("#coaching-text", Static).update(describe_coaching(coaching))
        urgent = any(a.kind in URGENT for a in coaching.advice)
        self.set_class(urgent, "urgent")
