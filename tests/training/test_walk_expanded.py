"""The Backprop walk on expanded dense layers: the same numbers as the walk of the network
converted to neurons by hand, under the ids the canvas draws; a softmax output layer walks with
the engine's own gradient; and plain reasons where it cannot walk."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnstudio.engine.optimizers import make_optimizer
from nnstudio.engine.training import run_to_end, train
from nnstudio.project.convert import to_neurons
from nnstudio.project.expansion import unit_id, weight_id
from nnstudio.project.io import load_project
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walk_expanded import (ExpandedWalk, covers, expanded_steps, walk_expanded,
                                             why_not_walk_expanded)
from nnstudio.training.walk_softmax import walk_with_heads
from nnstudio.training.walkthrough import is_neuron_level, steps, walk_sample

EXACT = dict(rtol=0, atol=1e-12)
W_HIDDEN = np.array([[0.15, -0.25, 0.3], [0.2, 0.35, -0.45], [-0.5, 0.1, 0.05]])   # rows: a, b[0], b[1]
B_HIDDEN = np.array([0.35, -0.1, 0.2])
W_OUT = np.array([[0.4, -0.5], [0.45, 0.55], [-0.3, 0.25]])
B_OUT = np.array([0.6, -0.2])
INPUTS = [[0.05, 0.10, -0.3], [0.9, -0.4, 0.2], [-0.6, 0.3, 0.7]]


def dense_net(out_activation: str = "sigmoid", loss: str = "half_sse", targets=None) -> Project:
    """a[1] and b[2] → hidden (3, sigmoid) → out (2): a 3-3-2 network as two dense layers, with
    every weight and bias given."""
    p = Project()
    p.nodes = [Node("a", "input", "a", (0, 0), {"shape": [1]}), Node("b", "input", "b", (0, 100), {"shape": [2]}),
               Node("hidden", "dense", "hidden", (200, 50), {"units": 3, "activation": "sigmoid"},
                    {"W": W_HIDDEN.copy(), "b": B_HIDDEN.copy()}),
               Node("out", "dense", "out", (400, 50), {"units": 2, "activation": out_activation},
                    {"W": W_OUT.copy(), "b": B_OUT.copy()})]
    p.edges = [Edge("ea", "a", "hidden"), Edge("eb", "b", "hidden"), Edge("eh", "hidden", "out")]
    p.inputs, p.outputs = ["a", "b"], ["out"]
    p.data = DataSpec(source={"kind": "table", "inputs": INPUTS,
                              "targets": targets or [[0.01, 0.99], [1.0, 0.0], [0.3, 0.7]]})
    p.training.loss = loss
    p.training.optimizer = {"kind": "sgd", "lr": 0.5, "momentum": 0.0}
    p.training.epochs = 1
    p.training.batch_size = 1
    return p


def by_hand(project: Project) -> tuple[Project, dict[str, str]]:
    """convert.to_neurons on hidden then out, and made id → drawn id, found from the made nodes'
    labels ("hidden 2") and their incoming edges (in edge order, a then b[0], b[1])."""
    q = to_neurons(to_neurons(project, "hidden"), "out")
    drawn: dict[str, str] = {}
    by_label = {n.label: n.id for n in q.nodes}
    for dense, units in (("hidden", 3), ("out", 2)):
        for k in range(units):
            made = by_label[f"{dense} {k + 1}"]
            drawn[made] = unit_id(dense, k)
            # hidden's edge from b carries two rows (1 and 2): it is named after its first row
            first_rows = [0, 1] if dense == "hidden" else [0, 1, 2]
            for row, e in zip(first_rows, q.incoming(made), strict=True):
                drawn[e.id] = weight_id(dense, row, k)
    return q, drawn


def reference_entries(walk, drawn: dict[str, str]) -> dict[str, tuple]:
    """drawn weight id → (w, grad, new) of the hand-converted walk, vector edges cut into entries."""
    out = {}
    for u in walk.weights:
        name = drawn[u.edge]
        dense, rest = name.split("#")
        row, unit = (int(v) for v in rest.split(">"))
        for i in range(u.w.size):
            out[weight_id(dense, row + i, unit)] = (u.w[i], u.grad[i], u.new[i])
    return out


@pytest.mark.parametrize("loss", ["half_sse", "mse"])
def test_every_number_equals_the_hand_converted_walk_id_for_id(loss):
    project = dense_net(loss=loss)
    q, drawn = by_hand(project)
    assert is_neuron_level(q) and not is_neuron_level(project)
    for sample in range(3):
        want = walk_sample(q, TrainingRun(q), sample)
        got = walk_expanded(project, {"hidden", "out"}, sample)
        assert isinstance(got, ExpandedWalk)
        assert set(got.neurons) == {drawn[i] for i in want.neurons}
        assert got.back == [drawn[i] for i in want.back]
        for made, n in want.neurons.items():
            g = got.neurons[drawn[made]]
            assert g.id == drawn[made]
            for key in ("net", "out", "d_out", "fprime", "delta", "b"):
                np.testing.assert_allclose(getattr(g, key), getattr(n, key), **EXACT, err_msg=f"{made} {key}")
        entries = reference_entries(want, drawn)
        assert {u.edge for u in got.weights} == set(entries) and len(got.weights) == 3 * 3 + 3 * 2
        for u in got.weights:
            w, grad, new = entries[u.edge]
            np.testing.assert_allclose([u.w[0], u.grad[0], u.new[0]], [w, grad, new], **EXACT, err_msg=u.edge)
            dense, rest = u.edge.split("#")
            row, unit = (int(v) for v in rest.split(">"))
            assert u.target == unit_id(dense, unit)
            W = W_HIDDEN if dense == "hidden" else W_OUT
            assert u.w[0] == W[row, unit]                       # the very entry of W the canvas draws
        want_b = {drawn[b.node]: b for b in want.biases}
        for b in got.biases:
            np.testing.assert_allclose([b.b, b.grad, b.new], [want_b[b.node].b, want_b[b.node].grad,
                                                             want_b[b.node].new], **EXACT)
        np.testing.assert_allclose(got.outputs, want.outputs, **EXACT)
        assert got.error == pytest.approx(want.error, abs=1e-12) and got.lr == want.lr == 0.5


def test_sources_are_the_drawn_units_and_the_text_reads_like_the_layer():
    walk = walk_expanded(dense_net(), {"hidden", "out"}, 0)
    terms = walk.neurons[unit_id("hidden", 2)].terms
    assert [(e, s) for e, s, _, _ in terms] == [(weight_id("hidden", 0, 2), "a"), (weight_id("hidden", 1, 2), "b#0"),
                                                (weight_id("hidden", 2, 2), "b#1")]
    np.testing.assert_array_equal([x[0] for _, _, _, x in terms], INPUTS[0])
    assert [s for _, s, _, _ in walk.neurons[unit_id("out", 0)].terms] == [unit_id("hidden", k) for k in range(3)]
    assert walk.names[unit_id("hidden", 3 - 1)] == "hidden 3"
    assert walk.names[weight_id("hidden", 1, 2)] == "hidden W[1, 2]"
    # A hidden unit's error is collected from the out units through the drawn weights, in names.
    how = walk.neurons[unit_id("hidden", 0)].d_out_how
    assert how.startswith("δout 1·out W[0, 0] + δout 2·out W[0, 1] = "), how
    laid_out = expanded_steps(walk)
    assert len(laid_out) == len(steps(walk))
    first = laid_out[0]
    assert (first.title, first.node) == ("Forward: hidden 1", unit_id("hidden", 0))
    assert first.formula.startswith("net(hidden 1) = hidden W[0, 0]·out(a) + hidden W[1, 0]·out(b 1) + ")
    split = next(s for s in laid_out if s.edge == weight_id("hidden", 2, 1))
    assert split.title == "Weight hidden W[2, 1] (b 2 → hidden 2)"
    assert "hidden#" not in " ".join(s.title + s.formula + s.working + s.result for s in laid_out)


def test_the_heads_walk_without_heads_is_the_neuron_walk():
    """walk_softmax computes a neuron network as walkthrough.walk_neurons does."""
    q, _ = by_hand(dense_net(loss="mse"))
    run = TrainingRun(q)
    want, got = walk_sample(q, run, 1), walk_with_heads(q, TrainingRun(q), 1, set())
    assert got.back == want.back
    for i, n in want.neurons.items():
        assert (got.neurons[i].net, got.neurons[i].delta, got.neurons[i].d_out_how) == (n.net, n.delta, n.d_out_how)
    assert [(u.edge, u.how) for u in got.weights] == [(u.edge, u.how) for u in want.weights]
    np.testing.assert_array_equal(np.concatenate([u.new for u in got.weights]),
                                  np.concatenate([u.new for u in want.weights]))


def engine_step(project: Project, sample: int) -> dict[str, dict[str, np.ndarray]]:
    """The dense nodes' params after the engine trains one plain SGD step on one sample."""
    run = TrainingRun(project)
    opt = make_optimizer("sgd", run.model.network.trainables(), lr=project.training.optimizer["lr"])
    data = run.all_samples().take(slice(sample, sample + 1))
    assert run_to_end(train(run.model.network, run.model.objective, opt, data, epochs=1)).status == "finished"
    return run.model.node_params()


