"""Checkers for the exercises of Part 01, *Linear algebra*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import linalg
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_back_substitution",
    "check_coordinates",
    "check_dot",
    "check_explained_variance_ratio",
    "check_gram_schmidt",
    "check_low_rank_approx",
    "check_matmul",
    "check_matvec",
    "check_norm",
    "check_power_iteration",
    "check_project",
    "check_solve",
]


def _random_cases(rng: np.random.Generator, shapes, make) -> list[Case]:
    return [Case(make(rng, *shape), label=f"random {shape}") for shape in shapes]


def check_dot(fn: Callable[[np.ndarray, np.ndarray], float]) -> CheckResult:
    """Check ``fn(u, v)`` against :func:`mlmath.linalg.dot`. Page *Vectors*."""
    rng = np.random.default_rng(10)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([4.0, -5.0, 6.0])), label="by hand"),
        Case((np.array([1.0, 0.0]), np.array([0.0, 1.0])), label="orthogonal"),
        Case((np.array([-2.5]), np.array([4.0])), label="length 1"),
    ]
    cases += _random_cases(
        rng, [(5,), (64,), (1000,)], lambda r, n: (r.normal(size=n), r.normal(size=n))
    )
    return run_check("check_dot", fn, linalg.dot, cases)


def check_norm(fn: Callable[[np.ndarray, float], float]) -> CheckResult:
    """Check ``fn(x, p)`` for p in 1, 2, inf against :func:`mlmath.linalg.norm`.

    Page *Vectors*.
    """
    rng = np.random.default_rng(11)
    cases = []
    for p in (1, 2, np.inf):
        cases += [
            Case((np.array([3.0, -4.0]), p), label=f"3-4-5, p={p}"),
            Case((np.array([-7.0]), p), label=f"one entry, p={p}"),
            Case((rng.normal(size=20), p), label=f"random, p={p}"),
        ]
    return run_check("check_norm", fn, linalg.norm, cases)


def check_matvec(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(A, x)`` against ``A @ x``. Page *Matrices*."""
    rng = np.random.default_rng(12)
    cases = [
        Case((np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([1.0, -1.0])), label="2x2"),
        Case((np.eye(3), np.array([5.0, 6.0, 7.0])), label="identity"),
        Case((np.array([[2.0, 0.0, 1.0]]), np.array([1.0, 2.0, 3.0])), label="one row"),
        Case((np.array([[2.0], [3.0]]), np.array([4.0])), label="one column"),
    ]
    cases += _random_cases(
        rng, [(4, 3), (3, 7), (30, 20)], lambda r, m, n: (r.normal(size=(m, n)), r.normal(size=n))
    )
    return run_check("check_matvec", fn, np.matmul, cases)


