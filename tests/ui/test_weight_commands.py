"""SetWeightEntry / SetUnitBias: one entry of a dense layer's W or b per undo step."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project.convert_parts import current_values
from nnstudio.project.document import Document
from nnstudio.project.expansion import Part
from nnstudio.ui.commands.weights import SetUnitBias, SetWeightEntry


def _with_params(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    W, b = rng.normal(size=(2, 8)), rng.normal(size=8)
    doc.set_node_params("hidden", {"W": W, "b": b})
    return W.copy(), b.copy()


def test_one_entry_changes_and_undo_restores_it_exactly(doc: Document, stack: QUndoStack):
    W, b = _with_params(doc)
    stack.push(SetWeightEntry(doc, Part("hidden", 3, row=1), 0.125))
    assert stack.count() == 1 and stack.text(0) == "Change hidden W[1, 3]"
    expected = W.copy()
    expected[1, 3] = 0.125
    params = doc.project.node("hidden").params
    np.testing.assert_array_equal(params["W"], expected)
    np.testing.assert_array_equal(params["b"], b)
    stack.undo()
    params = doc.project.node("hidden").params
    assert params["W"].tobytes() == W.tobytes() and params["b"].tobytes() == b.tobytes()
    stack.redo()
    np.testing.assert_array_equal(doc.project.node("hidden").params["W"], expected)


def test_editing_the_same_entry_again_merges(doc: Document, stack: QUndoStack):
    W, _ = _with_params(doc)
    part = Part("hidden", 5, row=0)
    for value in (0.1, 0.2, 0.3):
        stack.push(SetWeightEntry(doc, part, value))
    assert stack.count() == 1
    assert doc.project.node("hidden").params["W"][0, 5] == 0.3
    stack.push(SetWeightEntry(doc, Part("hidden", 4, row=0), 0.7))     # another entry: its own step
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert doc.project.node("hidden").params["W"].tobytes() == W.tobytes()


def test_typed_back_to_the_old_value_leaves_no_step(doc: Document, stack: QUndoStack):
    W, _ = _with_params(doc)
    part = Part("hidden", 2, row=1)
    stack.push(SetWeightEntry(doc, part, 9.0))
    stack.push(SetWeightEntry(doc, part, float(W[1, 2])))
    assert stack.count() == 0
    assert doc.project.node("hidden").params["W"].tobytes() == W.tobytes()


def test_an_array_not_stored_yet_is_materialised_from_the_seed_and_undo_removes_it(doc: Document,
                                                                                     stack: QUndoStack):
    assert doc.project.node("hidden").params == {}
    start = current_values(doc.project, ["hidden"])[0]["hidden"]["W"]
    stack.push(SetWeightEntry(doc, Part("hidden", 7, row=0), -2.5))
    stored = doc.project.node("hidden").params["W"]
    expected = np.array(start, dtype=np.float64)
    expected[0, 7] = -2.5
    np.testing.assert_array_equal(stored, expected)
    assert "b" not in doc.project.node("hidden").params        # only the array edited is stored
    # Typing back to the drawn value keeps the step: undo must take the array away again.
    stack.push(SetWeightEntry(doc, Part("hidden", 7, row=0), float(start[0, 7])))
    assert stack.count() == 1
    stack.undo()
    assert doc.project.node("hidden").params == {}


def test_unit_bias(doc: Document, stack: QUndoStack):
    W, b = _with_params(doc)
    stack.push(SetUnitBias(doc, Part("hidden", 6), 1.5))
    assert stack.text(0) == "Change hidden b[6]"
    expected = b.copy()
    expected[6] = 1.5
    np.testing.assert_array_equal(doc.project.node("hidden").params["b"], expected)
    np.testing.assert_array_equal(doc.project.node("hidden").params["W"], W)
    stack.undo()
    assert doc.project.node("hidden").params["b"].tobytes() == b.tobytes()


def test_bad_parts_are_refused(doc: Document):
    _with_params(doc)
    with pytest.raises(IndexError):
        SetWeightEntry(doc, Part("hidden", 8, row=0), 1.0)       # 8 units: 0 … 7
    with pytest.raises(IndexError):
        SetWeightEntry(doc, Part("hidden", 0, row=2), 1.0)       # 2 rows
    with pytest.raises(ValueError):
        SetWeightEntry(doc, Part("hidden", 0), 1.0)              # a unit is not a weight
    doc.set_node_config("hidden", {**doc.project.node("hidden").config, "use_bias": False})
    doc.set_node_params("hidden", {"W": np.zeros((2, 8))})
    with pytest.raises(KeyError):
        SetUnitBias(doc, Part("hidden", 0), 1.0)                 # no bias to change
