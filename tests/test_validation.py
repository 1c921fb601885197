"""The shared validation helpers name the argument and the problem."""

import numpy as np
import pytest

from mlmath import _validation as v


def test_as_array_converts_to_float64():
    out = v.as_array([[1, 2], [3, 4]], "A", ndim=2)
    assert out.dtype == np.float64
    assert out.shape == (2, 2)


def test_as_array_converts_booleans():
    assert v.as_array([True, False], "mask").tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("value", "error", "words"),
    [
        (None, TypeError, "x must be an array of numbers, got None"),
        (["a", "b"], TypeError, "x must be an array of numbers"),
        ([1 + 2j], TypeError, "x must be real"),
        ([[1, 2], [3]], ValueError, "x must be a rectangular array"),
        ([], ValueError, "x must not be empty"),
        ([1.0, np.nan], ValueError, "x must be finite, but it contains NaN"),
        ([1.0, np.inf], ValueError, "x must be finite, but it contains an infinite"),
    ],
)
def test_as_array_rejects_bad_input(value, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(")):
        v.as_array(value, "x")


def test_as_array_checks_dimension():
    with pytest.raises(ValueError, match=r"A must be 2-D, got 1-D array of shape \(3,\)"):
        v.as_array([1, 2, 3], "A", ndim=2)
    with pytest.raises(ValueError, match="x must be 1-D or 2-D"):
        v.as_array(np.zeros((2, 2, 2)), "x", ndim=(1, 2))


def test_as_array_can_allow_nan_and_empty():
    assert np.isnan(v.as_array([np.nan], "x", finite=False)[0])
    assert v.as_array([], "x", non_empty=False).size == 0


def test_check_square():
    v.check_square(np.eye(3), "A")
    with pytest.raises(ValueError, match=r"A must be square, got shape \(3, 2\)"):
        v.check_square(np.zeros((3, 2)), "A")


def test_check_shape_with_wildcards():
    v.check_shape(np.zeros((5, 2)), "path", (None, 2))
    with pytest.raises(ValueError, match=r"path must have shape \(any, 2\), got shape \(5, 3\)"):
        v.check_shape(np.zeros((5, 3)), "path", (None, 2))
    with pytest.raises(ValueError, match=r"v must have shape \(2,\)"):
        v.check_shape(np.zeros(3), "v", (2,))


def test_check_same_length():
    with pytest.raises(ValueError, match="x and y must have the same length, got 3 and 2"):
        v.check_same_length(np.zeros(3), np.zeros(2), "x", "y")


def test_check_int():
    assert v.check_int(np.int64(4), "n") == 4
    with pytest.raises(TypeError, match="n must be an integer, got float"):
        v.check_int(2.0, "n")
    with pytest.raises(TypeError, match="n must be an integer, got bool"):
        v.check_int(True, "n")
    with pytest.raises(ValueError, match="n must be at least 1, got 0"):
        v.check_int(0, "n", minimum=1)


def test_check_positive():
    assert v.check_positive(2, "std") == 2.0
    assert v.check_positive(0, "lam", strict=False) == 0.0
    with pytest.raises(ValueError, match=r"std must be positive, got 0\.0"):
        v.check_positive(0, "std")
    with pytest.raises(ValueError, match=r"lam must be non-negative, got -1\.0"):
        v.check_positive(-1, "lam", strict=False)
    with pytest.raises(ValueError, match="std must be finite"):
        v.check_positive(np.inf, "std")
    with pytest.raises(TypeError, match="std must be a real number, got str"):
        v.check_positive("1", "std")


def test_check_probability():
    assert v.check_probability(0, "p") == 0.0
    assert v.check_probability(1, "p") == 1.0
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\], got 1.5"):
        v.check_probability(1.5, "p")
    with pytest.raises(ValueError, match="level must lie strictly between 0 and 1"):
        v.check_probability(1.0, "level", open_interval=True)


def test_check_in():
    assert v.check_in("qr", "method", ["normal", "qr"]) == "qr"
    with pytest.raises(ValueError, match="method must be one of 'normal', 'qr'; got 'svd'"):
        v.check_in("svd", "method", ["normal", "qr"])


def test_as_generator():
    gen = np.random.default_rng(3)
    assert v.as_generator(gen) is gen
    assert v.as_generator(7).random() == np.random.default_rng(7).random()
    assert isinstance(v.as_generator(None), np.random.Generator)
    with pytest.raises(TypeError, match="rng must be a numpy Generator"):
        v.as_generator(1.5)
    with pytest.raises(TypeError, match="seed must be"):
        v.as_generator(True, "seed")
