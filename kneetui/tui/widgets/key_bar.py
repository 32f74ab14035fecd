"""The footer of every kneetui screen: the keys that work right now, in one line.

Why not Textual's Footer: it mounts a widget per key (fifteen on the dashboard)
and throws them all away and mounts them again on every bindings signal (each
focus change, each `refresh_bindings`). Measured with `make bench` at ten years
of history, that was 1.7 MiB of the dashboard's peak memory and about a tenth of
a second of its start-up, mostly in frames that showed the same keys again. This
is one widget, redrawn only when the keys it shows change; a click on a key
presses it, as in Textual's Footer.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

# One key as shown: the key pressed, how it is displayed, its label, and whether
# it is enabled (a disabled key is shown dimmed and does nothing on a click).
Shown = tuple[str, str, str, bool]
PALETTE_ACTIONS = ("command_palette", "app.command_palette")
# Theme variables, so a change of theme recolours the keys without a rebuild.
KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
LABEL_STYLE = "$footer-description-foreground on $footer-description-background"


def shown_keys(screen: Screen[object]) -> tuple[tuple[Shown, ...], Shown | None]:
    """The keys to show for `screen` in binding order, one per action (the first
    bound, as Textual's Footer does), and the command palette's key apart."""
    app = screen.app
    keys: dict[str, Shown] = {}
    palette: Shown | None = None
    for _, binding, enabled, _ in screen.active_bindings.values():
        shown = (binding.key, app.get_key_display(binding), binding.description, enabled)
        if binding.action in PALETTE_ACTIONS:
            palette = shown if app.ENABLE_COMMAND_PALETTE else None
        elif binding.show:
            keys.setdefault(binding.action, shown)
    return tuple(keys.values()), palette


def _assemble(keys: tuple[Shown, ...]) -> tuple[Content, list[tuple[int, int, str]]]:
    """The keys as one line, and the columns each enabled key covers."""
    parts: list[tuple[str, str]] = []
    spans = []
    column = 0
    for key, display, label, enabled in keys:
        dim = "" if enabled else " dim"
        key_text, label_text = f" {display} ", f"{label} "
        parts += [(key_text, KEY_STYLE + dim), (label_text, LABEL_STYLE + dim)]
        width = len(key_text) + len(label_text)
        if enabled:
            spans.append((column, column + width, key))
        column += width
    return Content.assemble(*parts), spans


class KeyBar(Widget):
    """The screen's keys on the left, the command palette's key on the right."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[Shown, ...], Shown | None] | None = None
        self._keys = Content("")
        self._palette = Content("")
        self._key_spans: list[tuple[int, int, str]] = []
        self._palette_spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        shown = shown_keys(self.screen)
        if shown == self._shown:
            return
        self._shown = shown
        keys, palette = shown
        self._keys, self._key_spans = _assemble(keys)
        self._palette, self._palette_spans = _assemble((palette,) if palette else ())
        self.refresh()

    def _palette_column(self) -> int:
        return max(0, self.size.width - self._palette.cell_length)

    def render(self) -> Content:
        room = self._palette_column()
        keys = self._keys
        if keys.cell_length > room - 1:
            keys = keys.truncate(max(0, room - 1))
        return Content.assemble(keys, " " * (room - keys.cell_length), self._palette)

    def key_at(self, x: int) -> str | None:
        """The key shown at column `x`, if any."""
        room = self._palette_column()
        if x >= room:
            spans = [(start + room, end + room, key) for start, end, key in self._palette_spans]
        else:
            spans = [(start, end, key) for start, end, key in self._key_spans if end <= room]
        return next((key for start, end, key in spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
