"""Checkers for the exercises of Part 02, *Calculus*."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mlmath import calculus, linalg
from mlmath.autodiff import Tensor
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_backward",
    "check_derivative",
    "check_jacobian",
    "check_layer_jacobian",
    "check_newton_step",
    "check_numerical_gradient",
    "check_simpson",
    "check_trapezoid",
]


# Test functions with readable names (the verdict prints them).
def cubic(x):
    return x**3 - 2 * x


def exp_sin(x):
    return np.exp(np.sin(x))


def log1p_square(x):
    return np.log1p(x**2)


def quadratic_bowl(x):
    return x[0] ** 2 + 3 * x[1] ** 2


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


def log_sum_exp(x):
    return np.log(np.sum(np.exp(x)))


def polar_to_cartesian(x):
    return np.array([x[0] * np.cos(x[1]), x[0] * np.sin(x[1])])


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def three_outputs(x):
    return np.array([x[0] * x[1], np.sin(x[0]), x[1] ** 2])


def check_derivative(fn: Callable[..., float]) -> CheckResult:
    """Check ``fn(f, x, h)``, the central difference, against the book's.

    Page *Derivatives*.
    """
    cases = [
        Case((cubic, 1.0, 1e-3), label="cubic at 1"),
        Case((np.sin, 0.0, 1e-4), label="sin at 0"),
        Case((exp_sin, -2.0, 1e-5), label="exp(sin x) at -2"),
        Case((log1p_square, 3.0, 0.1), label="large step"),
        Case((np.exp, 10.0, 1e-6), label="exp at 10"),
    ]
    return run_check("check_derivative", fn, calculus.derivative, cases, rtol=1e-6)


def check_numerical_gradient(fn: Callable[..., np.ndarray]) -> CheckResult:
    """Check ``fn(f, x, h)``, the central-difference gradient, against the book's.

    Page *Partial Derivatives and the Gradient*.
    """
    rng = np.random.default_rng(30)
    cases = [
        Case((quadratic_bowl, np.array([1.0, -2.0]), 1e-5), label="bowl"),
        Case((rosenbrock, np.array([-1.0, 1.5]), 1e-6), label="Rosenbrock"),
        Case((log_sum_exp, np.array([0.5]), 1e-5), label="one variable"),
        Case((log_sum_exp, rng.normal(size=6), 1e-5), label="log-sum-exp in R^6"),
    ]
    return run_check("check_numerical_gradient", fn, calculus.gradient, cases, rtol=1e-6)


def check_jacobian(fn: Callable[..., np.ndarray]) -> CheckResult:
    """Check ``fn(f, x, h)``, the m-by-n central-difference Jacobian.

    Page *Jacobians and Hessians*.
    """
    rng = np.random.default_rng(31)
    cases = [
        Case((polar_to_cartesian, np.array([2.0, 0.5]), 1e-6), label="polar coordinates"),
        Case((three_outputs, np.array([1.0, -1.0]), 1e-6), label="3 outputs, 2 inputs"),
        Case((softmax, rng.normal(size=4), 1e-6), label="softmax in R^4"),
    ]
    return run_check("check_jacobian", fn, calculus.jacobian, cases, rtol=1e-6, atol=1e-8)


def _newton(g: np.ndarray, H: np.ndarray, x: np.ndarray) -> np.ndarray:
    return x - linalg.solve(H, g)


def check_newton_step(fn: Callable[..., np.ndarray]) -> CheckResult:
    """Check ``fn(g, H, x)`` = x - H⁻¹g, one step of Newton's method.

    Page *Taylor Series and Newton's Method*.
    """
    rng = np.random.default_rng(32)
    M = rng.normal(size=(4, 4))
    cases = [
        Case(
            (np.array([2.0, 6.0]), np.diag([2.0, 6.0]), np.array([1.0, 1.0])),
            label="quadratic bowl: one step to the minimum",
        ),
        Case((np.array([4.0]), np.array([[8.0]]), np.array([3.0])), label="one variable"),
        Case(
            (np.array([1.0, -1.0]), np.array([[2.0, 1.0], [1.0, -3.0]]), np.zeros(2)),
            label="indefinite Hessian (a saddle)",
        ),
        Case((rng.normal(size=4), M @ M.T + np.eye(4), rng.normal(size=4)), label="random 4-D"),
    ]
    return run_check("check_newton_step", fn, _newton, cases)


def _integration_cases() -> list[Case]:
    return [
        Case((np.sin, 0.0, np.pi, 4), label="sin on [0, pi], n=4"),
        Case((np.exp, 0.0, 1.0, 10), label="exp on [0, 1], n=10"),
        Case((cubic, -1.0, 2.0, 2), label="cubic, n=2"),
        Case((log1p_square, 1.0, -1.0, 100), label="reversed limits"),
    ]


def check_trapezoid(fn: Callable[..., float]) -> CheckResult:
    """Check ``fn(f, a, b, n)``, the composite trapezoid rule. Page *Integration*."""

    def reference(f, a, b, n):
        return calculus.integrate(f, a, b, n, method="trapezoid")

    return run_check("check_trapezoid", fn, reference, _integration_cases())


def check_simpson(fn: Callable[..., float]) -> CheckResult:
    """Check ``fn(f, a, b, n)``, the composite Simpson rule (n even). Page *Integration*."""

    def reference(f, a, b, n):
        return calculus.integrate(f, a, b, n, method="simpson")

    return run_check("check_simpson", fn, reference, _integration_cases())


def _layer_jacobian(W: np.ndarray, x: np.ndarray) -> np.ndarray:
    return (1 - np.tanh(W @ x) ** 2)[:, None] * W


def check_layer_jacobian(fn: Callable[..., np.ndarray]) -> CheckResult:
    """Check ``fn(W, x)``, the Jacobian diag(1 - tanh(Wx)²) W of x -> tanh(Wx).

    Page *Exploding and Vanishing Gradients*.
    """
    rng = np.random.default_rng(33)
    cases = [
        Case((np.eye(2), np.zeros(2)), label="identity at 0"),
        Case((np.array([[1.0, 2.0, 0.0]]), np.array([0.5, -0.5, 1.0])), label="one output"),
        Case((10 * rng.normal(size=(3, 3)), rng.normal(size=3)), label="saturated units"),
        Case((rng.normal(size=(5, 4)), rng.normal(size=4)), label="random 5x4"),
    ]
    return run_check("check_layer_jacobian", fn, _layer_jacobian, cases)


def check_backward(fn: Callable[[Tensor], Tensor]) -> CheckResult:
    """Check the backward rule of an elementwise operation ``fn(t) -> Tensor``.

    The gradient that ``fn``'s backward rule produces for a weighted sum
    of its output is compared with the numerical gradient of ``fn``'s own
    forward values, on inputs in [0.3, 2] (positive, so log or sqrt are
    fine) of several shapes. Page *The Chain Rule and Backpropagation*.
    """
    rng = np.random.default_rng(34)
    shapes = [(1,), (5,), (2, 3), (4, 1)]
    cases = []
    for shape in shapes:
        x = rng.uniform(0.3, 2.0, size=shape)
        w = rng.normal(size=shape)
        cases.append(Case((x, w), label=f"input of shape {shape}"))

    def forward(x: np.ndarray) -> np.ndarray:
        out = fn(Tensor(x))
        if not isinstance(out, Tensor):
            raise TypeError(f"the operation must return a Tensor, got {type(out).__name__}")
        if out.data.shape != x.shape:
            raise ValueError(f"an elementwise operation keeps the shape {x.shape}")
        return out.data

    def by_backprop(x: np.ndarray, w: np.ndarray) -> np.ndarray:
        t = Tensor(x, requires_grad=True)
        out = fn(t)
        if not isinstance(out, Tensor) or not out.requires_grad:
            raise TypeError("the operation must return a Tensor made with Tensor.from_op")
        (out * w).sum().backward()
        if t.grad is None:
            raise ValueError("the backward rule returned no gradient for the input")
        return t.grad

    def numerical(x: np.ndarray, w: np.ndarray) -> np.ndarray:
        return calculus.gradient(lambda z: float(np.sum(forward(z) * w)), x)

    by_backprop.__name__ = getattr(fn, "__name__", "fn")
    return run_check("check_backward", by_backprop, numerical, cases, rtol=1e-5, atol=1e-7)
