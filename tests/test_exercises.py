"""The checker framework: passes correct code, pinpoints wrong code."""

import numpy as np
import pytest

from mlmath import exercises, prereq
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
