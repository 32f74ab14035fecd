"""`kneetui report --output FILE.html`: one self-contained page that parses,
fetches nothing, holds the figures of `kneetui stats`, and prints (Chromium's
own print to PDF) on the same single page."""

from __future__ import annotations

import html
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.cli.helpers import kneetui
from tests.handout.test_command import stats_figures
from tests.handout.tools import pages, pdf_info, tool, words

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}
# Attributes through which a page makes a request.
FETCHING = {"src", "href", "xlink:href", "srcset", "action", "data", "poster", "background"}


class Page(HTMLParser):
    """Every element, checked for balance, with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.errors == [] and page.open == [], (page.errors, page.open)
    return page


def report_html(db: Path, target: Path, *args: str) -> Path:
    done = kneetui("report", "--output", str(target), *args, db=db)
    assert done.code == 0, done.err
    return target


def test_one_self_contained_page_with_the_figures_of_stats(history: Path, tmp_path: Path) -> None:
    path = report_html(history, tmp_path / "knees.html")
    page = parse(path)
    names = [tag for tag, _ in page.tags]
    assert names[:2] == ["html", "head"] and names.count("svg") == 1
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(names)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name in FETCHING:
                assert (value or "").startswith("#"), (tag, name, value)
            assert "url(" not in (value or "").replace("url(#", ""), (tag, name, value)
    style = "".join(page.styles)
    assert "@import" not in style and "url(" not in style
    assert "http" not in path.read_text()
    text = words(" ".join(page.text))
    for figure in stats_figures(history):
        assert words(figure) in text, figure
    assert "stairs | *down* <b>hurt</b> & [link](x) — ≥ 6" in text
    assert html.escape("<b>hurt</b>") in path.read_text()
    assert "not a diagnosis" in text


def test_a_print_stylesheet_for_the_paper_chosen(history: Path, tmp_path: Path) -> None:
    a4 = "".join(parse(report_html(history, tmp_path / "a4.html")).styles)
    letter = "".join(parse(report_html(history, tmp_path / "l.html", "--paper", "letter")).styles)
    assert "@media print" in a4 and "@page { size: A4;" in a4
    assert "@page { size: letter;" in letter


def test_no_data_is_still_a_valid_page(db_path: Path, tmp_path: Path) -> None:
    text = words(" ".join(parse(report_html(db_path, tmp_path / "knees.html")).text))
    assert "No data: no soreness score yet." in text
    assert "No data: no soreness score and no session in these days." in text


def print_to_pdf(page: Path, target: Path) -> Path:
    """Chromium's own print of `page`, headless, kept off the network and out of
    the home folder (in a short temporary folder: its socket path must be short)."""
    with tempfile.TemporaryDirectory(prefix="kneetui-chromium-", dir="/tmp") as folder:
        env = {
            "HOME": folder,
            "XDG_CONFIG_HOME": folder,
            "XDG_CACHE_HOME": folder,
            "TMPDIR": folder,
            "PATH": "/usr/bin:/bin",
        }
        done = subprocess.run(
            [
                tool("chromium"),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={folder}/profile",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                page.as_uri(),
            ],
            capture_output=True,
            env=env,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return target


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_the_page_prints_on_one_sheet(history: Path, tmp_path: Path, paper: str, size: str) -> None:
    page = report_html(history, tmp_path / "knees.html", "--paper", paper)
    printed = print_to_pdf(page, tmp_path / "printed.pdf")
    assert pages(printed) == 1
    assert pdf_info(printed)["Page size"].endswith(size)


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_ten_years_print_on_one_sheet(
    ten_years: Path, tmp_path: Path, paper: str, size: str
) -> None:
    args = ("--weeks", "520", "--paper", paper)
    page = report_html(ten_years, tmp_path / "knees.html", *args)
    printed = print_to_pdf(page, tmp_path / "printed.pdf")
    assert pages(printed) == 1
    assert pdf_info(printed)["Page size"].endswith(size)
