"""Training workers: QObjects the controller moves to a QThread and `start`s.

Both have the same face: `command`, `update_settings`, `set_wants` and `ack` may be called from
the GUI thread; `snapshot`, `failed` and `done` arrive over queued signals (emitted from the
worker's thread). Neither touches a widget.

- `TrainingWorker` runs the TrainingSession in its own thread, in the window's process. The GIL is
  then shared with the window: tiny networks lose ~20 % of their speed to it. It is the fallback
  when no engine process can be started (`NNSTUDIO_TRAINING=thread` asks for it).
- `ProcessWorker` (ui.training.process_worker) runs it in an engine process and only relays.
"""
from __future__ import annotations

import os
import sys
import weakref

from PySide6.QtCore import QObject, QThread, Signal, Slot

from nnstudio.project.model import Project, TrainingSpec
from nnstudio.training.pace import FULL, Pace
from nnstudio.training.session import TrainingSession

# Every QThread a controller started, and every worker: tests/conftest.py checks none is left running.
THREADS: "weakref.WeakSet[QThread]" = weakref.WeakSet()
WORKERS: "weakref.WeakSet[QObject]" = weakref.WeakSet()


def in_process_wanted() -> bool:
    """Training in the window's own process: asked for (NNSTUDIO_TRAINING=thread), or a frozen
    application, whose executable cannot run `-m nnstudio.training.engine_process`."""
    return (os.environ.get("NNSTUDIO_TRAINING", "").strip().lower() == "thread"
            or bool(getattr(sys, "frozen", False)))


class WorkerSignals(QObject):
    """What both workers report; subclasses define `start` and the commands."""

    snapshot = Signal(object)   # LiveSnapshot
    failed = Signal(str)        # the run could not be built (ProjectError/DataError) or crashed
    done = Signal()             # the worker returned; its thread is quitting

    def _send(self, kind: str, payload: object) -> None:
        if kind == "snapshot":
            self.snapshot.emit(payload)
        elif kind == "failed":
            self.failed.emit(str(payload))

    def _finish(self) -> None:
        """At the end of `start`, in the worker's thread: let the thread quit, tell the controller
        (the worker itself lives in the GUI thread: see TrainingController._start)."""
        QThread.currentThread().quit()
        self.done.emit()


class TrainingWorker(WorkerSignals):
    """Trains `project` (a copy the worker owns) in its QThread, in this process.

    `session_start` is the epoch the user's run began at: the run ends at session_start +
    training.epochs, or goes on `until_stopped`. `pace`: steps a second, "auto" or "full"."""

    def __init__(self, project: Project, command: str = "run", session_start: int | None = None,
                 pace: Pace = FULL, until_stopped: bool = False) -> None:
        super().__init__()
        self.session = TrainingSession(project, command, session_start, self._send, pace=pace,
                                       until_stopped=until_stopped)
        WORKERS.add(self)

    @property
    def run(self):
        """The session's TrainingRun, once built (None before, or if it could not be)."""
        return self.session.run

    def command(self, kind: str) -> None:
        self.session.command(kind)

    def update_settings(self, training: TrainingSpec) -> None:
        self.session.update_settings(training)

    def set_wants(self, matrices: bool, probe: bool, sample: int = 0, gradients: bool = False) -> None:
        self.session.set_wants(matrices, probe, sample, gradients)

    def ack(self, cost: float = 0.0) -> None:
        self.session.ack(cost)

    def set_pace(self, pace: Pace) -> None:
        self.session.set_pace(pace)

    def set_until_stopped(self, endless: bool) -> None:
        self.session.set_until_stopped(endless)

    def abandon(self) -> None:
        """The controller gave up waiting for the stop: a thread cannot be killed; the stop asked
        for takes effect once the data has loaded or the batch is done."""

    @Slot()
    def start(self) -> None:
        try:
            self.session.run_session()
        finally:
            self._finish()
