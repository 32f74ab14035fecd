"""`Steady`: a widget whose change of virtual size does not ask Textual for
another layout.

Why replace this part of Textual: `Widget.virtual_size` is a reactive declared
with `layout=True, repaint=True`, and Textual sets it for every widget that gets
a new size in a layout. So every layout that sizes new widgets asks for a second
one, and that one repaints each of them again. At start-up, the layout that
brings in the complete dashboard (every pane new) was followed by a second
layout and a repaint of the whole screen, some 23 KB written 4-10 ms after the
complete frame had shown exactly the same (traced in a 120x36 pty at ten years;
`make bench` counts the settled start-up to the last output). None of kneetui's
panes sizes itself by its virtual size: a pane's height comes from its grid
cell or from its children's content height, a scrolling pane's scrollbars are
updated from its virtual size by Textual's own `_scroll_update` in the same
layout, and a change of content asks for its layout itself (`Static.update`).
So in the widgets that mix this in, the virtual size is still set and sent in
Resize events, but setting it asks for nothing more.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


class Steady:
    """Mix in before the Textual base class: `class Pane(Steady, Vertical)`."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class SteadyStatic(Steady, Static):
    """A Static whose new size alone does not lay the screen out again."""
