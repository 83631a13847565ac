"""The training generator (engine/training.py): reports, stopping, divergence, repeatability,
accuracy, validation, live learning-rate changes and the perceptron rule."""
from __future__ import annotations

import math

import numpy as np
import pytest

from nnstudio.engine import losses, metrics
from nnstudio.engine.optimizers import make_optimizer
from nnstudio.engine.training import Split, evaluate, run_to_end, train
from nnstudio.project.compile import compile_project
from nnstudio.project.model import Edge, Node, Project


def project(out_act="linear", units=1, hidden: str | None = "tanh", loss="mse", seed=0) -> Project:
    p = Project()
    p.nodes.append(Node("x", "input", config={"shape": [2]}))
    p.edges.clear()
    src = "x"
    if hidden:
        p.nodes.append(Node("h", "dense", config={"units": 3, "activation": hidden}))
        p.edges.append(Edge("e0", "x", "h"))
        src = "h"
    p.nodes.append(Node("o", "dense", config={"units": units, "activation": out_act}))
    p.edges.append(Edge("e1", src, "o"))
    p.inputs, p.outputs = ["x"], ["o"]
    p.training.loss = loss
    p.training.seed = seed
    return p


def regression(n=10, seed=0) -> Split:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 2))
    return Split([x], np.tanh(x @ [[0.7], [-1.2]]) + 0.05 * rng.standard_normal((n, 1)))


def setup(p: Project | None = None, kind="sgd", **settings):
    model = compile_project(p or project(), check=False)
    opt = make_optimizer(kind, model.network.params, **({"lr": 0.1} | settings))
    return model, opt


# --- reports ----------------------------------------------------------------------------------
def test_reports_per_epoch_and_loss_before_each_update():
    """A linear model trained by hand next to the engine: every batch loss is the loss *before*
    that batch's update, and the epoch's loss is their mean over samples (batches 3, 3, 3, 1)."""
    model, opt = setup(project(hidden=None), lr=0.2)
    data = regression()
    W = model.network.state_dict()["o/W"].copy()
    b = model.network.state_dict()["o/b"].copy()
    reports = list(train(model.network, model.objective, opt, data, epochs=4, batch_size=3))
    assert [r.kind for r in reports] == ["epoch"] * 4 + ["end"]
    assert [r.epoch for r in reports] == [1, 2, 3, 4, 4]
    assert [r.step for r in reports] == [4, 8, 12, 16, 16]
    assert reports[-1].status == "finished" and reports[-1].message == ""
    x, t = data.inputs[0], data.targets
    for r in reports[:-1]:
        expected = []
        for i in range(0, 10, 3):
            xb, tb = x[i:i + 3], t[i:i + 3]
            diff = xb @ W + b - tb
            expected.append(float((diff ** 2).mean()))
            g = 2 * diff / diff.size
            W, b = W - 0.2 * xb.T @ g, b - 0.2 * g.sum(axis=0)
        np.testing.assert_allclose(r.batch_losses, expected, rtol=1e-12)
        assert r.loss == pytest.approx(np.dot(expected, [3, 3, 3, 1]) / 10, rel=1e-12)
        assert r.lr == 0.2 and r.val_loss is None and r.accuracy is None
    np.testing.assert_allclose(model.network.state_dict()["o/W"], W, rtol=1e-12)
    assert reports[-1].loss == reports[-2].loss
    assert reports[-1].elapsed >= reports[0].elapsed > 0


def test_batch_reports():
    model, opt = setup()
    reports = list(train(model.network, model.objective, opt, regression(), epochs=2, batch_size=4,
                         batch_reports=True))
    kinds = [r.kind for r in reports]
    assert kinds == ["batch"] * 3 + ["epoch"] + ["batch"] * 3 + ["epoch", "end"]
    batch = [r for r in reports if r.kind == "batch"]
    assert [r.step for r in batch] == [1, 2, 3, 4, 5, 6]
    assert [r.epoch for r in batch] == [0, 0, 0, 1, 1, 1]
    epoch1 = reports[3]
    assert tuple(r.batch_losses[0] for r in batch[:3]) == epoch1.batch_losses
    assert batch[2].loss == pytest.approx(epoch1.loss, rel=1e-15)


