"""What kneetui.tui.widgets.steady and `DashboardScreen._on_timer_update` rely on
in Textual, and what they change. The frames they save at start-up are shown
in a real pty by tests/test_startup_frames.py."""

from __future__ import annotations

import hashlib
import inspect

from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from kneetui.tui.screens import dashboard
from kneetui.tui.widgets.steady import Steady, SteadyStatic


def test_textual_still_lays_the_screen_out_again_on_a_new_virtual_size() -> None:
    # When this fails, Textual no longer asks for a layout when a widget's
    # virtual size changes: Steady has nothing left to do and can go.
    reactive = Widget.__dict__["virtual_size"]
    assert isinstance(reactive, Reactive)
    assert reactive._layout and reactive._repaint


def test_textual_is_the_version_the_screen_override_was_written_for() -> None:
    # When this fails, Textual's Screen._on_timer_update changed: check that a
    # pending layout and a pending repaint of the screen still render it twice
    # (and that the override still fits the method), then update the hash.
    source = inspect.getsource(Screen._on_timer_update)
    assert hashlib.sha256(source.encode()).hexdigest() == dashboard.TIMER_UPDATE_SHA256


def test_textual_draws_the_whole_screen_as_the_scrollbar_override_expects() -> None:
    # When this fails, Textual's Screen._compositor_refresh or
    # Compositor.render_update changed: check that a whole dirty screen still
    # renders every widget, then update the hash (dashboard.py says why).
    source = inspect.getsource(Screen._compositor_refresh) + inspect.getsource(
        Compositor.render_update
    )
    assert hashlib.sha256(source.encode()).hexdigest() == dashboard.COMPOSITOR_REFRESH_SHA256


class _Texts(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("plain", id="plain")
        yield SteadyStatic("steady", id="steady")


async def test_a_steady_widget_takes_a_new_size_without_asking_for_another_layout() -> None:
    app = _Texts()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        plain = app.query_one("#plain", Static)
        steady = app.query_one("#steady", SteadyStatic)
        assert isinstance(steady, Steady)
        assert not plain._layout_required and not steady._layout_required
        # What a layout does to each widget it gives a new size.
        for widget in (plain, steady):
            widget._size_updated(Size(30, 2), Size(30, 2), Size(40, 10))
        assert plain.virtual_size == steady.virtual_size == Size(30, 2)
        # Only Textual's own Static asks for the screen to be laid out again.
        assert plain._layout_required
        assert not steady._layout_required
