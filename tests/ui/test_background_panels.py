"""The Backprop panel's layer-by-layer summary and the Dataset panel's loading run in a worker
thread (ui.background): the same text and data as when computed in the window's thread, the
window's thread free meanwhile, and a result the document has outrun dropped."""
from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.io import load_project
from nnstudio.training.explain import explain
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.panels import backprop_summary, dataset
from nnstudio.ui.panels.backprop import BackpropPanel
from nnstudio.ui.panels.dataset import DatasetPanel

TIMEOUT = 10_000


class Gate:
    """Wraps a function: records the thread it runs in and holds it until `open()`."""

    def __init__(self, monkeypatch, module, name: str, closed: bool = False) -> None:
        self.threads: list[threading.Thread] = []
        self.event = threading.Event()
        if not closed:
            self.event.set()
        original = getattr(module, name)

        def wrapped(*args, **kwargs):
            self.threads.append(threading.current_thread())
            assert self.event.wait(TIMEOUT / 1000)
            return original(*args, **kwargs)
        monkeypatch.setattr(module, name, wrapped)

    def open(self) -> None:
        self.event.set()


def open_example(name: str) -> Document:
    return Document(load_project(EXAMPLES_DIR / f"{name}.json"))


def shown(qtbot, widget, size=(900, 500)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- the Backprop panel's layer summary ------------------------------------------------------------
@pytest.fixture
def walk(qtbot):
    panel = shown(qtbot, BackpropPanel(open_example("xor_dense"), QUndoStack()))
    qtbot.waitUntil(lambda: "single neurons" in panel.summary_note.text(), timeout=TIMEOUT)
    return panel


def test_the_layer_summary_is_explains_text_computed_in_another_thread(walk, qtbot, monkeypatch):
    gate = Gate(monkeypatch, backprop_summary, "explain", closed=True)
    walk.layers_button.click()
    # The click has returned while explain waits in its thread: the window's thread is free.
    assert walk.is_computing() and "Forward pass" not in walk.summary.toPlainText()
    qtbot.wait(50)                               # the event loop runs meanwhile
    gate.open()
    qtbot.waitUntil(lambda: not walk.is_computing() and "Forward pass" in walk.summary.toPlainText(),
                    timeout=TIMEOUT)
    assert gate.threads and all(t is not threading.main_thread() for t in gate.threads)
    project = walk.doc.project
    width = walk.summary_page.columns(walk.pages.width())
    assert walk.summary.toPlainText() == explain(project, TrainingRun(project), 0, width=width)
    assert walk.summary_note.text().endswith("Here is the pass layer by layer.")
    assert walk.of_samples.text() == "of 4" and not walk.summary.isHidden()


def test_a_summary_the_document_has_outrun_is_dropped(walk, qtbot, monkeypatch):
    gate = Gate(monkeypatch, backprop_summary, "explain", closed=True)
    walk.layers_button.click()
    node = walk.doc.project.nodes[-1]
    walk.doc.set_node_label(node.id, "renamed")  # the summary under way is of the old network
    gate.open()
    qtbot.waitUntil(lambda: not walk.is_computing(), timeout=TIMEOUT)
    qtbot.wait(400)                              # past the panel's debounce
    assert "Forward pass" not in walk.summary.toPlainText() and walk.summary.isHidden()
    assert "single neurons" in walk.summary_note.text()


# --- the Dataset panel's loading --------------------------------------------------------------------
def test_the_dataset_loads_in_another_thread_and_shows_the_same_as_loading_at_once(qtbot, monkeypatch):
    doc = open_example("overfitting_moons")
    at_once = shown(qtbot, DatasetPanel(doc))
    at_once.detach()
    at_once.refresh_now()                        # loads in this thread
    gate = Gate(monkeypatch, dataset, "load_source", closed=True)
    panel = shown(qtbot, DatasetPanel(doc))
    qtbot.waitUntil(lambda: panel.is_loading(), timeout=TIMEOUT)
    assert panel.mode() == ""                    # nothing yet, and the window's thread is free
    qtbot.wait(50)
    gate.open()
    qtbot.waitUntil(lambda: panel.mode() != "", timeout=TIMEOUT)
    assert gate.threads and all(t is not threading.main_thread() for t in gate.threads)
    assert panel.mode() == at_once.mode() == "scatter"
    assert panel.summary.text() == at_once.summary.text()
    for mine, theirs in zip(panel.points.points(), at_once.points.points()):
        assert np.array_equal(mine, theirs)
    assert panel.model.rowCount() == at_once.model.rowCount() == len(panel.analysis().is_validation)


def test_samples_the_document_has_outrun_are_dropped(qtbot, monkeypatch):
    doc = open_example("xor_dense")
    gate = Gate(monkeypatch, dataset, "load_source", closed=True)
    panel = shown(qtbot, DatasetPanel(doc))
    qtbot.waitUntil(lambda: panel.is_loading(), timeout=TIMEOUT)
    data = doc.project.data
    source = dict(data.source, inputs=data.source["inputs"][:3], targets=data.source["targets"][:3])
    doc.set_data(dataclasses.replace(data, source=source))     # while the old samples load
    gate.open()
    qtbot.waitUntil(lambda: panel.mode() == "scatter", timeout=TIMEOUT)
    assert panel.summary.text().startswith("<b>3 samples</b>")
    assert len(panel.points.points()[0]) == 3
