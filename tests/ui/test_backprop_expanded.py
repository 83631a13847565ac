"""The Backprop panel walks a network whose dense layers are expanded on the canvas, unit by unit:
exactly the numbers of the same network after Edit ▸ Convert to Neurons on each dense layer."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project import registry
from nnstudio.project.document import Document
from nnstudio.project.expansion import parse_part_id, unit_id, weight_id
from nnstudio.project.model import DataSpec, Edge, Node, Project, TrainingSpec
from nnstudio.ui.commands.convert import convert_to_neurons
from nnstudio.ui.panels.backprop import BackpropPanel
from nnstudio.ui.panels.backprop_summary import BIG_WALK, walk_project

HIDDEN, OUT = 6, 10


def digits_like(hidden: int = HIDDEN) -> Project:
    """64 pixels of the real 8×8 digits → Dense(6, sigmoid) → Dense(10, sigmoid), one-hot targets,
    with stored weights (so both sides start from the same numbers whatever they compile)."""
    rng = np.random.default_rng(11)
    nodes = [
        Node("x", "input", "x", (0.0, 0.0), registry.kind("input").check_config({"shape": [64]})),
        Node("hidden", "dense", "hidden", (300.0, 0.0),
             registry.kind("dense").check_config({"units": hidden, "activation": "sigmoid"}),
             {"W": rng.normal(0, 0.3, (64, hidden)), "b": rng.normal(0, 0.1, hidden)}),
        Node("out", "dense", "out", (600.0, 0.0),
             registry.kind("dense").check_config({"units": OUT, "activation": "sigmoid"}),
             {"W": rng.normal(0, 0.3, (hidden, OUT)), "b": rng.normal(0, 0.1, OUT)}),
    ]
    return Project({"name": "digits-like"}, nodes, [Edge("e1", "x", "hidden"), Edge("e2", "hidden", "out")],
                   ["x"], ["out"],
                   DataSpec({"kind": "builtin", "name": "digits",
                             "params": {"samples": 40, "seed": 0, "target_encoding": "onehot"}},
                            normalize="standard"),
                   TrainingSpec(loss="mse", optimizer={"kind": "sgd", "lr": 0.5}))


def shown_panel(qtbot, doc: Document, stack: QUndoStack, sample: int = 1) -> BackpropPanel:
    panel = BackpropPanel(doc, stack)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.sample.setValue(sample)
    panel.refresh_now()
    return panel


@pytest.fixture
def expanded(qtbot):
    doc, stack = Document(digits_like()), QUndoStack()
    doc.set_expanded(["x", "hidden", "out"])
    return doc, stack, shown_panel(qtbot, doc, stack, sample=7)


@pytest.fixture
def converted(qtbot):
    """The same network with Edit ▸ Convert to Neurons on each dense layer; dense id → its neurons."""
    doc, stack = Document(digits_like()), QUndoStack()
    made = {}
    for dense in ("hidden", "out"):
        command, added = convert_to_neurons(doc, dense)
        stack.push(command)
        made[dense] = [i for i in added if doc.project.node(i).kind == "neuron"]
    return doc, stack, shown_panel(qtbot, doc, stack, sample=7), made


def test_the_expanded_walk_has_exactly_the_numbers_of_the_converted_network(expanded, converted):
    _, _, panel = expanded
    cdoc, _, cpanel, made = converted
    assert panel.walk is not None and cpanel.walk is not None and panel.pages.currentIndex() == 0
    walk, base = panel.walk, cpanel.walk
    # Drawn unit id → the converted network's neuron, and each converted edge's source block.
    unit_of = {unit_id(d, k): n for d, ids in made.items() for k, n in enumerate(ids)}
    assert len(unit_of) == HIDDEN + OUT
    assert set(walk.neurons) == set(unit_of)
    assert [unit_of[i] for i in walk.back] == base.back
    for drawn, neuron in unit_of.items():
        a, b = walk.neurons[drawn], base.neurons[neuron]
        for name in ("b", "net", "out", "d_out", "fprime", "delta"):
            assert getattr(a, name) == getattr(b, name), (drawn, name)
    np.testing.assert_array_equal(walk.outputs, base.outputs)
    np.testing.assert_array_equal(walk.targets, base.targets)
    assert (walk.error, walk.extra, walk.lr) == (base.error, base.extra, base.lr)
    # Every W entry's update: the converted edge into neuron k from a source of width w carries the
    # column W[offset:offset + w, k]; the expanded walk has one update per entry.
    entries = {u.edge: u for u in walk.weights}
    assert len(entries) == 64 * HIDDEN + HIDDEN * OUT
    source_units = {n: k for ids in made.values() for k, n in enumerate(ids)}
    for u in base.weights:
        dense, k = next((d, ids.index(u.target)) for d, ids in made.items() if u.target in ids)
        rows = range(u.w.size) if u.source == "x" else [source_units[u.source]]
        for i, row in enumerate(rows):
            mine = entries[weight_id(dense, row, k)]
            assert (mine.w[0], mine.grad[0], mine.new[0], mine.frozen) == (u.w[i], u.grad[i], u.new[i], u.frozen)
    biases = {b.node: b for b in walk.biases}
    for b in base.biases:
        drawn = next(d for d, n in unit_of.items() if n == b.node)
        mine = biases[drawn]
        assert (mine.b, mine.grad, mine.new, mine.frozen) == (b.b, b.grad, b.new, b.frozen)


def test_its_steps_point_at_the_drawn_units_and_weights(expanded):
    _, _, panel = expanded
    nodes = {s.node for s in panel.steps if s.node}
    edges = {s.edge for s in panel.steps if s.edge}
    assert {parse_part_id(i).node_id for i in nodes} == {"hidden", "out"}
    assert all(parse_part_id(i).row is None for i in nodes)
    assert len(edges) == 64 * HIDDEN + HIDDEN * OUT
    assert all(parse_part_id(e).row is not None for e in edges)
    # The canvas's chips: the expanded input's pixels and, once the forward pass is done, every unit.
    error = next(i for i, s in enumerate(panel.steps) if s.phase == "error")
    chips = panel.canvas_values(error)
    assert {unit_id("x", k) for k in range(64)} <= set(chips)
    for drawn, neuron in panel.walk.neurons.items():
        assert chips[drawn] == (neuron.out, "")


def test_apply_update_sets_the_layers_to_the_converted_networks_values(expanded, converted):
    doc, stack, panel = expanded
    cdoc, cstack, cpanel, made = converted
    panel.apply_update()
    cpanel.apply_update()
    assert stack.count() == 1 and cstack.count() == 3      # two conversions, then the update
    for dense, ids in made.items():
        W, b = doc.project.node(dense).params["W"], doc.project.node(dense).params["b"]
        for k, neuron in enumerate(ids):
            column = np.concatenate([np.atleast_1d(np.asarray(e.weight, dtype=np.float64))
                                     for e in cdoc.project.incoming(neuron)])
            np.testing.assert_array_equal(W[:, k], column)
            assert b[k] == float(np.asarray(cdoc.project.node(neuron).params["b"]).reshape(-1)[0])
    before = digits_like()
    stack.undo()
    for dense in ("hidden", "out"):
        for name in ("W", "b"):
            np.testing.assert_array_equal(doc.project.node(dense).params[name], before.node(dense).params[name])


def test_dense_layers_not_expanded_are_named_in_the_note(qtbot):
    doc, stack = Document(digits_like()), QUndoStack()
    doc.set_expanded(["hidden"])
    panel = shown_panel(qtbot, doc, stack)
    assert panel.walk is None and panel.pages.currentIndex() == 1
    assert "once the dense layers are expanded (select out, then View ▸ Expand Layer)" in panel.summary_note.text()
    doc.set_expanded(["hidden", "out"])         # a view change recomputes the walk
    qtbot.waitUntil(lambda: panel.walk is not None, timeout=5000)
    assert panel.pages.currentIndex() == 0


def test_a_big_walk_is_computed_in_a_worker_thread(qtbot):
    hidden = 80                                 # 64·80 + 80·10 = 5,920 weights
    assert 64 * hidden + hidden * OUT > BIG_WALK
    doc, stack = Document(digits_like(hidden)), QUndoStack()
    doc.set_expanded(["hidden", "out"])
    panel = shown_panel(qtbot, doc, stack, sample=3)
    assert panel.walk is None and panel.is_computing()
    assert "Computing the walk through 5,920 weights" in panel.summary_note.text()
    qtbot.waitUntil(lambda: panel.walk is not None, timeout=30_000)
    assert not panel.is_computing() and panel.pages.currentIndex() == 0
    expected = walk_project(doc.project.copy(), {"hidden", "out"}, 3)
    assert len(panel.steps) == len(expected.steps)
    assert [s.result for s in panel.steps] == [s.result for s in expected.steps]
    assert panel.sample.value() == 3 and panel.of_samples.text() == "of 40"
