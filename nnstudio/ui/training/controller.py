"""The training controller: owns the worker thread and turns its snapshots into document edits.

It starts a worker on a copy of the document's project (a ProcessWorker, which relays an engine
process; a TrainingWorker in the window's process when NNSTUDIO_TRAINING=thread), forwards
commands, and passes the snapshots on to the views. When a run pauses or ends, the trained
weights and the new epochs go into the document as ONE undo step ("Train epochs A–B"): the
document is marked modified and Undo brings back the weights from before. A paused run is kept
for Continue while the document still matches it (`fingerprint`: architecture, weights, data);
training settings reach it live, and so do the pace (steps a second, "auto" or "full") and
"train until stopped", which are the window's settings rather than the project's.
"""
from __future__ import annotations

import copy
import sys
import time
import traceback
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Qt, Signal
from PySide6.QtGui import QUndoStack

from nnstudio.project import registry
from nnstudio.project.document import Document, Event
from nnstudio.training.engine_process import POOL
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import History
from nnstudio.training.pace import FULL, Pace, check_pace
from nnstudio.ui.commands.edits import Compound, SetData, SetEdgeWeight, SetHistory, SetNodeParams
from nnstudio.ui.gc_thread import collect_garbage_in_gui_thread
from nnstudio.ui.training.epoch_log import EpochLog
from nnstudio.ui.training.process_worker import ProcessWorker
from nnstudio.ui.training.writeback import (changed_message, end_message, fingerprint, joined, paused_message,
                                            same_values, start_failed_message, train_text)
from nnstudio.ui.training.worker import THREADS, TrainingWorker, WorkerSignals, in_process_wanted
from nnstudio.ui.wording import error_text

ENDED = ("finished", "stopped", "diverged")
# Events that change what a run trains (architecture, weights, data), as opposed to positions,
# labels, meta, history or training settings.
STRUCTURAL = {"node_added", "node_removed", "node_params_changed", "edge_added", "edge_removed",
              "edge_changed", "io_changed", "data_changed", "reset"}
STOP_MS = 1000          # how long discarding a run waits for its stop before abandoning it
JOIN_MS = 5000          # ... and then for the thread to end (a thread still loading data)
SWITCH_INTERVAL = 0.001  # s: the GUI thread waits at most this long for the GIL (default 5 ms)
_ORPHANS: list[tuple[WorkerSignals, QThread]] = []    # threads still loading data at shutdown


