"""Fitting a network to imported data: what changes, what is left alone, and that one undo
restores it all."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.io import project_to_dict
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.ui.commands.data_import import NetworkFit, import_data, plan_fit

CSV = {"kind": "csv", "path": "d.csv", "input_columns": ["a"], "target_columns": ["y"]}


def dense_net(shape=(2,), units=1, activation="sigmoid", loss="binary_crossentropy", outputs=("out",)) -> Project:
    p = Project()
    p.nodes = [Node("x", "input", "x", (0, 0), {"shape": list(shape)}),
               Node("out", "dense", "out", (200, 0), {"units": units, "activation": activation},
                    {"W": np.ones((int(np.prod(shape)), units)), "b": np.zeros(units)})]
    p.edges = [Edge("e1", "x", "out")]
    p.inputs, p.outputs = ["x"], list(outputs)
    p.training.loss = loss
    return p


def push(p: Project, fit: NetworkFit, qtbot=None):
    doc, stack = Document(p), QUndoStack()
    before = project_to_dict(doc.project)
    command, plan = import_data(doc, DataSpec(source=dict(CSV)), fit)
    stack.push(command)
    return doc, stack, before, plan


@pytest.mark.parametrize("encoding, loss, activation", [
    ("onehot", "categorical_crossentropy", "softmax"),
    ("index", "sparse_categorical_crossentropy", "softmax"),
    ("raw", "mse", "linear"),
])
def test_an_empty_project_gets_an_input_and_a_dense_output(qtbot, encoding, loss, activation):
    doc, stack, before, plan = push(Project(), NetworkFit(4, 3, encoding))
    p = doc.project
    (source, sink), (edge,) = p.nodes, p.edges
    assert source.config == {"shape": [4]}
    assert (sink.kind, sink.config["units"], sink.config["activation"]) == ("dense", 3, activation)
    assert (edge.source, edge.target) == (source.id, sink.id)
    assert (p.inputs, p.outputs, p.training.loss) == ([source.id], [sink.id], loss)
    assert p.data.source == CSV and plan.notes == []
    assert stack.count() == 1
    stack.undo()
    assert project_to_dict(doc.project) == before


def test_shapes_change_and_arrays_that_no_longer_fit_are_dropped(qtbot):
    doc, stack, before, _ = push(dense_net(), NetworkFit(4, 3, "onehot"))
    p = doc.project
    assert p.node("x").config["shape"] == [4]
    out = p.node("out")
    assert (out.config["units"], out.config["activation"]) == (3, "softmax")
    assert out.params == {}
    assert p.training.loss == "categorical_crossentropy"
    stack.undo()
    assert project_to_dict(doc.project) == before
    np.testing.assert_array_equal(doc.project.node("out").params["W"], np.ones((2, 1)))


def test_arrays_that_still_fit_stay(qtbot):
    doc, *_ = push(dense_net(units=3, activation="softmax", loss="categorical_crossentropy"),
                   NetworkFit(2, 3, "onehot"))
    out = doc.project.node("out")
    assert out.params["W"].shape == (2, 3) and out.params["b"].shape == (3,)


def test_an_image_input_keeps_its_shape_when_the_size_matches(qtbot):
    p = dense_net(shape=(1, 2, 2), units=10, activation="softmax", loss="sparse_categorical_crossentropy")
    p.nodes.insert(1, Node("flat", "flatten", "flat", (100, 0), {}))
    p.edges = [Edge("e1", "x", "flat"), Edge("e2", "flat", "out")]
    p.nodes[2].params = {}
    plan = plan_fit(p, NetworkFit(4, 10, "index"))
    assert "x" not in plan.configs and "out" not in plan.configs and plan.loss is None


@pytest.mark.parametrize("current, encoding, loss", [
    ("mse", "onehot", None),                       # mse trains one-hot rows: kept
    ("half_sse", "onehot", None),
    ("binary_crossentropy", "onehot", "categorical_crossentropy"),
    ("sparse_categorical_crossentropy", "onehot", "categorical_crossentropy"),
    ("mse", "index", "sparse_categorical_crossentropy"),
    ("categorical_crossentropy", "raw", "mse"),
    ("binary_crossentropy", "raw", None),          # 0/1 targets with a sigmoid: kept
    ("mse", "binary", None),                       # mse trains 0/1 targets: kept
    ("categorical_crossentropy", "binary", "binary_crossentropy"),
    ("sparse_categorical_crossentropy", "binary", "binary_crossentropy"),
])
def test_the_loss_changes_only_when_it_does_not_suit_the_targets(current, encoding, loss):
    plan = plan_fit(dense_net(loss=current), NetworkFit(2, 1, encoding))
    assert plan.loss == loss


def test_raw_targets_turn_a_softmax_output_linear(qtbot):
    doc, *_ = push(dense_net(units=3, activation="softmax", loss="categorical_crossentropy"),
                   NetworkFit(2, 2, "raw"))
    out = doc.project.node("out")
    assert (out.config["activation"], out.config["units"], doc.project.training.loss) == ("linear", 2, "mse")


def test_an_unlisted_single_output_is_listed(qtbot):
    doc, *_ = push(dense_net(outputs=()), NetworkFit(2, 3, "onehot"))
    assert doc.project.outputs == ["out"] and doc.project.node("out").config["units"] == 3


def test_other_networks_keep_their_shapes_and_say_why(qtbot):
    p = Project()
    p.nodes = [Node("x1", "input", "x1", (0, 0), {"shape": [1]}), Node("x2", "input", "x2", (0, 90), {"shape": [1]}),
               Node("y", "neuron", "y", (200, 0), {"activation": "sigmoid"})]
    p.edges = [Edge("w1", "x1", "y", 0.5), Edge("w2", "x2", "y", -0.5)]
    p.inputs, p.outputs = ["x1", "x2"], ["y"]
    doc, stack, before, plan = push(p, NetworkFit(3, 1, "raw"))
    assert plan.notes == ["the network has several input nodes (or none), so their shapes were left alone",
                          "the output is not a single dense layer, so the number of outputs was left alone"]
    assert [n.config for n in doc.project.nodes] == [n.config for n in p.nodes]
    assert doc.project.data.source == CSV and stack.count() == 1


def test_vector_edge_weights_of_the_old_width_are_cleared(qtbot):
    p = Project()
    p.nodes = [Node("x", "input", "x", (0, 0), {"shape": [2]}), Node("y", "neuron", "y", (200, 0), {})]
    p.edges = [Edge("w", "x", "y", np.array([0.5, -0.5]))]
    p.inputs, p.outputs = ["x"], ["y"]
    doc, stack, *_ = push(p, NetworkFit(3, 1, "raw"))
    assert doc.project.node("x").config["shape"] == [3] and doc.project.edge("w").weight is None
    stack.undo()
    np.testing.assert_array_equal(doc.project.edge("w").weight, [0.5, -0.5])
