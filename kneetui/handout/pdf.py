"""The report as a one-page PDF, laid out by fpdf2, with matplotlib's SVG chart
embedded as vectors.

The text is set in DejaVu Sans, the font matplotlib ships, so any character a
note holds (and the report's own arrows and dashes) prints, where the PDF core
fonts know Latin-1 only. Headings, the report's own words, are in the core
Helvetica Bold: a second font file to read and subset would cost some 30 ms,
a tenth of the report's own work (make bench).

The content is bounded (see `kneetui.domain.handout`), and the page is
checked: were it ever to run over, it is set again in a smaller size, so the
therapist always gets one page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from kneetui.domain.handout import Chart
from kneetui.handout.chart import chart_svg
from kneetui.handout.sections import Page, Section, Table

if TYPE_CHECKING:
    from fpdf import FPDF

PAPER = {"a4": "A4", "letter": "Letter"}
MARGIN = 11.0  # mm
FONT = "DejaVu Sans"  # the name matplotlib gives its text in the SVG
BOLD = "helvetica"  # a core font: Latin-1 only (see `_latin1`)
# Body sizes in points, tried in turn until the page fits.
SIZES = (7.5, 7.0, 6.5, 6.0, 5.5, 5.0)
CHART_RATIO = 2.15 / 7.4  # the chart's height over its width (see chart.chart_svg)
PRODUCER = "kneetui"


# matplotlib sizes its SVG text in px, one unit of the drawing each (its
# viewBox is in points); fpdf2 reads px as CSS's 0.75 pt, which would shrink the
# chart's labels by a quarter in the PDF only.
_FONT_PX = re.compile(rb"(font(?:-size)?:[^;\"]*?\d)px")


def pdf_svg(svg: bytes) -> bytes:
    """matplotlib's SVG with its font sizes in points, for fpdf2."""
    return _FONT_PX.sub(rb"\1pt", svg)


_LATIN1 = str.maketrans({"–": "-", "—": "-", "→": "->", "…": "...", "≥": ">=", "·": "-"})


