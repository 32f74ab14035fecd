"""The footer of every kneetui screen: the keys that work right now, in one line.

Why not Textual's Footer: it mounts a widget per key (fifteen on the dashboard)
and throws them all away and mounts them again on every bindings signal (each
focus change, each `refresh_bindings`). Measured with `make bench` at ten years
of history, that was 1.7 MiB of the dashboard's peak memory and about a tenth of
a second of its start-up, mostly in frames that showed the same keys again. This
is one widget, redrawn only when the keys it shows or its width change; a click
on a key presses it, as in Textual's Footer. The Footer also leaves whatever
does not fit past the right edge (it scrolls, with no scrollbar), and the app's
last keys, `?` and `q`, were the first to go; this bar fits the line instead.

Fitting a narrow line (80 columns): the keys are shown with their full labels if
they fit; else labels are shortened, the least important key's first, until they
fit; if even the short ones do not, the command palette's key goes, then the
least important keys, one by one. Help and quit are never dropped. A screen (or
the app) ranks its keys in a `KEY_BAR_FIT` class dict: action to short label,
most important first; keys it does not list rank last; the app's keys rank
after a screen's own. Each screen, modal ones too, has its own bar showing its
own keys.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from kneetui.tui.widgets.steady import Steady

PALETTE_ACTIONS = ("command_palette", "app.command_palette")
# Never dropped: the way to every other key, and the way out.
KEPT_ACTIONS = ("help", "app.help", "quit", "app.quit")
# Theme variables, so a change of theme recolours the keys without a rebuild.
KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
LABEL_STYLE = "$footer-description-foreground on $footer-description-background"
# Rank of keys their screen does not rank: after every ranked one.
UNRANKED = 1_000
# On a screen with keys of its own (history), the app's keys there rank after them.
GROUP_RANKS = 10_000


class Shown(NamedTuple):
    """One key as shown. A disabled key is shown dimmed and does nothing on a click;
    the lower the rank, the later the key is dropped (-1: never)."""

    key: str
    display: str
    label: str
    short: str
    enabled: bool
    rank: int

    @property
    def width(self) -> int:
        return len(self.display) + len(self.label) + 3


def _rank(namespace: DOMNode, action: str, position: int) -> tuple[int, str | None]:
    if action in KEPT_ACTIONS:
        return -1, None
    fit: dict[str, str] = getattr(namespace, "KEY_BAR_FIT", {})
    if action in fit:
        return list(fit).index(action), fit[action]
    return UNRANKED + position, None


def shown_keys(screen: Screen[object]) -> tuple[tuple[Shown, ...], Shown | None]:
    """The keys to show for `screen`, one per action (the first bound, as
    Textual's Footer does): the screen's own in their order, then the app's,
    then the focused widget's; and the command palette's key apart."""
    app = screen.app
    keys: dict[str, tuple[int, Shown]] = {}
    palette: Shown | None = None
    for position, (namespace, binding, enabled, _) in enumerate(screen.active_bindings.values()):
        display = app.get_key_display(binding)
        if binding.action in PALETTE_ACTIONS:
            if app.ENABLE_COMMAND_PALETTE:
                palette = Shown(binding.key, display, binding.description, "", enabled, UNRANKED)
        elif binding.show and binding.action not in keys:
            group = 0 if namespace is screen else 1 if namespace is app else 2
            rank, short = _rank(namespace, binding.action, position)
            if rank >= 0:  # a screen's own keys before the app's, then a widget's
                rank += group * GROUP_RANKS
            label = binding.description
            shown = Shown(binding.key, display, label, short or label, enabled, rank)
            keys[binding.action] = (group, shown)
    ordered = sorted(keys.values(), key=lambda item: item[0])  # stable: binding order kept
    return tuple(shown for _, shown in ordered), palette


def fit(
    keys: tuple[Shown, ...], palette: Shown | None, width: int
) -> tuple[tuple[Shown, ...], Shown | None]:
    """What of `keys` and `palette` to show in `width` columns (see the module)."""
    shown = list(keys)

    def used() -> int:
        return sum(k.width for k in shown) + (palette.width if palette else 0)

    by_rank = sorted(range(len(shown)), key=lambda i: shown[i].rank, reverse=True)
    for index in by_rank:  # the least important label is shortened first
        if used() <= width:
            return tuple(shown), palette
        shown[index] = shown[index]._replace(label=shown[index].short)
    palette = None
    for key in [shown[i] for i in by_rank if shown[i].rank >= 0]:
        if used() <= width:
            break
        shown.remove(key)
    return tuple(shown), palette


def _assemble(keys: tuple[Shown, ...]) -> tuple[Content, list[tuple[int, int, str]]]:
    """The keys as one line, and the columns each enabled key covers."""
    parts: list[tuple[str, str]] = []
    spans = []
    column = 0
    for key in keys:
        dim = "" if key.enabled else " dim"
        key_text, label_text = f" {key.display} ", f"{key.label} "
        parts += [(key_text, KEY_STYLE + dim), (label_text, LABEL_STYLE + dim)]
        if key.enabled:
            spans.append((column, column + key.width, key.key))
        column += key.width
    return Content.assemble(*parts), spans


class KeyBar(Steady, Widget):
    """The screen's keys on the left, the command palette's key on the right."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[Shown, ...], Shown | None] | None = None
        self._fitted: tuple[object, int] | None = None
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
        self.refresh()

    def _fit(self) -> None:
        """Fit the keys to the bar's width, once per change of keys or width."""
        width = self.size.width
        if self._shown is None or self._fitted == (self._shown, width):
            return
        self._fitted = (self._shown, width)
        keys, palette = fit(*self._shown, width)
        self._keys, self._key_spans = _assemble(keys)
        self._palette, self._palette_spans = _assemble((palette,) if palette else ())

    def _palette_column(self) -> int:
        return max(0, self.size.width - self._palette.cell_length)

    def render(self) -> Content:
        self._fit()
        room = self._palette_column()
        keys = self._keys
        if keys.cell_length > room:
            keys = keys.truncate(room)  # too narrow even for help and quit
        return Content.assemble(keys, " " * (room - keys.cell_length), self._palette)

    def key_at(self, x: int) -> str | None:
        """The key shown at column `x`, if any."""
        self._fit()
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
