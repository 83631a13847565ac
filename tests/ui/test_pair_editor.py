"""The inspector edits an "int or pair" setting (a conv2d's kernel_size, a pool's stride) in a line
edit: "3" stores 3, "3×5" or "3, 5" stores [3, 5], undoably (edits of one key in a row merge), a bad entry is
refused with the document's value shown again, and an optional pair may be left empty."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.model import Edge, Node, Project
from nnstudio.ui.panels.editors import pair_text, parse_pair
from nnstudio.ui.panels.inspector import Inspector


@pytest.fixture
def env(qtbot):
    project = Project(nodes=[Node("x", "input", config={"shape": [1, 8, 8]}),
                             Node("c1", "conv2d", config={"filters": 4, "kernel_size": 3}),
                             Node("p1", "maxpool2d", config={"pool_size": 2})],
                      edges=[Edge("e1", "x", "c1"), Edge("e2", "c1", "p1")], inputs=["x"], outputs=["p1"])
    doc = Document(project)
    stack = QUndoStack()
    inspector = Inspector(doc, stack)
    qtbot.addWidget(inspector)
    inspector.resize(340, 700)
    inspector.show()
    qtbot.waitExposed(inspector)
    return doc, stack, inspector


def enter(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_parse_and_show():
    texts = ("3", " 3×5 ", "3x5", "3, 5", "3 5", "")
    assert [parse_pair(t) for t in texts] == [3, [3, 5], [3, 5], [3, 5], [3, 5], None]
    assert parse_pair("3, 5, 7") == "3, 5, 7"                 # handed on as text: the field's check refuses it
    assert [pair_text(v) for v in (3, [3, 5], None)] == ["3", "3×5", ""]


def test_kernel_size_edits_are_undoable(env, qtbot):
    doc, stack, inspector = env
    inspector.show_selection(["c1"], [])
    edit = inspector.node_form.editors["kernel_size"].widget
    assert edit.text() == "3"
    enter(qtbot, edit, "3×5")
    assert doc.project.node("c1").config["kernel_size"] == [3, 5] and stack.count() == 1
    assert inspector.node_form.shape_label.text() == "[1, 8, 8] → [4, 6, 4]"
    enter(qtbot, edit, "2, 0")                  # 0 is not a size: refused, the document's value shown again
    assert doc.project.node("c1").config["kernel_size"] == [3, 5] and stack.count() == 1 and edit.text() == "3×5"
    enter(qtbot, edit, "5")                     # edits of one key in a row merge, as for every field
    assert doc.project.node("c1").config["kernel_size"] == 5 and stack.count() == 1 and edit.text() == "5"
    stack.undo()
    assert doc.project.node("c1").config["kernel_size"] == 3 and edit.text() == "3"
    stack.redo()
    assert doc.project.node("c1").config["kernel_size"] == 5 and edit.text() == "5"


def test_a_pool_stride_may_be_left_empty(env, qtbot):
    doc, stack, inspector = env
    inspector.show_selection(["p1"], [])
    edit = inspector.node_form.editors["stride"].widget
    assert edit.text() == "" and edit.placeholderText() == "empty for the default"
    enter(qtbot, edit, "1")
    assert doc.project.node("p1").config["stride"] == 1 and stack.count() == 1
    enter(qtbot, edit, "")
    assert doc.project.node("p1").config["stride"] is None and edit.text() == ""
    assert inspector.node_form.shape_label.text() == "[4, 6, 6] → [4, 3, 3]"
