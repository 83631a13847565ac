"""Issue 14: the unsaved-changes prompt appears on every path that would drop the edits — closing
the window, File ▸ Quit, New (menu and start page), Open (the dialog, a file dropped on the window,
Open Recent from the menu and the start page), an example (the gallery and the start page), an
ONNX model (opened or dropped) — and Revert asks its own question. Each path is walked the way the
user takes it (the QAction, the start page's signal, a real drop event), with a document edited
through the undo stack, answering Cancel (nothing changes), Discard (the path goes on) and Save
(the edits are written to the project's file first, then the path goes on). A file that cannot be
opened asks nothing and leaves the project alone."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from nnstudio.export.onnx_export import export_onnx
from nnstudio.project import editing
from nnstudio.project.io import load_project, project_to_dict, save_project
from nnstudio.project.model import Project
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.dialogs.examples_dialog import ExamplesDialog
from nnstudio.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton
EXAMPLE = EXAMPLES_DIR / "xor_5_hidden.json"
TIMEOUT = 5000


@dataclass
class Rig:
    """A shown window holding `path` (a saved 2-node project) with one edit on its undo stack;
    `asked` records every "save changes?" question and `reverts` every "revert?" one."""

    window: MainWindow
    path: str                   # the project the window holds, on disk
    other: str                  # another project file (3 nodes), for Open
    model: str                  # an ONNX model (xor_dense exported), for its import
    answer: Button = Button.Cancel
    revert_answer: bool = False
    asked: list[str] = field(default_factory=list)
    reverts: list[str] = field(default_factory=list)
    boxes: list[tuple[str, str]] = field(default_factory=list)

    def edit(self) -> None:
        """Add a neuron, as the palette's double-click does: one undoable step."""
        doc = self.window.doc
        self.window.stack.push(AddNode(doc, editing.new_node(doc.project, "neuron", (300.0, 40.0))))


def project_file(path, nodes: int) -> str:
    project = Project(meta={"name": os.path.basename(str(path)), "description": ""})
    for k in range(nodes):
        project.nodes.append(editing.new_node(project, "neuron", (100.0 * k, 0.0)))
    save_project(project, str(path))
    return os.path.abspath(str(path))


@pytest.fixture
def rig(qtbot, tmp_path, monkeypatch) -> Rig:
    boxes: list[tuple[str, str]] = []
    for name in ("critical", "warning", "information"):     # recorded: a modal box would hang the test
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: boxes.append((_n, a[2])) or Button.Ok)
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env-settings.ini"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))     # no autosave in the user's folder
    model = str(tmp_path / "model.onnx")
    export_onnx(load_project(EXAMPLES_DIR / "xor_dense.json"), model)
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    r = Rig(w, project_file(tmp_path / "mine.json", 2), project_file(tmp_path / "other.json", 3), model,
            boxes=boxes)

    def ask_save_changes() -> Button:
        r.asked.append(w.files.display_name())
        return r.answer

    def ask_revert() -> bool:
        r.reverts.append(w.files.display_name())
        return r.revert_answer
    w.ask_save_changes = ask_save_changes
    w.files.ask_revert = ask_revert
    w.files.ask_save_path = lambda: pytest.fail("Save As was asked: the project has a file")
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    assert w.files.open_path(r.path) and r.asked == []
    r.edit()
    assert w.files.is_modified()
    yield r
    r.answer = Button.Discard       # let the fixture's teardown close the window


def drop(target, paths: list[str]) -> bool:
    """Drag files over `target` and drop them, as from a file manager."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(p) for p in paths])
    pos = target.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def pick_in_gallery(monkeypatch, path) -> None:
    """File ▸ Examples… : the user highlights `path`'s example and presses Open."""
    def exec_(dialog: ExamplesDialog) -> int:
        rows = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
        dialog.list.setCurrentRow(rows.index(str(path)))
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ExamplesDialog, "exec", exec_)


def open_from_menu_recent(r: Rig) -> None:
    """File ▸ Open Recent ▸ other.json (the menu's entries are made as it opens)."""
    r.window.files.add_recent(r.other)
    r.window.recent_menu.aboutToShow.emit()
    entry = next(a for a in r.window.recent_menu.actions() if a.statusTip() == r.other)
    entry.trigger()


def open_in_dialog(r: Rig, path: str) -> None:
    r.window.files.ask_open_path = lambda: path
    r.window.act.open.trigger()


# How each path is taken, and how to tell that it went on: name → (trigger, went_on, asynchronous).
Trigger = Callable[[Rig, pytest.MonkeyPatch], None]
Check = Callable[[Rig], bool]


def other_is_open(r: Rig) -> bool:
    return r.window.doc.project.path == r.other and len(r.window.doc.project.nodes) == 3


def example_is_open(r: Rig) -> bool:
    p = r.window.doc.project
    return p.path is None and r.window.files.example_name is not None and len(p.nodes) == len(
        load_project(EXAMPLE).nodes)


def model_is_open(r: Rig) -> bool:
    p = r.window.doc.project
    return p.path is None and [n.kind for n in p.nodes] == ["input", "dense", "dense"]


def window_closed(r: Rig) -> bool:
    return not r.window.isVisible()


def new_is_open(r: Rig) -> bool:
    return r.window.doc.project.path is None and r.window.doc.project.nodes == []


