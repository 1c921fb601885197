"""mlmath.probability: densities, CDFs and moments against scipy.stats,
samplers checked statistically with fixed seeds, bad parameters refused."""

import numpy as np
import pytest
import scipy.stats as st
from hypothesis import given, settings
from hypothesis import strategies as st_h

from mlmath import probability as P

# (mlmath distribution, the scipy.stats equivalent) over a grid of parameters.
DISCRETE = (
    [(P.Bernoulli(p), st.bernoulli(p), np.arange(-1, 3)) for p in (0.0, 0.3, 1.0)]
    + [
        (P.Binomial(n, p), st.binom(n, p), np.arange(-1, n + 2))
        for n, p in [(1, 0.5), (10, 0.3), (60, 0.9), (5, 0.0), (200, 0.01)]
    ]
    + [
        (P.Poisson(lam), st.poisson(lam), np.arange(-1, int(lam + 8 * lam**0.5) + 5))
        for lam in (0.1, 3.0, 50.0, 400.0)
    ]
    + [
        (
            P.Categorical(p),
            st.rv_discrete(values=(np.arange(len(p)), p)),
            np.arange(-1, len(p) + 1),
        )
        for p in ([1.0], [0.2, 0.5, 0.3], [0.0, 0.25, 0.0, 0.75])
    ]
)

CONTINUOUS = (
    [
        (P.Uniform(a, b), st.uniform(a, b - a))
        for a, b in [(0.0, 1.0), (-3.0, 5.0), (1e3, 1e3 + 1e-3)]
    ]
    + [(P.Gaussian(m, s), st.norm(m, s)) for m, s in [(0.0, 1.0), (-2.0, 0.1), (1e4, 300.0)]]
    + [(P.Exponential(r), st.expon(scale=1 / r)) for r in (0.01, 1.0, 7.5)]
    + [
        (P.Beta(a, b), st.beta(a, b))
        for a, b in [(1.0, 1.0), (2.0, 5.0), (0.5, 0.5), (0.2, 3.0), (30.0, 4.0), (1.0, 3.0)]
    ]
)


def _ids(cases):
    return [repr(c[0]) for c in cases]


