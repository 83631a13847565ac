"""engine.step: the loss and its gradient, written once.

Every loss path (plain, fused with its output activation, the perceptron rule with straight-through
estimation, the l1/l2 penalty) is checked against central differences and against PyTorch; and
training, the gradient check, explain and the walkthrough are shown to take their numbers from it.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from nnstudio.engine import activations, losses
from nnstudio.engine.gradcheck import gradcheck, network_gradcheck
from nnstudio.engine.step import LossStep, Objective, add_penalty_grads, penalty, penalty_gradient
from nnstudio.engine.training import Split, evaluate, train
from nnstudio.engine.optimizers import make_optimizer
from nnstudio.project.compile import compile_project
from nnstudio.project.model import Edge, Node, Project

TOL = 1e-6
N, IN, K = 6, 3, 3

# (loss, output activation): fused when the activation is the one the loss fuses with.
PATHS = [("half_sse", "linear"), ("mse", "tanh"), ("binary_crossentropy", "sigmoid"),
         ("categorical_crossentropy", "softmax"), ("sparse_categorical_crossentropy", "softmax"),
         ("categorical_crossentropy", "sigmoid")]


def dense_project(loss: str, act: str, *, l1: float = 0.0, l2: float = 0.0, optimizer: str = "sgd",
                  units: int = K) -> Project:
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": [IN]}),
               Node("d", "dense", config={"units": units, "activation": act})]
    p.edges = [Edge("e", "x", "d")]
    p.inputs, p.outputs = ["x"], ["d"]
    p.training.loss = loss
    p.training.seed = 5
    p.training.regularization = {"l1": l1, "l2": l2}
    p.training.optimizer = {"kind": optimizer, "lr": 0.5 if optimizer == "sgd" else 1.0}
    return p


def batch(loss: str, seed: int = 0, units: int = K) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, IN))
    if loss == "sparse_categorical_crossentropy":
        t = rng.integers(0, units, (N, 1)).astype(np.float64)
    elif loss == "categorical_crossentropy":
        t = np.eye(units)[rng.integers(0, units, N)]
    elif loss == "binary_crossentropy":
        t = rng.uniform(0, 1, (N, units)).round(1)
    else:
        t = rng.standard_normal((N, units))
    return x, t


def compiled(loss: str, act: str, **kw):
    model = compile_project(dense_project(loss, act, **kw), check=False)
    return model, model.network.by_name["d"].layer


# --- central differences -----------------------------------------------------------------------
@pytest.mark.parametrize("loss,act", PATHS)
def test_signal_is_the_gradient_of_the_loss(loss, act):
    """Unfused (z None) the signal is dL/dy; fused it is dL/dz of the loss computed from z."""
    x, t = batch(loss)
    z = x @ np.random.default_rng(1).standard_normal((IN, K))
    step = LossStep(None, Objective(loss))   # type: ignore[arg-type]  # no network needed for signal
    y = activations.softmax(z) if act == "softmax" else activations.forward(act, z)
    assert gradcheck(lambda y_: step.signal(y_, t, None), y)["x"] < TOL
    if losses.FUSES_WITH.get(loss) == act:
        err = gradcheck(lambda z_: step.signal(activations.softmax(z_) if act == "softmax"
                                               else activations.forward(act, z_), t, z_), z)
        assert err["x"] < TOL


@pytest.mark.parametrize("loss,act", PATHS)
@pytest.mark.parametrize("l1,l2", [(0.0, 0.0), (0.03, 0.0), (0.0, 0.07), (0.02, 0.05)])
def test_backward_fills_the_gradient_of_loss_plus_penalty(loss, act, l1, l2):
    model, layer = compiled(loss, act, l1=l1, l2=l2)
    assert (model.objective.fused_layer is layer) == (losses.FUSES_WITH.get(loss) == act)
    x, t = batch(loss, seed=2)
    err = network_gradcheck(model.network, model.objective, [x], t)
    assert max(err.values()) < TOL, err


def test_gradcheck_checks_true_gradients_even_under_the_perceptron_rule():
    model, _ = compiled("half_sse", "tanh", optimizer="perceptron")
    assert model.objective.perceptron
    x, t = batch("half_sse", seed=3)
    assert max(network_gradcheck(model.network, model.objective, [x], t).values()) < TOL


# --- the perceptron rule -----------------------------------------------------------------------
@pytest.mark.parametrize("act,loss", [("step", "half_sse"), ("step", "mse"), ("step", "binary_crossentropy"),
                                      ("sign", "half_sse"), ("sign", "mse")])    # sign's −1 has no log
def test_perceptron_rule_passes_out_minus_target_straight_through(act, loss):
    model, layer = compiled(loss, act, optimizer="perceptron", units=1)
    x, t = batch("binary_crossentropy", seed=4, units=1)
    t = (t > 0.5).astype(np.float64)
    step = LossStep(model.network, model.objective)
    y = model.network.forward([x], True)
    value, dy = step.loss(y, t)
    assert value == losses.compute(loss, y, t, None)[0]        # the loss is still reported
    np.testing.assert_array_equal(dy, (y - t) / N)
    step.backward(dy)
    # Straight through step/sign: ∂/∂W = xᵀ·(y − t)/m, Rosenblatt's rule.
    np.testing.assert_allclose(layer.grads["W"], x.T @ ((y - t) / N), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(layer.grads["b"], ((y - t) / N).sum(axis=0), rtol=1e-12, atol=1e-15)
    assert not any(lay.straight_through for lay in model.network.layers())


def test_without_the_perceptron_rule_step_has_zero_gradient():
    model, layer = compiled("half_sse", "step", units=1)
    x, t = batch("half_sse", seed=4, units=1)
    step = LossStep(model.network, model.objective)
    step.backward(step.loss(model.network.forward([x], True), t)[1])
    assert not layer.grads["W"].any()


# --- the penalty -------------------------------------------------------------------------------
def test_penalty_value_and_its_gradient_for_one_weight_array():
    model, layer = compiled("mse", "tanh", l1=0.03, l2=0.07)
    obj = model.objective
    W = layer.params["W"]
    assert penalty(model.network, obj) == pytest.approx(0.07 * (W ** 2).sum() + 0.03 * np.abs(W).sum(), rel=1e-14)
    assert LossStep(model.network, obj).penalty() == penalty(model.network, obj)
    assert penalty(model.network, replace(obj, l1=0.0, l2=0.0)) == 0.0
    g = np.random.default_rng(6).standard_normal(W.shape)
    layer.grads["W"][...] = g
    layer.grads["b"][...] = 0.0
    add_penalty_grads(model.network, obj)
    # The walkthrough's per-weight form adds the same terms in the same order: equal to the bit.
    np.testing.assert_array_equal(layer.grads["W"], penalty_gradient(g, W, obj))
    assert not layer.grads["b"].any()                           # biases are not penalised


# --- PyTorch -----------------------------------------------------------------------------------
def torch_loss(torch, loss: str, act: str, z, t):
    F = torch.nn.functional
    n = z.shape[0]
    tt = torch.tensor(t)
    if loss == "half_sse":
        return 0.5 * ((z - tt) ** 2).sum() / n
    y = torch.tanh(z) if act == "tanh" else torch.sigmoid(z) if act == "sigmoid" else z
    if loss == "mse":
        return F.mse_loss(y, tt)
    if loss == "binary_crossentropy":
        return F.binary_cross_entropy_with_logits(z, tt)
    if loss == "sparse_categorical_crossentropy":
        return F.cross_entropy(z, tt.reshape(-1).long())
    if act == "softmax":
        return F.cross_entropy(z, tt)                           # soft targets: −Σ t·log softmax(z)
    return -(tt * torch.log(y)).sum() / n


@pytest.mark.parametrize("loss,act", PATHS)
@pytest.mark.parametrize("l1,l2", [(0.0, 0.0), (0.02, 0.05)])
def test_value_and_grads_equal_pytorch(torch, loss, act, l1, l2):
    model, layer = compiled(loss, act, l1=l1, l2=l2)
    x, t = batch(loss, seed=7)
    W = torch.tensor(layer.params["W"].copy(), requires_grad=True)
    b = torch.tensor(layer.params["b"].copy(), requires_grad=True)
    reference = torch_loss(torch, loss, act, torch.tensor(x) @ W + b, t) + l2 * (W ** 2).sum() + l1 * W.abs().sum()
    reference.backward()
    step = LossStep(model.network, model.objective)
    value, dy = step.loss(model.network.forward([x], True), t)
    step.backward(dy)
    assert value + step.penalty() == pytest.approx(reference.item(), rel=1e-12)
    np.testing.assert_allclose(layer.grads["W"], W.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(layer.grads["b"], b.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_perceptron_rule_equals_a_straight_through_estimator_in_pytorch(torch):
    """The rule is the gradient of ½·Σ(y − t)²/m with step's derivative taken as 1."""
    model, layer = compiled("half_sse", "step", optimizer="perceptron", units=1)
    x, t = batch("half_sse", seed=8, units=1)
    t = (t > 0).astype(np.float64)
    W = torch.tensor(layer.params["W"].copy(), requires_grad=True)
    b = torch.tensor(layer.params["b"].copy(), requires_grad=True)
    z = torch.tensor(x) @ W + b
    y = z + ((z >= 0).double() - z).detach()                    # forward: step; backward: identity
    (0.5 * ((y - torch.tensor(t)) ** 2).sum() / N).backward()
    step = LossStep(model.network, model.objective)
    out = model.network.forward([x], True)
    np.testing.assert_array_equal(out, y.detach().numpy())
    step.backward(step.loss(out, t)[1])
    np.testing.assert_allclose(layer.grads["W"], W.grad.numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(layer.grads["b"], b.grad.numpy(), rtol=1e-12, atol=1e-15)


# --- its users ---------------------------------------------------------------------------------
@pytest.mark.parametrize("loss,act", PATHS)
def test_training_and_evaluate_take_the_step(loss, act):
    """The first batch's loss is the step's (penalty included) and one SGD update is lr·grad."""
    model, layer = compiled(loss, act, l1=0.01, l2=0.02)
    x, t = batch(loss, seed=9)
    step = LossStep(model.network, model.objective)
    value, dy = step.loss(model.network.forward([x], True), t)
    step.backward(dy)
    expected_w, expected_loss = layer.params["W"] - 0.5 * layer.grads["W"], value + step.penalty()
    assert evaluate(model.network, model.objective, Split([x], t))[0] == expected_loss
    opt = make_optimizer("sgd", model.network.trainables(), lr=0.5)
    reports = list(train(model.network, model.objective, opt, Split([x], t), epochs=1, batch_reports=True))
    assert reports[0].batch_losses == (expected_loss,)
    np.testing.assert_array_equal(layer.params["W"], expected_w)
