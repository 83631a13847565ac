"""The main window: the canvas (or the start page) in the middle, palette, inspector, problems,
undo history and the live training panels in docks, menus, a toolbar and a status bar.

It owns one Document and one QUndoStack for its whole life: opening a project replaces the
document's project and empties the stack (see files.py). The widgets it hosts follow the
document's events themselves; this module only wires them together.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import (QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent,
                           QGuiApplication, QResizeEvent, QShowEvent, QUndoStack)
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QStackedWidget, QUndoView, QWidget

from nnstudio.project.document import Document, Event
from nnstudio.project.model import Project
from nnstudio.ui import mime
from nnstudio.ui.canvas.view import CanvasView
from nnstudio.ui.dialogs.examples_dialog import ExamplesDialog
from nnstudio.ui.dialogs.import_dialog import ask_and_import
from nnstudio.ui.dialogs.start_page import StartPage
from nnstudio.ui.panels.backprop import BackpropPanel
from nnstudio.ui.panels.dataset import DatasetPanel
from nnstudio.ui.panels.inspector import Inspector
from nnstudio.ui.panels.lesson import LessonDock
from nnstudio.ui.panels.palette import Palette
from nnstudio.ui.panels.problems import ProblemsPanel
from nnstudio.ui.training import TrainingController
from nnstudio.ui.user_settings import default_settings
from nnstudio.ui.window.actions import ShortcutsDialog, build_actions, show_about, show_format_doc
from nnstudio.ui.window.autosave import Autosaver
from nnstudio.ui.window.bars import build_menus, build_toolbar, counts_text, fill_recent_menu
from nnstudio.ui.window.boundary_enlarge import BoundaryEnlarger
from nnstudio.ui.window.convert_actions import ConvertActions
from nnstudio.ui.window.docks import DefaultLayout
from nnstudio.ui.window.expand_actions import ExpandActions
from nnstudio.ui.window.exports import Exports
from nnstudio.ui.window.files import FileManager, project_paths
from nnstudio.ui.window.gradient_colouring import GradientColouring
from nnstudio.ui.window.language_menu import LanguageMenu
from nnstudio.ui.window.text_fields import edit_focused_text
from nnstudio.ui.window.training_wiring import LiveViews

STATE_VERSION = 5          # bump when the docks change so an old saved layout is not applied
DEFAULT_SIZE = (1280, 800)  # the smallest screen the layout is made for (it also works at 1920×1080)
# The engine process starts once the window is up, so that the first F5 does not wait for it.
PREPARE_TRAINING_MS = 300
GEOMETRY_KEY, STATE_KEY = "window/geometry", "window/state"
Button = QMessageBox.StandardButton
Area = Qt.DockWidgetArea


class MainWindow(QMainWindow):
    """One project window. `settings` defaults to `default_settings()`."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else default_settings()
        self.doc = Document(Project())
        self.stack = QUndoStack(self)
        # A lambda: tests replace the window's ask_save_changes after the window is made.
        self.files = FileManager(self.doc, self.stack, self.settings, self, lambda: self.ask_save_changes())
        self.training = TrainingController(self.doc, self.stack, self)
        self.act = build_actions(self, self.stack)
        self.autosaver = Autosaver(self.files, self.stack, self.settings, self, self.act.autosave_every)
        self._closed = False
        self._hidden_docks: list[QDockWidget] | None = None    # docks put away for the start page

        self.canvas = CanvasView(self.doc, self.stack)
        self.start_page = StartPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.canvas)
        self.setCentralWidget(self.pages)

        self.palette = Palette()
        self.inspector = Inspector(self.doc, self.stack)
        self.problems = ProblemsPanel(self.doc)
        self.history = QUndoView(self.stack)
        self.history.setEmptyLabel(self.tr("(as opened)"))
        self.live = LiveViews(self.doc, self.stack, self.training, self.act, self, self.on_start_page)
        self.dataset = DatasetPanel(self.doc)
        self.backprop = BackpropPanel(self.doc, self.stack, self.canvas.select_ids)
        self.resize(*DEFAULT_SIZE)
        self._build_docks()
        self.boundary_enlarger = BoundaryEnlarger(self, self.live.boundary_dock, self.live.boundary.enlarge_button)
        self.exports = Exports(self)     # File ▸ Export
        self.recent_menu, self.view_menu = build_menus(self)
        self.recent_menu.aboutToShow.connect(self.update_recent_menu)
        self.toolbar, self.speed = build_toolbar(self)
        self.counts = QLabel()
        self.counts.setContentsMargins(16, 0, 0, 0)    # apart from a passing message that fills the bar
        self.statusBar().addPermanentWidget(self.counts)
        self._wire()
        self._wire_live()
        self.converting = ConvertActions(self)      # Edit ▸ Convert to Neurons, Group into Layer
        self.expanding = ExpandActions(self)        # View ▸ Expand Layer, Collapse Layer
        self.gradient_edges = GradientColouring(self)   # View ▸ Colour Edges by Gradient
        self.language = LanguageMenu(self)               # View ▸ Language (applied at the next start)
        self.setAcceptDrops(True)
        self.restore_settings()
        self.start_page.set_recent(self.files.recent_files())
        self._update_title()
        self._update_counts()
        self._selection_changed([], [])
        self.show_start_page()
        self.lesson = LessonDock(self)      # the open lesson example's text, beside the canvas
        QTimer.singleShot(PREPARE_TRAINING_MS, self.training.prepare)

    # --- building -------------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Area | None = None) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)        # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        if area is not None:
            self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        # Side docks run the full height; the bottom area sits under the canvas only and holds the
        # training panels (LiveViews.place_docks). Fewer tabs per group, so no title is cut at
        # 1280×800: Problems and Undo history under the palette, the decision boundary and the
        # Dataset under the inspector, where the boundary gets a square-ish plot as in Playground.
        left, right = Area.LeftDockWidgetArea, Area.RightDockWidgetArea
        self.setCorner(Qt.Corner.BottomLeftCorner, left)
        self.setCorner(Qt.Corner.BottomRightCorner, right)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.palette_dock = self._dock(self.tr("Palette"), "paletteDock", self.palette, left)
        self.inspector_dock = self._dock(self.tr("Inspector"), "inspectorDock", self.inspector, right)
        self.problems_dock = self._dock(self.tr("Problems"), "problemsDock", self.problems, left)
        self.history_dock = self._dock(self.tr("Undo history"), "historyDock", self.history, left)
        self.backprop_dock = self._dock(self.tr("Backprop"), "backpropDock", self.backprop)
        self.live.place_docks(self, self.backprop_dock)
        self.dataset_dock = self._dock(self.tr("Dataset"), "datasetDock", self.dataset)
        self.addDockWidget(right, self.live.boundary_dock, Qt.Orientation.Vertical)
        self.addDockWidget(right, self.dataset_dock, Qt.Orientation.Vertical)
        self.default_layout = DefaultLayout(self, (self.palette_dock, self.problems_dock, self.history_dock),
                                            (self.inspector_dock, self.live.boundary_dock, self.dataset_dock),
                                            self.live.loss_dock)

    def _finish_layout(self) -> None:
        self.default_layout.finish(self.isVisible() and not self.on_start_page())

    def _wire(self) -> None:
        a, files, canvas, paused = self.act, self.files, self.canvas, self.live.pausing
        # Whatever replaces the project first pauses training, so its weights can be saved.
        a.new.triggered.connect(paused(files.new_project))
        a.open.triggered.connect(paused(files.open_dialog))
        a.examples.triggered.connect(paused(self.open_examples_dialog))
        a.import_data.triggered.connect(paused(lambda *_: ask_and_import(self)))
        self.inspector.data_tab.import_requested.connect(a.import_data.trigger)   # the Data tab's Import file…
        a.save.triggered.connect(paused(files.save, resume=True))
        a.save_as.triggered.connect(paused(files.save_as, resume=True))
        a.revert.triggered.connect(paused(files.revert))
        a.quit.triggered.connect(self.close)
        for name in ("cut", "copy", "paste", "delete", "select_all"):
            getattr(a, name).triggered.connect(lambda _=False, n=name: self.edit_command(n))
        for act, method in ((a.duplicate, canvas.duplicate_selection), (a.arrange, canvas.arrange),
                            (a.fully_connect, canvas.fully_connect_selection), (a.zoom_in, canvas.zoom_in),
                            (a.zoom_out, canvas.zoom_out), (a.fit, canvas.fit_all)):
            act.triggered.connect(lambda _=False, m=method: self._on_canvas(m))
        a.start_page.triggered.connect(self.show_start_page)
        a.shortcuts.triggered.connect(
            lambda: ShortcutsDialog(self.act, self, [self.boundary_enlarger.action, *self.expanding.actions(),
                                                     *self.backprop.controls.actions()]).exec())
        a.format_doc.triggered.connect(lambda: show_format_doc(self))
        a.about.triggered.connect(lambda: show_about(self))

        canvas.selectionChangedIds.connect(self._selection_changed)
        canvas.partSelected.connect(self.inspector.show_part)      # a drawn unit or weight of an expanded layer
        canvas.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.palette.insertRequested.connect(lambda payload: self._on_canvas(lambda: canvas.insert_kind(payload)))
        self.problems.activated.connect(self.show_problem)

        self.stack.cleanChanged.connect(self._update_title)
        files.changed.connect(self._update_title)
        files.projectInstalled.connect(self.project_installed)
        files.statusMessage.connect(self.statusBar().showMessage)
        files.recentChanged.connect(lambda: self.start_page.set_recent(files.recent_files()))
        self.start_page.newRequested.connect(paused(files.new_project))
        self.start_page.openRequested.connect(paused(files.open_dialog))
        self.start_page.exampleRequested.connect(paused(files.open_example))
        self.start_page.recentRequested.connect(paused(files.open_recent))
        QGuiApplication.clipboard().dataChanged.connect(self._update_paste)
        self._update_paste()
        self._unsubscribe = self.doc.subscribe(self._on_event)

    def _wire_live(self) -> None:
        live, bar = self.live, self.statusBar()
        bar.addPermanentWidget(live.notice)
        bar.addPermanentWidget(live.status)
        live.statusMessage.connect(bar.showMessage)
        live.canvasWanted.connect(self.show_canvas)
        live.editingLocked.connect(self._lock_editing)
        live.problemsWanted.connect(self.problems_dock.raise_)
        live.wire(self.canvas, self.problems)
        self.backprop.show_values = live.canvas_live.show_walk
        self.backprop_dock.visibilityChanged.connect(self.backprop.dock_visible)
        self.pages.currentChanged.connect(lambda _index: live.apply_state(self.training.state))

    # --- pages and canvas -----------------------------------------------------------------------
    def docks(self) -> list[QDockWidget]:
        # Shown again in this order after the start page: the first of a tab group comes to the front.
        return [self.palette_dock, self.inspector_dock, *self.live.docks, self.dataset_dock, self.backprop_dock,
                self.problems_dock, self.history_dock]

    def show_start_page(self) -> None:
        """The start page gets the whole window: the editing docks hide until the canvas returns."""
        if self._hidden_docks is None:
            self._hidden_docks = [d for d in self.docks() if not d.isHidden()]
            for dock in self._hidden_docks:
                dock.hide()
        self.pages.setCurrentWidget(self.start_page)

    def show_canvas(self) -> None:
        self.pages.setCurrentWidget(self.canvas)
        self._restore_docks()

    def _restore_docks(self) -> None:
        for dock in self._hidden_docks or ():
            dock.show()
        self._hidden_docks = None
        self._finish_layout()

    def on_start_page(self) -> bool:
        return self.pages.currentWidget() is self.start_page

    def _on_canvas(self, method) -> None:
        """Run a canvas command, first leaving the start page so its effect can be seen."""
        self.show_canvas()
        method()

    def project_installed(self) -> None:
        """A new, opened or reverted project replaced the old one (FileManager.projectInstalled)."""
        self.show_canvas()
        self.canvas.forget_placement()
        self.inspector.show_selection([], [])
        self._update_counts()
        # Docks coming back with the canvas shrink it: lay out now, so the fit uses the real size.
        self.layout().activate()
        self.canvas.fit_all()
        if not self.doc.project.nodes:
            self.statusBar().showMessage(
                self.tr("Drag nodes from the palette onto the canvas, or double-click one to add it."))

    def show_problem(self, kind: str, ident: str) -> None:
        """Select what a problem is about and bring it into view ('project' shows the settings)."""
        self.show_canvas()
        if kind == "node":
            self.canvas.select_ids([ident])
        elif kind == "edge":
            self.canvas.select_ids([], [ident])
        else:
            self.canvas.select_ids([])
            self.inspector.show_selection([], [])
            self.inspector_dock.show()
            self.inspector_dock.raise_()
            return
        items = self.canvas.scene().selectedItems()
        if items:
            rect = items[0].sceneBoundingRect()
            for item in items[1:]:
                rect = rect.united(item.sceneBoundingRect())
            self.canvas.centerOn(rect.center())

    def edit_command(self, name: str) -> None:
        """cut, copy, paste, delete or select_all: on the focused text field if there is one,
        else on the canvas."""
        if edit_focused_text(name):
            return
        canvas = self.canvas
        self._on_canvas({"cut": canvas.cut_selection, "copy": canvas.copy_selection, "paste": canvas.paste,
                         "delete": canvas.delete_selection, "select_all": canvas.select_all}[name])

    # --- state shown in the chrome --------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        if event.kind in ("node_added", "node_removed", "edge_added", "edge_removed", "reset"):
            self._update_counts()

    def _update_counts(self) -> None:
        self.counts.setText(counts_text(len(self.doc.project.nodes), len(self.doc.project.edges)))

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — nnstudio")
        modified = not self.stack.isClean()
        self.setWindowModified(modified)
        self.act.revert.setEnabled(bool(self.files.path) and modified)

    def _selection_changed(self, node_ids: list, edge_ids: list) -> None:
        self.inspector.show_selection(list(node_ids), list(edge_ids))
        a = self.act
        for act in (a.cut, a.copy, a.duplicate):
            act.setEnabled(bool(node_ids))
        a.delete.setEnabled(bool(node_ids) or bool(edge_ids))
        a.fully_connect.setEnabled(len(node_ids) >= 2)

    def _update_paste(self) -> None:
        data = QGuiApplication.clipboard().mimeData()
        self.act.paste.setEnabled(data is not None and data.hasFormat(mime.FRAGMENT))

    def _lock_editing(self, running: bool) -> None:
        """While a run is under way nothing edits the network or its data (LiveViews.editingLocked)."""
        self.canvas.setInteractive(not running)
        self.canvas.setAcceptDrops(not running)
        self.palette.setEnabled(not running)
        self.inspector.set_editable(not running)
        self.history.setEnabled(not running)
        self.backprop.set_editable(not running)
        a = self.act
        if running:
            # The orange notice says it; the same words as a passing message were cut short at
            # 1280 px by the readout beside them.
            for act in (a.cut, a.paste, a.duplicate, a.delete, a.fully_connect, a.arrange):
                act.setEnabled(False)
        else:
            a.arrange.setEnabled(True)
            self.refresh_edit_actions()

    def refresh_edit_actions(self) -> None:
        """Enable Cut, Copy, Paste, Delete… for the canvas's selection and the clipboard as they
        are now (after a run, which turned them off, ends)."""
        self._selection_changed(*self.canvas.selected_ids())
        self._update_paste()

    def update_recent_menu(self) -> None:
        """List the recent files in File ▸ Open Recent (run as the menu opens)."""
        fill_recent_menu(self.recent_menu, self.files, self.live.pausing(self.files.open_recent))

    # --- dialogs --------------------------------------------------------------------------------
    def ask_save_changes(self) -> Button:
        """Save, Discard or Cancel for the unsaved changes (tests replace this method)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved changes"),
                          self.tr("Save the changes to {name}?").format(name=self.files.display_name()),
                          Button.Save | Button.Discard | Button.Cancel, self)
        box.setInformativeText(self.tr("Your changes will be lost if you don't save them."))
        box.setDefaultButton(Button.Save)
        box.setEscapeButton(Button.Cancel)
        return Button(box.exec())

    def open_examples_dialog(self) -> bool:
        dialog = ExamplesDialog(self)
        if dialog.exec() != ExamplesDialog.DialogCode.Accepted or not dialog.selected_path():
            return False
        return self.files.open_example(dialog.selected_path())

    # --- settings, drops, closing ---------------------------------------------------------------
    def restore_settings(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)
        state = self.settings.value(STATE_KEY)
        # Without a saved layout, the side groups are made and the docks sized when they first
        # appear with the canvas (_finish_layout): sizes set while they are hidden are lost.
        self.default_layout.due = not (isinstance(state, QByteArray) and self.restoreState(state, STATE_VERSION))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._finish_layout()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.default_layout.follow_resize(event.oldSize(), event.size())

    def save_settings(self) -> None:
        self._restore_docks()       # save the editing layout, not the start page's
        self.boundary_enlarger.set_large(False)     # nor a big boundary floating over it
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        if not self.default_layout.due:     # docks never laid out beside the canvas: nothing to keep
            self.settings.setValue(STATE_KEY, self.saveState(STATE_VERSION))
        self.settings.sync()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if project_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = project_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns: a message box inside dropEvent would freeze the drag source.
        QTimer.singleShot(0, lambda: self.live.pausing(self.files.open_path)(paths[0]))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.training.pause_and_wait()      # the trained weights go into the document first
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_settings()
        if not self._closed:
            self._closed = True
            self.autosaver.shutdown()       # saved or discarded: no autosave is left behind
            self.training.shutdown()
            self.live.detach()
            self.dataset.detach()
            self._unsubscribe()
            self.canvas.detach()    # the document must not call into deleted scene items
        event.accept()
