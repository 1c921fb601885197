"""Probability distributions from scratch: densities, moments and samplers.

Part 03 (``book/03-probability/``). Every distribution has its density or
mass function in closed form, its log (computed directly, never as the log
of an underflowed density), its CDF when it is univariate, its mean and
variance, and a sampler built from uniform draws ``rng.random()`` by the
method the *distributions* page teaches:

=====================  ===================================================
Bernoulli              ``u < p``
Categorical, Binomial,  the inverse CDF: a table of cumulative probabilities
Poisson                and a search for the first entry above ``u``
Multinomial            ``n`` categorical draws, counted
Uniform                ``low + (high - low) * u``
Exponential            the inverse CDF ``-log(1 - u) / rate``
Gaussian               Box–Muller, :func:`box_muller`
Beta                   ``X / (X + Y)`` for gamma variates (Marsaglia–Tsang)
MultivariateGaussian   ``mean + L z`` with ``L`` the Cholesky factor of
                       ``cov`` (:func:`mlmath.linalg.cholesky`)
=====================  ===================================================

``scipy.special`` supplies special functions no page teaches (log-gamma,
the error function, the incomplete beta and gamma functions); the
distributions themselves are written out here and checked against
``scipy.stats`` in the tests.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
from scipy import special

from mlmath import linalg
from mlmath._validation import (
    as_array,
    as_generator,
    check_distribution,
    check_int,
    check_positive,
    check_probability,
    check_real,
)
from mlmath.numerics import logsumexp

__all__ = [
    "Bernoulli",
    "Beta",
    "Binomial",
    "Categorical",
    "Exponential",
    "Gaussian",
    "Multinomial",
    "MultivariateGaussian",
    "Poisson",
    "Uniform",
    "bayes_posterior",
    "box_muller",
]

_LOG_2PI = math.log(2.0 * math.pi)


# ---------------------------------------------------------------- helpers


def _rng(rng: Any) -> np.random.Generator:
    return as_generator(rng)


def _size(size: Any) -> tuple[int, ...]:
    if size is None:
        return ()
    if isinstance(size, numbers.Integral) and not isinstance(size, bool):
        return (check_int(size, "size", minimum=0),)
    if isinstance(size, tuple):
        return tuple(check_int(s, "size", minimum=0) for s in size)
    raise TypeError(f"size must be None, an int or a tuple of ints, got {type(size).__name__}")


def _points(x: Any, name: str = "x") -> np.ndarray:
    """Points at which to evaluate: any real array; infinities allowed, NaN not."""
    arr = as_array(x, name, finite=False, non_empty=False)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    return arr


def _out(arr: np.ndarray) -> Any:
    """A 0-d result as a NumPy scalar, anything else unchanged."""
    return arr[()] if np.ndim(arr) == 0 else arr


def _is_whole(k: np.ndarray) -> np.ndarray:
    return np.isfinite(k) & (k == np.floor(k))


def box_muller(u1: Any, u2: Any) -> tuple[np.ndarray, np.ndarray]:
    r"""Two independent standard normals from two independent uniforms.

    .. math::

        R = \sqrt{-2\log U_1}, \qquad Z_1 = R\cos(2\pi U_2), \qquad
        Z_2 = R\sin(2\pi U_2)

    with :math:`U_1` uniform on :math:`(0, 1]` and :math:`U_2` on
    :math:`[0, 1)`. In polar coordinates a pair of independent standard
    normals has a uniform angle and a squared radius :math:`R^2` that is
    exponential with rate 1/2, and :math:`-2\log U_1` is exactly such an
    exponential variate (Box and Muller, 1958).
    """
    u1 = as_array(u1, "u1", non_empty=False)
    u2 = as_array(u2, "u2", non_empty=False)
    if np.any((u1 <= 0) | (u1 > 1)):
        raise ValueError("u1 must lie in (0, 1]: log(0) is -inf")
    if np.any((u2 < 0) | (u2 > 1)):
        raise ValueError("u2 must lie in [0, 1]")
    r = np.sqrt(-2.0 * np.log(u1))
    theta = 2.0 * np.pi * u2
    return r * np.cos(theta), r * np.sin(theta)


def _standard_normal(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Standard normal draws by Box–Muller: each pair of uniforms gives two."""
    m = math.prod(shape)
    half = (m + 1) // 2
    u1 = 1.0 - rng.random(half)  # in (0, 1]
    z1, z2 = box_muller(u1, rng.random(half))
    return np.concatenate([z1, z2])[:m].reshape(shape)


