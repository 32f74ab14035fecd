"""The report's bytes in the format asked for. The PDF and HTML renderers, and
with them matplotlib and fpdf2, are imported only when asked for."""

from __future__ import annotations

from kneetui.domain.handout import Handout
from kneetui.handout.sections import page_of


def render(
    content: Handout, kind: str, paper: str = "a4", notices: list[str] | None = None
) -> bytes:
    """`notices` gets a line for anything the format could not show."""
    page = page_of(content)
    if kind == "pdf":
        from kneetui.handout.pdf import render_pdf

        return render_pdf(page, content.chart, paper, notices)
    if kind == "html":
        from kneetui.handout.html import render_html

        return render_html(page, content.chart, paper).encode()
    from kneetui.handout.markdown import render_markdown

    return render_markdown(page).encode()
