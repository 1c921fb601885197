"""mlmath.optim.gradient_descent against the closed form on quadratics."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmath.optim import gradient_descent


def test_quadratic_trajectory_matches_the_closed_form():
    # f(x) = 0.5 x'Hx - b'x has gradient Hx - b; the error e_k = x_k - x*
    # obeys e_k = (I - lr H)^k e_0.
    H = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    x_star = np.linalg.solve(H, b)
    x0 = np.array([2.0, -3.0])
    path = gradient_descent(lambda x: H @ x - b, x0, lr=0.2, n_steps=15)
    assert path.shape == (16, 2)
    M = np.eye(2) - 0.2 * H
    for k in (0, 1, 7, 15):
        np.testing.assert_allclose(
            path[k] - x_star, np.linalg.matrix_power(M, k) @ (x0 - x_star), atol=1e-12
        )


@settings(max_examples=40, deadline=None)
@given(st.floats(0.01, 0.99), st.floats(-5, 5), st.integers(0, 30))
def test_one_dimensional_steps_shrink_geometrically(lr, x0, n):
    # f(x) = x^2 has gradient 2x, so every step multiplies x by (1 - 2 lr).
    path = gradient_descent(lambda x: 2 * x, x0, lr, n)
    # atol: below the normal range (subnormal numbers) floats keep only a few
    # significant bits, so there only an absolute error can be promised.
    expected = x0 * (1 - 2 * lr) ** np.arange(n + 1)
    np.testing.assert_allclose(path[:, 0], expected, rtol=1e-7, atol=1e-300)


def test_too_large_a_rate_diverges_without_an_error():
    path = gradient_descent(lambda x: 2 * x, [1.0], lr=1.5, n_steps=5)
    np.testing.assert_allclose(path[:, 0], (-2.0) ** np.arange(6))


def test_grad_does_not_see_a_view_of_the_trajectory():
    def grad(x):
        x *= 0.0  # a careless in-place update must not corrupt the path
        return np.ones_like(x)

    path = gradient_descent(grad, [1.0, 1.0], lr=0.5, n_steps=2)
    np.testing.assert_allclose(path, [[1, 1], [0.5, 0.5], [0, 0]])


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"lr": 0.0}, ValueError, "lr must be positive"),
        ({"n_steps": -1}, ValueError, "n_steps must be at least 0"),
        ({"n_steps": 2.5}, TypeError, "n_steps must be an integer"),
        ({"x0": [[1.0, 2.0]]}, ValueError, "x0 must be 0-D or 1-D"),
        ({"grad": lambda x: np.ones(3)}, ValueError, r"grad must return .* shape \(2,\)"),
    ],
)
def test_bad_input_is_named(kwargs, error, words):
    args = {"grad": lambda x: x, "x0": [1.0, 2.0], "lr": 0.1, "n_steps": 3} | kwargs
    with pytest.raises(error, match=words):
        gradient_descent(**args)


# ------------------------------------------------------------ optimizers
#
# The references below transcribe, line by line and one scalar at a time,
# the pseudo-code of the torch.optim documentation (SGD, Adagrad, RMSprop,
# Adam, AdamW), so the vectorized classes are checked against an
# independent reading of the same rules.

from mlmath import calculus, optim  # noqa: E402


def _torch_sgd(x, grad, n, lr, momentum=0.0, nesterov=False, wd=0.0):
    xs, b = [list(x)], None
    for t in range(1, n + 1):
        g = [gi + wd * xi for gi, xi in zip(grad(np.array(xs[-1])), xs[-1], strict=True)]
        if momentum:
            b = g if t == 1 else [momentum * bi + gi for bi, gi in zip(b, g, strict=True)]
            g = [gi + momentum * bi for gi, bi in zip(g, b, strict=True)] if nesterov else b
        xs.append([xi - lr * gi for xi, gi in zip(xs[-1], g, strict=True)])
    return np.array(xs)


def _torch_adam(x, grad, n, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False):
    xs, m, v = [list(x)], [0.0] * len(x), [0.0] * len(x)
    for t in range(1, n + 1):
        theta = xs[-1]
        g = list(grad(np.array(theta)))
        new = []
        for j in range(len(theta)):
            th, gj = theta[j], g[j]
            if decoupled:
                th = th - lr * wd * th
            elif wd:
                gj = gj + wd * th
            m[j] = b1 * m[j] + (1 - b1) * gj
            v[j] = b2 * v[j] + (1 - b2) * gj * gj
            m_hat, v_hat = m[j] / (1 - b1**t), v[j] / (1 - b2**t)
            new.append(th - lr * m_hat / (v_hat**0.5 + eps))
        xs.append(new)
    return np.array(xs)


def _torch_adagrad(x, grad, n, lr, eps=1e-10):
    xs, s = [list(x)], [0.0] * len(x)
    for _ in range(n):
        g = list(grad(np.array(xs[-1])))
        s = [si + gi * gi for si, gi in zip(s, g, strict=True)]
        xs.append(
            [xi - lr * gi / (si**0.5 + eps) for xi, gi, si in zip(xs[-1], g, s, strict=True)]
        )
    return np.array(xs)


def _torch_rmsprop(x, grad, n, lr, alpha=0.99, eps=1e-8):
    xs, v = [list(x)], [0.0] * len(x)
    for _ in range(n):
        g = list(grad(np.array(xs[-1])))
        v = [alpha * vi + (1 - alpha) * gi * gi for vi, gi in zip(v, g, strict=True)]
        xs.append(
            [xi - lr * gi / (vi**0.5 + eps) for xi, gi, vi in zip(xs[-1], g, v, strict=True)]
        )
    return np.array(xs)


A_QUAD = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 0.5], [0.0, 0.5, 1.0]])
B_QUAD = np.array([1.0, -2.0, 0.5])


def _quad_grad(x):
    return A_QUAD @ x - B_QUAD


X0 = np.array([1.0, -1.5, 2.0])

CASES = [
    (optim.SGD(0.1), lambda: _torch_sgd(X0, _quad_grad, 8, 0.1)),
    (optim.SGD(0.1, momentum=0.9), lambda: _torch_sgd(X0, _quad_grad, 8, 0.1, 0.9)),
    (
        optim.SGD(0.05, momentum=0.8, nesterov=True, weight_decay=0.1),
        lambda: _torch_sgd(X0, _quad_grad, 8, 0.05, 0.8, True, 0.1),
    ),
    (optim.AdaGrad(0.3), lambda: _torch_adagrad(X0, _quad_grad, 8, 0.3)),
    (optim.RMSProp(0.01, alpha=0.9), lambda: _torch_rmsprop(X0, _quad_grad, 8, 0.01, 0.9)),
    (optim.Adam(0.1), lambda: _torch_adam(X0, _quad_grad, 8, 0.1)),
    (
        optim.Adam(0.1, betas=(0.8, 0.99), weight_decay=0.2),
        lambda: _torch_adam(X0, _quad_grad, 8, 0.1, 0.8, 0.99, wd=0.2),
    ),
    (optim.AdamW(0.1), lambda: _torch_adam(X0, _quad_grad, 8, 0.1, wd=0.01, decoupled=True)),
]


@pytest.mark.parametrize(("opt", "reference"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_optimizers_follow_the_documented_pytorch_rules(opt, reference):
    path = optim.run(opt, _quad_grad, X0, 8)
    np.testing.assert_allclose(path, reference(), rtol=1e-13, atol=1e-15)


def _x_squared_path(opt, n=3):
    x, xs = np.array([1.0]), []
    for _ in range(n):
        x = opt.step(x, x.copy())  # f(x) = x^2 / 2, gradient x
        xs.append(float(x[0]))
    return xs


def test_hand_computed_first_steps():
    # Worked by hand on f(x) = x^2/2 from x = 1 (the gradient is x itself).
    assert _x_squared_path(optim.SGD(0.1, momentum=0.9)) == pytest.approx([0.9, 0.72, 0.486])
    assert _x_squared_path(optim.SGD(0.1, momentum=0.9, nesterov=True), 2) == pytest.approx(
        [0.81, 0.5751]
    )
    assert _x_squared_path(optim.AdaGrad(0.1), 2) == pytest.approx([0.9, 0.8331035], abs=1e-7)
    assert _x_squared_path(optim.RMSProp(0.01), 2) == pytest.approx([0.9, 0.8329180], abs=1e-7)
    # Adam's bias correction makes its first step lr * sign(g), whatever |g| is.
    assert _x_squared_path(optim.Adam(0.1), 2) == pytest.approx([0.9, 0.8004122], abs=1e-7)
    # L2 in the gradient is normalized away by Adam; decoupled decay is not.
    assert _x_squared_path(optim.Adam(0.1, weight_decay=0.1), 1) == pytest.approx([0.9])
    assert _x_squared_path(optim.AdamW(0.1, weight_decay=0.1), 1) == pytest.approx([0.89])


def test_step_takes_lists_keeps_state_per_parameter_and_does_not_modify_inputs():
    opt = optim.Adam(0.1)
    W, b = np.ones((2, 3)), np.zeros(3)
    gW, gb = np.full((2, 3), 2.0), np.array([1.0, -1.0, 0.0])
    new_W, new_b = opt.step([W, b], [gW, gb])
    np.testing.assert_array_equal(W, np.ones((2, 3)))  # inputs untouched
    np.testing.assert_allclose(new_W, 0.9, rtol=1e-7)
    np.testing.assert_allclose(new_b, [-0.1, 0.1, 0.0], rtol=1e-7)
    assert opt.t == 1 and len(opt.state) == 2
    with pytest.raises(ValueError, match="call reset"):
        opt.step(W, gW)
    opt.reset()
    assert opt.t == 0
    np.testing.assert_allclose(opt.step(W, gW), 0.9, rtol=1e-7)


def test_a_schedule_can_change_the_learning_rate_between_steps():
    opt = optim.SGD(1.0)
    schedule = optim.step_lr(1.0, step_size=1, gamma=0.5)
    x = np.array([8.0])
    for t in range(3):
        opt.lr = schedule(t)
        x = opt.step(x, np.ones(1))
    assert x[0] == pytest.approx(8.0 - 1.0 - 0.5 - 0.25)


@pytest.mark.parametrize(
    ("opt", "n_steps"),
    [
        (optim.SGD(0.2), 400),
        (optim.SGD(0.1, momentum=0.9), 300),
        (optim.SGD(0.1, momentum=0.9, nesterov=True), 300),
        (optim.AdaGrad(0.5), 2000),
        (optim.RMSProp(0.001), 20000),  # hovers about lr/2 from the optimum
        (optim.Adam(0.05), 2000),
        (optim.AdamW(0.05, weight_decay=0.0), 2000),
    ],
    ids=lambda c: type(c).__name__ if isinstance(c, optim.Optimizer) else "",
)
def test_optimizers_converge_on_a_convex_quadratic(opt, n_steps):
    x_star = np.linalg.solve(A_QUAD, B_QUAD)
    path = optim.run(opt, _quad_grad, X0, n_steps)
    assert np.abs(path[-1] - x_star).max() < 1e-3


def test_adam_trains_logistic_regression_to_sklearn_solution():
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression

    X, y = load_breast_cancer(return_X_y=True)
    X = (X - X.mean(0)) / X.std(0)
    C = 1.0
    ref = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    n = len(y)

    def grad(theta):
        z = X @ theta[1:] + theta[0]
        g = optim.binary_cross_entropy_with_logits_grad(z, y.astype(float))
        return np.r_[g.sum(), X.T @ g + theta[1:] / (C * n)]

    path = optim.run(optim.Adam(0.05), grad, np.zeros(31), 5000)
    np.testing.assert_allclose(path[-1][1:], ref.coef_[0], atol=1e-5)
    assert path[-1][0] == pytest.approx(ref.intercept_[0], abs=1e-5)


def test_rosenbrock_and_its_gradient():
    assert optim.rosenbrock([1.0, 1.0]) == 0.0
    assert optim.rosenbrock([2.0, 1.0], a=2.0, b=1.0) == pytest.approx(9.0)
    grid = np.random.default_rng(0).normal(size=(4, 5, 2))
    assert optim.rosenbrock(grid).shape == (4, 5)
    for point in grid.reshape(-1, 2)[:6]:
        assert calculus.check_gradient(optim.rosenbrock, optim.rosenbrock_grad, point) < 1e-6


# ------------------------------------------------------------ schedules


def test_schedules_match_their_closed_forms():
    t = np.arange(12)
    np.testing.assert_allclose(optim.step_lr(0.1, 3, 0.5)(t), 0.1 * 0.5 ** (t // 3))
    np.testing.assert_allclose(optim.exponential_lr(0.1, 0.9)(t), 0.1 * 0.9**t)
    cos = optim.cosine_lr(0.1, 10, lr_min=0.01)
    np.testing.assert_allclose(cos(t), 0.01 + 0.045 * (1 + np.cos(np.pi * t / 10)))
    assert cos(0) == pytest.approx(0.1) and cos(10) == pytest.approx(0.01)
    assert cos(5) == pytest.approx(0.055)
    warm = optim.linear_warmup(0.1, 4)
    np.testing.assert_allclose(warm(t[:6]), [0.025, 0.05, 0.075, 0.1, 0.1, 0.1])
    assert isinstance(warm(2), float)


def test_cosine_and_step_follow_pytorchs_recursive_schedulers():
    # PyTorch's CosineAnnealingLR updates recursively; within one period the
    # recursion equals the closed form. Reproduce the recursion from its docs.
    lr0, lr_min, T = 0.2, 0.02, 7
    lr, rec = lr0, [lr0]
    for t in range(1, T + 1):
        num = 1 + np.cos(np.pi * t / T)
        den = 1 + np.cos(np.pi * (t - 1) / T)
        lr = lr_min + (lr - lr_min) * num / den if den > 0 else lr_min
        rec.append(lr)
    np.testing.assert_allclose(optim.cosine_lr(lr0, T, lr_min)(np.arange(T + 1)), rec, rtol=1e-12)


# ------------------------------------------------------------- losses


def test_losses_match_sklearn_metrics():
    from scipy.special import expit, softmax
    from sklearn.metrics import hinge_loss, log_loss, mean_absolute_error, mean_squared_error

    rng = np.random.default_rng(1)
    pred, target = rng.normal(size=50), rng.normal(size=50)
    assert optim.mse(pred, target) == pytest.approx(mean_squared_error(target, pred), rel=1e-12)
    assert optim.mae(pred, target) == pytest.approx(mean_absolute_error(target, pred), rel=1e-12)
    z, y = rng.normal(scale=3, size=40), (rng.random(40) < 0.5).astype(float)
    assert optim.binary_cross_entropy(expit(z), y) == pytest.approx(log_loss(y, expit(z)))
    assert optim.binary_cross_entropy_with_logits(z, y) == pytest.approx(
        log_loss(y, expit(z)), rel=1e-10
    )
    logits, labels = rng.normal(size=(30, 4)), rng.integers(0, 4, size=30)
    assert optim.cross_entropy(logits, labels) == pytest.approx(
        log_loss(labels, softmax(logits, axis=1), labels=range(4)), rel=1e-10
    )
    s, ypm = rng.normal(size=40), np.where(rng.random(40) < 0.5, -1.0, 1.0)
    assert optim.hinge(s, ypm) == pytest.approx(hinge_loss(ypm, s), rel=1e-12)


@pytest.mark.parametrize(
    ("loss", "grad", "make"),
    [
        (optim.mse, optim.mse_grad, lambda r: (r.normal(size=7), r.normal(size=7))),
        (optim.mae, optim.mae_grad, lambda r: (r.normal(size=7), r.normal(size=7))),
        (
            optim.binary_cross_entropy,
            optim.binary_cross_entropy_grad,
            lambda r: (r.uniform(0.05, 0.95, 7), r.random(7)),
        ),
        (
            optim.binary_cross_entropy_with_logits,
            optim.binary_cross_entropy_with_logits_grad,
            lambda r: (r.normal(scale=3, size=7), (r.random(7) < 0.5).astype(float)),
        ),
        (optim.hinge, optim.hinge_grad, lambda r: (r.normal(size=7), np.sign(r.normal(size=7)))),
    ],
    ids=lambda f: getattr(f, "__name__", ""),
)
def test_loss_gradients_match_numerical_gradients(loss, grad, make):
    rng = np.random.default_rng(2)
    for _ in range(3):
        pred, target = make(rng)
        err = calculus.check_gradient(
            lambda p, t=target: loss(p, t), lambda p, t=target: grad(p, t), pred
        )
        assert err < 1e-6


def test_cross_entropy_gradient_matches_numerical_gradient():
    rng = np.random.default_rng(3)
    logits, labels = rng.normal(size=(5, 3)), rng.integers(0, 3, size=5)

    def f(flat):
        return optim.cross_entropy(flat.reshape(5, 3), labels)

    def g(flat):
        return optim.cross_entropy_grad(flat.reshape(5, 3), labels).ravel()

    assert calculus.check_gradient(f, g, logits.ravel()) < 1e-6
    np.testing.assert_allclose(optim.cross_entropy_grad(logits, labels).sum(axis=1), 0, atol=1e-15)


def test_losses_are_stable_for_extreme_logits():
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    with np.errstate(all="raise"):
        loss = optim.binary_cross_entropy_with_logits(z, y)
        g = optim.binary_cross_entropy_with_logits_grad(z, y)
        ce = optim.cross_entropy(np.array([[1000.0, -1000.0], [0.0, 800.0]]), np.array([1, 1]))
        cg = optim.cross_entropy_grad(np.array([[1000.0, -1000.0]]), np.array([1]))
        bce = optim.binary_cross_entropy(np.array([0.0, 1.0, 0.5]), np.array([1.0, 0.0, 1.0]))
    assert loss == pytest.approx((1000 + 0 + np.log(2) + np.log1p(np.exp(-50)) + 1000) / 5)
    np.testing.assert_allclose(g, np.array([-1, 0, -0.5, 0, 1]) / 5, atol=1e-15)
    assert ce == pytest.approx(1000.0) and np.allclose(cg, [[1.0, -1.0]])
    assert bce == pytest.approx((100 + 100 + np.log(2)) / 3)  # logs clamped at -100


# --------------------------------------------------------- penalties


def test_penalties_and_soft_threshold():
    w = np.array([3.0, -0.5, 0.2, -2.0])
    assert optim.l1_penalty(w) == pytest.approx(5.7)
    assert optim.l2_penalty(w) == pytest.approx(0.5 * (9 + 0.25 + 0.04 + 4))
    np.testing.assert_allclose(optim.soft_threshold(w, 0.5), [2.5, 0.0, 0.0, -1.5])
    # The proximal map: soft_threshold(w, t) minimizes (v - w)^2 / 2 + t |v|.
    grid = np.linspace(-4, 4, 80_001)
    for wi in w:
        best = grid[np.argmin(0.5 * (grid - wi) ** 2 + 0.7 * np.abs(grid))]
        assert optim.soft_threshold(wi, 0.7) == pytest.approx(best, abs=1e-4)


@pytest.mark.parametrize("alpha", [0.01, 0.3, 3.0, 30.0])
def test_lasso_matches_sklearn(alpha):
    from sklearn.datasets import load_diabetes
    from sklearn.linear_model import Lasso

    X, y = load_diabetes(return_X_y=True)
    X = (X - X.mean(0)) / X.std(0)
    y = y - y.mean()
    ref = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y)
    w = optim.lasso(X, y, alpha)
    np.testing.assert_allclose(w, ref.coef_, atol=1e-7 * np.abs(ref.coef_).max())
    np.testing.assert_array_equal(w == 0, ref.coef_ == 0)
    warm = optim.lasso(X, y, alpha, w0=optim.lasso(X, y, 2 * alpha))
    np.testing.assert_allclose(warm, w, atol=1e-7 * np.abs(ref.coef_).max())


# ---------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: optim.SGD(-0.1), "lr must be non-negative"),
        (lambda: optim.SGD(0.1, momentum=-1), "momentum must be non-negative"),
        (lambda: optim.SGD(0.1, nesterov=True), "nesterov=True needs a positive momentum"),
        (lambda: optim.Adam(0.1, betas=(0.9, 1.0)), r"beta2 must lie in \[0, 1\)"),
        (lambda: optim.Adam(0.1, betas=(0.9,)), "betas must be a pair"),
        (lambda: optim.RMSProp(0.1, alpha=1.5), "alpha must lie in"),
        (lambda: optim.SGD(0.1).step(np.ones(3), np.ones(2)), "grads\\[0\\] must have the shape"),
        (lambda: optim.SGD(0.1).step([np.ones(3)], [np.ones(3), np.ones(1)]), "same length"),
        (lambda: optim.SGD(0.1).step([np.ones(3)], np.ones(3)), "grads must be a list"),
        (lambda: optim.SGD(0.1).step(np.array([np.nan]), np.ones(1)), "must be finite"),
        (lambda: optim.run("adam", lambda x: x, [1.0], 3), "optimizer must be"),
        (lambda: optim.run(optim.SGD(0.1), lambda x: x[:1], [1.0, 2.0], 3), "grad must return"),
        (lambda: optim.step_lr(0.1, 0), "step_size must be at least 1"),
        (lambda: optim.cosine_lr(0.1, 10, lr_min=0.2), "lr_min must not exceed lr0"),
        (lambda: optim.exponential_lr(-0.1, 0.9), "lr0 must be positive"),
        (lambda: optim.linear_warmup(0.1, 5)(1.5), "t must be a non-negative integer"),
        (lambda: optim.linear_warmup(0.1, 5)(-1), "t must be a non-negative integer"),
        (lambda: optim.mse(np.ones(3), np.ones(4)), "same shape"),
        (lambda: optim.binary_cross_entropy(np.array([1.2]), np.array([1.0])), "probabilities"),
        (lambda: optim.binary_cross_entropy_with_logits([0.0], [2.0]), "y must hold"),
        (
            lambda: optim.cross_entropy(np.zeros((2, 3)), np.array([0, 3])),
            r"labels must lie in 0..2",
        ),
        (lambda: optim.cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0])), "integers"),
        (lambda: optim.cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2])), "same length"),
        (lambda: optim.hinge([0.5, 1.0], [0.0, 1.0]), r"labels -1 and \+1"),
        (lambda: optim.soft_threshold([1.0], -0.1), "t must be non-negative"),
        (lambda: optim.lasso(np.ones((3, 2)), np.ones(4), 0.1), "same length"),
        (lambda: optim.lasso(np.ones((3, 2)), np.ones(3), 0.1, w0=np.ones(3)), "w0 must have"),
        (lambda: optim.rosenbrock([1.0, 2.0, 3.0]), "last axis of length 2"),
    ],
)
def test_bad_input_raises_clear_errors(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
