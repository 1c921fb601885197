"""A strict build of the book, shared by every test that inspects the site."""

from __future__ import annotations

import sys

import pytest

from tests.book.pages import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_book


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
