"""Every internal link and anchor of the built site resolves.

The strict Sphinx build already rejects a broken cross-reference; this
reads the HTML it wrote, so it also covers what templates, themes and raw
HTML produce (navigation, download menus, the PDF link). External links are
not followed: the tests must not need the internet.
"""

from __future__ import annotations

import html as html_lib
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.book.pages import ROOT

pytestmark = pytest.mark.book

HTML = ROOT / "_build" / "html"
# The 404 page links with absolute paths under the repository's name.
_REPOSITORY = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
SITE_PREFIX = "/" + _REPOSITORY["url"].rstrip("/").rsplit("/", 1)[1] + "/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in {"canonical"}):
                self.links.append(html_lib.unescape(attrs[key]))


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _site_pages() -> list[Path]:
    """The pages of the site (not the theme's template sources in _static)."""
    return sorted(
        p
        for p in HTML.rglob("*.html")
        if not any(part.startswith((".", "_static")) for part in p.relative_to(HTML).parts)
    )


def test_every_internal_link_and_anchor_resolves(built_pdf: Path):
    broken = []
    checked = 0
    for page in _site_pages():
        for link in _parse(page).links:
            url = urlsplit(link)
            if url.scheme or link.startswith(("//", "mailto:", "javascript:", "data:")):
                continue
            if url.path.startswith("/"):
                target = HTML / unquote(url.path).removeprefix(SITE_PREFIX)
            else:
                target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(HTML)}: {link} (no such file)")
            elif url.fragment and target.suffix == ".html":
                if unquote(url.fragment) not in _parse(target).ids:
                    broken.append(f"{page.relative_to(HTML)}: {link} (no such anchor)")
    assert checked > 500
    assert broken == [], "\n".join(broken[:30])