def _log_gamma_variates(a: float, m: int, rng: np.random.Generator) -> np.ndarray:
    r"""Logs of ``m`` Gamma(a, 1) variates (Marsaglia and Tsang, 2000).

    For :math:`a \ge 1`, with :math:`d = a - 1/3` and :math:`c = 1/\sqrt{9d}`,
    propose :math:`V = (1 + cZ)^3` for a standard normal :math:`Z` and keep
    :math:`dV` when :math:`\log U < Z^2/2 + d - dV + d\log V`. For
    :math:`a < 1` use :math:`G_{a} = G_{a+1} U^{1/a}`. Logs are returned so
    that tiny shapes, whose variates underflow to zero, still give a ratio.
    """
    if a < 1.0:
        log_u = np.log(1.0 - rng.random(m))
        return _log_gamma_variates(a + 1.0, m, rng) + log_u / a
    d = a - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    kept: list[np.ndarray] = []
    need = m
    while need > 0:
        batch = need + need // 10 + 16
        z = _standard_normal(rng, (batch,))
        log_u = np.log(1.0 - rng.random(batch))
        v = (1.0 + c * z) ** 3
        ok = v > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            log_v = np.log(np.where(ok, v, 1.0))
        ok &= log_u < 0.5 * z**2 + d - d * v + d * log_v
        kept.append(math.log(d) + log_v[ok][:need])
        need -= min(need, int(ok.sum()))
    return np.concatenate(kept) if kept else np.empty(0)


class _Distribution:
    """What every distribution shares: a repr and the standard deviation."""

    _params: tuple[str, ...] = ()

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._params)
        return f"{type(self).__name__}({args})"

    def mean(self) -> Any:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def var(self) -> Any:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def std(self) -> Any:
        """The standard deviation, the square root of :meth:`var`."""
        return np.sqrt(self.var())


class _Discrete(_Distribution):
    def logpmf(self, k: Any) -> Any:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def pmf(self, k: Any) -> Any:
        """The probability mass :math:`P(X = k)`, 0 off the support."""
        return _out(np.exp(self.logpmf(k)))


class _Continuous(_Distribution):
    def logpdf(self, x: Any) -> Any:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def pdf(self, x: Any) -> Any:
        """The density :math:`p(x)`, 0 off the support. A density, not a probability."""
        return _out(np.exp(self.logpdf(x)))