@pytest.mark.parametrize(("dist", "ref", "k"), DISCRETE, ids=_ids(DISCRETE))
def test_discrete_pmf_cdf_and_moments_match_scipy(dist, ref, k):
    k = k.astype(float)
    np.testing.assert_allclose(dist.pmf(k), ref.pmf(k), rtol=1e-10, atol=1e-300)
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(dist.logpmf(k), ref.logpmf(k), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dist.cdf(k + 0.5), ref.cdf(k + 0.5), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(dist.cdf(k), ref.cdf(k), rtol=1e-9, atol=1e-14)
    assert dist.mean() == pytest.approx(ref.mean(), rel=1e-12, abs=1e-15)
    assert dist.var() == pytest.approx(ref.var(), rel=1e-10, abs=1e-15)
    assert dist.std() == pytest.approx(ref.std(), rel=1e-10, abs=1e-15)


@pytest.mark.parametrize(("dist", "ref"), CONTINUOUS, ids=_ids(CONTINUOUS))
def test_continuous_pdf_cdf_and_moments_match_scipy(dist, ref):
    lo, hi = ref.ppf([1e-6, 1 - 1e-6])
    span = hi - lo
    x = np.concatenate([np.linspace(lo - 0.2 * span, hi + 0.2 * span, 101), [-np.inf, np.inf]])
    np.testing.assert_allclose(dist.pdf(x), ref.pdf(x), rtol=1e-10, atol=0)
    inside = ref.pdf(x) > 0
    np.testing.assert_allclose(dist.logpdf(x[inside]), ref.logpdf(x[inside]), rtol=1e-10)
    assert np.all(dist.logpdf(x[~inside]) == -np.inf)
    np.testing.assert_allclose(dist.cdf(x), ref.cdf(x), rtol=1e-10, atol=1e-14)
    assert dist.mean() == pytest.approx(ref.mean(), rel=1e-12)
    assert dist.var() == pytest.approx(ref.var(), rel=1e-10)


@pytest.mark.parametrize(("dist", "ref"), CONTINUOUS[:9], ids=_ids(CONTINUOUS[:9]))
def test_inverse_cdf_matches_scipy(dist, ref):
    q = np.linspace(0.0, 1.0, 41)
    np.testing.assert_allclose(dist.ppf(q), ref.ppf(q), rtol=1e-10)


def test_scalars_in_scalars_out():
    assert isinstance(P.Gaussian().pdf(0.0), np.floating)
    assert P.Gaussian().pdf(0.0) == pytest.approx(1 / np.sqrt(2 * np.pi))
    assert P.Poisson(2.0).pmf(0) == pytest.approx(np.exp(-2.0))
    assert P.Bernoulli(0.3).sample(rng=0) in (0, 1)
    assert np.shape(P.Gaussian().sample(rng=0)) == ()


def test_a_density_can_exceed_one():
    assert P.Gaussian(0.0, 0.1).pdf(0.0) > 3.9
    assert P.Uniform(0.0, 0.25).pdf(0.1) == pytest.approx(4.0)


def test_non_integer_counts_have_zero_mass():
    for dist in (P.Binomial(5, 0.5), P.Poisson(2.0), P.Categorical([0.5, 0.5]), P.Bernoulli(0.5)):
        assert dist.pmf(1.5) == 0.0
        assert dist.logpmf(1.5) == -np.inf


def test_log_densities_do_not_underflow_far_in_the_tails():
    assert P.Gaussian().logpdf(60.0) == pytest.approx(-0.5 * np.log(2 * np.pi) - 1800.0)
    assert P.Gaussian().pdf(60.0) == 0.0  # the density itself underflows
    assert P.Binomial(2000, 0.5).logpmf(0) == pytest.approx(2000 * np.log(0.5))
    mvn = P.MultivariateGaussian(np.zeros(3), np.eye(3))
    assert mvn.logpdf(np.full(3, 50.0)) == pytest.approx(-1.5 * np.log(2 * np.pi) - 3750.0)


# ---------------------------------------------------------------- samplers


def _se_of_mean(dist, n):
    return np.sqrt(np.sum(dist.var())) / np.sqrt(n)


SAMPLED = [c[0] for c in DISCRETE if c[0].var() > 0] + [c[0] for c in CONTINUOUS]


@pytest.mark.parametrize("dist", SAMPLED, ids=repr)
def test_sample_mean_and_variance_within_a_few_standard_errors(dist):
    n = 40_000
    x = dist.sample(n, rng=2024)
    assert x.shape == (n,)
    assert abs(x.mean() - dist.mean()) < 5 * _se_of_mean(dist, n)
    # Var of the sample variance: (mu4 - sigma^4) / n; a 10% band is > 5 s.e. here.
    assert x.var() == pytest.approx(dist.var(), rel=0.1)


@pytest.mark.parametrize(("dist", "ref"), CONTINUOUS, ids=_ids(CONTINUOUS))
def test_continuous_samplers_pass_kolmogorov_smirnov(dist, ref):
    x = dist.sample(20_000, rng=7)
    assert st.kstest(x, ref.cdf).pvalue > 1e-3


@pytest.mark.parametrize(("dist", "ref", "k"), DISCRETE, ids=_ids(DISCRETE))
def test_discrete_samplers_pass_chi_square(dist, ref, k):
    if dist.var() == 0:
        assert np.all(dist.sample(100, rng=0) == dist.mean())
        return
    x = dist.sample(20_000, rng=8)
    support = np.arange(x.min(), x.max() + 1)
    expected = 20_000 * ref.pmf(support)
    keep = expected >= 5  # the usual rule for the chi-square approximation
    observed = np.array([(x == s).sum() for s in support])
    obs = np.append(observed[keep], observed[~keep].sum())
    exp = np.append(expected[keep], 20_000 - expected[keep].sum())
    if exp[-1] < 5:
        obs, exp = obs[:-1], exp[:-1] * obs[:-1].sum() / exp[:-1].sum()
    assert st.chisquare(obs, exp).pvalue > 1e-3


def test_samplers_are_reproducible_and_take_seeds_or_generators():
    g = P.Gaussian(1.0, 2.0)
    np.testing.assert_array_equal(g.sample(10, rng=5), g.sample(10, rng=5))
    np.testing.assert_array_equal(g.sample(10, rng=np.random.default_rng(5)), g.sample(10, rng=5))
    assert g.sample((3, 4), rng=0).shape == (3, 4)
    assert g.sample(0, rng=0).shape == (0,)
    with pytest.raises(TypeError, match="rng must be"):
        g.sample(3, rng="seed")
    with pytest.raises(ValueError, match="size must be at least 0"):
        g.sample(-1)


def test_exponential_sampler_is_the_inverse_cdf_of_the_uniform_draws():
    u = np.random.default_rng(3).random(5)
    expected = -np.log(1 - u) / 2.0
    np.testing.assert_allclose(P.Exponential(2.0).sample(5, rng=3), expected)


def test_box_muller_maps_known_points():
    z1, z2 = P.box_muller(np.array([1.0, np.exp(-0.5)]), np.array([0.3, 0.25]))
    np.testing.assert_allclose(z1, [0.0, 0.0], atol=1e-15)
    np.testing.assert_allclose(z2, [0.0, 1.0], atol=1e-15)
    with pytest.raises(ValueError, match=r"u1 must lie in \(0, 1\]"):
        P.box_muller(0.0, 0.5)


def test_box_muller_pairs_are_uncorrelated_standard_normals():
    rng = np.random.default_rng(11)
    z1, z2 = P.box_muller(1.0 - rng.random(50_000), rng.random(50_000))
    for z in (z1, z2):
        assert st.kstest(z, st.norm.cdf).pvalue > 1e-3
    assert abs(np.corrcoef(z1, z2)[0, 1]) < 4 / np.sqrt(50_000)


def test_beta_sampler_survives_tiny_shapes():
    x = P.Beta(0.01, 0.01).sample(2000, rng=1)
    assert np.all((x >= 0) & (x <= 1)) and not np.any(np.isnan(x))
    # Mass piles at both ends; the mean stays 1/2.
    assert abs(x.mean() - 0.5) < 5 * np.sqrt(P.Beta(0.01, 0.01).var() / 2000)


def test_multinomial_pmf_moments_and_sampler():
    m = P.Multinomial(10, [0.2, 0.5, 0.3])
    ref = st.multinomial(10, [0.2, 0.5, 0.3])
    counts = np.array([[2, 5, 3], [10, 0, 0], [0, 0, 10], [3, 3, 3], [1, 5, 4]])
    np.testing.assert_allclose(m.pmf(counts), ref.pmf(counts), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(m.cov(), ref.cov(), rtol=1e-12)
    np.testing.assert_allclose(m.mean(), ref.mean())
    x = m.sample(20_000, rng=4)
    assert x.shape == (20_000, 3)
    assert np.all(x.sum(axis=1) == 10)
    np.testing.assert_allclose(np.cov(x.T), m.cov(), atol=0.08)
    assert np.all(np.abs(x.mean(axis=0) - m.mean()) < 5 * np.sqrt(m.var() / 20_000))


# ---------------------------------------------------------------- multivariate


def _spd(rng, d):
    M = rng.normal(size=(d, d))
    return M @ M.T + 0.1 * np.eye(d)


@pytest.mark.parametrize("d", [1, 2, 5])
def test_multivariate_gaussian_matches_scipy(d):
    rng = np.random.default_rng(d)
    mu, S = rng.normal(size=d), _spd(rng, d)
    mvn, ref = P.MultivariateGaussian(mu, S), st.multivariate_normal(mu, S)
    x = rng.normal(size=(7, d)) * 3
    np.testing.assert_allclose(mvn.logpdf(x), ref.logpdf(x), rtol=1e-10)
    np.testing.assert_allclose(mvn.pdf(x), ref.pdf(x), rtol=1e-10)
    assert np.ndim(mvn.logpdf(x[0])) == 0
    assert mvn.logpdf(x.reshape(7, 1, d)).shape == (7, 1)
    maha = np.sqrt(np.einsum("ij,jk,ik->i", x - mu, np.linalg.inv(S), x - mu))
    np.testing.assert_allclose(mvn.mahalanobis(x), maha, rtol=1e-10)
    np.testing.assert_allclose(mvn.cov(), S)
    np.testing.assert_allclose(mvn.var(), np.diag(S))


def test_multivariate_sampler_is_mean_plus_cholesky_times_normals():
    mu, S = np.array([1.0, -2.0, 0.5]), _spd(np.random.default_rng(0), 3)
    x = P.MultivariateGaussian(mu, S).sample(60_000, rng=9)
    assert x.shape == (60_000, 3)
    se = np.sqrt(np.diag(S) / 60_000)
    assert np.all(np.abs(x.mean(axis=0) - mu) < 5 * se)
    np.testing.assert_allclose(np.cov(x.T), S, atol=0.05 * np.abs(S).max())
    # Every direction is Gaussian: project and test.
    v = np.array([0.3, -1.0, 2.0])
    ref = st.norm(v @ mu, np.sqrt(v @ S @ v))
    assert st.kstest(x @ v, ref.cdf).pvalue > 1e-3


# ---------------------------------------------------------------- Bayes


def test_bayes_posterior_medical_test():
    # 1% base rate, 90% sensitivity, 5% false positives: P(ill | +) = 0.009/0.0585.
    post = P.bayes_posterior([0.99, 0.01], [0.05, 0.9])
    assert post[1] == pytest.approx(0.009 / (0.009 + 0.0495))
    assert post.sum() == pytest.approx(1.0)


def test_bayes_posterior_many_observations_do_not_underflow():
    lik = np.tile([1e-3, 2e-3], (2000, 1))  # the product is 1e-6000: zero in float
    with np.errstate(invalid="ignore"):
        naive = np.prod(lik, axis=0) / np.prod(lik, axis=0).sum()
    assert np.all(np.isnan(naive))  # 0 / 0
    post = P.bayes_posterior([0.5, 0.5], lik)
    np.testing.assert_allclose(post, [0.0, 1.0], atol=1e-300)  # 2^-2000 is 0.0
    post = P.bayes_posterior([0.5, 0.5], np.tile([1e-3, 1.001e-3], (2000, 1)))
    assert post[1] == pytest.approx(1 / (1 + 1.001**-2000), rel=1e-9)


def test_sequential_updates_equal_one_batch_update():
    rng = np.random.default_rng(0)
    prior, lik = rng.dirichlet(np.ones(4)), rng.random((5, 4))
    post = prior
    for row in lik:
        post = P.bayes_posterior(post, row)
    np.testing.assert_allclose(post, P.bayes_posterior(prior, lik), rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st_h.lists(st_h.floats(0.0, 1.0), min_size=2, max_size=6), st_h.integers(0, 10**6))
def test_bayes_posterior_is_a_distribution(lik, seed):
    prior = np.random.default_rng(seed).dirichlet(np.ones(len(lik)))
    if not np.any(np.array(lik) * prior > 0):
        with pytest.raises(ValueError, match="evidence is zero"):
            P.bayes_posterior(prior, lik)
        return
    post = P.bayes_posterior(prior, lik)
    assert post.sum() == pytest.approx(1.0) and np.all(post >= 0)
    np.testing.assert_allclose(post[np.array(lik) == 0], 0.0)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: P.Bernoulli(1.2), r"p must lie in \[0, 1\]"),
        (lambda: P.Bernoulli(np.nan), "p must be finite"),
        (lambda: P.Binomial(-1, 0.5), "n must be at least 0"),
        (lambda: P.Binomial(2.5, 0.5), "n must be an integer"),
        (lambda: P.Categorical([0.5, 0.6]), "probs must sum to 1"),
        (lambda: P.Categorical([1.5, -0.5]), "probs must be non-negative"),
        (lambda: P.Categorical([[0.5, 0.5]]), "probs must be 1-D"),
        (lambda: P.Multinomial(3, [0.2, 0.2]), "probs must sum to 1"),
        (lambda: P.Poisson(0.0), "rate must be positive"),
        (lambda: P.Uniform(1.0, 1.0), "low must be less than high"),
        (lambda: P.Gaussian(0.0, 0.0), "std must be positive"),
        (lambda: P.Gaussian(0.0, -1.0), "std must be positive"),
        (lambda: P.Exponential(-2.0), "rate must be positive"),
        (lambda: P.Beta(0.0, 1.0), "a must be positive"),
        (lambda: P.MultivariateGaussian([0, 0], [[1, 2], [0, 1]]), "cov must be symmetric"),
        (
            lambda: P.MultivariateGaussian([0, 0], [[1, 2], [2, 1]]),
            "cov must be positive definite",
        ),
        (lambda: P.MultivariateGaussian([0, 0], np.eye(3)), r"cov must have shape \(2, 2\)"),
        (lambda: P.bayes_posterior([0.5, 0.5], [0.1, 0.2, 0.3]), "2 entries per row"),
        (lambda: P.bayes_posterior([0.5, 0.4], [0.1, 0.2]), "prior must sum to 1"),
        (lambda: P.bayes_posterior([0.5, 0.5], [-0.1, 0.2]), "likelihood must be non-negative"),
        (lambda: P.bayes_posterior([1.0, 0.0], [0.0, 1.0]), "evidence is zero"),
        (lambda: P.Gaussian().pdf(np.nan), "x must not contain NaN"),
        (lambda: P.Gaussian().ppf(1.5), r"q must lie in \[0, 1\]"),
        (lambda: P.MultivariateGaussian([0, 0], np.eye(2)).logpdf([1, 2, 3]), "last axis 2"),
        (lambda: P.Multinomial(3, [0.5, 0.5]).pmf([1, 1, 1]), "last axis 2"),
    ],
)
def test_bad_parameters_raise_clear_errors(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


def test_gaussian_conditional_agrees_with_conditioning_samples():
    rng = np.random.default_rng(4)
    mu, S = rng.normal(size=3), _spd(rng, 3)
    cond = P.MultivariateGaussian(mu, S).conditional(np.array([0.4]))
    # Precision-matrix route: Sigma_{a|b} = (Lambda_aa)^{-1}.
    prec = np.linalg.inv(S)
    np.testing.assert_allclose(cond.cov(), np.linalg.inv(prec[:2, :2]), rtol=1e-10)
    expected = mu[:2] - np.linalg.solve(prec[:2, :2], prec[:2, 2:] @ (0.4 - mu[2:]))
    np.testing.assert_allclose(cond.mean(), expected, rtol=1e-10)
    with pytest.raises(ValueError, match="x_b must observe between 1 and 2"):
        P.MultivariateGaussian(mu, S).conditional(np.zeros(3))
