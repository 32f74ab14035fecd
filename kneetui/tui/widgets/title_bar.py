"""The line at the top of every kneetui screen: the command palette's icon on the
left and the app's title and subtitle in the middle, where Textual's Header puts
them.

Why not Header: it is four widgets (the bar, the icon, the title and the space
kept for a clock) and watches the app's and the screen's titles, which kneetui
never changes. Measured with `make bench` at ten years of history, that was
0.8 MiB of the dashboard's peak memory. This is one widget; a click on the icon
opens the command palette, as on Header's.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from kneetui.tui.widgets.steady import Steady

ICON = "⭘"
# Header's geometry: the icon in the first 8 columns, after one of padding; the
# title centred between them and the 10 columns Header keeps for its clock.
ICON_COLUMNS = 8
CLOCK_COLUMNS = 10


class TitleBar(Steady, Widget):
    def render(self) -> Content:
        width = self.size.width
        room = max(0, width - ICON_COLUMNS - CLOCK_COLUMNS)
        title = self.app.format_title(self.app.title, self.app.sub_title)
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        before = (room - title.cell_length) // 2
        after = max(0, width - ICON_COLUMNS - before - title.cell_length)
        icon = f" {ICON}".ljust(ICON_COLUMNS)
        return Content.assemble(icon, " " * before, title, " " * after)

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_COLUMNS and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
