"""Files: save/open round trip, the unsaved-changes prompt, recent files, errors, revert, drops."""
from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from nnstudio.project import editing
from nnstudio.project.io import load_project, project_to_dict, save_project
from nnstudio.project.model import Project
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.window.files import MAX_RECENT
from nnstudio.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton
EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "xor_5_hidden.json")


@pytest.fixture(autouse=True)
def shown_boxes(monkeypatch, tmp_path):
    """Message boxes are recorded, not shown (a modal box would hang an offscreen test)."""
    shown: list[tuple[str, str]] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append((_n, a[2])) or Button.Ok)
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env-settings.ini"))
    return shown


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.asked: list[int] = []
    w.answer = Button.Discard

    def ask() -> Button:
        w.asked.append(1)
        return w.answer
    w.ask_save_changes = ask
    w.files.ask_save_path = lambda: None      # tests that save set a path
    qtbot.addWidget(w)
    yield w
    w.answer = Button.Discard


def project_file(tmp_path, name="net.json", nodes=2) -> str:
    project = Project(meta={"name": name, "description": ""})
    for k in range(nodes):
        project.nodes.append(editing.new_node(project, "neuron", (100.0 * k, 0.0)))
    path = str(tmp_path / name)
    save_project(project, path)
    return path


def edit(w: MainWindow) -> None:
    w.stack.push(AddNode(w.doc, editing.new_node(w.doc.project, "neuron", (5.0, 5.0))))


def same(a: Project, b: Project) -> bool:
    return project_to_dict(a) == project_to_dict(b)


def test_save_then_open_gives_back_an_equal_document(window, tmp_path):
    assert window.files.open_path(EXAMPLE)
    edit(window)
    window.doc.set_node_label(window.doc.project.nodes[0].id, "renamed")
    before = project_to_dict(window.doc.project)
    target = str(tmp_path / "copy.json")
    window.files.ask_save_path = lambda: target
    assert window.files.save_as()
    assert window.doc.project.path == os.path.abspath(target)
    assert project_to_dict(load_project(target)) == before
    window.files.new_project()
    assert window.doc.project.nodes == []
    assert window.files.open_path(target)
    assert project_to_dict(window.doc.project) == before


def test_title_shows_the_file_name_and_a_star_until_saved(window, tmp_path):
    path = project_file(tmp_path)
    window.files.open_path(path)
    assert window.windowTitle() == "net.json[*] — nnstudio"
    assert not window.isWindowModified()
    edit(window)
    assert window.isWindowModified()
    assert window.act.revert.isEnabled()
    assert window.files.save()
    assert not window.isWindowModified()
    assert len(load_project(path).nodes) == 3


def test_failed_save_says_why_and_stays_modified(window, tmp_path, shown_boxes):
    edit(window)
    window.files.ask_save_path = lambda: str(tmp_path / "no such folder" / "x.json")
    assert not window.files.save()
    assert shown_boxes and shown_boxes[-1][0] == "critical" and "cannot be written" in shown_boxes[-1][1]
    assert window.isWindowModified() and window.doc.project.path is None


def test_cancel_keeps_the_window_open_and_the_document(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    edit(window)
    before = project_to_dict(window.doc.project)
    window.answer = Button.Cancel
    assert window.close() is False
    assert window.isVisible() and window.asked == [1]
    assert project_to_dict(window.doc.project) == before and window.isWindowModified()
    for command in (window.files.new_project, lambda: window.files.open_path(EXAMPLE),
                    lambda: window.files.open_example(EXAMPLE)):
        assert command() is False
        assert project_to_dict(window.doc.project) == before


def test_discard_closes(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    edit(window)
    window.answer = Button.Discard
    assert window.close() is True
    assert not window.isVisible()


def test_save_in_the_prompt_saves(window, qtbot, tmp_path):
    path = project_file(tmp_path)
    window.files.open_path(path)
    edit(window)
    window.answer = Button.Save
    assert window.close() is True
    assert len(load_project(path).nodes) == 3


def test_save_in_the_prompt_of_an_untitled_project_can_still_be_cancelled(window, tmp_path):
    edit(window)
    window.answer = Button.Save
    window.files.ask_save_path = lambda: None          # the user closes the Save As dialog
    assert window.close() is False
    target = str(tmp_path / "kept.json")
    window.files.ask_save_path = lambda: target
    assert window.files.new_project()
    assert os.path.exists(target) and window.doc.project.nodes == []


def test_unmodified_projects_are_dropped_without_asking(window, tmp_path):
    window.files.open_path(project_file(tmp_path))
    window.files.new_project()
    window.files.open_example(EXAMPLE)
    assert window.asked == []


def test_recent_files_are_updated_capped_and_pruned(window, tmp_path, shown_boxes):
    paths = [project_file(tmp_path, f"p{k}.json", nodes=1) for k in range(MAX_RECENT + 2)]
    for path in paths:
        assert window.files.open_path(path)
    recent = window.files.recent_files()
    assert recent == [os.path.abspath(p) for p in reversed(paths)][:MAX_RECENT]
    window.files.open_path(paths[5])                    # reopening moves it to the top, once
    recent = window.files.recent_files()
    assert recent[0] == os.path.abspath(paths[5]) and len(recent) == len(set(recent)) == MAX_RECENT
    assert [b.toolTip() for b in window.start_page.recent_buttons] == recent
    # The list survives in the settings file.
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert again.value("recentFiles") == recent
    # A file that has gone is removed, with a message.
    os.remove(paths[5])
    window.start_page.recent_buttons[0].click()
    assert shown_boxes[-1][0] == "warning" and "no longer exists" in shown_boxes[-1][1]
    assert os.path.abspath(paths[5]) not in window.files.recent_files()
    # The start page's list opens what it shows.
    window.start_page.recent_buttons[0].click()
    assert window.doc.project.path == window.files.recent_files()[0]
    window.update_recent_menu()
    assert len([a for a in window.recent_menu.actions() if a.statusTip()]) == MAX_RECENT - 1


def test_a_broken_file_shows_an_error_and_keeps_the_project(window, tmp_path, shown_boxes):
    window.files.open_path(project_file(tmp_path))
    edit(window)
    before, title = project_to_dict(window.doc.project), window.windowTitle()
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "nnstudio.project", "version": 1, "nodes": [{"id": "a"}]}))
    assert window.files.open_path(str(broken)) is False
    # The box names the place in the window's words, not the file's key path.
    assert shown_boxes[-1][0] == "critical" and "broken.json: Node 1 › Kind: is missing" in shown_boxes[-1][1]
    assert "nodes[0]" not in shown_boxes[-1][1]
    assert project_to_dict(window.doc.project) == before and window.windowTitle() == title
    assert window.isWindowModified() and window.asked == []
    (tmp_path / "not.json").write_text("{ nope")
    assert window.files.open_path(str(tmp_path / "not.json")) is False
    assert "not valid JSON" in shown_boxes[-1][1]
    assert str(broken) not in window.files.recent_files()


