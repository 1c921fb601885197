"""mlmath.autodiff: every operation's gradient against numerical gradients."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays, broadcastable_shapes

from mlmath.autodiff import Tensor, cross_entropy, log_softmax, unbroadcast
from mlmath.calculus import check_gradient

RNG = np.random.default_rng(7)


def _grad_by_engine(op, *arrays_in):
    """Gradients of sum(w * op(*tensors)) for a fixed random weight w."""
    tensors = [Tensor(a, requires_grad=True) for a in arrays_in]
    out = op(*tensors)
    w = np.random.default_rng(0).normal(size=out.data.shape)
    (out * w).sum().backward()
    return [t.grad for t in tensors], w


def _assert_gradients_match(op, *arrays_in, tol=1e-6):
    grads, w = _grad_by_engine(op, *arrays_in)
    for k, a in enumerate(arrays_in):

        def f(x, k=k):
            args = [Tensor(b) for b in arrays_in]
            args[k] = Tensor(x)
            return float(np.sum(op(*args).data * w))

        err = check_gradient(f, lambda x, k=k: grads[k], a)
        assert err < tol, f"operand {k}: relative error {err:.2e}"


UNARY = {
    "neg": lambda t: -t,
    "exp": lambda t: t.exp(),
    "log": lambda t: (t * t + 0.5).log(),
    "tanh": lambda t: t.tanh(),
    "sigmoid": lambda t: t.sigmoid(),
    "relu": lambda t: t.relu(),
    "pow 3": lambda t: t**3,
    "pow -0.5": lambda t: (t * t + 1.0) ** -0.5,
    "sum": lambda t: t.sum(),
    "sum axis 0": lambda t: t.sum(axis=0),
    "mean axis -1 keepdims": lambda t: t.mean(axis=-1, keepdims=True),
    "mean": lambda t: t.mean(),
    "reshape": lambda t: t.reshape(-1),
    "transpose": lambda t: t.T,
    "log_softmax": lambda t: log_softmax(t, axis=-1),
    "log_softmax axis 0": lambda t: log_softmax(t, axis=0),
    "number on the left": lambda t: 2.0 - 3.0 / (t * t + 1.0),
}


@pytest.mark.parametrize("name", list(UNARY))
@pytest.mark.parametrize("shape", [(1,), (4,), (3, 5)])
def test_unary_gradients_match_numerical_ones(name, shape):
    x = RNG.normal(size=shape)
    if name == "relu":
        x = x + np.sign(x) * 0.1  # keep away from the kink at 0
    _assert_gradients_match(UNARY[name], x)


BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / (b * b + 1.0),
}


@pytest.mark.parametrize("name", list(BINARY))
@pytest.mark.parametrize(
    ("shape_a", "shape_b"),
    [((3, 4), (3, 4)), ((3, 4), (4,)), ((3, 1), (1, 4)), ((2, 3, 4), (3, 1)), ((5,), (1,))],
)
def test_broadcast_binary_gradients_match_numerical_ones(name, shape_a, shape_b):
    a, b = RNG.normal(size=shape_a), RNG.normal(size=shape_b)
    _assert_gradients_match(BINARY[name], a, b)


@pytest.mark.parametrize(
    ("shape_a", "shape_b"), [((3, 4), (4, 2)), ((3, 4), (4,)), ((1, 1), (1, 1))]
)
def test_matmul_gradients(shape_a, shape_b):
    _assert_gradients_match(lambda a, b: a @ b, RNG.normal(size=shape_a), RNG.normal(size=shape_b))


def test_a_two_layer_network_matches_its_hand_derived_backward_pass():
    X, y = RNG.normal(size=(6, 3)), RNG.integers(0, 4, size=6)
    W1, b1 = RNG.normal(size=(3, 5)), RNG.normal(size=5)
    W2, b2 = RNG.normal(size=(5, 4)), RNG.normal(size=4)
    params = [Tensor(p, requires_grad=True) for p in (W1, b1, W2, b2)]
    tW1, tb1, tW2, tb2 = params
    loss = cross_entropy((Tensor(X) @ tW1 + tb1).tanh() @ tW2 + tb2, y)
    loss.backward()
    # The same network differentiated by hand, as a textbook writes it.
    A = X @ W1 + b1
    H = np.tanh(A)
    Z = H @ W2 + b2
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    dZ = (P - np.eye(4)[y]) / 6
    dW2, db2 = H.T @ dZ, dZ.sum(axis=0)
    dA = (dZ @ W2.T) * (1 - H**2)
    dW1, db1 = X.T @ dA, dA.sum(axis=0)
    assert loss.data == pytest.approx(-np.mean(np.log(P[np.arange(6), y])))
    for t, g in zip(params, (dW1, db1, dW2, db2), strict=True):
        assert np.allclose(t.grad, g, atol=1e-12)


def test_reused_nodes_accumulate_and_repeated_backward_adds_up():
    x = Tensor(np.array([3.0]), requires_grad=True)
    y = x * x + x  # x is used three times
    y.backward()
    assert x.grad == pytest.approx([7.0])
    y.backward()  # as in PyTorch: gradients add up ...
    assert x.grad == pytest.approx([14.0])
    x.zero_grad()  # ... until they are cleared
    (x * 2.0).sum().backward()
    assert x.grad == pytest.approx([2.0])


def test_intermediate_tensors_keep_their_gradient():
    x = Tensor(np.array([2.0]), requires_grad=True)
    u = x * 3.0
    v = u.exp()
    v.backward()
    assert u.grad == pytest.approx(np.exp(6.0))
    assert x.grad == pytest.approx(3 * np.exp(6.0))
    assert v.parents == (u,) and v.op == "exp" and u.op == "mul"


def test_constants_get_no_gradient_and_numpy_arrays_mix_in():
    c = Tensor(np.ones(3))
    x = Tensor(np.arange(3.0), requires_grad=True)
    out = np.full(3, 2.0) * x + c  # a NumPy array on the left
    assert isinstance(out, Tensor)
    out.sum().backward()
    assert c.grad is None and np.allclose(x.grad, 2.0)


def test_deep_chain_needs_no_recursion():
    x = Tensor(np.array([1.0]), requires_grad=True)
    y = x
    for _ in range(5000):
        y = y * 1.0001
    y.backward()
    assert x.grad == pytest.approx([1.0001**5000])


def test_stable_log_softmax_and_cross_entropy_for_huge_logits():
    logits = Tensor(np.array([[1000.0, 0.0, -1000.0], [5.0, 5.0, 5.0]]), requires_grad=True)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        lp = log_softmax(logits)
        loss = cross_entropy(logits, np.array([1, 2]))
        loss.backward()
    assert np.allclose(lp.data[0], [0.0, -1000.0, -2000.0])
    assert loss.data == pytest.approx((1000.0 + np.log(3)) / 2)
    expected = np.array([[1.0, -1.0, 0.0], [1 / 3, 1 / 3, -2 / 3]]) / 2
    assert np.allclose(logits.grad, expected)


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        s = Tensor(np.array([-1000.0, 0.0, 1000.0])).sigmoid()
    assert np.allclose(s.data, [0.0, 0.5, 1.0])


def test_from_op_defines_a_new_operation():
    def sin(t):
        return Tensor.from_op(np.sin(t.data), (t,), lambda g: (g * np.cos(t.data),), "sin")

    x = RNG.normal(size=(2, 3))
    _assert_gradients_match(sin, x)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_property_unbroadcast_inverts_broadcasting(data):
    shape = data.draw(st.lists(st.integers(1, 4), min_size=0, max_size=3).map(tuple))
    other = data.draw(broadcastable_shapes(shape, min_side=1, max_side=4))
    full = np.broadcast_shapes(shape, other)
    g = data.draw(arrays(np.float64, full, elements=st.floats(-10, 10)))
    reduced = unbroadcast(g, shape)
    assert reduced.shape == shape
    # Summing back preserves the total: each entry counts once.
    assert np.isclose(reduced.sum(), g.sum())


# ---------------------------------------------------------------- bad input


def test_bad_input_gets_clear_errors():
    with pytest.raises(TypeError, match="only floating-point data can require a gradient"):
        Tensor(np.array([1, 2, 3]), requires_grad=True)
    with pytest.raises(TypeError, match="holds numbers"):
        Tensor(["a", "b"])
    x = Tensor(np.ones((2, 3)), requires_grad=True)
    with pytest.raises(ValueError, match="needs a gradient for a non-scalar output"):
        (x * 2.0).backward()
    with pytest.raises(ValueError, match=r"grad must have shape \(2, 3\)"):
        (x * 2.0).backward(np.ones(3))
    with pytest.raises(RuntimeError, match="does not require a gradient"):
        Tensor(1.0).backward()
    with pytest.raises(ValueError, match="log needs positive entries"):
        Tensor(np.array([1.0, -1.0])).log()
    with pytest.raises(TypeError, match="exponent"):
        x ** Tensor(2.0)
    with pytest.raises(ValueError, match="targets must lie in"):
        cross_entropy(Tensor(np.zeros((2, 3))), np.array([0, 3]))
    with pytest.raises(ValueError, match="integer class labels"):
        cross_entropy(Tensor(np.zeros((2, 3))), np.array([0.0, 1.0]))
    bad = Tensor.from_op(np.ones(2), (x,), lambda g: (np.ones(5),), "bad")
    with pytest.raises(ValueError, match="backward rule of bad returned a gradient of shape"):
        bad.sum().backward()
