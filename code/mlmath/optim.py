"""Optimization: Part 05 of the book, *Optimization*.

Gradient descent and the optimizers of deep learning, the learning-rate
schedules, the losses with their gradients, and the penalties of
regularization, all from scratch with NumPy.

The optimizers follow exactly the update rules that PyTorch documents for
``torch.optim`` (with ``dampening=0`` and ``maximize=False``), so a reader
who moves to PyTorch meets the same algorithm under the same name and the
same arguments. Each is an object with a ``step(params, grads)`` method that
returns the updated parameters as new arrays and keeps the optimizer's state
(the step counter and the moving averages) between calls:

>>> import numpy as np
>>> from mlmath import optim
>>> opt = optim.Adam(lr=0.1)
>>> x = np.array([1.0, -2.0])
>>> x = opt.step(x, 2 * x)          # one step on f(x) = |x|^2
>>> np.round(x, 6)                  # Adam's first step is lr * sign(g)
array([ 0.9, -1.9])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from mlmath._validation import (
    as_array,
    check_int,
    check_positive,
    check_probability,
    check_same_length,
)
from mlmath.linalg import power_iteration
from mlmath.numerics import log_softmax, sigmoid, softmax, softplus

__all__ = [
    "SGD",
    "AdaGrad",
    "Adam",
    "AdamW",
    "Optimizer",
    "RMSProp",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "cosine_lr",
    "cross_entropy",
    "cross_entropy_grad",
    "exponential_lr",
    "gradient_descent",
    "hinge",
    "hinge_grad",
    "l1_penalty",
    "l2_penalty",
    "lasso",
    "linear_warmup",
    "mae",
    "mae_grad",
    "mse",
    "mse_grad",
    "rosenbrock",
    "rosenbrock_grad",
    "run",
    "soft_threshold",
    "step_lr",
]


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


# ------------------------------------------------------------- optimizers


def _beta(value: Any, name: str) -> float:
    value = check_probability(value, name)
    if value >= 1.0:
        raise ValueError(f"{name} must lie in [0, 1), got {value}")
    return value


class Optimizer:
    """The shared machinery of the optimizers: parameters, state and steps.

    Subclasses implement ``_update(i, theta, g)``, the rule for parameter
    number ``i``, which reads and writes ``self.state[i]`` (a dict of
    arrays) and returns the new parameter. ``self.t`` counts the steps taken,
    starting at 1 in the first call, as PyTorch's ``step`` state does.
    """

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self.reset()

    @property
    def lr(self) -> float:
        """The learning rate; a schedule may change it between steps."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = check_positive(value, "lr", strict=False)

    def reset(self) -> None:
        """Forget the step counter and every moving average."""
        self.t = 0
        self.state: list[dict[str, np.ndarray]] = []

    def step(self, params: Any, grads: Any) -> Any:
        """Return the parameters after one step, as new arrays.

        ``params`` and ``grads`` are one array each, or two lists of arrays
        of matching shapes (one entry per parameter tensor, like a model's
        weights and biases). The inputs are not modified.
        """
        single = not isinstance(params, (list, tuple))
        if single:
            params, grads = [params], [grads]
        elif not isinstance(grads, (list, tuple)):
            raise TypeError("grads must be a list of arrays when params is a list")
        if len(params) != len(grads):
            raise ValueError(
                f"params and grads must have the same length, got {len(params)} and {len(grads)}"
            )
        thetas = [as_array(p, f"params[{i}]") for i, p in enumerate(params)]
        gs = [as_array(g, f"grads[{i}]") for i, g in enumerate(grads)]
        for i, (p, g) in enumerate(zip(thetas, gs, strict=True)):
            if p.shape != g.shape:
                raise ValueError(
                    f"grads[{i}] must have the shape of params[{i}], {p.shape}; got {g.shape}"
                )
        if not self.state:
            self.state = [{} for _ in thetas]
        elif len(self.state) != len(thetas):
            raise ValueError(
                f"this optimizer was stepping {len(self.state)} parameters, now got "
                f"{len(thetas)}; call reset() to start over"
            )
        self.t += 1
        new = [self._update(i, p, g) for i, (p, g) in enumerate(zip(thetas, gs, strict=True))]
        return new[0] if single else new

    def _update(self, i: int, theta: np.ndarray, g: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class SGD(Optimizer):
    r"""Stochastic gradient descent with optional momentum, Nesterov and weight decay.

    PyTorch's rule (``torch.optim.SGD`` with ``dampening=0``), for learning
    rate :math:`\eta`, momentum :math:`\mu` and weight decay :math:`\lambda`:

    .. math::

        g_t &= \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        b_t &= g_t \text{ if } t = 1, \text{ else } \mu b_{t-1} + g_t \\
        d_t &= g_t + \mu b_t \text{ (Nesterov) or } b_t \\
        \theta_t &= \theta_{t-1} - \eta\, d_t

    With ``momentum=0`` the direction is :math:`g_t` itself.
    """

    def __init__(
        self,
        lr: float,
        momentum: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        self.momentum = check_positive(momentum, "momentum", strict=False)
        self.weight_decay = check_positive(weight_decay, "weight_decay", strict=False)
        if nesterov and self.momentum == 0:
            raise ValueError("nesterov=True needs a positive momentum")
        self.nesterov = bool(nesterov)
        super().__init__(lr)

    def _update(self, i: int, theta: np.ndarray, g: np.ndarray) -> np.ndarray:
        if self.weight_decay:
            g = g + self.weight_decay * theta
        if self.momentum:
            state = self.state[i]
            buf = g.copy() if "buf" not in state else self.momentum * state["buf"] + g
            state["buf"] = buf
            g = g + self.momentum * buf if self.nesterov else buf
        return theta - self.lr * g


class AdaGrad(Optimizer):
    r"""AdaGrad: per-coordinate steps scaled by the accumulated squared gradients.

    PyTorch's rule (``torch.optim.Adagrad`` with ``lr_decay=0``):
    :math:`s_t = s_{t-1} + g_t^2`,
    :math:`\theta_t = \theta_{t-1} - \eta\, g_t / (\sqrt{s_t} + \epsilon)`,
    with :math:`s_0 = 0` and the operations taken entry by entry.
    """

    def __init__(self, lr: float, eps: float = 1e-10) -> None:
        self.eps = check_positive(eps, "eps", strict=False)
        super().__init__(lr)

    def _update(self, i: int, theta: np.ndarray, g: np.ndarray) -> np.ndarray:
        state = self.state[i]
        state["sum"] = state.get("sum", np.zeros_like(g)) + g * g
        return theta - self.lr * g / (np.sqrt(state["sum"]) + self.eps)


class RMSProp(Optimizer):
    r"""RMSProp: AdaGrad with an exponential moving average of the squares.

    PyTorch's rule (``torch.optim.RMSprop``, not centered, no momentum):
    :math:`v_t = \alpha v_{t-1} + (1 - \alpha) g_t^2`,
    :math:`\theta_t = \theta_{t-1} - \eta\, g_t / (\sqrt{v_t} + \epsilon)`,
    with :math:`v_0 = 0`.
    """

    def __init__(self, lr: float, alpha: float = 0.99, eps: float = 1e-8) -> None:
        self.alpha = _beta(alpha, "alpha")
        self.eps = check_positive(eps, "eps", strict=False)
        super().__init__(lr)

    def _update(self, i: int, theta: np.ndarray, g: np.ndarray) -> np.ndarray:
        state = self.state[i]
        v = self.alpha * state.get("v", np.zeros_like(g)) + (1 - self.alpha) * g * g
        state["v"] = v
        return theta - self.lr * g / (np.sqrt(v) + self.eps)


class Adam(Optimizer):
    r"""Adam: momentum on the gradient, RMSProp on its square, both bias-corrected.

    PyTorch's rule (``torch.optim.Adam``, ``amsgrad=False``):

    .. math::

        g_t &= \nabla f(\theta_{t-1}) + \lambda \theta_{t-1} \\
        m_t &= \beta_1 m_{t-1} + (1 - \beta_1) g_t, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2 \\
        \hat m_t &= m_t / (1 - \beta_1^t), \qquad
        \hat v_t = v_t / (1 - \beta_2^t) \\
        \theta_t &= \theta_{t-1} - \eta\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)

    with :math:`m_0 = v_0 = 0`. The weight decay :math:`\lambda` is the L2
    penalty's gradient added to :math:`g_t`; see :class:`AdamW` for the
    decoupled form.
    """

    def __init__(
        self,
        lr: float,
        betas: Sequence[float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        if len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (_beta(betas[0], "beta1"), _beta(betas[1], "beta2"))
        self.eps = check_positive(eps, "eps", strict=False)
        self.weight_decay = check_positive(weight_decay, "weight_decay", strict=False)
        super().__init__(lr)

    def _adam_direction(self, i: int, g: np.ndarray) -> np.ndarray:
        b1, b2 = self.betas
        state = self.state[i]
        m = b1 * state.get("m", np.zeros_like(g)) + (1 - b1) * g
        v = b2 * state.get("v", np.zeros_like(g)) + (1 - b2) * g * g
        state["m"], state["v"] = m, v
        m_hat = m / (1 - b1**self.t)
        v_hat = v / (1 - b2**self.t)
        return m_hat / (np.sqrt(v_hat) + self.eps)

    def _update(self, i: int, theta: np.ndarray, g: np.ndarray) -> np.ndarray:
        if self.weight_decay:
            g = g + self.weight_decay * theta
        return theta - self.lr * self._adam_direction(i, g)


class AdamW(Adam):
    r"""Adam with decoupled weight decay (Loshchilov and Hutter).

    PyTorch's rule (``torch.optim.AdamW``): first shrink the parameters,
    :math:`\theta \leftarrow \theta - \eta \lambda \theta`, then take the
    :class:`Adam` step computed from the plain gradient (no decay in
    :math:`g_t`), so the decay is not rescaled by Adam's per-coordinate
    step sizes.
    """

    def __init__(
        self,
        lr: float,
        betas: Sequence[float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.01,
    ) -> None:
        super().__init__(lr, betas, eps, weight_decay)

    def _update(self, i: int, theta: np.ndarray, g: np.ndarray) -> np.ndarray:
        theta = theta * (1 - self.lr * self.weight_decay)
        return theta - self.lr * self._adam_direction(i, g)


def run(
    optimizer: Optimizer, grad: Callable[[np.ndarray], Any], x0: Any, n_steps: int
) -> np.ndarray:
    """Run ``optimizer`` from ``x0`` for ``n_steps`` and return the trajectory.

    The optimizer is :meth:`~Optimizer.reset` first. Returns an array of
    shape ``(n_steps + 1, d)`` whose row k is the k-th iterate, as
    :func:`gradient_descent` does, so paths of several optimizers can be
    drawn on one contour plot.
    """
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"optimizer must be an mlmath.optim optimizer, got {type(optimizer).__name__}"
        )
    x = as_array(x0, "x0", ndim=(0, 1)).reshape(-1)
    n_steps = check_int(n_steps, "n_steps", minimum=0)
    optimizer.reset()
    path = np.empty((n_steps + 1, x.size))
    path[0] = x
    for k in range(n_steps):
        g = np.asarray(grad(path[k].copy()), dtype=np.float64)
        if g.shape != x.shape:
            raise ValueError(f"grad must return an array of shape {x.shape}, got shape {g.shape}")
        path[k + 1] = optimizer.step(path[k], g)
    return path


def rosenbrock(x: Any, a: float = 1.0, b: float = 100.0) -> Any:
    r"""Rosenbrock's banana :math:`(a - x_0)^2 + b (x_1 - x_0^2)^2`, minimum 0 at :math:`(a, a^2)`.

    ``x`` has last axis of length 2 (``x[..., 0]``, ``x[..., 1]``), so a grid
    of points gives a grid of values.
    """
    x = as_array(x, "x")
    if x.shape[-1:] != (2,):
        raise ValueError(f"x must have a last axis of length 2, got shape {x.shape}")
    out = (a - x[..., 0]) ** 2 + b * (x[..., 1] - x[..., 0] ** 2) ** 2
    return out[()] if out.ndim == 0 else out


def rosenbrock_grad(x: Any, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """The gradient of :func:`rosenbrock`, with the same shape as ``x``."""
    x = as_array(x, "x")
    if x.shape[-1:] != (2,):
        raise ValueError(f"x must have a last axis of length 2, got shape {x.shape}")
    x0, x1 = x[..., 0], x[..., 1]
    inner = x1 - x0**2
    return np.stack([-2 * (a - x0) - 4 * b * x0 * inner, 2 * b * inner], axis=-1)


# -------------------------------------------------------------- schedules


def _epochs(t: Any) -> np.ndarray:
    arr = np.asarray(t)
    if not np.issubdtype(arr.dtype, np.integer) or np.any(arr < 0):
        raise ValueError(f"t must be a non-negative integer or array of them, got {t!r}")
    return arr


def _schedule(fn: Callable[[np.ndarray], np.ndarray]) -> Callable[[Any], Any]:
    def schedule(t: Any) -> Any:
        out = np.asarray(fn(_epochs(t)), dtype=np.float64)
        return float(out) if out.ndim == 0 else out

    return schedule


def step_lr(lr0: float, step_size: int, gamma: float = 0.1) -> Callable[[Any], Any]:
    r"""PyTorch's ``StepLR``: :math:`\eta_t = \eta_0\, \gamma^{\lfloor t / s \rfloor}`.

    Returns a function of the epoch ``t`` (an int or an array of ints).
    """
    lr0 = check_positive(lr0, "lr0")
    step_size = check_int(step_size, "step_size", minimum=1)
    gamma = check_positive(gamma, "gamma")
    return _schedule(lambda t: lr0 * gamma ** (t // step_size))


def exponential_lr(lr0: float, gamma: float) -> Callable[[Any], Any]:
    r"""PyTorch's ``ExponentialLR``: :math:`\eta_t = \eta_0\, \gamma^{t}`."""
    lr0 = check_positive(lr0, "lr0")
    gamma = check_positive(gamma, "gamma")
    return _schedule(lambda t: lr0 * gamma ** t.astype(np.float64))


def cosine_lr(lr0: float, t_max: int, lr_min: float = 0.0) -> Callable[[Any], Any]:
    r"""PyTorch's ``CosineAnnealingLR`` (its closed form).

    :math:`\eta_t = \eta_{\min} + \tfrac12 (\eta_0 - \eta_{\min})
    (1 + \cos(\pi t / T_{\max}))`: from :math:`\eta_0` at :math:`t = 0` down
    to :math:`\eta_{\min}` at :math:`t = T_{\max}` (and back up after, as the
    closed form is periodic).
    """
    lr0 = check_positive(lr0, "lr0")
    t_max = check_int(t_max, "t_max", minimum=1)
    lr_min = check_positive(lr_min, "lr_min", strict=False)
    if lr_min > lr0:
        raise ValueError(f"lr_min must not exceed lr0, got {lr_min} > {lr0}")
    return _schedule(lambda t: lr_min + 0.5 * (lr0 - lr_min) * (1 + np.cos(np.pi * t / t_max)))


def linear_warmup(lr0: float, warmup_steps: int) -> Callable[[Any], Any]:
    r"""Linear warm-up: :math:`\eta_t = \eta_0 \min(1, (t + 1)/w)`.

    The rate climbs in equal steps from :math:`\eta_0 / w` at :math:`t = 0` to
    :math:`\eta_0` at :math:`t = w - 1` and stays there (PyTorch's
    ``LinearLR(start_factor=1/w, total_iters=w - 1)``).
    """
    lr0 = check_positive(lr0, "lr0")
    warmup_steps = check_int(warmup_steps, "warmup_steps", minimum=1)
    return _schedule(lambda t: lr0 * np.minimum(1.0, (t + 1) / warmup_steps))


# ----------------------------------------------------------------- losses


def _pair(pred: Any, target: Any, names: tuple[str, str] = ("pred", "target")) -> tuple:
    p = as_array(pred, names[0])
    y = as_array(target, names[1])
    if p.shape != y.shape:
        raise ValueError(
            f"{names[0]} and {names[1]} must have the same shape, got {p.shape} and {y.shape}"
        )
    return p, y


def mse(pred: Any, target: Any) -> float:
    r"""Mean squared error :math:`\frac1n \sum_i (\hat y_i - y_i)^2` over all entries."""
    p, y = _pair(pred, target)
    return float(np.mean((p - y) ** 2))


def mse_grad(pred: Any, target: Any) -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``pred``: :math:`2(\hat y - y)/n`."""
    p, y = _pair(pred, target)
    return 2 * (p - y) / p.size


def mae(pred: Any, target: Any) -> float:
    r"""Mean absolute error :math:`\frac1n \sum_i \lvert \hat y_i - y_i \rvert`."""
    p, y = _pair(pred, target)
    return float(np.mean(np.abs(p - y)))


def mae_grad(pred: Any, target: Any) -> np.ndarray:
    r"""A subgradient of :func:`mae`: :math:`\operatorname{sign}(\hat y - y)/n` (0 at a tie)."""
    p, y = _pair(pred, target)
    return np.sign(p - y) / p.size


def _probabilities(p: np.ndarray, name: str) -> None:
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"{name} must hold probabilities in [0, 1]")


def binary_cross_entropy(p: Any, y: Any) -> float:
    r"""Mean binary cross-entropy :math:`-\frac1n \sum_i [y_i \log p_i + (1 - y_i) \log(1 - p_i)]`.

    ``p`` are predicted probabilities, ``y`` targets in [0, 1]. As PyTorch's
    ``BCELoss``, each log is clamped at -100, so a confident wrong
    prediction costs 100 instead of infinity.
    """
    p, y = _pair(p, y, ("p", "y"))
    _probabilities(p, "p")
    _probabilities(y, "y")
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), -100.0)
        log_q = np.maximum(np.log1p(-p), -100.0)
    return float(0.0 - np.mean(y * log_p + (1 - y) * log_q))  # never -0.0


def binary_cross_entropy_grad(p: Any, y: Any) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy` in ``p``: :math:`\frac{p - y}{p(1 - p)\, n}`.

    The denominator is clamped at :math:`10^{-12}`, as PyTorch does.
    """
    p, y = _pair(p, y, ("p", "y"))
    _probabilities(p, "p")
    _probabilities(y, "y")
    return (p - y) / np.maximum(p * (1 - p), 1e-12) / p.size


def binary_cross_entropy_with_logits(z: Any, y: Any) -> float:
    r"""Mean binary cross-entropy from logits, stable for any finite ``z``.

    With :math:`p = \sigma(z)` the loss per entry is
    :math:`\log(1 + e^{z}) - y z = \max(z, 0) - y z + \log(1 + e^{-\lvert z\rvert})`,
    the form PyTorch's ``BCEWithLogitsLoss`` uses; nothing overflows.
    """
    z, y = _pair(z, y, ("z", "y"))
    _probabilities(y, "y")
    return float(np.mean(softplus(z) - y * z))


def binary_cross_entropy_with_logits_grad(z: Any, y: Any) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` in ``z``.

    It is :math:`(\sigma(z) - y)/n`, with the stable :func:`~mlmath.numerics.sigmoid`.
    """
    z, y = _pair(z, y, ("z", "y"))
    _probabilities(y, "y")
    return (sigmoid(z) - y) / z.size


def _labels(logits: Any, labels: Any) -> tuple[np.ndarray, np.ndarray]:
    z = as_array(logits, "logits", ndim=2)
    raw = np.asarray(labels)
    if raw.ndim != 1 or not np.issubdtype(raw.dtype, np.integer):
        raise ValueError(
            f"labels must be a 1-D array of integers, got {raw.dtype} of shape {raw.shape}"
        )
    check_same_length(z, raw, "logits", "labels")
    K = z.shape[1]
    if np.any((raw < 0) | (raw >= K)):
        raise ValueError(
            f"labels must lie in 0..{K - 1} for {K} classes, got {raw.min()}..{raw.max()}"
        )
    return z, raw


def cross_entropy(logits: Any, labels: Any) -> float:
    r"""Mean categorical cross-entropy of logits and integer labels.

    :math:`-\frac1n \sum_i \log \operatorname{softmax}(z_i)_{y_i}`.

    ``logits`` has shape (n, K), ``labels`` integers in 0..K-1 (PyTorch's
    ``CrossEntropyLoss``). Computed with a stable log-softmax.
    """
    z, y = _labels(logits, labels)
    return float(0.0 - np.mean(log_softmax(z, axis=1)[np.arange(len(y)), y]))  # never -0.0


def cross_entropy_grad(logits: Any, labels: Any) -> np.ndarray:
    r"""Gradient of :func:`cross_entropy` in the logits.

    It is :math:`(\operatorname{softmax}(z) - \text{onehot}(y))/n`, row by row.
    """
    z, y = _labels(logits, labels)
    g = softmax(z, axis=1)
    g[np.arange(len(y)), y] -= 1.0
    return g / len(y)


def _signs(y: np.ndarray) -> None:
    if np.any((y != 1) & (y != -1)):
        raise ValueError("y must hold labels -1 and +1")


def hinge(scores: Any, y: Any) -> float:
    r"""Mean hinge loss :math:`\frac1n \sum_i \max(0, 1 - y_i s_i)`.

    Labels are :math:`y_i \in \{-1, +1\}`; :math:`y_i s_i` is the margin.
    """
    s, y = _pair(scores, y, ("scores", "y"))
    _signs(y)
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def hinge_grad(scores: Any, y: Any) -> np.ndarray:
    r"""A subgradient of :func:`hinge` in the scores.

    It is :math:`-y_i/n` where the margin :math:`y_i s_i < 1`, else 0 (also
    at the kink, margin exactly 1).
    """
    s, y = _pair(scores, y, ("scores", "y"))
    _signs(y)
    return np.where(y * s < 1.0, -y, 0.0) / s.size


# ------------------------------------------------------------ penalties


def l1_penalty(w: Any) -> float:
    r"""The L1 penalty :math:`\lVert w \rVert_1 = \sum_i \lvert w_i \rvert`."""
    return float(np.sum(np.abs(as_array(w, "w"))))


def l2_penalty(w: Any) -> float:
    r"""The L2 penalty :math:`\tfrac12 \lVert w \rVert_2^2 = \tfrac12 \sum_i w_i^2`."""
    w = as_array(w, "w")
    return float(0.5 * np.sum(w * w))


def soft_threshold(w: Any, t: float) -> Any:
    r"""Soft-thresholding, entry by entry.

    :math:`\operatorname{sign}(w) \max(\lvert w \rvert - t, 0)`.

    It is the proximal map of :math:`t \lVert \cdot \rVert_1`: the minimizer
    of :math:`\tfrac12 (v - w)^2 + t \lvert v \rvert` over v. Entries within
    ``t`` of zero become exactly zero, which is where the lasso's sparsity
    comes from.
    """
    w = as_array(w, "w", non_empty=False)
    t = check_positive(t, "t", strict=False)
    out = np.sign(w) * np.maximum(np.abs(w) - t, 0.0) + 0.0  # + 0.0 turns -0.0 into 0.0
    return out[()] if out.ndim == 0 else out


def lasso(
    X: Any,
    y: Any,
    alpha: float,
    n_steps: int = 100_000,
    tol: float = 1e-12,
    w0: Any = None,
) -> np.ndarray:
    r"""The lasso weights by proximal gradient descent (ISTA).

    Minimizes :math:`\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha \lVert w\rVert_1`
    (scikit-learn's ``Lasso`` objective, without an intercept). Each step is
    a gradient step on the smooth part with step :math:`1/L`, where
    :math:`L` is the largest eigenvalue of :math:`X^\top X / n`, followed by
    :func:`soft_threshold` at :math:`\alpha / L`.

    It starts from ``w0`` (zero by default; pass the previous solution to
    warm-start a regularization path) and stops when the optimality
    conditions hold to ``tol``: with :math:`g = X^\top(Xw - y)/n`,
    :math:`\lvert g_j + \alpha \operatorname{sign}(w_j)\rvert` for nonzero
    weights and :math:`\max(\lvert g_j\rvert - \alpha, 0)` for zero ones are
    at most ``tol`` times :math:`\max(1, \lVert X^\top y / n\rVert_\infty)`,
    or after ``n_steps`` steps.
    """
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    check_same_length(X, y, "X", "y")
    alpha = check_positive(alpha, "alpha", strict=False)
    n_steps = check_int(n_steps, "n_steps", minimum=1)
    tol = check_positive(tol, "tol")
    n, d = X.shape
    w = np.zeros(d) if w0 is None else as_array(w0, "w0", ndim=1).copy()
    if w.size != d:
        raise ValueError(f"w0 must have one weight per column of X, {d}; got {w.size}")
    Xty = X.T @ y / n
    XtX = X.T @ X / n
    if not np.any(XtX):
        return np.zeros(d)
    L, _ = power_iteration(XtX, rng=np.random.default_rng(0))
    scale = tol * max(1.0, float(np.max(np.abs(Xty))))
    for _ in range(n_steps):
        g = XtX @ w - Xty
        violation = np.where(w != 0, np.abs(g + alpha * np.sign(w)), np.abs(g) - alpha)
        if np.max(violation) <= scale:
            break
        w = soft_threshold(w - g / L, alpha / L)
    return w
