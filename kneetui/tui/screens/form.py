"""What the two forms, the soreness form and settings, share: Enter saves from
every field and Escape cancels.

Textual's Checkbox toggles on Enter as well as on Space: a runner who ticked a
red flag and pressed Enter to save unticked it, and the form stayed open. Here
Enter is the form's own key, checked before any field's (a priority binding), so
it saves from a checkbox, an input or a closed drop-down alike; Space toggles.
Enter keeps its own meaning only on a button (it presses it, so Enter on Cancel
cancels) and in an open drop-down list (it picks the highlighted choice).

A priority binding runs as soon as the app reads the key, while the keys before
it may still wait in the focused field's queue: "4" and Enter typed in one
burst saved an empty score ("got nothing"), the 4 shown in the field a moment
later. So the save waits its turn in the focused field's queue, behind the keys
already sent to it; and it is dropped if the form has closed meanwhile (a
second Enter in the same burst).
"""

from __future__ import annotations

from typing import TypeVar

from textual.actions import SkipAction
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Select

from kneetui.tui.screens import SCREENS_CSS

ResultType = TypeVar("ResultType")


class FormScreen(ModalScreen[ResultType]):
    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("enter", "save", "Save", key_display="enter", priority=True,
                tooltip="save, from any field (space ticks or unticks a box)"),
        Binding("tab", "app.focus_next", "Next field",
                tooltip="next field (shift+tab: the one before)"),
        Binding("escape", "cancel", "Cancel", tooltip="cancel: nothing is saved"),
    ]  # fmt: skip

    def action_save(self) -> None:
        focused = self.focused
        if focused is not None and (
            isinstance(focused, Button)
            or any(
                isinstance(node, Select) and node.expanded for node in focused.ancestors_with_self
            )
        ):
            raise SkipAction()  # the button's or the open list's own Enter
        if focused is None:
            self.submit()
        else:
            focused.call_later(self._submit_if_open)

    def _submit_if_open(self) -> None:
        if self.is_current:
            self.submit()

    def submit(self) -> None:
        """Check and save what the form holds, or show what is wrong."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        raise NotImplementedError
