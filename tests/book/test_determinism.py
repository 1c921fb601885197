"""Two builds give the same site: seeded randomness, no dates, no luck.

The book is built once more from clean, from a copy of the working tree, and
compared with the main build page by page. The only cells allowed to differ
are the ones tagged ``measured``: they time code on the machine that builds
the book, and say so in the text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.book.pages import ROOT
from tests.book.pages import pages as book_pages

pytestmark = pytest.mark.book

HTML = ROOT / "_build" / "html"
MEASURED = '<div class="cell tag_measured'


def _without_measured_cells(html: str) -> tuple[str, str]:
    """(the page without its measured cells, the text of those cells)."""
    kept, removed, start = [], [], 0
    while (begin := html.find(MEASURED, start)) != -1:
        depth, pos = 0, begin
        for match in re.finditer(r"<div\b|</div>", html[begin:]):
            depth += 1 if match.group() == "<div" else -1
            if depth == 0:
                pos = begin + match.end()
                break
        kept.append(html[start:begin])
        removed.append(html[begin:pos])
        start = pos
    kept.append(html[start:])
    return "".join(kept), " ".join(removed)


def _html_files(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*.html"))


def _search_terms(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    # an incremental build keeps emptied entries; they find nothing
    return {
        key: {term: hits for term, hits in index[key].items() if hits}
        for key in ("terms", "titleterms")
    }


@pytest.fixture(scope="module")
def clean_build(built_book: str, tmp_path_factory) -> Path:
    """Build a copy of the working tree from clean; return its site."""
    copy = tmp_path_factory.mktemp("clean") / "book"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    proc = subprocess.run(
        [sys.executable, "tools/build_book.py"], cwd=copy, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout[-4000:]
    return copy / "_build" / "html"


def test_two_builds_give_the_same_pages(clean_build: Path):
    pages = _html_files(clean_build)
    # (an incremental build may also hold pages of deleted sources; CI and
    # the published site always build from clean)
    assert set(pages) <= set(_html_files(HTML))
    measured_pages = set()
    for name in pages:
        first, _ = _without_measured_cells((clean_build / name).read_text(encoding="utf-8"))
        second, _ = _without_measured_cells((HTML / name).read_text(encoding="utf-8"))
        if MEASURED in (HTML / name).read_text(encoding="utf-8"):
            measured_pages.add(str(name.with_suffix("")))
        assert first == second, f"{name} differs between two builds"
        for image in re.findall(r'src="[^"]*?(_images/[^"]+)"', first):
            assert (clean_build / image).read_bytes() == (HTML / image).read_bytes(), image
    # the exception covers exactly the cells the sources tag as measured
    tagged = {p.entry for p in book_pages() if re.search(r"^tags: \[.*measured", p.text, re.M)}
    assert measured_pages == tagged


def test_two_builds_give_the_same_sitemap_and_search_index(clean_build: Path):
    assert (clean_build / "sitemap.xml").read_text() == (HTML / "sitemap.xml").read_text()
    first = _search_terms(clean_build / "searchindex.js")
    second = _search_terms(HTML / "searchindex.js")
    measured = " ".join(
        _without_measured_cells(p.read_text(encoding="utf-8"))[1]
        for site in (clean_build, HTML)
        for p in site.rglob("*.html")
    ).lower()
    for key in first:
        terms = first[key].keys() | second[key].keys()
        differ = {t for t in terms if first[key].get(t) != second[key].get(t)}
        unexplained = {t for t in differ if t not in measured}
        assert unexplained == set(), f"{key}: {sorted(unexplained)[:10]}"
