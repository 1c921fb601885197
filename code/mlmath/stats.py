"""Statistics from scratch: Part 04 of the book, *Statistics*.

Descriptive statistics, covariance and correlation, the bootstrap, confidence
intervals, the classical tests, maximum-likelihood and maximum-a-posteriori
estimators, and the bias-variance decomposition of a model's error.

Everything is written out with NumPy array operations; only the CDFs and
quantile functions of the normal, Student t and binomial distributions come
from :mod:`scipy.special` (``ndtr``, ``ndtri``, ``stdtr``, ``stdtrit``,
``bdtr``), since evaluating those special functions is a numerical-analysis
problem of its own, not the statistics the book teaches. The test suite
checks every function against NumPy and :mod:`scipy.stats`.

Functions that run a test or build an interval take ``axis``: with the
default ``axis=None`` the sample must be 1-D and the result is a pair of
floats; with ``axis=k`` one test runs per slice along axis ``k`` and the
results are arrays, so 10,000 simulated tests are one call.

>>> import numpy as np
>>> from mlmath import stats
>>> x = np.array([2.0, 4.0, 4.0, 5.0, 7.0, 9.0])
>>> stats.mean(x), stats.median(x), stats.variance(x, ddof=1)
(5.166666666666667, 4.5, 6.166666666666667)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from scipy import special

from mlmath._validation import (
    as_array,
    as_generator,
    check_int,
    check_positive,
    check_probability,
    check_real,
    check_same_length,
)

__all__ = [
    "BiasVariance",
    "bias_variance",
    "bootstrap",
    "bootstrap_ci",
    "correlation",
    "covariance",
    "covariance_matrix",
    "iqr",
    "map_bernoulli",
    "map_gaussian_mean",
    "mcnemar_test",
    "mean",
    "median",
    "mle_bernoulli",
    "mle_gaussian",
    "mode",
    "one_sample_t_test",
    "paired_t_test",
    "percentile_interval",
    "quantile",
    "rank",
    "spearman_correlation",
    "standard_error",
    "std",
    "t_confidence_interval",
    "tukey_fences",
    "two_proportion_z_test",
    "variance",
    "welch_t_test",
    "z_confidence_interval",
    "z_test",
]


# ----------------------------------------------------------------- helpers


def _observations(x: Any, name: str, axis: Any = None, min_size: int = 1) -> np.ndarray:
    """``x`` as a float array whose LAST axis holds the observations."""
    if axis is None:
        arr = as_array(x, name, ndim=1)
    else:
        arr = as_array(x, name)
        if arr.ndim == 0:
            raise ValueError(f"{name} must be an array of observations, got a scalar")
        axis = check_int(axis, "axis")
        if not -arr.ndim <= axis < arr.ndim:
            raise ValueError(f"axis {axis} is out of range for {name} with {arr.ndim} dimensions")
        arr = np.moveaxis(arr, axis, -1)
    n = arr.shape[-1]
    if n < min_size:
        raise ValueError(f"{name} needs at least {min_size} observations, got {n}")
    return arr


def _out(a: Any) -> Any:
    """A 0-d result as a Python float, anything else as an array."""
    a = np.asarray(a, dtype=np.float64)
    return float(a) if a.ndim == 0 else a


def _mean(arr: np.ndarray) -> np.ndarray:
    return arr.sum(axis=-1) / arr.shape[-1]


def _var(arr: np.ndarray, ddof: int) -> np.ndarray:
    # Two passes: subtract the mean first, then square. The one-pass
    # formula mean(x**2) - mean(x)**2 cancels catastrophically.
    dev = arr - _mean(arr)[..., None]
    return (dev * dev).sum(axis=-1) / (arr.shape[-1] - ddof)


def _ddof(ddof: Any, n: int, what: str) -> int:
    ddof = check_int(ddof, "ddof", minimum=0)
    if n - ddof <= 0:
        raise ValueError(f"{what} with ddof={ddof} needs more than {ddof} observations, got {n}")
    return ddof


def _level(level: Any) -> float:
    return check_probability(level, "level", open_interval=True)


def _nonzero_spread(s: np.ndarray, name: str) -> None:
    if np.any(s == 0):
        raise ValueError(
            f"{name} has zero variance (all observations equal), so the statistic is undefined"
        )


def _two_sided_t(t: np.ndarray, df: Any) -> np.ndarray:
    return 2.0 * special.stdtr(df, -np.abs(t))


def _two_sided_z(z: np.ndarray) -> np.ndarray:
    return 2.0 * special.ndtr(-np.abs(z))


# ------------------------------------------------------------- descriptive


def mean(x: Any) -> float:
    r"""The sample mean :math:`\bar x = \frac1n \sum_i x_i` of a 1-D array."""
    return float(_mean(_observations(x, "x")))


def variance(x: Any, ddof: int = 0) -> float:
    r"""The variance :math:`\frac{1}{n - \text{ddof}} \sum_i (x_i - \bar x)^2`.

    ``ddof=0`` (the default, as NumPy) is the plug-in / maximum-likelihood
    estimate; ``ddof=1`` is the unbiased sample variance :math:`s^2`.
    Computed in two passes (centre, then square), which is stable where the
    textbook shortcut :math:`\overline{x^2} - \bar x^2` is not.
    """
    arr = _observations(x, "x")
    ddof = _ddof(ddof, arr.size, "variance")
    return float(_var(arr, ddof))


def std(x: Any, ddof: int = 0) -> float:
    """The standard deviation, the square root of :func:`variance`."""
    return float(np.sqrt(variance(x, ddof)))


def quantile(x: Any, q: Any) -> Any:
    r"""The ``q``-quantile of a sample by linear interpolation (NumPy's default).

    Sort the sample into :math:`x_{(0)} \le \dots \le x_{(n-1)}`, put
    :math:`h = (n - 1) q`, and return :math:`x_{(\lfloor h \rfloor)} + (h -
    \lfloor h \rfloor)(x_{(\lfloor h \rfloor + 1)} - x_{(\lfloor h \rfloor)})`.
    ``q`` is a float (a float is returned) or an array of levels in [0, 1].
    """
    s = np.sort(_observations(x, "x"))
    q_arr = as_array(q, "q", non_empty=True)
    if np.any((q_arr < 0) | (q_arr > 1)):
        raise ValueError(f"q must lie in [0, 1], got values from {q_arr.min()} to {q_arr.max()}")
    h = (s.size - 1) * q_arr
    lo = np.floor(h).astype(np.intp)
    hi = np.minimum(lo + 1, s.size - 1)
    return _out(s[lo] + (h - lo) * (s[hi] - s[lo]))


def median(x: Any) -> float:
    """The median, the 0.5-quantile (the mean of the two middle values for even n)."""
    return float(quantile(x, 0.5))


def mode(x: Any) -> float:
    """The most frequent value of a sample; the smallest one if several tie."""
    values, counts = np.unique(_observations(x, "x"), return_counts=True)
    return float(values[np.argmax(counts)])


def iqr(x: Any) -> float:
    """The interquartile range, the 0.75-quantile minus the 0.25-quantile."""
    q1, q3 = quantile(x, [0.25, 0.75])
    return float(q3 - q1)


def tukey_fences(x: Any, k: float = 1.5) -> tuple[float, float]:
    r"""Tukey's fences :math:`(Q_1 - k\,\mathrm{IQR},\ Q_3 + k\,\mathrm{IQR})`.

    Points outside them are the outliers a box plot draws one by one.
    """
    k = check_positive(k, "k", strict=False)
    q1, q3 = quantile(x, [0.25, 0.75])
    spread = q3 - q1
    return float(q1 - k * spread), float(q3 + k * spread)


def standard_error(x: Any) -> float:
    r"""The estimated standard error of the mean, :math:`s / \sqrt n` (``s`` with ddof 1)."""
    arr = _observations(x, "x", min_size=2)
    return float(np.sqrt(_var(arr, 1) / arr.size))


# ---------------------------------------------- covariance and correlation


def _pair(x: Any, y: Any, min_size: int) -> tuple[np.ndarray, np.ndarray]:
    xa = _observations(x, "x", min_size=min_size)
    ya = _observations(y, "y", min_size=min_size)
    check_same_length(xa, ya, "x", "y")
    return xa, ya


def covariance(x: Any, y: Any, ddof: int = 1) -> float:
    r"""The sample covariance of two paired samples.

    :math:`\frac{1}{n - \text{ddof}}\sum_i (x_i - \bar x)(y_i - \bar y)`;
    ``ddof=1`` (the default) makes it unbiased.
    """
    xa, ya = _pair(x, y, 1)
    ddof = _ddof(ddof, xa.size, "covariance")
    return float(((xa - _mean(xa)) * (ya - _mean(ya))).sum() / (xa.size - ddof))


def _unit_centred(a: np.ndarray, name: str) -> np.ndarray:
    dev = a - _mean(a)
    top = np.max(np.abs(dev))
    if top == 0:
        raise ValueError(f"correlation is undefined: {name} is constant")
    dev = dev / top  # rescale first so that squaring cannot overflow
    return dev / np.sqrt(dev @ dev)


def correlation(x: Any, y: Any) -> float:
    r"""Pearson's correlation coefficient :math:`r`.

    :math:`r = \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}{\sqrt{\sum_i (x_i -
    \bar x)^2 \sum_i (y_i - \bar y)^2}}`, the cosine of the angle between the
    centred vectors, so :math:`-1 \le r \le 1`. A constant ``x`` or ``y``
    raises ``ValueError`` (r would be 0/0).
    """
    xa, ya = _pair(x, y, 2)
    r = _unit_centred(xa, "x") @ _unit_centred(ya, "y")
    return float(np.clip(r, -1.0, 1.0))


def covariance_matrix(X: Any, ddof: int = 1) -> np.ndarray:
    r"""The d x d covariance matrix of data ``X`` whose rows are observations.

    :math:`S = \frac{1}{n - \text{ddof}} (X - \bar{\mathbf x})^\top (X - \bar{\mathbf x})`.
    """
    arr = as_array(X, "X", ndim=2)
    ddof = _ddof(ddof, arr.shape[0], "covariance_matrix")
    centred = arr - arr.sum(axis=0) / arr.shape[0]
    return centred.T @ centred / (arr.shape[0] - ddof)


def rank(x: Any) -> np.ndarray:
    """The ranks 1, ..., n of a sample; tied values share their average rank."""
    arr = _observations(x, "x")
    order = np.argsort(arr, kind="stable")
    s = arr[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    ends = np.r_[starts[1:], s.size]
    ranks = np.empty(s.size)
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)
    return ranks


def spearman_correlation(x: Any, y: Any) -> float:
    """Spearman's rank correlation: Pearson's r of the ranks of ``x`` and ``y``.

    It sees any monotone relation as perfect and barely moves for an outlier.
    """
    xa, ya = _pair(x, y, 2)
    return correlation(rank(xa), rank(ya))


# ------------------------------------------------------------ the bootstrap


def bootstrap(
    x: Any,
    statistic: Callable[..., Any],
    n_resamples: int = 1000,
    rng: Any = None,
    *,
    vectorized: bool = False,
) -> np.ndarray:
    """The statistic recomputed on ``n_resamples`` bootstrap resamples of ``x``.

    Each resample draws n observations from the n in ``x`` uniformly with
    replacement (Efron's bootstrap). ``x`` is 1-D, or 2-D with one
    observation per row (rows are resampled whole, so paired data stay
    paired). ``rng`` is a NumPy Generator, an int seed or None.

    ``statistic`` may return a number or an array; the result has shape
    ``(n_resamples,)`` or ``(n_resamples, *shape)``. With ``vectorized=True``
    it is called once, as ``statistic(resamples, axis=1)`` on the stacked
    resamples (``np.mean`` and ``np.median`` accept that), which is much
    faster and gives the same numbers for the same ``rng``.
    """
    arr = as_array(x, "x", ndim=(1, 2))
    if not callable(statistic):
        raise TypeError(f"statistic must be callable, got {type(statistic).__name__}")
    n_resamples = check_int(n_resamples, "n_resamples", minimum=1)
    gen = as_generator(rng)
    n = arr.shape[0]
    idx = gen.integers(0, n, size=(n_resamples, n))
    if vectorized:
        out = np.asarray(statistic(arr[idx], axis=1), dtype=np.float64)
        if out.shape[:1] != (n_resamples,):
            raise ValueError(
                "a vectorized statistic must reduce axis 1 and keep one result per "
                f"resample, got shape {out.shape} for {n_resamples} resamples"
            )
        return out
    return np.asarray([statistic(arr[i]) for i in idx], dtype=np.float64)


def percentile_interval(values: Any, level: float = 0.95) -> tuple[float, float]:
    """The central ``level`` interval of ``values``: quantiles (1 - level)/2 and (1 + level)/2."""
    level = _level(level)
    low, high = quantile(as_array(values, "values", ndim=1), [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def bootstrap_ci(
    x: Any,
    statistic: Callable[..., Any],
    level: float = 0.95,
    n_resamples: int = 1000,
    rng: Any = None,
    *,
    vectorized: bool = False,
) -> tuple[float, float]:
    """The bootstrap percentile confidence interval for ``statistic``.

    :func:`percentile_interval` of the :func:`bootstrap` distribution
    (``vectorized`` as there).
    """
    level = _level(level)
    boot = bootstrap(x, statistic, n_resamples, rng, vectorized=vectorized)
    return percentile_interval(boot, level)


# ------------------------------------------------- intervals and the tests


def t_confidence_interval(x: Any, level: float = 0.95, axis: Any = None) -> tuple[Any, Any]:
    r"""The t confidence interval for the mean.

    :math:`\bar x \pm t_{n-1,\,(1+\text{level})/2}\, s/\sqrt n`, returned as
    ``(low, high)``.

    Exact when the observations are Gaussian; approximately right for
    other populations once n is large (central limit theorem).
    """
    level = _level(level)
    arr = _observations(x, "x", axis, min_size=2)
    n = arr.shape[-1]
    half = special.stdtrit(n - 1, (1 + level) / 2) * np.sqrt(_var(arr, 1) / n)
    centre = _mean(arr)
    return _out(centre - half), _out(centre + half)


def z_confidence_interval(
    x: Any, sigma: float, level: float = 0.95, axis: Any = None
) -> tuple[Any, Any]:
    r"""The z confidence interval for the mean when ``sigma`` is known.

    :math:`\bar x \pm z_{(1+\text{level})/2}\, \sigma/\sqrt n`.
    """
    level = _level(level)
    sigma = check_positive(sigma, "sigma")
    arr = _observations(x, "x", axis)
    half = special.ndtri((1 + level) / 2) * sigma / np.sqrt(arr.shape[-1])
    centre = _mean(arr)
    return _out(centre - half), _out(centre + half)


def one_sample_t_test(x: Any, mu0: float, axis: Any = None) -> tuple[Any, Any]:
    r"""Student's one-sample t-test of :math:`H_0: \mu = \mu_0`, two-sided.

    :math:`t = (\bar x - \mu_0) / (s / \sqrt n)` has the t distribution with
    n - 1 degrees of freedom under the null (for Gaussian data); the p-value
    is :math:`2\,P(T_{n-1} \ge |t|)`. Returns ``(t, p_value)``.
    """
    mu0 = check_real(mu0, "mu0")
    arr = _observations(x, "x", axis, min_size=2)
    n = arr.shape[-1]
    s = np.sqrt(_var(arr, 1))
    _nonzero_spread(s, "x")
    t = (_mean(arr) - mu0) / (s / np.sqrt(n))
    return _out(t), _out(_two_sided_t(t, n - 1))


def paired_t_test(x: Any, y: Any, axis: Any = None) -> tuple[Any, Any]:
    """The paired t-test: the one-sample t-test of the differences ``x - y`` against 0."""
    xa = _observations(x, "x", axis, min_size=2)
    ya = _observations(y, "y", axis, min_size=2)
    if xa.shape != ya.shape:
        raise ValueError(f"x and y must have the same shape, got {xa.shape} and {ya.shape}")
    return one_sample_t_test(xa - ya, 0.0, axis=None if xa.ndim == 1 else -1)


def welch_t_test(x: Any, y: Any, axis: Any = None) -> tuple[Any, Any]:
    r"""Welch's two-sample t-test of equal means, without assuming equal variances.

    :math:`t = (\bar x - \bar y) / \sqrt{s_x^2/n_x + s_y^2/n_y}`, compared with
    a t distribution whose degrees of freedom come from the
    Welch-Satterthwaite formula
    :math:`\nu = (v_x + v_y)^2 / (v_x^2/(n_x - 1) + v_y^2/(n_y - 1))`,
    :math:`v = s^2/n`. Returns ``(t, p_value)``, two-sided.
    """
    xa = _observations(x, "x", axis, min_size=2)
    ya = _observations(y, "y", axis, min_size=2)
    if xa.shape[:-1] != ya.shape[:-1]:
        raise ValueError(
            f"x and y must match except along axis, got shapes {xa.shape} and {ya.shape}"
        )
    nx, ny = xa.shape[-1], ya.shape[-1]
    vx, vy = _var(xa, 1) / nx, _var(ya, 1) / ny
    _nonzero_spread(vx + vy, "x together with y")
    t = (_mean(xa) - _mean(ya)) / np.sqrt(vx + vy)
    df = (vx + vy) ** 2 / (vx**2 / (nx - 1) + vy**2 / (ny - 1))
    return _out(t), _out(_two_sided_t(t, df))


def z_test(x: Any, mu0: float, sigma: float, axis: Any = None) -> tuple[Any, Any]:
    r"""The z-test of :math:`H_0: \mu = \mu_0` when the population ``sigma`` is known.

    :math:`z = (\bar x - \mu_0) / (\sigma / \sqrt n)` is standard normal under
    the null; the p-value is :math:`2\,\Phi(-|z|)`. Returns ``(z, p_value)``.
    """
    mu0 = check_real(mu0, "mu0")
    sigma = check_positive(sigma, "sigma")
    arr = _observations(x, "x", axis)
    z = (_mean(arr) - mu0) / (sigma / np.sqrt(arr.shape[-1]))
    return _out(z), _out(_two_sided_z(z))


def _count(value: Any, name: str, trials: int | None = None) -> int:
    value = check_int(value, name, minimum=0 if trials is not None else 1)
    if trials is not None and value > trials:
        raise ValueError(f"{name} cannot exceed the number of trials, got {value} > {trials}")
    return value


def two_proportion_z_test(
    successes_a: int, n_a: int, successes_b: int, n_b: int
) -> tuple[float, float]:
    r"""The pooled two-proportion z-test of :math:`H_0: p_A = p_B` (an A/B test).

    :math:`z = (\hat p_A - \hat p_B) / \sqrt{\hat p (1 - \hat p)(1/n_A + 1/n_B)}`
    with the pooled :math:`\hat p = (k_A + k_B) / (n_A + n_B)`; two-sided.
    Its square is the chi-square statistic of the 2 x 2 table.
    """
    n_a, n_b = _count(n_a, "n_a"), _count(n_b, "n_b")
    k_a = _count(successes_a, "successes_a", n_a)
    k_b = _count(successes_b, "successes_b", n_b)
    pooled = (k_a + k_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        raise ValueError(
            "the pooled proportion is "
            f"{pooled:g}: with no variation in either group the z statistic is undefined"
        )
    z = (k_a / n_a - k_b / n_b) / np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return float(z), float(_two_sided_z(z))


def _booleans(x: Any, name: str) -> np.ndarray:
    arr = as_array(x, name, ndim=1)
    if np.any((arr != 0) & (arr != 1)):
        raise ValueError(f"{name} must hold only booleans or 0/1 values")
    return arr.astype(bool)


def mcnemar_test(correct_a: Any, correct_b: Any) -> tuple[int, float]:
    """McNemar's exact test for two classifiers scored on the same test set.

    ``correct_a[i]`` says whether classifier A got example i right. Only the
    discordant examples carry information: ``b`` of them only A gets right,
    ``c`` only B. Under the null of equal accuracy ``b ~ Binomial(b + c, 1/2)``;
    the two-sided p-value is ``min(1, 2 P(X <= min(b, c)))``. Returns
    ``(b, p_value)``; with no discordant examples the p-value is 1.
    """
    a = _booleans(correct_a, "correct_a")
    bb = _booleans(correct_b, "correct_b")
    check_same_length(a, bb, "correct_a", "correct_b")
    b = int(np.sum(a & ~bb))
    c = int(np.sum(~a & bb))
    if b + c == 0:
        return b, 1.0
    return b, float(min(1.0, 2.0 * special.bdtr(min(b, c), b + c, 0.5)))


# -------------------------------------------------------------- estimators


def mle_gaussian(x: Any) -> tuple[float, float]:
    r"""The maximum-likelihood ``(mu, sigma)`` of a Gaussian.

    :math:`\bar x` and the standard deviation with divisor n (not n - 1).
    """
    arr = _observations(x, "x")
    return float(_mean(arr)), float(np.sqrt(_var(arr, 0)))


def mle_bernoulli(x: Any) -> float:
    r"""The maximum-likelihood :math:`\hat p = k / n` from 0/1 observations."""
    arr = _booleans(x, "x")
    return float(arr.sum() / arr.size)


def map_bernoulli(x: Any, a: float, b: float) -> float:
    r"""The MAP estimate of a Bernoulli p under a Beta(a, b) prior.

    The posterior after k ones in n trials is Beta(A, B) with A = a + k,
    B = b + n - k, and its mode is :math:`(A - 1)/(A + B - 2)` when A, B > 1
    (a = b = 1, the flat prior, gives the MLE; a = b = 2 is Laplace's
    add-one smoothing). If A <= 1 < B the density is decreasing and the mode
    is 0; if B <= 1 < A it is 1. Both cannot be at most 1, since every
    observation adds 1 to A or to B.
    """
    a, b = check_positive(a, "a"), check_positive(b, "b")
    arr = _booleans(x, "x")
    k = float(arr.sum())
    A, B = a + k, b + arr.size - k
    if A > 1 and B > 1:
        return float((A - 1) / (A + B - 2))
    return 0.0 if A <= 1 else 1.0


def map_gaussian_mean(x: Any, sigma: float, prior_mean: float, prior_std: float) -> float:
    r"""The MAP (= posterior mean) of a Gaussian mean under a Gaussian prior.

    For :math:`x_i \sim \mathcal N(\mu, \sigma^2)` and :math:`\mu \sim
    \mathcal N(\mu_0, \tau^2)` the posterior is Gaussian with mean
    :math:`(n \bar x / \sigma^2 + \mu_0 / \tau^2) / (n/\sigma^2 + 1/\tau^2)`:
    a precision-weighted average that shrinks :math:`\bar x` toward the prior.
    """
    sigma = check_positive(sigma, "sigma")
    prior_mean = check_real(prior_mean, "prior_mean")
    prior_std = check_positive(prior_std, "prior_std")
    arr = _observations(x, "x")
    data_precision = arr.size / sigma**2
    prior_precision = 1 / prior_std**2
    total = data_precision * _mean(arr) + prior_precision * prior_mean
    return float(total / (data_precision + prior_precision))


# ----------------------------------------------------------- bias-variance


class BiasVariance(NamedTuple):
    """The two model-dependent terms of the expected squared error."""

    bias_squared: float
    variance: float


def bias_variance(predictions: Any, truth: Any) -> BiasVariance:
    r"""Estimate squared bias and variance from refitted models' predictions.

    ``predictions[i, j]`` is the prediction at test input j of the model
    fitted to training set i; ``truth[j]`` is the true regression function
    there. With :math:`\bar f_j` the mean prediction over fits,

    :math:`\text{bias}^2 = \frac1m\sum_j (\bar f_j - f_j)^2` and
    :math:`\text{variance} = \frac1m \sum_j \frac1N \sum_i (\hat f_{ij} - \bar f_j)^2`,

    and their sum equals the mean of :math:`(\hat f_{ij} - f_j)^2` exactly.
    """
    pred = as_array(predictions, "predictions", ndim=2)
    f = as_array(truth, "truth", ndim=1)
    if pred.shape[0] < 2:
        raise ValueError(f"predictions needs at least 2 fits (rows), got {pred.shape[0]}")
    if pred.shape[1] != f.size:
        raise ValueError(
            "predictions must have one column per truth value, "
            f"got {pred.shape[1]} columns and {f.size} values"
        )
    average = pred.sum(axis=0) / pred.shape[0]
    bias_sq = float(np.mean((average - f) ** 2))
    var = float(np.mean(_var(pred.T, 0)))
    return BiasVariance(bias_sq, var)
