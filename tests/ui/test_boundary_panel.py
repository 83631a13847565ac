"""The decision-boundary panel, fed snapshots from real training runs."""
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
from nnstudio.ui.panels.boundary import CLASS_COLORS, NEEDS_INPUTS, NEGATIVE, POSITIVE, BoundaryPanel

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def trained(project: Project, epochs: int) -> tuple[TrainingRun, LiveSnapshot]:
    run = TrainingRun(project)
    if epochs:
        run.run(epochs)
    return run, LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples()))


def example(name: str, epochs: int) -> tuple[Project, TrainingRun, LiveSnapshot]:
    project = load_project(EXAMPLES / f"{name}.json")
    return (project, *trained(project, epochs))


def chain(widths: list[int], activations: list[str], inputs: list[list[float]], targets: list[list[float]],
          loss: str = "mse") -> Project:
    """input [widths[0]] → dense layers of widths[1:] with `activations`, on a data table."""
    p = Project()
    prev = editing.new_node(p, "input", (0, 0), shape=[widths[0]])
    p.nodes.append(prev)
    p.inputs = [prev.id]
    for k, (units, act) in enumerate(zip(widths[1:], activations)):
        node = editing.new_node(p, "dense", (200 * (k + 1), 0), units=units, activation=act)
        p.nodes.append(node)
        p.edges.append(Edge(f"e{k}", prev.id, node.id))
        prev = node
    p.outputs = [prev.id]
    p.data = DataSpec({"kind": "table", "inputs": inputs, "targets": targets})
    p.training = TrainingSpec(loss=loss, optimizer={"kind": "adam", "lr": 0.05}, epochs=100)
    return p


def sine_project() -> Project:
    xs = np.linspace(-3, 3, 25)
    return chain([1, 8, 1], ["tanh", "linear"], [[float(v)] for v in xs], [[float(np.sin(v))] for v in xs])


@pytest.fixture
def panel(qtbot) -> BoundaryPanel:
    p = BoundaryPanel()
    qtbot.addWidget(p)
    p.resize(500, 400)
    return p


@pytest.fixture(scope="module")
def xor_runs():
    """XOR with 5 hidden sigmoid neurons after 300 and after 2,000 epochs."""
    project = load_project(EXAMPLES / "xor_5_hidden.json")
    run = TrainingRun(project)
    run.run(300)
    early = LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples()))
    run.run(1700)
    late = LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples()))
    return run, early, late


def test_xor_heatmap_is_the_probe_grid_in_its_orientation(panel, xor_runs):
    run, _, late = xor_runs
    b = late.probe.boundary
    assert not np.allclose(b.values, b.values.T, atol=1e-3)   # else a transposition would go unseen
    panel.update_snapshot(late)
    assert panel.mode() == "plane"
    np.testing.assert_array_equal(panel.image_values(), b.values)
    # ImageItem indexes [x, y]: column i of the probe (x) is the image's first index.
    assert panel.image.image.shape == (b.values.shape[1], b.values.shape[0])
    np.testing.assert_array_equal(panel.image.image[7, 41], b.values[41, 7])
    # Pixel centres sit on the grid: the first pixel is centred on x_range[0], the last on x_range[1].
    rect = panel.image.mapRectToParent(panel.image.boundingRect())
    dx = (b.x_range[1] - b.x_range[0]) / (b.values.shape[1] - 1)
    dy = (b.y_range[1] - b.y_range[0]) / (b.values.shape[0] - 1)
    assert rect.left() + dx / 2 == pytest.approx(b.x_range[0])
    assert rect.right() - dx / 2 == pytest.approx(b.x_range[1])
    assert rect.top() + dy / 2 == pytest.approx(b.y_range[0])
    assert rect.bottom() - dy / 2 == pytest.approx(b.y_range[1])
    # Trained XOR: the (0, 1) corner is blue (high), the (0, 0) corner orange (low).
    col = lambda x: round((x - b.x_range[0]) / dx)   # noqa: E731
    row = lambda y: round((y - b.y_range[0]) / dy)   # noqa: E731
    assert panel.image.image[col(0.0), row(1.0)] > 0.8
    assert panel.image.image[col(0.0), row(0.0)] < 0.2
    assert panel.image.levels.tolist() == [0.0, 1.0]


