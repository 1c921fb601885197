"""A small reverse-mode automatic-differentiation engine over NumPy arrays.

Page: ``book/02-calculus/chain-rule.md``, which builds these ideas one at a
time. The whole engine is three ideas:

1. A :class:`Tensor` holds an array, the tensors it was computed from
   (``parents``) and a *backward rule*: given the gradient of the final
   output with respect to this tensor, return the gradient with respect to
   each parent. That rule is the local chain rule of one operation.
2. :meth:`Tensor.backward` orders the graph so that every tensor comes after
   the tensors computed from it (a reverse topological order), seeds the
   output's gradient with 1 and applies the rules in that order, *adding*
   the contributions that reach a tensor used more than once.
3. NumPy broadcasting stretches an operand to the shape of the result; its
   gradient is summed back over the stretched axes (:func:`unbroadcast`).

In the spirit of micrograd (Karpathy, 2020), with arrays instead of scalars.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["Tensor", "cross_entropy", "log_softmax", "unbroadcast"]

Backward = Callable[[np.ndarray], Sequence[Any]]


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added or stretched.

    If ``b`` of shape ``(3,)`` is added to ``X`` of shape ``(5, 3)``, each
    entry of ``b`` is used five times, so its gradient is the sum of the
    five gradients that reach it: the sum over axis 0.
    """
    while grad.ndim > len(shape):  # axes added in front
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):  # axes of length 1 that were stretched
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


def _as_data(value: Any) -> np.ndarray:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a Tensor holds numbers, got {value!r}")
    try:
        data = np.asarray(value)
    except ValueError as err:
        raise ValueError(f"a Tensor must be a rectangular array: {err}") from None
    if not (np.issubdtype(data.dtype, np.number) or data.dtype == bool):
        raise TypeError(f"a Tensor holds numbers, got dtype {data.dtype}")
    if np.issubdtype(data.dtype, np.complexfloating):
        raise TypeError(f"a Tensor holds real numbers, got dtype {data.dtype}")
    return data


