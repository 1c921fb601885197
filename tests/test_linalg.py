"""mlmath.linalg against NumPy and SciPy, on every shape and conditioning."""

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.decomposition import PCA
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from mlmath import linalg

EPS = np.finfo(np.float64).eps


def _with_singular_values(rng, m, n, s):
    """An m-by-n matrix with the given singular values (zeros pad the rest)."""
    U, _ = np.linalg.qr(rng.normal(size=(m, m)))
    V, _ = np.linalg.qr(rng.normal(size=(n, n)))
    S = np.zeros((m, n))
    S[: len(s), : len(s)] = np.diag(s)
    return U @ S @ V.T


def _matrices():
    """Named test matrices: random, ill-conditioned, rank-deficient, tall, wide, 1x1."""
    rng = np.random.default_rng(0)
    return {
        "random 6x6": rng.normal(size=(6, 6)),
        "ill-conditioned 8x8": _with_singular_values(rng, 8, 8, np.logspace(0, -12, 8)),
        "rank 3 of 7x7": _with_singular_values(rng, 7, 7, [3.0, 2.0, 1.0]),
        "tall 12x4": rng.normal(size=(12, 4)),
        "tall rank-deficient 10x5": rng.normal(size=(10, 2)) @ rng.normal(size=(2, 5)),
        "wide 3x9": rng.normal(size=(3, 9)),
        "wide rank-deficient 4x8": rng.normal(size=(4, 1)) @ rng.normal(size=(1, 8)),
        "1x1": np.array([[-2.5]]),
        "row 1x5": rng.normal(size=(1, 5)),
        "column 5x1": rng.normal(size=(5, 1)),
        "zero 3x2": np.zeros((3, 2)),
        "large scale": 1e150 * rng.normal(size=(4, 4)),
        "tiny scale": 1e-150 * rng.normal(size=(4, 3)),
    }


MATRICES = _matrices()
NAMES = list(MATRICES)
SQUARE_INVERTIBLE = ["random 6x6", "ill-conditioned 8x8", "1x1", "large scale"]


def _orthonormal_columns(Q, atol=1e-13):
    return np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=atol)


# ------------------------------------------------------------------ SVD


@pytest.mark.parametrize("name", NAMES)
def test_svd_matches_numpy_to_a_few_ulps_of_the_largest_singular_value(name):
    A = MATRICES[name]
    U, S, Vt = linalg.svd(A)
    k = min(A.shape)
    assert U.shape == (A.shape[0], k) and S.shape == (k,) and Vt.shape == (k, A.shape[1])
    ref = np.linalg.svd(A, compute_uv=False)
    scale = max(ref[0], np.finfo(float).tiny)
    assert np.max(np.abs(S - ref)) <= 20 * EPS * scale
    assert np.all(np.diff(S) <= 0) and np.all(S >= 0)
    assert np.max(np.abs((U * S) @ Vt - A)) <= 50 * EPS * scale
    assert _orthonormal_columns(U) and _orthonormal_columns(Vt.T)


def test_svd_keeps_the_small_singular_values_that_the_normal_equations_lose():
    rng = np.random.default_rng(1)
    s = np.array([1.0, 1e-4, 1e-9])
    A = _with_singular_values(rng, 6, 3, s)
    S = linalg.svd(A)[1]
    via_gram = np.sqrt(np.abs(np.linalg.eigvalsh(A.T @ A)))[::-1]
    assert np.allclose(S, s, rtol=1e-6)  # relative accuracy on 1e-9 too
    assert abs(via_gram[2] - s[2]) / s[2] > 1e-3  # the A^T A route loses it


def test_svd_of_a_matrix_with_repeated_singular_values():
    Q, _ = np.linalg.qr(np.random.default_rng(2).normal(size=(5, 5)))
    U, S, Vt = linalg.svd(Q)  # every singular value is 1
    assert np.allclose(S, 1.0) and np.allclose((U * S) @ Vt, Q)


