"""Checkers for the exercises of Part 05, *Optimization*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import optim
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_adam_step",
    "check_bce_with_logits",
    "check_cosine_lr",
    "check_cross_entropy_grad",
    "check_gradient_descent",
    "check_momentum_step",
    "check_project_ball",
    "check_soft_threshold",
    "check_step_lr",
]


def check_cross_entropy_grad(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(logits, labels)`` = (softmax(logits) - onehot(labels)) / n.

    Page *Loss Functions*.
    """
    rng = np.random.default_rng(51)
    cases = [
        Case((np.zeros((1, 3)), np.array([0])), label="uniform logits, one example"),
        Case((np.array([[2.0, 0.0], [0.0, 2.0]]), np.array([0, 0])), label="two examples"),
        Case((np.array([[1000.0, 0.0, -1000.0]]), np.array([2])), label="extreme logits"),
        Case((rng.normal(size=(6, 4)), rng.integers(0, 4, size=6)), label="random, 6 x 4"),
    ]
    return run_check("check_cross_entropy_grad", fn, optim.cross_entropy_grad, cases)


def check_bce_with_logits(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(z, y)`` = the mean binary cross-entropy of logits z and labels y.

    Page *Loss Functions*.
    """
    rng = np.random.default_rng(52)
    cases = [
        Case((np.array([0.0]), np.array([1.0])), label="z = 0: log 2"),
        Case((np.array([2.0, -1.0]), np.array([1.0, 0.0])), label="two right answers"),
        Case((np.array([1000.0, -1000.0]), np.array([0.0, 1.0])), label="z = +-1000, wrong"),
        Case((np.array([1000.0, -1000.0]), np.array([1.0, 0.0])), label="z = +-1000, right"),
        Case((rng.normal(scale=4, size=20), (rng.random(20) < 0.5) * 1.0), label="random"),
    ]
    return run_check("check_bce_with_logits", fn, optim.binary_cross_entropy_with_logits, cases)


def _quadratic_grad(A: np.ndarray, b: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    def grad(x: np.ndarray) -> np.ndarray:
        return A @ x - b

    grad.__name__ = "grad"
    return grad


def check_gradient_descent(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(grad, x0, lr, n_steps)`` = the trajectory, shape (n_steps + 1, d).

    Page *Gradient Descent*.
    """
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    cases = [
        Case((_quadratic_grad(A, b), np.array([2.0, -3.0]), 0.2, 5), label="a 2-D quadratic"),
        Case((_quadratic_grad(A, b), np.array([0.0, 0.0]), 0.1, 0), label="zero steps"),
        Case(
            (_quadratic_grad(np.eye(1) * 2, np.zeros(1)), np.array([1.0]), 1.5, 4),
            label="too large a rate: diverges",
        ),
        Case(
            (_quadratic_grad(np.diag([1.0, 10.0, 100.0]), np.ones(3)), np.ones(3), 0.015, 20),
            label="ill-conditioned, 3-D",
        ),
    ]
    return run_check("check_gradient_descent", fn, optim.gradient_descent, cases)


def _project_ball(x: np.ndarray, radius: float) -> np.ndarray:
    norm = np.sqrt(x @ x)
    return x.copy() if norm <= radius else x * (radius / norm)


def check_project_ball(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x, radius)`` = the Euclidean projection of x onto the ball ||x|| <= radius.

    Page *Convexity*.
    """
    rng = np.random.default_rng(53)
    cases = [
        Case((np.array([3.0, 4.0]), 1.0), label="outside: scaled to the sphere"),
        Case((np.array([0.3, -0.4]), 1.0), label="inside: unchanged"),
        Case((np.array([0.0, 0.0, 0.0]), 2.0), label="the center"),
        Case((np.array([1.0, 0.0]), 1.0), label="on the boundary"),
        Case((rng.normal(size=10) * 5, 2.5), label="random, 10-D"),
    ]
    return run_check("check_project_ball", fn, _project_ball, cases)


def _momentum_step(theta, grad, buf, lr, momentum, nesterov):
    buf = momentum * buf + grad
    direction = grad + momentum * buf if nesterov else buf
    return theta - lr * direction, buf


def check_momentum_step(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(theta, grad, buf, lr, momentum, nesterov)`` = (new_theta, new_buf).

    PyTorch's SGD with momentum (dampening 0). Page *Stochastic Gradient
    Descent and Momentum*.
    """
    rng = np.random.default_rng(54)
    t, g = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    cases = [
        Case((t, g, np.zeros(2), 0.1, 0.9, False), label="first step: buf = grad"),
        Case((t, g, np.array([1.0, -1.0]), 0.1, 0.9, False), label="with a buffer"),
        Case((t, g, np.array([1.0, -1.0]), 0.1, 0.9, True), label="Nesterov"),
        Case((t, g, np.array([1.0, -1.0]), 0.1, 0.0, False), label="momentum 0: plain SGD"),
        Case(
            (rng.normal(size=5), rng.normal(size=5), rng.normal(size=5), 0.03, 0.99, True),
            label="random, Nesterov",
        ),
    ]
    return run_check("check_momentum_step", fn, _momentum_step, cases)


def _adam_step(theta, grad, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def check_adam_step(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(theta, grad, m, v, t, lr, beta1, beta2, eps)`` = one Adam step.

    It returns (theta, m, v) after the step, t counting from 1.

    Page *Adaptive Methods*.
    """
    rng = np.random.default_rng(55)
    z = np.zeros(3)
    th, g = np.array([1.0, -1.0, 0.5]), np.array([0.2, -3.0, 0.0])
    cases = [
        Case((th, g, z, z, 1, 0.1, 0.9, 0.999, 1e-8), label="first step: about lr * sign(g)"),
        Case(
            (th, g, np.full(3, 0.1), np.full(3, 0.01), 2, 0.1, 0.9, 0.999, 1e-8),
            label="second step",
        ),
        Case((th, g, z, z, 1, 0.01, 0.5, 0.9, 1e-3), label="other betas and eps"),
        Case(
            (
                rng.normal(size=4),
                rng.normal(size=4),
                rng.normal(size=4) * 0.1,
                rng.random(4) * 0.1,
                50,
                1e-3,
                0.9,
                0.999,
                1e-8,
            ),
            label="step 50, random",
        ),
    ]
    return run_check("check_adam_step", fn, _adam_step, cases)


def check_cosine_lr(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(t, lr0, t_max, lr_min)`` = cosine annealing's learning rate at step t.

    Page *Learning-Rate Schedules*.
    """
    cases = [
        Case((0, 0.1, 100, 0.0), label="t = 0: lr0"),
        Case((50, 0.1, 100, 0.0), label="halfway: lr0 / 2"),
        Case((100, 0.1, 100, 0.001), label="t = t_max: lr_min"),
        Case((30, 0.5, 70, 0.05), label="t = 30 of 70"),
    ]

    def reference(t, lr0, t_max, lr_min):
        return optim.cosine_lr(lr0, t_max, lr_min)(t)

    return run_check("check_cosine_lr", fn, reference, cases)


def check_step_lr(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(t, lr0, step_size, gamma)`` = lr0 * gamma ** (t // step_size).

    Page *Learning-Rate Schedules*.
    """
    cases = [
        Case((0, 0.1, 30, 0.1), label="t = 0"),
        Case((29, 0.1, 30, 0.1), label="last epoch before the drop"),
        Case((30, 0.1, 30, 0.1), label="first epoch after the drop"),
        Case((95, 0.5, 10, 0.5), label="nine drops"),
    ]

    def reference(t, lr0, step_size, gamma):
        return optim.step_lr(lr0, step_size, gamma)(t)

    return run_check("check_step_lr", fn, reference, cases)


def check_soft_threshold(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(w, t)`` = sign(w) * max(|w| - t, 0), entry by entry.

    Page *Regularization*.
    """
    rng = np.random.default_rng(56)
    cases = [
        Case((np.array([3.0, -3.0, 0.5, -0.5, 0.0]), 1.0), label="both signs, inside and out"),
        Case((np.array([1.0, -2.0]), 0.0), label="t = 0: unchanged"),
        Case((np.array([1.0, -1.0]), 1.0), label="exactly at the threshold"),
        Case((rng.normal(size=12), 0.7), label="random"),
    ]
    return run_check("check_soft_threshold", fn, optim.soft_threshold, cases)
