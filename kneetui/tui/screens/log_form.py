"""The soreness form (l): a score, and optionally knee, context, run distance and
time, a note and red-flag symptoms.

After a run, the form names the run that ended in the 12 hours before (one the
app found, see `kneetui.score_log`) and fills in its distance and time; the
runner may change or clear them. The line and the filling follow the "When"
choice: another context clears fields still holding the run's values.

Enter in any field saves (so a score and Enter is all it takes), Space ticks a
red flag, Escape cancels (see FormScreen).
A bad value shows an inline error and the form stays open with what was typed.
Saving is done by the `save` callable the app passes in: the form never touches
the database itself, and a store error (a busy database, a full disk) is shown
inline the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from kneetui.domain.after_run import prefill_text, run_words
from kneetui.domain.errors import KneetuiError
from kneetui.domain.models import Context, Flag, Knee, SorenessEntry
from kneetui.domain.runs import Run
from kneetui.domain.soreness import (
    MAX_NOTE_LENGTH,
    MAX_RUN_KM,
    MAX_RUN_MINUTES,
    new_entry,
    parse_optional_number,
    parse_score,
)
from kneetui.tui.screens.form import FormScreen
from kneetui.tui.widgets.key_bar import KeyBar

FLAG_LABELS = {
    Flag.SWELLING: "Swelling",
    Flag.LOCKING: "Locking",
    Flag.GIVING_WAY: "Giving way",
    Flag.CANNOT_BEAR_WEIGHT: "Cannot bear weight",
}

# A score after a routine session is an "other" one: "after-run" scores are read
# as a run's load (spikes, the next morning's settling).
CONTEXT_LABELS = {
    Context.AFTER_RUN: "After a run",
    Context.NEXT_MORNING: "Next morning",
    Context.OTHER: "After a session, other",
}


class LogSorenessScreen(FormScreen[SorenessEntry | None]):
    # Focused as the screen activates, so the first digit typed lands in it.
    AUTO_FOCUS = "#score"

    def __init__(
        self,
        save: Callable[[SorenessEntry], Awaitable[None] | None],
        clock: Callable[[], dt.datetime],
        context: Context = Context.AFTER_RUN,
        entry: SorenessEntry | None = None,
        *,
        run: Run | None = None,
        zone: dt.tzinfo | None = None,
    ) -> None:
        super().__init__()
        self._save = save
        self._saving = False  # a score handed to the app and not yet stored
        self._clock = clock
        self._initial_context = context
        # A score to correct (e in history): the form opens filled in with it.
        self._editing = entry
        # The run a score after a run would be about now (never when editing:
        # a correction keeps the score's own fields).
        self._run = run if entry is None else None
        self._zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(id="log-form") as form:
            form.border_title = "Log soreness"
            form.border_subtitle = "Space ticks · Enter saves · Esc cancels"
            with Horizontal(classes="row"):
                yield Label("Score", classes="label")
                yield Input(placeholder="0–10", id="score", max_length=2, compact=True)
                yield Label("0 no pain … 10 worst imaginable", classes="hint")
            with Horizontal(classes="row"):
                yield Label("Knee", classes="label")
                yield Select(
                    [("Both knees", Knee.BOTH), ("Left", Knee.LEFT), ("Right", Knee.RIGHT)],
                    value=Knee.BOTH,
                    allow_blank=False,
                    compact=True,
                    id="knee",
                )
                yield Label("When", classes="label")
                yield Select(
                    [(CONTEXT_LABELS[c], c) for c in Context],
                    value=self._initial_context,
                    allow_blank=False,
                    compact=True,
                    id="context",
                )
            with Horizontal(classes="row"):
                yield Label("Run km", classes="label")
                yield Input(placeholder="optional", id="km", compact=True)
                yield Label("Minutes", classes="label")
                yield Input(placeholder="optional", id="minutes", compact=True)
            yield Static(id="log-run", classes="row", markup=False)
            with Horizontal(classes="row"):
                yield Label("Note", classes="label")
                yield Input(
                    placeholder="optional", id="note", max_length=MAX_NOTE_LENGTH, compact=True
                )
            yield Label("Red flags (have the knee seen promptly if any is true):")
            with Horizontal(classes="row flags"):
                for flag, label in FLAG_LABELS.items():
                    yield Checkbox(label, id=f"flag-{flag.value}")
            yield Static(id="log-error", markup=False)
            with Horizontal(classes="row buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        if self._editing is not None:
            self._fill(self._editing)
        self._follow_context()

    @on(Select.Changed, "#context")
    def _follow_context(self) -> None:
        """Show the linked run and fill in its distance and time after a run;
        take back what was filled in (and not changed) for another context."""
        line = self.query_one("#log-run", Static)
        run = self._run
        after_run = self.query_one("#context", Select).value == Context.AFTER_RUN
        line.display = run is not None and after_run
        if run is None:
            return
        day = self._clock().astimezone(self._zone).date()
        line.update(f"After {run_words(run, self._zone, day)}")
        km, minutes = self.query_one("#km", Input), self.query_one("#minutes", Input)
        filled = prefill_text(run)
        if after_run and not km.value and not minutes.value:
            km.value, minutes.value = filled
        elif not after_run and (km.value, minutes.value) == filled:
            km.value = minutes.value = ""

    def _fill(self, entry: SorenessEntry) -> None:
        self.query_one("#log-form").border_title = "Edit score"
        for widget_id, value in (
            ("score", str(entry.score)),
            ("km", "" if entry.run_km is None else f"{entry.run_km:g}"),
            ("minutes", "" if entry.run_minutes is None else f"{entry.run_minutes:g}"),
            ("note", entry.note),
        ):
            self.query_one(f"#{widget_id}", Input).value = value
        self.query_one("#knee", Select).value = entry.knee
        self.query_one("#context", Select).value = entry.context
        for flag in Flag:
            self.query_one(f"#flag-{flag.value}", Checkbox).value = flag in entry.flags

    @on(Button.Pressed, "#save")
    def submit(self) -> None:
        if self._saving:
            return
        try:
            entry = self._entry()
            saving = self._save(entry)
        except KneetuiError as error:
            self._show_error(str(error))
            return
        if saving is None:
            self.dismiss(entry)
            return
        self._saving = True
        self.run_worker(self._saved(saving, entry), exit_on_error=False)

    async def _saved(self, saving: Awaitable[None], entry: SorenessEntry) -> None:
        """The app commits off the event loop: close once the score is stored, or
        stay open with what was typed and the error."""
        try:
            await saving
        except KneetuiError as error:
            self._saving = False
            self._show_error(str(error))
            return
        self.dismiss(entry)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _entry(self) -> SorenessEntry:
        now = self._clock()
        flags = [f for f in Flag if self.query_one(f"#flag-{f.value}", Checkbox).value]
        return new_entry(
            parse_score(self._value("score")),
            at=now,
            now=now,
            knee=Knee(str(self.query_one("#knee", Select).value)),
            context=Context(str(self.query_one("#context", Select).value)),
            run_km=parse_optional_number(self._value("km"), "run_km", MAX_RUN_KM, "km"),
            run_minutes=parse_optional_number(
                self._value("minutes"), "run_minutes", MAX_RUN_MINUTES, "minutes"
            ),
            note=self._value("note"),
            flags=flags,
        )

    def _show_error(self, message: str) -> None:
        error = self.query_one("#log-error", Static)
        error.update(message)
        error.add_class("shown")
        field = message.split(":", 1)[0]
        target = {"score": "score", "run_km": "km", "run_minutes": "minutes", "note": "note"}
        if field in target:
            self.query_one(f"#{target[field]}", Input).focus()
