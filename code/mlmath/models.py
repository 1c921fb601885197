"""Machine-learning models from scratch, in scikit-learn's estimator shape.

``fit`` learns attributes whose names end in an underscore, ``predict`` and
``predict_proba`` use them, and ``fit`` returns the estimator so calls chain.
Each model is assembled from the package's other modules and checked
against the scikit-learn estimator of the same name in the tests.

Pages: ``book/03-probability/probabilistic-models`` (:class:`GaussianNaiveBayes`,
:class:`GaussianMixture`); ``book/08-case-studies``: ``linear-regression``
(:class:`LinearRegression`), ``logistic-regression`` (:class:`LogisticRegression`),
``pca-in-practice`` (:class:`PCA`) and ``neural-network`` (:class:`MLP`).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from mlmath._validation import (
    as_array,
    as_generator,
    check_int,
    check_positive,
    check_same_length,
)
from mlmath.numerics import logsumexp
from mlmath.probability import Categorical, MultivariateGaussian

__all__ = [
    "MLP",
    "PCA",
    "GaussianMixture",
    "GaussianNaiveBayes",
    "LinearRegression",
    "LogisticRegression",
]

EPS = np.finfo(np.float64).eps


def _data(X: Any, name: str = "X") -> np.ndarray:
    return as_array(X, name, ndim=2)


def _check_fitted(model: Any, attribute: str) -> None:
    if not hasattr(model, attribute):
        raise ValueError(f"this {type(model).__name__} is not fitted yet: call fit first")


def _features(model: Any, X: Any) -> np.ndarray:
    """``X`` as a 2-D array with as many columns as the data ``fit`` saw."""
    _check_fitted(model, "n_features_in_")
    X = _data(X)
    if X.shape[1] != model.n_features_in_:
        raise ValueError(
            f"X has {X.shape[1]} features, but {type(model).__name__} was fitted "
            f"with {model.n_features_in_}"
        )
    return X


# ---------------------------------------------------------------- naive Bayes


class GaussianNaiveBayes:
    r"""Gaussian naive Bayes: features independent and Gaussian within each class.

    The joint log-likelihood of a point and class :math:`k` is

    .. math::

        \log p(y = k) + \sum_{j=1}^d \log \mathcal{N}(x_j;\, \theta_{kj}, \sigma^2_{kj}),

    and Bayes' theorem turns it into class probabilities by normalising over
    the classes (in log space, with :func:`mlmath.numerics.logsumexp`).

    Parameters
    ----------
    var_smoothing : float, default 1e-9
        This fraction of the largest feature variance is added to every
        variance, so a feature that is constant within a class does not give
        a zero variance; the same rule as scikit-learn's ``GaussianNB``.

    Attributes
    ----------
    classes_ : ndarray, shape (K,)
        The class labels, sorted.
    class_prior_ : ndarray, shape (K,)
        The fraction of training points in each class.
    theta_, var_ : ndarray, shape (K, d)
        Per-class feature means and (smoothed, biased) variances.
    epsilon_ : float
        The variance added to ``var_``.
    """

    def __init__(self, var_smoothing: float = 1e-9):
        self.var_smoothing = check_positive(var_smoothing, "var_smoothing", strict=False)

    def fit(self, X: Any, y: Any) -> GaussianNaiveBayes:
        X = _data(X)
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D, got shape {y.shape}")
        check_same_length(X, y, "X", "y")
        self.classes_, label = np.unique(y, return_inverse=True)
        if self.classes_.size < 2:
            raise ValueError(f"y must contain at least two classes, got {self.classes_.size}")
        K = self.classes_.size
        counts = np.bincount(label, minlength=K)
        self.class_prior_ = counts / y.size
        self.theta_ = np.stack([X[label == k].mean(axis=0) for k in range(K)])
        self.epsilon_ = self.var_smoothing * float(np.max(X.var(axis=0)))
        var = np.stack([X[label == k].var(axis=0) for k in range(K)])
        self.var_ = var + self.epsilon_
        if np.any(self.var_ <= 0):
            raise ValueError("a feature has zero variance in a class; set var_smoothing > 0")
        self.n_features_in_ = X.shape[1]
        return self

    def joint_log_likelihood(self, X: Any) -> np.ndarray:
        """:math:`\\log p(y=k) + \\log p(\\vx \\mid y=k)` for every point and class, (n, K)."""
        X = _features(self, X)
        log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_), axis=1)
        sq = ((X[:, None, :] - self.theta_) ** 2 / self.var_).sum(axis=2)
        return np.log(self.class_prior_) + log_norm - 0.5 * sq

    def predict_log_proba(self, X: Any) -> np.ndarray:
        jll = self.joint_log_likelihood(X)
        return jll - logsumexp(jll, axis=1, keepdims=True)

    def predict_proba(self, X: Any) -> np.ndarray:
        """The posterior class probabilities :math:`p(y = k \\mid \\vx)`, shape (n, K)."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        jll = self.joint_log_likelihood(X)
        return self.classes_[np.argmax(jll, axis=1)]

    def score(self, X: Any, y: Any) -> float:
        """The accuracy on ``(X, y)``."""
        y = np.asarray(y)
        pred = self.predict(X)
        check_same_length(pred, y, "X", "y")
        return float(np.mean(pred == y))