def check_matmul(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(A, B)`` against ``A @ B``. Page *Matrices*."""
    rng = np.random.default_rng(13)
    cases = [
        Case(
            (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.0, 1.0], [1.0, 0.0]])),
            label="swap columns",
        ),
        Case(
            (np.array([[1.0, 2.0, 3.0]]), np.array([[1.0], [1.0], [1.0]])),
            label="row times column",
        ),
        Case(
            (np.array([[1.0], [2.0]]), np.array([[3.0, 4.0, 5.0]])),
            label="column times row (outer product)",
        ),
    ]
    cases += _random_cases(
        rng,
        [(3, 4, 2), (1, 5, 6), (20, 10, 15)],
        lambda r, m, k, n: (r.normal(size=(m, k)), r.normal(size=(k, n))),
    )
    return run_check("check_matmul", fn, np.matmul, cases)


def _invertible(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.normal(size=(n, n)) + n * np.eye(n)


def check_coordinates(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(B, x)``, the coordinates of ``x`` in the basis of B's columns.

    Page *Span, Bases and Rank*.
    """
    rng = np.random.default_rng(14)
    cases = [
        Case((np.eye(2), np.array([3.0, -1.0])), label="standard basis"),
        Case((np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([3.0, 2.0])), label="sheared basis"),
        Case((np.array([[1.0, 1.0], [1.0, -1.0]]), np.array([2.0, 0.0])), label="diagonal basis"),
        Case((np.array([[0.0, 2.0], [3.0, 0.0]]), np.array([4.0, 9.0])), label="swapped axes"),
    ]
    cases += _random_cases(rng, [(3,), (5,)], lambda r, n: (_invertible(r, n), r.normal(size=n)))
    return run_check("check_coordinates", fn, linalg.solve, cases)


def check_back_substitution(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(U, b)`` against :func:`mlmath.linalg.back_substitution`.

    Page *Linear Systems*.
    """
    rng = np.random.default_rng(15)
    cases = [
        Case((np.array([[2.0, 1.0], [0.0, 4.0]]), np.array([5.0, 8.0])), label="2x2"),
        Case((np.array([[3.0]]), np.array([6.0])), label="1x1"),
        Case((np.diag([1.0, -2.0, 0.5]), np.array([1.0, 1.0, 1.0])), label="diagonal"),
    ]
    cases += _random_cases(
        rng,
        [(4,), (10,)],
        lambda r, n: (np.triu(r.normal(size=(n, n))) + n * np.eye(n), r.normal(size=n)),
    )
    return run_check("check_back_substitution", fn, linalg.back_substitution, cases)


def check_solve(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(A, b)`` against :func:`mlmath.linalg.solve`.

    Includes systems that need row exchanges (a zero or tiny pivot), so
    elimination without pivoting fails them. Page *Linear Systems*.
    """
    rng = np.random.default_rng(16)
    cases = [
        Case((np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([3.0, 5.0])), label="2x2"),
        Case((np.array([[0.0, 1.0], [1.0, 1.0]]), np.array([2.0, 3.0])), label="zero first pivot"),
        Case(
            (np.array([[1e-20, 1.0], [1.0, 1.0]]), np.array([1.0, 2.0])), label="tiny first pivot"
        ),
        Case((np.array([[4.0]]), np.array([2.0])), label="1x1"),
    ]
    cases += _random_cases(
        rng, [(3,), (6,), (20,)], lambda r, n: (r.normal(size=(n, n)), r.normal(size=n))
    )
    return run_check("check_solve", fn, linalg.solve, cases)


def check_gram_schmidt(fn: Callable[[np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(A)`` against :func:`mlmath.linalg.gram_schmidt`.

    Page *Orthogonality*.
    """
    rng = np.random.default_rng(17)
    cases = [
        Case((np.array([[3.0, 1.0], [4.0, 2.0]]),), label="2x2"),
        Case((np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]),), label="plane in R^3"),
        Case((np.array([[2.0], [0.0], [0.0]]),), label="one column"),
    ]
    cases += _random_cases(
        rng, [(4, 4), (10, 3), (50, 8)], lambda r, m, n: (r.normal(size=(m, n)),)
    )
    return run_check("check_gram_schmidt", fn, linalg.gram_schmidt, cases)


def check_project(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(v, A)``, the projection of v onto col(A), against :func:`mlmath.linalg.project`.

    Page *Orthogonality*.
    """
    rng = np.random.default_rng(18)
    cases = [
        Case((np.array([2.0, 3.0]), np.array([[1.0], [0.0]])), label="onto the x-axis"),
        Case(
            (np.array([1.0, 2.0, 3.0]), np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])),
            label="onto the xy-plane",
        ),
        Case((np.array([1.0, 1.0]), np.array([[1.0], [1.0]])), label="already in the span"),
        Case((np.array([1.0, -1.0]), np.array([[1.0], [1.0]])), label="orthogonal to it"),
    ]
    cases += _random_cases(
        rng, [(5, 2), (10, 4)], lambda r, m, n: (r.normal(size=m), r.normal(size=(m, n)))
    )
    return run_check("check_project", fn, linalg.project, cases)


def _canonical_sign(pair: Any) -> tuple[float, np.ndarray]:
    """An eigenpair with the vector's largest-magnitude entry made positive."""
    if not isinstance(pair, tuple | list) or len(pair) != 2:
        raise TypeError("the function must return a pair (eigenvalue, eigenvector)")
    lam, v = float(pair[0]), np.asarray(pair[1], dtype=np.float64)
    if v.ndim == 1 and v.size and v[np.argmax(np.abs(v))] < 0:
        v = -v
    return lam, v


def check_power_iteration(fn: Callable[[np.ndarray, int], Any]) -> CheckResult:
    """Check ``fn(A, num_iters)`` → (eigenvalue, unit eigenvector) of largest magnitude.

    The vector is compared up to its sign. Every matrix has a dominant
    eigenvalue at least twice as large in magnitude as the next, so 200
    iterations converge to machine precision. Page *Eigenvalues and
    Eigenvectors*.
    """
    rng = np.random.default_rng(19)
    Q, _ = linalg.qr(rng.normal(size=(5, 5)))
    cases = [
        Case((np.array([[2.0, 1.0], [1.0, 2.0]]), 200), label="eigenvalues 3 and 1"),
        Case((np.diag([1.0, -5.0, 2.0]), 200), label="negative dominant eigenvalue"),
        Case((np.array([[4.0, 1.0], [0.0, 1.0]]), 200), label="not symmetric"),
        Case(((Q * [10.0, 4.0, 3.0, -2.0, 1.0]) @ Q.T, 200), label="random 5x5 symmetric"),
    ]

    def reference(A: np.ndarray, num_iters: int) -> tuple[float, np.ndarray]:
        pair = linalg.power_iteration(A, num_iters=10_000, tol=1e-15, rng=np.random.default_rng(0))
        return _canonical_sign(pair)

    def reader(A: np.ndarray, num_iters: int) -> tuple[float, np.ndarray]:
        return _canonical_sign(fn(A, num_iters))

    reader.__name__ = getattr(fn, "__name__", "fn")
    return run_check("check_power_iteration", reader, reference, cases, rtol=1e-6, atol=1e-6)


def check_low_rank_approx(fn: Callable[[np.ndarray, int], np.ndarray]) -> CheckResult:
    """Check ``fn(A, k)`` against :func:`mlmath.linalg.low_rank_approx`.

    Page *The Singular Value Decomposition*.
    """
    rng = np.random.default_rng(20)
    cases = [
        Case((np.diag([3.0, 2.0, 1.0]), 1), label="diagonal, k=1"),
        Case((np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), 1), label="already rank 1"),
        Case((rng.normal(size=(6, 4)), 4), label="full rank keeps everything"),
    ]
    for m, n, k in [(8, 5, 2), (5, 9, 3), (30, 20, 5)]:
        cases.append(Case((rng.normal(size=(m, n)), k), label=f"random {m}x{n}, k={k}"))
    return run_check("check_low_rank_approx", fn, linalg.low_rank_approx, cases)


def _ratio(X: np.ndarray) -> np.ndarray:
    S = linalg.svd(X - X.mean(axis=0))[1]
    return S**2 / np.sum(S**2)


def check_explained_variance_ratio(fn: Callable[[np.ndarray], np.ndarray]) -> CheckResult:
    """Check ``fn(X)``, every principal component's share of the variance.

    The answer has length min(n, d), is descending and sums to 1; ``X`` is
    not centered. Page *Principal Component Analysis*.
    """
    rng = np.random.default_rng(21)
    cases = [
        Case(
            (np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 0.5], [0.0, -0.5]]),),
            label="axes with variances 4:1",
        ),
        Case((np.array([[5.0, 5.0], [6.0, 6.0], [7.0, 7.0]]),), label="points on a line"),
    ]
    cases += _random_cases(
        rng,
        [(50, 3), (4, 6), (200, 10)],
        lambda r, n, d: (r.normal(size=(n, d)) @ r.normal(size=(d, d)) + 3,),
    )
    return run_check("check_explained_variance_ratio", fn, _ratio, cases)
