"""mlmath.prereq against NumPy, SciPy and scikit-learn, plus properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial.distance import cdist
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from mlmath import prereq

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


def test_standardize_matches_sklearn(rng):
    X = rng.normal(5.0, 3.0, size=(40, 4))
    np.testing.assert_allclose(
        prereq.standardize(X), StandardScaler().fit_transform(X), rtol=1e-12
    )


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(2, 20), st.integers(1, 5)), elements=finite))
def test_standardize_gives_zero_mean_unit_std(X):
    scale = np.maximum(np.abs(X.mean(axis=0)), 1.0)
    spread = X.std(axis=0) / scale
    if np.any(spread <= 1e-12):
        with pytest.raises(ValueError, match="constant column"):
            prereq.standardize(X)
        return
    if np.any(spread <= 1e-6):  # nearly constant: only the error message is pinned
        return
    Z = prereq.standardize(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-8)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-8)


def test_standardize_does_not_modify_input(rng):
    X = rng.normal(size=(5, 2))
    before = X.copy()
    prereq.standardize(X)
    np.testing.assert_array_equal(X, before)


def test_standardize_names_constant_columns():
    X = np.array([[1.0, 2.0, 7.0], [3.0, 2.0, 7.0]])
    with pytest.raises(ValueError, match=r"constant column\(s\) \[1, 2\]"):
        prereq.standardize(X)


def test_standardize_rejects_vectors():
    with pytest.raises(ValueError, match="X must be 2-D"):
        prereq.standardize([1.0, 2.0, 3.0])


def test_pairwise_distances_matches_scipy(rng):
    X, Y = rng.normal(size=(7, 3)), rng.normal(size=(4, 3))
    np.testing.assert_allclose(prereq.pairwise_distances(X, Y), cdist(X, Y), rtol=1e-12)
    np.testing.assert_allclose(prereq.pairwise_distances(X), cdist(X, X), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(1, 4)), elements=finite))
def test_pairwise_distances_is_a_metric(X):
    D = prereq.pairwise_distances(X)
    np.testing.assert_array_equal(np.diag(D), 0.0)
    np.testing.assert_allclose(D, D.T)
    assert np.all(D >= 0)
    # triangle inequality: D[i, k] <= D[i, j] + D[j, k] for all i, j, k
    slack = D[:, None, :] - (D[:, :, None] + D[None, :, :])
    assert np.all(slack <= 1e-9 * (1.0 + D.max()))


def test_pairwise_distances_checks_columns():
    with pytest.raises(ValueError, match="same number of columns, got 2 and 3"):
        prereq.pairwise_distances(np.zeros((2, 2)), np.zeros((2, 3)))


def test_one_hot_matches_sklearn():
    y = np.array([2, 0, 1, 2, 2])
    expected = OneHotEncoder(sparse_output=False).fit_transform(y[:, None])
    np.testing.assert_array_equal(prereq.one_hot(y), expected)


@given(st.lists(st.integers(0, 9), min_size=1, max_size=30), st.integers(0, 5))
def test_one_hot_rows_pick_the_label(labels, extra):
    y = np.array(labels)
    K = int(y.max()) + 1 + extra
    Y = prereq.one_hot(y, K)
    assert Y.shape == (len(y), K)
    np.testing.assert_array_equal(Y.sum(axis=1), 1.0)
    np.testing.assert_array_equal(Y.argmax(axis=1), y)


def test_one_hot_accepts_whole_floats():
    np.testing.assert_array_equal(prereq.one_hot([1.0, 0.0], 2), [[0, 1], [1, 0]])


@pytest.mark.parametrize(
    ("labels", "k", "words"),
    [
        ([0, 3], 3, "labels must be smaller than n_classes=3, got label 3"),
        ([-1, 0], None, "labels must be non-negative"),
        ([0.5], None, "labels must be whole numbers"),
        ([[0, 1]], None, "labels must be 1-D"),
        ([], None, "labels must not be empty"),
    ],
)
def test_one_hot_rejects_bad_labels(labels, k, words):
    with pytest.raises(ValueError, match=words):
        prereq.one_hot(labels, k)


def test_evaluate_on_grid_uses_xy_indexing():
    X, Y, Z = prereq.evaluate_on_grid(lambda x, y: x + 10 * y, (0, 1), (0, 2), n=3)
    np.testing.assert_array_equal(X[0], [0.0, 0.5, 1.0])  # a row runs along x
    np.testing.assert_array_equal(Y[:, 0], [0.0, 1.0, 2.0])  # a column along y
    np.testing.assert_array_equal(Z, X + 10 * Y)


def test_evaluate_on_grid_rejects_bad_input():
    with pytest.raises(ValueError, match=r"xlim must be \(low, high\) with low < high"):
        prereq.evaluate_on_grid(np.add, (1, 0), (0, 1))
    with pytest.raises(ValueError, match=r"ylim must be \(low, high\)"):
        prereq.evaluate_on_grid(np.add, (0, 1), (0, 1, 2))
    with pytest.raises(ValueError, match="f must work element by element"):
        prereq.evaluate_on_grid(lambda x, y: 1.0, (0, 1), (0, 1))
    with pytest.raises(ValueError, match="n must be at least 2"):
        prereq.evaluate_on_grid(np.add, (0, 1), (0, 1), n=1)


def test_time_call_returns_best_time():
    calls = []
    t = prereq.time_call(calls.append, 1, repeat=3)
    assert len(calls) == 3
    assert 0.0 <= t < 1.0
    with pytest.raises(ValueError, match="repeat must be at least 1"):
        prereq.time_call(calls.append, 1, repeat=0)
