"""Checkers for the exercises of Part 08, *Case Studies*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import linalg, models, numerics
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_logistic_gradient",
    "check_mlp_backward",
    "check_optimal_lr",
    "check_pca_reconstruction",
    "check_ridge",
]


def _ridge(X: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    model = models.LinearRegression(alpha=alpha, method="qr").fit(X, y)
    return model.coef_, model.intercept_


def check_ridge(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(X, y, alpha)`` = (coef, intercept) of ridge regression.

    The penalty ``alpha * ||w||^2`` is on the summed squared error and
    leaves the intercept alone, as scikit-learn's ``Ridge``. Page *Linear
    Regression*.
    """
    rng = np.random.default_rng(81)
    X = rng.normal(size=(30, 4))
    y = X @ np.array([1.0, -2.0, 0.5, 0.0]) + 7.0 + 0.3 * rng.normal(size=30)
    shifted = X + np.array([100.0, -50.0, 0.0, 3.0])
    cases = [
        Case((np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0]), 0.0), label="a line"),
        Case((X, y, 0.0), label="least squares, 30 x 4"),
        Case((X, y, 1.0), label="alpha = 1"),
        Case((X, y, 100.0), label="alpha = 100"),
        Case((shifted, y, 10.0), label="shifted features: the intercept is not penalized"),
    ]
    return run_check("check_ridge", fn, _ridge, cases, rtol=1e-6, atol=1e-8)


def _logistic_gradient(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, alpha: float
) -> tuple[np.ndarray, float]:
    r = numerics.sigmoid(X @ w + b) - y
    return X.T @ r / X.shape[0] + alpha * w, float(r.mean())


def check_logistic_gradient(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(w, b, X, y, alpha)`` = (grad_w, grad_b) of the L2 logistic loss.

    The loss is the mean cross-entropy of ``sigmoid(X w + b)`` against
    ``y`` in {0, 1}, plus ``alpha / 2 * ||w||^2`` (b not penalized). Page
    *Logistic Regression*.
    """
    rng = np.random.default_rng(82)
    X = rng.normal(size=(12, 3))
    y = (rng.random(12) < 0.5).astype(float)
    cases = [
        Case((np.zeros(2), 0.0, np.eye(2), np.array([1.0, 0.0]), 0.0), label="at zero"),
        Case((rng.normal(size=3), 0.5, X, y, 0.0), label="random, 12 x 3"),
        Case((rng.normal(size=3), -1.0, X, y, 0.1), label="alpha = 0.1"),
        Case((np.array([50.0, -50.0, 0.0]), 0.0, 20 * X, y, 0.0), label="saturated sigmoids"),
    ]
    return run_check("check_logistic_gradient", fn, _logistic_gradient, cases)


def _optimal_lr(H: np.ndarray) -> tuple[float, float]:
    eigenvalues = linalg.eig_sym(H)[0]
    low, high = float(np.min(eigenvalues)), float(np.max(eigenvalues))
    return 2.0 / (low + high), (high - low) / (high + low)


def check_optimal_lr(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(H)`` = (2 / (lambda_min + lambda_max), (kappa - 1) / (kappa + 1)).

    The best constant learning rate of gradient descent on ``x^T H x / 2``
    and its worst-case contraction factor per step. Page *Gradient Descent,
    Visualized*.
    """
    rng = np.random.default_rng(83)
    Q = linalg.qr(rng.normal(size=(3, 3)))[0]
    cases = [
        Case((np.diag([1.0, 10.0]),), label="diag(1, 10)"),
        Case((np.diag([10.0, 1.0]),), label="diag(10, 1): order does not matter"),
        Case((2.0 * np.eye(3),), label="a multiple of I: one step"),
        Case((np.array([[2.0, 1.0], [1.0, 2.0]]),), label="not diagonal"),
        Case((Q @ np.diag([0.5, 4.0, 50.0]) @ Q.T,), label="random rotation, kappa 100"),
    ]
    return run_check("check_optimal_lr", fn, _optimal_lr, cases, rtol=1e-9, atol=1e-12)


def _pca_reconstruction(X: np.ndarray, k: int) -> np.ndarray:
    pca = models.PCA(k).fit(X)
    return pca.inverse_transform(pca.transform(X))


def check_pca_reconstruction(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(X, k)`` = X rebuilt from its first k principal components.

    Center, project on the top k directions, map back, add the mean. Page
    *PCA in Practice*.
    """
    rng = np.random.default_rng(84)
    line = np.outer(rng.normal(size=8), [3.0, 4.0]) + np.array([10.0, -5.0])
    X = rng.normal(size=(20, 5)) @ np.diag([5.0, 3.0, 2.0, 1.0, 0.5]) + 4.0
    cases = [
        Case((line, 1), label="points on a line off the origin, k = 1 (exact)"),
        Case((X, 1), label="random 20 x 5, k = 1"),
        Case((X, 3), label="k = 3"),
        Case((X, 5), label="k = d gives X back"),
    ]
    return run_check("check_pca_reconstruction", fn, _pca_reconstruction, cases)


def _mlp_backward(W1: Any, b1: Any, W2: Any, b2: Any, X: Any, y: Any) -> tuple[np.ndarray, ...]:
    net = models.MLP([W1.shape[0], W1.shape[1], W2.shape[1]], activation="tanh", rng=0)
    net.params_ = [W1, b1, W2, b2]
    return tuple(net.loss_and_gradients(X, y)[1])


def check_mlp_backward(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(W1, b1, W2, b2, X, y)`` = (dW1, db1, dW2, db2) of a two-layer network.

    The loss is the mean cross-entropy of ``softmax(tanh(X W1 + b1) W2 + b2)``
    against integer labels ``y``. Page *A Neural Network from Scratch*.
    """
    rng = np.random.default_rng(85)

    def case(n: int, d: int, h: int, k: int, scale: float, label: str) -> Case:
        params = (
            scale * rng.normal(size=(d, h)),
            rng.normal(size=h),
            scale * rng.normal(size=(h, k)),
            rng.normal(size=k),
        )
        return Case((*params, rng.normal(size=(n, d)), rng.integers(0, k, size=n)), label=label)

    cases = [
        Case(
            (
                np.zeros((2, 2)),
                np.zeros(2),
                np.zeros((2, 2)),
                np.zeros(2),
                np.eye(2),
                np.array([0, 1]),
            ),
            label="all-zero weights",
        ),
        case(1, 2, 3, 2, 1.0, "one example"),
        case(6, 3, 4, 3, 1.0, "random, 6 examples, 3 classes"),
        case(5, 4, 8, 5, 3.0, "large weights: saturated tanh units"),
    ]
    return run_check("check_mlp_backward", fn, _mlp_backward, cases)
