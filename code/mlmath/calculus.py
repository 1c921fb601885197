"""Numerical calculus: finite differences, quadrature and Monte Carlo.

Pages: ``book/02-calculus/`` — ``derivatives`` (:func:`derivative`),
``partial-derivatives`` (:func:`gradient`), ``chain-rule``
(:func:`check_gradient`), ``jacobians-hessians`` (:func:`jacobian`,
:func:`hessian`) and ``integration`` (:func:`integrate`,
:func:`monte_carlo_integrate`).

Every difference quotient here is *central*: its truncation error is
:math:`O(h^2)`, against :math:`O(h)` for a one-sided quotient, and the
default steps balance that error against the round-off error of
subtracting two nearly equal values of ``f``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath._validation import as_array, check_in, check_int, check_positive, check_real

__all__ = [
    "check_gradient",
    "derivative",
    "gradient",
    "hessian",
    "integrate",
    "jacobian",
    "monte_carlo_integrate",
]

EPS = np.finfo(np.float64).eps


def _point(x: Any, name: str = "x", ndim: int | tuple[int, ...] | None = None) -> np.ndarray:
    """A float point; integer arrays are refused (x + h would be truncated)."""
    raw = np.asarray(x)
    if raw.dtype.kind in "iub":
        raise TypeError(
            f"{name} must hold floating-point numbers, got dtype {raw.dtype}; "
            f"pass {name}.astype(float): a step h is added to it"
        )
    return as_array(x, name, ndim=ndim)


def _call(f: Callable[..., Any], x: np.ndarray) -> np.ndarray:
    """``f(x)`` as a float array. NumPy's warnings are silenced because a
    non-finite result gets a clear error from the caller instead."""
    with np.errstate(all="ignore"):
        return np.asarray(f(x), dtype=np.float64)


def _steps(x: np.ndarray, h: float | None, power: float) -> np.ndarray:
    """The default step eps**power * max(1, |x|), or the given one, per entry."""
    if h is None:
        return EPS**power * np.maximum(1.0, np.abs(x))
    return np.full_like(x, check_positive(h, "h"))


def _scalar(value: Any, where: str) -> float:
    arr = np.asarray(value, dtype=np.float64)
    if arr.size != 1:
        raise ValueError(f"f must return a scalar, got shape {arr.shape} at {where}")
    out = float(arr.reshape(()))
    if not np.isfinite(out):
        raise ValueError(f"f returned {out} at {where}; it must be finite there")
    return out


def derivative(f: Callable[[Any], Any], x: Any, h: float | None = None) -> Any:
    r"""Central-difference derivative of a function of one variable.

    .. math:: f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}

    The truncation error is about :math:`h^2 |f'''|/6` and the round-off
    error about :math:`\varepsilon |f| / h`; they balance near
    :math:`h = \varepsilon^{1/3}`, so the default step is
    :math:`\varepsilon^{1/3}\max(1, |x|)`, which leaves about two thirds of
    the digits. ``x`` may be an array of points (``f`` must then work
    elementwise); the result has its shape.
    """
    x = _point(x)
    step = _steps(x, h, 1 / 3)
    forward = _call(f, x + step)
    backward = _call(f, x - step)
    if forward.shape != x.shape or backward.shape != x.shape:
        raise ValueError(
            f"f must return one value per point: x has shape {x.shape}, "
            f"f(x) has shape {forward.shape}"
        )
    d = (forward - backward) / (2 * step)
    if not np.all(np.isfinite(d)):
        raise ValueError("f returned a non-finite value near x")
    return float(d) if d.ndim == 0 else d


def gradient(f: Callable[[np.ndarray], Any], x: Any, h: float | None = None) -> np.ndarray:
    r"""Central-difference gradient of a scalar function :math:`f : \R^n \to \R`.

    .. math:: \frac{\partial f}{\partial x_i} \approx
              \frac{f(\vx + h_i\ve_i) - f(\vx - h_i\ve_i)}{2h_i}

    ``x`` may have any shape; the gradient has the same shape. Costs
    :math:`2n` evaluations of ``f``: one reason training uses reverse-mode
    automatic differentiation instead.
    """
    x = _point(x)
    step = _steps(x, h, 1 / 3)
    grad = np.empty_like(x)
    flat, g = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        e = np.zeros_like(flat)
        e[i] = step.reshape(-1)[i]
        up = _scalar(_call(f, (flat + e).reshape(x.shape)), f"x + h e_{i}")
        down = _scalar(_call(f, (flat - e).reshape(x.shape)), f"x - h e_{i}")
        g[i] = (up - down) / (2 * e[i])
    return grad


def jacobian(f: Callable[[np.ndarray], Any], x: Any, h: float | None = None) -> np.ndarray:
    r"""Central-difference Jacobian of :math:`f : \R^n \to \R^m`, shape (m, n).

    Column :math:`j` is :math:`(f(\vx + h_j\ve_j) - f(\vx - h_j\ve_j)) / 2h_j`,
    how the output moves when input :math:`j` does. A scalar output gives
    a 1-by-n Jacobian.
    """
    x = _point(x, ndim=1)
    step = _steps(x, h, 1 / 3)
    f0 = _call(f, x)
    if f0.ndim > 1:
        raise ValueError(f"f must return a scalar or a 1-D array, got shape {f0.shape}")
    m = f0.size
    J = np.empty((m, x.size))
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = step[j]
        up = _call(f, x + e).reshape(-1)
        down = _call(f, x - e).reshape(-1)
        if up.size != m or down.size != m:
            raise ValueError(f"f returned {up.size} values at x + h e_{j}, {m} at x")
        J[:, j] = (up - down) / (2 * step[j])
    if not np.all(np.isfinite(J)):
        raise ValueError("f returned a non-finite value near x")
    return J


def hessian(f: Callable[[np.ndarray], Any], x: Any, h: float | None = None) -> np.ndarray:
    r"""Central-difference Hessian of :math:`f : \R^n \to \R`, shape (n, n).

    .. math:: H_{ij} \approx \frac{f(\vx + h_i\ve_i + h_j\ve_j)
              - f(\vx + h_i\ve_i - h_j\ve_j) - f(\vx - h_i\ve_i + h_j\ve_j)
              + f(\vx - h_i\ve_i - h_j\ve_j)}{4 h_i h_j}

    symmetric by construction. A second difference divides by
    :math:`h^2`, so round-off grows like :math:`\varepsilon/h^2` and the
    default step is :math:`\varepsilon^{1/4}\max(1, |x_i|)`.
    """
    x = _point(x, ndim=1)
    step = _steps(x, h, 1 / 4)
    n = x.size
    H = np.empty((n, n))
    basis = np.diag(step)

    def value(point: np.ndarray) -> float:
        return _scalar(_call(f, point), "a point near x")

    for i in range(n):
        for j in range(i, n):
            ei, ej = basis[i], basis[j]
            H[i, j] = H[j, i] = (
                value(x + ei + ej) - value(x + ei - ej) - value(x - ei + ej) + value(x - ei - ej)
            ) / (4 * step[i] * step[j])
    return H


def integrate(
    f: Callable[[np.ndarray], Any],
    a: float,
    b: float,
    n: int = 1000,
    method: str = "simpson",
) -> float:
    r"""Composite trapezoid or Simpson rule for :math:`\int_a^b f(x)\,dx`.

    With :math:`n` subintervals of width :math:`h = (b - a)/n` and
    :math:`x_k = a + kh`:

    - trapezoid: :math:`h\,(\tfrac12 f_0 + f_1 + \dots + f_{n-1} + \tfrac12 f_n)`,
      error :math:`O(h^2)`;
    - Simpson (``n`` even): :math:`\tfrac{h}{3}(f_0 + 4f_1 + 2f_2 + \dots
      + 4f_{n-1} + f_n)`, error :math:`O(h^4)`.

    ``f`` is called once, on the array of all nodes.
    """
    check_in(method, "method", ("simpson", "trapezoid"))
    a = check_real(a, "a")
    b = check_real(b, "b")
    n = check_int(n, "n", minimum=1)
    if method == "simpson" and n % 2:
        raise ValueError(f"n must be even for Simpson's rule, got {n}")
    x = np.linspace(a, b, n + 1)
    y = _call(f, x)
    if y.shape != x.shape:
        raise ValueError(
            f"f must work elementwise: f(x) has shape {y.shape} for x of shape {x.shape}"
        )
    if not np.all(np.isfinite(y)):
        raise ValueError("f returned a non-finite value on [a, b]")
    h = (b - a) / n
    if method == "trapezoid":
        return float(h * (y[0] / 2 + y[1:-1].sum() + y[-1] / 2))
    return float(h / 3 * (y[0] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum() + y[-1]))


def monte_carlo_integrate(
    f: Callable[[np.ndarray], Any],
    a: float,
    b: float,
    n: int,
    rng: np.random.Generator | None = None,
) -> tuple[float, float]:
    r"""Monte Carlo estimate of :math:`\int_a^b f(x)\,dx` and its standard error.

    With :math:`U_1, \dots, U_n` uniform on :math:`[a, b]`, the estimate
    :math:`(b - a)\,\overline{f(U)}` is unbiased, and its standard error
    :math:`(b - a)\, s / \sqrt{n}` (with :math:`s` the sample standard
    deviation of the :math:`f(U_i)`) shrinks like :math:`n^{-1/2}` in any
    dimension.
    """
    a = check_real(a, "a")
    b = check_real(b, "b")
    n = check_int(n, "n", minimum=2)
    rng = np.random.default_rng() if rng is None else rng
    u = rng.uniform(a, b, size=n)
    y = _call(f, u)
    if y.shape != u.shape:
        raise ValueError(f"f must work elementwise: f(x) has shape {y.shape} for {u.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("f returned a non-finite value on [a, b]")
    width = b - a
    return float(width * y.mean()), float(abs(width) * y.std(ddof=1) / np.sqrt(n))


def check_gradient(
    f: Callable[[np.ndarray], Any],
    grad_f: Callable[[np.ndarray], Any],
    x: Any,
    h: float | None = None,
) -> float:
    r"""The largest relative error between ``grad_f(x)`` and a numerical gradient.

    .. math:: \max_i \frac{|g_i - \hat g_i|}{\max(|g_i|, |\hat g_i|, 10^{-7})}

    where :math:`\hat g` is :func:`gradient` of ``f``. Entries below
    :math:`10^{-7}` in magnitude are thus compared absolutely. A correct
    gradient typically gives :math:`10^{-8}` or less; a bug gives
    something of order 1.
    """
    x = _point(x)
    g = np.asarray(grad_f(x), dtype=np.float64)
    if g.shape != x.shape:
        raise ValueError(f"grad_f must return the shape of x, {x.shape}; got {g.shape}")
    if not np.all(np.isfinite(g)):
        raise ValueError("grad_f returned a non-finite value")
    numerical = gradient(f, x, h)
    scale = np.maximum(np.maximum(np.abs(g), np.abs(numerical)), 1e-7)
    return float(np.max(np.abs(g - numerical) / scale))
