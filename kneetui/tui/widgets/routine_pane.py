"""Today's routine: the day, whether it is a routine day, each exercise with its
hold, reps, equipment and a short how-to, and how many reps are done today."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS, Exercise
from kneetui.domain.today import TodayPlan

if TYPE_CHECKING:
    from kneetui.domain.progression import Suggestion


def describe_plan(
    plan: TodayPlan, suggestions: Sequence[Suggestion] = (), *, detailed: bool = True
) -> Text:
    """The pane's text; `detailed` adds what each exercise strengthens. A hold
    suggestion shows under its exercise with its reason."""
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
    text.append("\n")
    for number, item in enumerate(plan.exercises, start=1):
        exercise = item.exercise
        text.append(f"\n{number}. {exercise.name}", style="bold")
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


class RoutinePane(VerticalScroll):
    """Renders a TodayPlan; the screen hands it a new one whenever data changes.
    Narrow panes leave out what each exercise strengthens."""

    DETAILED_MIN_WIDTH = 50

    _plan: TodayPlan | None = None
    _suggestions: Sequence[Suggestion] = ()
    _shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="routine-text", markup=False)

    def show(self, plan: TodayPlan, suggestions: Sequence[Suggestion] | None = None) -> None:
        self._plan = plan
        if suggestions is not None:
            self._suggestions = suggestions
        self._render_plan()

    def on_resize(self) -> None:
        self._render_plan()

    def _render_plan(self) -> None:
        if self._plan is None:
            return
        # Before its first layout the pane has no width yet: assume the usual wide
        # pane rather than draw the short text once and the long one right after.
        width = self.size.width
        detailed = width >= self.DETAILED_MIN_WIDTH or width == 0
        # A resize that keeps the same text changes nothing: updating the Static
        # anyway would lay the whole dashboard out again (one more frame).
        shown = (self._plan, tuple(self._suggestions), detailed)
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#routine-text", Static).update(
            describe_plan(self._plan, self._suggestions, detailed=detailed)
        )
