"""Screens of the app, one per file."""

from pathlib import Path

# The styles of every screen but the dashboard, read when the first of them opens.
SCREENS_CSS = Path(__file__).with_name("screens.tcss")
