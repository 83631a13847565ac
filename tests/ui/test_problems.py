"""The problems panel: lists validate()'s findings anchored to nodes and edges, re-checks shortly
after changes, and says where a clicked problem is."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from nnstudio.project import io
from nnstudio.project.document import Document
from nnstudio.project.model import Edge, Node, Project
from nnstudio.ui.panels.problems import DEBOUNCE_MS, TARGET_ROLE, ProblemsPanel

EXAMPLE = "examples/backprop_worked_example.json"


def image_into_neuron() -> Project:
    """An input of shape [2, 3] wired straight into a neuron, which takes only vectors."""
    neuron = {"activation": "sigmoid", "alpha": 0.0, "init": "xavier_uniform", "bias": 0.0, "bias_trainable": True}
    return Project(nodes=[Node("img", "input", "img", config={"shape": [2, 3]}),
                          Node("n1", "neuron", "unit", config=neuron)],
                   edges=[Edge("e1", "img", "n1")], inputs=["img"], outputs=["n1"])


@pytest.fixture
def panel(qtbot):
    widget = ProblemsPanel(Document(image_into_neuron()))
    qtbot.addWidget(widget)
    widget.resize(340, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def texts(panel: ProblemsPanel) -> list[str]:
    return [panel.list.item(r).text() for r in range(panel.list.count())]


def test_lists_a_shape_error_anchored_to_the_node(panel, qtbot):
    assert [(p.severity, p.node_id) for p in panel.problems()] == [("error", "n1")]
    assert texts(panel) == ["unit (n1): takes vectors, but receives [2, 3]; add a flatten node"]
    item = panel.list.item(0)
    assert item.data(TARGET_ROLE) == ("node", "n1")
    assert panel.summary.text() == "1 error: errors stop training."
    with qtbot.waitSignal(panel.activated, timeout=1000) as signal:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.list.visualItemRect(item).center())
    assert signal.args == ["node", "n1"]
    with qtbot.waitSignal(panel.activated, timeout=1000) as signal:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert signal.args == ["node", "n1"]


def test_rechecks_after_a_change_once_the_burst_is_over(panel, qtbot):
    doc = panel.doc
    counts = []
    panel.countsChanged.connect(lambda e, w: counts.append((e, w)))
    doc.set_node_config("img", {"shape": [3]})
    doc.set_node_config("img", {"shape": [4]})
    assert len(panel.problems()) == 1               # not yet: the check waits for the burst to end
    qtbot.waitUntil(lambda: counts != [], timeout=DEBOUNCE_MS * 10)
    assert counts == [(0, 0)]                        # two changes, one check
    assert texts(panel) == ["No problems"] and panel.problems() == []
    assert not panel.list.item(0).flags() & Qt.ItemFlag.ItemIsSelectable


def test_clean_example_shows_no_problems(qtbot):
    panel = ProblemsPanel(Document(io.load_project(EXAMPLE)))
    qtbot.addWidget(panel)
    assert texts(panel) == ["No problems"]
    received = []
    panel.activated.connect(lambda *a: received.append(a))
    panel.list.itemClicked.emit(panel.list.item(0))
    assert received == []
    assert panel.summary.text() == "The network is ready to train."


def test_a_clean_network_without_samples_asks_for_data(qtbot):
    project = io.load_project(EXAMPLE)
    project.data.source = {"kind": "table", "inputs": [], "targets": []}
    panel = ProblemsPanel(Document(project))
    qtbot.addWidget(panel)
    assert texts(panel) == ["No problems"]
    assert "add samples in the Data tab" in panel.summary.text()


def test_edge_and_project_problems_say_where(qtbot):
    project = io.load_project(EXAMPLE)
    project.edges.append(Edge("dup", "i1", "h1", 0.5))        # a second i1 → h1 connection
    project.training.optimizer = {"kind": "sgd", "lr": -1.0}
    panel = ProblemsPanel(Document(project))
    qtbot.addWidget(panel)
    targets = {tuple(panel.list.item(r).data(TARGET_ROLE)) for r in range(panel.list.count())}
    assert ("edge", "dup") in targets and ("project", "training") in targets
    # The window names the connection by its ends and the setting by its tab and field; the
    # tooltip keeps the file's key path.
    assert texts(panel) == ["The connection i1 → h1: repeats w1: both connect i1 to h1",
                            "Training tab › Optimizer › Learning rate: must be > 0"]
    assert panel.list.item(1).toolTip().startswith("training.optimizer.lr: must be > 0\n")
    edge_row = next(r for r in range(panel.list.count())
                    if panel.list.item(r).data(TARGET_ROLE) == ("edge", "dup"))
    with qtbot.waitSignal(panel.activated, timeout=1000) as signal:
        panel.list.itemClicked.emit(panel.list.item(edge_row))
    assert signal.args == ["edge", "dup"]


def test_stops_following_the_document_when_destroyed(qtbot):
    import shiboken6
    doc = Document(image_into_neuron())
    panel = ProblemsPanel(doc)
    assert len(doc._subscribers) == 1
    shiboken6.delete(panel)
    assert doc._subscribers == []
    doc.set_node_config("img", {"shape": [3]})


def test_training_findings_are_listed_as_warnings_after_the_problems(panel, qtbot):
    from nnstudio.training.health import Finding
    counts = []
    panel.countsChanged.connect(lambda e, w: counts.append((e, w)))
    finding = Finding("growing", "The loss exploded instead of shrinking.", "Lower the Learning rate.", "Loss exploded")
    panel.set_training_findings([finding])
    assert texts(panel)[1:] == ["Training: The loss exploded instead of shrinking.\nLower the Learning rate."]
    assert panel.training_findings() == [finding] and counts[-1] == (1, 1)
    assert panel.summary.text() == "1 error and 1 warning: errors stop training."
    item = panel.list.item(1)
    assert item.data(TARGET_ROLE) == ("project", "training")
    with qtbot.waitSignal(panel.activated, timeout=1000) as signal:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.list.visualItemRect(item).center())
    assert signal.args == ["project", "training"]
    # The network's own problems are re-checked without losing the run's warning.
    panel.refresh_now()
    assert len(texts(panel)) == 2 and texts(panel)[1].startswith("Training:")
    panel.set_training_findings([])
    assert panel.training_findings() == [] and len(texts(panel)) == 1 and counts[-1] == (1, 0)


def test_a_clean_network_with_a_training_warning_is_not_said_to_have_no_problems(qtbot):
    from nnstudio.training.health import Finding
    panel = ProblemsPanel(Document(io.load_project(EXAMPLE)))
    qtbot.addWidget(panel)
    panel.set_training_findings([Finding("chance", "Stuck at guessing.", "Train longer.")])
    assert texts(panel) == ["Training: Stuck at guessing.\nTrain longer."]
    assert panel.summary.text() == "1 warning: training can still run."
