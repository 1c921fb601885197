"""Numerical methods: computing in floating point without losing the answer.

Part 07 (``book/07-numerical-methods/``) teaches these; Part 03 already needs
:func:`logsumexp` to normalise posteriors and mixture responsibilities in
log space.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlmath._validation import as_array

__all__ = ["logsumexp"]


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
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if not keepdims:
        out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())
    return out[()] if out.ndim == 0 else out