def test_contour_follows_the_network_at_one_half(panel, xor_runs):
    run, _, late = xor_runs
    panel.update_snapshot(late)
    xs, ys = panel.contour.getData()
    keep = np.isfinite(xs)
    assert keep.sum() > 40                     # XOR's band has two long edges
    pts = np.stack([xs[keep], ys[keep]], axis=1)
    y = run.model.network.forward([pts[:, :1], pts[:, 1:]], training=False)
    # Marching squares interpolates linearly between grid points: close to 0.5, not exact. Half a
    # grid step off (pixel corners taken for centres) would miss by about 0.03.
    assert np.abs(np.asarray(y)[:, 0] - 0.5).max() < 0.005


def test_points_are_the_samples_coloured_by_target(panel, xor_runs):
    _, _, late = xor_runs
    panel.update_snapshot(late)
    assert panel.point_count() == len(late.probe.inputs) == 4
    xs, ys = panel.points.getData()
    np.testing.assert_array_equal(np.stack([xs, ys], 1), late.probe.inputs)
    colours = [QColor(b.color()).name() for b in panel.points.data["brush"]]
    assert colours == [NEGATIVE, POSITIVE, POSITIVE, NEGATIVE]      # targets 0, 1, 1, 0


def test_new_probe_redraws_and_probe_none_keeps_the_picture(panel, xor_runs):
    _, early, late = xor_runs
    panel.update_snapshot(early)
    first = panel.image_values()
    np.testing.assert_array_equal(first, early.probe.boundary.values)
    panel.update_snapshot(LiveSnapshot(status="running", epoch=301))          # probe None
    np.testing.assert_array_equal(panel.image_values(), first)
    assert panel.point_count() == 4
    panel.update_snapshot(late)
    after = panel.image_values()
    assert np.abs(after - first).max() > 0.1                                  # it learned
    np.testing.assert_array_equal(after, late.probe.boundary.values)


def test_plus_minus_one_targets_use_the_signed_scale(panel):
    x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    project = chain([2, 1], ["sign"], x, [[-1.0], [-1.0], [-1.0], [1.0]])     # AND in ±1
    project.training = TrainingSpec(loss="mse", optimizer={"kind": "perceptron", "lr": 1.0}, batch_size=1)
    _, snap = trained(project, 20)
    assert snap.probe.evaluation.correct.all()
    panel.update_snapshot(snap)
    assert panel.image.levels.tolist() == [-1.0, 1.0]
    assert "orange −1" in panel.caption.text() and "line: 0" in panel.caption.text()
    colours = [QColor(b.color()).name() for b in panel.points.data["brush"]]
    assert colours == [NEGATIVE, NEGATIVE, NEGATIVE, POSITIVE]
    # A perceptron, no hidden layer: the 0 line is straight. Its output jumps from −1 to +1
    # between two grid points, and a raw isoline zigzags half a grid step either way.
    xs, ys = panel.contour.getData()
    keep = np.isfinite(xs)
    slope, icpt = np.polyfit(xs[keep], ys[keep], 1)
    off = np.abs(ys[keep] - (slope * xs[keep] + icpt)) / np.hypot(1, slope) / (1.3 / 59)    # in grid steps
    assert off.max() < 0.3 and np.sqrt((off ** 2).mean()) < 0.15       # unsmoothed: 0.42 and 0.21


def test_softmax_regions_use_class_colours(panel):
    _, _, snap = example("softmax_3class", 100)
    b = snap.probe.boundary
    panel.update_snapshot(snap)
    assert panel.point_count() == 30
    np.testing.assert_array_equal(panel.image_values(), b.values)
    rgba = panel.image.image                                  # [x, y, 4] uint8
    assert rgba.shape == (b.values.shape[1], b.values.shape[0], 4)
    palette = np.array([QColor(c).getRgb()[:3] for c in CLASS_COLORS[:3]], float)
    sure = np.argwhere(b.values > 0.95)                      # (row, col) cells deep inside a region
    assert len(sure) > 100
    for r, c in sure[::25]:
        shade = rgba[c, r, :3].astype(float)
        # The shade is the class colour mixed with white: nearest, in direction, to its class.
        tint = (255 - shade) / np.linalg.norm(255 - shade)
        dirs = (255 - palette) / np.linalg.norm(255 - palette, axis=1, keepdims=True)
        assert int(np.argmax(dirs @ tint)) == b.classes[r, c]
    brushes = [QColor(x.color()).name() for x in panel.points.data["brush"]]
    expected = [CLASS_COLORS[k] for k in snap.probe.targets.argmax(axis=1)]
    assert brushes == expected
    xs, _ = panel.contour.getData()
    assert xs is None or len(xs) == 0                        # no 0.5 line for class regions
    # Back to one output on the same items: a scalar image with the diverging table again.
    _, _, xnor = example("xnor", 0)
    panel.update_snapshot(xnor)
    np.testing.assert_array_equal(panel.image_values(), xnor.probe.boundary.values)
    assert panel.image.image.ndim == 2 and panel.image.lut is not None
    assert len(panel.contour.getData()[0]) > 0


