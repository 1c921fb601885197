r"""Information theory: entropy, cross-entropy, divergences, mutual information.

Part 06 (``book/06-information-theory/``) teaches these. Every quantity is
in nats (natural logarithms) unless ``base`` is given: ``base=2`` gives bits.
A distribution is an array of probabilities that are non-negative and sum
to 1; anything else raises ``ValueError`` naming the problem. Terms with
probability 0 contribute 0, by the convention :math:`0 \log 0 = 0` (the
limit of :math:`p \log p` as :math:`p \to 0`).

Quantities that are never negative in exact arithmetic (KL and
Jensen-Shannon divergences, mutual information, conditional entropy) can come
out as :math:`-10^{-17}` from rounding; they are clipped at 0.
"""

from __future__ import annotations

import heapq
import itertools
from typing import Any

import numpy as np

from mlmath._validation import as_array, check_distribution, check_positive

__all__ = [
    "binary_entropy",
    "conditional_entropy",
    "cross_entropy",
    "entropy",
    "gaussian_kl",
    "huffman_code",
    "joint_distribution",
    "joint_entropy",
    "js_divergence",
    "kl_divergence",
    "mutual_information",
    "mutual_information_from_samples",
]


def _distribution(p: Any, name: str, *, ndim: int | None = None) -> np.ndarray:
    """``p`` as a float array, checked to be one distribution over all its entries."""
    arr = as_array(p, name, ndim=ndim)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be an array of probabilities, got a scalar")
    check_distribution(arr.ravel(), name)
    return arr


def _pair(p: Any, q: Any) -> tuple[np.ndarray, np.ndarray]:
    p = _distribution(p, "p")
    q = _distribution(q, "q")
    if p.shape != q.shape:
        raise ValueError(f"p and q must have the same shape, got {p.shape} and {q.shape}")
    return p, q


def _in_base(value: Any, base: Any) -> Any:
    """Convert nats to the unit of ``base`` (None keeps nats)."""
    if base is None:
        return value
    base = check_positive(base, "base")
    if base == 1.0:
        raise ValueError("base must not be 1: log 1 = 0")
    return value / np.log(base)


def _sum_plogq(p: np.ndarray, q: np.ndarray) -> float:
    """:math:`\\sum_i p_i \\log q_i` over the entries with p > 0 (-inf where q = 0 < p)."""
    pos = p > 0
    with np.errstate(divide="ignore", under="ignore"):  # log 0 = -inf; tiny products
        return float(np.sum(p[pos] * np.log(q[pos])))