@pytest.mark.parametrize("loss, targets", [("categorical_crossentropy", None),
                                           ("mse", None),
                                           ("sparse_categorical_crossentropy", [1, 0, 1])])
def test_a_softmax_output_layer_walks_with_the_engines_gradient(loss, targets):
    project = dense_net("softmax", loss, targets)
    assert not is_neuron_level(to_neurons(to_neurons(project, "hidden"), "out"))   # the head is no neuron
    for sample in range(3):
        walk = walk_expanded(project, {"hidden", "out"}, sample)
        assert walk is not None
        after = engine_step(project, sample)
        x = np.array(INPUTS[sample])
        h = 1 / (1 + np.exp(-(x @ W_HIDDEN + B_HIDDEN)))
        z = h @ W_OUT + B_OUT
        np.testing.assert_allclose([walk.neurons[unit_id("out", k)].net for k in range(2)], z, **EXACT)
        np.testing.assert_allclose(walk.outputs[0], np.exp(z) / np.exp(z).sum(), **EXACT)
        for u in walk.weights:
            dense, rest = u.edge.split("#")
            row, unit = (int(v) for v in rest.split(">"))
            np.testing.assert_allclose(u.new[0], after[dense]["W"][row, unit], rtol=0, atol=1e-12, err_msg=u.edge)
        for b in walk.biases:
            dense, unit = b.node.split("#")
            np.testing.assert_allclose(b.new, after[dense]["b"][int(unit)], rtol=0, atol=1e-12, err_msg=b.node)
        how = walk.neurons[unit_id("out", 1)].d_out_how
        assert how.startswith("∂E/∂z2(out)"), how


