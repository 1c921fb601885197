"""The site as a reader meets it: launch and download buttons, the
repository's address, link previews, the sitemap, the 404 page and the
small things (favicon, logo, copy buttons, dark mode)."""

from __future__ import annotations

import html as html_lib
import re
import subprocess
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
import yaml

from tests.book.pages import ROOT, lessons, pages

pytestmark = pytest.mark.book

HTML = ROOT / "_build" / "html"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO_URL = CONFIG["repository"]["url"]
OWNER, REPO = urlparse(REPO_URL).path.strip("/").split("/")
SITE_URL = f"https://{OWNER.lower()}.github.io/{REPO}/"


def _html(page) -> str:
    return (HTML / f"{page.entry}.html").read_text(encoding="utf-8")


def _hrefs(text: str) -> list[str]:
    return [html_lib.unescape(h) for h in re.findall(r'href="([^"]+)"', text)]


def test_repository_url_is_written_in_one_place():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    holders = [
        name
        for name in tracked
        if (ROOT / name).is_file()
        and REPO_URL.split("//")[1] in (ROOT / name).read_text(encoding="utf-8", errors="ignore")
    ]
    assert holders == ["_config.yml"]


def test_every_lesson_launches_on_binder_at_its_own_file(built_book: str):
    for page in lessons():
        links = [h for h in _hrefs(_html(page)) if h.startswith("https://mybinder.org/")]
        assert links, f"{page.slug}: no Binder launch button"
        url = urlparse(links[0])
        assert url.path == f"/v2/gh/{OWNER}/{REPO}/{CONFIG['repository']['branch']}"
        (target,) = parse_qs(url.query)["urlpath"]
        assert target == f"lab/tree/{page.entry}.md"
        # The file Binder is asked to open exists at that path in the repository.
        assert (ROOT / target.removeprefix("lab/tree/")).is_file()


def test_every_lesson_offers_its_source_and_notebook(built_book: str):
    for page in lessons():
        hrefs = _hrefs(_html(page))
        folder = (HTML / page.entry).parent
        for suffix in (".md", ".ipynb"):
            wanted = f"_sources/{page.entry}{suffix}"
            links = [h for h in hrefs if h.endswith(wanted)]
            assert links, f"{page.slug}: no {suffix} download"
            assert (folder / links[0]).resolve() == (HTML / wanted).resolve()
            assert (HTML / wanted).is_file()
        notebook = nbformat.read(HTML / f"_sources/{page.entry}.ipynb", as_version=4)
        nbformat.validate(notebook)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert code and any(c.outputs for c in code), f"{page.slug}: notebook without outputs"


def test_repository_and_issue_buttons_point_to_the_repository(built_book: str):
    hrefs = _hrefs(_html(lessons()[0]))
    assert REPO_URL in hrefs
    assert any(h.startswith(f"{REPO_URL}/issues/new") for h in hrefs)


def test_pages_carry_open_graph_metadata_and_a_canonical_link(built_book: str):
    for page in pages():
        text = _html(page)
        address = f"{SITE_URL}{page.entry}.html"
        assert f'<link rel="canonical" href="{address}" />' in text, page.slug
        meta = dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)"', text))
        assert meta["og:url"] == address
        assert meta["og:site_name"] == CONFIG["title"]
        assert meta["og:image"] == f"{SITE_URL}_static/social-card.png"
        assert len(meta["og:description"]) > 40, page.slug
    assert (HTML / "_static" / "social-card.png").is_file()


def test_sitemap_lists_every_page(built_book: str):
    sitemap = (HTML / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert listed == {f"{SITE_URL}{page.entry}.html" for page in pages()}


def test_404_page_links_work_from_any_depth(built_book: str):
    text = (HTML / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in text
    prefix = urlparse(SITE_URL).path
    links = _hrefs(text) + re.findall(r'src="([^"]+)"', text)
    local = [h for h in links if not h.startswith(("http", "#"))]
    assert local and all(h.startswith(prefix) for h in local), local[:5]
    for link in local:
        target = link.removeprefix(prefix).split("?")[0].split("#")[0]
        assert (HTML / target).exists(), link


def test_favicon_logo_copy_buttons_and_dark_mode_figures(built_book: str):
    text = _html(lessons()[0])
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', text)
    assert re.search(r'<img src="[^"]*logo\.svg"[^>]*class="logo__image', text)
    assert "copybutton.js" in text
    assert "_static/custom.css" in text
    css = (HTML / "_static" / "custom.css").read_text(encoding="utf-8")
    assert re.search(r'html\[data-theme="dark"\][^{]*cell_output img[^{]*\{[^}]*#ffffff', css)
    assert "filter: none" in css


def test_pages_carry_no_build_date(built_book: str):
    """The same sources give the same pages: no "last updated" stamp."""
    for path in [HTML / "404.html", *(HTML / f"{p.entry}.html" for p in pages())]:
        assert "Last updated" not in path.read_text(encoding="utf-8"), path.name
