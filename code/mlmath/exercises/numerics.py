"""Checkers for the exercises of Part 07, *Numerical Methods*."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath import linalg, numerics
from mlmath.exercises._framework import Case, CheckResult, run_check

__all__ = [
    "check_condition_number",
    "check_kahan_sum",
    "check_logsumexp",
    "check_lstsq_qr",
    "check_machine_epsilon",
    "check_stable_sigmoid",
]


def _combine(name: str, results: list[CheckResult]) -> CheckResult:
    """One verdict from several runs of :func:`run_check` with different tolerances."""
    total = sum(r.n_cases for r in results)
    for r in results:
        if not r.passed:
            result = CheckResult(name, False, total, r.message)
            break
    else:
        result = CheckResult(name, True, total, f"{name}: passed all {total} cases")
    print(result.message)
    return result


def check_machine_epsilon(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(dtype)`` = the gap between 1 and the next float of that dtype.

    Page *Floating-Point Numbers*.
    """
    cases = [Case((dt,), label=np.dtype(dt).name) for dt in (np.float16, np.float32, np.float64)]
    return run_check(
        "check_machine_epsilon", fn, lambda dt: np.finfo(dt).eps, cases, rtol=0, atol=0
    )


def _exact_sum(x: np.ndarray) -> float:
    return math.fsum(np.asarray(x, dtype=np.float64).tolist())


def check_kahan_sum(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x)`` = the sum of a 1-D float32 or float64 array, to about the dtype's epsilon.

    The reference is the exactly rounded sum (``math.fsum``); the tolerance is
    10 machine epsilons of x's dtype, which Kahan's compensated loop meets and
    the plain loop (error growing like n epsilons) does not. Page
    *Floating-Point Numbers*.
    """
    rng = np.random.default_rng(71)
    f32 = [
        Case((np.array([1.0, 2.0, 3.0], dtype=np.float32),), label="float32, small"),
        Case((np.full(100_000, 0.1, dtype=np.float32),), label="float32, 100000 x 0.1"),
        Case((rng.random(50_000).astype(np.float32),), label="float32, 50000 uniforms"),
    ]
    f64 = [
        Case((np.array([], dtype=np.float64),), label="float64, empty"),
        Case((np.array([1.0] + [1e-16] * 1000),), label="float64, 1 then 1000 x 1e-16"),
        Case((np.full(100_000, 0.1),), label="float64, 100000 x 0.1"),
    ]
    name = "check_kahan_sum"
    results = [
        run_check(name, fn, _exact_sum, cases, rtol=10 * np.finfo(dt).eps, atol=0, verbose=False)
        for cases, dt in ((f32, np.float32), (f64, np.float64))
    ]
    return _combine(name, results)


def check_logsumexp(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x)`` = log(sum(exp(x))) of a 1-D array, finite for entries like +-1000.

    Page *Numerical Stability*.
    """
    rng = np.random.default_rng(72)
    cases = [
        Case((np.array([0.0]),), label="one entry"),
        Case((np.array([1.0, 2.0, 3.0]),), label="small entries"),
        Case((np.array([1000.0, 1000.0]),), label="large: exp overflows"),
        Case((np.array([-1000.0, -1000.0, -1001.0]),), label="very negative: exp underflows"),
        Case((np.array([1000.0, -1000.0, 0.0]),), label="mixed"),
        Case((rng.normal(scale=300, size=10),), label="random, scale 300"),
    ]
    return run_check("check_logsumexp", fn, numerics.logsumexp, cases, rtol=1e-12)


def check_stable_sigmoid(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(x)`` = 1 / (1 + exp(-x)) entry by entry, with no overflow for any x.

    Your function runs with overflow, division by zero and invalid operations
    turned into errors (``np.errstate(over="raise", divide="raise",
    invalid="raise")``); underflow to 0 is allowed, as it is harmless here.
    Page *Numerical Stability*.
    """
    rng = np.random.default_rng(73)

    def guarded(x: np.ndarray) -> Any:
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            return fn(x)

    guarded.__name__ = getattr(fn, "__name__", "fn")
    cases = [
        Case((np.array([0.0]),), label="sigmoid(0) = 1/2"),
        Case((np.array([-2.0, -0.5, 0.5, 2.0]),), label="moderate"),
        Case((np.array([1000.0, -1000.0]),), label="+-1000: exp(1000) overflows"),
        Case((np.array([-745.0, -30.0, 30.0, 710.0]),), label="tails"),
        Case((rng.normal(scale=20, size=12),), label="random, scale 20"),
    ]
    return run_check(
        "check_stable_sigmoid", guarded, numerics.sigmoid, cases, rtol=1e-12, atol=1e-300
    )


def check_condition_number(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(A)`` = the 2-norm condition number sigma_max / sigma_min of A.

    Page *Conditioning*.
    """
    rng = np.random.default_rng(74)
    i = np.arange(5)
    cases = [
        Case((np.eye(3),), label="identity: 1"),
        Case((np.diag([10.0, 1.0, 0.1]),), label="diagonal: 100"),
        Case((np.array([[1.0, 1.0], [0.0, 1.0]]),), label="a shear (not symmetric)"),
        Case((rng.normal(size=(4, 4)),), label="random 4 x 4"),
        Case((rng.normal(size=(6, 3)),), label="rectangular 6 x 3"),
        Case((1.0 / (i[:, None] + i + 1),), label="Hilbert 5 x 5"),
    ]
    return run_check("check_condition_number", fn, numerics.condition_number, cases, rtol=1e-7)


def check_lstsq_qr(fn: Callable[..., Any]) -> CheckResult:
    """Check ``fn(X, y)`` = the least-squares weights, to the accuracy a QR solve reaches.

    The last case is a degree-10 polynomial design with condition number
    2e7, on which two QR solves agree to about 1e-9 but the normal
    equations (which square the condition number) are off by about 1e-3. Page *Conditioning*.
    """
    rng = np.random.default_rng(75)
    t = np.linspace(0.0, 1.0, 40)
    vander = t[:, None] ** np.arange(11)
    w = rng.normal(size=11)
    cases = [
        Case((np.eye(3), np.array([1.0, 2.0, 3.0])), label="identity"),
        Case(
            (np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), np.array([1.0, 2.0, 2.0])),
            label="a line through three points",
        ),
        Case((rng.normal(size=(20, 4)), rng.normal(size=20)), label="random 20 x 4"),
        Case((vander, vander @ w), label="degree-10 polynomial, condition number 2e7"),
    ]
    return run_check(
        "check_lstsq_qr",
        fn,
        lambda X, y: linalg.lstsq(X, y, method="qr"),
        cases,
        rtol=1e-6,
        atol=1e-9,
    )
