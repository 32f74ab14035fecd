"""The app fixtures of tests/tui, for the reliability cases that drive the app."""

from tests.tui.conftest import demo_store, empty_store, make_app

__all__ = ["demo_store", "empty_store", "make_app"]
