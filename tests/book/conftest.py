"""A strict build of the book, shared by every test that inspects the site."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.book.pages import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_book
import build_pdf

from tests.conftest import REPORTS


def report(name: str, text: str) -> None:
    """Keep a measurement for the end of the test run (see tests/conftest.py)."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.txt").write_text(text + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def build():
    """The build command itself, for tests that build again."""
    return build_book.build


@pytest.fixture(scope="session")
def built_book() -> str:
    """Run the strict, cached HTML build once; return its log."""
    status, log = build_book.build()
    assert status == 0, f"the strict build failed:\n{log[-6000:]}"
    return log


@pytest.fixture(scope="session")
def built_pdf(built_book: str) -> Path:
    """Build the PDF with the README's command (make pdf) and return its path.

    It needs TeX Live: the build installs it when the tests run as root (as
    in CI) and otherwise fails with the apt-get command to run. It is never
    skipped."""
    status, text, pdf = build_pdf.build()
    assert status == 0, text
    report("pdf", text)
    return pdf