# ---------------------------------------------------------------- mixtures


def _component_log_densities(X: np.ndarray, weights: Any, means: Any, covs: Any) -> np.ndarray:
    """:math:`\\log \\pi_k + \\log\\mathcal{N}(\\vx_i; \\vmu_k, \\mSigma_k)`, shape (n, K)."""
    cols = []
    for k, (w, mu, S) in enumerate(zip(weights, means, covs, strict=True)):
        try:
            gauss = MultivariateGaussian(mu, S)
        except ValueError as err:
            raise ValueError(f"component {k}: {err}") from None
        with np.errstate(divide="ignore"):
            cols.append(np.log(w) + gauss.logpdf(X))
    return np.stack(cols, axis=1)


def _e_step(X: np.ndarray, weights: Any, means: Any, covs: Any) -> tuple[np.ndarray, float]:
    r"""The E-step: responsibilities and the mean log-likelihood per point.

    .. math:: r_{ik} = \frac{\pi_k \mathcal{N}(\vx_i; \vmu_k, \mSigma_k)}
              {\sum_j \pi_j \mathcal{N}(\vx_i; \vmu_j, \mSigma_j)}

    computed in log space: the denominator's log is the point's
    log-likelihood.
    """
    log_dens = _component_log_densities(X, weights, means, covs)
    log_lik = logsumexp(log_dens, axis=1, keepdims=True)
    return np.exp(log_dens - log_lik), float(np.mean(log_lik))


