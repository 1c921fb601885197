"""Checkers for the exercises of Part 03, *Probability*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import linalg, models, probability
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_bayes_posterior",
    "check_box_muller",
    "check_discrete_moments",
    "check_exponential_inverse_cdf",
    "check_gaussian_conditional",
    "check_m_step",
    "check_mvn_transform",
    "check_responsibilities",
    "check_running_mean",
]


def _spd(rng: np.random.Generator, d: int) -> np.ndarray:
    M = rng.normal(size=(d, d))
    return M @ M.T + 0.5 * np.eye(d)


def check_bayes_posterior(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(prior, likelihood)`` = prior · likelihood, normalised to sum 1.

    Page *Probability Foundations*.
    """
    rng = np.random.default_rng(31)
    cases = [
        Case((np.array([0.99, 0.01]), np.array([0.05, 0.9])), label="medical test, 1% base rate"),
        Case((np.array([0.5, 0.5]), np.array([0.2, 0.8])), label="flat prior"),
        Case(
            (np.array([0.2, 0.3, 0.5]), np.array([0.0, 0.4, 0.1])),
            label="a hypothesis ruled out",
        ),
        Case((rng.dirichlet(np.ones(6)), rng.random(6)), label="random, 6 hypotheses"),
    ]
    return run_check("check_bayes_posterior", fn, probability.bayes_posterior, cases)


