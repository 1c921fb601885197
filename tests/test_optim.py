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
