"""The checker framework: passes correct code, pinpoints wrong code."""

import numpy as np
import pytest
import scipy.linalg as sla
import scipy.special as sp
import scipy.stats as st
import sklearn.decomposition as skd

from mlmath import exercises, linalg, prereq
from mlmath.autodiff import Tensor
from mlmath.exercises import Case, compare_values, run_check

CHECKERS = [
    (exercises.check_standardize, prereq.standardize),
    (exercises.check_pairwise_distances, prereq.pairwise_distances),
    (exercises.check_one_hot, prereq.one_hot),
    (exercises.check_evaluate_on_grid, prereq.evaluate_on_grid),
]


@pytest.mark.parametrize(("checker", "reference"), CHECKERS)
def test_checker_passes_the_reference(checker, reference, capsys):
    result = checker(reference)
    assert result.passed and bool(result)
    assert result.n_cases >= 4
    out = capsys.readouterr().out
    assert out.strip() == f"{checker.__name__}: passed all {result.n_cases} cases"


def test_checker_reports_wrong_values_with_expected_and_got(capsys):
    def sample_std(X):  # the classic slip: n - 1 instead of n
        return (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)

    result = exercises.check_standardize(sample_std)
    assert not result
    out = capsys.readouterr().out
    assert "check_standardize: failed on case 1 of" in out
    assert "expected:" in out and "got:" in out
    assert "wrong values (largest difference" in out


def test_checker_reports_wrong_shape():
    result = exercises.check_one_hot(lambda y, k: np.eye(k + 1)[y])
    assert not result
    assert "wrong shape: expected (3, 3), got (3, 4)" in result.message


def test_checker_reports_exceptions_from_reader_code():
    def broken(X, Y):
        raise RuntimeError("not written yet")

    result = exercises.check_pairwise_distances(broken)
    assert not result
    assert "got:      RuntimeError: not written yet" in result.message


def test_checker_catches_in_place_modification():
    def in_place(X):
        X -= X.mean(axis=0)
        X /= X.std(axis=0)
        return X

    result = exercises.check_standardize(in_place)
    assert not result
    assert "changed its input array in place" in result.message


def test_checker_rejects_a_non_function():
    with pytest.raises(TypeError, match="check_one_hot needs a function, got int"):
        exercises.check_one_hot(3)


def test_run_check_stops_at_first_failure():
    calls = []

    def fn(x):
        calls.append(x)
        return x if x < 2 else -x

    cases = [Case((k,)) for k in range(5)]
    result = run_check("demo", fn, lambda x: x, cases, verbose=False)
    assert not result
    assert calls == [0, 1, 2]
    assert "failed on case 3 of 5" in result.message
    assert repr(result) == "CheckResult('demo', failed, 5 cases)"


@pytest.mark.parametrize(
    ("got", "expected", "fragment"),
    [
        (np.ones(3), np.ones(3), None),
        (np.ones(3), np.ones(4), "wrong shape"),
        (np.ones(2), (1.0, 2.0), "expected a sequence"),
        ([1.0, 2.0], (1.0, 2.0), None),
        ((1.0, 2.0), (1.0, 2.5), "item 1: wrong values"),
        ("text", 1.0, "expected a number or an array of numbers"),
        (1.0 + 1e-12, 1.0, None),
        (np.array([np.nan]), np.array([np.nan]), None),
    ],
)
def test_compare_values(got, expected, fragment):
    why = compare_values(got, expected)
    if fragment is None:
        assert why is None
    else:
        assert fragment in why


def _matvec_loop(A, x):
    y = np.zeros(A.shape[0])
    for i in range(A.shape[0]):
        for j in range(A.shape[1]):
            y[i] += A[i, j] * x[j]
    return y


def _power_iteration(A, num_iters):
    x = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(num_iters):
        x = A @ x
        x /= np.linalg.norm(x)
    return x @ A @ x, x


def _solve_without_pivoting(A, b):
    A, b = A.astype(float).copy(), b.astype(float).copy()
    n = len(b)
    for k in range(n):
        for i in range(k + 1, n):
            m = A[i, k] / A[k, k]
            A[i, k:] -= m * A[k, k:]
            b[i] -= m * b[k]
    return linalg.back_substitution(A, b)


def _ratio(X):
    S = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return S**2 / np.sum(S**2)


def _ratio_uncentered(X):  # the classic slip: PCA without centring
    S = np.linalg.svd(X, compute_uv=False)
    return S**2 / np.sum(S**2)


