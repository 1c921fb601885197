"""Shared test set-up: a non-interactive Matplotlib backend, fixed seeds."""

from pathlib import Path

import matplotlib

# Agg for the tests' own figures, chosen in this process only: an MPLBACKEND
# environment variable would leak into the kernels that execute the book.
matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

REPORTS = Path(__file__).resolve().parent.parent / "_build" / "reports"


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def pytest_sessionstart(session):
    for old in REPORTS.glob("*.txt"):
        old.unlink()


def pytest_terminal_summary(terminalreporter):
    """Print what the book's tests measured (PDF pages, Binder run times)."""
    for path in sorted(REPORTS.glob("*.txt")):
        terminalreporter.write_line(path.read_text(encoding="utf-8").strip())
