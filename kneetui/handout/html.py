"""The report as one self-contained HTML page: inline CSS, the chart as inline
SVG, no script, no font, no image and no link to fetch, so it opens the same
offline and tells no server that a health report was opened.

A print stylesheet sets the paper size and shrinks the type so the printed page
is the same single page as the PDF.
"""

from __future__ import annotations

import re
from html import escape

from kneetui.domain.handout import Chart
from kneetui.handout.chart import chart_svg, inline_svg
from kneetui.handout.sections import Page, Section

PAPER = {"a4": "A4", "letter": "letter"}
# The namespace declarations of matplotlib's SVG: names, never fetched, and not
# needed inline in HTML, whose parser knows svg and xlink:href by itself.
_NAMESPACES = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"')

_STYLE = """
@page { size: %(paper)s; margin: 11mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 9.5pt;
  line-height: 1.35; color: #111; background: #fff; max-width: 210mm; margin: 1.5em auto;
  padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 0.3em; }
h2 { font-size: 11pt; margin: 1em 0 0.25em; }
p { margin: 0.2em 0; }
table { border-collapse: collapse; width: 100%%; margin: 0.2em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.1em 0.4em;
  border-bottom: 1px solid #bbb; }
th { background: #ebeef2; }
td.whole { white-space: nowrap; }
figure { margin: 0.2em 0; }
figure svg { width: 100%%; height: auto; display: block; }
figcaption { font-size: 0.9em; color: #333; }
.disclaimer { font-weight: bold; margin-top: 1em; }
@media print {
  body { font-size: 7pt; line-height: 1.25; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 12.5pt; }
  h2 { font-size: 8pt; margin: 0.45em 0 0.1em; break-after: avoid; }
  table, figure, tr { break-inside: avoid; }
  th, td { padding: 0.02em 0.3em; }
  .disclaimer { margin-top: 0.5em; }
}
"""


def _lines(lines: tuple[str, ...]) -> list[str]:
    return [f"<p>{escape(line)}</p>" for line in lines]


def _cell(text: str) -> str:
    # A date or a figure is not broken at its hyphen or minus sign.
    whole = " " not in text and len(text) <= 20
    return f'<td class="whole">{escape(text)}</td>' if whole else f"<td>{escape(text)}</td>"


def _section(section: Section) -> list[str]:
    out = ["<section>", f"<h2>{escape(section.title)}</h2>", *_lines(section.lines)]
    if section.table is not None:
        total = sum(section.table.widths)
        out.append("<table>")
        out.append(
            "<colgroup>"
            + "".join(f'<col style="width: {w / total:.1%}">' for w in section.table.widths)
            + "</colgroup>"
        )
        out.append(
            "<thead><tr>"
            + "".join(f'<th scope="col">{escape(c)}</th>' for c in section.table.header)
            + "</tr></thead>"
        )
        out.append("<tbody>")
        out += ["<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in section.table.rows]
        out.append("</tbody></table>")
    out += _lines(section.after)
    out.append("</section>")
    return out


def render_html(page: Page, chart: Chart, paper: str = "a4") -> str:
    svg = _NAMESPACES.sub("", inline_svg(chart_svg(chart)))
    # The chart's own text is drawn as paths: give it a name for screen readers.
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(page.chart_title)}" ', 1)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{escape(page.title)}</title>",
        f"<style>{_STYLE % {'paper': PAPER[paper]}}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(page.title)}</h1>",
        *_lines(page.lines),
        "</header>",
        "<main>",
        "<section>",
        f"<h2>{escape(page.chart_title)}</h2>",
        "<figure>",
        svg.strip(),
        f"<figcaption>{escape(page.chart_note)}</figcaption>",
        "</figure>",
        "</section>",
    ]
    for section in page.sections:
        out += _section(section)
    out += [
        "</main>",
        f'<footer><p class="disclaimer">{escape(page.disclaimer)}</p></footer>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
