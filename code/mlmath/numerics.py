"""Numerical methods: computing in floating point without losing the answer.

Part 07 (``book/07-numerical-methods/``) teaches these: how floats are
stored (:func:`float_bits`, :func:`machine_epsilon`), how sums lose digits
and how to keep them (:func:`naive_sum`, :func:`kahan_sum`), how sensitive a
linear system is (:func:`condition_number`), and how to measure the damage
(:func:`relative_error`). Part 03 already needs :func:`logsumexp` to
normalise posteriors and mixture responsibilities in log space, and Part
05's losses need the stable :func:`softmax`, :func:`log_softmax`,
:func:`sigmoid` and :func:`softplus`.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from mlmath import linalg
from mlmath._validation import as_array

__all__ = [
    "FloatBits",
    "condition_number",
    "float_bits",
    "kahan_sum",
    "log_softmax",
    "logsumexp",
    "machine_epsilon",
    "naive_sum",
    "relative_error",
    "sigmoid",
    "softmax",
    "softplus",
]

_FLOATS = (np.float16, np.float32, np.float64)


def logsumexp(x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Any:
    r"""The stable :math:`\log \sum_i e^{x_i}`, over all entries or along ``axis``.

    Shifting by the largest entry :math:`m` changes nothing mathematically,

    .. math:: \log \sum_i e^{x_i} = m + \log \sum_i e^{x_i - m},

    but every exponent is then at most 0, so nothing overflows and the
    largest term is exactly 1, so the sum never underflows to zero. Entries
    may be :math:`-\infty` (the log of a zero probability); a slice that is
    all :math:`-\infty` gives :math:`-\infty`.

    Raises ``ValueError`` for NaN or :math:`+\infty` entries.
    """
    x = as_array(x, "x", finite=False)
    if np.any(np.isnan(x)) or np.any(x == np.inf):
        raise ValueError("x must not contain NaN or +inf")
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore", under="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if not keepdims:
        out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())
    return out[()] if out.ndim == 0 else out


def _logits(x: Any, axis: int) -> np.ndarray:
    """Logits for softmax: finite or -inf, with a finite entry in every slice."""
    x = as_array(x, "x", finite=False)
    if np.any(np.isnan(x)) or np.any(x == np.inf):
        raise ValueError("x must not contain NaN or +inf")
    if x.ndim and np.any(np.all(x == -np.inf, axis=axis)):
        raise ValueError(
            "every slice of x along axis needs a finite entry: all -inf has no softmax"
        )
    if x.ndim == 0 and x == -np.inf:
        raise ValueError("x is -inf: it has no softmax")
    return x


def log_softmax(x: Any, axis: int = -1) -> Any:
    r"""The stable log-softmax along ``axis``.

    :math:`\log \operatorname{softmax}(x)_i = x_i - \log\sum_j e^{x_j}`,

    computed as ``x - logsumexp(x)``, so it stays finite where
    ``log(softmax(x))`` would give ``log(0) = -inf``. Entries may be
    :math:`-\infty` (a masked logit, as in attention) and give
    :math:`-\infty`; see :func:`softmax`.
    """
    x = _logits(x, axis)
    with np.errstate(invalid="ignore"):  # -inf - finite = -inf: fine
        return x - logsumexp(x, axis=axis, keepdims=True)


def softmax(x: Any, axis: int = -1) -> Any:
    r"""The softmax :math:`e^{x_i} / \sum_j e^{x_j}` along ``axis``, without overflow.

    The largest entry is subtracted first (softmax does not change when a
    constant is added to every entry), so every exponent is at most 0.
    Entries may be :math:`-\infty`, the way attention masks a position: they
    get probability exactly 0. A slice that is entirely :math:`-\infty`, NaN
    or :math:`+\infty` raises ``ValueError``.
    """
    x = _logits(x, axis)
    with np.errstate(under="ignore"):  # tiny terms may underflow to 0: harmless
        z = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return z / np.sum(z, axis=axis, keepdims=True)


def sigmoid(x: Any) -> Any:
    r"""The logistic function :math:`1 / (1 + e^{-x})`, without overflow for any finite x.

    For :math:`x \ge 0` it uses :math:`1/(1 + e^{-x})`, for :math:`x < 0`
    the equal form :math:`e^{x}/(1 + e^{x})`: each exponent is
    :math:`-\lvert x\rvert \le 0`.
    """
    x = as_array(x, "x", non_empty=False)
    with np.errstate(under="ignore"):  # e^{-|x|} may underflow to 0: harmless
        e = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out[()] if out.ndim == 0 else out


def softplus(x: Any) -> Any:
    r"""The softplus :math:`\log(1 + e^{x})`, without overflow.

    Computed as :math:`\max(x, 0) + \log(1 + e^{-\lvert x\rvert})`, which
    never overflows and keeps full relative accuracy for very negative x,
    where the result is about :math:`e^{x}`.
    """
    x = as_array(x, "x", non_empty=False)
    with np.errstate(under="ignore"):  # e^{-|x|} may underflow to 0: harmless
        out = np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))
    return out[()] if out.ndim == 0 else out


def _float_dtype(dtype: Any, *, allow_longdouble: bool = False) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be a NumPy floating type, got {dtype!r}") from None
    allowed = _FLOATS + ((np.longdouble,) if allow_longdouble else ())
    if dt.type not in allowed:
        names = ", ".join(np.dtype(t).name for t in allowed)
        raise ValueError(f"dtype must be one of {names}, got {dt.name}")
    return dt


def machine_epsilon(dtype: Any = np.float64) -> Any:
    r"""The gap between 1 and the next larger float of ``dtype``, found by halving.

    Start from :math:`\varepsilon = 1` and halve it while
    :math:`1 + \varepsilon/2` still rounds to a number above 1, with every
    operation in ``dtype``. For a format with p bits of precision (the
    stored fraction bits plus the hidden leading 1) the loop stops at
    :math:`2^{1-p}`: :math:`2^{-52}` for float64 (p = 53), :math:`2^{-23}`
    for float32, :math:`2^{-10}` for float16, equal to ``np.finfo(dtype).eps``.
    Returns a scalar of ``dtype``.
    """
    dt = _float_dtype(dtype, allow_longdouble=True)
    one, two = dt.type(1), dt.type(2)
    eps = one
    while one + eps / two > one:
        eps = eps / two
    return eps


class FloatBits(NamedTuple):
    """The three fields of an IEEE 754 binary float, as strings of bits."""

    sign: str
    exponent: str
    fraction: str


def float_bits(x: Any, dtype: Any = np.float64) -> FloatBits:
    """The sign, exponent and fraction bits of ``x`` stored as ``dtype``.

    float64 has 1 sign bit, 11 exponent bits (biased by 1023) and 52
    fraction bits; float32 has 1, 8 (bias 127) and 23; float16 has 1, 5
    (bias 15) and 10. ``x`` is first rounded to ``dtype``. Infinities and NaN
    are allowed: their exponent bits are all ones.
    """
    dt = _float_dtype(dtype)
    arr = np.asarray(x)
    if arr.ndim != 0 or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"x must be a single real number, got {x!r}")
    if np.iscomplexobj(arr):
        raise TypeError("x must be real, got a complex number")
    n_fraction = np.finfo(dt).nmant
    n_bits = 8 * dt.itemsize
    with np.errstate(over="ignore"):  # a float64 too large for float16 becomes inf, as stored
        word = int(np.asarray(arr, dtype=dt).view(f"u{dt.itemsize}"))
    bits = format(word, f"0{n_bits}b")
    return FloatBits(bits[0], bits[1 : n_bits - n_fraction], bits[n_bits - n_fraction :])


def _summands(x: Any) -> np.ndarray:
    """A 1-D float array, keeping float16/float32/float64 (other numbers become float64)."""
    arr = np.asarray(x)
    if arr.dtype.type not in _FLOATS:
        arr = as_array(arr, "x", non_empty=False)
    if arr.ndim != 1:
        raise ValueError(f"x must be 1-D, got an array of shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("x must contain only finite numbers (no NaN or inf)")
    return arr


def naive_sum(x: Any) -> Any:
    r"""The left-to-right sum :math:`(\cdots((x_1 + x_2) + x_3) + \cdots) + x_n` in x's dtype.

    The textbook recursive summation: each addition rounds once, and the
    error can grow like :math:`(n - 1)u\sum_i |x_i|` with u the unit roundoff.
    ``np.sum`` is more accurate because it adds in pairs. float16, float32
    and float64 inputs are summed in their own precision; other numbers as
    float64. Returns a scalar of that dtype (0 for an empty array).
    """
    arr = _summands(x)
    if arr.size == 0:
        return arr.dtype.type(0)
    return np.cumsum(arr, dtype=arr.dtype)[-1]  # cumsum adds strictly in order


def kahan_sum(x: Any) -> Any:
    r"""The compensated (Kahan) sum of a 1-D array, in x's dtype.

    A second variable c carries the low-order bits that each addition to the
    running sum s loses, and feeds them back into the next term:

    .. math:: y = x_i - c,\quad t = s + y,\quad c = (t - s) - y,\quad s = t.

    The error bound no longer grows with n: it is about
    :math:`2u\sum_i|x_i|` plus a term of order :math:`nu^2`. The accumulator
    and the compensation are kept in x's dtype (float16, float32 or float64;
    other numbers become float64), so float32 data show the gain. Returns a
    scalar of that dtype.
    """
    arr = _summands(x)
    if arr.dtype == np.float64:
        values: Any = arr.tolist()  # Python floats are IEEE doubles: same rounding, faster
        s = c = 0.0
    else:
        values = list(arr)
        s = c = arr.dtype.type(0)
    for v in values:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return arr.dtype.type(s)


def condition_number(A: Any) -> float:
    r"""The 2-norm condition number :math:`\kappa(\mA) = \sigma_{\max} / \sigma_{\min}`.

    The singular values come from :func:`mlmath.linalg.svd` (one-sided
    Jacobi). A relative change of size :math:`\delta` in the right-hand side
    of :math:`\mA\vx = \vb` can change the solution by up to
    :math:`\kappa\delta`. ``A`` may be rectangular (then
    :math:`\sigma_{\min}` is the smallest of its min(m, n) singular values);
    the result is ``inf`` when that is 0.
    """
    A = as_array(A, "A", ndim=2)
    S = linalg.svd(A)[1]
    if S[-1] == 0:
        return float(np.inf)
    return float(S[0] / S[-1])


def relative_error(approx: Any, exact: Any, elementwise: bool = False) -> Any:
    r"""How wrong ``approx`` is, relative to the size of ``exact``.

    By default :math:`\lVert a - e\rVert_2 / \lVert e\rVert_2` over all entries
    (a single number); with ``elementwise=True`` the array
    :math:`|a_i - e_i| / |e_i|`. About :math:`10^{-k}` means k correct
    significant digits. Raises ``ValueError`` when ``exact`` is zero (where
    the relative error is undefined), or when the shapes differ.
    """
    a = as_array(approx, "approx", finite=False)
    e = as_array(exact, "exact")
    if a.shape != e.shape:
        raise ValueError(f"approx and exact must have the same shape, got {a.shape} and {e.shape}")
    if elementwise:
        if np.any(e == 0):
            raise ValueError("exact has zero entries: the relative error is undefined there")
        out = np.abs(a - e) / np.abs(e)
        return float(out) if out.ndim == 0 else out
    scale = np.max(np.abs(e))
    if scale == 0:
        raise ValueError("exact is zero: the relative error is undefined")
    return float(np.linalg.norm((a - e).ravel() / scale) / np.linalg.norm(e.ravel() / scale))
