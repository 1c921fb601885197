"""Checkers for the exercises of Part 04, *Statistics*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import stats
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_bias_variance",
    "check_correlation",
    "check_map_bernoulli",
    "check_mle_gaussian",
    "check_percentile_interval",
    "check_quantile",
    "check_standard_error",
    "check_two_proportion_z_test",
    "check_welch_t_test",
]


def check_quantile(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x, q)`` = the linear-interpolation q-quantile of a 1-D array.

    Page *Descriptive Statistics*.
    """
    rng = np.random.default_rng(41)
    x = np.array([7.0, 1.0, 3.0, 5.0])
    cases = [
        Case((x, 0.5), label="median of an even sample"),
        Case((x, 0.0), label="q = 0 is the minimum"),
        Case((x, 1.0), label="q = 1 is the maximum"),
        Case((x, 0.1), label="between the two smallest"),
        Case((np.array([4.0]), 0.3), label="one observation"),
        Case((np.array([2.0, 2.0, 2.0, 9.0]), 0.6), label="ties"),
        Case((rng.normal(size=37), 0.975), label="random, n = 37"),
    ]
    return run_check("check_quantile", fn, stats.quantile, cases)


def check_standard_error(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x)`` = s / sqrt(n), s the sample standard deviation (ddof 1).

    Page *Sampling and the Bootstrap*.
    """
    rng = np.random.default_rng(42)
    cases = [
        Case((np.array([1.0, 3.0]),), label="two observations"),
        Case((np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]),), label="eight values"),
        Case((np.full(5, 3.0),), label="no spread"),
        Case((rng.exponential(size=100),), label="100 exponential draws"),
    ]
    return run_check("check_standard_error", fn, stats.standard_error, cases)


def check_percentile_interval(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(values, level)`` = the central ``level`` percentile interval.

    Page *Sampling and the Bootstrap*.
    """
    rng = np.random.default_rng(43)
    cases = [
        Case((np.arange(101.0), 0.9), label="0, 1, ..., 100 at 90%"),
        Case((np.arange(10.0), 0.95), label="ten values at 95%: interpolated"),
        Case((rng.normal(size=1000), 0.95), label="1000 bootstrap values"),
        Case((rng.normal(size=999), 0.5), label="the interquartile range"),
    ]
    return run_check("check_percentile_interval", fn, stats.percentile_interval, cases)


def check_mle_gaussian(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x)`` = (mean, standard deviation with divisor n).

    Page *Estimation: MLE and MAP*.
    """
    rng = np.random.default_rng(44)
    cases = [
        Case((np.array([1.0, 2.0, 3.0, 6.0]),), label="four values"),
        Case((np.array([5.0]),), label="one value: sigma 0"),
        Case((rng.normal(10.0, 3.0, size=50),), label="50 Gaussian draws"),
    ]
    return run_check("check_mle_gaussian", fn, stats.mle_gaussian, cases)


def check_map_bernoulli(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x, a, b)`` = (k + a - 1) / (n + a + b - 2), the Beta-posterior mode.

    Page *Estimation: MLE and MAP*.
    """
    rng = np.random.default_rng(45)
    cases = [
        Case((np.array([1, 1, 1]), 1.0, 1.0), label="flat prior: the MLE"),
        Case((np.array([1, 1, 1]), 2.0, 2.0), label="add-one smoothing"),
        Case((np.array([0, 0, 0, 0]), 3.0, 3.0), label="no ones, a strong prior"),
        Case((np.array([1, 0, 1, 1, 0]), 10.0, 2.0), label="prior toward 1"),
        Case(((rng.random(200) < 0.3).astype(int), 2.0, 5.0), label="200 random flips"),
    ]
    return run_check("check_map_bernoulli", fn, stats.map_bernoulli, cases)


def check_welch_t_test(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x, y)`` = (t, two-sided p-value) of Welch's t-test.

    Page *Hypothesis Testing*.
    """
    rng = np.random.default_rng(46)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0, 8.0])), label="small"),
        Case((np.array([0.0, 1.0]), np.array([0.0, 1.0])), label="identical: t = 0, p = 1"),
        Case(
            (rng.normal(0.0, 1.0, size=30), rng.normal(0.5, 3.0, size=12)),
            label="unequal variances and sizes",
        ),
        Case(
            (rng.normal(0.0, 1.0, size=200), rng.normal(0.4, 1.0, size=200)),
            label="a clear difference",
        ),
    ]
    return run_check("check_welch_t_test", fn, stats.welch_t_test, cases, rtol=1e-6)


def check_two_proportion_z_test(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(successes_a, n_a, successes_b, n_b)`` = (z, two-sided p), pooled.

    Page *Hypothesis Testing*.
    """
    cases = [
        Case((120, 1000, 100, 1000), label="an A/B test"),
        Case((100, 1000, 120, 1000), label="B ahead: z < 0"),
        Case((30, 60, 30, 60), label="equal rates: z = 0"),
        Case((7, 12, 2, 15), label="small groups"),
        Case((2400, 50000, 2550, 50000), label="a big test"),
    ]
    return run_check("check_two_proportion_z_test", fn, stats.two_proportion_z_test, cases)


def check_correlation(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x, y)`` = Pearson's correlation coefficient r.

    Page *Correlation*.
    """
    rng = np.random.default_rng(47)
    t = np.arange(6.0)
    x = rng.normal(size=40)
    cases = [
        Case((t, 2 * t + 1), label="a rising line: r = 1"),
        Case((t, -t), label="a falling line: r = -1"),
        Case((t - 2.5, (t - 2.5) ** 2), label="a parabola: r = 0"),
        Case((x, x + rng.normal(size=40)), label="noisy, r near 0.7"),
        Case((1e3 * x, 1e-3 * x + rng.normal(scale=1e-3, size=40)), label="other units"),
    ]
    return run_check("check_correlation", fn, stats.correlation, cases)


def _bias_variance(predictions: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    return tuple(stats.bias_variance(predictions, truth))


def check_bias_variance(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(predictions, truth)`` = (bias squared, variance), averaged over points.

    Page *The Bias-Variance Tradeoff*.
    """
    rng = np.random.default_rng(48)
    truth = np.array([0.0, 1.0, 0.0])
    cases = [
        Case((np.array([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]]), truth), label="perfect fits"),
        Case((np.array([[1.0, 2.0, 1.0], [1.0, 2.0, 1.0]]), truth), label="all bias"),
        Case((np.array([[1.0, 2.0, 1.0], [-1.0, 0.0, -1.0]]), truth), label="all variance"),
        Case((rng.normal(0.2, 0.5, size=(100, 8)), np.zeros(8)), label="100 noisy fits"),
    ]
    return run_check("check_bias_variance", fn, _bias_variance, cases)
