"""Settings (o): the routine days, the bell and the change-over between
exercises. Space ticks a box, Enter saves from any field, Escape cancels (see
FormScreen). Saving goes through the `save` callable the app passes in; at least
one routine day is needed, and a change-over of 15 to 600 s."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from kneetui.domain.errors import KneetuiError
from kneetui.domain.routine import WEEKDAY_NAMES, WEEKDAYS
from kneetui.tui.screens.form import FormScreen
from kneetui.tui.widgets.key_bar import KeyBar


class SettingsScreen(FormScreen[bool]):
    def __init__(
        self,
        schedule: Sequence[str],
        quiet: bool,
        save: Callable[[list[str], bool, str], None],
        change_over_s: int = 15,
    ) -> None:
        super().__init__()
        self._schedule = set(schedule)
        self._quiet = quiet
        self._save = save
        self._change_over_s = change_over_s

    def compose(self) -> ComposeResult:
        with Vertical(id="settings") as box:
            box.border_title = "Settings"
            box.border_subtitle = "Space ticks · Enter saves · Esc cancels"
            yield Label("Routine days (the routine's advice: a few days a week)")
            with Horizontal(classes="row days"):
                for day in WEEKDAYS:
                    yield Checkbox(WEEKDAY_NAMES[day], day in self._schedule, id=f"day-{day}")
            yield Checkbox("Quiet: no bell at phase changes", self._quiet, id="quiet")
            with Horizontal(classes="row change-over"):
                yield Label("Seconds to change over between exercises (15 or more):")
                yield Input(str(self._change_over_s), id="change-over", max_length=3)
            yield Static(id="settings-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(f"#day-{WEEKDAYS[0]}", Checkbox).focus()

    @on(Button.Pressed, "#save")
    def submit(self) -> None:
        days = [d for d in WEEKDAYS if self.query_one(f"#day-{d}", Checkbox).value]
        try:
            self._save(
                days,
                self.query_one("#quiet", Checkbox).value,
                self.query_one("#change-over", Input).value,
            )
        except KneetuiError as error:
            message = self.query_one("#settings-error", Static)
            message.update(str(error))
            message.add_class("shown")
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
