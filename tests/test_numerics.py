"""mlmath.numerics: stable log-sum-exp against SciPy and under extreme input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import logsumexp as scipy_logsumexp

from mlmath.numerics import logsumexp


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_matches_scipy(axis, keepdims):
    x = np.random.default_rng(0).normal(scale=300, size=(4, 5))
    ours = logsumexp(x, axis=axis, keepdims=keepdims)
    ref = scipy_logsumexp(x, axis=axis, keepdims=keepdims)
    assert np.shape(ours) == np.shape(ref)
    np.testing.assert_allclose(ours, ref, rtol=1e-14)


def test_logsumexp_neither_overflows_nor_underflows():
    with np.errstate(all="raise"):
        assert logsumexp([1000.0, 1000.0]) == pytest.approx(1000.0 + np.log(2.0))
        assert logsumexp([-1000.0, -1000.0]) == pytest.approx(-1000.0 + np.log(2.0))
    with np.errstate(over="ignore", divide="ignore"):
        assert np.log(np.sum(np.exp([1000.0, 1000.0]))) == np.inf  # the naive formula
        assert np.log(np.sum(np.exp([-1000.0, -1000.0]))) == -np.inf


def test_logsumexp_of_log_zero_probabilities():
    assert logsumexp([-np.inf, np.log(0.5)]) == pytest.approx(np.log(0.5))
    assert logsumexp([-np.inf, -np.inf]) == -np.inf
    with pytest.raises(ValueError, match="NaN or \\+inf"):
        logsumexp([0.0, np.nan])


@settings(max_examples=80, deadline=None)
@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-1e300, 1e300)))
def test_logsumexp_lies_between_the_max_and_the_max_plus_log_n(x):
    out = logsumexp(x)
    assert x.max() <= out <= x.max() + np.log(x.size) + 1e-12 * abs(x.max())


def test_softmax_family_matches_scipy_and_never_warns():
    import scipy.special as sp

    from mlmath.numerics import log_softmax, sigmoid, softmax, softplus

    x = np.array(
        [[-1000.0, 0.0, 3.0, 1000.0], [1.0, 2.0, 3.0, 4.0], [-800.0, -801.0, -799.0, -5e3]]
    )
    z = np.array([-1000.0, -745.0, -30.0, -1.0, 0.0, 1.0, 30.0, 710.0, 1000.0])
    with np.errstate(all="raise"):  # ours: no overflow or underflow warning
        ours = [(softmax(x, axis=a), log_softmax(x, axis=a)) for a in (0, 1, -1)]
        sig, soft = sigmoid(z), softplus(z)
    for (sm, lsm), axis in zip(ours, (0, 1, -1), strict=True):
        np.testing.assert_allclose(sm, sp.softmax(x, axis=axis), atol=1e-300)
        np.testing.assert_allclose(lsm, sp.log_softmax(x, axis=axis), rtol=1e-14, atol=1e-12)
    np.testing.assert_allclose(sig, sp.expit(z), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(soft, np.logaddexp(0.0, z), rtol=1e-14)
    np.testing.assert_allclose(softmax(x, axis=1).sum(axis=1), 1.0)
    assert sigmoid(0.0) == 0.5 and isinstance(softplus(2.0), float)
    assert softplus(-800.0) == 0.0 and softplus(-30.0) == pytest.approx(np.exp(-30.0), rel=1e-12)
