"""mlmath.calculus: difference quotients and quadrature against closed forms."""

import numpy as np
import pytest
import scipy.integrate
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmath import calculus

EPS = np.finfo(np.float64).eps


@pytest.mark.parametrize(
    ("f", "df", "x"),
    [
        (np.sin, np.cos, 1.3),
        (np.exp, np.exp, -2.0),
        (np.log, lambda x: 1 / x, 5.0),
        (lambda x: x**5, lambda x: 5 * x**4, 100.0),
        (np.tanh, lambda x: 1 - np.tanh(x) ** 2, 0.0),
    ],
)
def test_default_step_leaves_about_two_thirds_of_the_digits(f, df, x):
    # Central differences with h ~ eps^(1/3) have error ~ eps^(2/3) ~ 4e-11,
    # relative to the size of f and its derivatives.
    err = abs(calculus.derivative(f, x) - df(x))
    scale = max(abs(df(x)), abs(f(x)), 1.0)
    assert err <= 1e-9 * scale


def test_central_difference_error_shrinks_like_h_squared():
    x, exact = 0.7, np.cos(0.7)
    errors = [abs(calculus.derivative(np.sin, x, h) - exact) for h in (1e-1, 1e-2, 1e-3)]
    ratios = [errors[i] / errors[i + 1] for i in range(2)]
    assert all(90 < r < 110 for r in ratios)  # error ~ h^2 f'''/6: a factor 100
    assert errors[0] == pytest.approx(0.1**2 / 6 * abs(-np.cos(x)), rel=1e-2)


def test_round_off_takes_over_for_tiny_steps():
    x = 1.0
    tiny = abs(calculus.derivative(np.exp, x, 1e-13) - np.e)
    good = abs(calculus.derivative(np.exp, x) - np.e)
    assert tiny > 100 * good  # about eps / h: far worse than the default step


def test_derivative_on_an_array_of_points():
    x = np.linspace(-2, 2, 9)
    assert np.allclose(calculus.derivative(np.sin, x), np.cos(x), atol=1e-9)


def test_gradient_jacobian_hessian_match_closed_forms():
    def f(x):
        return x[0] ** 2 * x[1] + np.exp(x[2]) * x[1]

    def grad(x):
        return np.array([2 * x[0] * x[1], x[0] ** 2 + np.exp(x[2]), np.exp(x[2]) * x[1]])

    x = np.array([1.5, -0.5, 0.3])
    assert np.allclose(calculus.gradient(f, x), grad(x), rtol=1e-9)
    H = np.array(
        [
            [2 * x[1], 2 * x[0], 0.0],
            [2 * x[0], 0.0, np.exp(x[2])],
            [0.0, np.exp(x[2]), np.exp(x[2]) * x[1]],
        ]
    )
    assert np.allclose(calculus.hessian(f, x), H, atol=1e-6)  # eps^(1/2)-ish accuracy
    assert np.allclose(calculus.jacobian(grad, x), H, atol=1e-8)


def test_jacobian_of_softmax_is_diag_p_minus_p_p_t():
    def softmax(z):
        e = np.exp(z - z.max())
        return e / e.sum()

    z = np.array([0.5, -1.0, 2.0, 0.0])
    p = softmax(z)
    J = calculus.jacobian(softmax, z)
    assert J.shape == (4, 4)
    assert np.allclose(J, np.diag(p) - np.outer(p, p), atol=1e-10)


@pytest.mark.parametrize("method", ["trapezoid", "simpson"])
def test_integrate_against_scipy_quad(method):
    for f, a, b in [(np.sin, 0.0, np.pi), (np.exp, -1.0, 2.0), (lambda x: 1 / (1 + x**2), 0, 5)]:
        ref = scipy.integrate.quad(f, a, b)[0]
        tol = 1e-5 if method == "trapezoid" else 1e-11
        assert calculus.integrate(f, a, b, n=1000, method=method) == pytest.approx(ref, abs=tol)


