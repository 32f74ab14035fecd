"""The active timer pane. Idle, it says how to start and how long today's routine
takes; during a session it shows the exercise, the side, the rep, the phase in
words, big digits counting down with tenths, a progress bar and what comes next,
with "exercise k of n" in its title and the time left in the session below; in
a change-over, what to change and that space goes on; at the end, a summary and
an invitation to log soreness."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kneetui.domain.today import TodayPlan, plural
from kneetui.tui.widgets.steady import Steady, SteadyStatic

if TYPE_CHECKING:
    from kneetui.domain.sessions import TimerView

# The progress bar counts in thousandths of the phase.
_BAR_TOTAL = 1000


def describe_idle(plan: TodayPlan, notice: str = "") -> Text:
    minutes = max(1, round(plan.planned_seconds / 60))
    text = Text()
    if notice:
        text.append(f"{notice}\n", style="bold yellow")
    if plan.done_reps and all(p.done_reps >= p.planned_reps for p in plan.exercises):
        text.append("Today's routine is done. Well held!\n", style="bold green")
    elif plan.routine_day:
        text.append("Press ")
        text.append("s", style="bold reverse")
        text.append(" to start today's session.\n")
    else:
        text.append("Rest day. You can still press ")
        text.append("s", style="bold reverse")
        text.append(" to do the routine.\n")
    text.append(f"About {minutes} min planned: ", style="dim")
    holds = sum(p.planned_reps for p in plan.exercises)
    text.append(
        f"{plural(holds, 'hold')} over {plural(len(plan.exercises), 'exercise')}.", style="dim"
    )
    return text


def describe_heading(view: TimerView) -> Text:
    text = Text()
    text.append(view.exercise, style="bold")
    for part in (view.side, view.rep):
        if part:
            text.append(f" · {part}")
    return text


TITLE = "Session"


class TimerPane(Steady, Vertical):
    _shown_words: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield SteadyStatic(id="timer-idle", markup=False)
        # The running view is built when the first session starts: its big digits
        # and progress bar are not needed for the dashboard's first paint.
        yield Vertical(id="timer-active")

    def on_mount(self) -> None:
        self.query_one("#timer-active").display = False

    def _running_view(self) -> Vertical:
        active = self.query_one("#timer-active", Vertical)
        if not active.children:
            from textual.widgets import Digits, ProgressBar

            active.mount_all(
                [
                    Static(id="timer-heading", markup=False),
                    Static(id="timer-phase", markup=False),
                    Static(id="timer-instruction", markup=False),
                    Digits("0.0", id="timer-digits"),
                    ProgressBar(
                        total=_BAR_TOTAL,
                        show_eta=False,
                        show_percentage=False,
                        id="timer-progress",
                    ),
                    Static(id="timer-next", markup=False),
                ]
            )
        return active

    def _titles(self, title: str = TITLE, subtitle: str = "") -> None:
        self.border_title = title
        self.border_subtitle = subtitle

    def show_idle(self, plan: TodayPlan, notice: str = "") -> None:
        self._titles()
        self.query_one("#timer-active").display = False
        idle = self.query_one("#timer-idle", Static)
        idle.display = True
        idle.update(describe_idle(plan, notice))

    def show_summary(self, summary: str) -> None:
        self._titles()
        self.query_one("#timer-active").display = False
        idle = self.query_one("#timer-idle", Static)
        idle.display = True
        text = Text(summary + "\n", style="bold")
        text.append("Press ")
        text.append("l", style="bold reverse")
        text.append(" to log how your knees feel.")
        idle.update(text)

    def show_running(self, view: TimerView) -> None:
        from textual.widgets import Digits, ProgressBar

        self.query_one("#timer-idle").display = False
        self._running_view().display = True
        # This runs twenty times a second. A Static's update makes the whole screen
        # lay out again (some 20 ms), so the words are only touched when they
        # change; the digits and the bar redraw in place.
        if view.paused:
            phase = f"{view.phase} — paused (space resumes)"
        elif view.instruction:
            phase = f"{view.phase} — space when ready"
        else:
            phase = view.phase
        words = (view.exercise, view.side, view.rep, phase, view.instruction, view.next)
        if words != self._shown_words:
            self._shown_words = words
            self.query_one("#timer-heading", Static).update(describe_heading(view))
            self.query_one("#timer-phase", Static).update(Text(phase, style="bold"))
            instruction = self.query_one("#timer-instruction", Static)
            instruction.display = bool(view.instruction)
            instruction.update(Text(view.instruction, style="bold yellow"))
            self.query_one("#timer-next", Static).update(Text(view.next, style="dim"))
        # The titles are on the border: changing them redraws the pane, no layout.
        self._titles(f"{TITLE} · {view.position}", f"{view.session_left} left")
        digits = self.query_one("#timer-digits", Digits)
        if digits.value != view.remaining:
            digits.update(view.remaining)
        self.query_one("#timer-progress", ProgressBar).update(
            progress=round(view.progress * _BAR_TOTAL)
        )