def _log_ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log(a / b) for positive a and b, without overflow.

    The log of the ratio when the ratio is a normal float (more accurate when
    a is close to b), else the difference of the logs: 1 / 1e-311 overflows,
    log(1) - log(1e-311) does not.
    """
    with np.errstate(over="ignore", under="ignore"):
        ratio = a / b
    ok = np.isfinite(ratio) & (ratio >= np.finfo(np.float64).tiny)
    with np.errstate(divide="ignore"):
        return np.where(ok, np.log(np.where(ok, ratio, 1.0)), np.log(a) - np.log(b))


def _nonnegative(value: float) -> float:
    return max(float(value), 0.0)


def entropy(p: Any, base: Any = None) -> float:
    r"""The entropy :math:`H(p) = -\sum_i p_i \log p_i`, the average surprise.

    ``p`` may have any shape; all its entries together form one distribution,
    so ``entropy(pxy)`` of a joint table is the joint entropy. The result
    lies between 0 (a point mass) and :math:`\log K` for K entries (the
    uniform distribution).

    Raises ``ValueError`` unless ``p`` is a distribution (non-negative, summing
    to 1 within 1e-8).
    """
    p = _distribution(p, "p")
    return float(_in_base(-_sum_plogq(p, p), base)) + 0.0


def binary_entropy(p: Any, base: Any = None) -> Any:
    r"""The entropy of a coin with heads probability p, entry by entry.

    :math:`h(p) = -p \log p - (1 - p) \log(1 - p)`, with :math:`h(0) = h(1) = 0`
    and the maximum :math:`\log 2` at :math:`p = 1/2`. ``p`` may be a number or
    an array of numbers in [0, 1].
    """
    p = as_array(p, "p", non_empty=False)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must lie in [0, 1]")
    q = 1.0 - p
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        h = -np.where(p > 0, p * np.log(p), 0.0) - np.where(q > 0, q * np.log1p(-p), 0.0)
    h = _in_base(h, base) + 0.0  # no -0.0 at p = 1
    return float(h) if h.ndim == 0 else h


def cross_entropy(p: Any, q: Any, base: Any = None) -> float:
    r"""The cross-entropy :math:`H(p, q) = -\sum_i p_i \log q_i`.

    The average code length (in nats) when data from ``p`` are coded with
    the code that is optimal for ``q``. It is :math:`\infty` when q gives
    probability 0 to an outcome that p can produce. Equals
    ``entropy(p) + kl_divergence(p, q)``.
    """
    p, q = _pair(p, q)
    return float(_in_base(-_sum_plogq(p, q), base)) + 0.0


def kl_divergence(p: Any, q: Any, base: Any = None) -> float:
    r"""The Kullback-Leibler divergence of q from p, in nats.

    :math:`D_{\mathrm{KL}}(p \,\|\, q) = \sum_i p_i \log(p_i / q_i)`.

    Zero exactly when p = q, positive otherwise, and :math:`\infty` when q
    gives probability 0 to an outcome of positive probability under p. Not
    symmetric in p and q.
    """
    p, q = _pair(p, q)
    if np.any((q == 0) & (p > 0)):
        return float(np.inf)
    pos = p > 0
    with np.errstate(under="ignore"):  # a subnormal p times a log: harmless
        value = np.sum(p[pos] * _log_ratio(p[pos], q[pos]))
    return float(_in_base(_nonnegative(value), base))


def js_divergence(p: Any, q: Any, base: Any = None) -> float:
    r"""The Jensen-Shannon divergence of p and q, in nats.

    :math:`\tfrac12 D_{\mathrm{KL}}(p\,\|\,m) + \tfrac12 D_{\mathrm{KL}}(q\,\|\,m)`
    with :math:`m = (p + q)/2`. Symmetric, always finite, and at most
    :math:`\log 2` (1 bit), reached when p and q have disjoint supports.
    """
    p, q = _pair(p, q)
    m = (p + q) / 2
    value = (kl_divergence(p, m) + kl_divergence(q, m)) / 2
    return float(_in_base(min(_nonnegative(value), np.log(2.0)), base))


def gaussian_kl(mu_p: Any, var_p: Any, mu_q: Any, var_q: Any) -> Any:
    r"""The KL divergence between two univariate Gaussians, in nats, in closed form.

    .. math::

        D_{\mathrm{KL}}\big(\mathcal{N}(\mu_p, \sigma_p^2) \,\|\,
        \mathcal{N}(\mu_q, \sigma_q^2)\big)
        = \frac12\Big(\log\frac{\sigma_q^2}{\sigma_p^2}
          + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{\sigma_q^2} - 1\Big).

    The arguments broadcast against each other; variances must be positive.
    """
    mu_p = as_array(mu_p, "mu_p")
    mu_q = as_array(mu_q, "mu_q")
    var_p = as_array(var_p, "var_p")
    var_q = as_array(var_q, "var_q")
    for var, name in ((var_p, "var_p"), (var_q, "var_q")):
        if np.any(var <= 0):
            raise ValueError(f"{name} must be positive, got a smallest entry of {var.min():.3g}")
    ratio = var_p / var_q
    out = 0.5 * (ratio - 1.0 - np.log(ratio) + (mu_p - mu_q) ** 2 / var_q)
    out = np.maximum(out, 0.0)
    return float(out) if out.ndim == 0 else out


def _table(pxy: Any) -> np.ndarray:
    return _distribution(pxy, "pxy", ndim=2)


def joint_entropy(pxy: Any, base: Any = None) -> float:
    r"""The joint entropy :math:`H(X, Y)` of a 2-D table :math:`p(x, y)`."""
    return entropy(_table(pxy), base)


def conditional_entropy(pxy: Any, base: Any = None) -> float:
    r"""The conditional entropy :math:`H(Y \mid X) = -\sum_{x,y} p(x, y) \log p(y \mid x)`.

    Rows of ``pxy`` index X and columns index Y. Equals
    :math:`H(X, Y) - H(X)` (the chain rule).
    """
    pxy = _table(pxy)
    px = pxy.sum(axis=1, keepdims=True)
    pos = pxy > 0
    with np.errstate(under="ignore"):  # a subnormal p times a log: harmless
        value = -np.sum(pxy[pos] * np.log((pxy / np.where(px > 0, px, 1.0))[pos]))
    return float(_in_base(_nonnegative(value), base))


def mutual_information(pxy: Any, base: Any = None) -> float:
    r"""The mutual information :math:`I(X; Y) = \sum_{x,y} p(x,y) \log\frac{p(x,y)}{p(x)p(y)}`.

    Rows of ``pxy`` index X and columns index Y. Equals
    :math:`H(Y) - H(Y \mid X)` and the KL divergence from the product of the
    marginals to the joint; 0 exactly when X and Y are independent.
    """
    pxy = _table(pxy)
    px = pxy.sum(axis=1, keepdims=True)
    py = pxy.sum(axis=0, keepdims=True)
    pos = pxy > 0
    with np.errstate(under="ignore"):  # products of tiny probabilities: harmless
        value = np.sum(pxy[pos] * _log_ratio(pxy[pos], (px * py)[pos]))
    return float(_in_base(_nonnegative(value), base))


def _labels(x: Any, name: str) -> np.ndarray:
    arr = np.asarray(x)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of labels, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if arr.dtype.kind == "f" and np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    if arr.dtype.kind == "O":
        raise TypeError(f"{name} must hold numbers or strings, got dtype object")
    return arr


def joint_distribution(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The empirical joint distribution of paired discrete labels.

    Returns ``(pxy, x_values, y_values)``: ``pxy[i, j]`` is the fraction of
    pairs with ``x == x_values[i]`` and ``y == y_values[j]``, where the
    values are the sorted distinct labels. Labels may be integers, strings
    or floats (each distinct float is its own label).
    """
    x = _labels(x, "x")
    y = _labels(y, "y")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    xv, xi = np.unique(x, return_inverse=True)
    yv, yi = np.unique(y, return_inverse=True)
    counts = np.bincount(xi * yv.size + yi, minlength=xv.size * yv.size)
    return counts.reshape(xv.size, yv.size) / x.size, xv, yv


