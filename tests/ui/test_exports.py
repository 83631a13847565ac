"""Exports from the window: every plot panel as PNG, SVG and CSV (pyqtgraph's exporters), the
canvas as PNG and SVG, and File ▸ Export (weights .npz and JSON, ONNX, PyTorch) off the GUI thread."""
from __future__ import annotations

import csv
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from nnstudio.export.extras import MissingExtra
from nnstudio.export.weights import weight_arrays
from nnstudio.project import editing
from nnstudio.project.document import Document
from nnstudio.project.io import load_project
from nnstudio.project.model import DataSpec, Edge, Project, TrainingSpec
from nnstudio.training import live, probes
from nnstudio.training.live import LiveSnapshot
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.panels.activations import ActivationsPanel
from nnstudio.ui.panels.boundary import BoundaryPanel
from nnstudio.ui.panels.convolution import ConvolutionPanel
from nnstudio.ui.panels.dataset import DatasetPanel
from nnstudio.ui.panels.evaluation import EvaluationPanel
from nnstudio.ui.panels.loss import LossPanel
from nnstudio.ui.panels.plot_export import PlotExport
from nnstudio.ui.panels.weights import WeightsPanel
from nnstudio.ui.window.exports import Kind
from nnstudio.ui.window.main_window import MainWindow
from tests.ui.conftest import xor_project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def warnings(monkeypatch) -> list[str]:
    """Message boxes are recorded, not shown (a modal box would hang an offscreen test)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok)
    return shown


# --- helpers ------------------------------------------------------------------------------------
def png_size(path: Path) -> tuple[int, int]:
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(path))
    assert not image.isNull()
    return image.width(), image.height()


def distinct_colours(path: Path) -> int:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
    return len(np.unique(arr))


def read_csv(path: Path) -> tuple[list[str], np.ndarray]:
    """(header, columns as a float array with NaN for blanks) of a CSVExporter file."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    table = np.array([[float(v) if v not in ("", "nan") else np.nan for v in row] for row in body])
    return header, table


def pictures(qtbot, menu: PlotExport, tmp_path: Path, name: str, min_size=(150, 100)) -> None:
    """PNG (a real picture of about the views' size) and SVG (valid XML) of one panel."""
    png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
    menu.export("png", png)
    assert menu.last_written == [png]
    w, h = png_size(png)
    views = [v for v in menu.views() if v.isVisible()]
    assert w >= max(min_size[0], max(v.width() for v in views) - 2)
    assert h >= max(min_size[1], sum(v.height() for v in views) - 2 * len(views))
    assert distinct_colours(png) > 3          # more than a blank background
    assert menu.export("svg", svg) == [svg]
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")


def snapshot(project: Project, epochs: int) -> tuple[TrainingRun, LiveSnapshot]:
    run = TrainingRun(project)
    for _ in run.reports(epochs):
        pass
    probe = live.make_probe(project, run.model, run.all_samples())
    return run, LiveSnapshot("running", epoch=run.epochs_done, probe=probe, new_history=run.history,
                             loss=run.history.loss[-1], matrices=probes.weight_matrices(project, run.model))


def shown(qtbot, panel, size=(700, 420)):
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


# --- plot panels --------------------------------------------------------------------------------
def test_loss_panel_exports_png_svg_and_its_loss_history_as_csv(qtbot, tmp_path):
    panel = shown(qtbot, LossPanel())
    run, snap = snapshot(load_project(EXAMPLES / "xor_dense.json"), 40)
    panel.update_snapshot(snap)
    qtbot.wait(20)
    pictures(qtbot, panel.export_menu, tmp_path, "loss")
    files = panel.export_menu.export("csv", tmp_path / "loss.csv")
    assert files == [tmp_path / "loss-1.csv", tmp_path / "loss-2.csv"]        # loss plot, accuracy plot
    header, table = read_csv(files[0])
    # The first curve is the training loss per epoch: x = 1 … 40, y = the run's history.
    np.testing.assert_array_equal(table[:40, 0], np.arange(1, 41))
    np.testing.assert_allclose(table[:40, 1], run.history.loss, rtol=1e-9)
    _, acc = read_csv(files[1])
    np.testing.assert_allclose(acc[:40, 1], run.history.accuracy, rtol=1e-9)