@pytest.mark.parametrize("name", NAMES)
def test_rank_pinv_and_null_space_match_numpy_and_scipy(name):
    A = MATRICES[name]
    assert linalg.rank(A) == np.linalg.matrix_rank(A)
    S = np.linalg.svd(A, compute_uv=False)
    S = S[S > max(A.shape) * EPS * S[0]]
    if S.size:  # pinv is accurate to about eps * cond * |pinv|
        tol = 1e-13 * (S[0] / S[-1]) / S[-1]
        assert np.allclose(linalg.pinv(A), np.linalg.pinv(A), atol=tol, rtol=0)
    else:
        assert np.array_equal(linalg.pinv(A), np.zeros(A.T.shape))
    N, N_ref = linalg.null_space(A), sla.null_space(A)
    assert N.shape == N_ref.shape
    assert np.allclose(N @ N.T, N_ref @ N_ref.T, atol=1e-10)  # same subspace


def test_rank_tolerance_is_applied():
    A = np.diag([1.0, 1e-3, 1e-8])
    assert linalg.rank(A) == 3
    assert linalg.rank(A, tol=1e-5) == 2


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_low_rank_approx_attains_the_eckart_young_error(k):
    A = np.random.default_rng(3).normal(size=(8, 5))
    S = np.linalg.svd(A, compute_uv=False)
    Ak = linalg.low_rank_approx(A, k)
    assert np.linalg.matrix_rank(Ak) == k
    assert np.isclose(np.linalg.norm(A - Ak, 2), S[k])
    assert np.isclose(np.linalg.norm(A - Ak, "fro"), np.sqrt(np.sum(S[k:] ** 2)))


def test_low_rank_approx_of_full_rank_is_the_matrix():
    A = np.random.default_rng(4).normal(size=(3, 6))
    assert np.allclose(linalg.low_rank_approx(A, 3), A)


# ------------------------------------------------------------------ QR, Gram-Schmidt


@pytest.mark.parametrize("name", NAMES)
def test_qr_factors_with_orthonormal_q_and_nonnegative_triangular_r(name):
    A = MATRICES[name]
    Q, R = linalg.qr(A)
    k = min(A.shape)
    assert Q.shape == (A.shape[0], k) and R.shape == (k, A.shape[1])
    scale = max(np.abs(A).max(), np.finfo(float).tiny)
    assert np.max(np.abs(Q @ R - A)) <= 100 * EPS * scale
    assert _orthonormal_columns(Q)
    assert np.array_equal(R, np.triu(R)) and np.all(np.diag(R) >= 0)


@pytest.mark.parametrize("name", ["random 6x6", "tall 12x4", "column 5x1", "ill-conditioned 8x8"])
def test_qr_matches_numpy_up_to_signs(name):
    A = MATRICES[name]
    Q0, R0 = np.linalg.qr(A)
    signs = np.sign(np.diag(R0))
    Q, R = linalg.qr(A)
    assert np.allclose(Q, Q0 * signs, atol=1e-10)
    assert np.allclose(R, R0 * signs[:, None], atol=1e-10 * np.abs(A).max())


@pytest.mark.parametrize("name", ["random 6x6", "tall 12x4", "column 5x1", "1x1"])
def test_gram_schmidt_gives_the_q_of_qr(name):
    A = MATRICES[name]
    Q = linalg.gram_schmidt(A)
    assert np.allclose(Q, linalg.qr(A)[0], atol=1e-10)
    assert _orthonormal_columns(Q, atol=1e-12)


def test_modified_gram_schmidt_stays_nearly_orthogonal_on_ill_conditioned_input():
    A = MATRICES["ill-conditioned 8x8"]
    Q = linalg.gram_schmidt(A)
    # MGS loses orthogonality like eps * cond(A) = 1e-4 here; classical GS loses all.
    assert np.linalg.norm(Q.T @ Q - np.eye(8)) < 1e-2


@pytest.mark.parametrize(
    "A",
    [
        np.array([[1.0, 2.0], [2.0, 4.0]]),
        np.zeros((3, 2)),
        np.ones((2, 3)),
        np.eye(3)[:, [0, 1, 0]],
    ],
)
def test_gram_schmidt_rejects_dependent_columns(A):
    with pytest.raises(ValueError, match="linearly dependent"):
        linalg.gram_schmidt(A)


# ------------------------------------------------------------------ LU, solve, det, inv


