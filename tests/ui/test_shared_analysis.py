"""One edit, one validation: the canvas scene, the Problems panel and the inspector share the
document's analysis (project.analysis) instead of each validating and inferring shapes itself."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project import graph, validation
from nnstudio.project.document import Document
from nnstudio.ui.canvas.scene import CanvasScene
from nnstudio.ui.panels.inspector import Inspector
from nnstudio.ui.panels.inspector_forms import NodeForm
from nnstudio.ui.panels.problems import DEBOUNCE_MS, ProblemsPanel

from tests.ui.conftest import xor_project


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:
    """How often a validation pass and the shape inference the views ask for have run."""
    counts = {"validate": 0, "shapes": 0}
    run, infer = validation._Checker.run, graph.infer_shapes

    def counting_run(self) -> None:
        counts["validate"] += 1
        run(self)

    def counting_infer(*args, **kwargs):
        counts["shapes"] += 1
        return infer(*args, **kwargs)
    monkeypatch.setattr(validation._Checker, "run", counting_run)
    monkeypatch.setattr(graph, "infer_shapes", counting_infer)
    return counts


def test_one_edit_validates_once_for_scene_problems_and_inspector(qtbot, counted):
    doc = Document(xor_project())
    scene = CanvasScene(doc)
    problems = ProblemsPanel(doc)
    inspector = Inspector(doc, QUndoStack())
    qtbot.addWidget(problems)
    qtbot.addWidget(inspector)
    inspector.show_selection(["hidden"], [])
    scene.refresh_now()
    problems.refresh_now()
    counted.update(validate=0, shapes=0)

    config = dict(doc.project.node("hidden").config, units=4)
    doc.set_node_config("hidden", config)          # one edit …
    qtbot.wait(DEBOUNCE_MS * 3)                    # … and every view's debounced check after it
    assert inspector.node_form.shape_label.text() == "[2] → [4]"
    assert scene.output_shape("hidden") == (4,)
    assert problems.problems() == scene.problems

    assert counted["validate"] == 1                # it was 2: the scene's and the panel's own
    scene.detach()


def test_one_edit_infers_shapes_once_for_scene_and_node_form(qtbot, counted):
    doc = Document(xor_project())
    scene = CanvasScene(doc)
    form = NodeForm(doc, QUndoStack())
    qtbot.addWidget(form)
    form.show_node("hidden")
    scene.refresh_now()
    counted.update(validate=0, shapes=0)

    doc.set_node_config("hidden", dict(doc.project.node("hidden").config, units=4))
    form.refresh()                                 # the inspector refreshes on the event
    scene.refresh_now()
    assert form.shape_label.text() == "[2] → [4]"
    assert scene.output_shape("hidden") == (4,)
    # It was 2 (the scene's and the form's own); the Data tab still infers its own (not shared yet).
    assert counted == {"validate": 1, "shapes": 1}
    scene.detach()
