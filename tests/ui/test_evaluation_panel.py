"""The evaluation panel, fed snapshots from real training runs."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor

from nnstudio.project import editing
from nnstudio.training import live
from nnstudio.project.io import load_project
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import DataSpec, Edge, Project, TrainingSpec
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.panels.evaluation import RIGHT_TINT, WRONG_TINT, EvaluationPanel, fmt

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def snapshot(project: Project, epochs: int = 0) -> LiveSnapshot:
    run = TrainingRun(project)
    if epochs:
        run.run(epochs)
    return LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples()))


def example(name: str, epochs: int = 0) -> LiveSnapshot:
    return snapshot(load_project(EXAMPLES / f"{name}.json"), epochs)


def sine_project() -> Project:
    """input [1] → Dense(8, tanh) → Dense(1, linear), mse, on 25 points of sin x."""
    p = Project()
    x = editing.new_node(p, "input", (0, 0), shape=[1])
    p.nodes.append(x)
    h = editing.new_node(p, "dense", (200, 0), units=8, activation="tanh")
    p.nodes.append(h)
    y = editing.new_node(p, "dense", (400, 0), units=1, activation="linear")
    p.nodes.append(y)
    p.edges += [Edge("e1", x.id, h.id), Edge("e2", h.id, y.id)]
    p.inputs, p.outputs = [x.id], [y.id]
    xs = np.linspace(-3, 3, 25)
    p.data = DataSpec({"kind": "table", "inputs": [[float(v)] for v in xs],
                       "targets": [[float(np.sin(v))] for v in xs]})
    p.training = TrainingSpec(loss="mse", optimizer={"kind": "adam", "lr": 0.05}, epochs=300)
    return p


def circle_project(n: int = 80) -> Project:
    """Points inside radius 1 are class 1, a ring around them class 0: 2 → Dense(8, tanh) →
    Dense(1, sigmoid), binary cross-entropy."""
    rng = np.random.default_rng(3)
    r = np.concatenate([rng.uniform(0, 0.9, n // 2), rng.uniform(1.4, 2.2, n - n // 2)])
    a = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.cos(a), r * np.sin(a)], axis=1)
    p = Project()
    nodes = [editing.new_node(p, "input", (0, 0), shape=[2])]
    p.nodes.append(nodes[0])
    for k, (units, act) in enumerate([(8, "tanh"), (1, "sigmoid")]):
        nodes.append(editing.new_node(p, "dense", (200 * (k + 1), 0), units=units, activation=act))
        p.nodes.append(nodes[-1])
        p.edges.append(Edge(f"e{k}", nodes[k].id, nodes[k + 1].id))
    p.inputs, p.outputs = [nodes[0].id], [nodes[-1].id]
    p.data = DataSpec({"kind": "table", "inputs": x.tolist(), "targets": (r[:, None] < 1).astype(float).tolist()})
    p.training = TrainingSpec(loss="binary_crossentropy", optimizer={"kind": "adam", "lr": 0.05}, epochs=200)
    return p


@pytest.fixture
def panel(qtbot) -> EvaluationPanel:
    p = EvaluationPanel()
    qtbot.addWidget(p)
    p.resize(500, 400)
    return p


def test_xnor_truth_table_is_all_right(panel):
    panel.update_snapshot(example("xnor"))
    assert panel.mode() == "truth_table"
    assert panel.table_rows() == [("0", "0", "1", "1", "✓"), ("0", "1", "0", "0", "✓"),
                                  ("1", "0", "0", "0", "✓"), ("1", "1", "1", "1", "✓")]
    table = panel.samples
    assert table.isVisibleTo(panel)
    assert [table.horizontalHeaderItem(j).text() for j in range(4)] == ["x1", "x2", "target", "output"]
    assert all(table.item(i, 0).background().color() == RIGHT_TINT for i in range(4))
    assert "All 4 right" in panel.summary.text()


def test_untrained_xor_marks_the_wrong_rows(panel):
    snap = example("xor_5_hidden")
    ev = snap.probe.evaluation
    assert not ev.correct.all()
    panel.update_snapshot(snap)
    rows = panel.table_rows()
    assert [r[-1] == "✓" for r in rows] == ev.correct.tolist()
    assert [r[3] for r in rows] == [fmt(v) for v in ev.outputs[:, 0]]
    assert all(len(r[3].split(".")[-1]) <= 4 for r in rows)                 # 4 decimals at most
    wrong = int((~ev.correct).sum())
    assert f"{wrong} of 4 wrong" in panel.summary.text()
    for i, right in enumerate(ev.correct):
        assert panel.samples.item(i, 1).background().color() == (RIGHT_TINT if right else WRONG_TINT)
    # The same table after training: outputs move, every row right, items reused.
    item = panel.samples.item(0, 3)
    panel.update_snapshot(example("xor_5_hidden", 2000))
    assert all(r[-1] == "✓" for r in panel.table_rows())
    assert panel.samples.item(0, 3) is item


def test_softmax_confusion_matrix_is_diagonal_after_training(panel):
    panel.update_snapshot(example("softmax_3class", 100))
    assert panel.mode() == "confusion"
    np.testing.assert_array_equal(panel.confusion(), np.diag([10, 10, 10]))
    assert panel.table_rows() == [("10", "0", "0"), ("0", "10", "0"), ("0", "0", "10")]
    m = panel.matrix
    assert [m.horizontalHeaderItem(j).text() for j in range(3)] == ["0", "1", "2"]
    assert [m.verticalHeaderItem(i).text() for i in range(3)] == ["0", "1", "2"]
    assert m.item(1, 1).font().bold() and not m.item(1, 0).font().bold()
    assert m.item(2, 2).background().color().green() > m.item(2, 2).background().color().red()
    assert "Accuracy 100%" in panel.summary.text() and "30 of 30" in panel.summary.text()


def test_untrained_softmax_confusion_counts_mistakes(panel):
    snap = example("softmax_3class", 1)
    cm = snap.probe.evaluation.confusion
    panel.update_snapshot(snap)
    np.testing.assert_array_equal(panel.confusion(), cm)
    assert cm.sum() == 30
    assert f"{np.trace(cm) / 30:.1%}" in panel.summary.text()


def test_one_sigmoid_output_gets_a_two_by_two_confusion_matrix(panel):
    for epochs in (0, 200):
        snap = snapshot(circle_project(), epochs)
        ev = snap.probe.evaluation
        assert ev.kind == "classification" and ev.confusion is None
        panel.update_snapshot(snap)
        assert panel.mode() == "confusion"
        cm = panel.confusion()
        truth = ev.targets[:, 0] > 0.5
        predicted = ev.outputs[:, 0] >= 0.5
        expected = [[np.sum(~truth & ~predicted), np.sum(~truth & predicted)],
                    [np.sum(truth & ~predicted), np.sum(truth & predicted)]]
        np.testing.assert_array_equal(cm, expected)
        assert np.trace(cm) == ev.correct.sum()
    assert np.trace(cm) == 80                                     # trained: every point right
    assert "Accuracy 100%" in panel.summary.text() and "(80 of 80)" in panel.summary.text()


def test_regression_plots_predicted_against_true(panel):
    snap = snapshot(sine_project(), 300)
    ev = snap.probe.evaluation
    panel.update_snapshot(snap)
    assert panel.mode() == "regression" and panel.plot.isVisibleTo(panel)
    xs, ys = panel.scatter.getData()
    np.testing.assert_allclose(xs, ev.targets[:, 0])
    np.testing.assert_allclose(ys, ev.outputs[:, 0])
    lx, ly = panel.identity.getData()
    np.testing.assert_allclose(lx, ly)
    mse = float(((ev.targets - ev.outputs) ** 2).mean())
    r2 = 1 - ((ev.targets - ev.outputs) ** 2).sum() / ((ev.targets - ev.targets.mean()) ** 2).sum()
    assert r2 > 0.95
    assert f"R² = {r2:.4f}" in panel.summary.text() and f"MSE = {mse:.4g}" in panel.summary.text()


def test_several_sigmoid_outputs_get_a_sample_table(panel):
    panel.update_snapshot(example("backprop_worked_example", 1))
    assert panel.mode() == "table" and panel.confusion() is None
    (row,) = panel.table_rows()
    assert row[:3] == ("0.05", "0.1", "0.01, 0.99")


def test_probe_none_keeps_the_view_and_reset_clears(panel):
    panel.update_snapshot(example("xnor"))
    rows = panel.table_rows()
    panel.update_snapshot(LiveSnapshot(status="paused"))
    assert panel.mode() == "truth_table" and panel.table_rows() == rows
    panel.reset()
    assert panel.mode() == "" and panel.table_rows() == [] and panel.confusion() is None
    assert panel.hint.isVisibleTo(panel)


def test_fmt_rounds_to_four_decimals():
    assert [fmt(v) for v in (1.0, 0.0, -0.00001, 0.25, 0.98765, 12.5)] == ["1", "0", "0", "0.25", "0.9877", "12.5"]
    assert QColor(RIGHT_TINT).alpha() < 255                 # translucent: readable on dark palettes too


def test_a_huge_r2_is_written_short_and_does_not_widen_the_panel(panel):
    """A diverged regression's R² (here about -1e+296) in four significant digits: written out in
    full it was a 2,500-pixel word that made the main window wider than the screen."""
    p = sine_project()
    TrainingRun(p).model.write_back(p)
    out = p.outputs[0]
    p.node(out).params = {k: v * 1e150 for k, v in p.node(out).params.items()}
    snap = snapshot(p)
    ev = snap.probe.evaluation
    r2 = 1 - ((ev.targets - ev.outputs) ** 2).sum() / ((ev.targets - ev.targets.mean()) ** 2).sum()
    assert r2 < -1e200
    panel.update_snapshot(snap)
    assert f"R² = {r2:.4g}</b>" in panel.summary.text() and "e+" in panel.summary.text()
    assert panel.minimumSizeHint().width() < 400
