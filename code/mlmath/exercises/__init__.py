"""Checkers for the book's "implement it" exercises.

Each ``check_<name>(fn)`` calls the reader's function on fixed and random
cases, compares it with the package's own implementation and prints a short
verdict: ``passed``, or the first failing case with what was expected and
what came back. It also returns a :class:`CheckResult`, truthy on success.

>>> import numpy as np
>>> from mlmath.exercises import check_one_hot
>>> def one_hot(y, k):
...     return (y[:, None] == np.arange(k)).astype(float)
>>> result = check_one_hot(one_hot)
check_one_hot: passed all 6 cases
"""

from mlmath.exercises._framework import Case, CheckResult, compare_values, run_check
from mlmath.exercises.calculus import (
    check_backward,
    check_derivative,
    check_jacobian,
    check_layer_jacobian,
    check_newton_step,
    check_numerical_gradient,
    check_simpson,
    check_trapezoid,
)
from mlmath.exercises.case_studies import (
    check_logistic_gradient,
    check_mlp_backward,
    check_optimal_lr,
    check_pca_reconstruction,
    check_ridge,
)
from mlmath.exercises.information import (
    check_conditional_entropy,
    check_entropy,
    check_gaussian_kl,
    check_kl_divergence,
    check_mutual_information,
)
from mlmath.exercises.linalg import (
    check_back_substitution,
    check_coordinates,
    check_dot,
    check_explained_variance_ratio,
    check_gram_schmidt,
    check_low_rank_approx,
    check_matmul,
    check_matvec,
    check_norm,
    check_power_iteration,
    check_project,
    check_solve,
)
from mlmath.exercises.numerics import (
    check_condition_number,
    check_kahan_sum,
    check_logsumexp,
    check_lstsq_qr,
    check_machine_epsilon,
    check_stable_sigmoid,
)
from mlmath.exercises.optimization import (
    check_adam_step,
    check_bce_with_logits,
    check_cosine_lr,
    check_cross_entropy_grad,
    check_gradient_descent,
    check_momentum_step,
    check_project_ball,
    check_soft_threshold,
    check_step_lr,
)
from mlmath.exercises.prereq import (
    check_evaluate_on_grid,
    check_one_hot,
    check_pairwise_distances,
    check_standardize,
)
from mlmath.exercises.probability import (
    check_bayes_posterior,
    check_box_muller,
    check_discrete_moments,
    check_exponential_inverse_cdf,
    check_gaussian_conditional,
    check_m_step,
    check_mvn_transform,
    check_responsibilities,
    check_running_mean,
)
from mlmath.exercises.statistics import (
    check_bias_variance,
    check_correlation,
    check_map_bernoulli,
    check_mle_gaussian,
    check_percentile_interval,
    check_quantile,
    check_standard_error,
    check_two_proportion_z_test,
    check_welch_t_test,
)

__all__ = [
    "Case",
    "CheckResult",
    "check_adam_step",
    "check_back_substitution",
    "check_backward",
    "check_bayes_posterior",
    "check_bce_with_logits",
    "check_bias_variance",
    "check_box_muller",
    "check_condition_number",
    "check_conditional_entropy",
    "check_coordinates",
    "check_correlation",
    "check_cosine_lr",
    "check_cross_entropy_grad",
    "check_derivative",
    "check_discrete_moments",
    "check_dot",
    "check_entropy",
    "check_evaluate_on_grid",
    "check_explained_variance_ratio",
    "check_exponential_inverse_cdf",
    "check_gaussian_conditional",
    "check_gaussian_kl",
    "check_gradient_descent",
    "check_gram_schmidt",
    "check_jacobian",
    "check_kahan_sum",
    "check_kl_divergence",
    "check_layer_jacobian",
    "check_logistic_gradient",
    "check_logsumexp",
    "check_low_rank_approx",
    "check_lstsq_qr",
    "check_m_step",
    "check_machine_epsilon",
    "check_map_bernoulli",
    "check_matmul",
    "check_matvec",
    "check_mle_gaussian",
    "check_mlp_backward",
    "check_momentum_step",
    "check_mutual_information",
    "check_mvn_transform",
    "check_newton_step",
    "check_norm",
    "check_numerical_gradient",
    "check_one_hot",
    "check_optimal_lr",
    "check_pairwise_distances",
    "check_pca_reconstruction",
    "check_percentile_interval",
    "check_power_iteration",
    "check_project",
    "check_project_ball",
    "check_quantile",
    "check_responsibilities",
    "check_ridge",
    "check_running_mean",
    "check_simpson",
    "check_soft_threshold",
    "check_solve",
    "check_stable_sigmoid",
    "check_standard_error",
    "check_standardize",
    "check_step_lr",
    "check_trapezoid",
    "check_two_proportion_z_test",
    "check_welch_t_test",
    "compare_values",
    "run_check",
]
