"""LinearRegression, LogisticRegression and PCA against scikit-learn (issue 11, in progress)."""

import numpy as np
import pytest
import sklearn.decomposition as skd
import sklearn.linear_model as skl
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris

from mlmath.models import MLP, PCA, LinearRegression, LogisticRegression


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


_X, _Y = np.arange(8.0).reshape(4, 2) ** 1.5, np.array([0.0, 1.0, 3.0, 2.0])
_LABELS = np.array([0, 1, 0, 1])
_BAD_INPUT = [
    (lambda: LinearRegression().fit(_X, _Y[:3]), "length"),
    (lambda: LinearRegression().fit(_X[:, 0], _Y), "2-D|dimension"),
    (lambda: LinearRegression().fit(_X, _Y[:, None]), "1-D|dimension"),
    (lambda: LinearRegression(method="lu").fit(_X, _Y), "method"),
    (lambda: LinearRegression(alpha=-1.0).fit(_X, _Y), "alpha"),
    (lambda: LinearRegression().fit([[1.0, np.nan], [2.0, 3.0]], [1.0, 2.0]), "NaN|finite"),
    (lambda: LinearRegression().fit(_X, [0.0, np.inf, 1.0, 2.0]), "NaN|finite"),
    (lambda: LinearRegression().fit(np.ones((2, 3)), [1.0, 2.0]), "at least as many rows"),
    (lambda: LinearRegression().predict(_X), "not fitted"),
    (lambda: LinearRegression().fit(_X, _Y).predict(np.ones((2, 3))), "features"),
    (lambda: LogisticRegression().fit(np.eye(3), [1, 1, 1]), "two classes"),
    (lambda: LogisticRegression().fit(np.eye(3), [0, 1, 2]), "two classes"),
    (lambda: LogisticRegression().fit(_X, _LABELS[:, None]), "1-D"),
    (lambda: LogisticRegression().fit(_X, _LABELS[:3]), "length"),
    (lambda: LogisticRegression(solver="lbfgs").fit(_X, _LABELS), "solver"),
    (lambda: LogisticRegression(max_iter=0).fit(_X, _LABELS), "max_iter"),
    (lambda: LogisticRegression().fit([[np.nan, 1.0], [1.0, 2.0]], [0, 1]), "NaN|finite"),
    (lambda: LogisticRegression().predict(np.eye(2)), "not fitted"),
    (lambda: PCA(1).fit(_X).transform(np.eye(3)), "features"),
    (lambda: PCA(3).fit(_X), "n_components"),
    (lambda: PCA(1).fit([[np.nan, 1.0], [1.0, 2.0]]), "NaN|finite"),
    (lambda: PCA(1).fit(_X).inverse_transform(np.ones((2, 2))), "components"),
    (lambda: PCA(1).inverse_transform(np.ones((2, 1))), "not fitted"),
]


@pytest.mark.parametrize(("call", "message"), _BAD_INPUT)
def test_bad_input_raises_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def _moons(n, rng):
    t = rng.uniform(0, np.pi, n)
    upper = rng.random(n) < 0.5
    x = np.where(upper, np.cos(t), 1 - np.cos(t))
    y_ = np.where(upper, np.sin(t), 0.5 - np.sin(t))
    return np.c_[x, y_] + rng.normal(scale=0.1, size=(n, 2)), upper.astype(int)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_mlp_backward_pass_matches_numerical_gradients_and_autodiff(activation):
    from mlmath.autodiff import Tensor
    from mlmath.calculus import gradient

    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(7, 3)), rng.integers(0, 3, 7)
    net = MLP([3, 5, 4, 3], activation=activation, rng=2)
    loss, grads = net.loss_and_gradients(X, y)
    for i, p in enumerate(net.params_):

        def f(v, i=i):
            saved = net.params_[i]
            net.params_[i] = v.reshape(saved.shape)
            value = net.loss_and_gradients(X, y)[0]
            net.params_[i] = saved
            return value

        num = gradient(f, p.ravel().copy())
        np.testing.assert_allclose(grads[i].ravel(), num, atol=1e-6)
    ts = [Tensor(p, requires_grad=True) for p in net.params_]
    A = Tensor(X)
    for layer in range(3):
        Z = A @ ts[2 * layer] + ts[2 * layer + 1]
        A = getattr(Z, activation)() if layer < 2 else Z
    onehot = np.eye(3)[y]
    lse = (A - 0.0).exp().sum(axis=1).log()
    total = (lse - (A * onehot).sum(axis=1)).mean()
    total.backward()
    assert float(total.data) == pytest.approx(loss, rel=1e-12)
    for g, t in zip(grads, ts, strict=True):
        np.testing.assert_allclose(g, t.grad, rtol=1e-10, atol=1e-12)


def test_mlp_learns_two_moons():
    from mlmath import optim

    rng = np.random.default_rng(0)
    X, y = _moons(400, rng)
    net = MLP([2, 16, 2], rng=0).fit(X, y, optim.Adam(lr=0.02), epochs=150, batch_size=32)
    assert net.loss_curve_[-1] < 0.1 < net.loss_curve_[0]
    X_te, y_te = _moons(400, rng)
    assert net.score(X_te, y_te) > 0.95
    assert net.predict_proba(X_te).shape == (400, 2)


def test_mlp_rejects_bad_input():
    with pytest.raises(ValueError, match="activation"):
        MLP([2, 2], activation="gelu")
    with pytest.raises(ValueError, match="at least an input"):
        MLP([2])
    net = MLP([2, 3, 2], rng=0)
    with pytest.raises(ValueError, match="features"):
        net.fit(np.ones((4, 3)), [0, 1, 0, 1])
    with pytest.raises(ValueError, match="two classes"):
        net.fit(np.ones((4, 2)), [1, 1, 1, 1])
    with pytest.raises(ValueError, match="output layer"):
        net.fit(np.ones((3, 2)), [0, 1, 2])
    with pytest.raises(ValueError, match="must be equal"):
        MLP([2, 3, 3], rng=0).fit(np.ones((4, 2)), [0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"NaN|finite"):
        net.fit(np.array([[0.0, np.nan], [1.0, 1.0]]), [0, 1])
    with pytest.raises(ValueError, match="not fitted"):
        MLP([2, 2]).predict(np.ones((1, 2)))


def test_iterative_solvers_warn_when_they_run_out_of_steps():
    X, y = load_breast_cancer(return_X_y=True)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=5.*solver='newton'"):
        LogisticRegression(solver="gd", max_iter=5).fit(X, y)
    with pytest.warns(RuntimeWarning, match="did not converge in max_iter=3.*method='qr'"):
        LinearRegression(method="gd", max_iter=3).fit(X, y.astype(float))
