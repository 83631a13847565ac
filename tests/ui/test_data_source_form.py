"""The Data tab's source, split seed and derived-feature controls: a built-in dataset, each of its
parameters and each feature tick is one undo step that sets the data AND fits the network, undo
restores the project exactly, and what the form sets up trains."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from nnstudio.data.builtin import BUILTINS
from nnstudio.project import io
from nnstudio.project.model import DataSpec, Edge, Node
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.window import main_window
from nnstudio.ui.window.main_window import MainWindow

SPIRAL_DEFAULTS = {"samples": 600, "arms": 2, "turns": 1.75, "noise": 0.0, "seed": 0, "target_encoding": "index"}


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env-settings.ini"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard     # teardown closes without asking
    qtbot.addWidget(w)
    w.inspector.show_tab("data")
    return w


def snapshot(w: MainWindow) -> dict:
    return io.project_to_dict(w.doc.project)


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def type_into(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def network(w: MainWindow) -> list[tuple]:
    """(kind, shape or units, activation) of each node, in file order."""
    return [(n.kind, n.config.get("shape") or n.config.get("units"), n.config.get("activation"))
            for n in w.doc.project.nodes]


def pick_spiral(w: MainWindow) -> None:
    form = w.inspector.data_tab.source_form
    choose(form.kind, "builtin")
    choose(form.dataset, "spiral")


def test_spiral_sets_the_source_and_fits_the_network_in_one_undo_step(window):
    w, form = window, window.inspector.data_tab.source_form
    empty = snapshot(w)
    assert form.kind.currentText() == "Inline table" and not form.form.isRowVisible(form.dataset)

    choose(form.kind, "builtin")              # nothing to set until a dataset is picked
    tab = w.inspector.data_tab
    assert w.stack.count() == 0 and form.form.isRowVisible(form.dataset) and not tab.table_box.isVisibleTo(tab)
    assert form.dataset.currentIndex() == -1 and form.dataset.placeholderText() == "Choose…"
    assert form.dataset.findText("Classification") >= 0           # grouped by task
    assert form.dataset.itemData(form.dataset.findData("spiral"), Qt.ItemDataRole.ToolTipRole).startswith("Interleaved spiral arms")

    choose(form.dataset, "spiral")
    project = w.doc.project
    assert project.data.source == {"kind": "builtin", "name": "spiral", "params": SPIRAL_DEFAULTS}
    assert network(w) == [("input", [2], None), ("dense", 2, "softmax")]
    assert project.inputs == [project.nodes[0].id] and project.outputs == [project.nodes[1].id]
    assert project.training.loss == "sparse_categorical_crossentropy"
    assert w.stack.count() == 1
    assert list(form.editors) == list(BUILTINS["spiral"].param_names)
    assert form.editors["samples"].value() == 600 and form.editors["turns"].value() == 1.75
    assert "2 inputs → 2 classes" in form.hint.text()
    assert not tab.table_box.isVisibleTo(tab)

    w.stack.undo()
    assert snapshot(w) == empty and form.kind.currentData() == "table" and tab.table_box.isVisibleTo(tab)
    w.stack.redo()
    assert network(w) == [("input", [2], None), ("dense", 2, "softmax")] and form.dataset.currentData() == "spiral"


def test_parameter_edits_merge_per_field_and_refit(window, qtbot):
    w, form = window, window.inspector.data_tab.source_form
    pick_spiral(w)
    type_into(qtbot, form.editors["samples"].widget, "300")
    assert w.doc.project.data.source["params"]["samples"] == 300
    assert w.stack.count() == 2                              # "3", "30", "300": one step

    form.editors["arms"].widget.stepUp()                     # 3 arms: 3 classes
    assert w.doc.project.data.source["params"] == {**SPIRAL_DEFAULTS, "samples": 300, "arms": 3}
    assert network(w) == [("input", [2], None), ("dense", 3, "softmax")] and w.stack.count() == 3

    choose(form.editors["target_encoding"].widget, "onehot")
    assert w.doc.project.training.loss == "categorical_crossentropy" and w.stack.count() == 4

    w.stack.undo()
    assert w.doc.project.training.loss == "sparse_categorical_crossentropy"
    w.stack.undo()
    assert network(w)[1] == ("dense", 2, "softmax") and form.editors["arms"].value() == 2
    w.stack.undo()
    assert w.doc.project.data.source["params"] == SPIRAL_DEFAULTS and form.editors["samples"].value() == 600


def test_another_dataset_and_back_to_an_empty_table(window):
    w, tab = window, window.inspector.data_tab
    form = tab.source_form
    pick_spiral(w)
    with_spiral = snapshot(w)
    choose(form.dataset, "digits")
    assert network(w) == [("input", [64], None), ("dense", 10, "softmax")] and w.stack.count() == 2
    assert w.doc.project.data.source["params"]["samples"] == 1797
    assert not any(box.isEnabled() for box in tab.features.boxes.values())    # 64 columns, not 2
    assert "the data has 64" in tab.features.hint.text()

    choose(form.kind, "table")
    assert w.doc.project.data.source == {"kind": "table", "inputs": [], "targets": []}
    assert w.stack.count() == 3 and tab.table_box.isVisibleTo(tab) and not form.form.isRowVisible(form.dataset)
    assert network(w) == [("input", [64], None), ("dense", 10, "softmax")]     # the network stays

    w.stack.undo()
    assert w.doc.project.data.source["name"] == "digits" and form.kind.currentData() == "builtin"
    w.stack.undo()
    assert snapshot(w) == with_spiral


def test_derived_features_refit_the_input(window):
    w, tab = window, window.inspector.data_tab
    pick_spiral(w)
    boxes = tab.features.boxes
    assert all(box.isEnabled() for box in boxes.values())
    for name in ("x1", "x2", "x1^2", "x2^2"):
        boxes[name].click()
    project = w.doc.project
    assert project.data.features == ["x1", "x2", "x1^2", "x2^2"]
    assert network(w) == [("input", [4], None), ("dense", 2, "softmax")] and w.stack.count() == 5
    assert "4 inputs: x1, x2, x1², x2²" in tab.features.hint.text()

    boxes["x1"].click()                                      # one off: 3 columns
    assert project.data.features == ["x2", "x1^2", "x2^2"] and network(w)[0] == ("input", [3], None)

    tab.source_form.editors["arms"].widget.stepUp()
    assert project.data.features == ["x2", "x1^2", "x2^2"]          # a parameter keeps the features
    assert network(w) == [("input", [3], None), ("dense", 3, "softmax")]

    choose(tab.source_form.dataset, "sine")                  # one raw column: features go, input [1]
    assert project.data.features == [] and network(w)[0] == ("input", [1], None)
    assert not boxes["x1"].isEnabled()

    w.stack.undo()
    assert project.data.features == ["x2", "x1^2", "x2^2"] and boxes["x2"].isChecked() and boxes["x2"].isEnabled()
    for _ in range(2):
        w.stack.undo()
    assert network(w)[0] == ("input", [4], None)


def test_features_of_a_table_keep_the_outputs(window):
    """A two-column table: the input takes the features, the output layer and loss stay."""
    w, tab = window, window.inspector.data_tab
    w.doc.set_data(DataSpec({"kind": "table", "inputs": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
                             "targets": [[0.0], [1.0], [1.0], [0.0]]}))
    for node in (Node("x", "input", "x", (0, 0), {"shape": [2]}),
                 Node("y", "dense", "y", (200, 0), {"units": 1, "activation": "sigmoid"})):
        w.doc.add_node(node)
    w.doc.add_edge(Edge("e", "x", "y"))
    w.doc.set_inputs(["x"])
    w.doc.set_outputs(["y"])
    training = w.doc.project.training
    training.loss = "binary_crossentropy"
    w.doc.set_training(training)
    tab.features.boxes["x1*x2"].click()
    assert w.doc.project.data.features == ["x1*x2"]
    assert network(w) == [("input", [1], None), ("dense", 1, "sigmoid")]
    assert w.doc.project.training.loss == "binary_crossentropy"
    assert tab.table.columnCount() == 3 and not tab.fit_button.isVisibleTo(tab)   # still x1, x2 → target


def test_a_network_the_fit_cannot_change_is_reported(window):
    """A neuron output is not a dense layer: its width stays, and the tab says so."""
    w, form = window, window.inspector.data_tab.source_form
    for node in (Node("a", "input", "a", (0, 0), {"shape": [1]}), Node("n", "neuron", "n", (200, 0), {})):
        w.doc.add_node(node)
    w.doc.add_edge(Edge("e", "a", "n"))
    w.doc.set_inputs(["a"])
    w.doc.set_outputs(["n"])
    choose(form.kind, "builtin")
    choose(form.dataset, "xor")
    assert w.doc.project.node("a").config["shape"] == [2] and w.stack.count() == 1
    assert "the output is not a single dense layer" in form.hint.text()
    w.stack.undo()
    assert w.doc.project.node("a").config["shape"] == [1]


def test_split_seed(window, qtbot):
    w, seed = window, window.inspector.data_tab.split_seed
    assert not seed.check.isChecked() and not seed.seed.widget.isEnabled()
    seed.check.click()
    assert w.doc.project.data.split_seed == 0 and seed.seed.widget.isEnabled() and w.stack.count() == 1
    type_into(qtbot, seed.seed.widget, "42")
    assert w.doc.project.data.split_seed == 42 and w.stack.count() == 2        # typing is one step
    seed.check.click()
    assert w.doc.project.data.split_seed is None and w.stack.count() == 3
    w.stack.undo()
    assert seed.check.isChecked() and seed.seed.value() == 42
    w.stack.undo()
    w.stack.undo()
    assert w.doc.project.data.split_seed is None and not seed.check.isChecked()


def _val_accuracy(run: TrainingRun) -> float:
    """Share of validation samples whose single output lands on the right side of 0.5."""
    outputs = np.asarray(run.evaluate("val")["outputs"]).reshape(-1)
    targets = np.asarray(run.val_split.targets).reshape(-1)
    return float(np.mean((outputs > 0.5) == (targets > 0.5)))


def test_circle_trains_once_x1_squared_and_x2_squared_are_ticked(window, qtbot):
    """Set up in the tab alone: the Circle dataset, a shuffled 20 % split, standard scaling. A
    linear layer cannot draw a ring; on x1² and x2² the ring is a straight line."""
    w, tab = window, window.inspector.data_tab
    choose(tab.source_form.kind, "builtin")
    choose(tab.source_form.dataset, "circle")
    type_into(qtbot, tab.split.widget, "0.2")
    tab.split_seed.check.click()
    choose(tab.normalize.widget, "standard")
    raw = TrainingRun(w.doc.project.copy())
    raw.run(epochs=100)

    tab.features.boxes["x1^2"].click()
    tab.features.boxes["x2^2"].click()
    # Two classes as 0/1: one sigmoid unit trained with binary cross-entropy (accuracy is reported).
    assert network(w) == [("input", [2], None), ("dense", 1, "sigmoid")]
    assert w.doc.project.training.loss == "binary_crossentropy"
    data = w.doc.project.data
    assert (data.features, data.split_seed, data.validation_split) == (["x1^2", "x2^2"], 0, 0.2)
    run = TrainingRun(w.doc.project.copy())
    run.run(epochs=100)
    loss = run.history.loss
    assert loss[-1] < 0.25 < 0.5 < loss[0]                  # from ~0.9 down to ~0.17
    assert run.history.accuracy[-1] > 0.95 and run.history.val_accuracy[-1] > 0.95
    assert _val_accuracy(run) > 0.95
    assert _val_accuracy(raw) < 0.8                          # x1, x2 alone: no line splits a ring


def test_import_button_and_file_choice_ask_the_window(window, monkeypatch):
    w, form = window, window.inspector.data_tab.source_form
    asked = []
    monkeypatch.setattr(main_window, "ask_and_import", lambda win: asked.append(win) or False)
    form.import_button.click()
    assert asked == [w]
    choose(form.kind, "file")                                # cancelled: the combo shows the source again
    assert asked == [w, w] and form.kind.currentData() == "table" and w.stack.count() == 0


def test_a_file_source_shows_file_in_the_combo(window):
    w, tab = window, window.inspector.data_tab
    w.doc.set_data(DataSpec({"kind": "csv", "path": "iris.csv", "input_columns": ["a", "b", "c"],
                             "target_columns": ["species"], "target_encoding": "onehot", "delimiter": ","}))
    assert tab.source_form.kind.currentData() == "file" and tab.file_box.isVisibleTo(tab)
    assert not tab.features.boxes["x1"].isEnabled()          # three input columns
