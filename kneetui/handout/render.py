"""The report's bytes in the format asked for."""

from __future__ import annotations

from kneetui.domain.handout import Handout
from kneetui.handout.markdown import render_markdown
from kneetui.handout.sections import page_of


def render(content: Handout, kind: str, paper: str = "a4") -> bytes:
    if kind != "md":
        raise NotImplementedError(f"{kind} reports come in the next step")
    return render_markdown(page_of(content)).encode()
