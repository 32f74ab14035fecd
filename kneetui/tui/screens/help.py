"""Help (?): every key of every screen, listed from their bindings, the routine's
own advice, and that this is not medical advice."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kneetui.domain.routine import Routine
from kneetui.tui.screens import SCREENS_CSS
from kneetui.tui.widgets.key_bar import KeyBar

NOT_MEDICAL_ADVICE = (
    "kneetui is not medical advice. It cannot examine your knee. If in doubt, see a "
    "physical therapist or a doctor."
)
# One line of the key list: the keys as shown, and what they do.
KeyLine = tuple[str, str]


def own_bindings(cls: type[object]) -> list[Binding]:
    """The bindings `cls` and its kneetui base classes declare (not Textual's own,
    such as tab between fields), one per key, in declaration order."""
    declared: list[BindingType] = []
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("textual"):
            declared += base.__dict__.get("BINDINGS", [])
    return list(Binding.make_bindings(declared))


def screens_with_keys() -> list[tuple[str, type[Screen[Any]]]]:
    """Every screen but the dashboard (whose keys are the app's), in the order
    the help lists them."""
    from kneetui.tui.screens.check_in import CheckInScreen
    from kneetui.tui.screens.confirm import ConfirmScreen
    from kneetui.tui.screens.history import HistoryScreen
    from kneetui.tui.screens.log_form import LogSorenessScreen
    from kneetui.tui.screens.settings import SettingsScreen
    from kneetui.tui.screens.stats import StatsScreen

    return [
        ("History", HistoryScreen),
        ("Stats", StatsScreen),
        ("The soreness form", LogSorenessScreen),
        ("Settings", SettingsScreen),
        ("The morning check-in", CheckInScreen),
        ("A question (stop, delete, acknowledge)", ConfirmScreen),
        ("This help", HelpScreen),
    ]


def key_lines(bindings: Iterable[Binding], display: Callable[[Binding], str]) -> list[KeyLine]:
    """One line per action: its keys (a run of digits as 0–9) and what it does."""
    keys: dict[str, list[str]] = {}
    for binding in bindings:
        keys.setdefault(key_words(binding), []).append(display(binding))
    lines = []
    for words, shown in keys.items():
        if len(shown) > 2 and all(k.isdigit() for k in shown):
            shown = [f"{shown[0]}–{shown[-1]}"]
        lines.append(("/".join(shown), words))
    return lines


def key_words(binding: Binding) -> str:
    """What a key does, in the help's words: its tooltip, or its description."""
    words = binding.tooltip or binding.description
    return words[:1].lower() + words[1:]


def help_text(routine: Routine, sections: Sequence[tuple[str, Sequence[KeyLine]]]) -> Text:
    width = max((len(keys) for _, lines in sections for keys, _ in lines), default=0) + 2
    text = Text()
    for title, lines in sections:
        text.append(f"{title}\n", style="bold")
        for keys, words in lines:
            text.append(f"  {keys:<{width}}", style="bold")
            text.append(f"{words}\n")
    text.append("\nThe routine\n", style="bold")
    text.append(f"{routine.advice}\n")
    text.append(
        "Soreness 0–2 is safe, 3–5 acceptable, 6–10 too much (the pain-monitoring model). "
        "Soreness should settle by the next morning.\n"
    )
    text.append(
        "Swelling, locking, a knee that gives way or one you cannot bear weight on: "
        "have it seen promptly. The notice stays until you acknowledge it (a).\n"
    )
    text.append("Every coaching rule, in plain words: docs/coaching.md.\n")
    text.append(f"\n{NOT_MEDICAL_ADVICE}\n", style="bold")
    text.append("\nPress Escape to close.", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    """The keys are listed from the bindings of the app and of every screen, so
    the help cannot drift from what the keys do. "Escape to close" is on the
    frame, seen without scrolling at any size."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape,question_mark", "app.pop_screen", "Close", tooltip="close this help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self._routine = routine

    def sections(self) -> list[tuple[str, list[KeyLine]]]:
        app = self.app
        palette = Binding(
            app.COMMAND_PALETTE_BINDING, "command_palette", "Palette",
            tooltip="command palette: every command, and the themes",
        )  # fmt: skip
        dashboard = own_bindings(type(app)) + ([palette] if app.ENABLE_COMMAND_PALETTE else [])
        return [("The dashboard", key_lines(dashboard, app.get_key_display))] + [
            (title, key_lines(own_bindings(screen), app.get_key_display))
            for title, screen in screens_with_keys()
        ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_title = "Help"
            box.border_subtitle = "Escape to close · ↑↓ scroll"
            yield Static(help_text(self._routine, self.sections()), markup=False)
        yield KeyBar()
