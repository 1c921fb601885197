"""Checkers for the exercises of Part 06, *Information Theory*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import info
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_conditional_entropy",
    "check_entropy",
    "check_gaussian_kl",
    "check_kl_divergence",
    "check_mutual_information",
]


def check_entropy(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(p)`` = the entropy of the 1-D distribution p in nats, with 0 log 0 = 0.

    Page *Entropy*.
    """
    rng = np.random.default_rng(61)
    p = rng.dirichlet(np.ones(6))
    p[[1, 4]] = 0.0
    cases = [
        Case((np.array([0.5, 0.5]),), label="a fair coin: log 2"),
        Case((np.array([1.0, 0.0, 0.0]),), label="a point mass (0 log 0 = 0)"),
        Case((np.full(8, 1 / 8),), label="uniform on 8: log 8"),
        Case((np.array([0.7, 0.2, 0.1]),), label="three outcomes"),
        Case((p / p.sum(),), label="random, with two zeros"),
    ]
    return run_check("check_entropy", fn, info.entropy, cases)


def check_kl_divergence(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(p, q)`` = KL(p || q) in nats (inf where q = 0 < p, no term where p = 0).

    Page *Cross-Entropy and KL Divergence*.
    """
    rng = np.random.default_rng(62)
    cases = [
        Case((np.array([0.3, 0.7]), np.array([0.3, 0.7])), label="p = q: zero"),
        Case((np.array([0.9, 0.1]), np.array([0.5, 0.5])), label="not symmetric (try swapping)"),
        Case((np.array([1.0, 0.0]), np.array([0.5, 0.5])), label="p has a zero: no term"),
        Case((np.array([0.5, 0.5]), np.array([1.0, 0.0])), label="q misses mass of p: inf"),
        Case((rng.dirichlet(np.ones(5)), rng.dirichlet(np.ones(5))), label="random, 5 outcomes"),
    ]
    return run_check("check_kl_divergence", fn, info.kl_divergence, cases)


def check_gaussian_kl(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(mu_p, var_p, mu_q, var_q)`` = KL(N(mu_p, var_p) || N(mu_q, var_q)).

    Page *Cross-Entropy and KL Divergence*.
    """
    cases = [
        Case((0.0, 1.0, 0.0, 1.0), label="equal: zero"),
        Case((1.0, 1.0, 0.0, 1.0), label="shifted mean: 1/2"),
        Case((0.0, 4.0, 0.0, 1.0), label="wider p"),
        Case((0.0, 1.0, 0.0, 4.0), label="wider q (not symmetric)"),
        Case((2.0, 0.5, -1.0, 3.0), label="both differ"),
    ]
    return run_check("check_gaussian_kl", fn, info.gaussian_kl, cases)


def _tables() -> list[Case]:
    rng = np.random.default_rng(63)
    random = rng.dirichlet(np.ones(12)).reshape(3, 4)
    skewed = np.array([[0.30, 0.05, 0.0], [0.05, 0.10, 0.50]])  # H(Y|X) != H(X|Y)
    return [
        Case((np.outer([0.2, 0.8], [0.5, 0.3, 0.2]),), label="independent X and Y"),
        Case((np.array([[0.5, 0.0], [0.0, 0.5]]),), label="Y = X"),
        Case((skewed,), label="2 x 3 with a zero"),
        Case((np.array([[1.0]]),), label="1 x 1"),
        Case((random,), label="random, 3 x 4"),
    ]


def check_mutual_information(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(pxy)`` = I(X; Y) in nats of a joint table (rows index X).

    Page *Mutual Information*.
    """
    return run_check("check_mutual_information", fn, info.mutual_information, _tables())


def check_conditional_entropy(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(pxy)`` = H(Y | X) in nats of a joint table (rows index X).

    Page *Mutual Information*.
    """
    return run_check("check_conditional_entropy", fn, info.conditional_entropy, _tables())
