"""`kneetui report --output FILE.pdf`: one page whatever the history (pdfinfo),
the figures of `kneetui stats` in its text (pdftotext), A4 or Letter, nothing
private inside, and without the report extra a one-line hint."""

from __future__ import annotations

import getpass
import stat
from pathlib import Path

import pytest

from tests.cli.helpers import kneetui
from tests.conftest import child_env
from tests.handout.test_command import one_line_error, stats_figures
from tests.handout.tools import pages, pdf_info, pdf_text, words


def report_pdf(db: Path, target: Path, *args: str) -> Path:
    done = kneetui("report", "--output", str(target), *args, db=db)
    assert done.code == 0, done.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    return target


@pytest.mark.parametrize("weeks", ["1", "8"])
def test_one_page_for_one_or_eight_weeks(history: Path, tmp_path: Path, weeks: str) -> None:
    path = report_pdf(history, tmp_path / "knees.pdf", "--weeks", weeks)
    assert path.read_bytes().startswith(b"%PDF-")
    assert pages(path) == 1
    assert pdf_info(path)["Page size"].endswith("(A4)")


@pytest.mark.parametrize("weeks", ["8", "520"])
def test_one_page_at_ten_years_of_history(ten_years: Path, tmp_path: Path, weeks: str) -> None:
    path = report_pdf(ten_years, tmp_path / "knees.pdf", "--weeks", weeks)
    assert pages(path) == 1
    text = words(pdf_text(path))
    assert "Week by week" in text and "Current advice" in text
    assert "not a diagnosis" in text


def test_the_text_holds_the_figures_of_stats(history: Path, tmp_path: Path) -> None:
    text = words(pdf_text(report_pdf(history, tmp_path / "knees.pdf")))
    for figure in stats_figures(history):
        assert words(figure) in text, figure
    # Notes print as typed, markup and all (DejaVu Sans has ≥ and the dash).
    assert "stairs | *down* <b>hurt</b> & [link](x) — ≥ 6" in text
    assert "Red flags" in text and "acknowledged on" in text


def test_letter_paper(history: Path, tmp_path: Path) -> None:
    path = report_pdf(history, tmp_path / "knees.pdf", "--paper", "letter")
    assert pages(path) == 1
    assert pdf_info(path)["Page size"].startswith("612 x 792 pts")


def test_no_data_is_still_one_valid_page(db_path: Path, tmp_path: Path) -> None:
    path = report_pdf(db_path, tmp_path / "knees.pdf")
    assert pages(path) == 1
    text = words(pdf_text(path))
    assert "No data: no soreness score yet." in text
    assert "No data: no red flag logged in these weeks." in text
    assert not db_path.exists()  # reading created no database


def test_nothing_private_inside(history: Path, tmp_path: Path) -> None:
    path = report_pdf(history, tmp_path / "knees.pdf", "--no-notes")
    raw = path.read_bytes()
    seen = pdf_text(path) + "\n".join(pdf_info(path).values())
    for private in (str(history), str(tmp_path), getpass.getuser()):
        assert private not in seen
        assert private.encode() not in raw
    for note in ("stairs", "bad evening", "swollen"):
        assert note not in seen


def test_without_the_extra_a_pdf_says_how_to_install_it(history: Path, tmp_path: Path) -> None:
    # A matplotlib that cannot be imported, first on the path.
    fake = tmp_path / "fake" / "matplotlib"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = child_env(PYTHONPATH=str(fake.parent))
    line = one_line_error(
        kneetui("report", "-o", str(tmp_path / "knees.pdf"), db=history, env=env), 1
    )
    assert line == ("kneetui: a PDF report needs matplotlib: pip install 'kneetui[report]'")
    assert not (tmp_path / "knees.pdf").exists()
    assert kneetui("report", db=history, env=env).code == 0


@pytest.mark.parametrize(
    "text",
    [
        "short",
        "Have your knee seen: swelling in the left knee on Mon 2026-11-16, with a score of "
        "6/10. Swelling, locking, giving way or not being able to bear weight needs a doctor.",
        "see:" + "x" * 300 + " then more words after a word longer than any line",
        "",
    ],
)
def test_text_wraps_within_the_width_keeping_every_character(text: str) -> None:
    from fpdf import FPDF

    from kneetui.handout.pdf import FONT, _font, _wrap

    pdf = FPDF(unit="mm")
    pdf.add_font(FONT, "", str(_font()))
    pdf.set_font(FONT, "", 7.5)
    width = 60.0
    lines = _wrap(pdf, text, width)
    assert all(pdf.get_string_width(line) <= width - 2 * pdf.c_margin for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert len(lines) == 1 or len(text) > 40


def test_characters_the_font_lacks_are_named_in_one_line(db_path: Path, tmp_path: Path) -> None:
    assert kneetui("log", "7", "--note", "膝が痛い after the hills, ŁÓDŹ", db=db_path).code == 0
    done = kneetui("report", "-o", str(tmp_path / "knees.pdf"), db=db_path)
    assert done.code == 0
    assert done.err == (
        "kneetui: note: the PDF's font has no glyph for 4 character(s) of your notes "
        "(い が 痛 膝): they are left out; the HTML and Markdown reports show them\n"
    )
    assert pages(tmp_path / "knees.pdf") == 1
    assert "after the hills, ŁÓDŹ" in pdf_text(tmp_path / "knees.pdf")
    assert "膝が痛い" in kneetui("report", db=db_path).out