LINALG_CHECKERS = [
    (exercises.check_dot, lambda u, v: float(u @ v), lambda u, v: float(np.abs(u) @ np.abs(v))),
    (exercises.check_norm, np.linalg.norm, lambda x, p: float(np.sum(np.abs(x) ** 2))),
    (
        exercises.check_matvec,
        _matvec_loop,
        lambda A, x: A.T @ x if A.shape[0] == A.shape[1] else A @ x + 1,
    ),
    (exercises.check_matmul, lambda A, B: A @ B, lambda A, B: A * B.sum()),
    (exercises.check_coordinates, np.linalg.solve, lambda B, x: B @ x),
    (exercises.check_back_substitution, sla.solve_triangular, lambda U, b: b / np.diag(U)),
    (exercises.check_solve, np.linalg.solve, _solve_without_pivoting),
    (exercises.check_gram_schmidt, linalg.gram_schmidt, lambda A: np.linalg.qr(A)[0]),
    (exercises.check_project, linalg.project, lambda v, A: A @ (A.T @ v)),
    (
        exercises.check_power_iteration,
        _power_iteration,
        lambda A, n: (np.abs(_power_iteration(A, n)[0]), _power_iteration(A, n)[1]),
    ),
    (exercises.check_low_rank_approx, linalg.low_rank_approx, lambda A, k: A),
    (exercises.check_explained_variance_ratio, _ratio, _ratio_uncentered),
]


def test_power_iteration_checker_accepts_either_sign():
    def flipped(A, n):
        lam, v = _power_iteration(A, n)
        return lam, -v

    assert exercises.check_power_iteration(flipped)


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def _numerical_gradient(f, x, h):
    return np.array([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(x.size)])


def _numerical_jacobian(f, x, h):
    return np.column_stack([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(x.size)])


def _simpson(f, a, b, n):
    x = np.linspace(a, b, n + 1)
    y = f(x)
    return (b - a) / n / 3 * (y[0] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum() + y[-1])


def _sin_op(t):
    return Tensor.from_op(np.sin(t.data), (t,), lambda g: (g * np.cos(t.data),))


def _sin_op_wrong(t):  # the classic slip: forgets the upstream gradient g
    return Tensor.from_op(np.sin(t.data), (t,), lambda g: (np.cos(t.data),))


CALCULUS_CHECKERS = [
    (exercises.check_derivative, _central, lambda f, x, h: (f(x + h) - f(x)) / h),
    (
        exercises.check_numerical_gradient,
        _numerical_gradient,
        lambda f, x, h: _numerical_gradient(f, x, h)[::-1],
    ),
    (
        exercises.check_jacobian,
        _numerical_jacobian,
        lambda f, x, h: _numerical_jacobian(f, x, h).T if x.size == 2 else 0 * x,
    ),
    (
        exercises.check_newton_step,
        lambda g, H, x: x - np.linalg.solve(H, g),
        lambda g, H, x: x - g / np.diag(H),
    ),
    (
        exercises.check_trapezoid,
        lambda f, a, b, n: np.trapezoid(f(np.linspace(a, b, n + 1)), np.linspace(a, b, n + 1)),
        lambda f, a, b, n: (b - a) / n * f(np.linspace(a, b, n + 1))[:-1].sum(),
    ),
    (
        exercises.check_simpson,
        _simpson,
        lambda f, a, b, n: (b - a) / 6 * (f(a) + 4 * f((a + b) / 2) + f(b)),
    ),
    (
        exercises.check_layer_jacobian,
        lambda W, x: np.diag(1 - np.tanh(W @ x) ** 2) @ W,
        lambda W, x: (1 - np.tanh(W @ x) ** 2)[None, :] * W if W.shape[0] == W.shape[1] else W,
    ),
    (exercises.check_backward, _sin_op, _sin_op_wrong),
]


def _conditional(mean, cov, x2):
    k = mean.size - x2.size
    gain = cov[:k, k:] @ np.linalg.inv(cov[k:, k:])
    return mean[:k] + gain @ (x2 - mean[k:]), cov[:k, :k] - gain @ cov[k:, :k]


