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
