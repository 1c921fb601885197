"""Shared test set-up: a non-interactive Matplotlib backend, fixed seeds."""

import matplotlib

# Agg for the tests' own figures, chosen in this process only: an MPLBACKEND
# environment variable would leak into the kernels that execute the book.
matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
