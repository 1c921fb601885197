"""The built site in a real browser: what a reader does, and accessibility.

The site is served from _build/html on 127.0.0.1 and driven with Playwright
in Debian's Chromium (Playwright's own browser download does not work on
the project's machines). Chromium is installed by tools/system_deps.py when
the tests run as root; otherwise the tests fail with the command to run.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.book.pages import ROOT, lessons, pages, toc_files

sys.path.insert(0, str(ROOT / "tools"))
import build_pdf
import site_browser
import system_deps

pytestmark = pytest.mark.book

HTML = ROOT / "_build" / "html"
# Console errors a page may print, each with the reason it is harmless.
ALLOWED_CONSOLE_ERRORS = {
    # pydata-sphinx-theme reads the reader's light/dark choice from
    # localStorage; on a first visit there is none, it logs this as an
    # error and falls back to following the system setting.
    "Got invalid theme mode: . Resetting to auto.",
}
# Terms a reader searches for, and the page that teaches each (the paths of
# the design outline). A term is searched for once its page is in _toc.yml.
SEARCHES = {
    "broadcasting": "book/00-prerequisites/broadcasting",
    "meshgrid": "book/00-prerequisites/plotting",
    "eigenvalue": "book/01-linear-algebra/eigen",
    "backpropagation": "book/02-calculus/chain-rule",
    "naive Bayes": "book/03-probability/probabilistic-models",
    "bootstrap": "book/04-statistics/sampling",
    "Nesterov": "book/05-optimization/sgd-momentum",
    "KL divergence": "book/06-information-theory/cross-entropy-kl",
    "Kahan": "book/07-numerical-methods/floating-point",
    "eigendigit": "book/08-case-studies/pca-in-practice",
    "odds ratio": "book/08-case-studies/logistic-regression",
}


@pytest.fixture(scope="module")
def site(built_pdf: Path) -> str:
    """Serve the built site (with its PDF) on a free port of 127.0.0.1."""
    with site_browser.serve(HTML) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    system_deps.ensure("browser")
    with sync_playwright() as playwright:
        chromium = site_browser.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def _visit(page: Page, url: str) -> list[str]:
    """Open ``url``; return the console errors, page errors and failed loads."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda err: problems.append(f"uncaught: {err}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return problems


def _unexpected(problems: list[str]) -> list[str]:
    # A failed resource load is also reported on the console, without its URL;
    # the HTTP line above names it.
    return [
        p
        for p in problems
        if p not in ALLOWED_CONSOLE_ERRORS and not p.startswith("Failed to load resource")
    ]


def test_front_page_loads_without_errors(page: Page, site: str):
    problems = _visit(page, site)
    expect(page).to_have_url(re.compile(r"book/intro\.html$"))
    expect(page.locator("h1").first).to_contain_text("Mathematics for Machine Learning")
    assert _unexpected(problems) == []


@pytest.mark.parametrize("entry", [*toc_files(), "search.html?q=broadcasting", "genindex"])
def test_every_page_loads_without_errors_and_with_its_icons(page: Page, site: str, entry: str):
    url = f"{site}{entry}" if "?" in entry else f"{site}{entry}.html"
    assert _unexpected(_visit(page, url)) == []
    # Font Awesome turns every <i class="fa-..."> into an inline SVG; one left
    # over is an icon missing from the site's cut-down Font Awesome.
    left = page.evaluate(
        "Array.from(document.querySelectorAll('i[class*=\"fa-\"]')).map(e => e.className)"
    )
    assert left == []
    assert page.locator("svg.svg-inline--fa").count() > 5


@pytest.mark.parametrize("term", [t for t, entry in SEARCHES.items() if entry in set(toc_files())])
def test_search_finds_the_page_that_teaches_a_term(page: Page, site: str, term: str):
    _visit(page, f"{site}search.html?q={term}")
    results = page.locator("#search-results ul.search li a")
    expect(results.first).to_be_visible(timeout=15000)
    found = [a.get_attribute("href") for a in results.all()]
    assert any(h.split("?")[0].split("#")[0].endswith(f"{SEARCHES[term]}.html") for h in found)


def _player_pages() -> list[str]:
    """The pages whose source draws a plotting.animate player."""
    return sorted(
        entry
        for entry in toc_files()
        if "plotting.animate(" in (ROOT / f"{entry}.md").read_text(encoding="utf-8")
    )


def test_the_book_has_players(page: Page, site: str):
    """Each page that calls plotting.animate shows a player on the site."""
    assert _player_pages()
    for entry in _player_pages():
        _visit(page, f"{site}{entry}.html")
        assert page.locator("div.mlmath-anim").count() >= 1, entry


