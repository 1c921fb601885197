"""Shared input validation for every ``mlmath`` module.

Every public function in the package checks its input through these helpers,
so that bad input fails early with a message that names the argument and the
problem (``ValueError: A must be square, got shape (3, 2)``) instead of a
silent NaN, a bare ``IndexError`` or a wrong answer.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = [
    "as_array",
    "as_generator",
    "check_distribution",
    "check_finite",
    "check_in",
    "check_int",
    "check_non_empty",
    "check_positive",
    "check_probability",
    "check_real",
    "check_same_length",
    "check_shape",
    "check_square",
]


def as_array(
    x: Any,
    name: str,
    *,
    ndim: int | Iterable[int] | None = None,
    finite: bool = True,
    non_empty: bool = True,
) -> np.ndarray:
    """Convert ``x`` to a float64 array and check its dimension and values.

    Parameters
    ----------
    x : array_like
        The input. Anything NumPy can turn into a numeric array.
    name : str
        The argument's name, used in error messages.
    ndim : int or iterable of int, optional
        The allowed numbers of dimensions (``1`` for a vector, ``2`` for a
        matrix, ``(1, 2)`` for either).
    finite : bool, default True
        Reject NaN and infinite entries.
    non_empty : bool, default True
        Reject arrays with no entries.

    Raises
    ------
    TypeError
        If ``x`` is not numeric (strings, objects, ``None``).
    ValueError
        If the dimension is wrong, the array is empty, or it holds NaN/inf.
    """
    if x is None:
        raise TypeError(f"{name} must be an array of numbers, got None")
    try:
        arr = np.asarray(x)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array: {err}") from None
    if arr.dtype == bool:
        arr = arr.astype(np.float64)
    if not (np.issubdtype(arr.dtype, np.number)):
        raise TypeError(f"{name} must be an array of numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must be real, got complex dtype {arr.dtype}")
    arr = arr.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}, got {arr.ndim}-D array of shape {arr.shape}")
    if non_empty:
        check_non_empty(arr, name)
    if finite:
        check_finite(arr, name)
    return arr


def check_non_empty(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` has no entries."""
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` holds a NaN or an infinity."""
    if not np.all(np.isfinite(arr)):
        bad = "NaN" if np.any(np.isnan(arr)) else "an infinite value"
        raise ValueError(f"{name} must be finite, but it contains {bad}")


def check_shape(arr: np.ndarray, name: str, shape: tuple[int | None, ...]) -> None:
    """Raise ``ValueError`` unless ``arr.shape`` matches ``shape``.

    ``None`` in ``shape`` matches any length along that axis.
    """
    ok = arr.ndim == len(shape) and all(
        want is None or want == got for want, got in zip(shape, arr.shape, strict=True)
    )
    if not ok:
        pretty = "(" + ", ".join("any" if s is None else str(s) for s in shape)
        pretty += ",)" if len(shape) == 1 else ")"
        raise ValueError(f"{name} must have shape {pretty}, got shape {arr.shape}")


def check_square(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` unless ``arr`` is a square matrix."""
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be square, got shape {arr.shape}")


def check_same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same first axis."""
    if len(a) != len(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same length, got {len(a)} and {len(b)}"
        )


def check_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an ``int`` after checking it is a whole number.

    Booleans are rejected (``True`` is not a count).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


def _as_real(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def check_real(value: Any, name: str) -> float:
    """Return ``value`` as a float after checking it is a finite real number."""
    return _as_real(value, name)


def check_positive(value: Any, name: str, *, strict: bool = True) -> float:
    """Return ``value`` as a float after checking it is positive.

    With ``strict=False`` zero is allowed too.
    """
    value = _as_real(value, name)
    if (strict and value <= 0) or (not strict and value < 0):
        word = "positive" if strict else "non-negative"
        raise ValueError(f"{name} must be {word}, got {value}")
    return value


def check_probability(value: Any, name: str, *, open_interval: bool = False) -> float:
    """Return ``value`` as a float after checking it lies in [0, 1].

    With ``open_interval=True`` the end points are excluded, as for a
    confidence level.
    """
    value = _as_real(value, name)
    if open_interval:
        if not 0.0 < value < 1.0:
            raise ValueError(f"{name} must lie strictly between 0 and 1, got {value}")
    elif not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {value}")
    return value


def check_in(value: Any, name: str, options: Iterable[Any]) -> Any:
    """Return ``value`` after checking it is one of ``options``."""
    options = tuple(options)
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def check_distribution(probs: Any, name: str, *, axis: int = -1, atol: float = 1e-8) -> np.ndarray:
    """Return ``probs`` as a float array after checking it is a distribution.

    Along ``axis`` the entries must be non-negative and sum to 1 (within
    ``atol``), as for the probabilities of a categorical distribution or the
    rows of a matrix of class probabilities.
    """
    arr = as_array(probs, name)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be an array of probabilities, got a scalar")
    if np.any(arr < 0):
        raise ValueError(f"{name} must be non-negative, got a smallest entry of {arr.min():.3g}")
    total = arr.sum(axis=axis)
    if np.any(np.abs(total - 1.0) > atol):
        worst = np.ravel(total)[np.argmax(np.ravel(np.abs(total - 1.0)))]
        raise ValueError(f"{name} must sum to 1, got a sum of {worst:.6g}")
    return arr


def as_generator(rng: Any, name: str = "rng") -> np.random.Generator:
    """Return a NumPy ``Generator`` from a Generator, an int seed or ``None``.

    ``None`` gives a freshly seeded generator; an int gives a reproducible one.
    """
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    kind = type(rng).__name__
    raise TypeError(f"{name} must be a numpy Generator, an int seed or None, got {kind}")