@pytest.mark.parametrize("name", NAMES)
def test_lu_matches_scipy(name):
    A = MATRICES[name]
    P, L, U = linalg.lu(A)
    P0, L0, U0 = sla.lu(A)
    scale = max(np.abs(A).max(), np.finfo(float).tiny)
    assert np.max(np.abs(P @ L @ U - A)) <= 100 * EPS * scale
    assert np.allclose(np.diag(L), 1.0) and np.array_equal(L, np.tril(L))
    assert np.all(np.abs(L) <= 1.0) and np.array_equal(U, np.triu(U))
    if name not in {"rank 3 of 7x7", "tall rank-deficient 10x5", "wide rank-deficient 4x8"}:
        # Pivots tie-break the same way as LAPACK when no pivot vanishes.
        assert np.array_equal(P, P0)
        assert np.allclose(L, L0) and np.allclose(U, U0, atol=1e-12 * scale)


@pytest.mark.parametrize("name", SQUARE_INVERTIBLE)
def test_solve_inv_det_match_numpy(name):
    A = MATRICES[name]
    n = A.shape[0]
    rng = np.random.default_rng(5)
    b, B = rng.normal(size=n), rng.normal(size=(n, 3))
    x = linalg.solve(A, b)
    # Backward stable: a small residual relative to the sizes involved.
    assert np.linalg.norm(A @ x - b) <= 100 * n * EPS * np.linalg.norm(A) * np.linalg.norm(x)
    cond = np.linalg.cond(A)
    assert np.allclose(x, np.linalg.solve(A, b), rtol=1e-13 * cond, atol=0)
    assert np.allclose(linalg.solve(A, B), np.linalg.solve(A, B), rtol=1e-13 * cond, atol=0)
    with np.errstate(over="ignore"):  # 1e150 to the 4th overflows, in NumPy too
        assert np.isclose(linalg.det(A), np.linalg.det(A), rtol=1e-12)
    assert np.allclose(linalg.inv(A) @ A, np.eye(n), atol=1e-13 * cond)


def test_solve_pivots_where_naive_elimination_fails():
    A = np.array([[1e-20, 1.0], [1.0, 1.0]])
    assert np.allclose(linalg.solve(A, [1.0, 2.0]), [1.0, 1.0])
    assert np.allclose(linalg.solve([[0.0, 1.0], [1.0, 0.0]], [2.0, 3.0]), [3.0, 2.0])


def test_det_sign_follows_the_permutation_and_singular_is_zero():
    P = np.eye(4)[[1, 2, 3, 0]]  # a 4-cycle: odd
    assert linalg.det(P) == np.linalg.det(P) == pytest.approx(-1.0)
    assert linalg.det(np.eye(3)[[1, 0, 2]]) == -1.0
    assert linalg.det(np.arange(1.0, 10.0).reshape(3, 3)) == 0.0
    assert linalg.det(MATRICES["rank 3 of 7x7"]) == 0.0
    assert linalg.det([[2.0, 0.0], [0.0, 3.0]]) == 6.0


@pytest.mark.parametrize(
    "A", [np.array([[1.0, 2.0], [2.0, 4.0]]), np.zeros((2, 2)), np.arange(1.0, 10.0).reshape(3, 3)]
)
def test_singular_systems_raise(A):
    with pytest.raises(ValueError, match="singular"):
        linalg.solve(A, np.ones(A.shape[0]))
    with pytest.raises(ValueError, match="singular"):
        linalg.inv(A)


def test_triangular_solvers():
    rng = np.random.default_rng(6)
    T = np.triu(rng.normal(size=(5, 5))) + 5 * np.eye(5)
    b = rng.normal(size=5)
    assert np.allclose(linalg.back_substitution(T, b), sla.solve_triangular(T, b))
    assert np.allclose(
        linalg.forward_substitution(T.T, b), sla.solve_triangular(T.T, b, lower=True)
    )
    with pytest.raises(ValueError, match="upper triangular"):
        linalg.back_substitution(T.T, b)
    with pytest.raises(ValueError, match="diagonal entry 1 is zero"):
        linalg.back_substitution(np.diag([1.0, 0.0]), [1.0, 1.0])


# ------------------------------------------------------------------ eigenvalues


def _symmetric(rng, n):
    M = rng.normal(size=(n, n))
    return (M + M.T) / 2


@pytest.mark.parametrize("n", [1, 2, 3, 10, 33])
def test_eig_sym_matches_eigh(n):
    A = _symmetric(np.random.default_rng(n), n)
    w, V = linalg.eig_sym(A)
    w0, V0 = np.linalg.eigh(A)
    assert np.max(np.abs(w - w0)) <= 50 * n * EPS * np.abs(w0).max()
    assert np.allclose(np.abs(V.T @ V0), np.eye(n), atol=1e-8)  # same vectors up to sign
    assert np.allclose(A @ V, V * w, atol=1e-12 * np.abs(w0).max())
    assert _orthonormal_columns(V)


