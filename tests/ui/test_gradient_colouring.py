"""View ▸ Colour Edges by Gradient: during a run the canvas colours weighted edges by ∂L/∂w (sign
as colour, |∂L/∂w| relative to the snapshot's largest as width), from gradients the training
worker sends with its snapshots when asked."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from nnstudio.engine.step import LossStep
from nnstudio.project.io import load_project
from nnstudio.training.runner import TrainingRun
from nnstudio.training.session import TrainingSession
from nnstudio.ui.canvas import looks
from nnstudio.ui.canvas.items import NEGATIVE, POSITIVE
from nnstudio.ui.commands.edits import SetTraining
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR

TIMEOUT = 15_000
XOR = EXAMPLES_DIR / "xor_5_hidden.json"


def one_full_batch(project) -> None:
    """One epoch of one batch of all four samples: the run's only gradient is the full loss's
    gradient at the starting weights."""
    project.training.epochs, project.training.batch_size = 1, 0


def numerical_gradients(project, h: float = 1e-6) -> dict[str, float]:
    """∂L/∂w of every edge by central differences of the training loss at the project's
    starting weights (no l1/l2 here), with the engine's forward pass and loss."""
    run = TrainingRun(project.copy())
    model, data = run.model, run.train_split
    loss = LossStep(model.network, model.objective)

    def value() -> float:
        return loss.loss(model.network.forward(data.inputs, training=False), data.targets)[0]
    out = {}
    for edge_id, slot in model.edges.items():
        weights = model.layer(slot.op).params["W"]
        row = slot.rows.start
        w0 = float(weights[row, slot.col])
        weights[row, slot.col] = w0 + h
        up = value()
        weights[row, slot.col] = w0 - h
        down = value()
        weights[row, slot.col] = w0
        out[edge_id] = (up - down) / (2 * h)
    return out


def test_the_session_sends_gradients_only_when_asked():
    project = load_project(XOR)
    one_full_batch(project)
    expected = numerical_gradients(project)
    for wanted in (False, True):
        snaps = []
        session = TrainingSession(project.copy(), send=lambda kind, payload: snaps.append(payload)
                                  if kind == "snapshot" else None)
        session.set_wants(False, False, 0, gradients=wanted)
        session.run_session()
        final = snaps[-1]
        assert final.status == "finished" and final.step == 1
        if not wanted:
            assert final.edge_gradients == {}
            continue
        assert set(final.edge_gradients) == set(expected) == set(final.edge_weights)
        for edge_id, g in expected.items():
            assert final.edge_gradients[edge_id] == pytest.approx(g, rel=1e-6, abs=1e-10)
        # Plain SGD at lr 0.5: each weight moved by −lr·∂L/∂w from where it started.
        start = TrainingRun(project.copy()).model.edge_weights()
        for edge_id, g in final.edge_gradients.items():
            assert final.edge_weights[edge_id] == pytest.approx(start[edge_id] - 0.5 * g, abs=1e-12)


def set_one_full_batch_epoch(w) -> None:
    """The window's project trains one epoch in one batch from now on (one undo step)."""
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs, spec.batch_size = 1, 0
    w.stack.push(SetTraining(w.doc, spec, "epochs"))


def train_and_wait(w, qtbot):
    """Press Train, wait for the run's end and for the canvas to show its last probe; the canvas's
    LiveCanvas."""
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.training.last_snapshot is not None
                    and w.training.last_snapshot.status == "finished", timeout=TIMEOUT)
    live = w.live.canvas_live
    qtbot.waitUntil(lambda: live.probe is w.training.last_snapshot.probe, timeout=TIMEOUT)
    return live


def colour(style) -> str:
    return style.colour.lower() if isinstance(style.colour, str) else style.colour.name()


