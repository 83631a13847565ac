"""The weights panel: the heatmap shows exactly the current weights (NaN where unconnected),
the combo switches matrices, hover names source and target, the histogram counts every weight."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from nnstudio.training import probes
from nnstudio.project.compile import compile_project
from nnstudio.project.io import load_project
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import History
from nnstudio.training.probes import WeightMatrix
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.panels.plotting import nice_ceiling
from nnstudio.ui.panels.weights import HOVER_HINT, WeightsPanel, axis_names

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def panel(qtbot) -> WeightsPanel:
    p = WeightsPanel()
    qtbot.addWidget(p)
    p.resize(700, 300)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def xor_run():
    project = load_project(EXAMPLES / "xor_dense.json")
    return project, TrainingRun(project)


def train(project, run, epochs: int) -> LiveSnapshot:
    for _ in run.reports(epochs):
        pass
    return LiveSnapshot("running", epoch=run.epochs_done, matrices=probes.weight_matrices(project, run.model))


def partly_connected(build_project) -> list[WeightMatrix]:
    """x1, x2 → h1; x1 → h2 only; h1, h2 → y: the neuron group h1, h2 misses x2 → h2."""
    p = build_project([("x1", "input", 0, 0), ("x2", "input", 0, 50), ("h1", "neuron", 100, 0),
                       ("h2", "neuron", 100, 50), ("y", "neuron", 200, 0)],
                      [("w1", "x1", "h1", 0.15), ("w2", "x2", "h1", -0.2), ("w3", "x1", "h2", 0.25),
                       ("w5", "h1", "y", 0.4), ("w6", "h2", "y", -0.45)], outputs=["y"])
    return probes.weight_matrices(p, compile_project(p))


def test_heatmap_equals_the_current_weights_of_a_real_run(panel, xor_run):
    project, run = xor_run
    snap = train(project, run, 5)
    panel.update_snapshot(snap)
    hidden = run.model.layer(run.model.layer_ops["hidden"]).params["W"].copy()   # training updates in place
    assert [panel.combo.itemData(i) for i in range(panel.combo.count())] == ["hidden", "out"]
    np.testing.assert_array_equal(panel.current_image(), hidden)
    # The colour scale ends at max|w| rounded up to a nice number, so it holds still between frames.
    top = nice_ceiling(np.abs(hidden).max())
    assert np.abs(hidden).max() <= top < 1.25 * np.abs(hidden).max()
    assert panel.levels() == pytest.approx((-top, top))
    assert panel.colorbar.levels() == pytest.approx((-top, top))
    image = panel.image
    snap = train(project, run, 20)          # the weights move; the same image item shows them
    panel.update_snapshot(snap)
    assert panel.image is image
    np.testing.assert_array_equal(panel.current_image(), run.model.layer(run.model.layer_ops["hidden"]).params["W"])
    assert not np.array_equal(panel.current_image(), hidden)


def test_switching_the_combo_shows_the_other_matrix_and_keeps_the_choice(panel, xor_run, qtbot):
    project, run = xor_run
    panel.update_snapshot(train(project, run, 3))
    panel.combo.setCurrentIndex(1)
    out = run.model.layer(run.model.layer_ops["out"]).params["W"]
    assert panel.current_name() == "out"
    np.testing.assert_array_equal(panel.current_image(), out)
    assert panel.current_image().shape == (8, 1)
    panel.update_snapshot(train(project, run, 3))              # the choice survives updates
    assert panel.current_name() == "out"
    np.testing.assert_array_equal(panel.current_image(), run.model.layer(run.model.layer_ops["out"]).params["W"])
    panel.select("hidden")
    assert panel.current_image().shape == (2, 8)


def test_unconnected_cells_stay_nan(panel, build_project):
    matrices = partly_connected(build_project)
    panel.update_snapshot(LiveSnapshot("running", matrices=matrices))
    shown = panel.current_image()
    np.testing.assert_array_equal(shown, matrices[0].values)      # NaN positions must match too
    np.testing.assert_array_equal(np.isnan(shown), [[False, False], [False, True]])
    assert panel.levels() == pytest.approx((-0.25, 0.25))          # NaN ignored for the levels
    assert panel.hover_text_at(1, 1) == "x2 → h2: no connection"


def test_hover_names_source_target_and_value(panel, xor_run, qtbot):
    project, run = xor_run
    snap = train(project, run, 2)
    panel.update_snapshot(snap)
    m = snap.matrices[0]
    assert panel.hover_text_at(1, 3) == f"x[1] → hidden[3]: {m.values[1, 3]:+.4g}"
    assert panel.hover_text_at(2, 0) == "" and panel.hover_text_at(0, -1) == ""
    qtbot.wait(20)          # let the layout settle before mapping cells to the scene
    for row, col in ((0, 0), (1, 7), (1, 3)):
        pos = panel.image.mapToScene(QPointF(col + 0.5, row + 0.5))
        panel.view.scene().sigMouseMoved.emit(pos)
        assert panel.hover_label.text() == panel.hover_text_at(row, col)
    m.values[1, 3] = 0.123                                         # the hovered value follows the weights
    panel.update_snapshot(LiveSnapshot("running", matrices=snap.matrices))
    assert panel.hover_label.text() == "x[1] → hidden[3]: +0.123"
    outside = panel.hist.getViewBox().sceneBoundingRect().center()
    panel.view.scene().sigMouseMoved.emit(outside)
    assert panel.hover_label.text() == HOVER_HINT


def test_histogram_counts_every_finite_weight(panel, xor_run, build_project):
    project, run = xor_run
    snap = train(project, run, 4)
    panel.update_snapshot(snap)
    counts, edges = panel.histogram()
    assert counts.sum() == 2 * 8 + 8 * 1
    assert len(edges) == len(counts) + 1
    everything = np.concatenate([m.values.ravel() for m in snap.matrices])
    assert edges[0] <= everything.min() and edges[-1] >= everything.max()
    assert edges[0] == pytest.approx(-edges[-1])                    # symmetric around 0
    x, y = panel.hist_curve.getData()
    np.testing.assert_array_equal(y, counts)
    panel.update_snapshot(LiveSnapshot("running", matrices=partly_connected(build_project)))
    counts, _ = panel.histogram()
    assert counts.sum() == 3 + 2                                     # the NaN is not a weight
    assert "(5)" in panel.hist.titleLabel.text


def test_axis_ticks_name_rows_and_columns_when_few(panel, xor_run):
    project, run = xor_run
    panel.update_snapshot(train(project, run, 1))
    left, bottom = panel.heat.getAxis("left"), panel.heat.getAxis("bottom")
    assert left._tickLevels[0] == [(0.5, "0"), (1.5, "1")]
    assert [t for _, t in bottom._tickLevels[0]] == [str(j) for j in range(8)]
    assert left.labelText == "from x" and bottom.labelText == "to hidden"
    big = WeightMatrix("big", np.arange(30 * 4, dtype=float).reshape(30, 4), [f"in{i}" for i in range(30)],
                       ["a", "b", "c", "d"])
    panel.update_snapshot(LiveSnapshot("running", matrices=[big]))
    assert left._tickLevels is None and left.labelText == "from (index)"
    assert [t for _, t in bottom._tickLevels[0]] == ["a", "b", "c", "d"] and bottom.labelText == "to"
    np.testing.assert_array_equal(panel.current_image(), big.values)


def test_axis_names_shortens_indexed_names():
    assert axis_names(["x[0]", "x[1]"]) == ("x", ["0", "1"])
    assert axis_names(["x1", "x2"]) == ("", ["x1", "x2"])
    assert axis_names(["a[0]", "b[0]"]) == ("", ["a[0]", "b[0]"])


def test_reset_and_show_history(panel, xor_run):
    project, run = xor_run
    panel.update_snapshot(train(project, run, 1))
    panel.show_history(History([1], [0.5], [None], [None], [None]))     # no-op
    assert panel.current_image().shape == (2, 8)
    panel.update_snapshot(LiveSnapshot("running"))                        # no matrices: keep showing
    assert panel.current_image().shape == (2, 8)
    image, curve = panel.image, panel.hist_curve
    panel.reset()
    assert panel.current_image().size == 0 and panel.combo.count() == 0
    assert panel.histogram()[0].sum() == 0 and panel.current_name() is None
    assert panel.hover_text_at(0, 0) == ""
    panel.update_snapshot(train(project, run, 1))
    assert panel.image is image and panel.hist_curve is curve
    assert panel.current_image().shape == (2, 8)


def test_all_zero_weights_still_get_symmetric_levels(panel):
    zeros = WeightMatrix("z", np.zeros((2, 3)), ["a", "b"], ["c", "d", "e"])
    panel.update_snapshot(LiveSnapshot("running", matrices=[zeros]))
    assert panel.levels() == (-1.0, 1.0)
    np.testing.assert_array_equal(panel.current_image(), zeros.values)


@pytest.mark.parametrize("value, nice", [(0.65, 0.8), (1.0, 1.0), (1.01, 1.2), (0.0123, 0.015), (7.0, 8.0),
                                         (8.5, 10.0), (250.0, 250.0), (0.0, 1.0), (float("nan"), 1.0)])
def test_nice_ceiling_rounds_up_to_a_few_round_numbers(value, nice):
    assert nice_ceiling(value) == pytest.approx(nice)
