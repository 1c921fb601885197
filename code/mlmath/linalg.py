"""Linear algebra from scratch: the algorithms of Part 01, with NumPy arrays.

Every routine here is written out with array operations; ``numpy.linalg`` and
``scipy.linalg`` appear only in the tests and in the pages, as the reference
these functions agree with.

Pages: ``book/01-linear-algebra/`` — ``vectors`` (:func:`dot`, :func:`norm`,
:func:`cosine_similarity`), ``span-basis`` (:func:`rank`,
:func:`null_space`), ``linear-systems`` (:func:`lu`, :func:`solve`,
:func:`det`, :func:`inv`), ``orthogonality`` (:func:`project`,
:func:`gram_schmidt`, :func:`qr`, :func:`lstsq`), ``eigen``
(:func:`eig_sym`, :func:`power_iteration`), ``svd`` (:func:`svd`,
:func:`pinv`, :func:`low_rank_approx`) and ``pca`` (:func:`pca`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from mlmath._validation import as_array, check_in, check_int, check_positive, check_square

__all__ = [
    "PCAResult",
    "back_substitution",
    "cholesky",
    "cosine_similarity",
    "det",
    "dot",
    "eig_sym",
    "forward_substitution",
    "gram_schmidt",
    "inv",
    "low_rank_approx",
    "lstsq",
    "lu",
    "norm",
    "null_space",
    "pca",
    "pinv",
    "power_iteration",
    "project",
    "qr",
    "rank",
    "solve",
    "svd",
]

EPS = np.finfo(np.float64).eps
#: Off-diagonal entries (or column inner products) below this, in a matrix
#: scaled to max|entry| ~ 1, are left alone: they are far below rounding
#: error, and rotating them would divide by a subnormal number.
_NEGLIGIBLE = np.finfo(np.float64).tiny / EPS
_MAX_SWEEPS = 60


# ---------------------------------------------------------------- helpers


def _matrix(A: Any, name: str = "A", *, square: bool = False) -> np.ndarray:
    arr = as_array(A, name, ndim=2)
    if square:
        check_square(arr, name)
    return arr


def _rhs(b: Any, n: int, name: str = "b") -> np.ndarray:
    """A right-hand side: a vector of length n or an n-row matrix."""
    arr = as_array(b, name, ndim=(1, 2))
    if arr.shape[0] != n:
        raise ValueError(f"{name} must have {n} rows to match A, got shape {arr.shape}")
    return arr


def _scaled_norms(G: np.ndarray) -> np.ndarray:
    """Euclidean norms of the columns of ``G`` without overflow or underflow."""
    scale = np.max(np.abs(G), axis=0)
    safe = np.where(scale > 0, scale, 1.0)
    return scale * np.sqrt(np.sum((G / safe) ** 2, axis=0))


def _fast_norms(G: np.ndarray) -> np.ndarray:
    """Column norms: a plain sum of squares unless a column is tiny enough
    to underflow (in a matrix scaled to max|entry| ~ 1, nothing overflows)."""
    squares = np.einsum("ij,ij->j", G, G)
    if np.all(squares > 1e-250):
        return np.sqrt(squares)
    return _scaled_norms(G)


def _round_robin(n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Rounds of disjoint index pairs that together cover every pair once.

    The "chess tournament" schedule: with ``n`` (padded to even) players, each
    of the ``n - 1`` rounds pairs everyone with a new opponent. Rotations on
    disjoint pairs commute, so a whole round is applied as one array update.
    """
    players = list(range(n)) + ([-1] if n % 2 else [])
    m = len(players)
    rounds = []
    for _ in range(m - 1):
        pairs = [(players[i], players[m - 1 - i]) for i in range(m // 2)]
        pairs = [(min(a, b), max(a, b)) for a, b in pairs if a >= 0 and b >= 0]
        if pairs:
            p, q = (np.array(ix) for ix in zip(*pairs, strict=True))
            rounds.append((p, q))
        players = [players[0], players[-1], *players[1:-1]]
    return rounds


def _power_of_two_scale(A: np.ndarray) -> float:
    """A power of two near max|A|: dividing by it is exact and keeps the
    squares and products of entries far from overflow and underflow."""
    biggest = np.max(np.abs(A))
    return 1.0 if biggest == 0 else float(2.0 ** np.round(np.log2(biggest)))


def _rotation(zeta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosine and sine of the Jacobi rotation for ``zeta = (b - a) / (2 g)``.

    ``t = tan(theta)`` is the smaller root of ``t**2 + 2 zeta t - 1 = 0``.
    """
    sign = np.where(zeta >= 0, 1.0, -1.0)
    t = sign / (np.abs(zeta) + np.hypot(1.0, zeta))
    c = 1.0 / np.hypot(1.0, t)
    return c, c * t


# ---------------------------------------------------------------- vectors


def dot(u: Any, v: Any) -> float:
    r"""The dot product :math:`\vu^\T \vv = \sum_i u_i v_i` of two vectors."""
    u = as_array(u, "u", ndim=1)
    v = as_array(v, "v", ndim=1)
    if u.shape != v.shape:
        raise ValueError(f"u and v must have the same length, got {u.size} and {v.size}")
    return float(np.sum(u * v))


def norm(x: Any, p: float = 2) -> float:
    r"""The :math:`L^p` norm of a vector for ``p`` in {1, 2, ``np.inf``}.

    .. math:: \norm{\vx}_1 = \sum_i |x_i|, \quad
              \norm{\vx}_2 = \sqrt{\textstyle\sum_i x_i^2}, \quad
              \norm{\vx}_\infty = \max_i |x_i|

    The 2-norm is computed as ``s * sqrt(sum((x / s)**2))`` with
    ``s = max|x_i|``, so it neither overflows nor underflows.
    """
    x = as_array(x, "x", ndim=1)
    check_in(p, "p", (1, 2, np.inf))
    a = np.abs(x)
    if p == 1:
        return float(np.sum(a))
    if p == np.inf:
        return float(np.max(a))
    return float(_scaled_norms(x[:, None])[0])


def cosine_similarity(u: Any, v: Any) -> float:
    r"""The cosine of the angle between ``u`` and ``v``, in [-1, 1].

    .. math:: \cos\theta = \frac{\vu^\T\vv}{\norm{\vu}\,\norm{\vv}}

    Raises ``ValueError`` for a zero vector, whose angle is undefined.
    """
    u = as_array(u, "u", ndim=1)
    v = as_array(v, "v", ndim=1)
    nu, nv = norm(u), norm(v)
    for name, n in (("u", nu), ("v", nv)):
        if n == 0:
            raise ValueError(f"{name} is the zero vector; its angle is undefined")
    return float(np.clip(dot(u / nu, v / nv), -1.0, 1.0))


def project(v: Any, A: Any) -> np.ndarray:
    r"""Orthogonal projection of ``v`` onto the span of ``A``'s columns.

    A 1-D ``A`` is the direction of a line:
    :math:`\frac{\va^\T\vv}{\va^\T\va}\,\va`. For a matrix the projection is
    :math:`\mU_r \mU_r^\T \vv` with :math:`\mU_r` an orthonormal basis of the
    column space (the left singular vectors of the nonzero singular values),
    so dependent columns are fine.
    """
    v = as_array(v, "v", ndim=1)
    A = as_array(A, "A", ndim=(1, 2))
    if A.shape[0] != v.size:
        raise ValueError(f"A must have {v.size} rows to match v, got shape {A.shape}")
    if A.ndim == 1:
        aa = dot(A, A)
        if aa == 0:
            raise ValueError("A is the zero vector; it spans no line")
        return dot(A, v) / aa * A
    U, S, _ = svd(A)
    r = int(np.sum(S > _default_tol(A.shape, S)))
    Ur = U[:, :r]
    return Ur @ (Ur.T @ v)


# ---------------------------------------------------------------- orthogonality


def gram_schmidt(A: Any) -> np.ndarray:
    r"""Orthonormal columns spanning col(A), by modified Gram–Schmidt.

    Column :math:`j` is normalised, then its component is removed from every
    later column at once (the *modified* order, which loses far less
    orthogonality in floating point than the classical one).

    Raises ``ValueError`` if the columns are linearly dependent (to working
    precision), since they then span fewer than ``n`` dimensions.
    """
    Q = _matrix(A).copy()
    m, n = Q.shape
    if n > m:
        raise ValueError(f"A has {n} columns in R^{m}; they must be linearly dependent")
    scale = max(m, n) * EPS * np.max(_scaled_norms(Q))
    for j in range(n):
        r = _scaled_norms(Q[:, j : j + 1])[0]
        if r <= scale:
            raise ValueError(
                f"the columns of A are linearly dependent: column {j} lies in the "
                "span of the columns before it"
            )
        Q[:, j] /= r
        Q[:, j + 1 :] -= np.outer(Q[:, j], Q[:, j] @ Q[:, j + 1 :])
    return Q


def _householder(A: np.ndarray, *, complete: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Householder QR; ``complete=True`` returns the full m-by-m Q."""
    m, n = A.shape
    scale = _power_of_two_scale(A)
    R = A / scale
    k = min(m, n)
    vs = []
    for j in range(k):
        x = R[j:, j]
        biggest = np.max(np.abs(x))
        if biggest <= _NEGLIGIBLE:  # nothing left to reflect
            R[j + 1 :, j] = 0.0
            vs.append(None)
            continue
        v = x / biggest  # entries of order 1, so v is normalised accurately
        v[0] += (1.0 if x[0] >= 0 else -1.0) * _scaled_norms(v[:, None])[0]
        v /= _scaled_norms(v[:, None])[0]
        R[j:, j:] -= 2.0 * np.outer(v, v @ R[j:, j:])
        R[j + 1 :, j] = 0.0
        vs.append(v)
    cols = m if complete else k
    Q = np.eye(m, cols)
    for j in reversed(range(k)):
        if vs[j] is not None:
            Q[j:, :] -= 2.0 * np.outer(vs[j], vs[j] @ Q[j:, :])
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    R = scale * (R[:cols] if complete else R[:k])
    R[:k] *= signs[:, None]
    Q[:, :k] *= signs
    return Q, R


def qr(A: Any) -> tuple[np.ndarray, np.ndarray]:
    r"""Reduced QR factorisation :math:`\mA = \mQ\mR` by Householder reflections.

    For an m-by-n ``A`` with k = min(m, n): ``Q`` is m-by-k with orthonormal
    columns and ``R`` is k-by-n upper triangular with a non-negative
    diagonal. Each step reflects the rest of column j onto a multiple of
    :math:`\ve_1` with :math:`\mH = \mI - 2\vv\vv^\T`.
    """
    return _householder(_matrix(A))


# ---------------------------------------------------------------- systems


def _lu_perm(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LU with partial pivoting: ``A[perm] = L @ U``."""
    m, n = A.shape
    k = min(m, n)
    U = A.copy()
    L = np.zeros((m, k))
    perm = np.arange(m)
    for j in range(k):
        p = j + int(np.argmax(np.abs(U[j:, j])))
        if p != j:
            U[[j, p]] = U[[p, j]]
            L[[j, p], :j] = L[[p, j], :j]
            perm[[j, p]] = perm[[p, j]]
        L[j, j] = 1.0
        if U[j, j] != 0:
            L[j + 1 :, j] = U[j + 1 :, j] / U[j, j]
            U[j + 1 :, j:] -= np.outer(L[j + 1 :, j], U[j, j:])
        U[j + 1 :, j] = 0.0
    return perm, L, U[:k]


def lu(A: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""LU factorisation with partial pivoting, :math:`\mA = \mP\mL\mU`.

    The ``scipy.linalg.lu`` convention: for an m-by-n ``A`` and
    k = min(m, n), ``P`` is an m-by-m permutation matrix, ``L`` is m-by-k unit
    lower triangular with entries of magnitude at most 1, and ``U`` is k-by-n
    upper triangular. At step j the row with the largest entry in column j
    (on or below the diagonal) becomes the pivot row. Singular matrices are
    factorised too (a zero column is skipped).
    """
    A = _matrix(A)
    perm, L, U = _lu_perm(A)
    P = np.zeros((A.shape[0], A.shape[0]))
    P[perm, np.arange(A.shape[0])] = 1.0
    return P, L, U


def _triangular(T: Any, b: Any, lower: bool, name: str) -> np.ndarray:
    T = _matrix(T, name, square=True)
    rhs = _rhs(b, T.shape[0])
    part = np.tril(T, -1) if not lower else np.triu(T, 1)
    if np.any(part != 0):
        which = "lower" if lower else "upper"
        raise ValueError(f"{name} must be {which} triangular")
    n = T.shape[0]
    x = np.zeros_like(rhs)
    order = range(n) if lower else reversed(range(n))
    for i in order:
        if T[i, i] == 0:
            raise ValueError(f"{name} is singular: its diagonal entry {i} is zero")
        known = T[i, :i] @ x[:i] if lower else T[i, i + 1 :] @ x[i + 1 :]
        x[i] = (rhs[i] - known) / T[i, i]
    return x


def forward_substitution(L: Any, b: Any) -> np.ndarray:
    r"""Solve :math:`\mL\vx = \vb` for lower triangular ``L``, top row first.

    .. math:: x_i = \Big(b_i - \sum_{j<i} L_{ij} x_j\Big) / L_{ii}
    """
    return _triangular(L, b, True, "L")


def back_substitution(U: Any, b: Any) -> np.ndarray:
    r"""Solve :math:`\mU\vx = \vb` for upper triangular ``U``, bottom row first.

    .. math:: x_i = \Big(b_i - \sum_{j>i} U_{ij} x_j\Big) / U_{ii}
    """
    return _triangular(U, b, False, "U")


def _checked_lu(A: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    A = _matrix(A, square=True)
    perm, L, U = _lu_perm(A)
    pivots = np.abs(np.diag(U))
    if np.min(pivots) <= A.shape[0] * EPS * np.max(np.abs(A)):
        j = int(np.argmin(pivots))
        raise ValueError(
            f"A is singular (to working precision): pivot {j} is {pivots[j]:.3g} "
            f"against entries as large as {np.max(np.abs(A)):.3g}"
        )
    return perm, L, U


def solve(A: Any, b: Any) -> np.ndarray:
    r"""Solve :math:`\mA\vx = \vb` by Gaussian elimination with partial pivoting.

    Factor :math:`\mA = \mP\mL\mU`, then solve :math:`\mL\vy = \mP^\T\vb`
    forwards and :math:`\mU\vx = \vy` backwards. ``b`` is a vector or a
    matrix whose columns are right-hand sides.

    Raises ``ValueError`` if ``A`` is singular to working precision: a pivot
    at most n·ε times the largest entry of ``A``.
    """
    perm, L, U = _checked_lu(A)
    rhs = _rhs(b, L.shape[0])
    return back_substitution(U, forward_substitution(L, rhs[perm]))


def det(A: Any) -> float:
    r"""The determinant: the product of the pivots, times the sign of P.

    Returns 0.0 for a matrix that is singular to working precision (the test
    of :func:`solve`), rather than a rounding-error residue like 6.7e-16.
    """
    A = _matrix(A, square=True)
    try:
        perm, _, U = _checked_lu(A)
    except ValueError:
        return 0.0
    # The sign of a permutation: (-1) to the number of its even-length cycles.
    seen = np.zeros(perm.size, dtype=bool)
    sign = 1.0
    for start in range(perm.size):
        length = 0
        i = start
        while not seen[i]:
            seen[i] = True
            i = perm[i]
            length += 1
        if length and length % 2 == 0:
            sign = -sign
    return float(sign * np.prod(np.diag(U)))


def inv(A: Any) -> np.ndarray:
    r"""The inverse :math:`\mA^{-1}`, by solving :math:`\mA\mX = \mI`.

    Raises ``ValueError`` for a singular ``A``. To solve a system, call
    :func:`solve` instead: it is cheaper and more accurate.
    """
    A = _matrix(A, square=True)
    return solve(A, np.eye(A.shape[0]))


def cholesky(A: Any) -> np.ndarray:
    r"""The lower-triangular Cholesky factor :math:`\mL` with :math:`\mL\mL^\T = \mA`.

    Column by column (Cholesky–Banachiewicz), for a symmetric positive
    definite ``A``:

    .. math::

        L_{jj} = \sqrt{A_{jj} - \textstyle\sum_{k<j} L_{jk}^2}, \qquad
        L_{ij} = \Big(A_{ij} - \textstyle\sum_{k<j} L_{ik} L_{jk}\Big) / L_{jj}
        \quad (i > j).

    The diagonal of ``L`` is positive. The multivariate Gaussian samples as
    :math:`\vmu + \mL\vz` and evaluates its density with it (page
    *Joint Distributions and the Multivariate Gaussian*).

    Raises ``ValueError`` if ``A`` is not symmetric, or not positive definite
    (a pivot under the square root is not positive, to working precision).
    """
    return _cholesky(A, "A")


def _cholesky(A: Any, name: str) -> np.ndarray:
    """:func:`cholesky`, with errors that name the matrix as the caller knows it."""
    A = _matrix(A, name, square=True)
    scale = np.max(np.abs(A))
    if np.max(np.abs(A - A.T)) > np.sqrt(EPS) * scale:
        raise ValueError(f"{name} must be symmetric for a Cholesky factorization")
    n = A.shape[0]
    L = np.zeros_like(A)
    for j in range(n):
        pivot = A[j, j] - L[j, :j] @ L[j, :j]
        if not pivot > n * EPS * scale:
            raise ValueError(
                f"{name} must be positive definite: Cholesky pivot {j} is {pivot:.3g} "
                f"against entries as large as {scale:.3g}"
            )
        L[j, j] = np.sqrt(pivot)
        L[j + 1 :, j] = (A[j + 1 :, j] - L[j + 1 :, :j] @ L[j, :j]) / L[j, j]
    return L


# ---------------------------------------------------------------- eigenvalues


def eig_sym(A: Any) -> tuple[np.ndarray, np.ndarray]:
    r"""Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix.

    The ``numpy.linalg.eigh`` convention: ``A @ V == V * w``. Cyclic Jacobi:
    each rotation :math:`\mJ^\T\mA\mJ` zeroes one off-diagonal pair
    :math:`a_{pq}`; a sweep visits every pair (in rounds of disjoint pairs,
    applied together) and the off-diagonal mass shrinks quadratically.
    The product of the rotations is :math:`\mV`.

    Raises ``ValueError`` if ``A`` is not symmetric.
    """
    A = _matrix(A, square=True)
    scale = np.max(np.abs(A))
    if np.max(np.abs(A - A.T)) > np.sqrt(EPS) * scale:
        raise ValueError("A must be symmetric; use a general method for other matrices")
    scale = _power_of_two_scale(A)
    A = (A + A.T) / (2 * scale)
    n = A.shape[0]
    V = np.eye(n)
    rounds = _round_robin(n)
    for _ in range(_MAX_SWEEPS):
        rotated = False
        for p, q in rounds:
            apq = A[p, q]
            big = np.abs(apq) > np.maximum(EPS * np.sqrt(np.abs(A[p, p] * A[q, q])), _NEGLIGIBLE)
            if not np.any(big):
                continue
            rotated = True
            p, q, apq = p[big], q[big], apq[big]
            c, s = _rotation((A[q, q] - A[p, p]) / (2.0 * apq))
            Ap, Aq = A[:, p], A[:, q]
            A[:, p], A[:, q] = c * Ap - s * Aq, s * Ap + c * Aq
            Ap, Aq = A[p, :], A[q, :]
            A[p, :], A[q, :] = c[:, None] * Ap - s[:, None] * Aq, s[:, None] * Ap + c[:, None] * Aq
            A[p, q] = A[q, p] = 0.0
            Vp, Vq = V[:, p], V[:, q]
            V[:, p], V[:, q] = c * Vp - s * Vq, s * Vp + c * Vq
        if not rotated:
            break
    else:  # pragma: no cover - Jacobi converges quadratically
        raise RuntimeError("eig_sym did not converge")
    w = scale * np.diag(A)
    order = np.argsort(w, kind="stable")
    return w[order], V[:, order]


def power_iteration(
    A: Any,
    num_iters: int = 1000,
    tol: float = 1e-10,
    rng: np.random.Generator | None = None,
    x0: Any = None,
) -> tuple[float, np.ndarray]:
    r"""The eigenvalue of largest magnitude and a unit eigenvector, by power iteration.

    Repeat :math:`\vx \leftarrow \mA\vx / \norm{\mA\vx}` from a random start
    and estimate :math:`\lambda = \vx^\T\mA\vx` (the Rayleigh quotient). The
    error shrinks like :math:`|\lambda_2/\lambda_1|^k`. Stops when
    :math:`\norm{\mA\vx - \lambda\vx} \le \text{tol}\cdot\max(1, |\lambda|)`
    or after ``num_iters`` steps (then the last iterate and its Rayleigh
    quotient are returned; ``tol=0`` always runs all ``num_iters`` steps).
    The start is ``x0`` if given, else a random vector drawn from ``rng``.
    """
    A = _matrix(A, square=True)
    num_iters = check_int(num_iters, "num_iters", minimum=1)
    tol = check_positive(tol, "tol", strict=False)
    if x0 is None:
        rng = np.random.default_rng() if rng is None else rng
        x = rng.normal(size=A.shape[0])
    else:
        x = as_array(x0, "x0", ndim=1)
        if x.size != A.shape[0]:
            raise ValueError(f"x0 must have length {A.shape[0]} to match A, got {x.size}")
    if norm(x) == 0:
        raise ValueError("x0 must not be the zero vector")
    x = x / norm(x)
    for _ in range(num_iters):
        y = A @ x
        lam = dot(x, y)
        if norm(y - lam * x) <= tol * max(1.0, abs(lam)):
            return float(lam), x
        ny = norm(y)
        if ny == 0:  # x is in the null space: an eigenvector for 0
            return 0.0, x
        x = y / ny
    return dot(x, A @ x), x


# ---------------------------------------------------------------- SVD


def _jacobi_svd(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One-sided Jacobi SVD of an m-by-n matrix with m >= n."""
    m, n = A.shape
    if m > n:  # QR first: Jacobi then works on the small square R
        Q, R = _householder(A)
        Ur, S, Vt = _jacobi_svd(R)
        return Q @ Ur, S, Vt
    G = A.copy()
    V = np.eye(n)
    rounds = _round_robin(n)
    for _ in range(_MAX_SWEEPS):
        rotated = False
        for p, q in rounds:
            gp, gq = G[:, p], G[:, q]
            # Work with the cosine of the angle between the columns and the
            # ratio of their norms: squares of tiny columns would underflow.
            norm_p, norm_q = _fast_norms(gp), _fast_norms(gq)
            live = (norm_p > _NEGLIGIBLE) & (norm_q > _NEGLIGIBLE)
            if not np.any(live):
                continue
            p, q, norm_p, norm_q = p[live], q[live], norm_p[live], norm_q[live]
            gp, gq = G[:, p] / norm_p, G[:, q] / norm_q
            cos = np.einsum("ij,ij->j", gp, gq)
            big = np.abs(cos) > EPS
            if not np.any(big):
                continue
            p, q, cos = p[big], q[big], cos[big]
            ratio = norm_q[big] / norm_p[big]
            with np.errstate(over="ignore"):  # an infinite zeta means no rotation
                c, s = _rotation((ratio - 1.0 / ratio) / (2.0 * cos))
            if not np.any(s):
                continue
            rotated = True
            gp, gq = G[:, p], G[:, q]
            G[:, p], G[:, q] = c * gp - s * gq, s * gp + c * gq
            vp, vq = V[:, p], V[:, q]
            V[:, p], V[:, q] = c * vp - s * vq, s * vp + c * vq
        if not rotated:
            break
    else:  # pragma: no cover
        raise RuntimeError("svd did not converge")
    S = _scaled_norms(G)
    order = np.argsort(-S, kind="stable")
    S, G, V = S[order], G[:, order], V[:, order]
    good = S > (S[0] * EPS * EPS if S[0] > 0 else np.inf)
    U = np.empty_like(G)
    U[:, good] = G[:, good] / S[good]
    r = int(np.sum(good))
    if r < n:  # complete with an orthonormal basis of the rest
        full, _ = _householder(U[:, :r], complete=True) if r else (np.eye(m), None)
        U[:, r:] = full[:, r:n]
    return U, S, V.T


def svd(A: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Reduced singular value decomposition :math:`\mA = \mU\mSigma\mV^\T`.

    For an m-by-n ``A`` and k = min(m, n): ``U`` is m-by-k and ``Vt`` is
    k-by-n, both with orthonormal rows/columns, and ``S`` holds the k
    singular values in descending order (the ``full_matrices=False``
    convention of ``numpy.linalg.svd``).

    Method: Householder QR of the tall matrix, then one-sided (Hestenes)
    Jacobi on R: plane rotations of column pairs until all columns are
    orthogonal; their norms are the singular values. This works on A itself,
    never on :math:`\mA^\T\mA` (which would square the condition number and
    lose half the digits of the small singular values), and is accurate to
    a few ulps of :math:`\sigma_1` for rank-deficient input too.
    """
    A = _matrix(A)
    s = _power_of_two_scale(A)
    m, n = A.shape
    if m < n:
        U, S, Vt = _jacobi_svd(A.T / s)
        return Vt.T, s * S, U.T
    U, S, Vt = _jacobi_svd(A / s)
    return U, s * S, Vt


def _default_tol(shape: tuple[int, ...], S: np.ndarray) -> float:
    return max(shape) * EPS * (S[0] if S.size else 0.0)


def rank(A: Any, tol: float | None = None) -> int:
    r"""The numerical rank: the number of singular values above ``tol``.

    The default ``tol`` is NumPy's, :math:`\max(m, n)\,\varepsilon\,\sigma_1`.
    """
    A = _matrix(A)
    S = svd(A)[1]
    tol = _default_tol(A.shape, S) if tol is None else check_positive(tol, "tol", strict=False)
    return int(np.sum(S > tol))


def null_space(A: Any, tol: float | None = None) -> np.ndarray:
    r"""An orthonormal basis of :math:`\{\vx : \mA\vx = \vzero\}`, as columns.

    The right singular vectors of the singular values at or below ``tol``
    (default as :func:`rank`), plus, for a wide matrix, the directions the
    reduced SVD leaves out. Shape n-by-(n - rank).
    """
    A = _matrix(A)
    m, n = A.shape
    padded = np.vstack([A, np.zeros((max(n - m, 0), n))])
    _, S, Vt = svd(padded)
    tol = _default_tol(A.shape, S) if tol is None else check_positive(tol, "tol", strict=False)
    return Vt[S <= tol].T.copy()


def pinv(A: Any, rtol: float | None = None) -> np.ndarray:
    r"""The Moore–Penrose pseudo-inverse :math:`\mA^+ = \mV\mSigma^+\mU^\T`.

    :math:`\mSigma^+` inverts the singular values above
    ``rtol * sigma_1`` and zeroes the rest; the default ``rtol`` is NumPy's,
    :math:`\max(m, n)\,\varepsilon`.
    """
    A = _matrix(A)
    U, S, Vt = svd(A)
    rtol = max(A.shape) * EPS if rtol is None else check_positive(rtol, "rtol", strict=False)
    keep = S > rtol * S[0]
    S_inv = np.zeros_like(S)
    S_inv[keep] = 1.0 / S[keep]
    return (Vt.T * S_inv) @ U.T


def lstsq(A: Any, b: Any, method: str = "svd") -> np.ndarray:
    r"""The least-squares solution of :math:`\mA\vx \approx \vb`.

    ``method="svd"`` (default) returns the minimum-norm minimiser
    :math:`\mA^+\vb` for any A, as ``numpy.linalg.lstsq`` does.
    ``method="qr"`` solves :math:`\mR\vx = \mQ^\T\vb` and needs a tall A of
    full column rank. ``b`` is a vector or a matrix of right-hand sides.
    """
    A = _matrix(A)
    rhs = _rhs(b, A.shape[0])
    check_in(method, "method", ("svd", "qr"))
    if method == "svd":
        return pinv(A) @ rhs
    m, n = A.shape
    Q, R = qr(A)
    d = np.abs(np.diag(R))
    if m < n or np.min(d) <= max(m, n) * EPS * np.max(d):
        raise ValueError("A must have full column rank for method='qr'; use method='svd'")
    return back_substitution(R, Q.T @ rhs)


def low_rank_approx(A: Any, k: int) -> np.ndarray:
    r"""The best rank-k approximation :math:`\sum_{i\le k}\sigma_i\vu_i\vv_i^\T`.

    Best in the spectral and the Frobenius norm (Eckart–Young): the error is
    :math:`\sigma_{k+1}`, respectively
    :math:`\sqrt{\sigma_{k+1}^2 + \dots + \sigma_r^2}`.
    """
    A = _matrix(A)
    k = check_int(k, "k", minimum=1)
    if k > min(A.shape):
        raise ValueError(f"k must be at most min(m, n) = {min(A.shape)}, got {k}")
    U, S, Vt = svd(A)
    return (U[:, :k] * S[:k]) @ Vt[:k]


# ---------------------------------------------------------------- PCA


class PCAResult(NamedTuple):
    """The output of :func:`pca`; unpacks like a tuple."""

    components: np.ndarray
    """k-by-d, the principal directions as rows, unit length."""
    explained_variance: np.ndarray
    """The variance of the data along each component (ddof=1)."""
    explained_variance_ratio: np.ndarray
    """Each component's share of the total variance."""
    mean: np.ndarray
    """The mean that was subtracted."""


def pca(X: Any, n_components: int | None = None, method: str = "svd") -> PCAResult:
    r"""Principal component analysis of the rows of ``X`` (n observations, d features).

    Centre the data, then either take the SVD of the centred matrix
    :math:`\tilde\mX = \mU\mSigma\mV^\T` (``method="svd"``: components are
    the rows of :math:`\mV^\T`, variances :math:`\sigma_i^2/(n-1)`) or the
    eigendecomposition of the covariance :math:`\tilde\mX^\T\tilde\mX/(n-1)`
    (``method="eig"``). Both give the same answer; the SVD is more accurate.
    Signs follow scikit-learn: the largest-magnitude entry of every component
    is positive. ``n_components`` defaults to min(n, d).
    """
    X = _matrix(X, "X")
    check_in(method, "method", ("svd", "eig"))
    n, d = X.shape
    if n < 2:
        raise ValueError(f"X must have at least 2 rows (observations), got {n}")
    k = min(n, d) if n_components is None else check_int(n_components, "n_components", minimum=1)
    if k > min(n, d):
        raise ValueError(f"n_components must be at most min(n, d) = {min(n, d)}, got {k}")
    mean = X.mean(axis=0)
    Xc = X - mean
    total = float(np.sum(Xc * Xc)) / (n - 1)
    if total == 0:
        raise ValueError("X has zero variance: every row is the same")
    if method == "svd":
        _, S, Vt = svd(Xc)
        var, comps = S**2 / (n - 1), Vt
    else:
        w, V = eig_sym(Xc.T @ Xc / (n - 1))
        var, comps = np.clip(w[::-1], 0.0, None), V[:, ::-1].T
    comps = comps[:k].copy()
    biggest = np.argmax(np.abs(comps), axis=1)
    comps *= np.where(comps[np.arange(k), biggest] < 0, -1.0, 1.0)[:, None]
    return PCAResult(comps, var[:k].copy(), var[:k] / total, mean)
