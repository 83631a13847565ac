"""File ▸ Open imports an ONNX model (issue 13) as a new, unsaved project, after the usual
unsaved-changes prompt; a model that cannot be imported leaves the current project alone."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from nnstudio.project import editing
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.window.files import OPEN_FILTER
from nnstudio.ui.window.main_window import MainWindow

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def shown_boxes(monkeypatch, tmp_path):
    shown: list[tuple[str, str]] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append((_n, a[1], a[2])) or Button.Ok)
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env-settings.ini"))
    return shown


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.asked = []
    w.answer = Button.Discard

    def ask() -> Button:
        w.asked.append(1)
        return w.answer
    w.ask_save_changes = ask
    qtbot.addWidget(w)
    yield w
    w.answer = Button.Discard


def model_file(tmp_path, op="Relu", name="mlp.onnx") -> str:
    w, b = np.arange(8.0).reshape(4, 2) / 10, np.array([0.5, -0.5])
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["x", "w", "b"], ["h"], name="fc"), helper.make_node(op, ["h"], ["y"], name="act")],
        "g", [helper.make_tensor_value_info("x", TensorProto.DOUBLE, ["N", 4])],
        [helper.make_tensor_value_info("y", TensorProto.DOUBLE, ["N", 2])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    path = tmp_path / name
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    return str(path)


def test_the_open_dialog_offers_onnx_models():
    assert "*.onnx" in OPEN_FILTER.split(";;")[0] and "*.json" in OPEN_FILTER.split(";;")[0]


def test_open_onnx_after_the_unsaved_changes_prompt(window, tmp_path, qtbot):
    window.stack.push(AddNode(window.doc, editing.new_node(window.doc.project, "neuron", (5.0, 5.0))))
    path = model_file(tmp_path)
    window.files.ask_open_path = lambda: path
    window.answer = Button.Cancel
    assert not window.files.open_dialog()                  # cancelled: the edited project stays
    assert window.asked == [1] and [n.kind for n in window.doc.project.nodes] == ["neuron"]
    window.answer = Button.Discard
    assert window.files.open_dialog()
    project = window.doc.project
    assert window.asked == [1, 1]
    assert [n.kind for n in project.nodes] == ["input", "dense"] and project.outputs == ["y"]
    assert project.node("y").config["activation"] == "relu"
    np.testing.assert_array_equal(project.node("y").params["W"], np.arange(8.0).reshape(4, 2) / 10)
    # New and unsaved: no path, not in the recent list; Save As suggests the model's name.
    assert project.path is None and window.files.recent_files() == [] and window.stack.isClean()
    assert window.files.display_name() == "Untitled"
    seen = {}

    def save_dialog(parent, title, suggested, flt):
        seen["suggested"] = suggested
        return "", ""
    from PySide6.QtWidgets import QFileDialog
    qtbot_patch = pytest.MonkeyPatch()
    qtbot_patch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    try:
        assert window.files.ask_save_path() is None
    finally:
        qtbot_patch.undo()
    assert seen["suggested"].endswith("mlp.json")
    # The canvas drew both nodes, laid out left to right.
    assert project.node("x").pos[0] < project.node("y").pos[0]


def test_a_model_nnstudio_cannot_draw_shows_why_and_keeps_the_project(window, tmp_path, shown_boxes):
    before = window.doc.project
    assert not window.files.open_path(model_file(tmp_path, op="Selu"))
    assert window.doc.project is before and window.asked == []
    kind, title, text = shown_boxes[-1]
    assert kind == "critical" and title == "Cannot import ONNX model"
    assert "operator 'Selu' (node 'act')" in text


def test_dropping_an_onnx_model_imports_it(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl
    from nnstudio.ui.window.files import project_paths
    path = model_file(tmp_path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(path), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert project_paths(data) == [path]
    assert window.files.open_path(project_paths(data)[0])
    assert [n.kind for n in window.doc.project.nodes] == ["input", "dense"]
