"""The inspector's form for a drawn unit or weight of an expanded dense layer."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.expansion import Part
from nnstudio.ui.panels.inspector import Inspector


@pytest.fixture
def inspector(qtbot, doc: Document, stack: QUndoStack) -> Inspector:
    rng = np.random.default_rng(7)
    doc.set_node_params("hidden", {"W": rng.normal(size=(2, 8)), "b": rng.normal(size=8)})
    doc.set_expanded(["hidden"])
    widget = Inspector(doc, stack)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type(spin, value: float) -> None:
    """What typing a number into the spin box does: valueChanged with the widget's signals on."""
    spin.setValue(value)


def test_editing_a_weight_is_one_undo_step_that_changes_exactly_that_entry(inspector, doc, stack):
    W = doc.project.node("hidden").params["W"].copy()
    b = doc.project.node("hidden").params["b"].copy()
    inspector.show_part(Part("hidden", 3, row=1))
    form = inspector.part_form
    assert inspector.pages.currentWidget() is form
    assert "W[1, 3] of hidden" in form.title.text()
    assert form.route.text() == "From x[1] to unit 4"      # words count units from 1
    assert form.value.value() == pytest.approx(W[1, 3], rel=1e-11)     # a spin box keeps 12 decimals
    _type(form.value.widget, 0.25)
    _type(form.value.widget, 0.375)          # typing on: the same step
    assert stack.count() == 1 and stack.text(0) == "Change hidden W[1, 3]"
    expected = W.copy()
    expected[1, 3] = 0.375
    np.testing.assert_array_equal(doc.project.node("hidden").params["W"], expected)
    np.testing.assert_array_equal(doc.project.node("hidden").params["b"], b)
    stack.undo()
    assert doc.project.node("hidden").params["W"].tobytes() == W.tobytes()
    assert form.value.value() == pytest.approx(W[1, 3], rel=1e-11)     # the form follows the undo


def test_a_unit_shows_its_bias_and_incoming_weights(inspector, doc, stack):
    params = doc.project.node("hidden").params
    W, b = params["W"].copy(), params["b"].copy()
    inspector.show_part(Part("hidden", 4))
    form = inspector.part_form
    assert "Unit 5 of hidden (dense, tanh)" in form.title.text()
    assert form.bias.value() == pytest.approx(b[4], rel=1e-11)
    np.testing.assert_array_equal(form.picture_values, W[:, 4][None, :])      # a 1×2 strip
    top = float(np.max(np.abs(W[:, 4])))
    assert form.legend_high.text() == f"+{top:.3g}"
    image = form.picture.pixmap().toImage()
    assert image.width() > 0 and image.height() > 0
    _type(form.bias.widget, -0.5)
    assert stack.count() == 1 and stack.text(0) == "Change hidden b[4]"
    assert doc.project.node("hidden").params["b"][4] == -0.5
    np.testing.assert_array_equal(np.delete(doc.project.node("hidden").params["b"], 4), np.delete(b, 4))
    stack.undo()
    assert form.bias.value() == pytest.approx(b[4], rel=1e-11)


def test_a_node_selection_replaces_the_part_and_collapsing_drops_it(inspector, doc):
    inspector.show_part(Part("hidden", 1))
    inspector.show_selection([], [])             # the canvas's nodes-and-edges selection is empty
    assert inspector.pages.currentWidget() is inspector.part_form
    inspector.show_selection(["out"], [])
    assert inspector.pages.currentWidget() is inspector.node_form
    inspector.show_part(Part("hidden", 1))
    assert inspector.pages.currentWidget() is inspector.part_form
    doc.set_expanded([])
    assert inspector.pages.currentWidget() is inspector.empty
    inspector.show_part(Part("hidden", 1))       # a part of a layer that is not expanded
    assert inspector.pages.currentWidget() is inspector.empty


def test_first_layer_units_over_an_image_show_their_weights_as_that_image(qtbot, build_project, stack):
    project = build_project(
        [("img", "input", 0, 0, {"shape": [1, 8, 8]}), ("flat", "flatten", 100, 0),
         ("hidden", "dense", 200, 0, {"units": 5, "activation": "relu"})],
        [("e1", "img", "flat"), ("e2", "flat", "hidden")], outputs=["hidden"])
    doc = Document(project)
    W = np.arange(64 * 5, dtype=np.float64).reshape(64, 5) / 100 - 1.0
    doc.set_node_params("hidden", {"W": W, "b": np.zeros(5)})
    doc.set_expanded(["hidden"])
    inspector = Inspector(doc, stack)
    qtbot.addWidget(inspector)
    inspector.show_part(Part("hidden", 2))
    np.testing.assert_array_equal(inspector.part_form.picture_values, W[:, 2].reshape(8, 8))
    assert "8×8 image" in inspector.part_form.picture_caption.text()
    inspector.show_part(Part("hidden", 3, row=10))
    assert inspector.part_form.route.text() == "From img pixel (1, 2) to unit 4"


def test_a_layer_without_stored_weights_shows_the_values_training_starts_from(qtbot, doc, stack):
    from nnstudio.project.convert_parts import current_values
    doc.set_expanded(["hidden"])
    inspector = Inspector(doc, stack)
    qtbot.addWidget(inspector)
    inspector.show_part(Part("hidden", 0, row=1))
    start = current_values(doc.project, ["hidden"])[0]["hidden"]["W"]
    assert inspector.part_form.value.value() == pytest.approx(float(start[1, 0]), rel=1e-11)
    assert "Not stored yet" in inspector.part_form.note.text()
    _type(inspector.part_form.value.widget, 2.0)
    stored = doc.project.node("hidden").params["W"]
    assert stored[1, 0] == 2.0 and stack.count() == 1
    stack.undo()
    assert "W" not in doc.project.node("hidden").params


def test_selecting_a_drawn_unit_on_the_canvas_shows_it_in_the_window_inspector(open_window):
    from pathlib import Path
    from nnstudio.ui.canvas.expanded_items import UnitItem
    window = open_window(show=True)
    assert window.files.open_example(Path(__file__).resolve().parents[2] / "examples" / "xor_dense.json")
    window.canvas.select_ids(["hidden"])
    window.expanding.expand.trigger()
    units = {item.part: item for item in window.canvas.scene().items() if isinstance(item, UnitItem)}
    assert Part("hidden", 2) in units
    window.canvas.scene().clearSelection()
    units[Part("hidden", 2)].setSelected(True)
    inspector = window.inspector
    assert inspector.pages.currentWidget() is inspector.part_form
    assert "Unit 3 of hidden" in inspector.part_form.title.text()
    window.canvas.scene().clearSelection()
    assert inspector.pages.currentWidget() is inspector.empty


def test_a_frozen_layer_says_so(inspector, doc):
    inspector.show_part(Part("hidden", 3, row=1))
    assert "Frozen" not in inspector.part_form.note.text()
    doc.set_node_config("hidden", {**doc.project.node("hidden").config, "trainable": False})
    assert inspector.part_form.note.text().startswith("Frozen: training does not change this layer's weights")
    inspector.show_part(Part("hidden", 3))
    doc.set_node_config("hidden", {**doc.project.node("hidden").config, "trainable": True, "bias_trainable": False})
    assert inspector.part_form.note.text().startswith("Frozen bias")