def _responsibilities(X, weights, means, covs, log_space=True):
    from scipy.special import logsumexp
    from scipy.stats import multivariate_normal

    logs = np.stack(
        [
            np.log(w) + multivariate_normal(m, c).logpdf(X).reshape(-1)
            for w, m, c in zip(weights, means, covs, strict=True)
        ],
        axis=1,
    )
    if log_space:
        return np.exp(logs - logsumexp(logs, axis=1, keepdims=True))
    dens = np.exp(logs)
    return dens / dens.sum(axis=1, keepdims=True)


def _m_step(X, resp, ddof=0):
    nk = resp.sum(axis=0)
    means = resp.T @ X / nk[:, None]
    covs = np.stack(
        [
            (resp[:, k, None] * (X - means[k])).T @ (X - means[k]) / (nk[k] - ddof)
            for k in range(resp.shape[1])
        ]
    )
    return nk / len(X), means, covs


PROBABILITY_CHECKERS = [
    (
        exercises.check_bayes_posterior,
        lambda p, lik: p * lik / np.sum(p * lik),
        lambda p, lik: p * lik,  # forgot the evidence
    ),
    (
        exercises.check_discrete_moments,
        lambda v, p: (v @ p, (v - v @ p) ** 2 @ p),
        lambda v, p: (v.mean(), v.var()),  # ignored the probabilities
    ),
    (
        exercises.check_exponential_inverse_cdf,
        lambda u, rate: -np.log1p(-u) / rate,
        lambda u, rate: -np.log1p(-u) * rate,
    ),
    (
        exercises.check_box_muller,
        lambda u1, u2: (
            np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2),
            np.sqrt(-2 * np.log(u1)) * np.sin(2 * np.pi * u2),
        ),
        lambda u1, u2: (np.sqrt(-np.log(u1)) * np.cos(2 * np.pi * u2), 0 * u2),
    ),
    (
        exercises.check_gaussian_conditional,
        _conditional,
        lambda m, c, x2: (m[: m.size - x2.size], c[: m.size - x2.size, : m.size - x2.size]),
    ),
    (
        exercises.check_mvn_transform,
        lambda m, c, z: m + z @ np.linalg.cholesky(c).T,
        lambda m, c, z: m + z @ c.T,  # the covariance is not a square root
    ),
    (
        exercises.check_running_mean,
        lambda x: np.cumsum(x) / np.arange(1, x.size + 1),
        lambda x: np.cumsum(x) / x.size,
    ),
    (
        exercises.check_responsibilities,
        _responsibilities,
        lambda *a: _responsibilities(*a, log_space=False),  # underflows to 0/0
    ),
    (exercises.check_m_step, _m_step, lambda X, r: _m_step(X, r, ddof=1)),
]


def _welch(x, y):
    res = st.ttest_ind(x, y, equal_var=False)
    return res.statistic, res.pvalue


def _two_proportion(ka, na, kb, nb, pooled=True):
    pa, pb = ka / na, kb / nb
    p = (ka + kb) / (na + nb)
    var = p * (1 - p) * (1 / na + 1 / nb) if pooled else pa * (1 - pa) / na + pb * (1 - pb) / nb
    z = (pa - pb) / np.sqrt(var)
    return z, 2 * st.norm.sf(abs(z))


STATISTICS_CHECKERS = [
    (
        exercises.check_quantile,
        lambda x, q: np.quantile(x, q),
        lambda x, q: np.sort(x)[int(q * (x.size - 1))],  # no interpolation
    ),
    (
        exercises.check_standard_error,
        lambda x: np.std(x, ddof=1) / np.sqrt(x.size),
        lambda x: np.std(x) / np.sqrt(x.size),  # divisor n
    ),
    (
        exercises.check_percentile_interval,
        lambda v, level: tuple(np.quantile(v, [(1 - level) / 2, (1 + level) / 2])),
        lambda v, level: tuple(np.quantile(v, [1 - level, level])),  # one-sided tails
    ),
    (
        exercises.check_mle_gaussian,
        lambda x: (x.mean(), x.std()),
        lambda x: (x.mean(), x.var()),  # variance, not std
    ),
    (
        exercises.check_map_bernoulli,
        lambda x, a, b: (x.sum() + a - 1) / (x.size + a + b - 2),
        lambda x, a, b: (x.sum() + a) / (x.size + a + b),  # the posterior mean
    ),
    (
        exercises.check_welch_t_test,
        _welch,
        lambda x, y: tuple(st.ttest_ind(x, y)),  # pooled variance
    ),
    (
        exercises.check_two_proportion_z_test,
        _two_proportion,
        lambda *a: _two_proportion(*a, pooled=False),
    ),
    (
        exercises.check_correlation,
        lambda x, y: np.corrcoef(x, y)[0, 1],
        lambda x, y: np.cov(x, y)[0, 1],  # covariance, not correlation
    ),
    (
        exercises.check_bias_variance,
        lambda p, f: (np.mean((p.mean(0) - f) ** 2), np.mean(p.var(0))),
        lambda p, f: (np.mean(p.mean(0) - f) ** 2, np.mean(p.var(0))),  # bias averaged first
    ),
]