def _m_step(
    X: np.ndarray, resp: np.ndarray, reg_covar: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""The M-step: the weighted maximum-likelihood parameters.

    .. math::

        N_k = \sum_i r_{ik}, \quad \pi_k = N_k / n, \quad
        \vmu_k = \frac{1}{N_k}\sum_i r_{ik}\vx_i, \quad
        \mSigma_k = \frac{1}{N_k}\sum_i r_{ik}(\vx_i - \vmu_k)(\vx_i - \vmu_k)^\T

    plus ``reg_covar`` on every covariance's diagonal. ``N_k`` gets 10 ε, as
    in scikit-learn, so an empty component does not divide by zero.
    """
    nk = resp.sum(axis=0) + 10.0 * EPS
    weights = nk / X.shape[0]
    means = (resp.T @ X) / nk[:, None]
    d = X.shape[1]
    covs = np.empty((resp.shape[1], d, d))
    for k in range(resp.shape[1]):
        diff = X - means[k]
        covs[k] = (resp[:, k, None] * diff).T @ diff / nk[k] + reg_covar * np.eye(d)
    return weights / weights.sum(), means, covs


class GaussianMixture:
    r"""A mixture of ``n_components`` Gaussians with full covariances, fitted by EM.

    .. math:: p(\vx) = \sum_{k=1}^K \pi_k \, \mathcal{N}(\vx;\, \vmu_k, \mSigma_k)

    EM alternates the E-step (responsibilities: each point's posterior over
    the components, by Bayes' theorem) and the M-step (weighted means,
    covariances and weights). Each iteration never decreases the
    log-likelihood (Dempster, Laird and Rubin, 1977).

    Parameters
    ----------
    n_components : int
        The number of Gaussians :math:`K`.
    max_iter : int, default 100
        The most EM iterations to run.
    tol : float, default 1e-6
        Stop when the mean log-likelihood per point improves by less than this.
    rng : numpy Generator, int or None
        Chooses the starting means: ``n_components`` distinct data points.
    reg_covar : float, default 1e-6
        Added to every covariance's diagonal (as scikit-learn), so a
        component that collapses onto a few points keeps an invertible
        covariance.
    means_init : array_like, shape (K, d), optional
        Starting means instead of random data points.

    The starting covariances are all the covariance of the whole data (plus
    ``reg_covar``) and the starting weights are equal. With the same start,
    the fit equals scikit-learn's ``GaussianMixture(means_init=...,
    weights_init=..., precisions_init=...)``.

    Attributes
    ----------
    weights_, means_, covariances_
        The fitted parameters, shapes (K,), (K, d), (K, d, d).
    log_likelihoods_ : list of float
        The mean log-likelihood per point at each iteration (evaluated at
        the parameters that iteration's E-step used); never decreasing.
    converged_ : bool
        Whether the improvement fell below ``tol`` within ``max_iter``.
    n_iter_ : int
        The number of iterations run.
    """

    def __init__(
        self,
        n_components: int,
        max_iter: int = 100,
        tol: float = 1e-6,
        rng: Any = None,
        reg_covar: float = 1e-6,
        means_init: Any = None,
    ):
        self.n_components = check_int(n_components, "n_components", minimum=1)
        self.max_iter = check_int(max_iter, "max_iter", minimum=1)
        self.tol = check_positive(tol, "tol", strict=False)
        self.rng = rng
        self.reg_covar = check_positive(reg_covar, "reg_covar", strict=False)
        self.means_init = means_init

    def _start(self, X: np.ndarray) -> None:
        n, d = X.shape
        K = self.n_components
        if n < K:
            raise ValueError(f"X has {n} points, fewer than n_components={K}")
        if self.means_init is None:
            self.means_ = X[as_generator(self.rng).choice(n, size=K, replace=False)].copy()
        else:
            self.means_ = as_array(self.means_init, "means_init", ndim=2)
            if self.means_.shape != (K, d):
                raise ValueError(f"means_init must have shape ({K}, {d}), got {self.means_.shape}")
        centered = X - X.mean(axis=0)
        cov = centered.T @ centered / n + self.reg_covar * np.eye(d)
        self.covariances_ = np.repeat(cov[None], K, axis=0)
        self.weights_ = np.full(K, 1.0 / K)

    def fit(self, X: Any) -> GaussianMixture:
        X = _data(X)
        self._start(X)
        self.n_features_in_ = X.shape[1]
        self.log_likelihoods_: list[float] = []
        self.converged_ = False
        for it in range(self.max_iter):
            resp, ll = _e_step(X, self.weights_, self.means_, self.covariances_)
            self.log_likelihoods_.append(ll)
            self.weights_, self.means_, self.covariances_ = _m_step(X, resp, self.reg_covar)
            self.n_iter_ = it + 1
            if it > 0 and abs(ll - self.log_likelihoods_[-2]) < self.tol:
                self.converged_ = True
                break
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """The responsibilities :math:`p(z = k \\mid \\vx)`, shape (n, K)."""
        X = _features(self, X)
        return _e_step(X, self.weights_, self.means_, self.covariances_)[0]

    def predict(self, X: Any) -> np.ndarray:
        """The most responsible component of every point."""
        return np.argmax(self.predict_proba(X), axis=1)

    def score_samples(self, X: Any) -> np.ndarray:
        """The log-density :math:`\\log p(\\vx)` of every point."""
        X = _features(self, X)
        return logsumexp(
            _component_log_densities(X, self.weights_, self.means_, self.covariances_), axis=1
        )

    def score(self, X: Any) -> float:
        """The mean log-likelihood per point."""
        return float(np.mean(self.score_samples(X)))

    def sample(self, n: int, rng: Any = None) -> tuple[np.ndarray, np.ndarray]:
        """Draw ``n`` points the generative way: a component, then a point from it.

        Returns the points, shape (n, d), and their components, shape (n,).
        """
        _check_fitted(self, "n_features_in_")
        n = check_int(n, "n", minimum=0)
        gen = as_generator(rng)
        labels = Categorical(self.weights_).sample(n, rng=gen)
        X = np.empty((n, self.n_features_in_))
        for k in range(self.n_components):
            idx = np.flatnonzero(labels == k)
            gauss = MultivariateGaussian(self.means_[k], self.covariances_[k])
            X[idx] = gauss.sample(idx.size, rng=gen)
        return X, labels


# ---------------------------------------------------------- linear regression


def _not_converged(model: Any, max_iter: int, detail: str, hint: str) -> None:
    import warnings

    warnings.warn(
        f"{type(model).__name__} did not converge in max_iter={max_iter} steps: {detail}; "
        f"raise max_iter or use {hint}",
        RuntimeWarning,
        stacklevel=3,
    )


def _targets(model: Any, X: np.ndarray, y: Any) -> np.ndarray:
    y = as_array(y, "y", ndim=1)
    check_same_length(X, y, "X", "y")
    return y


class LinearRegression:
    r"""Least squares, with an optional ridge penalty, solved three ways.

    Minimises :math:`\lVert \vy - \mX\vw - b\rVert^2 + \alpha\lVert\vw\rVert^2`
    (the intercept b is not penalised), as scikit-learn's ``LinearRegression``
    (alpha 0) and ``Ridge`` do. With an intercept, the columns of X and y are
    centred first; then b = mean(y) - mean(X) w exactly.

    Parameters
    ----------
    fit_intercept : bool, default True
    alpha : float, default 0.0
        The ridge penalty on the summed squared error.
    method : {"qr", "normal", "gd"}, default "qr"
        ``"normal"`` solves :math:`(\mX^\T\mX + \alpha\mI)\vw = \mX^\T\vy`
        (squares the condition number); ``"qr"`` solves the same problem as
        a least-squares problem with the extra rows :math:`\sqrt\alpha\,\mI`
        by Householder QR; ``"gd"`` runs gradient descent on the mean
        objective with step 1/L, L the largest curvature.
    max_iter : int, default 100000
        For ``"gd"``: the most steps.
    tol : float, default 1e-10
        For ``"gd"``: stop when the gradient's norm is below ``tol`` times
        its norm at the start.

    Attributes
    ----------
    coef_ : ndarray, shape (d,)
    intercept_ : float
    n_iter_ : int
        Gradient-descent steps taken (0 for the direct methods).
    """

    def __init__(
        self,
        fit_intercept: bool = True,
        alpha: float = 0.0,
        method: str = "qr",
        max_iter: int = 100_000,
        tol: float = 1e-10,
    ) -> None:
        self.fit_intercept = fit_intercept
        self.alpha = alpha
        self.method = method
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X: Any, y: Any) -> LinearRegression:
        from mlmath import linalg

        X = _data(X)
        y = _targets(self, X, y)
        alpha = check_positive(self.alpha, "alpha", strict=False)
        if self.method not in ("qr", "normal", "gd"):
            raise ValueError(f"method must be 'qr', 'normal' or 'gd', got {self.method!r}")
        n, d = X.shape
        x_mean = X.mean(axis=0) if self.fit_intercept else np.zeros(d)
        y_mean = float(y.mean()) if self.fit_intercept else 0.0
        Xc, yc = X - x_mean, y - y_mean
        self.n_iter_ = 0
        if self.method == "normal":
            w = linalg.solve(Xc.T @ Xc + alpha * np.eye(d), Xc.T @ yc)
        elif self.method == "qr":
            if alpha == 0 and n < d:
                raise ValueError(
                    f"method='qr' needs at least as many rows as features ({n} < {d}) "
                    "when alpha = 0; use alpha > 0"
                )
            A = np.vstack([Xc, np.sqrt(alpha) * np.eye(d)]) if alpha > 0 else Xc
            rhs = np.concatenate([yc, np.zeros(d)]) if alpha > 0 else yc
            w = linalg.lstsq(A, rhs, method="qr")
        else:
            w = self._gradient_descent(Xc, yc, alpha)
        self.coef_ = w
        self.intercept_ = y_mean - float(x_mean @ w)
        self.n_features_in_ = d
        return self

    def _gradient_descent(self, Xc: np.ndarray, yc: np.ndarray, alpha: float) -> np.ndarray:
        from mlmath import linalg

        n, d = Xc.shape
        max_iter = check_int(self.max_iter, "max_iter", minimum=1)
        tol = check_positive(self.tol, "tol")
        # the mean objective (||y - Xw||^2 + alpha ||w||^2) / n has Hessian 2(X^T X + alpha I)/n
        top = linalg.power_iteration(Xc.T @ Xc, rng=np.random.default_rng(0))[0] if d > 0 else 0.0
        step = n / (2.0 * (top + alpha))
        w = np.zeros(d)
        g0 = None
        t = 0
        for t in range(1, max_iter + 1):  # noqa: B007 (t is kept as n_iter_)
            g = 2.0 * (Xc.T @ (Xc @ w - yc) + alpha * w) / n
            norm = float(np.linalg.norm(g))
            g0 = norm if g0 is None else g0
            if norm <= tol * max(g0, 1e-300):
                break
            w = w - step * g
        else:
            _not_converged(
                self,
                max_iter,
                f"the gradient's norm fell only to {norm / g0:.2e} of its starting value",
                "method='qr'",
            )
        self.n_iter_ = t
        return w

    def predict(self, X: Any) -> np.ndarray:
        X = _features(self, X)
        return X @ self.coef_ + self.intercept_

    def score(self, X: Any, y: Any) -> float:
        """The coefficient of determination R^2 of the predictions."""
        X = _features(self, X)
        y = _targets(self, X, y)
        residual = np.sum((y - self.predict(X)) ** 2)
        total = np.sum((y - y.mean()) ** 2)
        return 1.0 - float(residual / total)


# -------------------------------------------------------- logistic regression


class LogisticRegression:
    r"""Binary logistic regression by Newton's method or gradient descent.

    Minimises the mean cross-entropy plus :math:`\frac{\alpha}{2}\lVert\vw\rVert^2`
    (the intercept is not penalised). scikit-learn's ``LogisticRegression(C=C)``
    minimises the summed cross-entropy plus :math:`\frac12\lVert\vw\rVert^2/C`,
    the same problem when :math:`\alpha = 1/(Cn)`.

    Parameters
    ----------
    alpha : float, default 0.0
    fit_intercept : bool, default True
    solver : {"newton", "gd"}, default "newton"
        Newton's method solves :math:`\mH\,\Delta = \nabla L` at each step
        (a few steps suffice); gradient descent uses the step 1/L with
        :math:`L = \sigma_{\max}^2 / (4n) + \alpha`.
    max_iter : int, default 100
    tol : float, default 1e-8
        Stop when the gradient's largest entry is below ``tol``.

    Attributes
    ----------
    classes_ : ndarray, shape (2,)
    coef_ : ndarray, shape (d,)
    intercept_ : float
    n_iter_ : int
    """

    def __init__(
        self,
        alpha: float = 0.0,
        fit_intercept: bool = True,
        solver: str = "newton",
        max_iter: int = 100,
        tol: float = 1e-8,
    ) -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    def _design(self, X: np.ndarray) -> np.ndarray:
        return np.hstack([X, np.ones((X.shape[0], 1))]) if self.fit_intercept else X

    def _loss_grad(self, theta: np.ndarray, A: np.ndarray, t: np.ndarray, mask: np.ndarray):
        from mlmath.numerics import sigmoid

        p = sigmoid(A @ theta)
        grad = A.T @ (p - t) / A.shape[0] + self.alpha * mask * theta
        return p, grad

    def fit(self, X: Any, y: Any) -> LogisticRegression:
        from mlmath import linalg

        X = _data(X)
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D, got shape {y.shape}")
        check_same_length(X, y, "X", "y")
        classes = np.unique(y)
        if classes.size != 2:
            raise ValueError(
                f"y must hold exactly two classes (binary logistic regression), got {classes.size}"
            )
        alpha = check_positive(self.alpha, "alpha", strict=False)
        if self.solver not in ("newton", "gd"):
            raise ValueError(f"solver must be 'newton' or 'gd', got {self.solver!r}")
        max_iter = check_int(self.max_iter, "max_iter", minimum=1)
        tol = check_positive(self.tol, "tol")
        t = (y == classes[1]).astype(float)
        A = self._design(X)
        n, k = A.shape
        mask = np.ones(k)
        if self.fit_intercept:
            mask[-1] = 0.0
        theta = np.zeros(k)
        if self.solver == "gd":
            top = linalg.power_iteration(A.T @ A, rng=np.random.default_rng(0))[0]
            step = 1.0 / (top / (4.0 * n) + alpha)
        it = 0
        for it in range(1, max_iter + 1):  # noqa: B007 (it is kept as n_iter_)
            p, grad = self._loss_grad(theta, A, t, mask)
            if np.max(np.abs(grad)) < tol:
                break
            if self.solver == "newton":
                H = (A * (p * (1 - p))[:, None]).T @ A / n + alpha * np.diag(mask)
                theta = theta - linalg.solve(H, grad)
            else:
                theta = theta - step * grad
        else:
            _not_converged(
                self,
                max_iter,
                "the gradient's largest entry is still "
                f"{np.max(np.abs(self._loss_grad(theta, A, t, mask)[1])):.2e}",
                "solver='newton'",
            )
        self.n_iter_ = it
        self.classes_ = classes
        self.coef_ = theta[:-1].copy() if self.fit_intercept else theta.copy()
        self.intercept_ = float(theta[-1]) if self.fit_intercept else 0.0
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        X = _features(self, X)
        return X @ self.coef_ + self.intercept_

    def predict_proba(self, X: Any) -> np.ndarray:
        from mlmath.numerics import sigmoid

        p1 = sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X: Any) -> np.ndarray:
        z = self.decision_function(X)  # checks that the model is fitted
        return self.classes_[(z > 0).astype(int)]

    def score(self, X: Any, y: Any) -> float:
        """The accuracy of the predictions."""
        return float(np.mean(self.predict(X) == np.asarray(y)))


# ------------------------------------------------------------------------ PCA


class PCA:
    """Principal component analysis in scikit-learn's shape, on :func:`mlmath.linalg.pca`.

    Attributes
    ----------
    components_ : ndarray, shape (k, d)
    explained_variance_ : ndarray, shape (k,)  (n - 1 denominator)
    explained_variance_ratio_ : ndarray, shape (k,)
    mean_ : ndarray, shape (d,)
    """

    def __init__(self, n_components: int | None = None) -> None:
        self.n_components = n_components

    def fit(self, X: Any, y: Any = None) -> PCA:
        from mlmath import linalg

        X = _data(X)
        result = linalg.pca(X, self.n_components)
        self.components_ = result.components
        self.explained_variance_ = result.explained_variance
        self.explained_variance_ratio_ = result.explained_variance_ratio
        self.mean_ = result.mean
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X: Any) -> np.ndarray:
        X = _features(self, X)
        return (X - self.mean_) @ self.components_.T

    def fit_transform(self, X: Any, y: Any = None) -> np.ndarray:
        return self.fit(X).transform(X)

    def inverse_transform(self, Z: Any) -> np.ndarray:
        _check_fitted(self, "components_")
        Z = as_array(Z, "Z", ndim=2)
        if Z.shape[1] != self.components_.shape[0]:
            raise ValueError(
                f"Z has {Z.shape[1]} columns, but this PCA has "
                f"{self.components_.shape[0]} components"
            )
        return Z @ self.components_ + self.mean_


# ------------------------------------------------------------------------ MLP

_ACTIVATIONS = ("tanh", "relu", "sigmoid")


def _activate(name: str, Z: np.ndarray) -> np.ndarray:
    from mlmath.numerics import sigmoid

    if name == "tanh":
        return np.tanh(Z)
    if name == "relu":
        return np.maximum(Z, 0.0)
    return sigmoid(Z)


def _activation_grad(name: str, Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """The derivative of the activation at Z, given its value A there."""
    if name == "tanh":
        return 1.0 - A**2
    if name == "relu":
        return (Z > 0).astype(float)
    return A * (1.0 - A)


class MLP:
    r"""A fully connected network for classification, with backpropagation by hand.

    Hidden layers compute :math:`\mA_l = f(\mA_{l-1}\mW_l + \vb_l)`; the last
    layer gives logits, turned into class probabilities by the softmax, and
    the loss is the mean cross-entropy. :meth:`loss_and_gradients` is the
    chain rule written out layer by layer, backwards.

    Parameters
    ----------
    layer_sizes : sequence of int
        Input size, hidden sizes, number of classes; e.g. ``[2, 16, 2]``.
    activation : {"tanh", "relu", "sigmoid"}, default "tanh"
    rng : numpy Generator, int or None
        For the initial weights (Glorot uniform; He uniform for ReLU) and the
        shuffling of minibatches.

    The weights are drawn once, in the constructor; :meth:`fit` trains from
    whatever ``params_`` holds, so a second call continues training (like
    scikit-learn's ``warm_start=True``) and ``params_`` may be set by hand
    before fitting. Make a new ``MLP`` to start over.

    Attributes
    ----------
    params_ : list of ndarray
        ``[W1, b1, W2, b2, ...]``, ``W_l`` of shape (n_{l-1}, n_l).
    classes_ : ndarray
    loss_curve_ : list of float
        The mean training loss of each epoch.
    """

    def __init__(self, layer_sizes: Any, activation: str = "tanh", rng: Any = None) -> None:
        sizes = [check_int(s, "layer_sizes entry", minimum=1) for s in layer_sizes]
        if len(sizes) < 2:
            raise ValueError("layer_sizes needs at least an input and an output size")
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {_ACTIVATIONS}, got {activation!r}")
        self.layer_sizes = sizes
        self.activation = activation
        self.rng = as_generator(rng)
        self.params_ = []
        for n_in, n_out in itertools.pairwise(sizes):
            gain = np.sqrt(6.0 / n_in) if activation == "relu" else np.sqrt(6.0 / (n_in + n_out))
            self.params_ += [self.rng.uniform(-gain, gain, (n_in, n_out)), np.zeros(n_out)]

    def _forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """The pre-activations Z_l and activations A_l (A_0 = X; the last Z are logits)."""
        A, Zs, As = X, [], [X]
        n_layers = len(self.params_) // 2
        for layer in range(n_layers):
            W, b = self.params_[2 * layer], self.params_[2 * layer + 1]
            Z = A @ W + b
            Zs.append(Z)
            if layer < n_layers - 1:
                A = _activate(self.activation, Z)
                As.append(A)
        return Zs, As

    def loss_and_gradients(self, X: Any, y_index: Any) -> tuple[float, list[np.ndarray]]:
        """The mean cross-entropy and its gradient with respect to every parameter.

        ``y_index`` holds class indices 0..K-1. Backward pass: the gradient of
        the loss with respect to the logits is (softmax - onehot)/n; each
        layer then passes :math:`\\delta\\mW^\\T` back, multiplied entrywise by
        the activation's derivative.
        """
        from mlmath import optim

        X = _data(X)
        y_index = np.asarray(y_index)
        Zs, As = self._forward(X)
        loss = optim.cross_entropy(Zs[-1], y_index)
        delta = optim.cross_entropy_grad(Zs[-1], y_index)
        grads: list[np.ndarray] = [np.empty(0)] * len(self.params_)
        for layer in range(len(Zs) - 1, -1, -1):
            W = self.params_[2 * layer]
            grads[2 * layer] = As[layer].T @ delta
            grads[2 * layer + 1] = delta.sum(axis=0)
            if layer > 0:
                delta = (delta @ W.T) * _activation_grad(self.activation, Zs[layer - 1], As[layer])
        return float(loss), grads

    def fit(
        self, X: Any, y: Any, optimizer: Any = None, epochs: int = 100, batch_size: int = 32
    ) -> MLP:
        from mlmath import optim

        X = _data(X)
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D, got shape {y.shape}")
        check_same_length(X, y, "X", "y")
        if X.shape[1] != self.layer_sizes[0]:
            raise ValueError(
                f"X has {X.shape[1]} features, but layer_sizes starts with {self.layer_sizes[0]}"
            )
        classes, y_index = np.unique(y, return_inverse=True)
        if classes.size < 2:
            raise ValueError("y must hold at least two classes")
        if classes.size != self.layer_sizes[-1]:
            raise ValueError(
                f"y has {classes.size} classes, but the output layer has {self.layer_sizes[-1]} "
                "units; they must be equal"
            )
        epochs = check_int(epochs, "epochs", minimum=1)
        batch_size = check_int(batch_size, "batch_size", minimum=1)
        optimizer = optim.Adam(lr=1e-2) if optimizer is None else optimizer
        self.classes_ = classes
        self.n_features_in_ = X.shape[1]
        self.loss_curve_ = []
        n = X.shape[0]
        for _ in range(epochs):
            order = self.rng.permutation(n)
            total = 0.0
            for start in range(0, n, batch_size):
                batch = order[start : start + batch_size]
                loss, grads = self.loss_and_gradients(X[batch], y_index[batch])
                self.params_ = optimizer.step(self.params_, grads)
                total += loss * batch.size
            self.loss_curve_.append(total / n)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        from mlmath.numerics import softmax

        X = _features(self, X)
        return softmax(self._forward(X)[0][-1])

    def predict(self, X: Any) -> np.ndarray:
        P = self.predict_proba(X)  # checks that the model is fitted
        return self.classes_[np.argmax(P, axis=1)]

    def score(self, X: Any, y: Any) -> float:
        """The accuracy of the predictions."""
        return float(np.mean(self.predict(X) == np.asarray(y)))
