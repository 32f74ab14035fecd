"""The report as Markdown: the default on stdout, and `--output FILE.md`. It
needs no optional library; the chart is described in words, as the Markdown
reader has no figure to show."""

from __future__ import annotations

import re

from kneetui.handout.sections import Page, Section

# Characters that Markdown (CommonMark, GitHub tables) would read as markup.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _section(section: Section) -> list[str]:
    out = [f"## {escape(section.title)}", ""]
    out += [escape(line) + "\n" for line in section.lines]
    if section.table is not None:
        header, rows = section.table.header, section.table.rows
        out.append("| " + " | ".join(escape(c) for c in header) + " |")
        out.append("|" + "|".join(" --- " for _ in header) + "|")
        out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
        out.append("")
    out += [escape(line) + "\n" for line in section.after]
    return out


def render_markdown(page: Page) -> str:
    out = [f"# {escape(page.title)}", ""]
    out += [escape(line) + "\n" for line in page.lines]
    out += [f"## {escape(page.chart_title)}", "", escape(page.chart_note), ""]
    out.append("The chart itself is in the PDF and HTML versions of this report.\n")
    for section in page.sections:
        out += _section(section)
    out += ["---", "", f"*{escape(page.disclaimer)}*"]
    return "\n".join(out) + "\n"