def test_full_batch_when_batch_size_is_zero_or_large():
    for size in (0, 10, 50):
        model, opt = setup()
        reports = list(train(model.network, model.objective, opt, regression(), epochs=3, batch_size=size))
        assert [len(r.batch_losses) for r in reports[:-1]] == [1, 1, 1]
        assert opt.steps == 3


def test_zero_epochs_finishes_without_touching_the_weights():
    model, opt = setup()
    before = model.network.state_dict()
    reports = list(train(model.network, model.objective, opt, regression(), epochs=0))
    assert len(reports) == 1 and reports[0].status == "finished" and reports[0].step == 0 and opt.steps == 0
    for k, v in model.network.state_dict().items():
        np.testing.assert_array_equal(v, before[k])


# --- stopping ----------------------------------------------------------------------------------
def test_should_stop_is_polled_between_batches():
    model, opt = setup()
    calls = []

    def should_stop():
        calls.append(1)
        return len(calls) > 6         # 4 batches in epoch 1, 2 in epoch 2, then stop

    reports = list(train(model.network, model.objective, opt, regression(), epochs=5, batch_size=3,
                         should_stop=should_stop))
    end = reports[-1]
    assert end.status == "stopped" and end.kind == "end" and end.message
    assert len(calls) == 7 and opt.steps == 6 and end.step == 6
    assert [r.kind for r in reports] == ["epoch", "end"]
    assert end.epoch == 1 and end.loss == reports[0].loss


def test_stop_before_the_first_batch_changes_nothing():
    model, opt = setup()
    before = model.network.state_dict()
    end = run_to_end(train(model.network, model.objective, opt, regression(), epochs=5, should_stop=lambda: True))
    assert end.status == "stopped" and end.step == 0 and opt.steps == 0
    for k, v in model.network.state_dict().items():
        np.testing.assert_array_equal(v, before[k])


# --- divergence --------------------------------------------------------------------------------
def _all_finite(model) -> bool:
    return all(np.isfinite(v).all() for v in model.network.state_dict().values())


def test_divergence_stops_and_keeps_finite_weights():
    """lr 1e200: epoch 1's loss is finite, its update makes the outputs ~1e200, and epoch 2's loss
    overflows to inf. The run stops there, naming epoch 2, and keeps finite weights: the ones that
    gave the last finite loss (from before the update that blew up)."""
    model, opt = setup(project(hidden=None), lr=1e200)
    data = regression()
    start = model.network.state_dict()
    with np.errstate(all="ignore"):
        reports = list(train(model.network, model.objective, opt, data, epochs=50))
    end = reports[-1]
    assert end.status == "diverged" and end.kind == "end"
    assert "epoch 2" in end.message and "inf" in end.message
    assert end.step == 1 and opt.steps == 1
    assert [r.kind for r in reports] == ["epoch", "end"] and math.isfinite(reports[0].loss)
    assert end.loss == reports[0].loss and end.epoch == 1
    assert _all_finite(model)
    assert evaluate(model.network, model.objective, data)[0] == pytest.approx(reports[0].loss, rel=1e-12)
    for k, v in model.network.state_dict().items():
        np.testing.assert_array_equal(v, start[k])


def test_divergence_in_a_mini_batch_names_epoch_and_batch():
    model, opt = setup(project(hidden=None), lr=1e200)
    data = regression()
    with np.errstate(all="ignore"):
        end = run_to_end(train(model.network, model.objective, opt, data, epochs=10, batch_size=1))
    assert end.status == "diverged" and "epoch 1, batch 2" in end.message
    assert _all_finite(model) and end.step == 1
    assert math.isfinite(evaluate(model.network, model.objective, data)[0])


def _overflow_data() -> Split:
    """Nine samples with zero gradient (x = 0, t = 0 = the output), then one whose update
    overflows to inf at lr 1e308: the blow-up happens at the last batch of an epoch, so no later
    batch of that epoch sees it."""
    x = np.zeros((10, 2))
    x[-1] = 1.0
    t = np.zeros((10, 1))
    t[-1] = 50.0
    return Split([x], t)


