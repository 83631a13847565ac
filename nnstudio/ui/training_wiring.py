"""Live training in the main window: the five panel docks, the status-bar readout, the Train
actions' enabled states, and the editing lock while a run is under way.

The window owns a TrainingController (`window.training`); this module connects it to everything
else, so main_window.py only has to create a `LiveViews` and list its docks.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from nnstudio.project.document import Event
from nnstudio.ui.canvas.live import LiveCanvas, SampleBar
from nnstudio.ui.panels.activations import ActivationsPanel
from nnstudio.ui.panels.boundary import BoundaryPanel
from nnstudio.ui.panels.evaluation import EvaluationPanel
from nnstudio.ui.panels.loss import LossPanel
from nnstudio.ui.panels.weights import WeightsPanel
from nnstudio.ui.training.controller import STRUCTURAL
from nnstudio.ui.training.health_view import HealthView
from nnstudio.ui.training.preview import Preview
from nnstudio.ui.training.status import TrainingStatus

if TYPE_CHECKING:
    from nnstudio.ui.main_window import MainWindow

LOCK_NOTICE = "Pause or stop training to edit the network"
PANELS = (("Loss", "lossDock", LossPanel), ("Weights", "weightsDock", WeightsPanel),
          ("Activations", "activationsDock", ActivationsPanel), ("Decision boundary", "boundaryDock", BoundaryPanel),
          ("Evaluation", "evaluationDock", EvaluationPanel))
SELECTION_TAB, DATA_TAB = 0, 2      # the inspector tabs that edit the network or its data


class LiveViews:
    """Creates the panel docks at construction (the window places them with its own docks) and
    wires them, the status bar and the Train actions in `wire()` (after the window's own wiring)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._closed = False
        self.panels: dict[str, QWidget] = {}
        self.docks: list[QDockWidget] = []
        self._dock_of: dict[str, QDockWidget] = {}
        for title, name, cls in PANELS:
            panel = cls()
            self.panels[name.removesuffix("Dock")] = panel
            dock = QDockWidget(title, window)
            dock.setObjectName(name)            # saveState/restoreState find docks by object name
            dock.setWidget(panel)
            self.docks.append(dock)
            self._dock_of[name.removesuffix("Dock")] = dock
        self.status = TrainingStatus()
        self.notice = QLabel(LOCK_NOTICE)
        self.notice.setStyleSheet("color: #b45309; font-weight: 600; padding: 0 8px;")
        self.notice.hide()

    @property
    def loss(self) -> LossPanel:
        return self.panels["loss"]

    @property
    def loss_dock(self) -> QDockWidget:
        """The first of the training panels' tab group."""
        return self._dock_of["loss"]

    @property
    def boundary_dock(self) -> QDockWidget:
        return self._dock_of["boundary"]

    @property
    def weights(self) -> WeightsPanel:
        return self.panels["weights"]

    @property
    def activations(self) -> ActivationsPanel:
        return self.panels["activations"]

    @property
    def boundary(self) -> BoundaryPanel:
        return self.panels["boundary"]

    @property
    def evaluation(self) -> EvaluationPanel:
        return self.panels["evaluation"]

    def place_docks(self) -> None:
        """The bottom area, under the canvas: the training panels Loss, Weights, Activations,
        Evaluation and Backprop as one tab group (Loss in front). Five short titles fit a 1280-pixel
        window without being cut; the decision boundary, Problems and Undo history go to the side
        columns (main_window._build_docks). Each tab is added next to the one before: tabifying
        onto the first leaves stray tab bars on Qt 6.11."""
        w = self.window
        loss, weights, activations, _boundary, evaluation = self.docks
        tabs = [loss, weights, activations, evaluation, w.backprop_dock]
        w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, loss)
        for before, dock in zip(tabs, tabs[1:]):
            w.tabifyDockWidget(before, dock)
        loss.raise_()

    # --- wiring ---------------------------------------------------------------------------------
    def wire(self) -> None:
        w, a, c = self.window, self.window.act, self.window.training
        bar = w.statusBar()
        bar.addPermanentWidget(self.notice)
        bar.addPermanentWidget(self.status)
        a.train.triggered.connect(lambda: self._on_canvas(c.train))
        a.pause.triggered.connect(c.pause)
        a.step.triggered.connect(lambda: self._on_canvas(c.step_batch))
        a.step_epoch.triggered.connect(lambda: self._on_canvas(c.step_epoch))
        a.stop.triggered.connect(c.stop)
        a.reset_weights.triggered.connect(c.reset_weights)
        c.stateChanged.connect(self.apply_state)
        c.message.connect(self._show_message)
        c.snapshot.connect(self.status.update_snapshot)
        # Health first: it tells the Activations panel whether the loss is high before it draws.
        self.health = HealthView(w, self.activations)     # status bar, Problems, saturation gating
        c.add_view(self.health.update_snapshot)
        for panel in self.panels.values():
            c.add_view(panel.update_snapshot)
        self.canvas_live = LiveCanvas(w.canvas)
        self.sample_bar = SampleBar(self.canvas_live)
        w.backprop.show_values = self.canvas_live.show_walk
        w.backprop_dock.visibilityChanged.connect(w.backprop.dock_visible)
        c.add_view(self.canvas_live.show)
        # Between runs the same views show the document's own weights (a reopened trained project,
        # an edit, an undo); the loss curve and the status bar belong to runs only.
        self.preview = Preview(w.doc, c, w)
        self.preview.add_view(self.health.update_snapshot, self.health.forget_probe)
        self._previewed = (self.weights, self.activations, self.boundary, self.evaluation)
        for panel in self._previewed:
            self.preview.add_view(panel.update_snapshot, panel.reset)
        self.preview.add_view(self.canvas_live.show, self.canvas_live.clear)
        # After createUndoAction's own connection, so a running run keeps Undo/Redo off.
        w.stack.canUndoChanged.connect(self._keep_undo_locked)
        w.stack.canRedoChanged.connect(self._keep_undo_locked)
        w.canvas.selectionChangedIds.connect(self.show_node)
        w.pages.currentChanged.connect(lambda _index: self.apply_state(c.state))
        for dock in self.docks:
            dock.visibilityChanged.connect(self._update_wants)
        self._unsubscribe = w.doc.subscribe(self._on_event)
        self.apply_state(c.state)
        self.show_project()

    def detach(self) -> None:
        """The window is closing: stop following the document and the widgets being torn down."""
        self._closed = True
        self._unsubscribe()
        self.health.detach()
        self.preview.detach()

    def _show_message(self, text: str) -> None:
        if not self._closed:
            self.window.statusBar().showMessage(text, 8000)

    def pausing(self, action: Callable[..., object], resume: bool = False) -> Callable[..., object]:
        """`action` run after pausing training, so the weights are in the document before it is
        saved, or before a "save changes?" question and another project replace it. `resume`:
        carry on training afterwards (saving need not stop a run)."""
        def run(*args: object) -> object:
            training = self.window.training
            was_running = training.is_running()
            training.pause_and_wait()
            try:
                return action(*args)
            finally:
                if resume and was_running:
                    training.train()
        return run

    def _on_canvas(self, method: Callable[[], None]) -> None:
        self.window.show_canvas()          # leave the start page: training is watched on the canvas
        method()

    # --- what the views show --------------------------------------------------------------------
    def show_project(self, same_network: bool = False) -> None:
        """Forget the last run's pictures and show the document's saved history. `same_network`:
        only the history changed (an undone run, reset weights), and the preview (which follows
        the document itself) replaces the network's pictures: they are not blanked meanwhile."""
        history = self.window.doc.project.history
        for panel in self.panels.values():
            if same_network and any(panel is p for p in self._previewed):
                continue
            panel.reset()
            panel.show_history(history)
        self.status.reset()

    def show_node(self, node_ids: list[str], _edge_ids: list[str] = ()) -> None:
        """The Activations panel follows a single selected node."""
        if self._closed:
            return
        nodes = {n.id: n for n in self.window.doc.project.nodes}
        node = nodes.get(node_ids[0]) if len(node_ids) == 1 else None
        if node is None:
            self.activations.set_node(None)
        else:
            self.activations.set_node(node.id, node.label or node.id, node.config.get("activation"))

    def _update_wants(self, _visible: bool = True) -> None:
        """Skip building matrices and probes for views nobody can see (a tab behind another)."""
        if self._closed:
            return
        shown = {name: dock.isVisible() for name, dock in zip(self.panels, self.docks)}
        # The canvas (always in view) shows node outputs, so probes are always wanted.
        self.window.training.set_wants(shown["weights"], True)

    def _on_event(self, event: Event) -> None:
        writing = self.window.training.is_writing()
        if event.kind == "reset" or (event.kind == "history_changed" and not writing):
            # Another project, or the same one with an undone run or reset weights.
            self.show_project(same_network=event.kind != "reset")
        if event.kind == "reset" and self.canvas_live.is_showing():
            self.canvas_live.clear()   # another project: the old one's outputs must not linger
        elif event.kind in STRUCTURAL and not writing:
            # The run's edge colours no longer describe this network; its outputs and maps stay
            # until the preview (scheduled by the same event) replaces or clears them.
            self.canvas_live.restore_edges()
        if event.kind == "node_changed":
            self.show_node(*self.window.canvas.selected_ids())    # a new name or activation

    # --- the lock while running -----------------------------------------------------------------
    def apply_state(self, state: str) -> None:
        w, a = self.window, self.window.act
        running, paused = state == "running", state == "paused"
        ready = not running and not w.on_start_page()     # the start page has no network to train
        a.train.setEnabled(ready)
        a.train.setIconText("Continue" if paused else "Train")
        a.pause.setEnabled(running)
        a.step.setEnabled(ready)
        a.step_epoch.setEnabled(ready)
        a.stop.setEnabled(state != "idle")
        a.reset_weights.setEnabled(ready)
        w.canvas.setInteractive(not running)
        w.canvas.setAcceptDrops(not running)
        w.palette.setEnabled(not running)
        tabs = w.inspector.tabs
        for index in (SELECTION_TAB, DATA_TAB):
            tabs.setTabEnabled(index, not running)
        if running and tabs.currentIndex() in (SELECTION_TAB, DATA_TAB):
            w.inspector.show_tab("training")
        w.history.setEnabled(not running)
        w.backprop.set_editable(not running)
        self.notice.setVisible(running)
        if running:
            # The orange notice says it; the same words as a passing message were cut short at
            # 1280 px by the readout beside them.
            for act in (a.cut, a.paste, a.duplicate, a.delete, a.fully_connect, a.arrange):
                act.setEnabled(False)
        else:
            a.arrange.setEnabled(True)
            w.refresh_edit_actions()
        self._lock_undo()

    def _keep_undo_locked(self, _can: bool) -> None:
        if not self._closed and self.window.training.is_running():
            self._lock_undo()

    def _lock_undo(self) -> None:
        w = self.window
        running = w.training.is_running()
        w.act.undo.setEnabled(not running and w.stack.canUndo())
        w.act.redo.setEnabled(not running and w.stack.canRedo())
