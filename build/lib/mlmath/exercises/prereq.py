"""Checkers for the exercises of Part 00, *Prerequisites*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import prereq
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_evaluate_on_grid",
    "check_one_hot",
    "check_pairwise_distances",
    "check_standardize",
]


def check_standardize(fn: Callable[[np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(X)`` against :func:`mlmath.prereq.standardize`.

    Exercise on the page *Python and NumPy for mathematics*.
    """
    rng = np.random.default_rng(1)
    cases = [
        Case((np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]]),), label="3 rows"),
        Case((np.array([[0.0], [1.0]]),), label="one column"),
        Case((np.array([[1e6 + 1.0, -3.0], [1e6 - 1.0, 3.0]]),), label="large mean"),
        Case((np.arange(12).reshape(4, 3) ** 2,), label="integer input"),
    ]
    for n, d in [(5, 3), (50, 1), (2, 4), (200, 7)]:
        cases.append(Case((rng.normal(3.0, 2.0, size=(n, d)),), label=f"random {n}x{d}"))
    return run_check("check_standardize", fn, prereq.standardize, cases)


def check_pairwise_distances(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(X, Y)`` against :func:`mlmath.prereq.pairwise_distances`.

    Exercise on the page *Broadcasting*.
    """
    rng = np.random.default_rng(2)
    cases = [
        Case((np.array([[0.0, 0.0]]), np.array([[3.0, 4.0]])), label="3-4-5 triangle"),
        Case((np.array([[1.0], [2.0], [4.0]]), np.array([[0.0], [10.0]])), label="1-D points"),
    ]
    for n, m, d in [(4, 4, 2), (1, 5, 3), (6, 1, 3), (7, 3, 10)]:
        X, Y = rng.normal(size=(n, d)), rng.normal(size=(m, d))
        cases.append(Case((X, Y), label=f"random {n}x{d} and {m}x{d}"))
    X = rng.normal(size=(5, 3))
    cases.append(Case((X, X.copy()), label="a set against itself"))
    return run_check("check_pairwise_distances", fn, prereq.pairwise_distances, cases)


def check_one_hot(fn: Callable[[np.ndarray, int], np.ndarray]) -> CheckResult:
    """Check ``fn(labels, n_classes)`` against :func:`mlmath.prereq.one_hot`.

    Exercise on the page *From notation to code*.
    """
    rng = np.random.default_rng(3)
    cases = [
        Case((np.array([0, 2, 1]), 3), label="three classes"),
        Case((np.array([1, 1, 1]), 4), label="unused classes stay zero"),
        Case((np.array([0]), 1), label="one label"),
    ]
    for n, k in [(10, 2), (25, 10), (100, 7)]:
        cases.append(Case((rng.integers(0, k, size=n), k), label=f"random n={n}, K={k}"))
    return run_check("check_one_hot", fn, prereq.one_hot, cases)


def _bowl(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return x**2 + 3 * y**2


def _saddle(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return x**2 - y**2


def _ripple(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.sin(x) * np.cos(2 * y)


def check_evaluate_on_grid(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(f, xlim, ylim, n)`` against :func:`mlmath.prereq.evaluate_on_grid`.

    Exercise on the page *Plotting mathematics with Matplotlib*.
    """
    cases = [
        Case((_bowl, (-1.0, 1.0), (-1.0, 1.0), 3), label="bowl on a 3x3 grid"),
        Case((_saddle, (-2.0, 2.0), (0.0, 1.0), 5), label="saddle, unequal ranges"),
        Case((_ripple, (0.0, 3.0), (-1.0, 2.0), 40), label="ripple, 40x40"),
        Case((_bowl, (0.0, 1.0), (5.0, 9.0), 2), label="smallest grid"),
    ]
    return run_check("check_evaluate_on_grid", fn, prereq.evaluate_on_grid, cases)