@pytest.mark.parametrize("epochs,batch_size", [(1, 0), (5, 1)])
def test_divergence_when_an_update_overflows(epochs, batch_size):
    """DESIGN §3: stop at a non-finite loss *and keep the last finite weights*, also when the
    overflow comes from the run's very last update."""
    p = project(hidden=None)
    p.nodes[1].params = {"W": np.zeros((2, 1)), "b": np.zeros(1)}
    model, opt = setup(p, lr=1e308)
    with np.errstate(all="ignore"):
        end = run_to_end(train(model.network, model.objective, opt, _overflow_data(), epochs=epochs,
                               batch_size=batch_size))
    assert end.status == "diverged" and end.message
    assert _all_finite(model)
    assert math.isfinite(evaluate(model.network, model.objective, _overflow_data())[0])


# --- repeatability -----------------------------------------------------------------------------
def _shuffled_run(seed: int, train_seed: int, epochs=5):
    model, opt = setup(project(seed=seed), kind="adam", lr=0.05)
    list(train(model.network, model.objective, opt, regression(), epochs=epochs, batch_size=3, shuffle=True,
               seed=train_seed))
    return model.network.state_dict()


def test_same_seed_same_weights_bit_for_bit():
    a, b = _shuffled_run(3, 9), _shuffled_run(3, 9)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    c = _shuffled_run(3, 10)         # another shuffling seed: other batches, other weights
    assert any(not np.array_equal(a[k], c[k]) for k in a)
    d = _shuffled_run(4, 9)          # another init seed: other starting weights
    assert any(not np.array_equal(a[k], d[k]) for k in a)


def test_shuffle_changes_the_order():
    model, opt = setup()
    plain = list(train(model.network, model.objective, opt, regression(), epochs=1, batch_size=3))[0]
    model, opt = setup()
    shuffled = list(train(model.network, model.objective, opt, regression(), epochs=1, batch_size=3,
                          shuffle=True, seed=1))[0]
    assert plain.batch_losses[0] != shuffled.batch_losses[0]


def test_resume_without_shuffle_equals_one_run():
    model, opt = setup(kind="adam", lr=0.05)
    list(train(model.network, model.objective, opt, regression(), epochs=6, batch_size=3))
    once = model.network.state_dict()
    model, opt = setup(kind="adam", lr=0.05)
    list(train(model.network, model.objective, opt, regression(), epochs=3, batch_size=3))
    reports = list(train(model.network, model.objective, opt, regression(), epochs=6, batch_size=3, start_epoch=3))
    assert [r.epoch for r in reports] == [4, 5, 6, 6]
    for k, v in model.network.state_dict().items():
        np.testing.assert_array_equal(v, once[k])


def test_resume_with_shuffle_equals_one_run():
    """Shuffling is seeded per (seed, epoch): pausing and resuming changes nothing."""
    model, opt = setup()
    list(train(model.network, model.objective, opt, regression(), epochs=6, batch_size=3, shuffle=True, seed=2))
    once = model.network.state_dict()
    model, opt = setup()
    list(train(model.network, model.objective, opt, regression(), epochs=3, batch_size=3, shuffle=True, seed=2))
    list(train(model.network, model.objective, opt, regression(), epochs=6, batch_size=3, shuffle=True, seed=2,
               start_epoch=3))
    for k, v in model.network.state_dict().items():
        np.testing.assert_array_equal(v, once[k])


# --- accuracy ----------------------------------------------------------------------------------
def test_metrics_correct_by_kind():
    y = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    onehot = np.array([[0, 1, 0], [0, 1, 0], [0, 0, 1]])
    assert metrics.correct("argmax", y, onehot) == 2
    assert metrics.correct("sparse", y, np.array([[1], [1], [2]])) == 2
    assert metrics.correct("threshold", np.array([[0.5], [0.49], [0.9], [0.1]]), np.array([[1], [1], [0], [0]])) == 2
    assert metrics.correct("exact", np.array([[1.0, -1.0], [1.0, 1.0]]), np.array([[1, -1], [1, -1]])) == 1
    assert metrics.correct(None, y, onehot) == 0
    with pytest.raises(KeyError):
        metrics.correct("nope", y, onehot)