def test_why_not():
    project = dense_net()
    assert covers(project, {"hidden", "out"}) and why_not_walk_expanded(project, {"hidden", "out"}) is None
    assert why_not_walk_expanded(project, {"hidden"}) == (
        "out is not expanded: the walk goes neuron by neuron once every dense layer is open")
    assert not covers(project, set())
    q, _ = by_hand(project)
    assert why_not_walk_expanded(q, set()) == (
        "the network is made of single neurons already: the walk covers it as it is")
    assert walk_expanded(q, set(), 0) is None and walk_expanded(project, {"out"}, 0) is None
    project.nodes.append(Node("drop", "dropout"))
    project.edges.append(Edge("ed", "hidden", "drop"))
    assert why_not_walk_expanded(project, {"hidden", "out"}) == (
        "drop is a dropout block: the walk goes neuron by neuron, through dense layers only")


def test_a_layer_feeding_a_single_neuron_is_not_walked():
    """The neuron's weights on the layer are one vector edge: no drawn id names its entries."""
    project = dense_net()
    project.nodes.append(Node("o", "neuron", config={"activation": "linear"}))
    project.edges.append(Edge("eo", "hidden", "o", np.array([0.1, 0.2, 0.3])))
    project.outputs.append("o")
    project.data.source["targets"] = [row + [0.0] for row in project.data.source["targets"]]
    assert why_not_walk_expanded(project, {"hidden", "out"}) == (
        "hidden feeds the neuron o through one connection of hidden's width: convert hidden to neurons to walk "
        "through it")
    assert walk_expanded(project, {"hidden", "out"}, 0) is None