def test_eig_sym_repeated_and_ill_conditioned_spectra():
    rng = np.random.default_rng(7)
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    for spectrum in ([2.0, 2.0, 2.0, -1.0, -1.0, 5.0], np.logspace(0, -14, 6), [0.0] * 6):
        A = (Q * spectrum) @ Q.T
        w, V = linalg.eig_sym(A)
        assert np.allclose(w, np.sort(spectrum), atol=1e-14)
        assert _orthonormal_columns(V)


def test_eig_sym_rejects_a_non_symmetric_matrix():
    with pytest.raises(ValueError, match="symmetric"):
        linalg.eig_sym([[1.0, 2.0], [0.0, 1.0]])


@pytest.mark.parametrize(
    ("A", "lam"),
    [
        (np.array([[2.0, 1.0], [1.0, 2.0]]), 3.0),
        (np.diag([1.0, -5.0, 2.0]), -5.0),
        (np.array([[4.0, 1.0], [0.0, 1.0]]), 4.0),
        (np.zeros((3, 3)), 0.0),
    ],
)
def test_power_iteration_finds_the_dominant_eigenpair(A, lam):
    value, v = linalg.power_iteration(A, rng=np.random.default_rng(8))
    assert value == pytest.approx(lam, abs=1e-9)
    assert np.isclose(np.linalg.norm(v), 1.0)
    assert np.allclose(A @ v, value * v, atol=1e-8)


def test_power_iteration_agrees_with_eigh_on_a_random_psd_matrix():
    M = np.random.default_rng(9).normal(size=(20, 8))
    A = M.T @ M
    value, v = linalg.power_iteration(A, rng=np.random.default_rng(0))
    w, V = np.linalg.eigh(A)
    assert value == pytest.approx(w[-1], rel=1e-10)
    assert abs(v @ V[:, -1]) == pytest.approx(1.0, abs=1e-8)


# ------------------------------------------------------------------ least squares


@pytest.mark.parametrize("name", NAMES)
def test_lstsq_gives_numpy_minimum_norm_solution(name):
    A = MATRICES[name]
    b = np.random.default_rng(10).normal(size=A.shape[0])
    x0 = np.linalg.lstsq(A, b)[0]
    S = np.linalg.svd(A, compute_uv=False)
    S = S[S > max(A.shape) * EPS * S[0]]
    cond = S[0] / S[-1] if S.size else 1.0
    tol = 1e-13 * cond * max(np.linalg.norm(x0), np.linalg.norm(b) / S[-1] if S.size else 0)
    assert np.allclose(linalg.lstsq(A, b), x0, atol=tol, rtol=0)


@pytest.mark.parametrize("name", ["random 6x6", "tall 12x4", "column 5x1"])
def test_lstsq_by_qr_equals_by_svd_for_full_column_rank(name):
    A = MATRICES[name]
    B = np.random.default_rng(11).normal(size=(A.shape[0], 2))
    assert np.allclose(linalg.lstsq(A, B, method="qr"), linalg.lstsq(A, B))
    residual = B - A @ linalg.lstsq(A, B, method="qr")
    assert np.allclose(A.T @ residual, 0.0, atol=1e-12)  # normal equations hold


@pytest.mark.parametrize("name", ["tall rank-deficient 10x5", "wide 3x9"])
def test_lstsq_by_qr_refuses_rank_deficient_or_wide_matrices(name):
    with pytest.raises(ValueError, match="full column rank"):
        linalg.lstsq(MATRICES[name], np.ones(MATRICES[name].shape[0]), method="qr")


# ------------------------------------------------------------------ vectors, projection


def test_norms_match_numpy_and_do_not_overflow():
    x = np.array([3.0, -4.0, 12.0])
    for p in (1, 2, np.inf):
        assert linalg.norm(x, p) == pytest.approx(np.linalg.norm(x, p))
    assert linalg.norm(np.array([1e200, 1e200])) == pytest.approx(np.sqrt(2) * 1e200)
    assert linalg.norm(np.array([1e-200, 1e-200])) == pytest.approx(np.sqrt(2) * 1e-200)
    with pytest.raises(ValueError, match="p must be one of"):
        linalg.norm(x, 3)


