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


# --- Part 07: floats, sums, conditioning ---------------------------------

import math  # noqa: E402
from fractions import Fraction  # noqa: E402

from mlmath import numerics  # noqa: E402

FLOATS = [np.float16, np.float32, np.float64]


@pytest.mark.parametrize("dtype", [*FLOATS, np.longdouble])
def test_machine_epsilon_matches_finfo(dtype):
    eps = numerics.machine_epsilon(dtype)
    assert eps == np.finfo(dtype).eps
    assert np.asarray(eps).dtype == np.dtype(dtype)
    one = np.dtype(dtype).type(1)
    assert one + eps > one and one + eps / 2 == one  # the defining property


def test_machine_epsilon_rejects_non_floats():
    for bad in (np.int64, "int32", np.complex128, bool):
        with pytest.raises(ValueError, match="dtype must be one of"):
            numerics.machine_epsilon(bad)
    with pytest.raises(TypeError, match="NumPy floating type"):
        numerics.machine_epsilon("not a dtype")


def _decode(bits, dtype):
    """The value a FloatBits spells, from the IEEE 754 formula (normal numbers)."""
    info = np.finfo(dtype)
    bias = 2 ** (len(bits.exponent) - 1) - 1
    e = int(bits.exponent, 2)
    f = Fraction(int(bits.fraction, 2), 2**info.nmant)
    value = (1 + f) * Fraction(2) ** (e - bias) if e else f * Fraction(2) ** (1 - bias)
    return -value if bits.sign == "1" else value


@pytest.mark.parametrize("dtype", FLOATS)
def test_float_bits_agree_with_the_stored_number(dtype):
    rng = np.random.default_rng(3)
    values = [1.0, -2.5, 0.1, 1 / 3, 65504.0, 6e-8, -0.0, *(rng.normal(size=20) * 100)]
    for v in values:
        bits = numerics.float_bits(v, dtype)
        width = {np.float16: (5, 10), np.float32: (8, 23), np.float64: (11, 52)}[dtype]
        assert (len(bits.sign), len(bits.exponent), len(bits.fraction)) == (1, *width)
        stored = np.dtype(dtype).type(v)
        assert _decode(bits, dtype) == Fraction(float(stored))
        assert (bits.sign == "1") == bool(np.signbit(stored))


def test_float_bits_known_layouts():
    assert numerics.float_bits(1.0) == ("0", "0" + "1" * 10, "0" * 52)
    assert numerics.float_bits(0.1).fraction == "1001" * 12 + "1010"  # rounded up
    assert float.hex(0.1) == "0x1.999999999999ap-4"
    assert numerics.float_bits(np.inf, np.float32) == ("0", "1" * 8, "0" * 23)
    assert numerics.float_bits(np.nan).exponent == "1" * 11
    assert numerics.float_bits(1e5, np.float16).exponent == "11111"  # overflows to inf
    with pytest.raises(ValueError, match="single real number"):
        numerics.float_bits([1.0, 2.0])
    with pytest.raises(TypeError, match="real"):
        numerics.float_bits(1 + 2j)


def _loop_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


@pytest.mark.parametrize("dtype", FLOATS)
def test_naive_sum_is_the_left_to_right_loop(dtype):
    x = np.random.default_rng(4).normal(size=2000).astype(dtype) * 10
    assert numerics.naive_sum(x) == _loop_sum(x)
    assert np.asarray(numerics.naive_sum(x)).dtype == np.dtype(dtype)
    assert numerics.naive_sum(np.array([], dtype=dtype)) == 0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_kahan_sum_is_accurate_where_the_naive_sum_is_not(dtype):
    rng = np.random.default_rng(5)
    eps = np.finfo(dtype).eps
    for x in (np.full(100_000, 0.1, dtype=dtype), rng.random(100_000).astype(dtype)):
        exact = math.fsum(x.astype(np.float64).tolist())  # the exact sum of the stored data
        kahan = numerics.kahan_sum(x)
        assert np.asarray(kahan).dtype == np.dtype(dtype)
        assert abs(float(kahan) - exact) <= 2 * eps * abs(exact)
        assert abs(float(numerics.naive_sum(x)) - exact) > 20 * abs(float(kahan) - exact)