def _softmax_rows(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _ce_grad(z, y, divide=True):
    g = _softmax_rows(z)
    g[np.arange(len(y)), y] -= 1
    return g / len(y) if divide else g


def _gd(grad, x0, lr, n):
    xs = [np.asarray(x0, dtype=float)]
    for _ in range(n):
        xs.append(xs[-1] - lr * grad(xs[-1]))
    return np.array(xs)


def _adam(th, g, m, v, t, lr, b1, b2, eps, correct=True):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    mh, vh = (m / (1 - b1**t), v / (1 - b2**t)) if correct else (m, v)
    return th - lr * mh / (np.sqrt(vh) + eps), m, v


def _momentum(th, g, buf, lr, mu, nesterov, look_ahead=True):
    buf = mu * buf + g
    d = g + mu * buf if (nesterov and look_ahead) else buf
    return th - lr * d, buf


OPTIMIZATION_CHECKERS = [
    (exercises.check_cross_entropy_grad, _ce_grad, lambda z, y: _ce_grad(z, y, divide=False)),
    (
        exercises.check_bce_with_logits,
        lambda z, y: np.mean(np.logaddexp(0, z) - y * z),
        lambda z, y: np.mean(np.log1p(np.exp(np.minimum(z, 700))) - y * z),  # clips: wrong at 1000
    ),
    (exercises.check_gradient_descent, _gd, lambda g, x0, lr, n: _gd(g, x0, lr, n)[1:]),
    (
        exercises.check_project_ball,
        lambda x, r: x if np.linalg.norm(x) <= r else r * x / np.linalg.norm(x),
        lambda x, r: np.clip(x, -r, r),  # projects onto the cube
    ),
    (
        exercises.check_momentum_step,
        _momentum,
        lambda *a: _momentum(*a, look_ahead=False),  # ignores Nesterov
    ),
    (exercises.check_adam_step, _adam, lambda *a: _adam(*a, correct=False)),
    (
        exercises.check_cosine_lr,
        lambda t, l0, T, lm: lm + 0.5 * (l0 - lm) * (1 + np.cos(np.pi * t / T)),
        lambda t, l0, T, lm: l0 * 0.5 * (1 + np.cos(np.pi * t / T)),  # ignores lr_min
    ),
    (
        exercises.check_step_lr,
        lambda t, l0, s, g: l0 * g ** (t // s),
        lambda t, l0, s, g: l0 * g ** (t / s),  # no floor
    ),
    (
        exercises.check_soft_threshold,
        lambda w, t: np.sign(w) * np.maximum(np.abs(w) - t, 0),
        lambda w, t: np.where(np.abs(w) > t, w, 0.0),  # hard thresholding
    ),
]


def _kahan(x):
    s = c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def _loop_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def _mi(p):
    px, py = p.sum(1, keepdims=True), p.sum(0, keepdims=True)
    m = p > 0
    return np.sum(p[m] * np.log(p[m] / (px * py)[m]))


def _cond_entropy(p, axis=1):
    marginal = p.sum(axis, keepdims=True)
    m = p > 0
    return -np.sum(p[m] * np.log((p / marginal)[m]))


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def _qr_lstsq(X, y):
    Q, R = np.linalg.qr(X)
    return sla.solve_triangular(R, Q.T @ y)


def _eig_cond(A):  # |lambda|_max / |lambda|_min: right only for symmetric matrices
    lam = np.abs(np.linalg.eigvals(A)) if A.shape[0] == A.shape[1] else np.linalg.svd(A)[1]
    return lam.max() / lam.min()


INFORMATION_CHECKERS = [
    (exercises.check_entropy, st.entropy, lambda p: -np.sum(p * np.log(p))),  # nan at 0 log 0
    (exercises.check_kl_divergence, lambda p, q: st.entropy(p, q), lambda p, q: st.entropy(q, p)),
    (
        exercises.check_gaussian_kl,
        lambda a, va, b, vb: 0.5 * (np.log(vb / va) + (va + (a - b) ** 2) / vb - 1),
        lambda a, va, b, vb: 0.5 * (np.log(vb / va) + (va + (a - b) ** 2) / vb),  # no -1
    ),
    (exercises.check_mutual_information, _mi, lambda p: _mi(p) / np.log(2)),  # bits
    (exercises.check_conditional_entropy, _cond_entropy, lambda p: _cond_entropy(p, axis=0)),
]


def _ridge(X, y, alpha, penalize_intercept=False):
    if penalize_intercept:
        A = np.column_stack([X, np.ones(len(X))])
        theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
        return theta[:-1], theta[-1]
    xm, ym = X.mean(axis=0), y.mean()
    w = np.linalg.solve((X - xm).T @ (X - xm) + alpha * np.eye(X.shape[1]), (X - xm).T @ (y - ym))
    return w, ym - xm @ w


def _logistic_gradient(w, b, X, y, alpha, mean=True):
    r = sp.expit(X @ w + b) - y
    n = len(y) if mean else 1
    return X.T @ r / n + alpha * w, r.sum() / n


def _optimal_lr(H, best=True):
    lam = np.linalg.eigvalsh(H)
    if best:
        return 2 / (lam[0] + lam[-1]), (lam[-1] - lam[0]) / (lam[-1] + lam[0])
    return 1 / lam[-1], 1 - lam[0] / lam[-1]


def _pca_reconstruction(X, k):
    pca = skd.PCA(k).fit(X)
    return pca.inverse_transform(pca.transform(X))


def _uncentered_reconstruction(X, k):
    V = np.linalg.svd(X, full_matrices=False)[2][:k]
    return X @ V.T @ V


def _mlp_backward(W1, b1, W2, b2, X, y, tanh_grad=True):
    A1 = np.tanh(X @ W1 + b1)
    delta2 = sp.softmax(A1 @ W2 + b2, axis=1)
    delta2[np.arange(len(y)), y] -= 1
    delta2 /= len(y)
    delta1 = delta2 @ W2.T * ((1 - A1**2) if tanh_grad else 1.0)
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)


CASE_STUDY_CHECKERS = [
    (exercises.check_ridge, _ridge, lambda X, y, a: _ridge(X, y, a, penalize_intercept=True)),
    (
        exercises.check_logistic_gradient,
        _logistic_gradient,
        lambda *args: _logistic_gradient(*args, mean=False),
    ),
    (exercises.check_optimal_lr, _optimal_lr, lambda H: _optimal_lr(H, best=False)),
    (exercises.check_pca_reconstruction, _pca_reconstruction, _uncentered_reconstruction),
    (exercises.check_mlp_backward, _mlp_backward, lambda *a: _mlp_backward(*a, tanh_grad=False)),
]


NUMERICS_CHECKERS = [
    (
        exercises.check_machine_epsilon,
        lambda dt: np.finfo(dt).eps,
        lambda dt: np.finfo(dt).eps / 2,
    ),
    (exercises.check_kahan_sum, _kahan, _loop_sum),
    (
        exercises.check_logsumexp,
        lambda x: x.max() + np.log(np.sum(np.exp(x - x.max()))),
        lambda x: np.log(np.sum(np.exp(x))),
    ),
    (exercises.check_stable_sigmoid, _sigmoid, lambda x: 1 / (1 + np.exp(-x))),
    (exercises.check_condition_number, np.linalg.cond, _eig_cond),
    (exercises.check_lstsq_qr, _qr_lstsq, lambda X, y: np.linalg.solve(X.T @ X, X.T @ y)),
]


@pytest.mark.parametrize(
    ("checker", "right", "wrong"),
    LINALG_CHECKERS
    + CALCULUS_CHECKERS
    + PROBABILITY_CHECKERS
    + STATISTICS_CHECKERS
    + OPTIMIZATION_CHECKERS
    + INFORMATION_CHECKERS
    + NUMERICS_CHECKERS
    + CASE_STUDY_CHECKERS,
    ids=lambda f: getattr(f, "__name__", ""),
)
def test_checkers_of_the_parts_pass_right_and_fail_wrong_answers(checker, right, wrong):
    """Each checker accepts a right answer and names the first case a
    typical wrong one fails."""
    assert checker(right)
    result = checker(wrong)
    assert not result
    assert f"{checker.__name__}: failed on case" in result.message
