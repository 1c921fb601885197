"""Tests for mlmath.stats against NumPy and scipy.stats."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats as st
from scipy import optimize

from mlmath import stats

SEEDS = [0, 1, 2]
SIZES = [1, 2, 5, 50, 501]


def _sample(seed: int, n: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.standard_t(3, size=n) * 4 + 10


# ---------------------------------------------------------- descriptive


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", SIZES)
def test_descriptive_match_numpy(seed: int, n: int) -> None:
    x = _sample(seed, n)
    assert stats.mean(x) == pytest.approx(np.mean(x), rel=1e-13)
    assert stats.variance(x) == pytest.approx(np.var(x), rel=1e-12, abs=1e-14)
    assert stats.std(x) == pytest.approx(np.std(x), rel=1e-12, abs=1e-14)
    assert stats.median(x) == pytest.approx(np.median(x), rel=1e-14)
    q = np.array([0.0, 0.1, 0.25, 0.5, 0.9, 0.975, 1.0])
    np.testing.assert_allclose(stats.quantile(x, q), np.quantile(x, q), rtol=1e-13)
    assert stats.iqr(x) == pytest.approx(st.iqr(x), rel=1e-12, abs=1e-13)
    if n > 1:
        assert stats.variance(x, ddof=1) == pytest.approx(np.var(x, ddof=1), rel=1e-12)
        assert stats.std(x, ddof=1) == pytest.approx(np.std(x, ddof=1), rel=1e-12)
        assert stats.standard_error(x) == pytest.approx(st.sem(x), rel=1e-12)


def test_quantile_scalar_returns_float() -> None:
    result = stats.quantile([3.0, 1.0, 2.0], 0.25)
    assert isinstance(result, float) and result == 1.5


@pytest.mark.parametrize("seed", SEEDS)
def test_mode_matches_scipy_with_ties(seed: int) -> None:
    x = np.random.default_rng(seed).integers(0, 6, size=40).astype(float)
    assert stats.mode(x) == st.mode(x).mode
    assert stats.mode([2.0, 1.0, 2.0, 1.0, 3.0]) == 1.0  # the smaller of two tied values


def test_tukey_fences_flag_the_planted_outlier() -> None:
    x = np.r_[np.arange(1.0, 21.0), 100.0]
    q1, q3 = np.quantile(x, [0.25, 0.75])
    low, high = stats.tukey_fences(x)
    assert (low, high) == pytest.approx((q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)))
    assert np.flatnonzero((x < low) | (x > high)).tolist() == [20]
    assert stats.tukey_fences(x, k=0) == pytest.approx((q1, q3))


def test_two_pass_variance_survives_a_large_offset() -> None:
    # The one-pass formula E[x^2] - E[x]^2 loses every digit here.
    x = 1e9 + np.array([4.0, 7.0, 13.0, 16.0])
    assert stats.variance(x, ddof=1) == 30.0
    assert np.mean(x**2) - np.mean(x) ** 2 != pytest.approx(22.5)


# ------------------------------------------------ covariance, correlation


@pytest.mark.parametrize("seed", SEEDS)
def test_covariance_and_correlation_match_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=60)
    y = 0.6 * x + rng.normal(size=60)
    assert stats.covariance(x, y) == pytest.approx(np.cov(x, y)[0, 1], rel=1e-12)
    assert stats.covariance(x, y, ddof=0) == pytest.approx(np.cov(x, y, ddof=0)[0, 1], rel=1e-12)
    assert stats.correlation(x, y) == pytest.approx(st.pearsonr(x, y).statistic, rel=1e-12)
    X = rng.normal(size=(40, 5)) @ rng.normal(size=(5, 5))
    np.testing.assert_allclose(stats.covariance_matrix(X), np.cov(X, rowvar=False), rtol=1e-12)
    np.testing.assert_allclose(
        stats.covariance_matrix(X, ddof=0), np.cov(X, rowvar=False, ddof=0), rtol=1e-12
    )


def test_correlation_is_scale_free_and_bounded() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=30)
    y = x + 0.1 * rng.normal(size=30)
    r = stats.correlation(x, y)
    assert stats.correlation(1e200 * x, 1e-200 * y) == pytest.approx(r, rel=1e-12)
    assert stats.correlation(x, 3 * x + 1) == 1.0
    assert stats.correlation(x, -2 * x) == -1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_rank_and_spearman_match_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 10, size=50).astype(float)  # many ties
    y = x**3 + rng.integers(0, 3, size=50)
    np.testing.assert_array_equal(stats.rank(x), st.rankdata(x))
    assert stats.spearman_correlation(x, y) == pytest.approx(
        st.spearmanr(x, y).statistic, rel=1e-12
    )
    z = rng.normal(size=20)
    assert stats.spearman_correlation(z, np.exp(z)) == pytest.approx(1.0)


# ----------------------------------------------------------- bootstrap


def test_bootstrap_shape_seed_and_standard_error() -> None:
    x = np.random.default_rng(3).exponential(size=80)
    boot = stats.bootstrap(x, stats.mean, n_resamples=4000, rng=11)
    assert boot.shape == (4000,)
    np.testing.assert_array_equal(boot, stats.bootstrap(x, stats.mean, 4000, rng=11))
    # The bootstrap standard error of the mean approximates s_n / sqrt(n).
    assert np.std(boot) == pytest.approx(np.std(x) / np.sqrt(80), rel=0.05)


def test_bootstrap_resamples_rows_whole() -> None:
    t = np.linspace(0.0, 1.0, 25)
    xy = np.column_stack([t, 2 * t + 1])
    boot = stats.bootstrap(xy, lambda a: np.corrcoef(a[:, 0], a[:, 1])[0, 1], 200, rng=0)
    np.testing.assert_allclose(boot, 1.0)


def test_vectorized_bootstrap_gives_the_same_numbers() -> None:
    x = np.random.default_rng(15).normal(size=30)
    for stat in (np.mean, np.median):
        np.testing.assert_allclose(
            stats.bootstrap(x, stat, 300, rng=2, vectorized=True),
            stats.bootstrap(x, stat, 300, rng=2),
            rtol=1e-14,
        )
    xy = np.random.default_rng(16).normal(size=(20, 2))
    boot = stats.bootstrap(xy, np.mean, 50, rng=3, vectorized=True)
    np.testing.assert_allclose(boot, stats.bootstrap(xy, lambda a: a.mean(axis=0), 50, rng=3))
    assert boot.shape == (50, 2)
    assert stats.bootstrap_ci(x, np.mean, rng=4, vectorized=True) == stats.bootstrap_ci(
        x, np.mean, rng=4
    )
    with pytest.raises(ValueError, match="must reduce axis 1"):
        stats.bootstrap(x, lambda a, axis: a.mean(), 10, rng=0, vectorized=True)


def test_percentile_interval_and_bootstrap_ci() -> None:
    values = np.random.default_rng(4).normal(size=999)
    assert stats.percentile_interval(values, 0.9) == pytest.approx(
        tuple(np.quantile(values, [0.05, 0.95]))
    )
    x = np.random.default_rng(6).normal(3.0, 1.0, size=200)
    low, high = stats.bootstrap_ci(x, stats.mean, level=0.95, n_resamples=2000, rng=1)
    boot = stats.bootstrap(x, stats.mean, n_resamples=2000, rng=1)
    assert (low, high) == pytest.approx(tuple(np.quantile(boot, [0.025, 0.975])))
    ref = st.bootstrap((x,), np.mean, method="percentile", n_resamples=2000, random_state=1)
    # Different random resamples: the end points agree to bootstrap noise.
    assert low == pytest.approx(ref.confidence_interval.low, abs=0.03)
    assert high == pytest.approx(ref.confidence_interval.high, abs=0.03)


def test_bootstrap_percentile_interval_covers() -> None:
    rng = np.random.default_rng(8)
    hits = 0
    for _ in range(200):
        x = rng.normal(size=40)
        low, high = stats.bootstrap_ci(x, np.mean, n_resamples=400, rng=rng)
        hits += low <= 0.0 <= high
    assert 0.88 <= hits / 200 <= 0.99


# ------------------------------------------------- intervals and tests


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("level", [0.5, 0.9, 0.95, 0.999])
def test_intervals_match_scipy(seed: int, level: float) -> None:
    x = _sample(seed, 17)
    ref = st.t.interval(level, 16, loc=np.mean(x), scale=st.sem(x))
    assert stats.t_confidence_interval(x, level) == pytest.approx(ref, rel=1e-12)
    ref_z = st.norm.interval(level, loc=np.mean(x), scale=2.0 / np.sqrt(17))
    assert stats.z_confidence_interval(x, 2.0, level) == pytest.approx(ref_z, rel=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_tests_match_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(0.3, 1.0, size=23)
    y = rng.normal(0.0, 2.5, size=31)
    x2 = x + rng.normal(0.2, 0.5, size=23)
    ref = st.ttest_1samp(x, 0.1)
    assert stats.one_sample_t_test(x, 0.1) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-10)
    ref = st.ttest_ind(x, y, equal_var=False)
    assert stats.welch_t_test(x, y) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-10)
    ref = st.ttest_rel(x, x2)
    assert stats.paired_t_test(x, x2) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-10)
    z = (np.mean(x) - 0.1) / (1.0 / np.sqrt(23))
    p = 2 * st.norm.sf(abs(z))
    assert stats.z_test(x, 0.1, 1.0) == pytest.approx((z, p), rel=1e-12)


def test_axis_runs_one_test_per_slice() -> None:
    rng = np.random.default_rng(9)
    X = rng.normal(size=(6, 12))
    Y = rng.normal(1.0, 2.0, size=(6, 9))
    t, p = stats.one_sample_t_test(X, 0.0, axis=1)
    t0, p0 = stats.one_sample_t_test(X.T, 0.0, axis=0)
    np.testing.assert_allclose(t, t0)
    for i in range(6):
        assert (t[i], p[i]) == pytest.approx(stats.one_sample_t_test(X[i], 0.0))
        assert stats.welch_t_test(X, Y, axis=1)[1][i] == pytest.approx(
            stats.welch_t_test(X[i], Y[i])[1]
        )
        low, high = stats.t_confidence_interval(X, axis=-1)
        assert (low[i], high[i]) == pytest.approx(stats.t_confidence_interval(X[i]))
        assert stats.paired_t_test(X, X + 1 + X**2, axis=1)[0][i] == pytest.approx(
            stats.paired_t_test(X[i], X[i] + 1 + X[i] ** 2)[0]
        )
        assert stats.z_test(X, 0.0, 1.0, axis=1)[1][i] == pytest.approx(
            stats.z_test(X[i], 0.0, 1.0)[1]
        )


def test_t_interval_coverage_by_simulation() -> None:
    X = np.random.default_rng(10).normal(5.0, 3.0, size=(4000, 8))
    low, high = stats.t_confidence_interval(X, 0.95, axis=1)
    coverage = np.mean((low <= 5.0) & (5.0 <= high))
    assert abs(coverage - 0.95) < 3 * np.sqrt(0.95 * 0.05 / 4000)


def test_p_values_are_uniform_under_the_null() -> None:
    X = np.random.default_rng(12).normal(size=(5000, 8))
    _, p = stats.one_sample_t_test(X, 0.0, axis=1)
    assert st.kstest(p, "uniform").pvalue > 1e-3
    assert abs(np.mean(p < 0.05) - 0.05) < 3 * np.sqrt(0.05 * 0.95 / 5000)


@pytest.mark.parametrize(
    ("ka", "na", "kb", "nb"), [(45, 500, 30, 480), (3, 10, 7, 12), (1, 2, 0, 3)]
)
def test_two_proportion_z_test_is_the_chi_square_test(ka: int, na: int, kb: int, nb: int) -> None:
    z, p = stats.two_proportion_z_test(ka, na, kb, nb)
    table = np.array([[ka, na - ka], [kb, nb - kb]])
    chi2, p_ref, _, _ = st.chi2_contingency(table, correction=False)
    assert z**2 == pytest.approx(chi2, rel=1e-10)
    assert p == pytest.approx(p_ref, rel=1e-10)
    assert np.sign(z) == np.sign(ka / na - kb / nb)


@pytest.mark.parametrize("seed", SEEDS)
def test_mcnemar_matches_the_exact_binomial_test(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = rng.random(300) < 0.85
    b = np.where(rng.random(300) < 0.8, a, ~a)
    b_count, p = stats.mcnemar_test(a, b)
    only_a = int(np.sum(a & ~b))
    only_b = int(np.sum(~a & b))
    assert b_count == only_a
    assert p == pytest.approx(st.binomtest(only_a, only_a + only_b).pvalue, rel=1e-10)
    assert stats.mcnemar_test(a, a) == (0, 1.0)


# ---------------------------------------------------------- estimators


@pytest.mark.parametrize("seed", SEEDS)
def test_mle_gaussian_matches_scipy_fit(seed: int) -> None:
    x = np.random.default_rng(seed).normal(2.0, 0.7, size=100)
    assert stats.mle_gaussian(x) == pytest.approx(st.norm.fit(x), rel=1e-10)


def test_mle_and_map_bernoulli() -> None:
    x = np.array([1, 0, 1, 1, 0, 1, 1, 1])  # k = 6, n = 8
    assert stats.mle_bernoulli(x) == 0.75
    assert stats.map_bernoulli(x, 1, 1) == 0.75  # a flat prior gives the MLE
    assert stats.map_bernoulli(x, 2, 2) == pytest.approx(7 / 10)  # add-one smoothing
    # The formula is the arg max of the Beta(a + k, b + n - k) density.
    for a, b in [(3.0, 5.0), (0.7, 1.4), (10.0, 2.0)]:
        posterior = st.beta(a + 6, b + 2)
        res = optimize.minimize_scalar(
            lambda p, dist=posterior: -dist.logpdf(p), bounds=(1e-9, 1 - 1e-9), method="bounded"
        )
        assert stats.map_bernoulli(x, a, b) == pytest.approx(res.x, abs=1e-5)
    assert stats.map_bernoulli([0, 0, 0], 0.5, 3.0) == 0.0
    assert stats.map_bernoulli([1, 1], 3.0, 0.5) == 1.0
    assert stats.map_bernoulli([1], 0.5, 0.5) == 1.0  # Beta(1.5, 0.5) peaks at 1


def test_map_gaussian_mean_maximizes_the_posterior() -> None:
    x = np.random.default_rng(13).normal(3.0, 2.0, size=12)

    def neg_log_posterior(mu: float) -> float:
        return -(st.norm.logpdf(x, mu, 2.0).sum() + st.norm.logpdf(mu, 0.0, 0.5))

    res = optimize.minimize_scalar(neg_log_posterior)
    assert stats.map_gaussian_mean(x, 2.0, 0.0, 0.5) == pytest.approx(res.x, rel=1e-6)
    # A vague prior gives the sample mean, a sharp one the prior mean.
    assert stats.map_gaussian_mean(x, 2.0, 0.0, 1e6) == pytest.approx(np.mean(x))
    assert stats.map_gaussian_mean(x, 2.0, -1.0, 1e-6) == pytest.approx(-1.0)


# ------------------------------------------------------- bias-variance


def test_bias_variance_terms_add_up() -> None:
    rng = np.random.default_rng(14)
    truth = np.sin(np.linspace(0, 3, 7))
    pred = truth + 0.3 + rng.normal(0, 0.5, size=(300, 7))
    bv = stats.bias_variance(pred, truth)
    assert bv.bias_squared + bv.variance == pytest.approx(np.mean((pred - truth) ** 2), rel=1e-12)
    assert bv.bias_squared == pytest.approx(np.mean((pred.mean(0) - truth) ** 2), rel=1e-12)
    assert bv.variance == pytest.approx(np.mean(pred.var(axis=0)), rel=1e-12)
    assert bv.bias_squared == pytest.approx(0.09, abs=0.01)
    assert bv.variance == pytest.approx(0.25, rel=0.1)


# ----------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stats.mean([]), "must not be empty"),
        (lambda: stats.variance([1.0, np.nan]), "must be finite"),
        (lambda: stats.variance([1.0], ddof=1), "needs more than 1 observations"),
        (lambda: stats.median([[1.0, 2.0]]), "must be 1-D"),
        (lambda: stats.quantile([1.0, 2.0], 1.5), r"q must lie in \[0, 1\]"),
        (lambda: stats.tukey_fences([1.0, 2.0], k=-1), "k must be non-negative"),
        (lambda: stats.standard_error([1.0]), "at least 2 observations"),
        (lambda: stats.covariance([1.0, 2.0], [1.0, 2.0, 3.0]), "same length"),
        (lambda: stats.correlation([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]), "x is constant"),
        (lambda: stats.correlation([1.0, 2.0], [np.inf, 2.0]), "y must be finite"),
        (lambda: stats.covariance_matrix([1.0, 2.0]), "X must be 2-D"),
        (lambda: stats.bootstrap([1.0, 2.0], "mean"), "statistic must be callable"),
        (lambda: stats.bootstrap([1.0, 2.0], np.mean, n_resamples=0), "n_resamples"),
        (lambda: stats.bootstrap([1.0, 2.0], np.mean, rng="seed"), "rng must be"),
        (lambda: stats.bootstrap_ci([1.0, 2.0], np.mean, level=1.0), "level must lie strictly"),
        (lambda: stats.t_confidence_interval([1.0, 2.0], level=0), "level must lie strictly"),
        (lambda: stats.percentile_interval([1.0, 2.0], level=1.5), "level must lie strictly"),
        (lambda: stats.t_confidence_interval([1.0]), "at least 2 observations"),
        (lambda: stats.z_confidence_interval([1.0], sigma=0), "sigma must be positive"),
        (lambda: stats.one_sample_t_test([2.0, 2.0, 2.0], 1.0), "zero variance"),
        (lambda: stats.one_sample_t_test(np.ones((2, 3)), 0.0, axis=2), "axis 2 is out of range"),
        (lambda: stats.paired_t_test([1.0, 2.0, 3.0], [1.0, 2.0]), "same shape"),
        (lambda: stats.welch_t_test(np.ones((2, 3)), np.ones((3, 3)), axis=1), "must match"),
        (lambda: stats.z_test([1.0], 0.0, -1.0), "sigma must be positive"),
        (lambda: stats.two_proportion_z_test(11, 10, 3, 10), "cannot exceed"),
        (lambda: stats.two_proportion_z_test(0, 10, 0, 12), "pooled proportion"),
        (lambda: stats.two_proportion_z_test(1, 0, 3, 10), "n_a must be at least 1"),
        (lambda: stats.mcnemar_test([1, 0, 2], [1, 0, 1]), "only booleans"),
        (lambda: stats.mcnemar_test([True], [True, False]), "same length"),
        (lambda: stats.mle_bernoulli([0.5, 1.0]), "only booleans"),
        (lambda: stats.map_bernoulli([1, 0], 0.0, 1.0), "a must be positive"),
        (lambda: stats.map_gaussian_mean([1.0], 1.0, 0.0, 0.0), "prior_std must be positive"),
        (lambda: stats.bias_variance(np.ones((1, 3)), np.ones(3)), "at least 2 fits"),
        (lambda: stats.bias_variance(np.ones((4, 3)), np.ones(2)), "one column per truth"),
    ],
)
def test_bad_input_raises_clear_errors(call, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        call()