@pytest.mark.parametrize("loss,out_act,units,kind", [
    ("sparse_categorical_crossentropy", "softmax", 3, "sparse"),
    ("categorical_crossentropy", "softmax", 3, "argmax"),
    ("binary_crossentropy", "sigmoid", 1, "threshold"),
    ("half_sse", "sigmoid", 1, "threshold"),
    ("mse", "step", 1, "exact"),
    ("mse", "linear", 1, None),
])
def test_accuracy_kind_and_value(loss, out_act, units, kind):
    model, opt = setup(project(out_act, units, loss=loss, seed=1), lr=0.5)
    assert model.objective.accuracy == kind
    rng = np.random.default_rng(5)
    x = rng.standard_normal((12, 2))
    cls = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int)
    t = {"sparse": cls.reshape(-1, 1).astype(float), "argmax": np.eye(3)[cls]}.get(
        kind, (cls > 0).reshape(-1, 1).astype(float))
    data = Split([x], t)
    y0 = model.network.forward([x]).copy()
    first = list(train(model.network, model.objective, opt, data, epochs=1))[0]
    if kind is None:
        assert first.accuracy is None
    else:
        assert first.accuracy == metrics.correct(kind, y0, t) / 12      # counted on the outputs before the update
        _, acc, y1 = evaluate(model.network, model.objective, data)
        assert acc == metrics.correct(kind, y1, t) / 12


# --- validation --------------------------------------------------------------------------------
def test_validation_loss_and_accuracy_reported():
    model, opt = setup(project("sigmoid", loss="binary_crossentropy"), lr=0.5)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((14, 2))
    t = (x.sum(axis=1, keepdims=True) > 0).astype(float)
    data, val = Split([x[:10]], t[:10]), Split([x[10:]], t[10:])
    model.objective.l2 = 0.01
    reports = list(train(model.network, model.objective, opt, data, val, epochs=3))
    assert all(r.val_loss is not None and r.val_accuracy is not None for r in reports)
    value, acc, y = evaluate(model.network, model.objective, val)
    assert reports[-2].val_loss == value and reports[-2].val_accuracy == acc
    # evaluate = the loss on the outputs (fused: from z) + the l2 penalty.
    z = model.objective.fused_layer.preactivation()
    W = model.network.state_dict()
    pen = 0.01 * sum(float((W[k] ** 2).sum()) for k in ("h/W", "o/W"))
    assert value == pytest.approx(losses.compute("binary_crossentropy", y, val.targets, z)[0] + pen, rel=1e-12)
    assert reports[0].val_loss != reports[1].val_loss


def test_no_validation_split_reports_none():
    model, opt = setup()
    for r in train(model.network, model.objective, opt, regression(), Split([np.zeros((0, 2))], np.zeros((0, 1))),
                   epochs=2):
        assert r.val_loss is None and r.val_accuracy is None


# --- learning rate -----------------------------------------------------------------------------
def test_changing_lr_mid_run_applies_at_the_next_batch():
    model, opt = setup(lr=0.1)
    after_first = None
    lrs = []
    for r in train(model.network, model.objective, opt, regression(), epochs=3, batch_size=3, batch_reports=True):
        lrs.append(r.lr)
        if r.kind == "batch" and r.step == 1:
            after_first = model.network.state_dict()
            opt.settings["lr"] = 0.0
    assert lrs[0] == 0.1 and set(lrs[1:]) == {0.0}
    for k, v in model.network.state_dict().items():
        np.testing.assert_array_equal(v, after_first[k])


def test_changing_lr_scales_the_next_step():
    model, opt = setup(project(hidden=None), lr=0.1)
    data = regression()
    x, t = data.inputs[0], data.targets
    gen = train(model.network, model.objective, opt, data, epochs=2, batch_reports=True)
    assert next(gen).lr == 0.1
    state = model.network.state_dict()
    W1, b1 = state["o/W"], state["o/b"]
    opt.settings["lr"] = 0.3
    assert next(gen).kind == "epoch"
    r = next(gen)                                   # epoch 2's only batch
    assert r.kind == "batch" and r.lr == 0.3
    g = 2 * (x @ W1 + b1 - t) / t.size
    np.testing.assert_allclose(model.network.state_dict()["o/W"], W1 - 0.3 * x.T @ g, rtol=1e-12)
    np.testing.assert_allclose(model.network.state_dict()["o/b"], b1 - 0.3 * g.sum(axis=0), rtol=1e-12)
    gen.close()


