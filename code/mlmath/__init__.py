"""mlmath: the mathematics of machine learning, from scratch, with NumPy.

The companion package of the book *Mathematics for Machine Learning*. Every
module implements what one part of the book teaches and is tested against
NumPy, SciPy and scikit-learn:

- :mod:`mlmath.prereq` — Part 00, prerequisites (exercise references, timing)
- :mod:`mlmath.linalg` — Part 01, linear algebra (elimination, QR, eigenvalues, SVD, PCA)
- :mod:`mlmath.calculus` — Part 02, numerical derivatives and integrals
- :mod:`mlmath.autodiff` — Part 02, a reverse-mode automatic-differentiation engine
- :mod:`mlmath.probability` — Part 03, distributions, samplers and Bayes' theorem
- :mod:`mlmath.stats` — Part 04, descriptive statistics, bootstrap, intervals, tests, estimators
- :mod:`mlmath.models` — naive Bayes and Gaussian mixtures (Part 03); linear and logistic
  regression, PCA and a neural network (Part 08)
- :mod:`mlmath.info` — Part 06, entropy, divergences, mutual information, Huffman codes
- :mod:`mlmath.numerics` — Part 07, floats, stable softmax and log-sum-exp, sums, conditioning
- :mod:`mlmath.plotting` — the book's figure style and shared figure helpers
- :mod:`mlmath.exercises` — checkers for the "implement it" exercises
- :mod:`mlmath.optim` — Part 05, optimizers, schedules, losses, penalties, the lasso
"""

__version__ = "0.1.0"