class Tensor:
    """An array that remembers how it was computed, for reverse-mode gradients.

    Parameters
    ----------
    data : array_like
        The values, stored as a float64 array.
    requires_grad : bool, default False
        Whether :meth:`backward` should compute the gradient with respect to
        this tensor. Only floating-point data can require a gradient (as in
        PyTorch): a gradient is a small change, and integers cannot change a
        little.

    After ``loss.backward()``, ``t.grad`` holds
    :math:`\\partial\\,\\text{loss} / \\partial t` (same shape as ``t.data``)
    for every tensor ``t`` on the way from the leaves that require a
    gradient to ``loss``, intermediate ones included; repeated calls add to
    it, as in PyTorch, until :meth:`zero_grad`.
    """

    __array_ufunc__ = None  # numpy_array * tensor defers to Tensor.__rmul__

    def __init__(self, data: Any, requires_grad: bool = False) -> None:
        raw = _as_data(data)
        if requires_grad and raw.dtype.kind in "iub":
            raise TypeError(
                f"only floating-point data can require a gradient, got dtype {raw.dtype}; "
                "convert it with .astype(float)"
            )
        self.data = raw.astype(np.float64)
        self.requires_grad = bool(requires_grad)
        self.grad: np.ndarray | None = None
        self.parents: tuple[Tensor, ...] = ()
        self.op = ""
        self._backward: Backward | None = None

    # ------------------------------------------------------------ the graph

    @classmethod
    def from_op(
        cls, data: Any, parents: Sequence[Tensor], backward: Backward, op: str = ""
    ) -> Tensor:
        """The result of an operation: ``data`` computed from ``parents``.

        ``backward(g)`` receives the gradient with respect to the result
        (shape of ``data``) and returns one gradient per parent, or ``None``
        for a parent that needs none. Gradients of the parents' shapes, or
        of the result's shape when the parent was broadcast, are accepted.
        """
        out = cls(data)
        out.parents = tuple(parents)
        out.requires_grad = any(p.requires_grad for p in out.parents)
        out._backward = backward if out.requires_grad else None
        out.op = op
        return out

    def backward(self, grad: Any = None) -> None:
        """Compute the gradient of this tensor with respect to every tensor
        it depends on, and add it to their ``.grad``.

        A scalar (one-element) output is seeded with 1; any other output
        needs ``grad``, the gradient of some final scalar with respect to it.
        """
        if not self.requires_grad:
            raise RuntimeError("backward() on a tensor that does not require a gradient")
        if grad is None:
            if self.data.size != 1:
                raise ValueError(
                    f"backward() needs a gradient for a non-scalar output of shape "
                    f"{self.data.shape}"
                )
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.data.shape:
            raise ValueError(f"grad must have shape {self.data.shape}, got {grad.shape}")

        # 1. Order the graph: a tensor comes after everything it was made from.
        order: list[Tensor] = []
        visited: set[int] = set()
        stack: list[tuple[Tensor, bool]] = [(self, False)]
        while stack:  # an iterative depth-first search: deep graphs are fine
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents if p.requires_grad)

        # 2. Walk it backwards, output first, adding up what reaches each node.
        grads: dict[int, np.ndarray] = {id(self): grad}
        for node in reversed(order):
            g = grads.pop(id(node))
            node.grad = g.copy() if node.grad is None else node.grad + g
            if node._backward is None:
                continue
            for parent, pg in zip(node.parents, node._backward(g), strict=True):
                if pg is None or not parent.requires_grad:
                    continue
                pg = unbroadcast(np.asarray(pg, dtype=np.float64), parent.data.shape)
                if pg.shape != parent.data.shape:
                    raise ValueError(
                        f"the backward rule of {node.op or 'an operation'} returned a "
                        f"gradient of shape {pg.shape} for a parent of shape "
                        f"{parent.data.shape}"
                    )
                key = id(parent)
                grads[key] = grads[key] + pg if key in grads else pg

    def zero_grad(self) -> None:
        """Forget the accumulated gradient (set ``.grad`` to ``None``)."""
        self.grad = None

    # ------------------------------------------------------------ arithmetic

    @staticmethod
    def _lift(other: Any) -> Tensor:
        if isinstance(other, Tensor):
            return other
        if isinstance(other, numbers.Number | np.ndarray | np.number):
            return Tensor(other)
        return NotImplemented

    def __add__(self, other: Any) -> Tensor:
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return Tensor.from_op(self.data + other.data, (self, other), lambda g: (g, g), "add")

    def __mul__(self, other: Any) -> Tensor:
        other = self._lift(other)
        if other is NotImplemented:
            return other
        a, b = self.data, other.data
        return Tensor.from_op(a * b, (self, other), lambda g: (g * b, g * a), "mul")

    def __neg__(self) -> Tensor:
        return Tensor.from_op(-self.data, (self,), lambda g: (-g,), "neg")

    def __sub__(self, other: Any) -> Tensor:
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return self + (-other)

    def __truediv__(self, other: Any) -> Tensor:
        other = self._lift(other)
        if other is NotImplemented:
            return other
        a, b = self.data, other.data
        return Tensor.from_op(a / b, (self, other), lambda g: (g / b, -g * a / (b * b)), "div")

    def __pow__(self, exponent: Any) -> Tensor:
        if isinstance(exponent, Tensor) or not isinstance(exponent, numbers.Real):
            raise TypeError("** needs a real number as the exponent (not a Tensor)")
        p, a = float(exponent), self.data
        return Tensor.from_op(a**p, (self,), lambda g: (g * p * a ** (p - 1),), f"pow {p:g}")

    def __matmul__(self, other: Any) -> Tensor:
        other = self._lift(other)
        if other is NotImplemented:
            return other
        a, b = self.data, other.data
        if a.ndim != 2 or b.ndim not in (1, 2):
            raise ValueError(
                f"@ takes a matrix on the left and a matrix or vector on the right, "
                f"got shapes {a.shape} and {b.shape}"
            )

        def backward(g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            if b.ndim == 1:  # y = A x: dA = g x^T, dx = A^T g
                return np.outer(g, b), a.T @ g
            return g @ b.T, a.T @ g  # Y = A B: dA = G B^T, dB = A^T G

        return Tensor.from_op(a @ b, (self, other), backward, "matmul")

    def __radd__(self, other: Any) -> Tensor:
        return self._lift(other) + self

    def __rsub__(self, other: Any) -> Tensor:
        return self._lift(other) - self

    def __rmul__(self, other: Any) -> Tensor:
        return self._lift(other) * self

    def __rtruediv__(self, other: Any) -> Tensor:
        return self._lift(other) / self

    def __rmatmul__(self, other: Any) -> Tensor:
        return self._lift(other) @ self

    # ------------------------------------------------------------ reductions and shapes

    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Sum over ``axis``; each input entry receives the output's gradient."""
        shape = self.data.shape

        def backward(g: np.ndarray) -> tuple[np.ndarray]:
            if axis is not None and not keepdims:  # put the summed axes back
                g = np.expand_dims(g, axis)
            return (np.broadcast_to(g, shape),)

        return Tensor.from_op(
            self.data.sum(axis=axis, keepdims=keepdims), (self,), backward, "sum"
        )

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """The mean: the sum divided by the number of entries averaged."""
        total = self.sum(axis=axis, keepdims=keepdims)
        return total * (total.data.size / self.data.size)

    def reshape(self, *shape: int) -> Tensor:
        """The same entries in another shape; the gradient is reshaped back."""
        old = self.data.shape
        new = self.data.reshape(*shape)
        return Tensor.from_op(new, (self,), lambda g: (g.reshape(old),), "reshape")

    @property
    def T(self) -> Tensor:
        """The transpose (reversed axes); the gradient is transposed back."""
        return Tensor.from_op(self.data.T, (self,), lambda g: (g.T,), "transpose")

    # ------------------------------------------------------------ elementwise functions

    def exp(self) -> Tensor:
        """:math:`e^x`, its own derivative."""
        y = np.exp(self.data)
        return Tensor.from_op(y, (self,), lambda g: (g * y,), "exp")

    def log(self) -> Tensor:
        """Natural logarithm, derivative :math:`1/x`; needs positive entries."""
        if np.any(self.data <= 0):
            raise ValueError("log needs positive entries")
        x = self.data
        return Tensor.from_op(np.log(x), (self,), lambda g: (g / x,), "log")

    def tanh(self) -> Tensor:
        """:math:`\\tanh x`, derivative :math:`1 - \\tanh^2 x`."""
        y = np.tanh(self.data)
        return Tensor.from_op(y, (self,), lambda g: (g * (1 - y * y),), "tanh")

    def sigmoid(self) -> Tensor:
        """:math:`\\sigma(x) = 1/(1 + e^{-x})`, derivative :math:`\\sigma(1 - \\sigma)`.

        Computed without overflow for large negative ``x``.
        """
        x = self.data
        z = np.exp(-np.abs(x))  # in (0, 1]: never overflows
        y = np.where(x >= 0, 1 / (1 + z), z / (1 + z))
        return Tensor.from_op(y, (self,), lambda g: (g * y * (1 - y),), "sigmoid")

    def relu(self) -> Tensor:
        """:math:`\\max(0, x)`, derivative 1 where :math:`x > 0`, else 0."""
        x = self.data
        return Tensor.from_op(np.maximum(x, 0), (self,), lambda g: (g * (x > 0),), "relu")

    def __repr__(self) -> str:
        grad = ", requires_grad=True" if self.requires_grad else ""
        return f"Tensor({np.array2string(self.data, precision=4)}{grad})"


def log_softmax(x: Tensor, axis: int = -1) -> Tensor:
    r"""Stable :math:`\log \operatorname{softmax}(x)_i = x_i - \log\sum_j e^{x_j}`.

    Shifting by :math:`\max_j x_j` first keeps :math:`e^{x_j}` in
    :math:`(0, 1]`, so huge logits neither overflow nor turn into NaN. The
    backward rule is :math:`g - \operatorname{softmax}(x)\sum_j g_j`.
    """
    if not isinstance(x, Tensor):
        raise TypeError(f"log_softmax takes a Tensor, got {type(x).__name__}")
    shifted = x.data - x.data.max(axis=axis, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    out = shifted - log_norm
    softmax = np.exp(out)

    def backward(g: np.ndarray) -> tuple[np.ndarray]:
        return (g - softmax * g.sum(axis=axis, keepdims=True),)

    return Tensor.from_op(out, (x,), backward, "log_softmax")


def cross_entropy(logits: Tensor, targets: Any) -> Tensor:
    r"""Mean cross-entropy of integer class ``targets`` under softmax ``logits``.

    .. math:: \ell = -\frac{1}{n}\sum_{i=1}^n \log \operatorname{softmax}(\vz_i)_{y_i}

    ``logits`` has shape (n, K), ``targets`` holds n integers in
    [0, K). Its gradient with respect to the logits is
    :math:`(\operatorname{softmax}(\vz_i) - \text{one-hot}(y_i))/n`.
    """
    if not isinstance(logits, Tensor):
        raise TypeError(f"cross_entropy takes a Tensor of logits, got {type(logits).__name__}")
    if logits.data.ndim != 2:
        raise ValueError(f"logits must have shape (n, K), got {logits.data.shape}")
    y = np.asarray(targets)
    n, k = logits.data.shape
    if y.shape != (n,) or y.dtype.kind not in "iu":
        raise ValueError(f"targets must be {n} integer class labels, got {y.dtype} {y.shape}")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError(f"targets must lie in [0, {k}), got values {y.min()} to {y.max()}")
    picked = log_softmax(logits, axis=1) * np.eye(k)[y]
    return -(picked.sum() / n)
