"""Optimization: gradient descent and, as Part 05 grows, its relatives.

Page: ``book/05-optimization/gradient-descent.md`` (the prerequisite pages
already use :func:`gradient_descent` to draw paths on contour plots).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mlmath._validation import as_array, check_int, check_positive

__all__ = ["gradient_descent"]


def gradient_descent(
    grad: Callable[[np.ndarray], Any], x0: Any, lr: float, n_steps: int
) -> np.ndarray:
    r"""Run plain gradient descent and return every iterate.

    .. math:: \vx_{k+1} = \vx_k - \eta \, \nabla f(\vx_k), \qquad k = 0, \dots, n-1

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient of the objective at ``x``, an array
        of the same shape as ``x``.
    x0 : array_like, shape (d,)
        The starting point (a scalar is treated as a 1-D point).
    lr : float
        The learning rate (step size) :math:`\eta > 0`.
    n_steps : int
        The number of steps, at least 0.

    Returns
    -------
    ndarray, shape (n_steps + 1, d)
        The trajectory: row ``k`` is :math:`\vx_k`, row 0 the start.
        No stopping rule is applied, so a learning rate that is too large
        shows up as a diverging trajectory rather than an error.
    """
    x = as_array(x0, "x0", ndim=(0, 1)).reshape(-1)
    lr = check_positive(lr, "lr")
    n_steps = check_int(n_steps, "n_steps", minimum=0)
    path = np.empty((n_steps + 1, x.size))
    path[0] = x
    for k in range(n_steps):
        g = np.asarray(grad(path[k].copy()), dtype=np.float64)
        if g.shape != x.shape:
            raise ValueError(f"grad must return an array of shape {x.shape}, got shape {g.shape}")
        path[k + 1] = path[k] - lr * g
    return path
