"""The inspector: every edit is one undo step (typing merges), undo restores the file exactly, and
document changes made elsewhere refresh the forms without pushing anything."""
from __future__ import annotations

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.engine.optimizers import OPTIMIZERS
from nnstudio.engine.schedules import SCHEDULES
from nnstudio.project import io
from nnstudio.project.document import Document
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.ui.commands.edits import SetNodeConfig
from nnstudio.ui.panels.inspector import Inspector


def make_project() -> Project:
    """i1, i2 → h (a neuron with one set and one automatic weight); x → d (dense) → o (a neuron
    whose incoming weight is a vector)."""
    neuron = {"activation": "sigmoid", "alpha": 0.0, "init": "xavier_uniform", "bias": 0.0, "bias_trainable": True}
    dense = {"units": 4, "activation": "relu", "alpha": 0.0, "init": "xavier_uniform", "use_bias": True,
             "trainable": True, "bias_trainable": True}
    nodes = [Node("i1", "input", "i1", (0, 0), {"shape": [1]}), Node("i2", "input", "i2", (0, 90), {"shape": [1]}),
             Node("h", "neuron", "hidden", (200, 40), dict(neuron), {"b": np.array(0.35)}),
             Node("x", "input", "x", (0, 300), {"shape": [2]}), Node("d", "dense", "d", (200, 300), dict(dense)),
             Node("o", "neuron", "o", (400, 300), dict(neuron))]
    edges = [Edge("w1", "i1", "h", 0.15), Edge("w2", "i2", "h", None), Edge("e1", "x", "d"),
             Edge("v", "d", "o", np.array([0.1, 0.2, 0.3, 0.4]))]
    data = DataSpec({"kind": "table", "inputs": [[0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]],
                     "targets": [[0.0, 1.0], [1.0, 0.0]]})
    return Project(nodes=nodes, edges=edges, inputs=["i1", "i2", "x"], outputs=["h", "o"], data=data)


@pytest.fixture
def env(qtbot):
    doc = Document(make_project())
    stack = QUndoStack()
    inspector = Inspector(doc, stack)
    qtbot.addWidget(inspector)
    inspector.resize(340, 700)
    inspector.show()
    qtbot.waitExposed(inspector)
    return doc, stack, inspector


def snapshot(doc: Document) -> dict:
    return io.project_to_dict(doc.project)


