"""The built book: the strict build passes and what it produced is sound."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.book.pages import ROOT, lessons, pages, toc_files

pytestmark = pytest.mark.book

HTML = ROOT / "_build" / "html"


# Lines the Jupyter kernels print on their own stderr, which the build log
# shows but which are not about the book: a notice that the kernel talks to
# its client over local TCP, and a message the kernel's event loop sometimes
# prints while it shuts down after the last cell (seen once in a cold
# parallel build; the page's outputs were complete, as the tests below and
# the determinism test check).
KERNEL_NOISE = (
    "[IPKernelApp] WARNING | Kernel is running over TCP without encryption",
    "ERROR:tornado.general:Uncaught exception in ZMQStream callback",
)


def test_strict_build_has_no_warnings(built_book: str):
    sphinx_problems = [
        line
        for line in built_book.splitlines()
        if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line) and not line.startswith(KERNEL_NOISE)
    ]
    assert sphinx_problems == []
    assert "build succeeded" in built_book


def test_every_page_is_built(built_book: str):
    assert (HTML / "index.html").exists()
    for page in pages():
        assert (HTML / f"{page.entry}.html").exists(), page.entry


class _Outputs(HTMLParser):
    """Collect the text of every cell output in a built page, by kind."""

    def __init__(self) -> None:
        super().__init__()
        self.outputs: list[tuple[str, str]] = []  # (classes of the output, text)
        self._stack: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag != "div":
            return
        classes = dict(attrs).get("class") or ""
        self._stack.append(classes if classes.startswith("output") else None)
        if classes.startswith("output"):
            self.outputs.append((classes, ""))

    def handle_endtag(self, tag):
        if tag == "div" and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if any(self._stack) and self.outputs:
            kind, text = self.outputs[-1]
            self.outputs[-1] = (kind, text + data)


def _outputs(page) -> list[tuple[str, str]]:
    parser = _Outputs()
    parser.feed((HTML / f"{page.entry}.html").read_text(encoding="utf-8"))
    return parser.outputs


def test_every_lesson_shows_executed_outputs(built_book: str):
    for page in lessons():
        outputs = _outputs(page)
        assert len(outputs) >= 5, f"{page.slug}: {len(outputs)} outputs in the page"


def test_no_output_holds_an_error_or_a_warning(built_book: str):
    for page in lessons():
        for kind, text in _outputs(page):
            assert "traceback" not in kind and "stderr" not in kind, f"{page.slug}: {text}"
            assert "Traceback (most recent call last)" not in text, page.slug
            assert not re.search(r"\w+Warning: ", text), f"{page.slug}: {text}"


def test_every_checked_solution_passes(built_book: str):
    for page in lessons():
        verdicts = [
            line.strip()
            for _, text in _outputs(page)
            for line in text.splitlines()
            if re.match(r"check_\w+: ", line.strip())
        ]
        assert verdicts, f"{page.slug}: no checker verdict in the page"
        failed = [v for v in verdicts if not re.match(r"check_\w+: passed all \d+ cases$", v)]
        assert failed == [], page.slug


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.figures = 0
        self.captions = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag == "figure":
            self.figures += 1
        elif tag == "figcaption":
            self.captions += 1


def test_built_figures_have_captions_and_alt_text(built_book: str):
    for page in lessons():
        parser = _Images()
        parser.feed((HTML / f"{page.entry}.html").read_text(encoding="utf-8"))
        content = [img for img in parser.images if "_images/" in (img.get("src") or "")]
        assert content, f"{page.slug}: no figure in the built page"
        for img in content:
            assert (img.get("alt") or "").strip(), f"{page.slug}: image without alt"
        assert parser.figures == parser.captions >= 1


def test_math_and_dropdown_solutions_are_in_the_html(built_book: str):
    for page in lessons():
        html = (HTML / f"{page.entry}.html").read_text(encoding="utf-8")
        assert "mathjax" in html.lower()
        assert 'class="solution dropdown' in html


class _ProseText(HTMLParser):
    """The text of a page outside math, code, outputs and scripts."""

    SKIP_TAGS = frozenset({"script", "style", "pre", "code", "svg", "mjx-container"})
    SKIP_CLASSES = frozenset({"math", "highlight", "output", "cell_output", "headerlink"})
    VOID = frozenset({"br", "img", "hr", "input", "link", "meta", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._stack: list[bool] = []  # True where the element hides its text

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self._stack.append(tag in self.SKIP_TAGS or bool(classes & self.SKIP_CLASSES))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not any(self._stack):
            self.text.append(data)


def test_no_math_leaks_into_the_prose_as_raw_tex(built_book: str):
    """Math that MyST did not parse (a wrapped line that starts with "- " or
    "+ " becomes a list item and splits a formula) reaches the reader as
    dollar signs and backslashed macros; none may be left in the text."""
    for page in pages():
        parser = _ProseText()
        parser.feed((HTML / f"{page.entry}.html").read_text(encoding="utf-8"))
        text = " ".join(parser.text)
        leaks = re.findall(r"\\[A-Za-z]+|\$[^$\s][^$]{0,40}", text)
        assert leaks == [], f"{page.slug}: raw TeX in the prose: {leaks[:5]}"


def test_every_page_menu_lists_every_part(built_book: str):
    """The sidebar of every page links every part, also after a part was added
    to _toc.yml and the old pages were not read again (tools/jb_build.py)."""
    parts = [f for f in toc_files() if f.endswith("/index") and f.count("/") == 2]
    for page in pages():
        html = (HTML / f"{page.entry}.html").read_text(encoding="utf-8")
        here = posixpath.dirname(page.entry)
        targets = {
            posixpath.normpath(posixpath.join(here, href))
            for href in re.findall(r'href="([^"#?:]+\.html)', html)
        }
        missing = [p for p in parts if p != page.entry and f"{p}.html" not in targets]
        assert not missing, f"{page.entry}: the menu lacks {missing}"


def test_a_changed_table_of_contents_is_noticed(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "tools"))
    import jb_build

    toc = tmp_path / "_toc.yml"
    toc.write_text("root: intro\n", encoding="utf-8")
    changed, fingerprint = jb_build.toc_changed(tmp_path, toc)
    assert changed  # no stamp yet: a first or failed build
    (tmp_path / "toc.sha256").write_text(fingerprint, encoding="utf-8")
    assert jb_build.toc_changed(tmp_path, toc) == (False, fingerprint)
    toc.write_text("root: intro\nparts: []\n", encoding="utf-8")
    assert jb_build.toc_changed(tmp_path, toc)[0]


def test_a_second_build_executes_nothing(built_book: str, build):
    status, log = build()
    assert status == 0
    assert "Executing notebook" not in log
    assert "no targets are out of date" in log


def test_a_full_rebuild_serves_every_notebook_from_the_cache(built_book: str, build):
    status, log = build(force_all=True)
    assert status == 0
    assert "Executing notebook" not in log
    assert len(re.findall(r"Using cached notebook", log)) == len(lessons())


@pytest.mark.parametrize("cwd", [ROOT, ROOT / "book" / "00-prerequisites"])
def test_import_code_in_the_kernel_is_the_standard_library(cwd: Path):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("import code, sysconfig\nprint(code.__file__)"))
    NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    where = nb.cells[0].outputs[0]["text"].strip()
    stdlib = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).parent == Path(stdlib), where
    assert hasattr(__import__("code"), "interact")


def test_figures_survive_a_non_interactive_backend_in_the_environment(monkeypatch):
    """plotting.setup() keeps figures as outputs even with MPLBACKEND=Agg."""
    nb = nbformat.v4.new_notebook()
    code = "from mlmath import plotting\nplotting.setup()\nfig, ax = plotting.figure()"
    nb.cells.append(nbformat.v4.new_code_cell(code))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    NotebookClient(nb, kernel_name="python3").execute()
    kinds = {k for out in nb.cells[0].outputs for k in out.get("data", {})}
    assert {"image/svg+xml", "application/pdf"} <= kinds