def test_dot_and_cosine_similarity_match_numpy_and_scikit_learn():
    rng = np.random.default_rng(12)
    u, v = rng.normal(size=7), rng.normal(size=7)
    assert linalg.dot(u, v) == pytest.approx(u @ v)
    assert linalg.cosine_similarity(u, v) == pytest.approx(sk_cosine([u], [v])[0, 0])
    assert linalg.cosine_similarity(u, 3 * u) == pytest.approx(1.0)
    assert linalg.cosine_similarity(u, -u) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="zero vector"):
        linalg.cosine_similarity(u, np.zeros(7))
    with pytest.raises(ValueError, match="same length"):
        linalg.dot(u, v[:3])


@pytest.mark.parametrize("name", ["tall 12x4", "tall rank-deficient 10x5", "column 5x1"])
def test_project_is_the_orthogonal_projection(name):
    A = MATRICES[name]
    v = np.random.default_rng(13).normal(size=A.shape[0])
    p = linalg.project(v, A)
    assert np.allclose(p, A @ np.linalg.pinv(A) @ v)
    assert np.allclose(A.T @ (v - p), 0.0, atol=1e-12)  # residual orthogonal to col(A)
    assert np.allclose(linalg.project(p, A), p)  # projecting twice changes nothing


def test_project_onto_a_line_given_as_a_vector():
    assert np.allclose(linalg.project([2.0, 3.0], [1.0, 1.0]), [2.5, 2.5])
    with pytest.raises(ValueError, match="zero vector"):
        linalg.project([1.0, 2.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="must have 2 rows"):
        linalg.project([1.0, 2.0], np.ones((3, 1)))


# ------------------------------------------------------------------ PCA


@pytest.mark.parametrize("method", ["svd", "eig"])
def test_pca_matches_scikit_learn_on_the_digits(method):
    from sklearn.datasets import load_digits

    X = load_digits().data
    result = linalg.pca(X, 10, method=method)
    ref = PCA(10, svd_solver="full").fit(X)
    assert np.allclose(result.components, ref.components_, atol=1e-8)
    assert np.allclose(result.explained_variance, ref.explained_variance_)
    assert np.allclose(result.explained_variance_ratio, ref.explained_variance_ratio_)
    assert np.allclose(result.mean, ref.mean_)


def test_pca_defaults_and_errors():
    X = np.random.default_rng(14).normal(size=(5, 8))
    result = linalg.pca(X)
    assert result.components.shape == (5, 8)
    assert result.explained_variance_ratio.sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="n_components must be at most"):
        linalg.pca(X, 6)
    with pytest.raises(ValueError, match="zero variance"):
        linalg.pca(np.ones((4, 2)))
    with pytest.raises(ValueError, match="method must be one of"):
        linalg.pca(X, method="power")
    with pytest.raises(ValueError, match="at least 2 rows"):
        linalg.pca(X[:1])


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("fn", [linalg.lu, linalg.qr, linalg.svd, linalg.rank, linalg.pinv])
def test_nan_and_wrong_dimension_are_rejected(fn):
    with pytest.raises(ValueError, match="must be finite, but it contains NaN"):
        fn(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="must be 2-D"):
        fn(np.ones(3))
    with pytest.raises(TypeError, match="array of numbers"):
        fn([["a", "b"]])


@pytest.mark.parametrize(
    "fn", [linalg.det, linalg.inv, linalg.eig_sym, linalg.power_iteration, linalg.solve]
)
def test_square_is_required(fn):
    args = (np.ones((2, 3)),) + ((np.ones(2),) if fn is linalg.solve else ())
    with pytest.raises(ValueError, match=r"A must be square, got shape \(2, 3\)"):
        fn(*args)


def test_mismatched_right_hand_side_and_bad_k():
    with pytest.raises(ValueError, match="b must have 3 rows"):
        linalg.solve(np.eye(3), np.ones(4))
    with pytest.raises(ValueError, match="k must be at most min"):
        linalg.low_rank_approx(np.ones((3, 2)), 3)
    with pytest.raises(ValueError, match="k must be at least 1"):
        linalg.low_rank_approx(np.ones((3, 2)), 0)
    with pytest.raises(ValueError, match="num_iters must be at least 1"):
        linalg.power_iteration(np.eye(2), num_iters=0)


# ------------------------------------------------------------------ properties

