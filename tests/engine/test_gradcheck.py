"""Every backward pass of the engine against central differences (engine/gradcheck.py)."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine import activations, losses
from nnstudio.engine.gradcheck import gradcheck, network_gradcheck, numeric_gradient, relative_error
from nnstudio.engine.layers import Activation, Dense, Dropout, Flatten
from nnstudio.engine.step import Objective
from nnstudio.project.compile import compile_project
from nnstudio.project.model import Edge, Node, Project

TOL = 1e-6
ALPHA = {"leaky_relu": 0.1, "elu": 1.3}
KINKED = {"relu", "leaky_relu", "prelu", "elu"}
ACTS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "softmax"]


def _away_from_kinks(z: np.ndarray, margin: float = 1e-3) -> None:
    assert np.abs(z).min() > margin, "test data put a pre-activation on a kink"


def _dense(act: str, rng, n_in=3, units=4) -> Dense:
    alpha = rng.uniform(0.1, 0.4, units) if act == "prelu" else ALPHA.get(act, 0.0)
    return Dense(rng.standard_normal((n_in, units)), rng.standard_normal(units), act, alpha)


# --- the checker itself ------------------------------------------------------------------------
def test_relative_error_is_relative_with_a_floor():
    assert relative_error(np.array([1.0, 100.0]), np.array([1.0, 101.0])) == pytest.approx(1 / 101)
    assert relative_error(np.array([1e-9]), np.array([2e-9]), floor=1e-4) == pytest.approx(1e-5)
    with pytest.raises(ValueError):
        relative_error(np.zeros(2), np.zeros(3))


def test_numeric_gradient_of_a_known_function_and_restores_the_array():
    a = np.array([[0.5, -1.0], [2.0, 0.25]])
    before = a.copy()
    g = numeric_gradient(lambda: float((a ** 3).sum()), a)
    np.testing.assert_allclose(g, 3 * before ** 2, rtol=1e-8)
    np.testing.assert_array_equal(a, before)


def test_gradcheck_catches_a_wrong_backward():
    class Broken(Dense):
        def backward(self, dy):
            dx = super().backward(dy)
            self.grads["b"] *= 1.01
            return dx * 2

    rng = np.random.default_rng(0)
    err = gradcheck(Broken(rng.standard_normal((3, 2)), rng.standard_normal(2), "tanh"), rng.standard_normal((4, 3)))
    assert err["x"] > 0.4
    assert err["b"] > 5e-3
    assert err["W"] < TOL


def test_gradcheck_refuses_float32_and_fused_layers():
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError):
        gradcheck(Dense(rng.standard_normal((2, 2)).astype(np.float32)), np.ones((1, 2)))
    layer = _dense("softmax", rng)
    layer.fused_output = True
    with pytest.raises(ValueError):
        gradcheck(layer, np.ones((1, 3)))


# --- layers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("act", ACTS)
def test_dense_each_activation(act):
    rng = np.random.default_rng(ACTS.index(act))
    layer = _dense(act, rng)
    x = rng.standard_normal((6, 3))
    if act in KINKED:
        _away_from_kinks(x @ layer.params["W"] + layer.params["b"])
    err = gradcheck(layer, x, seed=1)
    expected = {"x", "W", "b"} | ({"alpha"} if act == "prelu" else set())
    assert set(err) == expected
    assert max(err.values()) < TOL, err


@pytest.mark.parametrize("act", ["prelu", "leaky_relu", "elu", "relu"])
def test_dense_kinked_activations_see_both_sides(act):
    """Half the pre-activations negative, half positive: both branches of the derivative run."""
    rng = np.random.default_rng(3)
    layer = _dense(act, rng, n_in=2, units=3)
    x = rng.standard_normal((40, 2))
    z = x @ layer.params["W"] + layer.params["b"]
    keep = np.abs(z).min(axis=1) > 1e-3
    x = x[keep]
    z = z[keep]
    assert (z < 0).sum() > 10 and (z > 0).sum() > 10
    err = gradcheck(layer, x)
    assert max(err.values()) < TOL, err
    if act == "prelu":
        # The slope's gradient is Σ over negative z of dy·z; it must not vanish.
        layer.forward(x)
        layer.backward(np.ones_like(z))
        np.testing.assert_allclose(layer.grads["alpha"], np.where(z < 0, z, 0).sum(axis=0), rtol=1e-12)


@pytest.mark.parametrize("act", ["step", "sign"])
def test_dense_step_and_sign(act):
    """Zero gradient (matching the flat function away from z = 0); the perceptron rule's
    straight-through mode passes dL/dy unchanged as dL/dz instead."""
    rng = np.random.default_rng(30)
    layer = _dense(act, rng)
    x = rng.standard_normal((5, 3))
    _away_from_kinks(x @ layer.params["W"] + layer.params["b"])
    err = gradcheck(layer, x)
    assert max(err.values()) < TOL
    assert not layer.grads["W"].any() and not layer.grads["b"].any()
    layer.straight_through = True
    layer.forward(x)
    dy = rng.standard_normal((5, 4))
    dx = layer.backward(dy)
    np.testing.assert_allclose(layer.grads["W"], x.T @ dy, rtol=1e-12)
    np.testing.assert_allclose(dx, dy @ layer.params["W"].T, rtol=1e-12)


def test_dense_without_bias_and_on_sequences():
    rng = np.random.default_rng(4)
    layer = Dense(rng.standard_normal((3, 2)), None, "tanh")
    err = gradcheck(layer, rng.standard_normal((2, 5, 3)))          # (batch, time, features)
    assert set(err) == {"x", "W"} and max(err.values()) < TOL, err


def test_dense_without_input_grad_still_fills_param_grads():
    rng = np.random.default_rng(5)
    layer = _dense("sigmoid", rng)
    layer.need_input_grad = False
    err = gradcheck(layer, rng.standard_normal((4, 3)))
    assert set(err) == {"W", "b"} and max(err.values()) < TOL


def test_masked_dense():
    """A neuron group: W is zero where no edge exists; grads are computed for every entry (the
    optimiser applies the mask), so backward must agree with the numbers everywhere."""
    rng = np.random.default_rng(6)
    mask = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1]], dtype=bool)
    W = np.where(mask, rng.standard_normal(mask.shape), 0.0)
    layer = Dense(W, rng.standard_normal(3), "sigmoid", w_trainable=mask, b_trainable=np.array([True, False, True]))
    err = gradcheck(layer, rng.standard_normal((5, 4)))
    assert max(err.values()) < TOL, err
    assert np.abs(layer.grads["W"][~mask]).max() > 1e-3     # gradients exist where weights are frozen


@pytest.mark.parametrize("act", ACTS)
def test_activation_layer(act):
    rng = np.random.default_rng(10 + ACTS.index(act))
    alpha = rng.uniform(0.1, 0.4, 5) if act == "prelu" else ALPHA.get(act, 0.0)
    layer = Activation(act, alpha)
    x = rng.standard_normal((4, 5))
    if act in KINKED:
        x = np.where(np.abs(x) < 1e-2, 0.5, x)
    err = gradcheck(layer, x)
    assert set(err) == ({"x", "alpha"} if act == "prelu" else {"x"})
    assert max(err.values()) < TOL, err


def test_activation_layer_prelu_with_one_shared_slope():
    rng = np.random.default_rng(20)
    layer = Activation("prelu", 0.2)
    x = np.where(np.abs(y := rng.standard_normal((3, 4))) < 1e-2, -0.3, y)
    err = gradcheck(layer, x)
    assert layer.params["alpha"].shape == () and max(err.values()) < TOL, err


def test_dropout_with_a_fixed_mask():
    class FixedMask(Dropout):
        def forward(self, x, training=False):
            self.rng = np.random.default_rng(123)      # the same mask at every call
            return super().forward(x, training)

    layer = FixedMask(0.4, np.random.default_rng(0))
    x = np.random.default_rng(1).standard_normal((20, 6))
    y = layer.forward(x, training=True)
    dropped = y == 0
    assert 0.2 < dropped.mean() < 0.6
    np.testing.assert_allclose(y[~dropped], x[~dropped] / 0.6, rtol=1e-15)
    err = gradcheck(layer, x, training=True)
    assert err["x"] < TOL
    dx = layer.backward(np.ones_like(x))
    np.testing.assert_array_equal(dx == 0, dropped)


def test_dropout_is_the_identity_outside_training():
    layer = Dropout(0.5, np.random.default_rng(0))
    x = np.random.default_rng(1).standard_normal((4, 3))
    np.testing.assert_array_equal(layer.forward(x, training=False), x)
    dy = np.random.default_rng(2).standard_normal((4, 3))
    np.testing.assert_array_equal(layer.backward(dy), dy)
    assert gradcheck(layer, x)["x"] < TOL


def test_flatten():
    layer = Flatten()
    x = np.random.default_rng(0).standard_normal((2, 3, 4, 5))
    assert layer.forward(x).shape == (2, 60)
    assert layer.backward(np.zeros((2, 60))).shape == x.shape
    assert gradcheck(layer, x)["x"] < TOL


# --- losses -----------------------------------------------------------------------------------
def _loss_case(name: str, rng):
    n, k = 5, 3
    if name == "sparse_categorical_crossentropy":
        t = rng.integers(0, k, (n, 1)).astype(np.float64)
    elif name == "categorical_crossentropy":
        t = np.eye(k)[rng.integers(0, k, n)]
    elif name == "binary_crossentropy":
        t = rng.uniform(0, 1, (n, k)).round(1)
    else:
        t = rng.standard_normal((n, k))
    return rng.standard_normal((n, k)), t


@pytest.mark.parametrize("name", list(losses.LOSSES))
def test_loss_gradient_non_fused(name):
    rng = np.random.default_rng(len(name))
    z, t = _loss_case(name, rng)
    # Probabilities for the cross-entropies (a softmax row or sigmoids), anything for the others.
    y = activations.softmax(z) if "categorical" in name else activations.forward("sigmoid", z) \
        if name == "binary_crossentropy" else z
    err = gradcheck(lambda y_: losses.compute(name, y_, t), y)
    assert err["x"] < TOL, err


@pytest.mark.parametrize("name", sorted(losses.FUSES_WITH))
def test_loss_gradient_fused(name):
    """Fused: value from z, gradient with respect to z; equal to the unfused loss of f(z)."""
    rng = np.random.default_rng(len(name) + 1)
    z, t = _loss_case(name, rng)
    act = losses.FUSES_WITH[name]

    def fused(z_):
        return losses.compute(name, activations.forward(act, z_), t, z_)

    err = gradcheck(fused, z)
    assert err["x"] < TOL, err
    y = activations.forward(act, z)
    value, grad = fused(z)
    unfused, dy = losses.compute(name, y, t)
    assert value == pytest.approx(unfused, rel=1e-12)
    dz, _ = activations.backward(act, z, y, dy)
    np.testing.assert_allclose(grad, dz, rtol=1e-9, atol=1e-15)


def test_fused_categorical_crossentropy_with_soft_and_multi_hot_targets():
    rng = np.random.default_rng(9)
    z = rng.standard_normal((4, 3))
    for t in (rng.dirichlet(np.ones(3), 4), (rng.uniform(size=(4, 3)) > 0.4).astype(float), rng.uniform(0, 2, (4, 3))):
        err = gradcheck(lambda z_: losses.compute("categorical_crossentropy", activations.softmax(z_), t, z_), z)
        assert err["x"] < TOL, (t, err)


def test_loss_values_by_hand():
    y = np.array([[0.2, 0.7], [0.4, 0.1]])
    t = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert losses.compute("half_sse", y, t)[0] == pytest.approx(0.5 * (0.04 + 0.09 + 0.36 + 0.01) / 2)
    assert losses.compute("mse", y, t)[0] == pytest.approx((0.04 + 0.09 + 0.36 + 0.01) / 4)
    bce = -(np.log(0.8) + np.log(0.7) + np.log(0.4) + np.log(0.9)) / 4
    assert losses.compute("binary_crossentropy", y, t)[0] == pytest.approx(bce)
    assert losses.compute("categorical_crossentropy", y, t)[0] == pytest.approx(-(np.log(0.7) + np.log(0.4)) / 2)
    idx = np.array([[1], [0]])
    sparse = losses.compute("sparse_categorical_crossentropy", y, idx)[0]
    assert sparse == pytest.approx(-(np.log(0.7) + np.log(0.4)) / 2)


# --- whole networks ---------------------------------------------------------------------------
def _skip_graph(loss: str = "half_sse", l1: float = 0.0, l2: float = 0.0, o2_act: str = "linear") -> Project:
    """i (2 values) and j (1 value) → hidden neurons → o1, o2, with skip edges i → o1 and j → o2,
    one frozen edge and one frozen bias."""
    p = Project()
    p.nodes += [Node("i", "input", config={"shape": [2]}), Node("j", "input", config={"shape": [1]})]
    p.nodes += [Node("h1", "neuron", config={"activation": "tanh"}, params={"b": np.array(0.1)}),
                Node("h2", "neuron", config={"activation": "tanh", "bias_trainable": False},
                     params={"b": np.array(-0.2)}),
                Node("h3", "neuron", config={"activation": "prelu", "alpha": 0.3}, params={"b": np.array(-0.4)}),
                Node("o1", "neuron", config={"activation": "sigmoid"}, params={"b": np.array(0.05)}),
                Node("o2", "neuron", config={"activation": o2_act}, params={"b": np.array(0.3)})]
    p.edges += [Edge("a", "i", "h1", np.array([0.4, -0.6])), Edge("b", "j", "h1", 0.7),
                Edge("c", "i", "h2", np.array([-0.3, 0.5]), trainable=False),
                Edge("d", "i", "h3", np.array([0.9, 0.2])),
                Edge("e", "h1", "o1", 0.8), Edge("f", "h2", "o1", -0.5), Edge("g", "i", "o1", np.array([0.25, -0.35])),
                Edge("h", "h3", "o2", 0.6), Edge("k", "h1", "o2", -0.45), Edge("m", "j", "o2", 1.1)]
    p.inputs, p.outputs = ["i", "j"], ["o1", "o2"]
    p.training.loss = loss
    p.training.regularization = {"l1": l1, "l2": l2}
    return p


def _skip_data():
    rng = np.random.default_rng(7)
    return [rng.standard_normal((6, 2)), rng.standard_normal((6, 1))], rng.uniform(0.1, 0.9, (6, 2))


@pytest.mark.parametrize("loss,l1,l2,o2_act", [("half_sse", 0.0, 0.0, "linear"), ("mse", 0.01, 0.02, "linear"),
                                               ("binary_crossentropy", 0.0, 0.05, "sigmoid")])
def test_neuron_graph_with_skip_edges(loss, l1, l2, o2_act):
    model = compile_project(_skip_graph(loss, l1, l2, o2_act), check=False)
    net = model.network
    groups = [op.layer.params["W"].shape for op in net.ops if op.layer is not None]
    # Neurons at one depth with one activation share a group: tanh (h1, h2), prelu (h3), then
    # o1 and o2 together when both are sigmoids.
    assert groups[:2] == [(3, 2), (2, 1)]
    assert groups[2:] == ([(6, 2)] if o2_act == "sigmoid" else [(4, 1), (3, 1)])
    xs, t = _skip_data()
    z = net.forward(xs)
    err = network_gradcheck(net, model.objective, xs, t)
    assert len(err) >= 4 and max(err.values()) < TOL, err
    assert z.shape == (6, 2)


def test_neuron_graph_matches_a_hand_written_forward():
    """The compiled skip graph computes exactly the formulas of its edges (guards the gradcheck
    against checking the wrong function)."""
    model = compile_project(_skip_graph(), check=False)
    (x, j), _ = _skip_data()
    got = model.network.forward([x, j])
    h1 = np.tanh(x @ [0.4, -0.6] + 0.7 * j[:, 0] + 0.1)
    h2 = np.tanh(x @ [-0.3, 0.5] - 0.2)
    z3 = x @ [0.9, 0.2] - 0.4
    h3 = np.where(z3 >= 0, z3, 0.3 * z3)
    o1 = 1 / (1 + np.exp(-(0.8 * h1 - 0.5 * h2 + x @ [0.25, -0.35] + 0.05)))
    o2 = 0.6 * h3 - 0.45 * h1 + 1.1 * j[:, 0] + 0.3
    np.testing.assert_allclose(got, np.stack([o1, o2], axis=1), rtol=1e-13)


def _layer_project(loss: str, out_act: str) -> Project:
    p = Project()
    p.nodes += [Node("x", "input", config={"shape": [2, 3]}), Node("fl", "flatten"),
                Node("d1", "dense", config={"units": 4, "activation": "elu"}),
                Node("dr", "dropout", config={"rate": 0.5}),
                Node("d2", "dense", config={"units": 3, "activation": "linear"}),
                Node("act", "activation", config={"activation": out_act})]
    p.edges += [Edge("e1", "x", "fl"), Edge("e2", "fl", "d1"), Edge("e3", "d1", "dr"), Edge("e4", "dr", "d2"),
                Edge("e5", "d2", "act"), Edge("e6", "fl", "d2")]            # skip: flatten → d2 as well
    p.inputs, p.outputs = ["x"], ["act"]
    p.training.loss = loss
    p.training.seed = 3
    return p


@pytest.mark.parametrize("loss,out_act,fused", [("categorical_crossentropy", "softmax", True),
                                                ("sparse_categorical_crossentropy", "softmax", True),
                                                ("binary_crossentropy", "sigmoid", True),
                                                ("mse", "tanh", False),
                                                ("categorical_crossentropy", "sigmoid", False)])
def test_layer_graph(loss, out_act, fused):
    model = compile_project(_layer_project(loss, out_act), check=False)
    assert (model.objective.fused_layer is not None) == fused
    rng = np.random.default_rng(8)
    x = rng.standard_normal((5, 2, 3))
    if loss == "sparse_categorical_crossentropy":
        t = rng.integers(0, 3, (5, 1)).astype(np.float64)
    elif loss == "categorical_crossentropy":
        t = np.eye(3)[rng.integers(0, 3, 5)]
    else:
        t = rng.uniform(0, 1, (5, 3))
    err = network_gradcheck(model.network, model.objective, [x], t)
    assert set(err) == {"d1/W", "d1/b", "d2/W", "d2/b"}
    assert max(err.values()) < TOL, err


def test_network_gradcheck_includes_the_penalty():
    """l1/l2 change the grads; the check must see them (a penalty-free objective would fail)."""
    model = compile_project(_skip_graph("mse", 0.05, 0.1), check=False)
    xs, t = _skip_data()
    err = network_gradcheck(model.network, model.objective, xs, t)
    assert max(err.values()) < TOL
    plain = Objective("mse")
    analytic = {p.name: p.grad.copy() for p in model.network.params}      # with the penalty
    err_plain = network_gradcheck(model.network, plain, xs, t)
    assert max(err_plain.values()) < TOL
    assert any(np.abs(analytic[p.name] - p.grad).max() > 1e-3 for p in model.network.params)