@pytest.mark.parametrize("entry", _player_pages())
def test_every_player_moves_with_its_slider_and_plays_without_a_kernel(
    page: Page, site: str, entry: str
):
    """The slider and the Play button of each plotting.animate player work
    in the static page: the frame, the value shown and aria-valuetext follow."""
    assert _unexpected(_visit(page, f"{site}{entry}.html")) == []
    players = page.locator("div.mlmath-anim")
    for k in range(players.count()):
        player = players.nth(k)
        img, slider = player.locator("img"), player.locator("input[type=range]")
        out, button = player.locator("output"), player.locator("button")
        before = (img.get_attribute("src"), out.text_content())
        slider.fill("0")  # fires "input"
        assert slider.get_attribute("aria-valuetext") == out.text_content()
        slider.fill(slider.get_attribute("max"))
        after = (img.get_attribute("src"), out.text_content())
        assert after != before or slider.get_attribute("value") == "0"
        assert img.get_attribute("src").startswith("data:image/png;base64,")
        button.click()
        expect(button).to_have_text("Pause")
        expect(out).not_to_have_text(after[1], timeout=5000)  # the frames advance
        button.click()
        expect(button).to_have_text("Play")
        expect(button).to_have_attribute("aria-pressed", "false")


def test_display_math_is_typeset_by_mathjax(page: Page, site: str):
    lesson = lessons()[0]
    _visit(page, f"{site}{lesson.entry}.html")
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("MathJax.startup.promise")
    math = page.locator("div.math, span.math")
    assert math.count() > 0
    # every formula is replaced by MathJax's rendering, none left as TeX
    assert page.locator("mjx-container").count() == math.count()
    assert page.locator("div.math mjx-container[display='true']").count() > 0
    # and MathJax came from the site, not from a CDN
    sources = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    mathjax = [s for s in sources if "mathjax" in s.lower()]
    assert mathjax and all(s.startswith(site) for s in mathjax)


@pytest.mark.parametrize("entry", ["book/intro", "book/references"])
def test_pages_without_math_do_not_load_mathjax(page: Page, site: str, entry: str):
    _visit(page, f"{site}{entry}.html")
    sources = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert not [s for s in sources if "mathjax" in s.lower()]


def test_next_and_previous_navigation(page: Page, site: str):
    first, second = lessons()[0], lessons()[1]
    _visit(page, f"{site}{first.entry}.html")
    page.locator("a.right-next").click()
    expect(page).to_have_url(re.compile(re.escape(f"{second.entry}.html") + "$"))
    expect(page.locator("h1").first).to_contain_text(second.title)
    page.locator("a.left-prev").click()
    expect(page).to_have_url(re.compile(re.escape(f"{first.entry}.html") + "$"))


def test_a_solution_dropdown_opens(page: Page, site: str):
    _visit(page, f"{site}{lessons()[0].entry}.html")
    solution = page.locator("div.solution.dropdown").first
    body = solution.locator("section, p:not(.admonition-title)").first
    expect(body).to_be_hidden()
    solution.locator("button.toggle-button").click()
    expect(body).to_be_visible()


def test_launch_and_download_buttons_work(page: Page, site: str):
    lesson = lessons()[0]
    _visit(page, f"{site}{lesson.entry}.html")
    page.get_by_role("button", name="Launch interactive content").click()
    binder = page.locator(".dropdown-launch-buttons a[href*='mybinder.org']")
    expect(binder).to_be_visible()
    assert binder.get_attribute("href").endswith(f"?urlpath=lab/tree/{lesson.entry}.md")
    page.get_by_role("button", name="Download this page").click()
    menu = page.locator(".dropdown-download-buttons a")
    expect(menu.first).to_be_visible()
    hrefs = [a.get_attribute("href") for a in menu.all()]
    wanted = (f"{lesson.entry}.md", f"{lesson.entry}.ipynb", build_pdf.pdf_name())
    for suffix in wanted:
        (href,) = [h for h in hrefs if h.endswith(suffix)]
        response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
        assert response.ok, f"{href}: HTTP {response.status}"


SCHEMES = ["light", "dark"]
AUDITED = [p.entry for p in pages()] + ["search", "genindex"]


@pytest.fixture(scope="module")
def accessibility(site: str) -> dict[tuple[str, str], list[str]]:
    """axe-core's serious findings for every audited page in both color schemes.

    The audits are split over one worker process per core, each with its
    own Chromium (axe takes seconds per page and uses one core).
    """
    system_deps.ensure("browser")
    jobs = [(entry, scheme) for entry in AUDITED for scheme in SCHEMES]
    workers = max(1, min(os.cpu_count() or 1, 4))
    chunks = [jobs[i::workers] for i in range(workers)]
    found: dict[tuple[str, str], list[str]] = {}
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for part in pool.map(site_browser.audit_accessibility, [site] * workers, chunks):
            found.update(part)
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("entry", AUDITED)
def test_no_serious_accessibility_violations(accessibility, entry: str, scheme: str):
    assert accessibility[(entry, scheme)] == []