# Subnormal entries are left out: their inverses overflow (in NumPy too).
_entries = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, allow_subnormal=False)
_shapes = st.tuples(st.integers(1, 7), st.integers(1, 7))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, _shapes, elements=_entries))
def test_property_qr_lu_svd_reconstruct(A):
    scale = max(np.abs(A).max(), 1.0)
    Q, R = linalg.qr(A)
    assert np.allclose(Q @ R, A, atol=1e-12 * scale) and np.allclose(R, np.triu(R))
    assert _orthonormal_columns(Q, atol=1e-12)
    P, L, U = linalg.lu(A)
    assert np.allclose(P @ L @ U, A, atol=1e-12 * scale)
    U_, S, Vt = linalg.svd(A)
    assert np.allclose((U_ * S) @ Vt, A, atol=1e-12 * scale)
    assert _orthonormal_columns(U_, atol=1e-12) and _orthonormal_columns(Vt.T, atol=1e-12)
    assert np.allclose(S, np.linalg.svd(A, compute_uv=False), atol=1e-12 * scale)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, _shapes, elements=_entries))
def test_property_pinv_satisfies_the_four_moore_penrose_conditions(A):
    X = linalg.pinv(A)
    S = np.linalg.svd(A, compute_uv=False)
    kept = S[S > max(A.shape) * EPS * S[0]]
    cond = kept[0] / kept[-1] if kept.size else 1.0
    tol = 1e-12 * cond  # the conditions hold to about eps * cond, relatively
    a, x = max(np.abs(A).max(), np.finfo(float).tiny), max(np.abs(X).max(), 1e-300)
    assert np.allclose(A @ X @ A / a, A / a, atol=tol)
    assert np.allclose(X @ A @ X / x, X / x, atol=tol)
    assert np.allclose((A @ X).T, A @ X, atol=tol)
    assert np.allclose((X @ A).T, X @ A, atol=tol)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 8).map(lambda n: (n, n)), elements=_entries))
def test_property_eig_sym_orthonormal_eigenvectors(M):
    A = (M + M.T) / 2
    w, V = linalg.eig_sym(A)
    scale = max(np.abs(A).max(), 1.0)
    assert _orthonormal_columns(V, atol=1e-12)
    assert np.allclose(A @ V, V * w, atol=1e-11 * scale)
    assert np.all(np.diff(w) >= 0)


def test_power_iteration_from_a_given_start_runs_exactly_num_iters_with_tol_zero():
    A = np.diag([2.0, 1.0])
    x0 = np.array([1.0, 1.0])
    value, v = linalg.power_iteration(A, num_iters=3, tol=0.0, x0=x0)
    expected = np.array([8.0, 1.0]) / np.hypot(8.0, 1.0)  # A^3 x0, normalised
    assert np.allclose(v, expected)
    assert value == pytest.approx(expected @ A @ expected)  # its own Rayleigh quotient
    with pytest.raises(ValueError, match="x0 must not be the zero vector"):
        linalg.power_iteration(A, x0=[0.0, 0.0])
    with pytest.raises(ValueError, match="x0 must have length 2"):
        linalg.power_iteration(A, x0=[1.0])


# ---------------------------------------------------------------- Cholesky


@pytest.mark.parametrize("n", [1, 2, 5, 30])
def test_cholesky_matches_numpy(n):
    M = np.random.default_rng(n).normal(size=(n, n))
    A = M @ M.T + n * np.eye(n)
    L = linalg.cholesky(A)
    np.testing.assert_allclose(L, np.linalg.cholesky(A), rtol=1e-12, atol=1e-12)
    assert np.all(np.triu(L, 1) == 0) and np.all(np.diag(L) > 0)
    np.testing.assert_allclose(L @ L.T, A, rtol=1e-13, atol=1e-12 * n)


@pytest.mark.parametrize(
    ("A", "message"),
    [
        (np.array([[1.0, 2.0], [2.0, 1.0]]), "positive definite: Cholesky pivot 1"),
        (np.array([[1.0, 1.0], [1.0, 1.0]]), "positive definite"),
        (np.array([[2.0, 1.0], [0.0, 2.0]]), "symmetric"),
        (np.ones((2, 3)), "square"),
    ],
)
def test_cholesky_refuses_matrices_that_have_none(A, message):
    with pytest.raises(ValueError, match=message):
        linalg.cholesky(A)
