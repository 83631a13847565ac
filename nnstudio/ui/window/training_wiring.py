"""Live training in the main window: the five panel docks and the Convolution panel's, the status-bar
readout, the Train actions' enabled states, and the editing lock while a run is under way.

The window owns a TrainingController; this module connects it to the panels, the canvas and the
Train actions. It is handed what it works on (the document, the undo stack, the controller, the
actions, a parent for its docks) and asks the window through signals: the status bar's messages,
leaving the start page, locking the editing widgets during a run, bringing Problems forward.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from nnstudio.project.document import Document, Event
from nnstudio.ui.canvas.live import LiveCanvas, SampleBar
from nnstudio.ui.panels.activations import ActivationsPanel
from nnstudio.ui.panels.boundary import BoundaryPanel
from nnstudio.ui.panels.convolution import ConvolutionPanel
from nnstudio.ui.panels.evaluation import EvaluationPanel
from nnstudio.ui.panels.loss import LossPanel
from nnstudio.ui.panels.weights import WeightsPanel
from nnstudio.ui.training.controller import STRUCTURAL, TrainingController
from nnstudio.ui.training.health_view import MESSAGE_MS, HealthView
from nnstudio.ui.training.preview import Preview
from nnstudio.ui.training.status import TrainingStatus

if TYPE_CHECKING:
    from nnstudio.ui.window.actions import Actions
    from nnstudio.ui.canvas.view import CanvasView
    from nnstudio.ui.panels.problems import ProblemsPanel

# Shown through LiveViews.tr().
LOCK_NOTICE = QT_TRANSLATE_NOOP("LiveViews", "Pause or stop training to edit the network")
PANELS = ((QT_TRANSLATE_NOOP("LiveViews", "Loss"), "lossDock", LossPanel),
          (QT_TRANSLATE_NOOP("LiveViews", "Weights"), "weightsDock", WeightsPanel),
          (QT_TRANSLATE_NOOP("LiveViews", "Activations"), "activationsDock", ActivationsPanel),
          (QT_TRANSLATE_NOOP("LiveViews", "Decision boundary"), "boundaryDock", BoundaryPanel),
          (QT_TRANSLATE_NOOP("LiveViews", "Evaluation"), "evaluationDock", EvaluationPanel))


class LiveViews(QObject):
    """Creates the panel docks at construction (the window places them with its own docks) and
    wires them and the Train actions in `wire()` (after the window's own wiring). The window
    shows `notice` and `status` in its status bar. `on_start_page()` tells whether the start
    page is showing (there is no network to train then)."""

    statusMessage = Signal(str, int)    # text for the status bar, and for how many ms
    canvasWanted = Signal()             # training is watched on the canvas: leave the start page
    editingLocked = Signal(bool)        # a run is under way (True) or not: lock the editing widgets
    problemsWanted = Signal()           # a training finding was announced: Problems to the front

    def __init__(self, doc: Document, stack: QUndoStack, training: TrainingController, actions: Actions,
                 parent: QWidget, on_start_page: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.doc, self.stack, self.training, self.actions = doc, stack, training, actions
        self.on_start_page = on_start_page
        self._closed = False
        self.panels: dict[str, QWidget] = {}
        self.docks: list[QDockWidget] = []
        self._dock_of: dict[str, QDockWidget] = {}
        for title, name, cls in PANELS:
            panel = cls()
            self.panels[name.removesuffix("Dock")] = panel
            dock = QDockWidget(self.tr(title), parent)
            dock.setObjectName(name)            # saveState/restoreState find docks by object name
            dock.setWidget(panel)
            self.docks.append(dock)
            self._dock_of[name.removesuffix("Dock")] = dock
        self.loss.compare.set_name_source(lambda: doc.project.meta.get("name") or "")   # a kept curve's label
        # The Convolution panel follows the document itself (the current weights, one sample).
        self.panels["convolution"] = ConvolutionPanel(doc)
        dock = QDockWidget(self.tr("Convolution"), parent)
        dock.setObjectName("convolutionDock")
        dock.setWidget(self.panels["convolution"])
        self.docks.append(dock)
        self._dock_of["convolution"] = dock
        self._probed_sample = 0         # the chosen sample the probes were last asked for
        self.status = TrainingStatus()
        self.notice = QLabel(self.tr(LOCK_NOTICE))
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

    def dock(self, name: str) -> QDockWidget:
        """The dock of the live panel `name` ("loss", "weights", "activations", "boundary",
        "evaluation" or "convolution"); KeyError for another name."""
        return self._dock_of[name]

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

    @property
    def convolution(self) -> ConvolutionPanel:
        return self.panels["convolution"]

    def place_docks(self, host: QMainWindow, backprop_dock: QDockWidget) -> None:
        """The bottom area of `host`, under the canvas: the training panels Loss, Weights,
        Activations, Evaluation, Backprop and Convolution as one tab group (Loss in front). Six short
        titles fit a 1280-pixel window without being cut; the decision boundary, Problems and Undo history go
        to the side columns (MainWindow._build_docks). Each tab is added next to the one before:
        tabifying onto the first leaves stray tab bars on Qt 6.11."""
        tabs = [self._dock_of[name] for name in ("loss", "weights", "activations", "evaluation")]
        tabs += [backprop_dock, self._dock_of["convolution"]]
        host.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, tabs[0])
        for before, dock in zip(tabs, tabs[1:]):
            host.tabifyDockWidget(before, dock)
        tabs[0].raise_()

    # --- wiring ---------------------------------------------------------------------------------
    def wire(self, canvas: CanvasView, problems: ProblemsPanel) -> None:
        """Follow the run on `canvas`; training findings are listed in `problems`."""
        a, c = self.actions, self.training
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
        self.health = HealthView(self.doc, c, self.activations, problems, self._announce)   # saturation gating too
        c.add_view(self.health.update_snapshot)
        for panel in self.panels.values():
            c.add_view(panel.update_snapshot)
        self.canvas = canvas
        self.canvas_live = LiveCanvas(canvas)
        self.sample_bar = SampleBar(self.canvas_live)
        c.add_view(self.canvas_live.show)
        # Between runs the same views show the document's own weights (a reopened trained project,
        # an edit, an undo); the loss curve and the status bar belong to runs only.
        self.preview = Preview(self.doc, c, self.parent())
        self.preview.add_view(self.health.update_snapshot, self.health.forget_probe)
        self._previewed = (self.weights, self.activations, self.boundary, self.evaluation)
        for panel in self._previewed:
            self.preview.add_view(panel.update_snapshot, panel.reset)
        self.preview.add_view(self.canvas_live.show, self.canvas_live.clear)
        # After createUndoAction's own connection, so a running run keeps Undo/Redo off.
        self.stack.canUndoChanged.connect(self._keep_undo_locked)
        self.stack.canRedoChanged.connect(self._keep_undo_locked)
        canvas.selectionChangedIds.connect(self.show_node)
        # One chosen sample for the canvas, the probes' feature maps and gates, and the Convolution panel.
        self.canvas_live.changed.connect(self._follow_sample)
        self.convolution.sampleChosen.connect(self._choose_sample)
        self._dock_of["convolution"].visibilityChanged.connect(self.convolution.dock_visible)
        for dock in self.docks:
            dock.visibilityChanged.connect(self._update_wants)
        self._unsubscribe = self.doc.subscribe(self._on_event)
        self.apply_state(c.state)
        self.show_project()

    def detach(self) -> None:
        """The window is closing: stop following the document and the widgets being torn down."""
        self._closed = True
        self._unsubscribe()
        self.convolution.detach()
        self.health.detach()
        self.preview.detach()

    def _show_message(self, text: str) -> None:
        if not self._closed:
            self.statusMessage.emit(text, 8000)

    def _announce(self, headline: str) -> None:
        """A training finding: the status bar has room for a few words beside its readouts;
        Problems has the rest, so it comes in front of its tab group (Undo history)."""
        self.statusMessage.emit(headline, MESSAGE_MS)
        self.problemsWanted.emit()

    def pausing(self, action: Callable[..., object], resume: bool = False) -> Callable[..., object]:
        """`action` run after pausing training, so the weights are in the document before it is
        saved, or before a "save changes?" question and another project replace it. `resume`:
        carry on training afterwards (saving need not stop a run)."""
        def run(*args: object) -> object:
            training = self.training
            was_running = training.is_running()
            training.pause_and_wait()
            try:
                return action(*args)
            finally:
                if resume and was_running:
                    training.train()
        return run

    def _on_canvas(self, method: Callable[[], None]) -> None:
        self.canvasWanted.emit()           # leave the start page: training is watched on the canvas
        method()

    # --- what the views show --------------------------------------------------------------------
    def show_project(self, same_network: bool = False) -> None:
        """Forget the last run's pictures and show the document's saved history. `same_network`:
        only the history changed (an undone run, reset weights), and the preview (which follows
        the document itself) replaces the network's pictures: they are not blanked meanwhile."""
        history = self.doc.project.history
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
        nodes = {n.id: n for n in self.doc.project.nodes}
        node = nodes.get(node_ids[0]) if len(node_ids) == 1 else None
        if node is None:
            self.activations.set_node(None)
        else:
            self.activations.set_node(node.id, node.label or node.id, node.config.get("activation"))
        self.convolution.select_node(None if node is None else node.id)

    def _follow_sample(self) -> None:
        """The canvas's chosen sample changed (or a probe came): the probes carry its feature maps
        and gates from now on, and the Convolution panel explains it."""
        sample = self.canvas_live.sample
        if self._closed or sample == self._probed_sample:
            return
        self._probed_sample = sample
        self.training.set_wants(self._wants_matrices(), True, sample)
        self.preview.set_sample(sample)
        self.convolution.set_sample(sample)

    def _choose_sample(self, index: int) -> None:
        """A sample chosen in the Convolution panel: the canvas follows when its probe covers it."""
        if not self._closed and 0 <= index < self.canvas_live.sample_count():
            self.canvas_live.set_sample(index)

    def _update_wants(self, _visible: bool = True) -> None:
        """Skip building matrices and probes for views nobody can see (a tab behind another)."""
        if self._closed:
            return
        shown = {name: dock.isVisible() for name, dock in zip(self.panels, self.docks)}
        # The canvas (always in view) shows node outputs, so probes are always wanted.
        self.training.set_wants(shown["weights"] or bool(self.doc.expanded()), True)

    def _wants_matrices(self) -> bool:
        """The Weights panel shows them, or the canvas draws an expanded layer's W."""
        return self._dock_of["weights"].isVisible() or bool(self.doc.expanded())

    def _on_event(self, event: Event) -> None:
        if event.kind == "view_changed":        # layers expanded or collapsed: the canvas was rebuilt
            self._update_wants()
            self.canvas_live.apply()
            return
        writing = self.training.is_writing()
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
            self.show_node(*self.canvas.selected_ids())    # a new name or activation

    # --- the lock while running -----------------------------------------------------------------
    def apply_state(self, state: str) -> None:
        a = self.actions
        running, paused = state == "running", state == "paused"
        ready = not running and not self.on_start_page()     # the start page has no network to train
        a.train.setEnabled(ready)
        a.train.setIconText(self.tr("Continue") if paused else self.tr("Train"))
        a.pause.setEnabled(running)
        a.step.setEnabled(ready)
        a.step_epoch.setEnabled(ready)
        a.stop.setEnabled(state != "idle")
        a.reset_weights.setEnabled(ready)
        self.editingLocked.emit(running)      # the canvas, palette, inspector, history, Edit actions
        self.notice.setVisible(running)
        self._lock_undo()

    def _keep_undo_locked(self, _can: bool) -> None:
        if not self._closed and self.training.is_running():
            self._lock_undo()

    def _lock_undo(self) -> None:
        running = self.training.is_running()
        self.actions.undo.setEnabled(not running and self.stack.canUndo())
        self.actions.redo.setEnabled(not running and self.stack.canRedo())
