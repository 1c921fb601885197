"""The checker framework behind every "implement it" exercise.

A checker runs the reader's function on a list of cases (fixed ones that
probe the edges, then random ones drawn with a fixed seed), compares each
answer with the package's own implementation and reports the first case that
differs, with the input, the expected value and what came back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Case", "CheckResult", "compare_values", "run_check"]


@dataclass(frozen=True)
class Case:
    """One call of the reader's function: positional and keyword arguments."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    label: str = ""

    def describe(self) -> str:
        parts = [_short(a) for a in self.args]
        parts += [f"{k}={_short(v)}" for k, v in self.kwargs.items()]
        text = ", ".join(parts)
        return f"{self.label}: ({text})" if self.label else f"({text})"


@dataclass(frozen=True)
class CheckResult:
    """The verdict of a checker. Truthy when every case passed."""

    name: str
    passed: bool
    n_cases: int
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        state = "passed" if self.passed else "failed"
        return f"CheckResult({self.name!r}, {state}, {self.n_cases} cases)"


def _short(value: Any, limit: int = 300) -> str:
    """A compact, line-limited rendering of an argument or result."""
    if callable(value) and not isinstance(value, np.ndarray):
        text = getattr(value, "__name__", repr(value))
    elif isinstance(value, np.ndarray):
        with np.printoptions(precision=4, suppress=True, threshold=20, edgeitems=2):
            text = f"array{value.shape} " + np.array2string(value, separator=", ")
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare_values(
    got: Any, expected: Any, *, rtol: float = 1e-7, atol: float = 1e-9
) -> str | None:
    """Return ``None`` if ``got`` matches ``expected``, else the reason it does not.

    Arrays must have the same shape and agree to ``rtol``/``atol``; tuples and
    lists are compared item by item.
    """
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return f"expected a sequence of {len(expected)} items, got {_short(got)}"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            why = compare_values(g, e, rtol=rtol, atol=atol)
            if why is not None:
                return f"item {i}: {why}"
        return None
    try:
        got_arr = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"expected a number or an array of numbers, got {_short(got)}"
    exp_arr = np.asarray(expected, dtype=np.float64)
    if got_arr.shape != exp_arr.shape:
        return f"wrong shape: expected {exp_arr.shape}, got {got_arr.shape}"
    if not np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol, equal_nan=True):
        err = np.abs(got_arr - exp_arr)
        where = np.unravel_index(np.argmax(err), err.shape) if err.ndim else ()
        return (
            f"wrong values (largest difference {float(np.max(err)):.3g}"
            + (f" at index {tuple(int(i) for i in where)}" if where else "")
            + ")"
        )
    return None


def run_check(
    name: str,
    fn: Callable[..., Any],
    reference: Callable[..., Any],
    cases: Iterable[Case],
    *,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    verbose: bool = True,
) -> CheckResult:
    """Run ``fn`` and ``reference`` on every case and compare the answers.

    The reader's function gets deep copies of the arguments, and a case also
    fails if ``fn`` changed its input in place, so a solution cannot pass by
    accident of aliasing.

    Parameters
    ----------
    name : str
        The checker's name, printed in the verdict.
    fn : callable
        The reader's function.
    reference : callable
        The package's implementation.
    cases : iterable of Case
    verbose : bool, default True
        Print the verdict (the result is returned either way).
    """
    if not callable(fn):
        raise TypeError(f"{name} needs a function, got {type(fn).__name__}")
    cases = list(cases)
    message = f"{name}: passed all {len(cases)} cases"
    passed = True
    for k, case in enumerate(cases, start=1):
        expected = reference(*case.args, **case.kwargs)
        args = copy.deepcopy(case.args)
        kwargs = copy.deepcopy(case.kwargs)
        header = f"{name}: failed on case {k} of {len(cases)}\n  input:    {case.describe()}"
        try:
            got = fn(*args, **kwargs)
        except Exception as err:  # the reader's code may raise anything
            message = (
                f"{header}\n  expected: {_short(expected)}"
                f"\n  got:      {type(err).__name__}: {err}"
            )
            passed = False
            break
        why = compare_values(got, expected, rtol=rtol, atol=atol)
        if why is None and not _unchanged(args, case.args):
            why = "your function changed its input array in place"
        if why is not None:
            message = (
                f"{header}\n  expected: {_short(expected)}\n  got:      {_short(got)}"
                f"\n  problem:  {why}"
            )
            passed = False
            break
    result = CheckResult(name, passed, len(cases), message)
    if verbose:
        print(message)
    return result


def _unchanged(after: Sequence[Any], before: Sequence[Any]) -> bool:
    for a, b in zip(after, before, strict=True):
        if isinstance(b, np.ndarray) and not (
            a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
        ):
            return False
    return True
