"""The Dataset panel: the picture suits the data, and its numbers are the data's numbers; the
evaluation and boundary panels name classes by the data's text labels."""
from __future__ import annotations

import copy
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from nnstudio.data import load_source
from nnstudio.project import editing
from nnstudio.project.document import Document
from nnstudio.project.io import load_project, save_project
from nnstudio.project.model import DataSpec, Edge, Project, TrainingSpec
from nnstudio.training.probes import Evaluation
from nnstudio.ui.commands.edits import SetData
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.panels.dataset import EMPTY_TABLE, DatasetPanel
from nnstudio.ui.panels.dataset_analysis import (class_labels, image_shape, sequence_steps, subsample,
                                                 validation_mask)
from nnstudio.ui.panels.evaluation import binary_confusion, target_names

TIMEOUT = 10_000
SPECIES = ["setosa", "versicolor", "virginica"]


def show(qtbot, doc: Document, size=(900, 420)) -> DatasetPanel:
    """A shown panel that has drawn the document's data (through its debounce timer)."""
    panel = DatasetPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.mode() != "", timeout=TIMEOUT)
    return panel


def project_with(source: dict, split: float = 0.0, path=None) -> Project:
    p = Project(data=DataSpec(source, split))
    if path is not None:
        p.path = str(path)
    return p


