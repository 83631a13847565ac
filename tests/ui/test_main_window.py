"""The main window: layout, actions and shortcuts, wiring, title, settings."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox, QStackedWidget

from nnstudio.project import editing
from nnstudio.project.io import load_project
from nnstudio.project.model import Edge, Project
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.window.actions import ShortcutsDialog, drop_clashes, shortcut_rows
from nnstudio.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch, tmp_path):
    """A modal box would hang an offscreen test: record them instead. Settings stay in tmp_path."""
    shown: list[tuple[str, str]] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append((_n, a[2])) or Button.Ok)
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env-settings.ini"))
    return shown


def ini(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(ini(tmp_path))
    w.ask_save_changes = lambda: Button.Discard     # teardown closes the window without asking
    qtbot.addWidget(w)
    return w


def add_neuron(w: MainWindow, pos=(0.0, 0.0)) -> str:
    node = editing.new_node(w.doc.project, "neuron", pos)
    w.stack.push(AddNode(w.doc, node))
    return node.id


def seqs(action) -> set[str]:
    return {s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()}


def test_layout_docks_pages_and_menus(window):
    assert isinstance(window.centralWidget(), QStackedWidget)
    assert window.pages.indexOf(window.start_page) >= 0 and window.pages.indexOf(window.canvas) >= 0
    assert window.pages.currentWidget() is window.start_page
    areas = {d.objectName(): window.dockWidgetArea(d) for d in window.findChildren(QDockWidget)}
    bottom, left, right = (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea,
                           Qt.DockWidgetArea.RightDockWidgetArea)
    assert areas == {"paletteDock": left, "inspectorDock": right,
                     "problemsDock": left, "historyDock": left, "lossDock": bottom, "weightsDock": bottom,
                     "activationsDock": bottom, "evaluationDock": bottom, "boundaryDock": right, "datasetDock": right,
                     "backpropDock": bottom, "convolutionDock": bottom, "lessonDock": left}
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Train", "Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert "Open Recent" in [a.text().replace("&", "") for a in file_menu.actions()]
    # The start page hides the editing docks; the canvas brings them back.
    assert all(d.isHidden() for d in window.docks())
    window.files.new_project()
    assert window.pages.currentWidget() is window.canvas
    assert not any(d.isHidden() for d in window.docks())
    # The training panels share one tab group under the canvas; Problems and the history share one
    # under the palette, the boundary and the Dataset one under the inspector.
    grouped = {d.objectName() for d in window.tabifiedDockWidgets(window.live.loss_dock)}
    assert grouped == {"weightsDock", "activationsDock", "evaluationDock", "backpropDock", "convolutionDock"}
    assert window.tabifiedDockWidgets(window.problems_dock) == [window.history_dock]
    assert window.tabifiedDockWidgets(window.dataset_dock) == [window.live.boundary_dock]


def test_undo_redo_actions_follow_the_stack(window):
    a = window.act
    assert not a.undo.isEnabled() and not a.redo.isEnabled()
    add_neuron(window)
    assert a.undo.isEnabled() and not a.redo.isEnabled()
    a.undo.trigger()
    assert window.doc.project.nodes == []
    assert not a.undo.isEnabled() and a.redo.isEnabled()
    a.redo.trigger()
    assert len(window.doc.project.nodes) == 1


def test_shortcuts(window):
    a = window.act
    assert seqs(a.train) == {"F5"} and seqs(a.stop) == {"Shift+F5"}
    assert seqs(a.step) == {"F10"} and seqs(a.step_epoch) == {"Shift+F10"}
    assert seqs(a.pause) == {"F6"} and seqs(a.until_stopped) == {"Ctrl+F5"}
    # Idle on a canvas: everything that starts something is available; Pause and Stop wait for a
    # run. (The start page has nothing to train: see test_training.py.)
    window.files.new_project()
    idle = {act.text(): act.isEnabled() for act in a.training()}
    assert idle == {a.train.text(): True, a.pause.text(): False, a.stop.text(): False, a.step.text(): True,
                    a.step_epoch.text(): True, a.reset_weights.text(): True, a.until_stopped.text(): True}
    assert "Ctrl+Z" in seqs(a.undo)
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= seqs(a.redo)
    assert {"Ctrl+=", "Ctrl++"} <= seqs(a.zoom_in) and "Ctrl+-" in seqs(a.zoom_out)
    assert seqs(a.quit) == {"Ctrl+Q"} and seqs(a.duplicate) == {"Ctrl+D"}
    assert seqs(a.fit) == {"Ctrl+0"} and seqs(a.arrange) == {"Ctrl+L"}
    assert "Ctrl+S" in seqs(a.save) and "Ctrl+O" in seqs(a.open) and "Ctrl+N" in seqs(a.new)
    assert "Del" in seqs(a.delete) and "Ctrl+A" in seqs(a.select_all) and "Ctrl+C" in seqs(a.copy)
    # Two actions on one key would make Qt ignore the key ("ambiguous shortcut").
    owners: dict[str, str] = {}
    for act in a.all():
        for key in seqs(act):
            assert key not in owners, f"{key} is used by {owners[key]} and {act.text()}"
            owners[key] = act.text()


def test_a_key_is_never_bound_to_two_actions(window):
    a = window.act
    # On X11, StandardKey.Delete is Del and Ctrl+D; Ctrl+D must stay Duplicate's.
    a.delete.setShortcuts(a.delete.shortcuts() + [QKeySequence("Ctrl+D")])
    drop_clashes(a)
    assert seqs(a.duplicate) == {"Ctrl+D"} and seqs(a.delete) == {"Del"}


def test_shortcuts_dialog_lists_the_keys(window, qtbot):
    rows = dict(shortcut_rows(window.act))
    assert rows["Train / Continue"] == "F5" and rows["Undo"].startswith("Ctrl+Z")
    dialog = ShortcutsDialog(window.act, window, [window.boundary_enlarger.action])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(rows) + 1 + len(ShortcutsDialog.GESTURES)
    shown = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert shown["Large decision boundary"] == "Ctrl+B"
    # No key of the window's own actions is the enlarger's.
    assert "Ctrl+B" not in rows.values()


def test_title_follows_the_undo_stack(window):
    assert window.windowTitle() == "Untitled[*] — nnstudio"
    assert not window.isWindowModified()
    add_neuron(window)
    assert window.isWindowModified()
    window.act.undo.trigger()
    assert not window.isWindowModified()


def test_palette_insert_lands_on_the_canvas(window):
    window.palette.insertRequested.emit({"kind": "neuron"})
    assert window.pages.currentWidget() is window.canvas
    assert [n.kind for n in window.doc.project.nodes] == ["neuron"]
    assert window.counts.text() == "1 node · 0 connections"


def test_problem_activation_selects_and_status_messages_show(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    project = Project()
    project.nodes = [editing.new_node(project, "input", (0, 0))]
    project.nodes.append(editing.new_node(project, "neuron", (200, 0)))
    project.edges = [Edge("e1", project.nodes[0].id, project.nodes[1].id)]
    window.files.install(project)
    neuron = project.nodes[1].id
    window.problems.activated.emit("node", neuron)
    assert window.canvas.selected_ids()[0] == [neuron]
    assert window.act.copy.isEnabled() and window.act.delete.isEnabled()
    window.problems.activated.emit("edge", "e1")
    assert window.canvas.selected_ids() == ([], ["e1"])
    assert window.act.delete.isEnabled() and not window.act.copy.isEnabled()
    window.canvas.statusMessage.emit("cannot connect: cycle")
    assert window.statusBar().currentMessage() == "cannot connect: cycle"


def test_edit_menu_acts_on_the_canvas(window):
    window.files.new_project()
    first = add_neuron(window)
    window.edit_command("select_all")
    assert window.canvas.selected_ids()[0] == [first]
    window.act.duplicate.trigger()
    assert len(window.doc.project.nodes) == 2
    window.edit_command("select_all")
    window.edit_command("delete")
    assert window.doc.project.nodes == []


def test_settings_restore_geometry_and_docks(qtbot, tmp_path):
    first = MainWindow(ini(tmp_path))
    qtbot.addWidget(first)
    first.files.new_project()
    first.show()
    qtbot.waitExposed(first)
    first.resize(710, 530)
    first.history_dock.hide()
    qtbot.waitUntil(lambda: first.size().width() == 710)
    assert first.close()
    assert (tmp_path / "settings.ini").exists()

    second = MainWindow(ini(tmp_path))
    qtbot.addWidget(second)
    second.show_canvas()
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (710, 530)
    assert second.history_dock.isHidden() and not second.problems_dock.isHidden()


def test_settings_saved_from_the_start_page_keep_the_docks(qtbot, tmp_path):
    first = MainWindow(ini(tmp_path))
    qtbot.addWidget(first)
    assert first.on_start_page()
    assert first.close()
    second = MainWindow(ini(tmp_path))
    qtbot.addWidget(second)
    second.show_canvas()
    assert not any(d.isHidden() for d in second.docks())


def test_run_shows_the_start_page_or_opens_the_file(monkeypatch, qapp, tmp_path):
    from nnstudio.ui import app as app_module
    # run() builds its window with the user's settings, whose autosave and log folders it uses.
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "settings.ini"))
    seen: list[tuple[str, bool]] = []

    def fake_exec() -> int:          # instead of the event loop: look at the window, then close it
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                seen.append((w.windowTitle(), w.on_start_page()))
                w.close()
                w.deleteLater()
        return 0
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run() == 0
    example = str(EXAMPLES_DIR / "xnor.json")
    assert app_module.run(example) == 0
    name = load_project(example).meta["name"]
    assert seen == [("Untitled[*] — nnstudio", True), (f"{name} (example)[*] — nnstudio", False)]
    assert qapp.style().name().lower() == "fusion" and not qapp.windowIcon().isNull()
