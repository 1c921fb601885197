"""mlmath.models against scikit-learn on the data sets it ships."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.mixture import GaussianMixture as SkMixture
from sklearn.naive_bayes import GaussianNB

from mlmath import models

LOADERS = [load_iris, load_wine, load_breast_cancer]


@pytest.mark.parametrize("load", LOADERS, ids=lambda f: f.__name__)
def test_naive_bayes_matches_scikit_learn(load):
    X, y = load(return_X_y=True)
    ours, ref = models.GaussianNaiveBayes().fit(X, y), GaussianNB().fit(X, y)
    np.testing.assert_allclose(ours.theta_, ref.theta_, rtol=1e-12)
    np.testing.assert_allclose(ours.var_, ref.var_, rtol=1e-12)
    np.testing.assert_allclose(ours.class_prior_, ref.class_prior_)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-10)
    np.testing.assert_allclose(
        ours.predict_log_proba(X), ref.predict_log_proba(X), rtol=1e-9, atol=1e-9
    )
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    assert ours.score(X, y) == pytest.approx(ref.score(X, y))


def test_naive_bayes_keeps_string_labels_and_smooths_constant_features():
    X = np.array([[0.0, 1.0], [0.0, 2.0], [1.0, 3.0], [1.0, 5.0]])  # feature 0 constant per class
    y = np.array(["a", "a", "b", "b"])
    ours = models.GaussianNaiveBayes().fit(X, y)
    ref = GaussianNB().fit(X, y)
    assert list(ours.predict(X)) == list(ref.predict(X)) == list(y)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-12)
    with pytest.raises(ValueError, match="zero variance"):
        models.GaussianNaiveBayes(var_smoothing=0.0).fit(X, y)


def _same_start(X, K, seed):
    start = models.GaussianMixture(K, rng=seed)
    start._start(X)
    return start


@pytest.mark.parametrize(("load", "K"), [(load_iris, 3), (load_iris, 2), (load_wine, 3)])
def test_em_matches_scikit_learn_from_the_same_start(load, K):
    X, _ = load(return_X_y=True)
    if load is load_wine:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
    start = _same_start(X, K, seed=1)
    ours = models.GaussianMixture(K, max_iter=60, rng=1).fit(X)
    ref = SkMixture(
        K,
        max_iter=60,
        tol=1e-6,
        reg_covar=1e-6,
        means_init=start.means_,
        weights_init=start.weights_,
        precisions_init=np.linalg.inv(start.covariances_),
    )
    with warnings.catch_warnings():  # ConvergenceWarning: we stop at 60 too
        warnings.simplefilter("ignore")
        ref.fit(X)
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_allclose(ours.means_, ref.means_, atol=1e-7)
    np.testing.assert_allclose(ours.covariances_, ref.covariances_, atol=1e-7)
    np.testing.assert_allclose(ours.weights_, ref.weights_, atol=1e-8)
    assert ours.log_likelihoods_[-1] == pytest.approx(ref.lower_bound_, rel=1e-9)
    np.testing.assert_allclose(ours.score_samples(X), ref.score_samples(X), rtol=1e-7)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 4))
def test_em_log_likelihood_never_decreases(seed, K):
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=4, size=(3, 2))
    X = centers[rng.integers(0, 3, size=120)] + rng.normal(size=(120, 2))
    gm = models.GaussianMixture(K, max_iter=40, tol=0.0, rng=seed).fit(X)
    steps = np.diff(gm.log_likelihoods_)
    assert np.all(steps >= -1e-10 * np.abs(gm.log_likelihoods_[1:]))
    assert gm.n_iter_ == len(gm.log_likelihoods_)
    assert gm.weights_.sum() == pytest.approx(1.0)


def test_em_stops_when_converged_and_recovers_separated_clusters():
    rng = np.random.default_rng(3)
    centers = np.array([[-6.0, 0.0], [0.0, 6.0], [6.0, 0.0]])
    X = np.repeat(centers, 200, axis=0) + rng.normal(size=(600, 2))
    gm = models.GaussianMixture(3, rng=0).fit(X)
    assert gm.converged_ and gm.n_iter_ < 100
    found = gm.means_[np.argsort(gm.means_[:, 0])]
    np.testing.assert_allclose(found, centers, atol=0.2)
    np.testing.assert_allclose(gm.weights_, 1 / 3, atol=0.01)
    Xs, labels = gm.sample(3000, rng=1)
    assert Xs.shape == (3000, 2) and set(labels) <= {0, 1, 2}
    assert np.abs(Xs[labels == 0].mean(axis=0) - gm.means_[0]).max() < 0.15


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: models.GaussianNaiveBayes().fit([[1.0], [2.0]], [0, 0]), "at least two classes"),
        (lambda: models.GaussianNaiveBayes().fit([[1.0], [np.nan]], [0, 1]), "X must be finite"),
        (lambda: models.GaussianNaiveBayes().fit([[1.0], [2.0]], [0, 1, 1]), "same length"),
        (lambda: models.GaussianNaiveBayes().fit([1.0, 2.0], [0, 1]), "X must be 2-D"),
        (lambda: models.GaussianNaiveBayes().predict([[1.0]]), "not fitted yet"),
        (
            lambda: models.GaussianNaiveBayes().fit([[1.0], [2.0]], [0, 1]).predict([[1.0, 2.0]]),
            "X has 2 features, but GaussianNaiveBayes was fitted with 1",
        ),
        (lambda: models.GaussianMixture(0), "n_components must be at least 1"),
        (lambda: models.GaussianMixture(3).fit([[1.0], [2.0]]), "fewer than n_components=3"),
        (
            lambda: models.GaussianMixture(2, means_init=[[0.0]]).fit([[1.0], [2.0], [3.0]]),
            r"means_init must have shape \(2, 1\)",
        ),
        (lambda: models.GaussianMixture(2).predict([[1.0]]), "not fitted yet"),
        (lambda: models.GaussianMixture(2, tol=-1.0), "tol must be non-negative"),
    ],
)
def test_bad_input_raises_clear_errors(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_em_starts_from_the_documented_random_data_points():
    # The probabilistic-models page relies on this rule to reproduce a run.
    X = load_iris().data[:, 2:]
    first = models.GaussianMixture(3, max_iter=1, rng=2).fit(X)
    start = X[np.random.default_rng(2).choice(len(X), 3, replace=False)]
    same = models.GaussianMixture(3, max_iter=1, means_init=start).fit(X)
    np.testing.assert_array_equal(first.means_, same.means_)