class TrainingController(QObject):
    """Train/continue, pause, step, stop and reset weights for one document and undo stack."""

    snapshot = Signal(object)      # LiveSnapshot, for the views
    stateChanged = Signal(str)     # idle | running | paused
    message = Signal(str)          # a sentence for the status bar

    def __init__(self, doc: Document, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self._state = "idle"
        self._thread: QThread | None = None
        self._worker: ProcessWorker | TrainingWorker | None = None
        self._fingerprint: bytes | None = None     # the document the paused run matches
        self._unsaved = EpochLog()                 # epochs reported since the last write-back
        self._steps_saved = 0                      # worker steps at the last write-back
        self._session_start: int | None = None     # epoch the user's run began at
        self._writing = False                      # our own write-back is changing the document
        self._closed = False
        self._stopping = False                     # stop asked; the worker has not finished yet
        self._queued: str | None = None            # a command to start once it has
        self._wants = (True, True, 0)         # (matrices, probe, the chosen sample)
        self._wants_gradients = False              # snapshots carry each edge's ∂L/∂w
        self._pace: Pace = FULL                    # full speed unless the window says otherwise
        self._until_stopped = False
        self._graveyard: list[tuple[WorkerSignals, QThread]] = []
        # Views get each snapshot one at a time, one per pass of the event loop (see _deliver).
        self._views: list[Callable[[LiveSnapshot], None]] = []
        self._rounds: list[tuple[LiveSnapshot, list[Callable[[LiveSnapshot], None]], float]] = []
        self._next_view = QTimer(self)
        self._next_view.setSingleShot(True)
        self._next_view.setInterval(0)
        self._next_view.setTimerType(Qt.TimerType.PreciseTimer)
        self._next_view.timeout.connect(self._deliver)
        self.last_snapshot: LiveSnapshot | None = None
        self._unsubscribe = doc.subscribe(self._on_event)
        collect_garbage_in_gui_thread()     # the workers' threads run Python: see gc_thread

    # --- state ----------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    def is_running(self) -> bool:
        return self._state == "running"

    def is_writing(self) -> bool:
        """True while the controller's own write-back changes the document."""
        return self._writing

    @property
    def worker(self) -> ProcessWorker | TrainingWorker | None:
        return self._worker

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    # --- commands -------------------------------------------------------------------------------
    def train(self) -> None:
        """F5: start a run, or continue the paused one."""
        self._go("run")

    def step_batch(self) -> None:
        """F10: train one batch, then pause."""
        self._go("step_batch")

    def step_epoch(self) -> None:
        """Shift+F10: train to the end of the epoch, then pause."""
        self._go("step_epoch")

    def pause(self) -> None:
        if self._state == "running" and self._worker is not None:
            self._worker.command("pause")

    def stop(self) -> None:
        """Shift+F5: end the run; trained weights go into the document."""
        if self._worker is not None and self._state != "idle":
            self._stopping = True
            self._worker.command("stop")

    def pause_and_wait(self, timeout_ms: int = 3000) -> None:
        """Pause and return once the weights are in the document (closing, opening another file)."""
        if self._state != "running":
            return
        self.pause()
        deadline = time.monotonic() + timeout_ms / 1000
        while self._state == "running" and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 20)

    def update_settings(self) -> None:
        """Hand the document's training settings to the worker (they apply at the next batch)."""
        if self._worker is not None:
            self._worker.update_settings(self.doc.project.training)

    def set_pace(self, pace: Pace) -> None:
        """Steps a second, "auto" or "full": for the run under way at once, and for later runs."""
        self._pace = check_pace(pace)
        if self._worker is not None:
            self._worker.set_pace(self._pace)

    @property
    def pace(self) -> Pace:
        return self._pace

    def set_until_stopped(self, endless: bool) -> None:
        """Train past the epochs until paused or stopped (Train ▸ Train until stopped)."""
        self._until_stopped = bool(endless)
        if self._worker is not None:
            self._worker.set_until_stopped(self._until_stopped)

    @property
    def until_stopped(self) -> bool:
        return self._until_stopped

    def add_view(self, update: Callable[[LiveSnapshot], None]) -> None:
        """Have `update(snapshot)` called with every snapshot, after `snapshot` is emitted.

        Views are called one per pass of the event loop, each after the previous one has been
        drawn: a timer fires only once Qt's posted events (repaints) are done, so the loop never
        stays busy for more than one view's drawing. The worker waits for the last view before it
        carries on (see TrainingSession.ack)."""
        self._views.append(update)

    def set_wants(self, matrices: bool, probe: bool, sample: int | None = None) -> None:
        """Whether the run's snapshots carry weight matrices and probes; `sample` (None: as it
        was): the probed sample whose feature maps and gates the probes carry."""
        self._wants = (matrices, probe, self._wants[2] if sample is None else int(sample))
        if self._worker is not None:
            self._worker.set_wants(*self._wants, self._wants_gradients)

    def set_wants_gradients(self, wanted: bool) -> None:
        """Whether the run's snapshots carry each edge's ∂L/∂w (View ▸ Colour Edges by Gradient)."""
        self._wants_gradients = bool(wanted)
        self.set_wants(*self._wants[:2])

    def reset_weights(self) -> bool:
        """Re-initialise every weight from the seed as ONE undo step (and clear the history, whose
        epochs belonged to the old weights). Ends a paused run. False while running."""
        if self._state == "running":
            return False
        self._discard()
        doc, project = self.doc, self.doc.project
        compound = Compound(self.tr("Reset weights"))
        for node in project.nodes:
            if node.params:
                compound.add(SetNodeParams(doc, node.id, {}))
        neurons = {n.id for n in project.nodes if registry.kind(n.kind).weighted_inputs}
        for edge in project.edges:
            if edge.target in neurons and edge.weight is not None:
                compound.add(SetEdgeWeight(doc, edge.id, None, merge=False))
        if project.history.epoch:
            compound.add(SetHistory(doc, History()))
        if not compound.steps:
            self.message.emit(self.tr("The weights are already at their initial values."))
            return False
        self.stack.push(compound)
        self.message.emit(self.tr("Weights re-initialised from the seed; Undo brings the trained ones back."))
        return True

    def prepare(self) -> None:
        """Start an engine process ahead of the first run, so that F5 need not wait ~0.5 s for
        one to import NumPy. Runs share the process, one after another."""
        if not self._closed and not in_process_wanted():
            try:
                POOL.prestart()
            except OSError as exc:      # the run will say so, with the fallback, if it recurs
                self.message.emit(start_failed_message(exc))

    def shutdown(self) -> None:
        """Stop the run without writing back and join its thread (the window is closing)."""
        self._closed = True
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._discard()
        self._set_state("idle")

    # --- running the worker ---------------------------------------------------------------------
    def _go(self, command: str) -> None:
        if self._closed:
            return
        if self._stopping:
            self._queued = command          # starts when the stopping run has written back
            return
        if self._state == "running":
            return
        if self._state == "paused" and self._worker is not None:
            if fingerprint(self.doc.project) == self._fingerprint:
                self._worker.command(command)
                self._set_state("running")
                return
            # The network, its weights or the data changed while paused: train what is there now,
            # still counting the epochs toward the same end.
            start = self._session_start
            self._discard()
            self._session_start = start
        self._start(command)

    def _start(self, command: str) -> None:
        project = self.doc.project
        if self._session_start is None:
            self._session_start = len(project.history.epoch)
        self._fingerprint = fingerprint(project)
        self._unsaved, self._steps_saved = EpochLog(), 0
        in_process = in_process_wanted()
        worker_class = TrainingWorker if in_process else ProcessWorker
        worker = worker_class(project.copy(), command, self._session_start, self._pace, self._until_stopped)
        worker.set_wants(*self._wants, self._wants_gradients)
        thread = QThread()
        thread.setObjectName("nnstudio-training")
        # The worker stays a GUI-thread object and `start` runs in the new thread (a direct
        # connection): moving it there and back would need Qt's object locks from the worker
        # thread, which PySide takes holding the GIL (a deadlock with the GUI thread, seen).
        thread.started.connect(worker.start, Qt.ConnectionType.DirectConnection)
        worker.snapshot.connect(self._on_snapshot)
        worker.failed.connect(self._on_failed)
        worker.done.connect(self._on_done)
        self._worker, self._thread = worker, thread
        THREADS.add(thread)
        if in_process:
            # Small NumPy steps hold the GIL; a short switch interval keeps the window's waits short.
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        thread.start()
        self._set_state("running")

    def _discard(self) -> None:
        """Stop the current worker, wait for its thread and forget it (no write-back)."""
        worker, thread = self._worker, self._thread
        self._worker = self._thread = None
        self._session_start, self._stopping, self._queued = None, False, None
        self._rounds.clear()            # its snapshots no longer concern the views
        if worker is None:
            return
        worker.command("stop")
        if thread is not None and not thread.wait(STOP_MS):
            worker.abandon()            # an engine process is killed; a thread can only be waited for
        if thread is not None and not thread.wait(JOIN_MS):
            # Still loading data: keep it referenced so Qt never destroys a running thread.
            _ORPHANS.append((worker, thread))
        else:
            # Signals it posted before finishing are still queued for us; `sender()` must stay
            # valid until they are delivered (and ignored), so it is dropped after them.
            self._graveyard.append((worker, thread))
            QTimer.singleShot(0, self._bury)
        if self._state != "idle":
            self._set_state("idle")

    def _bury(self) -> None:
        self._graveyard.clear()

    def _is_current(self) -> bool:
        return self.sender() is self._worker and self._worker is not None and not self._closed

    def _on_snapshot(self, snap: LiveSnapshot) -> None:
        if not self._is_current():
            return
        self._rounds.append((snap, list(self._views), time.perf_counter()))
        if not self._next_view.isActive():
            self._next_view.start()
        self._unsaved.extend(snap.new_history)
        self.last_snapshot = snap
        self.snapshot.emit(snap)
        if snap.status == "paused":
            self._write_back(snap)
            self._set_state("paused")
            self.message.emit(paused_message(snap))
        elif snap.status in ENDED:
            self._write_back(snap)
            self._session_start = None
            self.message.emit(end_message(snap))

    def _deliver(self) -> None:
        """The next view gets the oldest snapshot; once all have, the worker may send another."""
        if not self._rounds:
            return
        snap, views, since = self._rounds[0]
        if views:
            view = views.pop(0)
            try:
                view(snap)
            except Exception:   # one broken view must not starve the others or stall training
                traceback.print_exc()
            self._next_view.start()
            return
        self._rounds.pop(0)
        if self._worker is not None and not self._rounds:
            self._worker.ack(time.perf_counter() - since)
        if self._rounds:
            self._next_view.start()

    def _on_failed(self, text: str) -> None:
        if self._is_current():
            self.message.emit(error_text(text, self.doc.project))     # the controls' names, not key paths

    def _on_done(self) -> None:
        if self.sender() is not self._worker:
            return
        thread, queued = self._thread, self._queued
        if thread is not None:
            thread.wait()            # quit was asked by the worker itself; this returns at once
        self._worker = self._thread = None
        self._session_start, self._stopping, self._queued = None, False, None
        self._set_state("idle")
        if queued is not None:
            self._go(queued)

    # --- the document ---------------------------------------------------------------------------
    def _write_back(self, snap: LiveSnapshot) -> None:
        """Trained weights and new epochs into the document as one undo step, if it still holds
        the network this run trains."""
        doc, project = self.doc, self.doc.project
        if fingerprint(project) != self._fingerprint:
            if len(self._unsaved) or snap.step != self._steps_saved:
                self.message.emit(changed_message())
            self._unsaved = EpochLog()
            return
        unsaved = self._unsaved.history()
        compound = Compound(train_text(unsaved, snap.step - self._steps_saved, snap.epoch))
        for node in project.nodes:
            new = snap.node_params.get(node.id)
            if new is None:
                continue
            old = node.params
            if set(new) != set(old) or not all(same_values(old[k], new[k]) for k in new):
                compound.add(SetNodeParams(doc, node.id, new))
        for edge in project.edges:
            if edge.id in snap.edge_weights and not same_values(edge.weight, snap.edge_weights[edge.id]):
                compound.add(SetEdgeWeight(doc, edge.id, snap.edge_weights[edge.id], merge=False))
        if unsaved.epoch:
            compound.add(SetHistory(doc, joined(project.history, unsaved)))
        if snap.has_normalizer and snap.normalizer != project.data.normalizer:
            data = copy.deepcopy(project.data)      # predictions must scale inputs as training did
            data.normalizer = snap.normalizer
            compound.add(SetData(doc, data, text=self.tr("Store the input normaliser")))
        self._unsaved, self._steps_saved = EpochLog(), snap.step
        if compound.steps:
            self._writing = True
            try:
                self.stack.push(compound)
            finally:
                self._writing = False
        self._fingerprint = fingerprint(project)

    def _on_event(self, event: Event) -> None:
        if self._writing or self._closed:
            return
        if event.kind == "training_changed":
            self.update_settings()
        elif event.kind == "reset":
            self._discard()              # another project: this run's weights belong to the old one
        elif event.kind in STRUCTURAL and self._state == "running":
            # The window locks editing while running; anything that still gets through (a script,
            # an undo) pauses the run, and the write-back sees the mismatch and keeps out.
            self.pause()