def test_kahan_sum_recovers_what_the_naive_sum_drops():
    x = np.array([1.0] + [1e-16] * 10_000)  # each 1e-16 is lost against 1.0 on its own
    assert numerics.naive_sum(x) == 1.0
    assert numerics.kahan_sum(x) == pytest.approx(1.0 + 1e-12, rel=1e-15)
    assert numerics.kahan_sum([1, 2, 3]) == 6.0  # integers are summed as float64


def test_sums_reject_bad_input():
    for fn in (numerics.naive_sum, numerics.kahan_sum):
        with pytest.raises(ValueError, match="1-D"):
            fn(np.ones((2, 2)))
        with pytest.raises(ValueError, match="finite"):
            fn(np.array([1.0, np.nan]))
        with pytest.raises(TypeError, match="numbers"):
            fn(["a", "b"])


def _hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i + 1)


def test_condition_number_matches_numpy():
    rng = np.random.default_rng(6)
    cases = [
        rng.normal(size=(5, 5)),
        rng.normal(size=(8, 3)),
        rng.normal(size=(3, 8)),
        np.diag([1.0, 1e-3, 1e3]),
        _hilbert(6),
        np.eye(4),
    ]
    for A in cases:
        kappa = numerics.condition_number(A)
        ref = np.linalg.cond(A)
        assert kappa == pytest.approx(ref, rel=1e-12 + 1e-15 * ref)
    assert numerics.condition_number(np.eye(3) * 7) == pytest.approx(1.0)
    assert numerics.condition_number(np.diag([1.0, 1e-3, 1e3])) == pytest.approx(1e6)


def test_condition_number_of_hilbert_matrices_grows_like_the_known_values():
    # kappa_2 of the n x n Hilbert matrix (Todd 1954; e.g. Higham 2002, sec. 28.1)
    known = {4: 1.5514e4, 6: 1.4951e7, 8: 1.5258e10, 10: 1.6025e13}
    for n, value in known.items():
        assert numerics.condition_number(_hilbert(n)) == pytest.approx(value, rel=1e-4)


def test_condition_number_of_singular_and_bad_matrices():
    assert numerics.condition_number(np.zeros((3, 3))) == np.inf
    assert numerics.condition_number([[1.0, 2.0], [2.0, 4.0]]) > 1e15
    with pytest.raises(ValueError, match="2-D"):
        numerics.condition_number([1.0, 2.0])
    with pytest.raises(ValueError, match=r"NaN|finite"):
        numerics.condition_number([[1.0, np.nan], [0.0, 1.0]])


def test_relative_error():
    assert numerics.relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert numerics.relative_error([3.0, 4.0 + 5e-3], [3.0, 4.0]) == pytest.approx(1e-3)
    assert numerics.relative_error(1.1, 1.0) == pytest.approx(0.1)
    np.testing.assert_allclose(
        numerics.relative_error([1.01, -2.0], [1.0, -1.0], elementwise=True), [0.01, 1.0]
    )
    huge = np.array([1e300, 1e300])  # the norm of e would overflow without scaling
    assert numerics.relative_error(huge * (1 + 1e-10), huge) == pytest.approx(1e-10, rel=1e-5)
    assert numerics.relative_error([np.inf], [1.0]) == np.inf
    with pytest.raises(ValueError, match="exact is zero"):
        numerics.relative_error([1.0], [0.0])
    with pytest.raises(ValueError, match="zero entries"):
        numerics.relative_error([1.0, 1.0], [0.0, 1.0], elementwise=True)
    with pytest.raises(ValueError, match="same shape"):
        numerics.relative_error([1.0, 2.0], [1.0])


def test_softmax_accepts_masked_logits():
    from mlmath.numerics import log_softmax, softmax

    x = np.array([[0.0, -np.inf, 1.0], [-np.inf, 2.0, -np.inf]])
    with np.errstate(all="raise"):
        p, lp = softmax(x), log_softmax(x)
    e = np.exp(1.0)
    np.testing.assert_allclose(p, [[1 / (1 + e), 0.0, e / (1 + e)], [0.0, 1.0, 0.0]])
    assert lp[0, 1] == -np.inf and lp[1, 1] == 0.0
    with pytest.raises(ValueError, match="all -inf"):
        softmax([[-np.inf, -np.inf], [0.0, 1.0]])
    with pytest.raises(ValueError, match="NaN or \\+inf"):
        log_softmax([0.0, np.inf])
