"""The PDF: built by the README's command, complete, and linked from the site."""

from __future__ import annotations

import filecmp
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.book.pages import ROOT, lessons, pages

pytestmark = pytest.mark.book

HTML = ROOT / "_build" / "html"
LATEX = ROOT / "_build" / "latex"


@pytest.fixture(scope="module")
def pdf_text(built_pdf: Path) -> str:
    proc = subprocess.run(
        ["pdftotext", "-layout", str(built_pdf), "-"], capture_output=True, text=True, check=True
    )
    return proc.stdout


def _squash(text: str) -> str:
    """Text with hyphenation, line breaks and typographic quotes undone."""
    text = re.sub(r"-\n\s*", "-", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).lower()


def _plain_title(title: str) -> str:
    """A heading as the PDF prints it: no Markdown, no code marks."""
    return re.sub(r"[`*_]", "", title).lower()


def test_pdf_holds_every_page_of_the_table_of_contents(pdf_text: str):
    text = _squash(pdf_text)
    for page in pages():
        assert _plain_title(page.title) in text, f"{page.slug}: '{page.title}' not in the PDF"


def test_pdf_has_no_unresolved_references_or_missing_images(pdf_text: str):
    assert "??" not in pdf_text
    # Sphinx writes this when it cannot place an image; LaTeX's draft boxes
    # print the file name instead of the picture.
    assert "[image]" not in pdf_text.lower()


def test_pdf_figures_are_bitmaps_or_pdf_never_svg(built_pdf: Path):
    tex = built_pdf.with_suffix(".tex").read_text(encoding="utf-8")
    # Sphinx writes \sphinxincludegraphics[options]{{stem}.suffix}.
    graphics = [
        stem + suffix
        for stem, suffix in re.findall(
            r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}([^}]*)\}", tex
        )
    ]
    figures = sum(len(re.findall(r"^\s*name: fig-", page.text, flags=re.M)) for page in lessons())
    assert len(graphics) >= figures > 0
    for name in graphics:
        path = LATEX / name
        assert path.suffix.lower() in {".png", ".pdf", ".jpg"}, name
        assert path.exists(), f"{name} is included but missing"


def test_pdf_has_exercises_with_solutions_bibliography_and_index(pdf_text: str):
    exercises = sum(p.count("exercise") + p.count("exercise-start") for p in lessons())
    solutions = sum(p.count("solution") + p.count("solution-start") for p in lessons())
    assert pdf_text.count("Solution to Exercise") >= solutions > 0
    # Each exercise box starts with its title, "Exercise 3.1.2", after an icon.
    titles = re.findall(r"(?<!to )Exercise \d+\.\d+\.\d+\s*$", pdf_text, flags=re.M)
    assert len(titles) >= exercises
    text = _squash(pdf_text)
    assert "bibliography" in text
    assert "harris" in text and "array programming with numpy" in text
    # The index is the last chapter; its heading is set in capitals.
    index = _squash(pdf_text.rsplit("INDEX", 1)[1])
    assert "broadcasting" in index and "machine epsilon" in index


def test_pdf_math_is_typeset_not_printed_as_tex(pdf_text: str):
    """The book's macros (\\vx, \\norm, ...) must come out as symbols. Only
    the code spans that name them on purpose (the notation page lists them)
    may print them."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    names = config["sphinx"]["config"]["mathjax3_config"]["tex"]["macros"]
    macro = r"\\(?:" + "|".join(sorted(names, key=len, reverse=True)) + r")(?![A-Za-z])"
    printed = Counter(re.findall(macro, pdf_text))
    prose = (re.sub(r"```.*?```", " ", p.text, flags=re.S) for p in pages())
    spans = " ".join(span for text in prose for span in re.findall(r"`[^`]+`", text))
    on_purpose = Counter(re.findall(macro, spans))
    assert printed <= on_purpose, printed - on_purpose


def test_site_links_the_pdf_it_serves(built_pdf: Path):
    served = HTML / built_pdf.name
    assert served.exists() and filecmp.cmp(served, built_pdf, shallow=False)
    front = (HTML / "book" / "intro.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.pdf)"', front)
    assert links, "the front page has no link to the PDF"
    for link in links:
        assert (HTML / "book" / link).resolve() == served.resolve()
    for page in lessons():
        html = (HTML / f"{page.entry}.html").read_text(encoding="utf-8")
        menu = re.findall(r'href="([^"]+\.pdf)"', html)
        assert menu, f"{page.slug}: no PDF in the download menu"
        assert (HTML / page.entry).parent.joinpath(menu[0]).resolve() == served.resolve()


def test_pdf_numbers_chapters_and_sections_as_the_site_does(pdf_text: str):
    """Exercises, figures and equations are cited by number on the site and in
    the PDF alike, so a page must carry the same number in both."""
    text = _squash(pdf_text)
    for page in lessons():
        html = (HTML / f"{page.entry}.html").read_text(encoding="utf-8")
        number = re.search(r'<h1><span class="section-number">([\d.]+)\. </span>', html)
        assert number, f"{page.slug}: no section number on the site"
        assert f"{number.group(1)} {_plain_title(page.title)}" in text, page.slug


def test_pdf_numbers_figures_equations_and_exercises_as_the_site_does(pdf_text: str):
    """A reader of the PDF who follows "see Fig. 1.4.2" from the site (or the
    other way round) must land on the same object."""
    pattern = (
        r"(?:Fig\.|Exercise|Definition|Theorem|Proposition|Example)\s\d+\.\d+\.\d+"
        r"|\(\d+\.\d+\.\d+\)"
    )
    site = set()
    for page in lessons():
        html = (HTML / f"{page.entry}.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))  # as the PDF's
        site |= set(re.findall(pattern, text))
    pdf = set(re.findall(pattern, re.sub(r"\s+", " ", pdf_text)))
    assert site, "no numbered objects found on the site"
    assert site == pdf, (sorted(site - pdf)[:10], sorted(pdf - site)[:10])
