"""Machine-learning models from scratch, in scikit-learn's estimator shape.

``fit`` learns attributes whose names end in an underscore, ``predict`` and
``predict_proba`` use them, and ``fit`` returns the estimator so calls chain.
Each model is assembled from the package's other modules and checked
against the scikit-learn estimator of the same name in the tests.

Pages: ``book/03-probability/probabilistic-models`` (:class:`GaussianNaiveBayes`,
:class:`GaussianMixture`); Part 08's case studies add the rest.
"""

from __future__ import annotations

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

__all__ = ["GaussianMixture", "GaussianNaiveBayes"]

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