def test_one_input_regression_draws_the_fitted_curve(panel):
    project = sine_project()
    run, snap = trained(project, 300)
    panel.update_snapshot(snap)
    assert panel.mode() == "curve"
    assert panel.image_values() is None
    assert panel.point_count() == 25
    ev = snap.probe.evaluation
    xs, ys = panel.curve.getData()
    order = np.argsort(ev.inputs[:, 0])
    np.testing.assert_allclose(xs, ev.inputs[order, 0])
    np.testing.assert_allclose(ys, ev.outputs[order, 0])
    assert np.all(np.diff(xs) > 0)
    # Trained: the curve follows sin x.
    assert np.abs(ys - np.sin(xs)).max() < 0.3
    px, py = panel.points.getData()
    np.testing.assert_allclose(py, np.sin(px), atol=1e-12)


def test_the_enlarge_button_shows_only_with_a_picture(panel, xor_runs):
    panel.show()
    panel.reset()
    assert not panel.enlarge_button.isVisible()          # the waiting text: nothing to enlarge
    panel.update_snapshot(xor_runs[2])
    assert panel.enlarge_button.isVisible()


def test_three_inputs_get_a_message_and_reset_clears(panel):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(12, 3))
    project = chain([3, 1], ["sigmoid"], x.tolist(), (x[:, :1] > 0).astype(float).tolist(), "binary_crossentropy")
    _, snap = trained(project, 5)
    panel.update_snapshot(snap)
    assert panel.mode() == "message"
    assert panel.message.text() == NEEDS_INPUTS
    assert panel.point_count() == 0 and panel.image_values() is None
    _, _, xor = example("xnor", 0)
    panel.update_snapshot(xor)
    assert panel.mode() == "plane" and panel.point_count() == 4
    panel.reset()
    assert panel.mode() == "" and panel.image_values() is None and panel.point_count() == 0


@pytest.mark.parametrize("size", [(360, 800), (900, 300)])
def test_a_plane_with_equal_units_fills_a_square_not_empty_range(panel, qtbot, xor_runs, size):
    """A tall or wide dock (a 1920×1080 window) centres a square plot instead of showing range
    with no picture above and below the data; the one-input curve fills the panel again."""
    _run, _early, snap = xor_runs
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    panel.update_snapshot(snap)
    qtbot.wait(20)
    panel.resize(size[0] + 1, size[1] + 1)      # lay out again with the axes' real sizes
    qtbot.waitUntil(lambda: abs(_view_ratio(panel) - 1.0) < 0.08, timeout=2000)
    x_range, y_range = panel.plot.getPlotItem().vb.viewRange()
    data_x, data_y = snap.probe.boundary.x_range, snap.probe.boundary.y_range
    # The view shows the plane, not decades of empty range around it.
    assert (x_range[1] - x_range[0]) <= 1.1 * (data_x[1] - data_x[0])
    assert (y_range[1] - y_range[0]) <= 1.1 * (data_y[1] - data_y[0])
    sine = sine_project()
    panel.update_snapshot(trained(sine, 0)[1])
    assert panel.plot.geometry() == panel.plot_box.rect()


def _view_ratio(panel: BoundaryPanel) -> float:
    rect = panel.plot.getPlotItem().vb.sceneBoundingRect()
    return rect.width() / max(rect.height(), 1.0)


def test_a_plane_drawn_before_the_panel_is_shown_stays_inside_it(qtbot, xor_runs):
    """A project opened with the window: the plot was placed before any layout (it was once
    pushed half out of its box and cut)."""
    panel = BoundaryPanel()
    qtbot.addWidget(panel)
    panel.update_snapshot(xor_runs[2])
    panel.resize(330, 300)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: abs(_view_ratio(panel) - 1.0) < 0.08, timeout=2000)
    assert panel.plot_box.rect().contains(panel.plot.geometry())
