"""Today's routine: the day, whether it is a routine day, each exercise with its
hold, reps, equipment and a short how-to, and how many reps are done today.
During a session the exercise under way is marked and scrolled into view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS, Exercise
from kneetui.domain.today import TodayPlan, plural
from kneetui.tui.widgets.steady import Steady, SteadyStatic

if TYPE_CHECKING:
    from kneetui.domain.progression import Suggestion


CURRENT_MARK = "▶ "


def describe_plan(
    plan: TodayPlan,
    suggestions: Sequence[Suggestion] = (),
    *,
    detailed: bool = True,
    current: str | None = None,
) -> Text:
    """The pane's text; `detailed` adds what each exercise strengthens. A hold
    suggestion shows under its exercise with its reason. The `current` exercise
    (the session's) is marked."""
    suggested = {s.exercise: s for s in suggestions}
    text = Text()
    text.append(f"{plan.day:%A %d %B}", style="bold")
    text.append(" · ")
    if plan.routine_day:
        text.append("Routine day", style="bold green")
    else:
        text.append("Rest day", style="bold")
        if plan.next_routine_day is not None:
            name = WEEKDAY_NAMES[WEEKDAYS[plan.next_routine_day.weekday()]]
            text.append(f" — next routine: {name}")
    if plan.extra_sessions:
        text.append(f" · +{plural(plan.extra_sessions, 'extra session')}", style="bold green")
    text.append("\n")
    for number, item in enumerate(plan.exercises, start=1):
        exercise = item.exercise
        text.append("\n")
        if exercise.id == current:
            text.append(f"{CURRENT_MARK}{number}. {exercise.name}", style="bold reverse")
        else:
            text.append(f"{number}. {exercise.name}", style="bold")
        finished = item.done_reps >= item.planned_reps
        text.append(
            f"  {item.done_reps}/{item.planned_reps} done\n",
            style="bold green" if finished else "dim",
        )
        text.append(f"Hold {item.hold_s} s", style="bold")
        text.append(f" · {exercise.side_words}\n")
        if detailed:
            text.append(f"Strengthens {exercise.strengthens}\n", style="dim")
        text.append(f"Equipment: {exercise.equipment}\n", style="dim")
        text.append(f"{exercise.summary}\n")
        suggestion = suggested.get(exercise.id)
        if suggestion is not None:
            text.append(*_verdict_line(suggestion, exercise))
    return text


def _verdict_line(s: Suggestion, exercise: Exercise) -> tuple[str, str]:
    """An exercise's verdict under it, and its style."""
    from kneetui.domain.progression import ease_off

    if s.kind == "hold":
        return f"= Hold at {s.from_s} s: {s.reason}.\n", "bold"
    if s.kind == "progress":
        return f"↑ Step up to {s.to_s} s holds: {s.reason}. Press p to accept.\n", "bold cyan"
    if s.to_s == s.from_s:
        return (
            f"↓ Ease off: {ease_off(exercise, s.rule)} ({s.reason}). Press p once done.\n",
            "bold yellow",
        )
    return f"↓ Step back to {s.to_s} s holds: {s.reason}. Press p to accept.\n", "bold yellow"


class RoutinePane(Steady, VerticalScroll):
    """Renders a TodayPlan; the screen hands it a new one whenever data changes.
    Narrow panes leave out what each exercise strengthens."""

    DETAILED_MIN_WIDTH = 50

    _plan: TodayPlan | None = None
    _suggestions: Sequence[Suggestion] = ()
    _current: str | None = None
    _shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield SteadyStatic(id="routine-text", markup=False)

    def show(self, plan: TodayPlan, suggestions: Sequence[Suggestion] | None = None) -> None:
        self._plan = plan
        if suggestions is not None:
            self._suggestions = suggestions
        self._render_plan()

    def show_current(self, exercise_id: str | None) -> None:
        """Mark the session's exercise (None: no session) and scroll it into view."""
        if exercise_id == self._current:
            return
        self._current = exercise_id
        self._render_plan()
        if exercise_id is not None:
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        """Bring the current exercise into view: unless its heading and the few
        lines under it show already, scroll so the heading is the pane's top line
        (as far as the pane scrolls). The lines above it are counted as the pane
        wraps them."""
        if self._plan is None or self._current is None:
            return
        text = self.query_one("#routine-text", Static)
        plain = str(text.render())
        start = plain.find(CURRENT_MARK)
        width = text.content_region.width
        if start < 0 or width <= 0:
            return
        before = Content(plain[:start].rstrip("\n"))
        y = len(before.wrap(width)) + 1
        if not self.scroll_y <= y <= self.scroll_y + self.scrollable_content_region.height - 4:
            self.scroll_to(y=y, animate=False)

    def on_resize(self) -> None:
        self._render_plan()
        if self._current is not None:  # the text wraps anew: find the exercise again
            self.call_after_refresh(self._scroll_to_current)

    def _render_plan(self) -> None:
        if self._plan is None:
            return
        # Before its first layout the pane has no width yet: assume the usual wide
        # pane rather than draw the short text once and the long one right after.
        width = self.size.width
        detailed = width >= self.DETAILED_MIN_WIDTH or width == 0
        # A resize that keeps the same text changes nothing: updating the Static
        # anyway would lay the whole dashboard out again (one more frame).
        shown = (self._plan, tuple(self._suggestions), detailed, self._current)
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#routine-text", Static).update(
            describe_plan(self._plan, self._suggestions, detailed=detailed, current=self._current)
        )