def mutual_information_from_samples(x: Any, y: Any, base: Any = None) -> float:
    """The plug-in estimate of :math:`I(X; Y)` from paired discrete labels.

    The mutual information of the empirical joint distribution
    (:func:`joint_distribution`). It is biased upward: for independent
    labels with a and b distinct values it averages about
    :math:`(a - 1)(b - 1) / (2n)` nats rather than 0.
    """
    return mutual_information(joint_distribution(x, y)[0], base)


def huffman_code(p: Any) -> list[str]:
    """An optimal prefix code for the distribution ``p`` (Huffman's algorithm).

    Returns one codeword (a string of ``"0"`` and ``"1"``) per symbol, in the
    order of ``p``. The two least probable subtrees are merged again and
    again; ties are broken by creation order, so the code is deterministic.
    Its average length L satisfies :math:`H_2(p) \\le L < H_2(p) + 1` bits. A
    single symbol gets the codeword ``"0"``.
    """
    p = _distribution(p, "p", ndim=1)
    if p.size == 1:
        return ["0"]
    order = itertools.count()
    heap: list[tuple[float, int, list[int]]] = [
        (float(pi), next(order), [i]) for i, pi in enumerate(p)
    ]
    heapq.heapify(heap)
    codes = [""] * p.size
    while len(heap) > 1:
        p0, _, group0 = heapq.heappop(heap)
        p1, _, group1 = heapq.heappop(heap)
        for i in group0:
            codes[i] = "0" + codes[i]
        for i in group1:
            codes[i] = "1" + codes[i]
        heapq.heappush(heap, (p0 + p1, next(order), group0 + group1))
    return codes
