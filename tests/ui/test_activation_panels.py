"""The activations panel, fed snapshots from real training runs."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnstudio.training import live
from nnstudio.project.io import load_project
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.panels.activations import BINS, SELECT_HINT, ActivationsPanel, find_warnings, unit_columns

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def snapshot(project: Project, epochs: int = 0) -> LiveSnapshot:
    run = TrainingRun(project)
    if epochs:
        run.run(epochs)
    return LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples()))


def xor_dense(activation: str, bias: dict[int, float] | None = None) -> Project:
    """The XOR example's Dense(8) hidden layer with `activation`, every weight 1 and bias 0.1,
    except the units in `bias`: on inputs in [0, 1]² each unit outputs f(x1 + x2 + b)."""
    project = load_project(EXAMPLES / "xor_dense.json")
    hidden = next(n for n in project.nodes if n.id == "hidden")
    hidden.config["activation"] = activation
    b = np.full(8, 0.1)
    for unit, value in (bias or {}).items():
        b[unit] = value
    hidden.params = {"W": np.ones((2, 8)), "b": b}
    return project


@pytest.fixture
def panel(qtbot) -> ActivationsPanel:
    p = ActivationsPanel()
    qtbot.addWidget(p)
    p.resize(500, 400)
    return p


def showing_hint(panel: ActivationsPanel) -> bool:
    return panel.hint.isVisibleTo(panel)


def test_hint_until_a_node_is_selected_and_probed(panel):
    assert showing_hint(panel) and panel.hint.text() == SELECT_HINT
    panel.set_node("hidden", "hidden", "tanh")
    assert showing_hint(panel) and "Connect the network" in panel.hint.text() and "hidden" in panel.hint.text()
    panel.update_snapshot(snapshot(load_project(EXAMPLES / "xor_dense.json"), 50))
    assert not showing_hint(panel)
    panel.set_node("nowhere", "gone")
    assert showing_hint(panel) and "no outputs" in panel.hint.text()
    assert panel.histogram_counts().size == 0 and panel.warnings() == []
    panel.set_node(None)
    assert showing_hint(panel) and panel.hint.text() == SELECT_HINT


def test_histogram_pools_units_and_bars_are_unit_means(panel):
    snap = snapshot(load_project(EXAMPLES / "xor_dense.json"), 300)
    out = snap.probe.node_outputs["hidden"]                 # [4 samples, 8 units]
    panel.set_node("hidden", "hidden", "tanh")
    panel.update_snapshot(snap)
    counts = panel.histogram_counts()
    assert len(counts) == BINS and counts.sum() == out.size == 32
    # tanh's histogram spans its whole range, [−1, 1].
    xs, _ = panel.histogram.getData()
    assert xs[0] == pytest.approx(-1.0) and xs[-1] == pytest.approx(1.0)
    np.testing.assert_array_equal(counts, np.histogram(out, bins=BINS, range=(-1, 1))[0])
    np.testing.assert_allclose(panel.unit_means(), out.mean(axis=0))
    np.testing.assert_allclose(panel.bars.opts["height"], out.mean(axis=0))
    assert "8 units" in panel.title.text() and "4 samples" in panel.title.text()


def test_one_neuron_and_probe_none_keeps_the_picture(panel):
    project = load_project(EXAMPLES / "xor_5_hidden.json")
    run = TrainingRun(project)
    run.run(200)
    first = LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples()))
    panel.set_node("h2", "h2", "sigmoid")
    panel.update_snapshot(first)
    before = panel.histogram_counts()
    assert before.sum() == 4
    np.testing.assert_allclose(panel.unit_means(), first.probe.node_outputs["h2"].mean(axis=0))
    panel.update_snapshot(LiveSnapshot(status="running", epoch=201))       # probe None
    np.testing.assert_array_equal(panel.histogram_counts(), before)
    run.run(1500)
    later = LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples()))
    panel.update_snapshot(later)
    np.testing.assert_allclose(panel.unit_means(), later.probe.node_outputs["h2"].mean(axis=0))
    assert not np.allclose(panel.unit_means(), first.probe.node_outputs["h2"].mean(axis=0))


def test_dead_relu_units_are_flagged(panel):
    snap = snapshot(xor_dense("relu", {0: -50.0, 3: -50.0}))
    out = snap.probe.node_outputs["hidden"]
    assert (out[:, [0, 3]] == 0).all() and (out[:, [1, 2, 4, 5, 6, 7]] > 0).all()
    panel.set_node("hidden", "hidden", "relu")
    panel.update_snapshot(snap)
    assert panel.warnings() == [("dead", [0, 3])]
    assert "Dead ReLU" in panel.warning_message() and "units 0, 3" in panel.warning_message()
    assert panel.warning_box.isVisibleTo(panel)
    assert panel.marks.getData()[0].tolist() == [0.0, 3.0]
    # The same outputs under another name are not a ReLU: nothing to warn about.
    panel.set_node("hidden", "hidden", "linear")
    assert panel.warnings() == [] and not panel.warning_box.isVisibleTo(panel)


def test_saturated_sigmoid_and_tanh_units_are_flagged(panel):
    panel.set_node("hidden", "hidden", "sigmoid")
    panel.update_snapshot(snapshot(xor_dense("sigmoid", {2: 30.0, 5: -30.0})))
    assert panel.warnings() == [("saturated", [2, 5])]
    assert "Saturated sigmoid" in panel.warning_message() and "units 2, 5" in panel.warning_message()
    panel.set_node("hidden", "hidden", "tanh")
    panel.update_snapshot(snapshot(xor_dense("tanh", {6: -40.0})))
    assert panel.warnings() == [("saturated", [6])]
    assert "unit 6 sits at −1 or +1" in panel.warning_message()
    # A healthy layer: no warning.
    panel.update_snapshot(snapshot(xor_dense("tanh")))
    assert panel.warnings() == [] and not panel.warning_box.isVisibleTo(panel)


def test_saturation_needs_95_percent_of_samples_on_a_rail():
    y = np.full((20, 2), 0.5)
    y[:19, 0] = 0.995          # 95 % on the upper rail
    y[:18, 1] = 0.001          # 90 %
    assert find_warnings(y, "sigmoid") == [("saturated", [0])]
    assert find_warnings(np.array([[0.0, 0.3], [0.0, 0.0]]), "relu") == [("dead", [0])]
    assert find_warnings(np.zeros((3, 2)), None) == []


def test_feature_maps_have_one_unit_per_channel():
    maps = np.arange(2 * 3 * 4 * 5, dtype=float).reshape(2, 3, 4, 5)       # [samples, channels, h, w]
    cols = unit_columns(maps)
    assert cols.shape == (2 * 4 * 5, 3)
    np.testing.assert_array_equal(np.sort(cols[:, 1]), np.sort(maps[:, 1].ravel()))
    seq = np.arange(2 * 6 * 3, dtype=float).reshape(2, 6, 3)                # [samples, time, units]
    assert unit_columns(seq).shape == (12, 3)
    assert unit_columns(np.zeros((0, 4))).shape == (0, 4)


def test_saturation_is_warned_about_only_while_the_loss_is_not_known_to_be_low(panel):
    panel.set_node("hidden", "hidden", "sigmoid")
    panel.update_snapshot(snapshot(xor_dense("sigmoid", {2: 30.0})))
    assert panel.warnings() == [("saturated", [2])]           # loss unknown: warned
    assert "loss is still high" not in panel.warning_message()
    panel.set_loss_high(False)                                 # a trained network: no false alarm
    assert panel.warnings() == [] and not panel.warning_box.isVisibleTo(panel)
    panel.set_loss_high(True)
    assert panel.warnings() == [("saturated", [2])] and panel.warning_box.isVisibleTo(panel)
    assert "The loss is still high: try a smaller Learning rate" in panel.warning_message()
    # A dead ReLU never learns again, whatever the loss: still flagged when the loss is low.
    panel.set_loss_high(False)
    panel.set_node("hidden", "hidden", "relu")
    panel.update_snapshot(snapshot(xor_dense("relu", {0: -50.0})))
    assert panel.warnings() == [("dead", [0])]
    assert panel.warning_message().startswith("Dead ReLU: unit 0 outputs 0 for every sample")


def _label_rects(plot) -> list:
    from PySide6.QtGui import QImage, QPainter
    axis = plot.getAxis("left")
    image = QImage(axis.size().toSize(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _flags, text in specs[2]]


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_axis_labels_do_not_overlap_on_a_short_panel(qtbot, activation):
    """The Activations dock at 1280×800 is about 700×250: the mean plot is ~40 pixels high."""
    panel = ActivationsPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 250)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_node("hidden", "hidden", activation)
    panel.update_snapshot(snapshot(xor_dense(activation, {1: -0.3, 2: 0.4})))
    qtbot.wait(10)
    assert panel.mean_plot.getAxis("left").size().height() < 90
    for plot in (panel.mean_plot, panel.hist_plot):
        labels = _label_rects(plot)
        assert len(labels) >= 2
        for i, (a, _) in enumerate(labels):
            for b, _ in labels[i + 1:]:
                assert not a.intersects(b), [t for _, t in labels]
    # Counts are whole numbers: no tick between them.
    assert all(float(t) == int(float(t)) for _, t in _label_rects(panel.hist_plot))
