"""LinearRegression, LogisticRegression and PCA against scikit-learn (issue 11, in progress)."""

import numpy as np
import pytest
import sklearn.decomposition as skd
import sklearn.linear_model as skl
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris

from mlmath.models import PCA, LinearRegression, LogisticRegression


@pytest.mark.parametrize("method", ["qr", "normal", "gd"])
@pytest.mark.parametrize("alpha", [0.0, 0.1, 10.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_linear_regression_matches_scikit_learn_on_diabetes(method, alpha, fit_intercept):
    X, y = load_diabetes(return_X_y=True)
    ours = LinearRegression(fit_intercept=fit_intercept, alpha=alpha, method=method).fit(X, y)
    ref = (
        skl.Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="svd")
        if alpha
        else skl.LinearRegression(fit_intercept=fit_intercept)
    ).fit(X, y)
    rtol = 1e-6 if method == "gd" else 1e-9
    np.testing.assert_allclose(
        ours.coef_, ref.coef_, rtol=rtol, atol=rtol * np.abs(ref.coef_).max()
    )
    assert ours.intercept_ == pytest.approx(ref.intercept_, rel=rtol, abs=1e-6)
    assert ours.score(X, y) == pytest.approx(ref.score(X, y), rel=1e-8)


@pytest.mark.parametrize("solver", ["newton", "gd"])
@pytest.mark.parametrize("C", [0.1, 1.0])
def test_logistic_regression_matches_scikit_learn_on_breast_cancer(solver, C):
    X, y = load_breast_cancer(return_X_y=True)
    X = (X - X.mean(0)) / X.std(0)
    n = len(y)
    ours = LogisticRegression(
        alpha=1 / (C * n), solver=solver, max_iter=100 if solver == "newton" else 100_000
    ).fit(X, y)
    ref = skl.LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    tol = 1e-6 if solver == "newton" else 1e-4
    np.testing.assert_allclose(ours.coef_, ref.coef_[0], rtol=tol, atol=tol)
    assert ours.intercept_ == pytest.approx(ref.intercept_[0], abs=tol)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=tol)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_logistic_regression_keeps_label_values():
    X, y = load_iris(return_X_y=True)
    keep = y > 0
    labels = np.array(["setosa", "versicolor", "virginica"])[y[keep]]
    model = LogisticRegression(alpha=0.01).fit(X[keep], labels)
    assert set(model.predict(X[keep])) <= {"versicolor", "virginica"}
    assert model.score(X[keep], labels) > 0.9


@pytest.mark.parametrize("k", [2, 10, None])
def test_pca_matches_scikit_learn_on_digits(k):
    X = load_digits().data
    ours = PCA(k).fit(X)
    ref = skd.PCA(k, svd_solver="full").fit(X)
    np.testing.assert_allclose(
        ours.explained_variance_, ref.explained_variance_, rtol=1e-8, atol=1e-8
    )
    np.testing.assert_allclose(
        ours.explained_variance_ratio_, ref.explained_variance_ratio_, rtol=1e-8, atol=1e-10
    )
    kk = 10 if k is None else k  # the trailing components of digits are degenerate
    signs = np.sign(np.sum(ours.components_[:kk] * ref.components_[:kk], axis=1))
    np.testing.assert_allclose(
        ours.components_[:kk] * signs[:, None], ref.components_[:kk], atol=1e-7
    )
    Z = ours.transform(X)
    np.testing.assert_allclose(np.abs(Z[:, :kk]), np.abs(ref.transform(X)[:, :kk]), atol=1e-6)
    if k is None:
        np.testing.assert_allclose(ours.inverse_transform(Z), X, atol=1e-8)


def test_bad_input_raises_clear_errors():
    X, y = np.ones((4, 2)), np.arange(4.0)
    with pytest.raises(ValueError, match=r"same length|length"):
        LinearRegression().fit(X, y[:3])
    with pytest.raises(ValueError, match="method"):
        LinearRegression(method="lu").fit(X, y)
    with pytest.raises(ValueError, match=r"NaN|finite"):
        LinearRegression().fit(np.array([[1.0, np.nan], [2.0, 3.0]]), [1.0, 2.0])
    with pytest.raises(ValueError, match="two classes"):
        LogisticRegression().fit(np.eye(3), [1, 1, 1])
    with pytest.raises(ValueError, match="not fitted"):
        LogisticRegression().predict(np.eye(2))
    with pytest.raises(ValueError, match="features"):
        PCA(1).fit(np.random.default_rng(0).normal(size=(5, 3))).transform(np.eye(2))
