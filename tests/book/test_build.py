"""The built book: the strict build passes and what it produced is sound."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.book.pages import ROOT, lessons, pages

pytestmark = pytest.mark.book

HTML = ROOT / "_build" / "html"


def _executed_notebooks() -> list[Path]:
    return sorted((ROOT / "_build" / "jupyter_execute").rglob("*.ipynb"))


def test_strict_build_has_no_warnings(built_book: str):
    sphinx_problems = [
        line
        for line in built_book.splitlines()
        if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line) and "[IPKernelApp]" not in line
    ]
    assert sphinx_problems == []
    assert "build succeeded" in built_book


def test_every_page_is_built(built_book: str):
    assert (HTML / "index.html").exists()
    for page in pages():
        assert (HTML / f"{page.entry}.html").exists(), page.entry


def test_every_lesson_was_executed(built_book: str):
    executed = {p.stem for p in _executed_notebooks()}
    for page in lessons():
        assert page.slug in executed, f"{page.slug} was not executed"


def test_no_output_holds_an_error_or_a_warning(built_book: str):
    for path in _executed_notebooks():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", f"{path.name}: {out.get('ename')}"
                assert out.get("name") != "stderr", f"{path.name}: {out.get('text')}"
                text = json.dumps(out.get("data", {})) + str(out.get("text", ""))
                assert "Traceback" not in text, f"{path.name}: a traceback in an output"
                assert "Warning:" not in text, f"{path.name}: a warning in an output"


def test_every_checked_solution_passes(built_book: str):
    verdicts = []
    for path in _executed_notebooks():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                for line in str(out.get("text", "")).splitlines():
                    if re.match(r"check_\w+: ", line):
                        verdicts.append((path.stem, line))
    assert verdicts, "no checker verdicts in the executed pages"
    failed = [v for v in verdicts if "passed all" not in v[1]]
    assert failed == []
    checked_pages = {stem for stem, _ in verdicts}
    assert {p.slug for p in lessons()} <= checked_pages


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


def test_a_second_build_executes_nothing(built_book: str):
    sys.path.insert(0, str(ROOT / "tools"))
    import build_book

    status, log = build_book.build()
    assert status == 0
    assert "Executing notebook" not in log
    cached = re.findall(r"Using cached notebook", log)
    assert len(cached) == len(lessons())


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
