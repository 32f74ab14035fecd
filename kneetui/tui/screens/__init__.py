"""Screens of the app, one per file."""

from pathlib import Path

from textual.binding import Binding

# The styles of every screen but the dashboard, read when the first of them opens.
SCREENS_CSS = Path(__file__).with_name("screens.tcss")

# Help and quit on a modal screen, which the app's own keys do not reach.
HELP_AND_QUIT = [
    Binding("question_mark", "app.help", "Help", key_display="?", tooltip="help"),
    Binding("q", "app.quit", "Quit", tooltip="quit"),
]