def test_schedule_reported_lr():
    model, opt = setup(lr=0.4)
    reports = list(train(model.network, model.objective, opt, regression(), epochs=5,
                         schedule={"kind": "step", "step_size": 2, "gamma": 0.5}))
    assert [r.lr for r in reports[:-1]] == [0.4, 0.4, 0.2, 0.2, 0.1]


# --- the perceptron rule -----------------------------------------------------------------------
AND_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND_T = np.array([[0.0], [0.0], [0.0], [1.0]])


def _perceptron(act: str = "step") -> Project:
    p = Project()
    p.nodes += [Node("x1", "input", config={"shape": [1]}), Node("x2", "input", config={"shape": [1]}),
                Node("y", "neuron", config={"activation": act}, params={"b": np.array(0.0)})]
    p.edges += [Edge("w1", "x1", "y", 0.0), Edge("w2", "x2", "y", 0.0)]
    p.inputs, p.outputs = ["x1", "x2"], ["y"]
    p.training.loss = "mse"
    p.training.optimizer = {"kind": "perceptron", "lr": 1.0}
    return p


def _rosenblatt(x, t, epochs, act="step"):
    """The rule by hand: w += lr·(t − y)·x, b += lr·(t − y), one sample at a time, in order."""
    w, b = np.zeros(2), 0.0
    history = []
    for _ in range(epochs):
        for xi, ti in zip(x, t[:, 0]):
            z = xi @ w + b
            y = (1.0 if z >= 0 else 0.0) if act == "step" else (1.0 if z >= 0 else -1.0)
            w, b = w + (ti - y) * xi, b + (ti - y)
        history.append((w.copy(), b))
    return history


def test_perceptron_learns_and_from_zero_weights():
    model = compile_project(_perceptron(), check=False)
    assert model.objective.perceptron and model.objective.accuracy == "exact"
    opt = make_optimizer("perceptron", model.network.params, lr=1.0)
    data = Split([AND_X[:, :1], AND_X[:, 1:]], AND_T)
    hand = _rosenblatt(AND_X, AND_T, 20)
    reports = []
    for r in train(model.network, model.objective, opt, data, epochs=20, batch_size=1):
        if r.kind == "epoch":
            w, b = hand[r.epoch - 1]
            weights = model.edge_weights()
            assert (weights["w1"], weights["w2"], float(model.node_params()["y"]["b"])) == (w[0], w[1], b)
        reports.append(r)
    assert reports[-1].status == "finished"
    np.testing.assert_array_equal(model.network.forward(data.inputs), AND_T)
    solved = [r.epoch for r in reports if r.kind == "epoch" and r.accuracy == 1.0]
    assert solved and solved[0] < 20
    assert not model.network.layers()[0].straight_through       # switched off after the run


def test_perceptron_with_sign_outputs():
    p = _perceptron("sign")
    model = compile_project(p, check=False)
    opt = make_optimizer("perceptron", model.network.params, lr=0.5)
    t = 2 * AND_T - 1
    data = Split([AND_X[:, :1], AND_X[:, 1:]], t)
    end = run_to_end(train(model.network, model.objective, opt, data, epochs=20, batch_size=1))
    assert end.status == "finished" and end.accuracy == 1.0
    np.testing.assert_array_equal(model.network.forward(data.inputs), t)


def test_step_units_do_not_learn_by_gradient():
    """With sgd the step's zero gradient leaves the weights alone; only the perceptron rule moves them."""
    p = _perceptron()
    p.training.optimizer = {"kind": "sgd", "lr": 1.0}
    model = compile_project(p, check=False)
    opt = make_optimizer("sgd", model.network.params, lr=1.0)
    assert not model.objective.perceptron
    end = run_to_end(train(model.network, model.objective, opt, Split([AND_X[:, :1], AND_X[:, 1:]], AND_T),
                           epochs=5, batch_size=1))
    assert end.status == "finished"
    assert model.edge_weights() == {"w1": 0.0, "w2": 0.0} and float(model.node_params()["y"]["b"]) == 0.0
