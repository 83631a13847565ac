"""The Training tab's "Clip gradients (global norm)": off (None) by default, a number typed in is
one undoable SetTraining, and undo turns it off again."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.ui.panels.inspector import Inspector
from tests.ui.test_inspector import make_project, snapshot, type_into


@pytest.fixture
def tab_env(qtbot):
    doc = Document(make_project())
    stack = QUndoStack()
    inspector = Inspector(doc, stack)
    qtbot.addWidget(inspector)
    inspector.resize(340, 700)
    inspector.show()
    qtbot.waitExposed(inspector)
    inspector.show_tab("training")
    return doc, stack, inspector


def test_clip_norm_is_one_undoable_command(tab_env, qtbot):
    doc, stack, inspector = tab_env
    tab = inspector.training_tab
    before = snapshot(doc)
    spin = tab.editors["clip_norm"].widget
    assert doc.project.training.clip_norm is None and spin.text() == "off"
    type_into(qtbot, spin, "1.5")
    assert doc.project.training.clip_norm == 1.5 and stack.count() == 1
    assert snapshot(doc)["training"]["clip_norm"] == 1.5
    stack.undo()
    assert doc.project.training.clip_norm is None and snapshot(doc) == before
    assert spin.text() == "off"
    stack.redo()
    assert doc.project.training.clip_norm == 1.5 and spin.value() == 1.5


def test_clip_norm_shows_the_document_value(tab_env):
    doc, stack, inspector = tab_env
    tab = inspector.training_tab
    training = doc.project.training
    training.clip_norm = 0.25
    doc.set_training(training)
    tab.refresh()
    assert tab.editors["clip_norm"].widget.text() == "0.25" and stack.count() == 0