def test_weights_panel_csv_is_the_heatmap_matrix_and_the_histogram(qtbot, tmp_path):
    panel = shown(qtbot, WeightsPanel())
    run, snap = snapshot(load_project(EXAMPLES / "xor_dense.json"), 5)
    panel.update_snapshot(snap)
    qtbot.wait(20)
    pictures(qtbot, panel.export_menu, tmp_path, "weights")
    files = panel.export_menu.export("csv", tmp_path / "weights.csv")
    assert len(files) == 2
    hidden = run.model.layer(run.model.layer_ops["hidden"]).params["W"]
    np.testing.assert_allclose(np.loadtxt(files[0], delimiter=","), hidden, rtol=1e-9)
    header, hist = read_csv(files[1])         # the histogram's step curve: edges and counts
    assert np.nansum(hist[:, 1]) == hidden.size + 8 or np.nansum(hist[:, 1]) == hidden.size


def test_activations_panel_exports_its_histogram_and_unit_means(qtbot, tmp_path):
    panel = shown(qtbot, ActivationsPanel(), (500, 500))
    _, snap = snapshot(load_project(EXAMPLES / "xor_dense.json"), 50)
    panel.set_node("hidden", "hidden", "tanh")
    panel.update_snapshot(snap)
    qtbot.wait(20)
    pictures(qtbot, panel.export_menu, tmp_path, "activations")
    files = panel.export_menu.export("csv", tmp_path / "act.csv")
    assert len(files) == 2
    _, hist = read_csv(files[0])
    np.testing.assert_array_equal(hist[:len(panel.histogram_counts()), 1], panel.histogram_counts())
    with open(files[1]) as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["x", "height"]
    np.testing.assert_allclose([float(r[1]) for r in rows[1:]], panel.unit_means(), rtol=1e-9)


def sine_project() -> Project:
    """input [1] → Dense(8, tanh) → Dense(1, linear), mse, on 25 points of sin x."""
    p = Project()
    for kind, x, config in (("input", 0, {"shape": [1]}), ("dense", 200, {"units": 8, "activation": "tanh"}),
                            ("dense", 400, {"units": 1, "activation": "linear"})):
        p.nodes.append(editing.new_node(p, kind, (x, 0), **config))
    x, h, y = p.nodes
    p.edges += [Edge("e1", x.id, h.id), Edge("e2", h.id, y.id)]
    p.inputs, p.outputs = [x.id], [y.id]
    xs = np.linspace(-3, 3, 25)
    p.data = DataSpec({"kind": "table", "inputs": [[float(v)] for v in xs],
                       "targets": [[float(np.sin(v))] for v in xs]})
    p.training = TrainingSpec(loss="mse", optimizer={"kind": "adam", "lr": 0.05}, epochs=300)
    return p


def test_evaluation_panel_csv_holds_true_and_predicted(qtbot, tmp_path):
    panel = shown(qtbot, EvaluationPanel())
    _, snap = snapshot(sine_project(), 100)
    panel.update_snapshot(snap)
    qtbot.wait(20)
    assert panel.plot.isVisible()
    pictures(qtbot, panel.export_menu, tmp_path, "evaluation")
    [path] = panel.export_menu.export("csv", tmp_path / "evaluation.csv")
    _, table = read_csv(path)
    ev = snap.probe.evaluation
    # Columns: the identity line (x, y), then the points (true, predicted).
    np.testing.assert_allclose(table[:len(ev.targets), 2], ev.targets[:, 0], rtol=1e-9)
    np.testing.assert_allclose(table[:len(ev.targets), 3], ev.outputs[:, 0], rtol=1e-9)


def test_boundary_panel_csv_is_the_output_grid(qtbot, tmp_path):
    panel = shown(qtbot, BoundaryPanel(), (500, 500))
    _, snap = snapshot(load_project(EXAMPLES / "xor_dense.json"), 50)
    panel.update_snapshot(snap)
    qtbot.wait(20)
    pictures(qtbot, panel.export_menu, tmp_path, "boundary")
    [path] = panel.export_menu.export("csv", tmp_path / "boundary.csv")
    header, table = read_csv(path)
    # The scatter of the samples, at their inputs.
    data = load_project(EXAMPLES / "xor_dense.json").data.source
    points = np.array(data["inputs"], dtype=float)
    assert sorted(map(tuple, table[:len(points), -2:].tolist())) == sorted(map(tuple, points.tolist()))