def type_into(qtbot, spin, text: str) -> None:
    """Replace a spin box's text the way a user does: select it all, then type."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def undo_all(stack: QUndoStack) -> None:
    while stack.canUndo():
        stack.undo()


def test_typing_dense_units_is_one_merged_undo_step(env, qtbot):
    doc, stack, inspector = env
    before = snapshot(doc)
    inspector.show_selection(["d"], [])
    spin = inspector.node_form.editors["units"].widget
    assert spin.value() == 4 and spin.minimum() == 1 and spin.maximum() == 100_000
    type_into(qtbot, spin, "128")
    assert doc.project.node("d").config["units"] == 128
    assert stack.count() == 1 and stack.text(0) == "Change d units"
    assert inspector.node_form.shape_label.text() == "[2] → [128]"
    stack.undo()
    assert snapshot(doc) == before
    assert spin.value() == 4
    stack.redo()
    assert doc.project.node("d").config["units"] == 128


def test_one_spin_step_pushes_one_command(env, qtbot):
    doc, stack, inspector = env
    inspector.show_selection(["d"], [])
    spin = inspector.node_form.editors["units"].widget
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert doc.project.node("d").config["units"] == 5 and stack.count() == 1


def test_activation_combo_and_alpha(env):
    doc, stack, inspector = env
    before = snapshot(doc)
    inspector.show_selection(["d"], [])
    form = inspector.node_form
    combo, alpha = form.editors["activation"].widget, form.editors["alpha"].widget
    assert combo.currentData() == "relu" and not alpha.isEnabled()
    assert combo.count() == len(ACTIVATIONS)
    combo.setCurrentIndex(combo.findData("tanh"))
    assert doc.project.node("d").config["activation"] == "tanh"
    assert form.formula.text() == ACTIVATIONS["tanh"]
    combo.setCurrentIndex(combo.findData("leaky_relu"))
    assert alpha.isEnabled()
    # Two changes of the same setting in a row are one step, like typing.
    assert stack.count() == 1
    stack.undo()
    assert snapshot(doc) == before and combo.currentData() == "relu"


def test_neuron_weights_and_bias(env, qtbot):
    doc, stack, inspector = env
    before = snapshot(doc)
    inspector.show_selection(["h"], [])
    box = inspector.node_form.weights
    assert list(box.rows) == ["w1", "w2"]
    w1, w1_train = box.rows["w1"]
    w2, _ = box.rows["w2"]
    assert w1.widget.text() == "0.15" and w2.widget.text() == "auto"
    assert box.bias.widget.text() == "0.35"
    assert "auto" in box.hint.text()

    type_into(qtbot, w1.widget, "0.25")
    assert doc.project.edge("w1").weight == 0.25
    assert stack.count() == 1                      # "0", "0.", "0.2", "0.25": one step
    type_into(qtbot, w2.widget, "-0.5")
    assert doc.project.edge("w2").weight == -0.5 and stack.count() == 2
    w1_train.widget.click()
    assert doc.project.edge("w1").trainable is False and stack.count() == 3
    type_into(qtbot, box.bias.widget, "0.6")
    assert np.array_equal(doc.project.node("h").params["b"], np.array(0.6)) and stack.count() == 4
    box.bias_train.widget.click()
    assert doc.project.node("h").config["bias_trainable"] is False and stack.count() == 5

    undo_all(stack)
    assert snapshot(doc) == before
    assert w1.widget.text() == "0.15" and w2.widget.text() == "auto" and box.bias.widget.text() == "0.35"
    assert w1_train.widget.isChecked()


def test_neuron_without_params_shows_its_starting_bias(env, qtbot):
    doc, stack, inspector = env
    inspector.show_selection(["o"], [])
    box = inspector.node_form.weights
    weight, _ = box.rows["v"]
    assert weight.text() == "[0.1, 0.2, 0.3, 0.4]"         # a vector weight is shown, not edited
    assert box.bias.widget.text() == "0"
    type_into(qtbot, box.bias.widget, "2")
    assert np.array_equal(doc.project.node("o").params["b"], np.array(2.0)) and stack.count() == 1


def test_edge_weight_and_trainable(env, qtbot):
    doc, stack, inspector = env
    before = snapshot(doc)
    inspector.show_selection([], ["w1"])
    form = inspector.edge_form
    assert inspector.pages.currentWidget() is form
    assert form.route.text() == "i1 → hidden (h)"
    type_into(qtbot, form.weight.widget, "-2.5e-1")       # scientific notation is a number too
    assert doc.project.edge("w1").weight == -0.25 and stack.count() == 1
    form.trainable.widget.click()
    assert doc.project.edge("w1").trainable is False and stack.count() == 2
    form.auto_button.click()
    assert doc.project.edge("w1").weight is None and form.weight.widget.text() == "auto"
    assert stack.count() == 3
    undo_all(stack)
    assert snapshot(doc) == before


def test_vector_edge_and_layer_edge(env):
    doc, stack, inspector = env
    inspector.show_selection([], ["v"])
    form = inspector.edge_form
    assert form.vector.isVisibleTo(form) and not form.weight.widget.isVisibleTo(form)
    assert form.vector.text() == "[0.1, 0.2, 0.3, 0.4]"
    inspector.show_selection([], ["e1"])
    assert not form.weight.widget.isEnabled() and not form.trainable.widget.isEnabled()
    assert "keeps its own weights" in form.note.text()


def test_training_settings(env, qtbot):
    doc, stack, inspector = env
    before = snapshot(doc)
    inspector.show_tab("training")
    tab = inspector.training_tab
    lr = tab.optimizer.settings["lr"].widget
    # The defaults (SGD, lr 0.5, momentum 0.9) show as they are.
    assert set(tab.optimizer.settings) == set(OPTIMIZERS["sgd"]) and lr.text() == "0.5"
    assert tab.optimizer.settings["momentum"].widget.text() == "0.9"
    type_into(qtbot, lr, "0.05")
    assert doc.project.training.optimizer == {"kind": "sgd", "lr": 0.05, "momentum": 0.9} and stack.count() == 1

    kind = tab.optimizer.kind.widget
    kind.setCurrentIndex(kind.findData("adam"))
    assert doc.project.training.optimizer == {"kind": "adam", **OPTIMIZERS["adam"]} and stack.count() == 2
    assert list(tab.optimizer.settings) == list(OPTIMIZERS["adam"])
    assert {k: e.value() for k, e in tab.optimizer.settings.items()} == OPTIMIZERS["adam"]

    type_into(qtbot, tab.editors["epochs"].widget, "250")
    assert doc.project.training.epochs == 250 and stack.count() == 3
    batch = tab.editors["batch_size"].widget
    assert batch.text() == "full batch"
    type_into(qtbot, batch, "4")
    assert doc.project.training.batch_size == 4 and stack.count() == 4

    schedule = tab.schedule.kind.widget
    schedule.setCurrentIndex(schedule.findData("step"))
    assert doc.project.training.schedule == {"kind": "step", **SCHEDULES["step"]}
    type_into(qtbot, tab.schedule.settings["step_size"].widget, "5")
    assert doc.project.training.schedule["step_size"] == 5 and stack.count() == 6

    type_into(qtbot, tab.editors["l2"].widget, "0.001")
    assert doc.project.training.regularization == {"l1": 0.0, "l2": 0.001} and stack.count() == 7
    undo_all(stack)
    assert snapshot(doc) == before
    assert tab.optimizer.settings["lr"].widget.text() == "0.5"   # a rebuilt sgd form


def test_data_table_rows_and_cells(env, qtbot):
    doc, stack, inspector = env
    before = snapshot(doc)
    inspector.show_tab("data")
    tab = inspector.data_tab
    table = tab.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["i1", "i2", "x[0]", "x[1]", "→ hidden", "o"]
    assert (table.rowCount(), table.item(1, 4).text()) == (2, "1")

    tab.add_button.click()
    assert doc.project.data.source["inputs"][-1] == [0.0] * 4
    assert doc.project.data.source["targets"][-1] == [0.0, 0.0]
    assert table.rowCount() == 3 and stack.count() == 1

    table.item(2, 1).setText("0.5")             # what the cell editor commits
    assert doc.project.data.source["inputs"][2] == [0.0, 0.5, 0.0, 0.0] and stack.count() == 2
    table.item(2, 5).setText("1")
    assert doc.project.data.source["targets"][2] == [0.0, 1.0] and stack.count() == 3
    table.item(2, 0).setText("oops")            # not a number: the cell shows the old value again
    assert table.item(2, 0).text() == "0" and stack.count() == 3

    table.clearSelection()
    table.selectRow(0)
    assert tab.remove_button.isEnabled()
    tab.remove_button.click()
    assert doc.project.data.source["inputs"] == [[1.0] * 4, [0.0, 0.5, 0.0, 0.0]]
    assert doc.project.data.source["targets"] == [[1.0, 0.0], [0.0, 1.0]]
    assert table.rowCount() == 2 and stack.count() == 4

    for expected_rows in (3, 3, 3, 2):          # each change is its own undo step
        stack.undo()
        assert table.rowCount() == expected_rows
    assert snapshot(doc) == before


def test_data_split_and_normalize(env, qtbot):
    doc, stack, inspector = env
    inspector.show_tab("data")
    tab = inspector.data_tab
    type_into(qtbot, tab.split.widget, "0.25")
    assert doc.project.data.validation_split == 0.25 and stack.count() == 1
    tab.normalize.widget.setCurrentIndex(tab.normalize.widget.findData("minmax"))
    assert doc.project.data.normalize == "minmax" and stack.count() == 2


def test_csv_source_is_read_only_and_can_become_a_table(env):
    doc, stack, inspector = env
    doc.set_data(DataSpec({"kind": "csv", "path": "iris.csv", "input_columns": ["a", "b"],
                           "target_columns": ["species"], "target_encoding": "onehot", "delimiter": ","}))
    tab = inspector.data_tab
    assert tab.source.text() == "CSV file" and tab.file_box.isVisibleTo(tab) and not tab.table_box.isVisibleTo(tab)
    shown = {tab.file_form.itemAt(r, tab.file_form.ItemRole.FieldRole).widget().text()
             for r in range(tab.file_form.rowCount())}
    assert {"iris.csv", "a, b", "species", "onehot"} <= shown
    assert stack.count() == 0


def test_project_meta(env, qtbot):
    doc, stack, inspector = env
    inspector.show_tab("project")
    tab = inspector.project_tab
    tab.name.selectAll()
    qtbot.keyClicks(tab.name, "XOR")
    assert doc.project.meta["name"] == "XOR" and stack.count() == 1
    tab.description.setFocus()
    qtbot.keyClicks(tab.description, "Hi")
    assert doc.project.meta["description"] == "Hi" and stack.count() == 2
    stack.undo()
    stack.undo()
    assert doc.project.meta == {"name": "Untitled", "description": ""}
    assert tab.name.text() == "Untitled" and tab.description.toPlainText() == ""


def test_a_long_project_name_shows_its_start(env):
    """setText leaves the cursor at the end, which scrolls a long name to its tail."""
    doc, stack, inspector = env
    inspector.show_tab("project")
    name = "Handwritten digits: a small CNN (LeNet-style) beside the MLP"
    doc.set_meta({"name": name, "description": ""})
    tab = inspector.project_tab
    assert tab.name.text() == name and tab.name.cursorPosition() == 0


def test_external_changes_refresh_without_pushing(env):
    doc, stack, inspector = env
    inspector.show_selection(["h"], [])
    box = inspector.node_form.weights
    doc.set_edge_weight("w2", 0.75)
    doc.set_node_label("i1", "first")
    doc.set_node_params("h", {"b": np.array(-1.0)})
    assert box.rows["w2"][0].widget.text() == "0.75"
    assert box.rows["w1"][0].widget.text() == "0.15"        # the rows were rebuilt for the new label
    assert box.bias.widget.text() == "-1"
    doc.set_node_label("h", "renamed")
    assert inspector.node_form.label_edit.text() == "renamed"

    inspector.show_selection(["d"], [])
    doc.set_node_config("d", {**doc.project.node("d").config, "units": 9, "activation": "elu"})
    form = inspector.node_form
    assert form.editors["units"].widget.value() == 9 and form.editors["activation"].value() == "elu"
    assert form.editors["alpha"].widget.isEnabled()

    training = doc.project.training
    training.optimizer = {"kind": "rmsprop", "lr": 0.02}
    doc.set_training(training)
    tab = inspector.training_tab
    assert tab.optimizer.kind.value() == "rmsprop" and tab.optimizer.settings["lr"].widget.text() == "0.02"
    assert tab.optimizer.settings["alpha"].value() == OPTIMIZERS["rmsprop"]["alpha"]

    data = doc.project.data
    data.source["inputs"][0][0] = 7.0
    doc.set_data(data)
    assert inspector.data_tab.table.item(0, 0).text() == "7"
    doc.set_meta({"name": "Elsewhere", "description": "d"})
    assert inspector.project_tab.name.text() == "Elsewhere"
    assert stack.count() == 0


def test_undo_of_a_command_from_elsewhere_refreshes(env):
    doc, stack, inspector = env
    inspector.show_selection(["d"], [])
    stack.push(SetNodeConfig(doc, "d", {**doc.project.node("d").config, "units": 16}, key="units"))
    spin = inspector.node_form.editors["units"].widget
    assert spin.value() == 16
    stack.undo()
    assert spin.value() == 4 and stack.count() == 1 and stack.index() == 0


def test_tabs_follow_the_selection(env):
    doc, stack, inspector = env
    inspector.show_tab("training")
    inspector.show_selection([], [])
    assert inspector.current_tab() == "training"
    inspector.show_selection(["d"], [])
    assert inspector.current_tab() == "selection" and inspector.pages.currentWidget() is inspector.node_form
    inspector.show_selection(["d", "h"], ["w1"])
    assert inspector.pages.currentWidget() is inspector.multi
    assert "2 nodes and 1 connection selected" in inspector.multi.text()
    inspector.show_selection(["nope"], [])
    assert inspector.pages.currentWidget() is inspector.empty and inspector.selection() == ([], [])


def test_removed_node_leaves_the_selection(env):
    doc, stack, inspector = env
    inspector.show_selection(["d"], [])
    doc.remove_edge("v")
    doc.remove_edge("e1")
    doc.set_outputs(["h"])
    doc.remove_node("d")
    assert inspector.selection() == ([], []) and inspector.pages.currentWidget() is inspector.empty
    doc.replace(make_project())
    inspector.show_selection(["d"], [])
    assert inspector.node_form.editors["units"].widget.value() == 4


def test_unsubscribes_when_destroyed(qtbot):
    doc = Document(make_project())
    baseline = len(doc._subscribers)
    inspector = Inspector(doc, QUndoStack())
    assert len(doc._subscribers) == baseline + 1
    shiboken6.delete(inspector)
    assert len(doc._subscribers) == baseline
    doc.set_node_label("d", "still fine")             # no deleted widget is called


def test_unsubscribes_when_closed_and_follows_again_when_shown(qtbot):
    doc = Document(make_project())
    inspector = Inspector(doc, QUndoStack())
    qtbot.addWidget(inspector)
    inspector.show()
    inspector.close()
    assert doc._subscribers == []
    doc.set_meta({"name": "While closed", "description": ""})
    inspector.show()
    assert len(doc._subscribers) == 1 and inspector.project_tab.name.text() == "While closed"


def test_input_shape_editor(env, qtbot):
    doc, stack, inspector = env
    inspector.show_selection(["x"], [])
    edit = inspector.node_form.editors["shape"].widget
    assert edit.text() == "2"
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "3")
    assert stack.count() == 0                   # a shape is committed when editing finishes
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert doc.project.node("x").config["shape"] == [3] and stack.count() == 1
    assert inspector.node_form.shape_label.text() == "[3]"
    edit.selectAll()
    qtbot.keyClicks(edit, "2, 0")
    qtbot.keyClick(edit, Qt.Key.Key_Return)     # 0 is not a size: refused, the old value is shown
    assert doc.project.node("x").config["shape"] == [3] and stack.count() == 1 and edit.text() == "3"


def test_fit_columns_matches_the_network(env):
    doc, stack, inspector = env
    tab = inspector.data_tab
    assert not tab.fit_button.isVisibleTo(tab)
    doc.set_node_config("x", {"shape": [3]})       # the network now takes 5 inputs, the table has 4
    assert tab.fit_button.isVisibleTo(tab) and "takes 5 inputs" in tab.table_hint.text()
    tab.fit_button.click()
    assert doc.project.data.source["inputs"] == [[0.0] * 5, [1.0, 1.0, 1.0, 1.0, 0.0]]
    assert stack.count() == 1 and not tab.fit_button.isVisibleTo(tab)
    assert tab.table.horizontalHeaderItem(4).text() == "x[2]"


def test_class_label_targets(env):
    doc, stack, inspector = env
    doc.set_data(DataSpec({"kind": "table", "inputs": [[0.0] * 4, [1.0] * 4], "targets": [0, 1]}))
    tab = inspector.data_tab
    assert tab.table.horizontalHeaderItem(4).text() == "→ class"
    tab.table.item(1, 4).setText("2.5")             # a class label is a whole number
    assert doc.project.data.source["targets"] == [0, 1] and tab.table.item(1, 4).text() == "1"
    tab.table.item(1, 4).setText("2")
    assert doc.project.data.source["targets"] == [0, 2] and stack.count() == 1
    tab.add_button.click()
    assert doc.project.data.source["targets"] == [0, 2, 0] and stack.count() == 2


def test_output_checkbox_lists_the_node_in_outputs_as_one_undo_step(qtbot):
    from nnstudio.project.document import Document
    from nnstudio.project.model import Edge, Node, Project
    from PySide6.QtGui import QUndoStack
    from nnstudio.ui.panels.inspector import Inspector
    project = Project(nodes=[Node("x", "input", config={"shape": [2]}), Node("n1", "neuron"), Node("n2", "neuron")],
                      edges=[Edge("e1", "x", "n1"), Edge("e2", "x", "n2")], inputs=["x"])
    doc, stack = Document(project), QUndoStack()
    inspector = Inspector(doc, stack)
    qtbot.addWidget(inspector)
    inspector.show_selection(["n2"], [])
    check = inspector.node_form.output_check
    assert check is not None and not check.isChecked()
    check.setChecked(True)
    assert doc.project.outputs == ["n2"] and stack.count() == 1
    inspector.show_selection(["n1"], [])
    inspector.node_form.output_check.setChecked(True)
    assert doc.project.outputs == ["n2", "n1"]
    stack.undo()
    assert doc.project.outputs == ["n2"]
    inspector.show_selection(["n2"], [])
    assert inspector.node_form.output_check.isChecked()
    stack.undo()
    assert doc.project.outputs == [] and not inspector.node_form.output_check.isChecked()
    inspector.show_selection(["x"], [])
    assert inspector.node_form.output_check is None        # inputs are never outputs