def test_a_neuron_feeding_an_expanded_layer_is_a_row_of_its_weights():
    project = dense_net()
    project.nodes.append(Node("n", "neuron", config={"activation": "tanh", "bias": 0.2}))
    project.edges.insert(0, Edge("en", "a", "n", 0.7))
    project.edges.append(Edge("nh", "n", "out"))                 # out's rows: hidden 0..2, then n
    project.node("out").params["W"] = np.vstack([W_OUT, [[0.9, -0.8]]])
    walk = walk_expanded(project, {"hidden", "out"}, 0)
    terms = walk.neurons[unit_id("out", 1)].terms
    assert [(e, s) for e, s, _, _ in terms][-1] == (weight_id("out", 3, 1), "n")
    assert terms[-1][2][0] == -0.8
    assert "en" in {u.edge for u in walk.weights} and "n" in walk.neurons


def test_a_hidden_softmax_is_not_walked():
    project = dense_net()
    project.node("hidden").config["activation"] = "softmax"
    assert why_not_walk_expanded(project, {"hidden", "out"}) == (
        "the softmax of hidden feeds other nodes, and the walk follows a softmax only at the output")


def test_names_taken_by_other_nodes_fall_back_to_the_drawn_ids():
    project = dense_net()
    project.nodes.append(Node("hidden 2", "input", config={"shape": [1]}))   # unconnected, named like a unit
    project.inputs.append("hidden 2")
    project.data.source["inputs"] = [row + [0.0] for row in INPUTS]
    walk = walk_expanded(project, {"hidden", "out"}, 0)
    plain = walk_expanded(dense_net(), {"hidden", "out"}, 0)
    assert walk.names[unit_id("hidden", 1)] == unit_id("hidden", 1)
    assert walk.names[unit_id("out", 1)] == "out 2"
    for i, n in plain.neurons.items():
        assert walk.neurons[i].delta == n.delta


def test_the_digits_example_expanded_takes_the_engines_step():
    """examples/digits_mlp.json (64 pixels → hidden relu → digit softmax, sparse cross-entropy),
    both layers expanded: every W entry and bias after the walk's step is the engine's."""
    project = load_project(Path(__file__).resolve().parents[2] / "examples" / "digits_mlp.json")
    project.training.optimizer = {"kind": "sgd", "lr": 0.1, "momentum": 0.0}
    project.training.regularization = {"l1": 0.0, "l2": 0.0}
    walk = walk_expanded(project, {"hidden", "digit"}, 5)
    after = engine_step(project, 5)
    units = {"hidden": project.node("hidden").config["units"], "digit": 10}
    assert len(walk.neurons) == sum(units.values())
    assert len(walk.weights) == 64 * units["hidden"] + units["hidden"] * 10
    got = {d: np.full_like(after[d]["W"], np.nan) for d in units}
    for u in walk.weights:
        dense, rest = u.edge.split("#")
        row, unit = (int(v) for v in rest.split(">"))
        got[dense][row, unit] = u.new[0]
    for dense in units:
        np.testing.assert_allclose(got[dense], after[dense]["W"], rtol=0, atol=1e-12, err_msg=dense)
        b = [next(x.new for x in walk.biases if x.node == unit_id(dense, k)) for k in range(units[dense])]
        np.testing.assert_allclose(b, after[dense]["b"], rtol=0, atol=1e-12, err_msg=dense)