@pytest.mark.parametrize("where", ["process", "thread"])
def test_edges_recolour_by_the_gradient_during_a_run(open_window, qtbot, monkeypatch, where):
    if where == "thread":
        monkeypatch.setenv("NNSTUDIO_TRAINING", "thread")       # the in-window worker carries the flag too
    w = open_window((1400, 900), exposed=False)
    w.speed.set_full_speed()
    w.files.open_example(XOR)
    action = w.gradient_edges.action
    assert action in w.view_menu.actions() and action.isCheckable() and not action.isChecked()
    action.trigger()
    assert action.isChecked()
    set_one_full_batch_epoch(w)
    expected = numerical_gradients(w.doc.project)
    live = train_and_wait(w, qtbot)
    snap = w.training.last_snapshot
    for edge_id, g in expected.items():
        assert snap.edge_gradients[edge_id] == pytest.approx(g, rel=1e-6, abs=1e-10)
    assert live.gradients_shown and w.gradient_edges.legend.isVisible()
    assert "∂L/∂w" in w.gradient_edges.legend.text()
    layer = w.canvas.scene().layer
    largest = max(abs(g) for g in expected.values())
    for edge_id, g in expected.items():
        style = layer.style(edge_id)
        # Colour by the gradient's sign, width by |g| relative to the snapshot's largest.
        assert colour(style) == (POSITIVE if g >= 0 else NEGATIVE).name()
        assert style.width == looks.weight_style(4.0 * abs(g) / largest).width
    widest = max(expected, key=lambda e: abs(expected[e]))
    narrowest = min(expected, key=lambda e: abs(expected[e]))
    assert layer.style(widest).width == 6.0 > layer.style(narrowest).width
    # The weights' own look would be different: these edges really follow ∂L/∂w.
    assert any(layer.style(e) != looks.weight_style(snap.edge_weights[e]) for e in expected)
    # Unchecked: the same snapshot's weights again, the legend gone, and no more gradients asked for.
    action.trigger()
    assert not live.gradients_shown and not w.gradient_edges.legend.isVisible()
    for edge_id, weight in snap.edge_weights.items():
        assert layer.style(edge_id) == looks.weight_style(weight)
    # Checked again while no run is under way: the last run's gradients come back at once.
    action.trigger()
    assert live.gradients_shown
    assert layer.style(widest).width == 6.0


def test_the_choice_is_remembered(open_window):
    w = open_window(show=False)
    w.gradient_edges.action.setChecked(True)
    w.close()
    again = open_window(show=False)
    assert again.gradient_edges.action.isChecked()


def engine_layer_gradients(project) -> dict[str, np.ndarray]:
    """∂L/∂W of each dense layer for the full training set at the starting weights, from the
    engine's own forward and backward pass."""
    run = TrainingRun(project.copy())
    model, data = run.model, run.train_split
    loss = LossStep(model.network, model.objective)
    _value, dy = loss.loss(model.network.forward(data.inputs, training=True), data.targets)
    loss.backward(dy)
    return {node_id: np.array(model.layer(op).grads["W"]) for node_id, op in model.layer_ops.items()
            if "W" in model.layer(op).grads}


def test_expanded_layers_draw_their_weight_gradients(open_window, qtbot):
    w = open_window((1400, 900), exposed=False)
    w.speed.set_full_speed()
    w.files.open_example(EXAMPLES_DIR / "xor_dense.json")
    w.doc.set_expanded(["hidden"])
    assert "hidden" in w.doc.expanded()
    w.gradient_edges.action.setChecked(True)
    set_one_full_batch_epoch(w)
    expected = engine_layer_gradients(w.doc.project)
    live, scene = train_and_wait(w, qtbot), w.canvas.scene()
    snap = w.training.last_snapshot
    assert set(snap.layer_gradients) == {"hidden", "out"}
    np.testing.assert_allclose(snap.layer_gradients["hidden"], expected["hidden"], rtol=1e-10, atol=1e-15)
    # The drawn W entries of the expanded layer follow ∂L/∂W (their lines scale to its largest |value|).
    np.testing.assert_allclose(scene.layer_weights("hidden"), expected["hidden"], rtol=1e-10, atol=1e-15)
    assert np.abs(expected["hidden"]).max() > 1e-4
    assert live.gradients_shown and w.gradient_edges.legend.isVisible()
    # Unchecked: the run's W again.
    w.gradient_edges.action.setChecked(False)
    weights = next(m.values for m in snap.matrices if m.node_id == "hidden")
    np.testing.assert_allclose(scene.layer_weights("hidden"), weights)
    assert not live.gradients_shown