PATHS: dict[str, tuple[Trigger, Check, bool]] = {
    "close the window": (lambda r, m: r.window.close(), window_closed, False),
    "File > Quit": (lambda r, m: r.window.act.quit.trigger(), window_closed, False),
    "File > New": (lambda r, m: r.window.act.new.trigger(), new_is_open, False),
    "start page: New": (lambda r, m: r.window.start_page.newRequested.emit(), new_is_open, False),
    "File > Open": (lambda r, m: open_in_dialog(r, r.other), other_is_open, False),
    "start page: Open": (lambda r, m: (setattr(r.window.files, "ask_open_path", lambda: r.other),
                                       r.window.start_page.openRequested.emit()), other_is_open, False),
    "a file dropped on the window": (lambda r, m: drop(r.window, [r.other]), other_is_open, True),
    "File > Open Recent": (lambda r, m: open_from_menu_recent(r), other_is_open, False),
    "start page: a recent file": (lambda r, m: r.window.start_page.recentRequested.emit(r.other), other_is_open,
                                  False),
    "File > Examples (the gallery)": (lambda r, m: (pick_in_gallery(m, EXAMPLE), r.window.act.examples.trigger()),
                                      example_is_open, False),
    "start page: an example": (lambda r, m: r.window.start_page.exampleRequested.emit(str(EXAMPLE)),
                               example_is_open, False),
    "File > Open of an ONNX model": (lambda r, m: open_in_dialog(r, r.model), model_is_open, False),
    "an ONNX model dropped on the window": (lambda r, m: drop(r.window, [r.model]), model_is_open, True),
}


def take(r: Rig, monkeypatch, name: str, qtbot) -> None:
    trigger, _went_on, later = PATHS[name]
    trigger(r, monkeypatch)
    if later:       # a drop opens once the drop event has returned (QTimer.singleShot(0))
        qtbot.waitUntil(lambda: len(r.asked) == 1, timeout=TIMEOUT)


@pytest.mark.parametrize("name", list(PATHS))
def test_cancel_asks_once_and_keeps_the_edited_document(rig, monkeypatch, qtbot, name):
    r = rig
    before, title = project_to_dict(r.window.doc.project), r.window.windowTitle()
    r.answer = Button.Cancel
    take(r, monkeypatch, name, qtbot)
    assert r.asked == ["mine.json"]
    assert project_to_dict(r.window.doc.project) == before and r.window.doc.project.path == r.path
    assert r.window.files.is_modified() and r.window.windowTitle() == title
    assert r.window.isVisible() and not PATHS[name][1](r)
    assert r.boxes == [] and r.reverts == []
    assert len(load_project(r.path).nodes) == 2          # nothing was written either


@pytest.mark.parametrize("name", list(PATHS))
def test_discard_asks_once_and_goes_on(rig, monkeypatch, qtbot, name):
    r = rig
    r.answer = Button.Discard
    take(r, monkeypatch, name, qtbot)
    assert r.asked == ["mine.json"]
    assert PATHS[name][1](r), f"{name} did not go on after Discard"
    assert len(load_project(r.path).nodes) == 2          # the edit was dropped, not saved
    assert r.boxes == [] and r.reverts == []


@pytest.mark.parametrize("name", list(PATHS))
def test_save_asks_once_saves_the_edits_and_goes_on(rig, monkeypatch, qtbot, name):
    r = rig
    r.answer = Button.Save
    take(r, monkeypatch, name, qtbot)
    assert r.asked == ["mine.json"]
    assert len(load_project(r.path).nodes) == 3          # the added neuron is in the file
    assert PATHS[name][1](r), f"{name} did not go on after Save"
    assert r.boxes == [] and r.reverts == []


def test_revert_asks_its_own_question_and_cancel_keeps_the_edits(rig):
    r = rig
    before = project_to_dict(r.window.doc.project)
    r.revert_answer = False
    r.window.act.revert.trigger()
    assert r.reverts == ["mine.json"] and r.asked == []
    assert project_to_dict(r.window.doc.project) == before and r.window.files.is_modified()
    r.revert_answer = True
    r.window.act.revert.trigger()
    assert r.reverts == ["mine.json", "mine.json"] and r.asked == []
    assert len(r.window.doc.project.nodes) == 2 and not r.window.files.is_modified()
    assert not r.window.act.revert.isEnabled()          # nothing left to revert: no third question


@pytest.mark.parametrize("bad", ["broken.json", "broken.onnx"])
@pytest.mark.parametrize("how", ["File > Open", "dropped"])
def test_a_file_that_cannot_be_opened_asks_nothing_and_keeps_the_project(rig, qtbot, tmp_path, bad, how):
    r = rig
    before = project_to_dict(r.window.doc.project)
    path = tmp_path / bad
    path.write_bytes(b"{ not a project" if bad.endswith(".json") else b"not a model")
    if how == "File > Open":
        open_in_dialog(r, str(path))
    else:
        assert drop(r.window, [str(path)])
    qtbot.waitUntil(lambda: len(r.boxes) == 1, timeout=TIMEOUT)
    assert r.boxes[0][0] == "critical" and bad in r.boxes[0][1]
    assert r.asked == [] and project_to_dict(r.window.doc.project) == before and r.window.files.is_modified()


def test_an_unmodified_project_is_dropped_without_asking(rig, monkeypatch, qtbot):
    r = rig
    r.window.stack.undo()                               # back to the state saved on disk
    assert not r.window.files.is_modified()
    r.window.files.ask_open_path = lambda: r.other
    r.window.act.open.trigger()
    assert other_is_open(r) and r.asked == []
