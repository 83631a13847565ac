"""File ▸ Import Data…: the dialog reads CSV, NPZ and IDX files, shows what it found, refuses
what cannot work, and on OK sets the data and fits the network in one undo step that trains."""
from __future__ import annotations

import csv
import os
import struct

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnstudio.project.io import project_to_dict, save_project
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.dialogs.import_dialog import ImportDialog, apply_import, data_kind, path_maker
from nnstudio.ui.window.main_window import MainWindow

SPECIES = ["setosa", "versicolor", "virginica"]
CENTRES = np.array([[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]])
Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def settings_in_tmp(monkeypatch, tmp_path):
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_save_changes = lambda: Button.Discard
    qtbot.addWidget(w)
    return w


def flowers(path, rows: int = 150, seed: int = 5) -> list[int]:
    """Iris-like rows in a shuffled order: a quoted name with commas, 4 numbers, a species."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(rows) % 3)
    x = CENTRES[labels] + rng.normal(0.0, 0.12, size=(rows, 4))
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["name", "sepal length", "sepal width", "petal length", "petal width", "species"])
        for k, (label, row) in enumerate(zip(labels, x)):
            out.writerow([f"Plant {k}, by \"Ann\"", *(f"{v:.3f}" for v in row), SPECIES[label]])
    return labels.tolist()


def open_saved(window, tmp_path, project: Project | None = None) -> str:
    """Save `project` (empty by default) next to the data and open it, so paths become relative."""
    path = str(tmp_path / "project.json")
    save_project(project or Project(), path)
    assert window.files.open_path(path)
    return path


def dialog_for(qtbot, window, path) -> ImportDialog:
    dialog = ImportDialog(str(path), window.doc.project, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(combo, value) -> None:
    """Pick an item by its data, as a user would from the list."""
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def click_ok(qtbot, dialog) -> None:
    assert dialog.ok_button.isEnabled(), dialog.error_label.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def train(project: Project, epochs: int | None = None):
    if epochs is not None:
        project.training.epochs = epochs
    run = TrainingRun(project)
    final = None
    for final in run.reports():
        pass
    return run, final


# --- CSV -------------------------------------------------------------------------------------

def test_csv_into_an_empty_project_detects_builds_trains_and_undoes(qtbot, window, tmp_path):
    flowers(tmp_path / "flowers.csv")
    open_saved(window, tmp_path)
    before = project_to_dict(window.doc.project)
    dialog = dialog_for(qtbot, window, tmp_path / "flowers.csv")
    page = dialog.page
    assert dialog.kind == "csv"
    assert page.delimiter == "," and page.header_check.isChecked()
    assert page.preview.columns == ["name", "sepal length", "sepal width", "petal length", "petal width", "species"]
    assert page.preview.column_types == ["text", "number", "number", "number", "number", "text"]
    assert page.preview_model.headerData(0, Qt.Orientation.Horizontal) == "name\ntext"
    assert page.preview_model.headerData(1, Qt.Orientation.Horizontal) == "sepal length\nnumber"
    assert page.preview_model.rowCount() == 20
    assert page.preview_model.item(0, 0).text() == 'Plant 0, by "Ann"'        # quotes undone
    assert [page.role(k) for k in range(6)] == ["ignore", "input", "input", "input", "input", "target"]
    assert page.encoding_combo.currentData() == "onehot"
    assert "150 rows · 4 inputs" in page.summary_label.text() and "3 classes" in page.summary_label.text()
    assert dialog.error_label.isHidden() and dialog.ok_button.isEnabled()

    choose(page.encoding_combo, "index")
    choose(dialog.normalize_combo, "standard")
    dialog.split_spin.setValue(0.2)
    click_ok(qtbot, dialog)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert apply_import(window, dialog)

    p = window.doc.project
    assert p.data.source == {"kind": "csv", "path": "flowers.csv",
                             "input_columns": ["sepal length", "sepal width", "petal length", "petal width"],
                             "target_columns": ["species"], "target_encoding": "index", "delimiter": ",",
                             "header": True, "missing": "refuse", "decimal": "."}
    assert (p.data.validation_split, p.data.normalize) == (0.2, "standard")
    source, sink = p.nodes
    assert (source.kind, source.config["shape"]) == ("input", [4])
    assert (sink.kind, sink.config["units"], sink.config["activation"]) == ("dense", 3, "softmax")
    assert [(e.source, e.target) for e in p.edges] == [(source.id, sink.id)]
    assert (p.inputs, p.outputs) == ([source.id], [sink.id])
    assert p.training.loss == "sparse_categorical_crossentropy"
    assert window.stack.count() == 1 and window.stack.undoText() == "Import flowers.csv"
    assert "4 inputs, 3 classes" in window.statusBar().currentMessage()

    run, final = train(p.copy(), epochs=150)
    assert len(run.dataset) == 150 and run.prepared.n_val == 30
    assert final.accuracy >= 0.95 and final.val_accuracy >= 0.95
    assert final.loss < 0.3

    window.stack.undo()            # one step takes it all back
    assert project_to_dict(window.doc.project) == before
    window.stack.redo()
    assert window.doc.project.data.source["path"] == "flowers.csv" and len(window.doc.project.nodes) == 2


def test_csv_into_an_existing_network_refits_it(qtbot, window, tmp_path):
    labels = flowers(tmp_path / "flowers.csv", rows=120)
    from nnstudio.project.io import load_project
    xor = load_project(EXAMPLES_DIR / "xor_dense.json")
    TrainingRun(xor).model.write_back(xor)             # trained-looking arrays of the old shapes
    open_saved(window, tmp_path, xor)
    before = project_to_dict(window.doc.project)
    dialog = dialog_for(qtbot, window, tmp_path / "flowers.csv")
    click_ok(qtbot, dialog)
    apply_import(window, dialog)

    p = window.doc.project
    assert p.node("x").config["shape"] == [4]
    hidden, out = p.node("hidden"), p.node("out")
    assert hidden.config["units"] == 8 and "W" not in hidden.params and hidden.params["b"].shape == (8,)
    assert (out.config["units"], out.config["activation"]) == (3, "softmax")
    assert out.params == {}                     # W [8, 1] and b [1] fit no more: they start afresh
    assert p.training.loss == "categorical_crossentropy"        # binary cross-entropy does not fit 3 classes
    assert window.stack.count() == 1

    run, final = train(p.copy(), epochs=200)
    predicted = np.argmax(run.evaluate("all")["outputs"], axis=1)
    assert final.accuracy >= 0.95 and np.mean(predicted == np.array(labels)) >= 0.95

    window.stack.undo()
    assert project_to_dict(window.doc.project) == before


def test_semicolon_csv_without_a_header(qtbot, window, tmp_path):
    rng = np.random.default_rng(1)
    rows = [(c * 3 + rng.normal(0, 0.3), -c * 2 + rng.normal(0, 0.3), c) for c in rng.permutation(np.arange(60) % 2)]
    (tmp_path / "points.csv").write_text("".join(f"{a:.4f};{b:.4f};{c}\n" for a, b, c in rows), encoding="utf-8")
    dialog = dialog_for(qtbot, window, tmp_path / "points.csv")
    page = dialog.page
    assert page.delimiter == ";" and not page.header_check.isChecked()
    assert page.detected_label.text() == "Detected: semicolon-separated, without a header row"
    assert page.preview.columns == ["c1", "c2", "c3"]
    assert page.preview.column_types == ["number", "number", "number"]
    assert page.preview_model.verticalHeaderItem(0).text() == "1"      # line 1 is data
    assert [page.role(k) for k in range(3)] == ["input", "input", "target"]
    assert page.encoding_combo.currentData() == "onehot"               # two values: class labels

    choose(page.delimiter_combo, ",")              # the wrong delimiter: one text column
    assert page.preview.columns == ["c1"] and page.preview.column_types == ["text"]
    assert not dialog.ok_button.isEnabled() and not dialog.error_label.isHidden()
    choose(page.delimiter_combo, ";")
    page.header_check.setChecked(True)             # the first row as names: "c3" is gone
    assert page.preview.columns[2] == str(rows[0][2]) and page.preview.n_rows == 59
    page.header_check.setChecked(False)
    assert dialog.ok_button.isEnabled()
    click_ok(qtbot, dialog)
    apply_import(window, dialog)                   # unsaved project: the path stays absolute
    src = window.doc.project.data.source
    assert src["path"] == str(tmp_path / "points.csv")
    assert (src["delimiter"], src["header"], src["input_columns"], src["target_columns"]) == (
        ";", False, ["c1", "c2"], ["c3"])
    assert window.doc.project.nodes[1].config["units"] == 2
    _, final = train(window.doc.project.copy(), epochs=100)
    assert final.accuracy == 1.0


def test_choices_that_cannot_work_are_explained_and_block_ok(qtbot, window, tmp_path):
    flowers(tmp_path / "flowers.csv", rows=30)
    dialog = dialog_for(qtbot, window, tmp_path / "flowers.csv")
    page = dialog.page
    page.set_role(0, "input")
    assert dialog.error_label.text() == ('Column "name" holds text, so it cannot be an input: make it the target '
                                         "with one-hot or index encoding, or ignore it.")
    assert not dialog.ok_button.isEnabled() and not dialog.error_label.isHidden()
    page.set_role(0, "ignore")
    assert dialog.ok_button.isEnabled() and dialog.error_label.isHidden()
    choose(page.encoding_combo, "raw")
    assert dialog.error_label.text().startswith('Column "species" holds text: choose one-hot or index')
    choose(page.encoding_combo, "onehot")
    page.set_role(4, "target")
    assert dialog.error_label.text() == "One-hot and index encodings take exactly one target column, not 2."
    page.set_role(4, "input")
    for k in range(1, 5):
        page.set_role(k, "ignore")
    assert dialog.error_label.text() == "Choose at least one input column."
    page.set_role(1, "input")
    page.set_role(5, "ignore")
    assert dialog.error_label.text().startswith("Choose a target column")
    page.set_role(5, "target")                     # a text target switches raw to one-hot by itself
    assert dialog.ok_button.isEnabled()


def test_missing_values_refuse_or_drop(qtbot, window, tmp_path):
    lines = ["x1,x2,note,label"]
    for k in range(40):
        x2 = "NA" if k in (3, 17) else f"{(k % 2) * 4 + 0.1 * (k % 5):.1f}"
        lines.append(f"{k % 2 * 3 + 0.01 * k:.2f},{x2},,{'ab'[k % 2]}")
    (tmp_path / "gaps.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = dialog_for(qtbot, window, tmp_path / "gaps.csv")
    page = dialog.page
    assert page.preview.column_types == ["number", "number", "empty", "text"]
    assert page.preview.missing == [0, 2, 40, 0]
    assert [page.role(k) for k in range(4)] == ["input", "input", "ignore", "target"]
    assert page.missing_combo.currentData() == "refuse"
    assert dialog.error_label.text() == ('Column "x2" has 2 missing values: choose “Drop those rows” for '
                                         "missing values, or ignore the column.")
    assert not dialog.ok_button.isEnabled()
    choose(page.missing_combo, "drop")
    click_ok(qtbot, dialog)
    apply_import(window, dialog)
    assert window.doc.project.data.source["missing"] == "drop"
    run, final = train(window.doc.project.copy(), epochs=100)
    assert len(run.dataset) == 38
    assert final.accuracy == 1.0


def test_a_problem_only_the_whole_file_shows_keeps_the_dialog_open(qtbot, window, tmp_path):
    (tmp_path / "d.csv").write_text("a,b,y\n1,2,p\n3,inf,q\n", encoding="utf-8")
    dialog = dialog_for(qtbot, window, tmp_path / "d.csv")
    click_ok(qtbot, dialog)
    assert dialog.result() != ImportDialog.DialogCode.Accepted and dialog.data is None
    assert dialog.error_label.text() == 'd.csv: line 3, column "b": "inf" is infinity, which cannot be trained on'
    assert not dialog.ok_button.isEnabled()
    assert not apply_import(window, dialog) and window.stack.count() == 0


def test_a_broken_csv_shows_the_loaders_message(qtbot, window, tmp_path):
    (tmp_path / "d.csv").write_text('a,b,y\n1,2,p\n3,"4,q\n', encoding="utf-8")
    dialog = dialog_for(qtbot, window, tmp_path / "d.csv")
    assert dialog.error_label.text() == ("d.csv: line 3: a quoted field starting here is never closed "
                                         "(a missing closing quote)")
    assert not dialog.ok_button.isEnabled()


# --- NPZ and IDX -----------------------------------------------------------------------------

def test_npz_lists_arrays_and_refuses_object_arrays_without_loading_them(qtbot, window, tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    labels = np.arange(60) % 3
    x = rng.normal(0, 0.2, (60, 2)) + np.array([[0, 0], [2, 0], [0, 2]])[labels]
    np.savez(tmp_path / "data.npz", inputs=x, targets=labels, names=np.array(["a", None, 3], dtype=object))
    assert data_kind(str(tmp_path / "data.npz")) == "npz"

    def no_loading(*args, **kwargs):
        raise AssertionError("the dialog must not load arrays to show them")
    monkeypatch.setattr(np.lib.format, "read_array", no_loading)
    dialog = dialog_for(qtbot, window, tmp_path / "data.npz")
    page = dialog.page
    rows = [[page.table.item(r, c).text() for c in range(3)] for r in range(page.table.rowCount())]
    assert rows == [["inputs", "60 × 2", "float64"], ["targets", "60", "int64"],
                    ["names", "3", "object — refused"]]
    assert (page.inputs_combo.currentText(), page.targets_combo.currentText()) == ("inputs", "targets")
    page.targets_combo.setCurrentText("names")
    assert dialog.error_label.text() == ('The array "names" holds Python objects (dtype object). nnstudio reads '
                                         ".npz files without unpickling, so it cannot use this array.")
    assert not dialog.ok_button.isEnabled()
    page.targets_combo.setCurrentText("targets")
    monkeypatch.undo()                            # OK loads the chosen arrays (never "names")
    click_ok(qtbot, dialog)
    apply_import(window, dialog)
    p = window.doc.project
    assert p.data.source == {"kind": "npz", "path": str(tmp_path / "data.npz"), "inputs": "inputs",
                             "targets": "targets"}
    assert p.nodes[0].config["shape"] == [2] and p.nodes[1].config["units"] == 3
    assert p.training.loss == "sparse_categorical_crossentropy"
    _, final = train(p.copy(), epochs=200)
    assert final.accuracy >= 0.95


def write_idx(path, array: np.ndarray, code: int = 0x08) -> None:
    with open(path, "wb") as f:
        f.write(bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape))
        f.write(array.astype(">u1").tobytes())


def test_idx_pairs_images_with_labels(qtbot, window, tmp_path):
    pytest.importorskip("nnstudio.data.idx_source")
    rng = np.random.default_rng(2)
    labels = rng.integers(0, 2, 40)
    images = np.zeros((40, 4, 4), dtype=np.uint8)
    images[labels == 0, :, :2] = 200                # class 0 lit on the left, class 1 on the right
    images[labels == 1, :, 2:] = 200
    write_idx(tmp_path / "train-images-idx3-ubyte", images)
    write_idx(tmp_path / "train-labels-idx1-ubyte", labels)
    open_saved(window, tmp_path)
    dialog = dialog_for(qtbot, window, tmp_path / "train-labels-idx1-ubyte")     # either file will do
    page = dialog.page
    assert dialog.kind == "idx"
    assert page.images_edit.text().endswith("train-images-idx3-ubyte")
    assert page.images_info.text() == "40 images of 4 × 4 (unsigned byte)"
    assert page.labels_info.text() == "40 labels (unsigned byte)"
    assert dialog.normalize_combo.currentData() == "minmax"
    click_ok(qtbot, dialog)
    apply_import(window, dialog)
    p = window.doc.project
    assert p.data.source == {"kind": "idx", "images": "train-images-idx3-ubyte",
                             "labels": "train-labels-idx1-ubyte"}
    assert p.nodes[0].config["shape"] == [16] and p.nodes[1].config["units"] == 2
    _, final = train(p.copy(), epochs=50)
    assert final.accuracy == 1.0


def test_idx_label_count_must_match(qtbot, window, tmp_path):
    write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((5, 2, 2)))
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(4))
    dialog = dialog_for(qtbot, window, tmp_path / "train-images-idx3-ubyte")
    assert dialog.error_label.text() == "There are 5 images but 4 labels."
    assert not dialog.ok_button.isEnabled()


# --- paths and the menu ----------------------------------------------------------------------

def test_paths_are_relative_to_the_project_file(monkeypatch, tmp_path):
    assert path_maker(None)("/data/x.csv") == "/data/x.csv"
    assert path_maker(str(tmp_path / "p" / "project.json"))(str(tmp_path / "data" / "x.csv")) == "../data/x.csv"

    def other_drive(*args):
        raise ValueError("path is on mount 'D:', start on mount 'C:'")
    monkeypatch.setattr(os.path, "relpath", other_drive)
    assert path_maker(str(tmp_path / "project.json"))("/data/x.csv") == "/data/x.csv"


def test_file_menu_import_data(qtbot, window, tmp_path, monkeypatch):
    act = window.act.import_data
    assert act.text() == "&Import Data…" and act.shortcut().toString() == "Ctrl+I"
    assert act in window.menuBar().actions()[0].menu().actions()
    flowers(tmp_path / "flowers.csv", rows=30)
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen.pop(), ""))
    chosen.append("")                               # cancelled: nothing happens
    act.trigger()
    assert window.stack.count() == 0
    monkeypatch.setattr(ImportDialog, "exec", lambda self: (self.accept(), self.result())[1])
    chosen.append(str(tmp_path / "flowers.csv"))
    act.trigger()
    assert window.stack.count() == 1 and window.doc.project.data.source["kind"] == "csv"
    assert not window.on_start_page()
