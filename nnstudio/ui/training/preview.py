"""The live views follow the document while no run is under way: a network shows itself at once.

Opening a project, or any edit or undo that changes what the network outputs (weights, the
architecture, the data, the history whose normaliser scales the inputs), refreshes the probe
views from the document's current weights: evaluation, decision boundary, neuron maps,
activations and the weight heatmap. Nothing needs to train first.

A burst of edits is followed by one preview, `DELAY_MS` after the last. While a run is under way
its snapshots win: the preview waits, and catches up once the run pauses or ends if the
document changed meanwhile. The run's own write-back (its weights, already shown) is ignored.

The forward passes run off the window's thread (ui.background.Background), on a copy of the
project: in the GUI thread a preview of digits_mlp (1,000 of its 1,797 samples) took 33 ms median
and overfitting_moons (a 60×60 boundary through two 64-unit layers) 58 ms, 80-140 ms at worst,
plus 15-60 ms for the views; the window stalled for all of it. The views now get the result one
per pass of the event loop, as the training controller hands them a run's snapshots: the longest
stall measured is one view's drawing (~30 ms on a loaded machine).
"""
from __future__ import annotations

import time
import traceback
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from nnstudio.project.document import Document, Event
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import Project
from nnstudio.training.preview import preview_snapshot
from nnstudio.ui.background import Background
from nnstudio.ui.panels.editors import follow_document
from nnstudio.ui.training.controller import STRUCTURAL, TrainingController

DELAY_MS = 150
# What changes a network's outputs or how the views name them. Positions and meta do not; the
# history does (a trained project's inputs are scaled with the normaliser its training stored),
# and LiveViews.show_project clears the panels when it changes.
REFRESHING = STRUCTURAL | {"node_changed", "training_changed", "history_changed"}

Update = Callable[[LiveSnapshot], None]
Clear = Callable[[], None]


class Preview(QObject):
    """Feeds the registered views a "preview" LiveSnapshot of the document as it stands."""

    shown = Signal(object)     # every view has the snapshot, or None (the project cannot run)

    def __init__(self, doc: Document, training: TrainingController, parent: QObject | None = None,
                 delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.doc, self.training = doc, training
        self._views: list[tuple[Update, Clear]] = []
        self._waiting = False           # the document changed while a run was under way
        # Only the latest preview asked for is delivered; a newer one, or cancel(), drops the rest.
        self._worker = Background(self._on_computed, "nnstudio-preview", self)
        self._queue: list[tuple[Update, Clear]] = []    # views still to get `last`
        self.last: LiveSnapshot | None = None
        self.cost = 0.0                 # seconds the latest preview took to compute
        self.sample = 0                 # the chosen sample: its feature maps and gates are probed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._delay = delay_ms
        self._timer.timeout.connect(self.refresh_now)
        self._next_view = QTimer(self)
        self._next_view.setSingleShot(True)
        self._next_view.setInterval(0)
        self._next_view.timeout.connect(self._deliver)
        self._unsubscribe: Callable[[], None] | None = follow_document(doc, self._on_event)
        training.stateChanged.connect(self._on_state)
        app = QCoreApplication.instance()
        if app is not None:     # quitting without closing the window: no thread may outlive Qt
            app.aboutToQuit.connect(self.detach)

    def add_view(self, update: Update, clear: Clear) -> None:
        """`update(snapshot)` gets each preview; `clear()` is called when the project cannot run
        (it does not validate, or its data cannot be read): the view shows its waiting text."""
        self._views.append((update, clear))

    def set_sample(self, index: int) -> None:
        """Probe the feature maps and gates of probed sample `index` (the canvas's chosen sample):
        a network that has any is previewed again; others need no new preview."""
        index = max(int(index), 0)
        if index == self.sample:
            return
        self.sample = index
        probe = self.last.probe if self.last is not None else None
        if probe is not None and probe.insides and probe.sample != index:
            self.schedule(0)

    def schedule(self, delay_ms: int | None = None) -> None:
        """Refresh once the current burst of edits has been quiet for the delay."""
        if self._unsubscribe is not None:
            self._timer.start(self._delay if delay_ms is None else delay_ms)

    def is_busy(self) -> bool:
        """True while a preview is asked for, being computed or handed to the views."""
        return self._timer.isActive() or self._worker.is_busy() or bool(self._queue)

    def detach(self) -> None:
        """Stop following the document and wait for a preview being computed (the window closes)."""
        self._timer.stop()
        self._next_view.stop()
        self._queue = []
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._worker.join()

    def refresh_now(self) -> None:
        """Compute the preview of the document as it is now, unless a run is under way."""
        self._timer.stop()
        if self._unsubscribe is None:
            return
        if self.training.is_running():
            self._waiting = True
            return
        self._waiting = False
        # A copy made here, in the GUI thread: the document may change while the thread works.
        project = self.doc.project.copy()
        sample = self.sample
        self._worker.run(lambda: _timed_preview(project, sample))

    def _on_computed(self, result: tuple[LiveSnapshot | None, float]) -> None:
        """The latest preview asked for is in (older ones were dropped by the worker)."""
        if self._unsubscribe is None:
            return
        if self.training.is_running():
            return                      # a run started meanwhile: its snapshots win
        snap, self.cost = result
        self.last = snap
        self._queue = list(self._views)
        self._next_view.start()

    def _deliver(self) -> None:
        """The next view gets the latest preview, one per pass of the event loop."""
        if not self._queue:
            return
        update, clear = self._queue.pop(0)
        snap = self.last
        try:
            update(snap) if snap is not None else clear()
        except Exception:   # one broken view must not starve the others
            traceback.print_exc()
        if self._queue:
            self._next_view.start()
        else:
            self.shown.emit(snap)

    # --- following the document and the runs --------------------------------------------------
    def _on_event(self, event: Event) -> None:
        if event.kind not in REFRESHING or self.training.is_writing():
            return      # the run's write-back: its last snapshot already shows these weights
        self._worker.cancel()           # a preview under way no longer shows the document
        self._queue = []                # nor does the one being handed out (another project?)
        if self.training.is_running():
            self._waiting = True
        else:
            # Another project is not a burst of edits: show it as soon as it is drawn.
            self.schedule(0 if event.kind == "reset" else None)

    def _on_state(self, state: str) -> None:
        if state == "running":
            # The run trains the document as it is: its snapshots show it from now on, and a
            # preview still being computed is dropped when it comes in.
            self._timer.stop()
            self._next_view.stop()
            self._queue, self._waiting = [], False
            self._worker.cancel()
        elif self._waiting:
            self.schedule()


def _timed_preview(project: Project, sample: int = 0) -> tuple[LiveSnapshot | None, float]:
    """In the worker thread: the preview and the seconds it took (forward passes only)."""
    t0 = time.perf_counter()
    try:
        snap = preview_snapshot(project, sample)
    except Exception:   # a bug in a probe must not break editing: the views just wait
        traceback.print_exc()
        snap = None
    return snap, time.perf_counter() - t0
