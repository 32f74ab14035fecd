"""The coaching pane: the urgent notices first (red flags, then seeing a physical
therapist), adherence in one line, the other notices, what the rules are still
waiting for, and that this is not medical advice. Hold suggestions show in the
routine pane, next to their exercise.

At 80×24 the notices can be longer than the pane: the urgent ones come first so
they are what shows, the pane scrolls with a scrollbar drawn in the accent
colour (kneetui.tcss), and its bottom border says "↓ more" while text is hidden
below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from kneetui.tui.widgets.steady import Steady, SteadyStatic

if TYPE_CHECKING:
    from kneetui.domain.coaching import Coaching

# Advice kinds (AdviceKind values) and how they are marked.
_MARKS = {
    "red-flag": ("⚠ ", "bold red"),
    "see-physical-therapist": ("✚ ", "bold yellow"),
    "spike": ("▲ ", "bold yellow"),
    "check-in": ("☀ ", "yellow"),
}
# Shown in the routine pane instead, beside the exercise they concern.
_IN_ROUTINE_PANE = ("progress", "step-back", "hold")
URGENT = ("red-flag", "see-physical-therapist")
MORE_BELOW = "↓ more"


def describe_coaching(coaching: Coaching) -> Text:
    # Imported here, like the coaching value itself: not needed for the first paint.
    from kneetui.domain.adherence import adherence_words
    from kneetui.domain.advice import NOT_MEDICAL_ADVICE

    shown = [a for a in coaching.advice if a.kind not in _IN_ROUTINE_PANE]
    urgent = [a for a in shown if a.kind in URGENT]
    text = Text()
    for advice in [*urgent, None, *(a for a in shown if a not in urgent)]:
        if advice is None:
            text.append(adherence_words(coaching.adherence) + "\n")
            continue
        mark, style = _MARKS[advice.kind]
        text.append(mark + advice.message + "\n", style=style)
    waiting = coaching.assessment.waiting_for
    if waiting:
        text.append(f"Waiting for {waiting} before judging progress.\n", style="dim")
    text.append(NOT_MEDICAL_ADVICE, style="dim italic")
    return text


class CoachingPane(Steady, VerticalScroll):
    def compose(self) -> ComposeResult:
        yield SteadyStatic(id="coaching-text", markup=False)

    def show(self, coaching: Coaching) -> None:
        self.query_one("#coaching-text", Static).update(describe_coaching(coaching))
        urgent = any(a.kind in URGENT for a in coaching.advice)
        self.set_class(urgent, "urgent")
        self.scroll_home(animate=False)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual measures the pane's auto height at its whole width, but the text
        # is laid out beside the room kept for the scrollbar (scrollbar-gutter:
        # stable): measured there, a text one line longer there no longer scrolls
        # by a line it did not need to.
        gutter = self.styles.scrollbar_size_vertical
        return super().get_content_height(container, viewport, max(0, width - gutter))

    def on_resize(self, event: events.Resize) -> None:
        # Sent when the text's height changes too, not only the pane's.
        self._say_if_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._say_if_more()

    def _say_if_more(self) -> None:
        # Only a change is set: setting the border's subtitle repaints the pane,
        # and the pane's first Resize comes right after the frame that completes
        # the dashboard, where it drew the pane again in a frame of its own
        # (tests/test_startup_frames.py).
        more = round(self.scroll_y) < self.max_scroll_y
        if more != (self.border_subtitle == MORE_BELOW):
            self.border_subtitle = MORE_BELOW if more else ""