def write_species_csv(path, n: int = 60, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Columns a, b (three separable clusters) and species (text). Returns (inputs, labels)."""
    rng = np.random.default_rng(seed)
    labels = [SPECIES[i % 3] for i in range(n)]
    centres = {"setosa": (-3.0, 0.0), "versicolor": (3.0, 0.0), "virginica": (0.0, 4.0)}
    x = np.array([centres[s] for s in labels]) + rng.normal(0, 0.5, (n, 2))
    lines = ["a,b,species"] + [f"{float(x[i, 0])!r},{float(x[i, 1])!r},{labels[i]}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return x, labels


def csv_source(encoding: str = "onehot", columns=("a", "b")) -> dict:
    return {"kind": "csv", "path": "species.csv", "input_columns": list(columns),
            "target_columns": ["species"], "target_encoding": encoding}


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch):
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)


# --- what the panel draws ----------------------------------------------------------------------

def test_xor_example_is_a_scatter_of_the_data_by_class(qtbot):
    project = load_project(EXAMPLES_DIR / "xor_dense.json")
    data = load_source(project.data.source, None)
    panel = show(qtbot, Document(project))
    assert panel.mode() == "scatter" and panel.error() == ""
    x, y, is_val = panel.points.points()
    assert np.array_equal(np.stack([x, y], axis=1), data.inputs) and not is_val.any()
    truth = (data.targets[:, 0] > 0.5).astype(int)
    assert np.array_equal(panel.balance.counts(), np.bincount(truth))
    assert panel.points.legend_names() == ["class 0", "class 1"]
    assert panel.summary.text().startswith("<b>4 samples</b>")
    assert "class 0" in panel.points.legend.text() and "class 0: 2" not in panel.summary.text()
    assert panel.points.plot.getAxis("bottom").labelText == data.input_names[0]


def test_text_classes_name_the_legend_bars_table_and_validation_is_hollow(qtbot, tmp_path):
    x, labels = write_species_csv(tmp_path / "species.csv")
    panel = show(qtbot, Document(project_with(csv_source("onehot"), 0.25, tmp_path / "p.json")))
    assert panel.mode() == "scatter"
    assert panel.points.legend_names() == SPECIES + ["validation"]
    px, py, is_val = panel.points.points()
    # Training points first, then the validation points: the last quarter of the file.
    assert np.array_equal(np.stack([px, py], axis=1), np.concatenate([x[:45], x[45:]]))
    assert np.array_equal(is_val, np.arange(60) >= 45)
    index = np.array([SPECIES.index(s) for s in labels])
    assert np.array_equal(panel.balance.counts(), np.bincount(index))
    legend = panel.points.legend.text()        # each class with its count, in its colour
    assert all(f"{name}&nbsp;<span style='color:#78909c'>20</span>" in legend for name in SPECIES)
    assert "45 training, 15 validation" in panel.summary.text()
    # The table names the class of each sample and says which samples are held out.
    panel.table_button.setChecked(True)
    assert panel._stack.currentWidget() is panel.table
    model = panel.model
    assert model.rowCount() == 60 and model.columnCount() == 2 + 3 + 1
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, 1, 5)] == ["a", "b", "set"]
    assert model.data(model.index(0, 0)) == f"{x[0, 0]:.6g}"
    assert model.data(model.index(59, 5)) == "validation" and model.data(model.index(0, 5)) == "training"
    panel.table_button.setChecked(False)
    assert panel._stack.currentWidget() is panel.points


def test_index_encoded_classes_in_a_wide_table_show_their_names(qtbot, tmp_path):
    write_species_csv(tmp_path / "species.csv", n=30)
    text = (tmp_path / "species.csv").read_text().splitlines()
    # Five input columns: no plot fits, so the panel is a table.
    wide = ["a,b,c,d,e,species"] + [f"{r.rsplit(',', 1)[0]},1,2,3,{r.rsplit(',', 1)[1]}" for r in text[1:]]
    (tmp_path / "species.csv").write_text("\n".join(wide) + "\n")
    source = csv_source("index", ("a", "b", "c", "d", "e"))
    panel = show(qtbot, Document(project_with(source, 0.0, tmp_path / "p.json")))
    assert panel.mode() == "table" and panel._stack.currentWidget() is panel.table
    assert not panel.table_button.isEnabled()
    model = panel.model
    assert model.headerData(5, Qt.Orientation.Horizontal) == "species"
    assert [model.data(model.index(r, 5)) for r in range(3)] == SPECIES


def test_a_split_seed_holds_out_the_same_samples_as_training(qtbot, tmp_path):
    write_species_csv(tmp_path / "species.csv")
    project = project_with(csv_source(), 0.25, tmp_path / "p.json")
    project.data.split_seed = 7
    panel = show(qtbot, Document(project))
    expected = np.zeros(60, bool)
    expected[np.random.default_rng(7).permutation(60)[45:]] = True
    assert np.array_equal(panel.analysis().is_validation, expected)
    assert panel.points.points()[2].sum() == 15


def test_an_8x8_image_archive_is_a_grid_of_labelled_images(qtbot, tmp_path):
    rng = np.random.default_rng(1)
    images = rng.integers(0, 17, (50, 8, 8)).astype(np.uint8)
    digits = np.arange(50) % 10
    np.savez(tmp_path / "digits.npz", inputs=images, targets=digits)
    panel = show(qtbot, Document(project_with({"kind": "npz", "path": "digits.npz"}, 0.2, tmp_path / "p.json")))
    assert panel.mode() == "images"
    assert panel.images.label_texts() == [str(d) for d in digits[:36]]
    assert np.array_equal(panel.balance.counts(), np.bincount(digits))
    # The first tile is the first image, grey levels scaled over the images shown.
    shown = images[:36].astype(float)
    lo, hi = shown.min(), shown.max()
    tile = np.asarray(panel.images.image.image)[:8, :8]
    assert np.array_equal(tile[..., 0], np.round((images[0] - lo) / (hi - lo) * 255).astype(np.uint8))
    assert (tile[..., 3] == 255).all()
    assert "the first 36 of 50 images, 8×8" in panel.images.caption.text()


def test_one_input_regression_plots_the_target_against_the_input(qtbot):
    xs = np.linspace(-3, 3, 25)
    source = {"kind": "table", "inputs": [[float(v)] for v in xs], "targets": [[float(np.sin(v))] for v in xs]}
    panel = show(qtbot, Document(project_with(source, 0.2)))
    assert panel.mode() == "line" and panel.analysis().classes is None
    x, y, is_val = panel.points.points()
    order = np.argsort(x)
    assert np.allclose(x[order], xs) and np.allclose(y[order], np.sin(xs))
    assert is_val.sum() == 5 and np.allclose(np.sort(x[is_val]), xs[-5:])
    assert panel.balance.isHidden()
    assert "y1 from -0.9975 to 0.9975" in panel.summary.text()
    assert panel.points.plot.getAxis("left").labelText == "y1"


def test_inputs_named_t1_to_tT_are_drawn_as_sequences(qtbot, tmp_path):
    rng = np.random.default_rng(2)
    rows = rng.normal(size=(12, 6))
    lines = ["t1,t2,t3,t4,t5,t6,next"] + [",".join(repr(float(v)) for v in r) + ",0.5" for r in rows]
    (tmp_path / "seq.csv").write_text("\n".join(lines) + "\n")
    source = {"kind": "csv", "path": "seq.csv", "input_columns": [f"t{k}" for k in range(1, 7)],
              "target_columns": ["next"]}
    panel = show(qtbot, Document(project_with(source, 0.0, tmp_path / "p.json")))
    assert panel.mode() == "sequences"
    series = panel.sequences.series()
    assert len(series) == 8 and all(np.allclose(s, r) for s, r in zip(series, rows))


def test_a_missing_file_shows_the_message_instead_of_a_plot(qtbot, tmp_path):
    source = {"kind": "csv", "path": "nowhere.csv", "input_columns": ["a"], "target_columns": ["b"]}
    panel = show(qtbot, Document(project_with(source, 0.0, tmp_path / "p.json")))
    assert panel.mode() == "message" and panel._stack.currentWidget() is panel.message
    assert panel.error().startswith("nowhere.csv: no such file")
    assert "nowhere.csv: no such file" in panel.message.text()
    assert panel.summary.isHidden() and panel.balance.isHidden() and not panel.table_button.isEnabled()
    assert panel.model.rowCount() == 0


def test_an_empty_table_asks_for_samples(qtbot):
    panel = show(qtbot, Document(Project()))
    assert panel.mode() == "message" and panel.message.text() == EMPTY_TABLE and panel.error() == ""


def test_an_undoable_data_change_refreshes_the_panel(qtbot):
    project = load_project(EXAMPLES_DIR / "xor_dense.json")
    doc, stack = Document(project), QUndoStack()
    panel = show(qtbot, doc)
    data = copy.deepcopy(doc.project.data)      # the document's spec changes only through the command
    data.source["inputs"].append([0.5, 0.5])
    data.source["targets"].append([1.0])
    stack.push(SetData(doc, data, key="inputs"))
    qtbot.waitUntil(lambda: len(panel.points.points()[0]) == 5, timeout=TIMEOUT)
    assert panel.summary.text().startswith("<b>5 samples</b>")
    assert np.array_equal(panel.balance.counts(), [2, 3])
    stack.undo()
    qtbot.waitUntil(lambda: len(panel.points.points()[0]) == 4, timeout=TIMEOUT)
    # A broken source after an edit: the message, then the plot again on undo.
    broken = DataSpec({"kind": "npz", "path": "missing.npz"})
    stack.push(SetData(doc, broken))
    qtbot.waitUntil(lambda: panel.mode() == "message", timeout=TIMEOUT)
    stack.undo()
    qtbot.waitUntil(lambda: panel.mode() == "scatter", timeout=TIMEOUT)
    panel.detach()


def test_a_hidden_panel_loads_only_when_shown(qtbot):
    doc = Document(load_project(EXAMPLES_DIR / "softmax_3class.json"))
    panel = DatasetPanel(doc)
    qtbot.addWidget(panel)
    qtbot.wait(300)                           # longer than the debounce
    assert panel.mode() == "" and panel.analysis() is None
    panel.resize(700, 400)
    panel.show()
    qtbot.waitUntil(lambda: panel.mode() == "scatter", timeout=TIMEOUT)
    assert np.array_equal(panel.balance.counts(), [10, 10, 10])


def test_sixty_thousand_images_draw_quickly_and_only_what_is_seen(qtbot, tmp_path):
    rng = np.random.default_rng(3)
    images = rng.integers(0, 256, (60_000, 784), dtype=np.uint8)
    labels = rng.integers(0, 10, 60_000).astype(np.uint8)
    np.savez(tmp_path / "mnist.npz", inputs=images, targets=labels)
    doc = Document(project_with({"kind": "npz", "path": "mnist.npz"}, 0.2, tmp_path / "p.json"))
    panel = DatasetPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(900, 420)
    panel.show()
    qtbot.waitExposed(panel)
    start = time.perf_counter()
    panel.refresh_now()
    assert time.perf_counter() - start < 3.0
    assert panel.mode() == "images" and len(panel.images.label_texts()) == 36
    assert np.array_equal(panel.balance.counts(), np.bincount(labels, minlength=10))
    panel.table_button.setChecked(True)         # the table is lazy: 60,000 rows cost nothing
    assert panel.model.rowCount() == 60_000 and panel.model.data(panel.model.index(59_999, 785)) == "validation"


def test_a_big_scatter_draws_a_subsample(qtbot):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(20_000, 2))
    source = {"kind": "table", "inputs": x.tolist(), "targets": (x[:, 0] > 0).astype(int).tolist()}
    panel = show(qtbot, Document(project_with(source)))
    px, py, _ = panel.points.points()
    assert len(px) == 5000
    keep = subsample(20_000)
    assert np.array_equal(px, x[keep, 0]) and np.array_equal(py, x[keep, 1])
    assert np.array_equal(panel.balance.counts(), np.bincount((x[:, 0] > 0).astype(int)))   # counts: every sample
    assert "5,000 of 20,000 samples shown" in panel.points.caption.text()


# --- the analysis behind it --------------------------------------------------------------------

def test_validation_mask_matches_training(monkeypatch):
    assert np.array_equal(validation_mask(10, 0.3), np.arange(10) >= 7)
    assert not validation_mask(10, 0.0).any() and validation_mask(1, 0.5).sum() == 0
    seeded = validation_mask(10, 0.3, split_seed=5)
    assert seeded.sum() == 3 and np.array_equal(np.flatnonzero(seeded), np.sort(np.random.default_rng(5).permutation(10)[7:]))


def test_class_labels_from_each_kind_of_target():
    from nnstudio.data import Dataset
    x = np.zeros((4, 2))
    onehot = Dataset(x, np.eye(3)[[0, 2, 1, 2]], ["a", "b"], ["y1", "y2", "y3"])
    assert class_labels(onehot)[0].tolist() == [0, 2, 1, 2] and class_labels(onehot)[1] == ["class 0", "class 1", "class 2"]
    signed = Dataset(x, np.array([[-1.0], [1.0], [1.0], [-1.0]]), ["a", "b"], ["y"])
    classes, names = class_labels(signed)
    assert classes.tolist() == [0, 1, 1, 0] and names == ["−1", "+1"]
    named = Dataset(x, np.array([1, 0, 1, 1]), ["a", "b"], ["s"], ["no", "yes"])
    assert class_labels(named)[1] == ["no", "yes"]
    continuous = Dataset(x, np.array([[0.2], [0.7], [1.0], [0.0]]), ["a", "b"], ["y"])
    assert class_labels(continuous) == (None, [])


def test_image_and_sequence_shapes():
    assert image_shape(64, []) == (1, 8, 8) and image_shape(784, [[784]]) == (1, 28, 28)
    assert image_shape(3 * 32 * 32, []) == (3, 32, 32) and image_shape(2, []) is None
    assert image_shape(4 * 6, [[4, 6]]) == (1, 4, 6) and image_shape(20, [[10, 2]]) is None
    assert sequence_steps(["t1", "t2", "t3"]) == 3 and sequence_steps(["t1_x", "t1_y", "t2_x", "t2_y"]) == 2
    assert sequence_steps(["x1", "x2"]) == 0 and sequence_steps(["t1", "t3"]) == 0


# --- class names in the evaluation and boundary panels -----------------------------------------

def species_project(tmp_path) -> str:
    """a, b → Dense(3, softmax), categorical cross-entropy on the species CSV; saved beside it."""
    write_species_csv(tmp_path / "species.csv")
    p = Project()
    x = editing.new_node(p, "input", (0, 0), shape=[2])
    p.nodes.append(x)
    out = editing.new_node(p, "dense", (200, 0), units=3, activation="softmax")
    p.nodes.append(out)
    p.edges.append(Edge("e1", x.id, out.id))
    p.inputs, p.outputs = [x.id], [out.id]
    p.data = DataSpec(csv_source("onehot"))
    p.training = TrainingSpec(loss="categorical_crossentropy", optimizer={"kind": "adam", "lr": 0.05}, epochs=5)
    path = tmp_path / "species.json"
    save_project(p, path)
    return str(path)


def test_the_confusion_matrix_and_boundary_legend_use_text_class_names(qtbot, tmp_path, monkeypatch):
    from nnstudio.ui.window.main_window import MainWindow
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "settings.ini"))
    w = MainWindow()
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.show()
    assert w.files.open_path(species_project(tmp_path))
    w.act.step_epoch.trigger()
    evaluation = w.live.evaluation
    qtbot.waitUntil(lambda: evaluation.mode() == "confusion", timeout=TIMEOUT)
    columns = [evaluation.matrix.horizontalHeaderItem(j).text() for j in range(3)]
    rows = [evaluation.matrix.verticalHeaderItem(i).text() for i in range(3)]
    assert columns == SPECIES and rows == SPECIES
    assert evaluation.confusion().sum(axis=1).tolist() == [20, 20, 20]
    qtbot.waitUntil(lambda: w.live.boundary.mode() == "plane", timeout=TIMEOUT)
    assert w.live.boundary.legend_names() == SPECIES
    # The Dataset dock is in the window, and in View ▸ Panels.
    assert w.dataset_dock.objectName() == "datasetDock"
    w.dataset_dock.show()
    w.dataset_dock.raise_()
    qtbot.waitUntil(lambda: w.dataset.mode() == "scatter", timeout=TIMEOUT)
    assert w.dataset.points.legend_names()[:3] == SPECIES
    panels_menu = next(a.menu() for a in w.view_menu.actions()
                       if a.menu() is not None and a.text().replace("&", "") == "Panels")
    assert w.dataset_dock.toggleViewAction() in panels_menu.actions()
    w.training.stop()
    qtbot.waitUntil(lambda: w.training.state == "idle", timeout=TIMEOUT)


def test_binary_evaluation_uses_two_class_names():
    ev = Evaluation("truth_table", np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]]), np.array([[0.0], [1.0], [1.0]]),
                    np.array([[0.1], [0.8], [0.3]]), np.array([True, True, False]), class_names=["no", "yes"])
    cm, names = binary_confusion(ev)
    assert names == ["no", "yes"] and cm.tolist() == [[1, 0], [1, 1]]
    assert target_names(ev) == ["no", "yes", "yes"]
    ev.class_names = []
    assert binary_confusion(ev)[1] == ["0", "1"] and target_names(ev) is None