def _table_sample(cdf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Inverse-CDF sampling on the support 0, 1, ..., len(cdf) - 1.

    The draw is the smallest k with F(k) > u; rounding can leave the last
    cumulative probability a hair under 1, hence the clip.
    """
    return np.minimum(np.searchsorted(cdf, u, side="right"), cdf.size - 1).astype(np.int64)


# ---------------------------------------------------------------- discrete


class Bernoulli(_Discrete):
    r"""One trial that succeeds with probability ``p``: :math:`P(X=1) = p`.

    Mean :math:`p`, variance :math:`p(1-p)`. The label model behind binary
    cross-entropy.
    """

    _params = ("p",)

    def __init__(self, p: float):
        self.p = check_probability(p, "p")

    def logpmf(self, k: Any) -> Any:
        k = _points(k, "k")
        with np.errstate(divide="ignore"):
            out = np.where(k == 1, np.log(self.p), np.where(k == 0, np.log1p(-self.p), -np.inf))
        return _out(out)

    def cdf(self, k: Any) -> Any:
        k = _points(k, "k")
        return _out(np.where(k < 0, 0.0, np.where(k < 1, 1.0 - self.p, 1.0)))

    def mean(self) -> float:
        return self.p

    def var(self) -> float:
        return self.p * (1.0 - self.p)

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        """Draws as ints: 1 where a uniform ``u`` is below ``p``."""
        u = _rng(rng).random(_size(size))
        return _out((u < self.p).astype(np.int64))


class Binomial(_Discrete):
    r"""The number of successes in ``n`` independent Bernoulli(``p``) trials.

    .. math:: P(X = k) = \binom{n}{k} p^k (1-p)^{n-k}, \qquad k = 0, \dots, n

    Mean :math:`np`, variance :math:`np(1-p)`.
    """

    _params = ("n", "p")

    def __init__(self, n: int, p: float):
        self.n = check_int(n, "n", minimum=0)
        self.p = check_probability(p, "p")

    def logpmf(self, k: Any) -> Any:
        k = _points(k, "k")
        ok = _is_whole(k) & (k >= 0) & (k <= self.n)
        kk = np.where(ok, k, 0.0)
        n = self.n
        log_choose = special.gammaln(n + 1) - special.gammaln(kk + 1) - special.gammaln(n - kk + 1)
        out = log_choose + special.xlogy(kk, self.p) + special.xlog1py(n - kk, -self.p)
        return _out(np.where(ok, out, -np.inf))

    def _cdf_table(self) -> np.ndarray:
        return np.cumsum(np.exp(self.logpmf(np.arange(self.n + 1.0))))

    def cdf(self, k: Any) -> Any:
        k = _points(k, "k")
        table = self._cdf_table()
        idx = np.clip(np.floor(np.nan_to_num(k, posinf=self.n, neginf=-1)), -1, self.n)
        out = np.where(idx < 0, 0.0, table[np.maximum(idx, 0).astype(np.int64)])
        return _out(np.where(k >= self.n, 1.0, out))

    def mean(self) -> float:
        return self.n * self.p

    def var(self) -> float:
        return self.n * self.p * (1.0 - self.p)

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        """Draws by the inverse CDF on the table of :math:`F(0), \\dots, F(n)`."""
        u = _rng(rng).random(_size(size))
        return _out(_table_sample(self._cdf_table(), u))


class Categorical(_Discrete):
    r"""One of ``K`` labels :math:`0, \dots, K-1`, label ``k`` with probability ``probs[k]``.

    The label model behind softmax and cross-entropy. Mean and variance are
    those of the label as a number, :math:`\sum_k k\,\pi_k` and so on.
    """

    _params = ("probs",)

    def __init__(self, probs: Any):
        self.probs = check_distribution(probs, "probs")
        if self.probs.ndim != 1:
            raise ValueError(f"probs must be 1-D, got shape {self.probs.shape}")

    def logpmf(self, k: Any) -> Any:
        k = _points(k, "k")
        K = self.probs.size
        ok = _is_whole(k) & (k >= 0) & (k < K)
        with np.errstate(divide="ignore"):
            log_p = np.log(self.probs)
        return _out(np.where(ok, log_p[np.where(ok, k, 0).astype(np.int64)], -np.inf))

    def cdf(self, k: Any) -> Any:
        k = _points(k, "k")
        K = self.probs.size
        table = np.cumsum(self.probs)
        idx = np.clip(np.floor(np.nan_to_num(k, posinf=K, neginf=-1)), -1, K - 1)
        out = np.where(idx < 0, 0.0, table[np.maximum(idx, 0).astype(np.int64)])
        return _out(np.where(k >= K - 1, 1.0, out))

    def mean(self) -> float:
        return float(np.arange(self.probs.size) @ self.probs)

    def var(self) -> float:
        k = np.arange(self.probs.size)
        return float((k - self.mean()) ** 2 @ self.probs)

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        """Labels by the inverse CDF: the first ``k`` whose cumulative probability exceeds u."""
        u = _rng(rng).random(_size(size))
        return _out(_table_sample(np.cumsum(self.probs), u))


class Multinomial(_Discrete):
    r"""The counts of each of ``K`` labels in ``n`` independent categorical draws.

    .. math::

        P(\vx) = \frac{n!}{x_1! \cdots x_K!} \, \pi_1^{x_1} \cdots \pi_K^{x_K},
        \qquad \textstyle\sum_k x_k = n

    Mean :math:`n\pi_k`, variance :math:`n\pi_k(1-\pi_k)`, covariance
    :math:`n(\operatorname{diag}(\boldsymbol\pi) - \boldsymbol\pi\boldsymbol\pi^\T)`.
    The bag-of-words model of a document.
    """

    _params = ("n", "probs")

    def __init__(self, n: int, probs: Any):
        self.n = check_int(n, "n", minimum=0)
        self.probs = Categorical(probs).probs

    def logpmf(self, x: Any) -> Any:
        """Log-probability of count vectors ``x`` (last axis of length K)."""
        x = _points(x, "x")
        K = self.probs.size
        if x.ndim == 0 or x.shape[-1] != K:
            raise ValueError(f"x must be count vectors with last axis {K}, got shape {x.shape}")
        ok = np.all(_is_whole(x) & (x >= 0), axis=-1) & (x.sum(axis=-1) == self.n)
        xx = np.where(ok[..., None], x, 0.0)
        out = (
            special.gammaln(self.n + 1)
            - special.gammaln(xx + 1).sum(axis=-1)
            + special.xlogy(xx, self.probs).sum(axis=-1)
        )
        return _out(np.where(ok, out, -np.inf))

    def mean(self) -> np.ndarray:
        return self.n * self.probs

    def var(self) -> np.ndarray:
        return self.n * self.probs * (1.0 - self.probs)

    def cov(self) -> np.ndarray:
        """The covariance of the counts, :math:`n(\\operatorname{diag}\\pi - \\pi\\pi^\\T)`."""
        return self.n * (np.diag(self.probs) - np.outer(self.probs, self.probs))

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        """Count vectors of shape ``size + (K,)``: ``n`` categorical labels each, counted."""
        shape = _size(size)
        m, K = math.prod(shape), self.probs.size
        labels = Categorical(self.probs).sample((m, self.n), rng=rng)
        rows = np.repeat(np.arange(m), self.n)
        counts = np.bincount(rows * K + labels.ravel(), minlength=m * K)
        return counts.reshape((*shape, K)).astype(np.int64)


class Poisson(_Discrete):
    r"""Counts of rare events at average ``rate``: :math:`P(X=k) = \lambda^k e^{-\lambda}/k!`.

    Mean and variance both :math:`\lambda`.
    """

    _params = ("rate",)

    def __init__(self, rate: float):
        self.rate = check_positive(rate, "rate")

    def logpmf(self, k: Any) -> Any:
        k = _points(k, "k")
        ok = _is_whole(k) & (k >= 0)
        kk = np.where(ok, k, 0.0)
        out = kk * math.log(self.rate) - self.rate - special.gammaln(kk + 1)
        return _out(np.where(ok, out, -np.inf))

    def cdf(self, k: Any) -> Any:
        """:math:`P(X \\le k)`, through the regularized upper incomplete gamma function."""
        k = _points(k, "k")
        kk = np.floor(np.where(np.isfinite(k), k, 0.0))
        out = special.gammaincc(np.maximum(kk, 0) + 1, self.rate)
        return _out(np.where(k < 0, 0.0, np.where(k == np.inf, 1.0, out)))

    def mean(self) -> float:
        return self.rate

    def var(self) -> float:
        return self.rate

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        """Draws by the inverse CDF on a table reaching ten standard deviations past the mean.

        The probability beyond the table is below 1e-15 for every rate.
        """
        top = math.ceil(self.rate + 10.0 * math.sqrt(self.rate) + 10.0)
        table = np.cumsum(np.exp(self.logpmf(np.arange(top + 1.0))))
        return _out(_table_sample(table, _rng(rng).random(_size(size))))


# ---------------------------------------------------------------- continuous


class Uniform(_Continuous):
    r"""Constant density :math:`1/(b-a)` on :math:`[a, b]`.

    Mean :math:`(a+b)/2`, variance :math:`(b-a)^2/12`.
    """

    _params = ("low", "high")

    def __init__(self, low: float = 0.0, high: float = 1.0):
        self.low = check_real(low, "low")
        self.high = check_real(high, "high")
        if not self.low < self.high:
            raise ValueError(f"low must be less than high, got low={self.low}, high={self.high}")

    def logpdf(self, x: Any) -> Any:
        x = _points(x)
        inside = (x >= self.low) & (x <= self.high)
        return _out(np.where(inside, -math.log(self.high - self.low), -np.inf))

    def cdf(self, x: Any) -> Any:
        x = _points(x)
        return _out(np.clip((x - self.low) / (self.high - self.low), 0.0, 1.0))

    def ppf(self, q: Any) -> Any:
        """The inverse CDF :math:`a + (b-a)q`."""
        q = _quantiles(q)
        return _out(self.low + (self.high - self.low) * q)

    def mean(self) -> float:
        return 0.5 * (self.low + self.high)

    def var(self) -> float:
        return (self.high - self.low) ** 2 / 12.0

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        return self.ppf(_rng(rng).random(_size(size)))


def _quantiles(q: Any) -> np.ndarray:
    q = as_array(q, "q", non_empty=False)
    if np.any((q < 0) | (q > 1)):
        raise ValueError("q must lie in [0, 1]: it is a probability")
    return q


class Gaussian(_Continuous):
    r"""The normal distribution :math:`\mathcal{N}(\mu, \sigma^2)`, given ``mean`` and ``std``.

    .. math:: p(x) = \frac{1}{\sigma\sqrt{2\pi}} \exp\Big(-\frac{(x-\mu)^2}{2\sigma^2}\Big)

    Note the second argument is the standard deviation :math:`\sigma`, as in
    NumPy, while the notation :math:`\mathcal{N}(\mu, \sigma^2)` names the
    variance. Sampling is :math:`\mu + \sigma Z` with :math:`Z` from
    :func:`box_muller`.
    """

    _params = ("mu", "sigma")

    def __init__(self, mean: float = 0.0, std: float = 1.0):
        self.mu = check_real(mean, "mean")
        self.sigma = check_positive(std, "std")

    def logpdf(self, x: Any) -> Any:
        z = (_points(x) - self.mu) / self.sigma
        return _out(-0.5 * _LOG_2PI - math.log(self.sigma) - 0.5 * z**2)

    def cdf(self, x: Any) -> Any:
        """:math:`\\Phi((x-\\mu)/\\sigma)`, through the error function."""
        z = (_points(x) - self.mu) / self.sigma
        return _out(special.ndtr(z))

    def ppf(self, q: Any) -> Any:
        """The inverse CDF :math:`\\mu + \\sigma\\Phi^{-1}(q)`."""
        return _out(self.mu + self.sigma * special.ndtri(_quantiles(q)))

    def mean(self) -> float:
        return self.mu

    def var(self) -> float:
        return self.sigma**2

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        z = _standard_normal(_rng(rng), _size(size))
        return _out(self.mu + self.sigma * z)


class Exponential(_Continuous):
    r"""Waiting times at ``rate``: :math:`p(x) = \lambda e^{-\lambda x}` for :math:`x \ge 0`.

    :math:`F(x) = 1 - e^{-\lambda x}`, so :math:`F^{-1}(u) = -\log(1-u)/\lambda`,
    which is how :meth:`sample` turns uniforms into waiting times. Mean
    :math:`1/\lambda`, variance :math:`1/\lambda^2`.
    """

    _params = ("rate",)

    def __init__(self, rate: float = 1.0):
        self.rate = check_positive(rate, "rate")

    def logpdf(self, x: Any) -> Any:
        x = _points(x)
        with np.errstate(invalid="ignore"):
            out = math.log(self.rate) - self.rate * x
        return _out(np.where(x >= 0, out, -np.inf))

    def cdf(self, x: Any) -> Any:
        x = _points(x)
        return _out(np.where(x > 0, -np.expm1(-self.rate * np.maximum(x, 0.0)), 0.0))

    def ppf(self, q: Any) -> Any:
        """The inverse CDF :math:`-\\log(1-q)/\\lambda` (``log1p`` keeps small q accurate)."""
        q = _quantiles(q)
        with np.errstate(divide="ignore"):
            return _out(-np.log1p(-q) / self.rate)

    def mean(self) -> float:
        return 1.0 / self.rate

    def var(self) -> float:
        return 1.0 / self.rate**2

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        return self.ppf(_rng(rng).random(_size(size)))


class Beta(_Continuous):
    r"""A distribution on :math:`[0, 1]`, the usual prior for a probability.

    .. math:: p(x) = \frac{x^{a-1}(1-x)^{b-1}}{B(a, b)}

    Mean :math:`a/(a+b)`, variance :math:`ab/((a+b)^2(a+b+1))`. Sampled as
    :math:`X/(X+Y)` with :math:`X \sim \operatorname{Gamma}(a)` and
    :math:`Y \sim \operatorname{Gamma}(b)` independent.
    """

    _params = ("a", "b")

    def __init__(self, a: float, b: float):
        self.a = check_positive(a, "a")
        self.b = check_positive(b, "b")

    def logpdf(self, x: Any) -> Any:
        x = _points(x)
        inside = (x >= 0) & (x <= 1)
        xx = np.where(inside, x, 0.5)
        with np.errstate(divide="ignore"):
            out = (
                special.xlogy(self.a - 1, xx)
                + special.xlog1py(self.b - 1, -xx)
                - special.betaln(self.a, self.b)
            )
        return _out(np.where(inside, out, -np.inf))

    def cdf(self, x: Any) -> Any:
        """The regularized incomplete beta function :math:`I_x(a, b)`."""
        x = np.clip(_points(x), 0.0, 1.0)
        return _out(special.betainc(self.a, self.b, x))

    def mean(self) -> float:
        return self.a / (self.a + self.b)

    def var(self) -> float:
        s = self.a + self.b
        return self.a * self.b / (s**2 * (s + 1.0))

    def sample(self, size: Any = None, rng: Any = None) -> Any:
        shape = _size(size)
        m = math.prod(shape)
        gen = _rng(rng)
        log_x = _log_gamma_variates(self.a, m, gen)
        log_y = _log_gamma_variates(self.b, m, gen)
        # X / (X + Y) = 1 / (1 + Y/X), in logs so tiny shapes do not give 0/0.
        return _out(special.expit(log_x - log_y).reshape(shape))


# ---------------------------------------------------------------- multivariate


class MultivariateGaussian(_Continuous):
    r"""The Gaussian :math:`\mathcal{N}(\vmu, \mSigma)` on :math:`\R^d`.

    .. math::

        p(\vx) = (2\pi)^{-d/2} \det(\mSigma)^{-1/2}
        \exp\Big(-\tfrac12 (\vx-\vmu)^\T \mSigma^{-1} (\vx-\vmu)\Big)

    Everything goes through the Cholesky factor :math:`\mSigma = \mL\mL^\T`:
    :math:`\log\det\mSigma = 2\sum_i \log L_{ii}`, the quadratic form is
    :math:`\norm{\mL^{-1}(\vx-\vmu)}^2` by forward substitution, and
    samples are :math:`\vmu + \mL\vz` with :math:`\vz` standard normal.
    """

    _params = ("mu", "Sigma")

    def __init__(self, mean: Any, cov: Any):
        self.mu = as_array(mean, "mean", ndim=1)
        Sigma = as_array(cov, "cov", ndim=2)
        d = self.mu.size
        if Sigma.shape != (d, d):
            raise ValueError(f"cov must have shape ({d}, {d}) to match mean, got {Sigma.shape}")
        self.L = linalg._cholesky(Sigma, "cov")
        self.Sigma = Sigma

    @property
    def dim(self) -> int:
        """The dimension :math:`d`."""
        return self.mu.size

    def _whitened(self, x: Any) -> tuple[np.ndarray, tuple[int, ...]]:
        x = as_array(x, "x", non_empty=False)
        d = self.dim
        if x.ndim == 0 or x.shape[-1] != d:
            raise ValueError(f"x must have last axis {d} to match mean, got shape {x.shape}")
        diff = (x - self.mu).reshape(-1, d)
        if diff.shape[0] == 0:
            return np.empty((d, 0)), x.shape[:-1]
        return linalg.forward_substitution(self.L, diff.T), x.shape[:-1]

    def mahalanobis(self, x: Any) -> Any:
        """The Mahalanobis distance :math:`\\sqrt{(\\vx-\\vmu)^\\T\\mSigma^{-1}(\\vx-\\vmu)}`."""
        y, shape = self._whitened(x)
        return _out(np.sqrt(np.sum(y**2, axis=0)).reshape(shape))

    def logpdf(self, x: Any) -> Any:
        """Log-density at points ``x`` of shape ``(..., d)``."""
        y, shape = self._whitened(x)
        log_det = 2.0 * np.sum(np.log(np.diag(self.L)))
        out = -0.5 * (self.dim * _LOG_2PI + log_det + np.sum(y**2, axis=0))
        return _out(out.reshape(shape))

    def conditional(self, x_b: Any) -> MultivariateGaussian:
        r"""The distribution of the first coordinates given the last ones equal ``x_b``.

        Split :math:`\vx = (\vx_a, \vx_b)` with :math:`\vx_b` the last
        ``len(x_b)`` coordinates. Then :math:`\vx_a \mid \vx_b` is Gaussian with

        .. math::

            \vmu_{a|b} = \vmu_a + \mSigma_{ab}\mSigma_{bb}^{-1}(\vx_b - \vmu_b), \qquad
            \mSigma_{a|b} = \mSigma_{aa} - \mSigma_{ab}\mSigma_{bb}^{-1}\mSigma_{ba},

        the Schur complement of :math:`\mSigma_{bb}`. Page *Joint
        Distributions and the Multivariate Gaussian*.
        """
        x_b = as_array(x_b, "x_b", ndim=1)
        k = self.dim - x_b.size
        if not 0 < k < self.dim:
            raise ValueError(
                f"x_b must observe between 1 and {self.dim - 1} of the {self.dim} "
                f"coordinates, got {x_b.size}"
            )
        S = self.Sigma
        gain = linalg.solve(S[k:, k:], S[k:, :k]).T  # Sigma_ab Sigma_bb^{-1}
        cov = S[:k, :k] - gain @ S[k:, :k]
        return MultivariateGaussian(self.mu[:k] + gain @ (x_b - self.mu[k:]), (cov + cov.T) / 2)

    def mean(self) -> np.ndarray:
        return self.mu.copy()

    def var(self) -> np.ndarray:
        """The marginal variances, the diagonal of the covariance."""
        return np.diag(self.Sigma).copy()

    def cov(self) -> np.ndarray:
        return self.Sigma.copy()

    def sample(self, size: Any = None, rng: Any = None) -> np.ndarray:
        """Draws of shape ``size + (d,)``: :math:`\\vmu + \\mL\\vz`, as rows ``mu + z @ L.T``."""
        shape = _size(size)
        z = _standard_normal(_rng(rng), (*shape, self.dim))
        return self.mu + z @ self.L.T


# ---------------------------------------------------------------- Bayes


def bayes_posterior(prior: Any, likelihood: Any) -> np.ndarray:
    r"""The posterior over ``K`` hypotheses by Bayes' theorem.

    .. math::

        P(h_k \mid D) = \frac{P(D \mid h_k) P(h_k)}{\sum_j P(D \mid h_j) P(h_j)}

    Parameters
    ----------
    prior : array_like, shape (K,)
        The prior probabilities :math:`P(h_k)`, non-negative, summing to 1.
    likelihood : array_like, shape (K,) or (m, K)
        :math:`P(D \mid h_k)` for one observation, or one row per
        observation for ``m`` observations independent given the
        hypothesis (their likelihoods multiply). Non-negative; they need not
        sum to 1 over the hypotheses.

    The product is taken in log space and normalised with
    :func:`mlmath.numerics.logsumexp`, so hundreds of small likelihoods do
    not underflow. Raises ``ValueError`` if every hypothesis gets zero
    posterior weight (the evidence is zero).
    """
    prior = check_distribution(prior, "prior")
    if prior.ndim != 1:
        raise ValueError(f"prior must be 1-D, got shape {prior.shape}")
    lik = as_array(likelihood, "likelihood", ndim=(1, 2))
    if lik.shape[-1] != prior.size:
        raise ValueError(
            f"likelihood must have {prior.size} entries per row to match prior, "
            f"got shape {lik.shape}"
        )
    if np.any(lik < 0):
        raise ValueError("likelihood must be non-negative")
    with np.errstate(divide="ignore"):
        log_post = np.log(prior) + np.log(lik).reshape(-1, prior.size).sum(axis=0)
    if np.all(log_post == -np.inf):
        raise ValueError(
            "the evidence is zero: every hypothesis has zero prior or zero likelihood"
        )
    return np.exp(log_post - logsumexp(log_post))
