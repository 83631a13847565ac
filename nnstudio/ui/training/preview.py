"""The live views follow the document while no run is under way: a network shows itself at once.

Opening a project, or any edit or undo that changes what the network outputs (weights, the
architecture, the data, the history whose normaliser scales the inputs), refreshes the probe
views from the document's current weights: evaluation, decision boundary, neuron maps,
activations and the weight heatmap. Nothing needs to train first.

A burst of edits is followed by one preview, `DELAY_MS` after the last. While a run is under way
its snapshots win: the preview waits, and catches up once the run pauses or ends if the
document changed meanwhile. The run's own write-back (its weights, already shown) is ignored.

A preview of the largest example (digits_mlp, 1,797 samples, 64-32-10) takes ~15 ms (12-24 ms
measured), so it is computed in the GUI thread; `cost` keeps the latest time for checks.
"""
from __future__ import annotations

import time
import traceback
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from nnstudio.project.document import Document, Event
from nnstudio.project.live import LiveSnapshot
from nnstudio.project.preview import preview_snapshot
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

    shown = Signal(object)     # the snapshot the views were given, or None (the project cannot run)

    def __init__(self, doc: Document, training: TrainingController, parent: QObject | None = None,
                 delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.doc, self.training = doc, training
        self._views: list[tuple[Update, Clear]] = []
        self._waiting = False           # the document changed while a run was under way
        self.last: LiveSnapshot | None = None
        self.cost = 0.0                 # seconds the latest preview took to compute
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh_now)
        self._unsubscribe: Callable[[], None] | None = follow_document(doc, self._on_event)
        training.stateChanged.connect(self._on_state)

    def add_view(self, update: Update, clear: Clear) -> None:
        """`update(snapshot)` gets each preview; `clear()` is called when the project cannot run
        (it does not validate, or its data cannot be read): the view shows its waiting text."""
        self._views.append((update, clear))

    def schedule(self) -> None:
        """Refresh once the current burst of edits has been quiet for the delay."""
        if self._unsubscribe is not None:
            self._timer.start()

    def detach(self) -> None:
        """Stop following the document (the window is closing)."""
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def refresh_now(self) -> None:
        """Compute the preview and hand it to every view, unless a run is under way."""
        self._timer.stop()
        if self._unsubscribe is None:
            return
        if self.training.is_running():
            self._waiting = True
            return
        self._waiting = False
        t0 = time.perf_counter()
        try:
            snap = preview_snapshot(self.doc.project)
        except Exception:   # a bug in a probe must not break editing: the views just wait
            traceback.print_exc()
            snap = None
        self.cost = time.perf_counter() - t0
        self.last = snap
        for update, clear in self._views:
            try:
                update(snap) if snap is not None else clear()
            except Exception:   # one broken view must not starve the others
                traceback.print_exc()
        self.shown.emit(snap)

    def _on_event(self, event: Event) -> None:
        if event.kind not in REFRESHING or self.training.is_writing():
            return      # the run's write-back: its last snapshot already shows these weights
        if self.training.is_running():
            self._waiting = True
        else:
            self.schedule()

    def _on_state(self, state: str) -> None:
        if state == "running":
            self._timer.stop()          # the run trains the edited network: its snapshots show it
        elif self._waiting:
            self.schedule()