def test_dataset_panel_exports_the_scatter_of_the_xor_data(qtbot, tmp_path):
    project = load_project(EXAMPLES / "xor_dense.json")
    panel = shown(qtbot, DatasetPanel(Document(project)))
    qtbot.waitUntil(lambda: panel.mode() != "", timeout=TIMEOUT)
    qtbot.wait(20)
    pictures(qtbot, panel.export_menu, tmp_path, "dataset")
    files = panel.export_menu.export("csv", tmp_path / "dataset.csv")
    _, table = read_csv(files[0])
    points = np.array(project.data.source["inputs"], dtype=float)
    xy = [tuple(r) for k in range(0, table.shape[1], 2) for r in table[:, k:k + 2] if not np.isnan(r).any()]
    assert sorted(xy) == sorted(map(tuple, points.tolist()))


def test_convolution_panel_csv_files_hold_the_image_and_the_kernel(qtbot, tmp_path):
    from tests.ui.test_convolution_view import IMAGE, SOBEL, hand_made
    panel = shown(qtbot, ConvolutionPanel(hand_made("relu")), (900, 420))
    panel.select_node("c1")
    qtbot.waitUntil(lambda: panel.case is not None and panel.case.node_id == "c1", timeout=TIMEOUT)
    qtbot.wait(20)
    pictures(qtbot, panel.export_menu, tmp_path, "convolution")
    files = panel.export_menu.export("csv", tmp_path / "conv.csv")
    tables = [np.loadtxt(f, delimiter=",", ndmin=2) for f in files]
    assert any(t.shape == IMAGE.shape and np.allclose(t, IMAGE) for t in tables)
    assert any(t.shape == SOBEL.shape and np.allclose(t, SOBEL) for t in tables)


def test_right_click_on_a_plot_opens_the_export_menu(qtbot, monkeypatch):
    panel = shown(qtbot, LossPanel())
    popped = []
    monkeypatch.setattr(PlotExport, "popup", lambda self, pos: popped.append(pos))
    qtbot.wait(1)                                  # the menu hooks the views once they exist

    class Click:                                   # what pyqtgraph's scene hands sigMouseClicked
        accepted = False

        def button(self):
            return Qt.MouseButton.RightButton

        def double(self):
            return False

        def isAccepted(self):
            return self.accepted

        def accept(self):
            self.accepted = True

        def screenPos(self):
            return QPointF(10, 20)
    panel.loss_plot.scene().sigMouseClicked.emit(Click())
    assert len(popped) == 1
    texts = [a.text() for a in panel.export_menu.actions()]
    assert texts == ["Picture as PNG…", "Picture as SVG…", "Data as CSV…"]


# --- the window: canvas picture and File ▸ Export -------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.files.install(xor_project())
    w.show_canvas()
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.errors = []
    w.exports.show_error = w.errors.append
    return w


def test_file_menu_has_the_export_submenu(window):
    file_menu = window.menuBar().actions()[0].menu()
    export = next(a.menu() for a in file_menu.actions() if a.menu() is window.exports.menu)
    assert [a.text().replace("&", "") for a in export.actions() if not a.isSeparator()] == [
        "Weights as .npz…", "Weights as JSON…", "ONNX model…", "PyTorch script…", "Canvas picture (PNG/SVG)…"]


def test_canvas_exports_svg_with_the_node_labels_and_png(window, tmp_path):
    svg, png = tmp_path / "net.svg", tmp_path / "net.png"
    assert window.exports.export_canvas(str(svg))
    text = svg.read_text()
    ET.fromstring(text)                            # well-formed XML
    for label in ("x1", "x2", "h1", "h2", "hidden", "out"):
        assert f">{label}<" in text
    assert window.exports.export_canvas(str(png))
    rect = window.canvas.canvas_scene.content_rect()
    w, h = png_size(png)
    assert w == round((rect.width() + 48) * 2) and h == round((rect.height() + 48) * 2)
    assert distinct_colours(png) > 10
    assert "Exported" in window.statusBar().currentMessage()