def test_revert_reloads_from_disk_after_confirmation(window, tmp_path):
    path = project_file(tmp_path)
    window.files.open_path(path)
    edit(window)
    window.files.ask_revert = lambda: False
    assert not window.files.revert() and len(window.doc.project.nodes) == 3
    window.files.ask_revert = lambda: True
    assert window.files.revert()
    assert same(window.doc.project, load_project(path)) and not window.isWindowModified()
    assert not window.act.undo.isEnabled()


def test_save_as_keeps_a_relative_data_path_pointing_at_the_same_file(window, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    project = load_project(project_file(tmp_path / "a", nodes=1))
    project.data.source = {"kind": "csv", "path": "data.csv", "input_columns": ["x"], "target_columns": ["y"]}
    save_project(project, project.path)
    window.files.open_path(project.path)
    window.files.ask_save_path = lambda: str(tmp_path / "b" / "moved.json")
    assert window.files.save_as()
    assert load_project(tmp_path / "b" / "moved.json").data.source["path"] == "../a/data.csv"
    assert window.doc.project.data.source["path"] == "../a/data.csv"


def test_saving_an_example_copies_its_data_beside_the_project(window, tmp_path):
    """The iris example reads iris.csv from inside the installed package; saved elsewhere, it
    gets its own copy, so reinstalling nnstudio cannot break it."""
    shipped = os.path.join(os.path.dirname(EXAMPLE), "iris.csv")
    assert window.files.open_example(os.path.join(os.path.dirname(EXAMPLE), "iris_csv.json"))
    assert os.path.isabs(window.doc.project.data.source["path"])
    window.files.ask_save_path = lambda: str(tmp_path / "mine.json")
    assert window.files.save_as()
    assert (tmp_path / "iris.csv").read_bytes() == open(shipped, "rb").read()
    saved = load_project(tmp_path / "mine.json")
    assert saved.data.source["path"] == "iris.csv" and window.doc.project.data.source["path"] == "iris.csv"
    assert "copied beside it: iris.csv" in window.statusBar().currentMessage()
    # Saved again in a folder whose iris.csv is another file: that one is kept, the copy numbered.
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "iris.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert window.files.open_example(os.path.join(os.path.dirname(EXAMPLE), "iris_csv.json"))
    window.files.ask_save_path = lambda: str(tmp_path / "other" / "again.json")
    assert window.files.save_as()
    assert (tmp_path / "other" / "iris.csv").read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert load_project(tmp_path / "other" / "again.json").data.source["path"] == "iris (2).csv"
    assert (tmp_path / "other" / "iris (2).csv").read_bytes() == open(shipped, "rb").read()
    # A project saved next to its own data is left alone.
    assert window.files.save_as()
    assert not (tmp_path / "other" / "iris (3).csv").exists()


def _drop_urls(target, urls: list[QUrl]) -> bool:
    """Drag `urls` over `target` and drop them, as Qt delivers a drag from a file manager: events
    that `target` ignores travel up to its parents."""
    data = QMimeData()
    data.setUrls(urls)
    pos = target.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def test_dropping_a_json_file_opens_it(window, qtbot, tmp_path):
    path = project_file(tmp_path, "dropped.json")
    (tmp_path / "notes.txt").write_text("hello")
    assert not _drop_urls(window, [QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert _drop_urls(window.start_page.viewport(), [QUrl.fromLocalFile(path)])
    qtbot.waitUntil(lambda: window.doc.project.path == os.path.abspath(path), timeout=2000)
    assert window.windowTitle().startswith("dropped.json")
    assert window.pages.currentWidget() is window.canvas
    # Dropped on the canvas, which takes only palette entries, a file still reaches the window.
    other = project_file(tmp_path, "other.json")
    assert _drop_urls(window.canvas.viewport(), [QUrl.fromLocalFile(other)])
    qtbot.waitUntil(lambda: window.doc.project.path == os.path.abspath(other), timeout=2000)
    assert len(window.doc.project.nodes) == 2
