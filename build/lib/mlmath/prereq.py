"""Small helpers for Part 00, *Prerequisites*.

These are the reference solutions of the part's "implement it" exercises
(the checkers in :mod:`mlmath.exercises` compare a reader's function against
them) and a timing helper for the vectorization demonstrations.

Pages: ``book/00-prerequisites/*.md``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath._validation import as_array, check_int

__all__ = [
    "evaluate_on_grid",
    "one_hot",
    "pairwise_distances",
    "standardize",
    "time_call",
]


def standardize(X: Any) -> np.ndarray:
    r"""Centre every column of ``X`` and scale it to unit standard deviation.

    .. math:: Z_{ij} = \frac{X_{ij} - \mu_j}{\sigma_j}, \qquad
              \mu_j = \frac1n \sum_{i=1}^n X_{ij}, \quad
              \sigma_j = \sqrt{\frac1n \sum_{i=1}^n (X_{ij} - \mu_j)^2}

    Taught on the page *Python and NumPy for mathematics*; it is the
    ``StandardScaler`` of scikit-learn.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Rows are observations, columns are features.

    Returns
    -------
    ndarray, shape (n, d)

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, or a column is constant (its standard deviation
        is zero, so it cannot be scaled).
    """
    X = as_array(X, "X", ndim=2)
    mu = X.mean(axis=0)
    sigma = X.std(axis=0)
    scale = np.maximum(np.abs(mu), 1.0)
    constant = sigma <= 1e-12 * scale
    if np.any(constant):
        cols = np.flatnonzero(constant).tolist()
        raise ValueError(
            f"X has constant column(s) {cols}; their standard deviation is 0, "
            "so they cannot be standardized"
        )
    return (X - mu) / sigma


def pairwise_distances(X: Any, Y: Any = None) -> np.ndarray:
    r"""Euclidean distances between every row of ``X`` and every row of ``Y``.

    .. math:: D_{ij} = \lVert \mathbf{x}_i - \mathbf{y}_j \rVert_2

    Computed by broadcasting ``X[:, None, :] - Y[None, :, :]`` to shape
    ``(n, m, d)``: the example of the page *Broadcasting*.

    Parameters
    ----------
    X : array_like, shape (n, d)
    Y : array_like, shape (m, d), optional
        Defaults to ``X``.

    Returns
    -------
    ndarray, shape (n, m)
    """
    X = as_array(X, "X", ndim=2)
    Y = X if Y is None else as_array(Y, "Y", ndim=2)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must have the same number of columns, got {X.shape[1]} and {Y.shape[1]}"
        )
    diff = X[:, None, :] - Y[None, :, :]
    return np.sqrt(np.sum(diff**2, axis=-1))


def one_hot(labels: Any, n_classes: int | None = None) -> np.ndarray:
    r"""One-hot encode integer class labels.

    .. math:: Y_{ik} = \mathbb{1}[y_i = k], \qquad i = 1..n,\ k = 0..K-1

    The indicator notation of the page *From notation to code*.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Class labels in ``0, ..., n_classes - 1``.
    n_classes : int, optional
        Number of classes ``K``; defaults to ``max(labels) + 1``.

    Returns
    -------
    ndarray of float64, shape (n, K)
    """
    y = np.asarray(labels)
    if y.ndim != 1:
        raise ValueError(f"labels must be 1-D, got shape {y.shape}")
    if y.size == 0:
        raise ValueError("labels must not be empty")
    if not np.issubdtype(y.dtype, np.integer):
        yf = as_array(y, "labels", ndim=1)
        if not np.all(yf == np.round(yf)):
            raise ValueError("labels must be whole numbers")
        y = yf.astype(np.int64)
    if np.any(y < 0):
        raise ValueError(f"labels must be non-negative, got {int(y.min())}")
    K = int(y.max()) + 1 if n_classes is None else check_int(n_classes, "n_classes", minimum=1)
    if y.max() >= K:
        raise ValueError(f"labels must be smaller than n_classes={K}, got label {int(y.max())}")
    return (y[:, None] == np.arange(K)[None, :]).astype(np.float64)


def evaluate_on_grid(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    n: int = 101,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Evaluate ``f(x, y)`` on an ``n`` by ``n`` grid, ready for a contour plot.

    ``X`` and ``Y`` come from ``np.meshgrid`` with the default ``"xy"``
    indexing, so ``X[i, j]`` is the ``j``-th x value and ``Y[i, j]`` the
    ``i``-th y value: rows run along y, as Matplotlib's ``contour`` expects.
    ``f`` must accept arrays and work element by element.

    Returns
    -------
    X, Y, Z : ndarray, each of shape (n, n)
    """
    n = check_int(n, "n", minimum=2)
    for lim, name in ((xlim, "xlim"), (ylim, "ylim")):
        arr = as_array(lim, name, ndim=1)
        if arr.shape != (2,) or not arr[0] < arr[1]:
            raise ValueError(f"{name} must be (low, high) with low < high, got {lim}")
    X, Y = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    Z = np.asarray(f(X, Y), dtype=np.float64)
    if Z.shape != X.shape:
        raise ValueError(
            f"f must work element by element on arrays: f(X, Y) returned shape "
            f"{Z.shape}, expected {X.shape}"
        )
    return X, Y, Z


def time_call(fn: Callable[..., Any], *args: Any, repeat: int = 5) -> float:
    """Best wall-clock time, in seconds, of ``repeat`` calls of ``fn(*args)``.

    The minimum is the least noisy estimate of the cost itself: every other
    run was slowed by something else on the machine.
    """
    repeat = check_int(repeat, "repeat", minimum=1)
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return float(best)