def test_canvas_export_asks_for_the_path_and_remembers_the_folder(window, tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    asked = []
    window.exports.ask_path = lambda *a: asked.append(a) or str(folder / "net")
    window.exports.actions["canvas"].trigger()
    assert (folder / "net.png").exists() and len(asked) == 1
    assert window.exports._start_dir() == str(folder)


def run_export(qtbot, window, key, path) -> list[Path]:
    with qtbot.waitSignal(window.exports.finished, timeout=TIMEOUT) as blocker:
        assert window.exports.export(key, str(path))
    return blocker.args[0]


def test_weights_npz_and_json_from_the_menu(qtbot, window, tmp_path):
    arrays = weight_arrays(window.doc.project)
    [npz] = run_export(qtbot, window, "npz", tmp_path / "w.npz")
    with np.load(npz, allow_pickle=False) as data:
        assert sorted(data.files) == sorted(arrays)
        for key, value in arrays.items():
            np.testing.assert_array_equal(data[key], value)
    window.exports.ask_path = lambda *a: str(tmp_path / "w")      # no suffix: the format's is added
    with qtbot.waitSignal(window.exports.finished, timeout=TIMEOUT):
        window.exports.actions["json"].trigger()
    data = json.loads((tmp_path / "w.json").read_text())
    assert data["format"] == "nnstudio.weights"
    np.testing.assert_array_equal(data["edges"]["w1"], 0.15)
    assert f"{tmp_path / 'w.json'}" in window.statusBar().currentMessage()


def test_a_slow_export_shows_a_busy_progress_dialog_and_the_window_stays_responsive(qtbot, window, tmp_path):
    def slow(project, path):
        time.sleep(0.8)
        Path(path).write_text("done")
        return [Path(path)]
    window.exports.kinds["npz"] = Kind("npz", "", "Slow export", "", ".npz", slow)
    with qtbot.waitSignal(window.exports.finished, timeout=TIMEOUT):
        assert window.exports.export("npz", str(tmp_path / "slow.npz"))
        assert window.exports.is_busy()
        assert not window.exports.export("json", str(tmp_path / "other.json"))     # one at a time
        qtbot.waitUntil(lambda: window.exports._progress is not None and window.exports._progress.isVisible(),
                        timeout=TIMEOUT)
    assert window.exports._progress is None and not window.exports.is_busy()
    assert (tmp_path / "slow.npz").read_text() == "done"


def test_a_missing_extra_is_named_with_its_pip_command(qtbot, window, tmp_path):
    def missing(project, path):
        raise MissingExtra("ONNX export needs the onnx package, which is not installed: pip install 'nnstudio[onnx]'")
    window.exports.kinds["onnx"] = Kind("onnx", "", "Export an ONNX model", "", ".onnx", missing)
    with qtbot.waitSignal(window.exports.failed, timeout=TIMEOUT):
        window.exports.export("onnx", str(tmp_path / "m.onnx"))
    assert window.errors == ["ONNX export needs the onnx package, which is not installed: pip install 'nnstudio[onnx]'"]
    assert not (tmp_path / "m.onnx").exists()


def test_an_unwritable_path_is_told_in_plain_words(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.exports.failed, timeout=TIMEOUT):
        window.exports.export("npz", str(tmp_path / "no-such-folder" / "w.npz"))
    assert len(window.errors) == 1 and "cannot be written" in window.errors[0]


def test_onnx_export_from_the_menu(qtbot, window, tmp_path):
    pytest.importorskip("nnstudio.export.onnx_export")
    onnx = pytest.importorskip("onnx")
    window.files.install(load_project(EXAMPLES / "xor_dense.json"))
    [path] = run_export(qtbot, window, "onnx", tmp_path / "m.onnx")
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)


def test_torch_export_from_the_menu(qtbot, window, tmp_path):
    pytest.importorskip("nnstudio.export.torch_script")
    window.files.install(load_project(EXAMPLES / "xor_dense.json"))
    files = run_export(qtbot, window, "torch", tmp_path / "model.py")
    assert tmp_path / "model.py" in files and all(p.exists() for p in files)