def _latin1(text: str) -> str:
    """A heading for the core bold font, which knows Latin-1 only."""
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _font() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` broken into lines of at most `width` in the current font, at spaces
    (a word longer than a line, at any character). fpdf2's `multi_cell` measures
    the whole line again after each character, which made a long advice message
    cost more than the chart: this measures each word once."""
    room = width - 2 * pdf.c_margin
    space = pdf.get_string_width(" ")
    lines: list[str] = []
    words: list[str] = []
    used = 0.0
    for word in text.split(" "):
        size = pdf.get_string_width(word)
        while size > room and len(word) > 1:
            cut = max(1, int(len(word) * room / size))
            lines += [" ".join(words)] if words else []
            lines.append(word[:cut])
            words, used = [], 0.0
            word = word[cut:]
            size = pdf.get_string_width(word)
        if words and used + space + size > room:
            lines.append(" ".join(words))
            words, used = [], 0.0
        used += (space if words else 0.0) + size
        words.append(word)
    lines.append(" ".join(words))
    return lines


def _paragraph(pdf: FPDF, text: str, height: float) -> None:
    """`text` from the left margin, wrapped to the page's width."""
    for line in _wrap(pdf, text, pdf.epw):
        pdf.cell(pdf.epw, height, line, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: FPDF, text: str, size: float, height: float) -> None:
    pdf.set_font(BOLD, "B", size)
    _paragraph(pdf, _latin1(text), height)


def _table(pdf: FPDF, table: Table, size: float, line: float) -> None:
    """Rows of cells with a rule under each, the longer cells wrapped."""
    total = sum(table.widths)
    widths = [pdf.epw * w / total for w in table.widths]
    pad = 0.35
    pdf.set_font(BOLD, "B", size)
    pdf.set_fill_color(235, 238, 242)
    for text, width in zip(table.header, widths, strict=True):
        pdf.cell(width, line + 2 * pad, _latin1(text), fill=True)
    pdf.ln()
    pdf.set_font(FONT, "", size)
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.15)
    for row in table.rows:
        cells = [_wrap(pdf, text, width) for text, width in zip(row, widths, strict=True)]
        height = max(len(lines) for lines in cells) * line + 2 * pad
        if pdf.will_page_break(height):
            pdf.add_page()  # only ever to be found out and set smaller
        top = pdf.get_y()
        x = pdf.l_margin
        for lines, width in zip(cells, widths, strict=True):
            for number, text in enumerate(lines):
                pdf.set_xy(x, top + pad + number * line)
                pdf.cell(width, line, text)
            x += width
        pdf.set_xy(pdf.l_margin, top + height)
        pdf.line(pdf.l_margin, top + height, pdf.l_margin + pdf.epw, top + height)
    pdf.ln(pad * 2)


def _section(pdf: FPDF, section: Section, size: float) -> None:
    line = size * 0.45
    pdf.ln(size * 0.2)
    _heading(pdf, section.title, size + 1.0, line * 1.1)
    pdf.set_font(FONT, "", size)
    for text in section.lines:
        _paragraph(pdf, text, line)
    if section.table is not None:
        _table(pdf, section.table, size, line)
    for text in section.after:
        _paragraph(pdf, text, line)


def _build(page: Page, svg: bytes, paper: str, size: float, end: dt.date) -> FPDF:
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format=PAPER[paper])
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_creator(PRODUCER)
    pdf.set_producer(PRODUCER)
    pdf.set_title(page.title)
    # Dated by the report's last day, not the clock: the same data gives the same file.
    pdf.set_creation_date(dt.datetime.combine(end, dt.time(), dt.UTC))
    pdf.add_font(FONT, "", str(_font()))
    pdf.add_page()
    line = size * 0.45
    _heading(pdf, page.title, size + 6, (size + 6) * 0.45)
    pdf.set_font(FONT, "", size)
    for text in page.lines:
        _paragraph(pdf, text, line)
    pdf.ln(size * 0.2)
    _heading(pdf, page.chart_title, size + 1.0, line * 1.1)
    # The chart shrinks with the text, so a crowded page keeps its proportions.
    width = pdf.epw * min(1.0, size / SIZES[0])
    pdf.image(io.BytesIO(svg), x=MARGIN, w=width, h=width * CHART_RATIO)
    pdf.set_font(FONT, "", size - 0.5)
    _paragraph(pdf, page.chart_note, line)
    for section in page.sections:
        _section(pdf, section, size)
    pdf.ln(size * 0.3)
    _heading(pdf, page.disclaimer, size, line)
    return pdf


def render_pdf(
    page: Page, chart: Chart, paper: str = "a4", notices: list[str] | None = None
) -> bytes:
    """The page as PDF bytes: one page, A4 or US Letter. A character the font
    lacks (a note's emoji or Japanese) prints as nothing; `notices` then gets a
    line saying which, for the command to show."""
    import logging

    svg = pdf_svg(chart_svg(chart))
    fpdf_log = logging.getLogger("fpdf")
    level = fpdf_log.level
    # fpdf2 logs the missing glyphs itself, as a warning on stderr: said once below.
    fpdf_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for size in SIZES:
                pdf = _build(page, svg, paper, size, chart.end)
                if pdf.page == 1:
                    break
            data = bytes(pdf.output())
    finally:
        fpdf_log.setLevel(level)
    missing = sorted(
        {chr(c) for font in pdf.fonts.values() for c in getattr(font, "missing_glyphs", ())}
    )
    if missing and notices is not None:
        shown = " ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        notices.append(
            f"the PDF's font has no glyph for {len(missing)} character(s) of your notes "
            f"({shown}): they are left out; the HTML and Markdown reports show them"
        )
    return data
