"""The active timer pane. Idle, it says how to start and how long today's
routine takes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kneetui.domain.today import TodayPlan


def describe_idle(plan: TodayPlan) -> Text:
    minutes = max(1, round(plan.planned_seconds / 60))
    text = Text()
    if plan.done_reps and all(p.done_reps >= p.planned_reps for p in plan.exercises):
        text.append("Today's routine is done. Well held!\n", style="bold green")
    elif plan.routine_day:
        text.append("Press ", style="")
        text.append("s", style="bold reverse")
        text.append(" to start today's session.\n")
    else:
        text.append("Rest day. You can still press ")
        text.append("s", style="bold reverse")
        text.append(" to do the routine.\n")
    text.append(f"About {minutes} min planned: ", style="dim")
    holds = sum(p.planned_reps for p in plan.exercises)
    text.append(f"{holds} holds over {len(plan.exercises)} exercises.", style="dim")
    return text


class TimerPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="timer-idle", markup=False)

    def show_idle(self, plan: TodayPlan) -> None:
        self.query_one("#timer-idle", Static).update(describe_idle(plan))