def test_integration_rules_converge_at_their_orders():
    exact = 2.0  # integral of sin over [0, pi]
    for method, order in [("trapezoid", 2), ("simpson", 4)]:
        e1 = abs(calculus.integrate(np.sin, 0, np.pi, 20, method) - exact)
        e2 = abs(calculus.integrate(np.sin, 0, np.pi, 40, method) - exact)
        assert e1 / e2 == pytest.approx(2**order, rel=0.05)


def test_simpson_is_exact_for_cubics_and_trapezoid_for_lines():
    assert calculus.integrate(lambda x: x**3 - x, 0, 2, n=2) == pytest.approx(2.0, abs=1e-14)
    line = calculus.integrate(lambda x: 3 * x + 1, -1, 1, n=1, method="trapezoid")
    assert line == pytest.approx(2.0, abs=1e-14)


def test_monte_carlo_is_unbiased_with_an_honest_standard_error():
    rng = np.random.default_rng(0)
    estimates, errors = [], []
    for _ in range(200):
        est, se = calculus.monte_carlo_integrate(np.sin, 0, np.pi, 500, rng=rng)
        estimates.append(est)
        errors.append(se)
    estimates = np.array(estimates)
    # The spread of the estimates matches the reported standard error ...
    assert np.std(estimates) == pytest.approx(np.mean(errors), rel=0.15)
    # ... and the mean of 200 estimates is within 4 standard errors of 2.
    assert abs(estimates.mean() - 2.0) < 4 * np.mean(errors) / np.sqrt(200)


def test_check_gradient_separates_right_from_wrong():
    def f(x):
        return np.sum(np.sin(x) * x)

    def right(x):
        return np.cos(x) * x + np.sin(x)

    def wrong(x):
        return np.cos(x) * x

    x = np.array([0.3, -1.2, 2.0, 0.0])
    assert calculus.check_gradient(f, right, x) < 1e-7
    assert calculus.check_gradient(f, wrong, x) > 0.1


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=1, max_size=5))
def test_property_gradient_of_a_quadratic_form(values):
    x = np.array(values)
    n = x.size
    A = np.arange(1.0, n * n + 1).reshape(n, n) / n**2
    S = A + A.T

    def f(z):
        return z @ A @ z

    assert np.allclose(calculus.gradient(f, x), S @ x, atol=1e-7)
    assert np.allclose(calculus.hessian(f, x), S, atol=1e-5)


# ---------------------------------------------------------------- bad input


def test_integer_points_are_refused():
    with pytest.raises(TypeError, match="floating-point"):
        calculus.derivative(np.sin, 1)
    with pytest.raises(TypeError, match="floating-point"):
        calculus.gradient(np.sum, np.array([1, 2]))


def test_functions_returning_the_wrong_shape_or_non_finite_values():
    with pytest.raises(ValueError, match="f must return a scalar"):
        calculus.gradient(lambda x: x * 2, np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="must be finite"):
        calculus.gradient(lambda x: np.log(x[0]), np.array([0.0]))
    with pytest.raises(ValueError, match="one value per point"):
        calculus.derivative(lambda x: np.ones(3), 1.0)
    with pytest.raises(ValueError, match="elementwise"):
        calculus.integrate(lambda x: 1.0, 0, 1, n=10)
    with pytest.raises(ValueError, match="non-finite"):
        calculus.integrate(lambda x: 1 / x, 0, 1, n=10)
    with pytest.raises(ValueError, match="shape of x"):
        calculus.check_gradient(np.sum, lambda x: np.ones(5), np.zeros(3))


def test_bad_parameters():
    with pytest.raises(ValueError, match="n must be even for Simpson"):
        calculus.integrate(np.sin, 0, 1, n=3)
    with pytest.raises(ValueError, match="method must be one of"):
        calculus.integrate(np.sin, 0, 1, method="midpoint")
    with pytest.raises(ValueError, match="h must be positive"):
        calculus.derivative(np.sin, 1.0, h=0.0)
    with pytest.raises(ValueError, match="a must be finite"):
        calculus.integrate(np.sin, -np.inf, 1)
    with pytest.raises(ValueError, match="n must be at least 2"):
        calculus.monte_carlo_integrate(np.sin, 0, 1, n=1)
