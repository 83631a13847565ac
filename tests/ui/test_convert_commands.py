"""Edit ▸ Convert to Neurons and Edit ▸ Group into Layer in a main window: one undo step each,
Undo gives back exactly the project as it was, Redo the converted one, the outputs stay the same,
and a selection that cannot be converted says why."""
from __future__ import annotations

import numpy as np

from nnstudio.project import io
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from tests.ui.conftest import sequence_into_dense



def outputs(project: Project) -> np.ndarray:
    return TrainingRun(project.copy()).evaluate("all")["outputs"]


def neurons(project: Project) -> list[str]:
    return [n.id for n in project.nodes if n.kind == "neuron"]


def test_convert_to_neurons_then_undo_and_redo(window):
    a, doc = window.act, window.doc
    assert not a.to_neurons.isEnabled() and not a.group_layer.isEnabled()
    before = io.project_to_dict(doc.project)
    expected = outputs(doc.project)
    window.canvas.select_ids(["hidden"])
    assert a.to_neurons.isEnabled() and not a.group_layer.isEnabled()
    a.to_neurons.trigger()
    ids = neurons(doc.project)
    assert len(ids) == 8 and "hidden" not in doc.project.node_ids()
    assert window.canvas.selected_ids()[0] == ids
    assert window.stack.count() == 1 and window.stack.undoText() == "Convert hidden to neurons"
    assert len(window.canvas.canvas_scene.node_items) == 10          # the canvas follows
    assert "8 neurons" in window.statusBar().currentMessage()
    np.testing.assert_allclose(outputs(doc.project), expected, rtol=0, atol=1e-12)
    converted = io.project_to_dict(doc.project)
    window.stack.undo()
    assert io.project_to_dict(doc.project) == before
    assert set(window.canvas.canvas_scene.node_items) == {"x", "hidden", "out"}
    window.stack.redo()
    assert io.project_to_dict(doc.project) == converted


def test_group_into_layer_then_undo_and_redo(window):
    a, doc = window.act, window.doc
    window.canvas.select_ids(["hidden"])
    a.to_neurons.trigger()
    expected = outputs(doc.project)
    converted = io.project_to_dict(doc.project)
    window.canvas.select_ids(neurons(doc.project))
    assert a.group_layer.isEnabled() and not a.to_neurons.isEnabled()
    a.group_layer.trigger()
    assert neurons(doc.project) == [] and window.stack.count() == 2
    layer = doc.project.nodes[1]
    assert layer.kind == "dense" and layer.label == "hidden" and layer.config["units"] == 8
    assert window.canvas.selected_ids()[0] == [layer.id]
    np.testing.assert_allclose(outputs(doc.project), expected, rtol=0, atol=1e-12)
    grouped = io.project_to_dict(doc.project)
    window.stack.undo()
    assert io.project_to_dict(doc.project) == converted
    window.stack.redo()
    assert io.project_to_dict(doc.project) == grouped
    window.stack.undo()
    window.stack.undo()
    assert [n.id for n in doc.project.nodes] == ["x", "hidden", "out"]


def test_a_group_that_cannot_be_made_says_why(window):
    a, doc = window.act, window.doc
    window.canvas.select_ids(["hidden"])
    a.to_neurons.trigger()
    ids = neurons(doc.project)
    node = doc.project.node(ids[0])
    doc.set_node_config(node.id, {**node.config, "activation": "relu"})     # a student's edit
    window.canvas.select_ids(ids)
    assert a.group_layer.isEnabled()
    assert "a layer applies one activation" in a.group_layer.toolTip()
    before = io.project_to_dict(doc.project)
    a.group_layer.trigger()
    assert io.project_to_dict(doc.project) == before and window.stack.count() == 1
    assert window.statusBar().currentMessage().startswith("Cannot group into a layer:")


def test_a_dense_that_cannot_be_converted_says_why(window):
    window.files.install(sequence_into_dense())
    window.canvas.select_ids(["d"])
    assert not window.act.to_neurons.isEnabled()
    assert "receives [5, 2], a sequence" in window.act.to_neurons.toolTip()
    assert "Receives [5, 2]" not in window.act.to_neurons.statusTip()
    assert window.act.to_neurons.statusTip().startswith("A neuron takes a vector")
    assert window.converting.convert_selected() is False
    assert "Cannot convert to neurons: a neuron takes a vector" in window.statusBar().currentMessage()
    assert window.stack.count() == 0


def test_nothing_is_converted_while_training(window):
    window.canvas.select_ids(["hidden"])
    assert window.act.to_neurons.isEnabled()
    window.live.editingLocked.emit(True)
    assert not window.act.to_neurons.isEnabled()
    assert window.converting.convert_selected() is False and window.stack.count() == 0
    window.live.editingLocked.emit(False)
    assert window.act.to_neurons.isEnabled()


def test_the_edit_menu_lists_both(window):
    edit = next(act.menu() for act in window.menuBar().actions() if act.text() == "&Edit")
    texts = [act.text() for act in edit.actions()]
    assert texts.index("Convert to &Neurons") + 1 == texts.index("&Group into Layer")


def test_an_output_layer_converts_and_comes_back(window):
    """The outputs list names the neurons after the step and the layer again after its undo (a
    node must leave the list before it is removed)."""
    doc = window.doc
    before = io.project_to_dict(doc.project)
    window.canvas.select_ids(["out"])
    window.act.to_neurons.trigger()
    (neuron,) = [i for i in neurons(doc.project)]
    assert doc.project.outputs == [neuron] and doc.project.node(neuron).label == "out 1"
    converted = io.project_to_dict(doc.project)
    window.canvas.select_ids([neuron, "hidden"])
    assert not window.act.group_layer.isEnabled()       # a dense layer is not a neuron
    window.stack.undo()
    assert io.project_to_dict(doc.project) == before
    window.stack.redo()
    assert io.project_to_dict(doc.project) == converted