def _discrete_moments(values: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    mean = float(values @ probs)
    return mean, float((values - mean) ** 2 @ probs)


def check_discrete_moments(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(values, probs)`` = (mean, variance) of a discrete random variable.

    Page *Random Variables*.
    """
    rng = np.random.default_rng(32)
    die = np.arange(1.0, 7.0)
    cases = [
        Case((die, np.full(6, 1 / 6)), label="a fair die"),
        Case((np.array([0.0, 1.0]), np.array([0.7, 0.3])), label="Bernoulli(0.3)"),
        Case((np.array([-2.0, 0.0, 5.0]), np.array([0.25, 0.5, 0.25])), label="skewed values"),
        Case((np.array([3.0]), np.array([1.0])), label="a constant"),
        Case((rng.normal(size=8), rng.dirichlet(np.ones(8))), label="random, 8 values"),
    ]
    return run_check("check_discrete_moments", fn, _discrete_moments, cases)


def check_exponential_inverse_cdf(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(u, rate)`` = -log(1 - u) / rate, the exponential's inverse CDF.

    Page *Common Distributions*.
    """
    rng = np.random.default_rng(33)
    cases = [
        Case((np.array([0.0, 0.5, 0.9]), 1.0), label="rate 1: 0, median log 2, ..."),
        Case((np.array([0.25, 0.75]), 4.0), label="rate 4"),
        Case((rng.random(10), 0.3), label="random uniforms, rate 0.3"),
    ]

    def reference(u, rate):
        return probability.Exponential(rate).ppf(u)

    return run_check("check_exponential_inverse_cdf", fn, reference, cases)


def check_box_muller(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(u1, u2)`` = (R cos 2πu2, R sin 2πu2) with R = sqrt(-2 log u1).

    Page *Common Distributions*.
    """
    rng = np.random.default_rng(34)
    cases = [
        Case((np.array([1.0, np.exp(-0.5)]), np.array([0.0, 0.25])), label="radius 0 and 1"),
        Case((np.array([0.3]), np.array([0.6])), label="one pair"),
        Case((1.0 - rng.random(8), rng.random(8)), label="random uniforms"),
    ]
    return run_check("check_box_muller", fn, probability.box_muller, cases)


def _gaussian_conditional(mean: np.ndarray, cov: np.ndarray, x2: np.ndarray):
    cond = probability.MultivariateGaussian(mean, cov).conditional(x2)
    return cond.mean(), cond.cov()


def check_gaussian_conditional(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(mean, cov, x2)`` = the mean and covariance of x1 given x2.

    The first ``len(mean) - len(x2)`` coordinates are x1. Page *Joint
    Distributions and the Multivariate Gaussian*.
    """
    rng = np.random.default_rng(35)
    cases = [
        Case(
            (np.zeros(2), np.array([[1.0, 0.8], [0.8, 1.0]]), np.array([1.0])),
            label="2-D, correlation 0.8",
        ),
        Case((np.array([1.0, -1.0]), np.eye(2), np.array([3.0])), label="independent coordinates"),
        Case((rng.normal(size=5), _spd(rng, 5), rng.normal(size=2)), label="5-D, 2 observed"),
        Case((rng.normal(size=4), _spd(rng, 4), rng.normal(size=3)), label="4-D, 3 observed"),
    ]
    return run_check("check_gaussian_conditional", fn, _gaussian_conditional, cases)


def check_mvn_transform(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(mean, cov, z)`` = mean + z @ L.T with L the lower Cholesky factor.

    ``z`` holds standard normal rows. Page *Joint Distributions and the
    Multivariate Gaussian*.
    """
    rng = np.random.default_rng(36)
    cases = [
        Case(
            (np.array([1.0, 2.0]), np.array([[4.0, 2.0], [2.0, 2.0]]), np.eye(2)),
            label="unit vectors",
        ),
        Case((np.zeros(3), np.diag([1.0, 4.0, 9.0]), rng.normal(size=(5, 3))), label="diagonal"),
        Case((rng.normal(size=4), _spd(rng, 4), rng.normal(size=(6, 4))), label="random 4-D"),
    ]

    def reference(mean, cov, z):
        return mean + z @ linalg.cholesky(cov).T

    return run_check("check_mvn_transform", fn, reference, cases)


def check_running_mean(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x)`` = the running means x[:1].mean(), ..., x.mean().

    Page *The Law of Large Numbers and the Central Limit Theorem*.
    """
    rng = np.random.default_rng(37)
    cases = [
        Case((np.array([1.0, 0.0, 1.0, 1.0]),), label="coin flips"),
        Case((np.array([5.0]),), label="one value"),
        Case((rng.exponential(size=50),), label="50 exponential draws"),
    ]

    def reference(x):
        return np.cumsum(x) / np.arange(1, x.size + 1)

    return run_check("check_running_mean", fn, reference, cases)


def _mixture_case(rng: np.random.Generator, n: int, K: int, d: int) -> tuple:
    X = rng.normal(size=(n, d)) + rng.integers(0, 3, size=(n, 1))
    weights = rng.dirichlet(np.ones(K))
    means = rng.normal(size=(K, d))
    covs = np.stack([_spd(rng, d) for _ in range(K)])
    return X, weights, means, covs


def check_responsibilities(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(X, weights, means, covs)`` = the (n, K) responsibilities of a mixture.

    Page *Probabilistic Models*. One case has points so far out that the
    densities underflow unless the computation is done in log space.
    """
    rng = np.random.default_rng(38)
    far = (
        np.array([[40.0, 0.0], [-40.0, 5.0]]),
        np.array([0.5, 0.5]),
        np.array([[1.0, 0.0], [-1.0, 0.0]]),
        np.stack([np.eye(2), np.eye(2)]),
    )
    cases = [
        Case(_mixture_case(rng, 6, 2, 1), label="1-D, 2 components"),
        Case(_mixture_case(rng, 10, 3, 2), label="2-D, 3 components"),
        Case(far, label="far-away points (densities underflow)"),
    ]

    def reference(X, weights, means, covs):
        return models._e_step(X, weights, means, covs)[0]

    return run_check("check_responsibilities", fn, reference, cases)


def check_m_step(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(X, resp)`` = (weights, means, covs), EM's M-step for full covariances.

    No regularisation is added. Page *Probabilistic Models*.
    """
    rng = np.random.default_rng(39)
    hard = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]])
    cases = [
        Case((rng.normal(size=(5, 2)), hard), label="hard assignments"),
        Case((rng.normal(size=(12, 2)), rng.dirichlet(np.ones(3), size=12)), label="2-D, K=3"),
        Case((rng.normal(size=(20, 3)), rng.dirichlet(np.ones(2), size=20)), label="3-D, K=2"),
    ]

    def reference(X, resp):
        return models._m_step(X, resp, 0.0)

    return run_check("check_m_step", fn, reference, cases)
