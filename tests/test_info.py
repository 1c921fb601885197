"""mlmath.info against SciPy and scikit-learn, and the identities Part 06 proves."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy as scipy_entropy
from scipy.stats import norm
from sklearn.metrics import mutual_info_score

from mlmath import info


def _random_distribution(rng, k, zeros=0):
    p = rng.dirichlet(np.ones(k))
    p[rng.choice(k, size=zeros, replace=False)] = 0.0
    return p / p.sum()


@st.composite
def distributions(draw, k=None):
    k = draw(st.integers(1, 8)) if k is None else k
    w = draw(
        st.lists(st.floats(0.0, 10.0), min_size=k, max_size=k).filter(lambda v: sum(v) > 1e-3)
    )
    w = np.array(w)
    return w / w.sum()


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("k, zeros", [(1, 0), (2, 0), (5, 0), (6, 2), (40, 10)])
def test_entropy_cross_entropy_and_kl_match_scipy(seed, k, zeros):
    rng = np.random.default_rng(seed)
    p = _random_distribution(rng, k, zeros)
    q = _random_distribution(rng, k)
    for base in (None, 2, 10):
        assert info.entropy(p, base) == pytest.approx(scipy_entropy(p, base=base), abs=1e-14)
        kl = scipy_entropy(p, q, base=base)
        assert info.kl_divergence(p, q, base) == pytest.approx(kl, rel=1e-12, abs=1e-15)
        h_pq = scipy_entropy(p, base=base) + kl
        assert info.cross_entropy(p, q, base) == pytest.approx(h_pq, rel=1e-12)


def test_js_divergence_matches_scipy():
    rng = np.random.default_rng(1)
    for k in (2, 3, 10):
        p, q = _random_distribution(rng, k, 1), _random_distribution(rng, k)
        for base in (None, 2):
            ref = jensenshannon(p, q, base=base) ** 2  # scipy returns the square root
            assert info.js_divergence(p, q, base) == pytest.approx(ref, rel=1e-10)
    assert info.js_divergence([1.0, 0.0], [0.0, 1.0], base=2) == 1.0  # disjoint: 1 bit


def test_entropy_extremes_and_point_masses():
    assert info.entropy([1.0, 0.0, 0.0]) == 0.0
    assert info.entropy(np.full(8, 1 / 8), base=2) == pytest.approx(3.0, rel=1e-15)
    assert info.entropy([[0.25, 0.25], [0.25, 0.25]], base=2) == pytest.approx(2.0)
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert info.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2))
    assert info.kl_divergence([0.3, 0.7], [0.3, 0.7]) == 0.0


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_the_identities_of_part_06(data):
    k = data.draw(st.integers(1, 8))
    p, q = data.draw(distributions(k)), data.draw(distributions(k))
    h = info.entropy(p)
    assert -1e-15 <= h <= np.log(k) + 1e-12  # 0 <= H <= log K
    kl = info.kl_divergence(p, q)
    assert kl >= 0.0  # Gibbs
    if np.isfinite(kl):
        assert info.cross_entropy(p, q) == pytest.approx(h + kl, rel=1e-9, abs=1e-12)
    js = info.js_divergence(p, q)
    assert 0.0 <= js <= np.log(2) and js == pytest.approx(info.js_divergence(q, p), abs=1e-14)


def test_kl_is_not_symmetric():
    p, q = [0.9, 0.1], [0.5, 0.5]
    assert info.kl_divergence(p, q) != pytest.approx(info.kl_divergence(q, p), rel=0.01)


def test_binary_entropy():
    p = np.array([0.0, 1e-3, 0.1, 0.5, 0.9, 1.0])
    ref = [scipy_entropy([x, 1 - x]) for x in p]
    np.testing.assert_allclose(info.binary_entropy(p), ref, rtol=1e-12, atol=0)
    # for tiny p, h(p) = p(1 - log p) + O(p^2); scipy rounds 1 - p to 1 and loses the p
    tiny = np.array([1e-300, 1e-10])
    np.testing.assert_allclose(info.binary_entropy(tiny), tiny * (1 - np.log(tiny)), rtol=1e-9)
    assert not np.signbit(info.binary_entropy(1.0))
    assert info.binary_entropy(0.5, base=2) == 1.0
    assert isinstance(info.binary_entropy(0.3), float)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        info.binary_entropy([0.5, 1.5])


@pytest.mark.parametrize(
    "mu_p, var_p, mu_q, var_q", [(0, 1, 0, 1), (0, 1, 1, 1), (1, 4, -1, 0.5), (2, 0.3, 2, 3)]
)
def test_gaussian_kl_against_numerical_integration(mu_p, var_p, mu_q, var_q):
    p, q = norm(mu_p, np.sqrt(var_p)), norm(mu_q, np.sqrt(var_q))
    ref, _ = integrate.quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), -np.inf, np.inf)
    assert info.gaussian_kl(mu_p, var_p, mu_q, var_q) == pytest.approx(ref, abs=1e-9)


def test_gaussian_kl_broadcasts_and_rejects_bad_variances():
    out = info.gaussian_kl(np.array([0.0, 1.0]), 1.0, 0.0, 1.0)
    np.testing.assert_allclose(out, [0.0, 0.5])
    with pytest.raises(ValueError, match="var_q must be positive"):
        info.gaussian_kl(0.0, 1.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="var_p must be positive"):
        info.gaussian_kl(0.0, -1.0, 0.0, 1.0)


def _random_table(rng, a, b):
    return rng.dirichlet(np.ones(a * b)).reshape(a, b)


@pytest.mark.parametrize("a, b", [(1, 1), (2, 3), (4, 4), (6, 2)])
def test_joint_conditional_and_mutual_information_identities(a, b):
    rng = np.random.default_rng(a * 10 + b)
    pxy = _random_table(rng, a, b)
    px, py = pxy.sum(axis=1), pxy.sum(axis=0)
    h_xy, h_x, h_y = info.joint_entropy(pxy), info.entropy(px), info.entropy(py)
    assert h_xy == pytest.approx(scipy_entropy(pxy.ravel()), rel=1e-14)
    assert info.conditional_entropy(pxy) == pytest.approx(h_xy - h_x, abs=1e-13)  # chain rule
    mi = info.mutual_information(pxy)
    assert mi == pytest.approx(h_x + h_y - h_xy, abs=1e-13)
    assert mi == pytest.approx(info.kl_divergence(pxy, np.outer(px, py)), abs=1e-13)
    assert mi == pytest.approx(info.mutual_information(pxy.T), abs=1e-14)  # symmetric
    assert info.conditional_entropy(pxy) <= h_y + 1e-13  # conditioning reduces entropy
    assert info.mutual_information(np.outer(px, py)) == pytest.approx(0.0, abs=1e-15)
    assert info.mutual_information(pxy, base=2) == pytest.approx(mi / np.log(2))


def test_conditional_entropy_with_empty_rows_and_determinism():
    pxy = np.array([[0.5, 0.0], [0.0, 0.5], [0.0, 0.0]])  # y is a function of x
    assert info.conditional_entropy(pxy) == 0.0
    assert info.mutual_information(pxy, base=2) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(4))
def test_mutual_information_from_samples_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 5, size=300)
    y = (x + rng.integers(0, 3, size=300)) % 4
    assert info.mutual_information_from_samples(x, y) == pytest.approx(
        mutual_info_score(x, y), rel=1e-12
    )
    labels = np.array(["a", "b", "c"])[x % 3]
    assert info.mutual_information_from_samples(labels, y) == pytest.approx(
        mutual_info_score(labels, y), rel=1e-12
    )


def test_joint_distribution_counts_pairs():
    pxy, xv, yv = info.joint_distribution([1, 1, 2, 2], ["u", "v", "v", "v"])
    np.testing.assert_array_equal(xv, [1, 2])
    np.testing.assert_array_equal(yv, ["u", "v"])
    np.testing.assert_allclose(pxy, [[0.25, 0.25], [0.0, 0.5]])


def test_plug_in_bias_for_independent_labels_is_about_miller_madow():
    rng = np.random.default_rng(7)
    n, a, b = 500, 4, 5
    estimates = [
        info.mutual_information_from_samples(rng.integers(0, a, n), rng.integers(0, b, n))
        for _ in range(400)
    ]
    expected = (a - 1) * (b - 1) / (2 * n)
    se = np.std(estimates) / np.sqrt(len(estimates))
    assert abs(np.mean(estimates) - expected) < 4 * se + 0.05 * expected


def _kraft(codes):
    return sum(2.0 ** -len(c) for c in codes)


def _best_average_length(p):
    """Brute force: the shortest average length of any prefix code (Kraft's inequality)."""
    k = len(p)
    best = np.inf
    for lengths in itertools.product(range(1, k), repeat=k):
        if sum(2.0 ** -np.array(lengths)) <= 1 + 1e-12:
            best = min(best, float(np.dot(p, lengths)))
    return best


@pytest.mark.parametrize("seed", range(6))
def test_huffman_code_is_an_optimal_prefix_code(seed):
    rng = np.random.default_rng(seed)
    k = 2 + seed % 4
    p = _random_distribution(rng, k)
    codes = info.huffman_code(p)
    assert len(codes) == k and all(set(c) <= {"0", "1"} for c in codes)
    for c1, c2 in itertools.permutations(codes, 2):
        assert not c2.startswith(c1)  # prefix-free
    assert _kraft(codes) == pytest.approx(1.0)  # a full binary tree
    avg = float(np.dot(p, [len(c) for c in codes]))
    assert avg == pytest.approx(_best_average_length(p), rel=1e-12)
    h2 = info.entropy(p, base=2)
    assert h2 - 1e-12 <= avg < h2 + 1


def test_huffman_code_on_a_dyadic_distribution_reaches_the_entropy():
    p = [0.5, 0.25, 0.125, 0.125]
    codes = info.huffman_code(p)
    assert [len(c) for c in codes] == [1, 2, 3, 3]
    assert np.dot(p, [len(c) for c in codes]) == info.entropy(p, base=2)
    assert info.huffman_code([1.0]) == ["0"]


def test_bad_distributions_raise_clear_errors():
    with pytest.raises(ValueError, match="non-negative"):
        info.entropy([0.5, 0.7, -0.2])
    with pytest.raises(ValueError, match="sum to 1"):
        info.entropy([0.5, 0.6])
    with pytest.raises(ValueError, match="scalar"):
        info.entropy(1.0)
    with pytest.raises(ValueError, match=r"NaN|finite"):
        info.entropy([np.nan, 1.0])
    with pytest.raises(ValueError, match="empty"):
        info.entropy([])
    with pytest.raises(ValueError, match="same shape"):
        info.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="q must sum to 1"):
        info.cross_entropy([0.5, 0.5], [0.5, 0.4])
    with pytest.raises(ValueError, match="base must not be 1"):
        info.entropy([0.5, 0.5], base=1)
    with pytest.raises(ValueError, match="base"):
        info.entropy([0.5, 0.5], base=-2)
    with pytest.raises(ValueError, match="2-D"):
        info.mutual_information([0.5, 0.5])
    with pytest.raises(ValueError, match="pxy must sum to 1"):
        info.conditional_entropy([[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(ValueError, match="1-D"):
        info.huffman_code([[0.5, 0.5]])
    with pytest.raises(ValueError, match="same length"):
        info.mutual_information_from_samples([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="1-D array of labels"):
        info.joint_distribution([[1, 2]], [[1, 2]])
    with pytest.raises(ValueError, match="NaN"):
        info.mutual_information_from_samples([1.0, np.nan], [1, 2])
    with pytest.raises(ValueError, match="empty"):
        info.joint_distribution([], [])


def test_extreme_probabilities_raise_no_floating_point_errors():
    tiny = np.finfo(np.float64).smallest_subnormal
    p, q = np.array([1.0 - 1e-16, 1e-16, 0.0]), np.array([tiny, 0.5, 0.5 - tiny])
    q = q / q.sum()
    with np.errstate(all="raise"):
        assert np.isfinite(info.kl_divergence(p, q)) and info.kl_divergence(p, q) > 700
        assert np.isfinite(info.cross_entropy(p, q))
        assert info.entropy(p) > 0
        assert np.isfinite(info.js_divergence(p, q))
        assert info.binary_entropy(tiny) > 0
        pxy = np.array([[1.0 - 2e-300, 1e-300], [1e-300, 0.0]])
        assert info.mutual_information(pxy) >= 0.0
        assert info.conditional_entropy(pxy) >= 0.0
