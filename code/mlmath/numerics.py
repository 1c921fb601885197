"""Numerical methods: computing in floating point without losing the answer.

Part 07 (``book/07-numerical-methods/``) teaches these; Part 03 already needs
:func:`logsumexp` to normalise posteriors and mixture responsibilities in
log space, and Part 05's losses need the stable :func:`softmax`,
:func:`log_softmax`, :func:`sigmoid` and :func:`softplus`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlmath._validation import as_array

__all__ = ["log_softmax", "logsumexp", "sigmoid", "softmax", "softplus"]


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


def log_softmax(x: Any, axis: int = -1) -> Any:
    r"""The stable log-softmax along ``axis``.

    :math:`\log \operatorname{softmax}(x)_i = x_i - \log\sum_j e^{x_j}`,

    computed as ``x - logsumexp(x)``, so it stays finite where
    ``log(softmax(x))`` would give ``log(0) = -inf``.
    """
    x = as_array(x, "x")
    return x - logsumexp(x, axis=axis, keepdims=True)


def softmax(x: Any, axis: int = -1) -> Any:
    r"""The softmax :math:`e^{x_i} / \sum_j e^{x_j}` along ``axis``, without overflow.

    The largest entry is subtracted first (softmax does not change when a
    constant is added to every entry), so every exponent is at most 0.
    """
    x = as_array(x, "x")
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
