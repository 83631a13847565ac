"""The process worker: a QObject in a QThread that relays one run of an engine process.

The engine (training.engine_process) trains in a process of its own; this worker's thread hands it
the job, then waits on its pipe (without the GIL) and turns its messages into the same queued
signals TrainingWorker emits. Commands from the GUI thread go straight down the pipe. If the
engine dies, the run fails with a message and the next run starts a new engine.
"""
from __future__ import annotations

import copy
import threading

from PySide6.QtCore import Slot

from nnstudio.training.engine_process import JOB_NUMBERS, POOL, EngineProcess, ProbeCache, job_message
from nnstudio.project.model import Project, TrainingSpec
from nnstudio.training.pace import FULL, Pace, check_pace
from nnstudio.training.session import COMMANDS
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.training.worker import WORKERS, WorkerSignals


class ProcessWorker(WorkerSignals):
    """Trains `project` (a copy the worker owns) in an engine process, relaying from its QThread."""

    def __init__(self, project: Project, command: str = "run", session_start: int | None = None,
                 pace: Pace = FULL, until_stopped: bool = False) -> None:
        super().__init__()
        if command not in COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        self._project, self._command, self._session_start = project, command, session_start
        self._pace, self._until_stopped = check_pace(pace), bool(until_stopped)
        self._job = next(JOB_NUMBERS)
        self._lock = threading.Lock()
        self._engine: EngineProcess | None = None   # while the job is under way
        self._early: list[tuple] = []                # messages posted before the job was sent
        self._ended = False
        self._abandoned = False
        self._probes = ProbeCache()                  # the probe arrays the engine sends only once
        WORKERS.add(self)

    @property
    def engine(self) -> EngineProcess | None:
        """The engine process training this job, while it does."""
        return self._engine

    # --- called from the GUI thread -------------------------------------------------------------
    def command(self, kind: str) -> None:
        if kind not in COMMANDS:
            raise ValueError(f"unknown command {kind!r}")
        self._post("command", kind)

    def update_settings(self, training: TrainingSpec) -> None:
        self._post("settings", copy.deepcopy(training))

    def set_wants(self, matrices: bool, probe: bool, sample: int = 0, gradients: bool = False) -> None:
        self._post("wants", bool(matrices), bool(probe), int(sample), bool(gradients))

    def ack(self, cost: float = 0.0) -> None:
        self._post("ack", float(cost))

    def set_pace(self, pace: Pace) -> None:
        self._post("pace", check_pace(pace))

    def set_until_stopped(self, endless: bool) -> None:
        self._post("until_stopped", bool(endless))

    def abandon(self) -> None:
        """The controller gave up waiting for the stop (the engine is loading data, or in a long
        batch): kill the engine, so the relay ends at once. The next run starts a new one."""
        with self._lock:
            self._abandoned = True
            engine = self._engine
        if engine is not None:
            engine.kill()

    def _post(self, kind: str, *args: object) -> None:
        with self._lock:
            if self._ended:
                return
            if self._engine is None:
                self._early.append((kind, self._job, *args))
            else:
                self._engine.send((kind, self._job, *args))

    # --- the relay thread -----------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        try:
            self._relay()
        finally:
            with self._lock:
                self._ended, self._engine = True, None
            self._finish()

    def _relay(self) -> None:
        with self._lock:                        # the wants posted before the start go in the job itself
            wants = next((tuple(m[2:]) for m in reversed(self._early) if m[0] == "wants"), None)
        try:
            message = job_message(self._job, self._project, self._command, self._session_start,
                                  self._pace, self._until_stopped, wants)
        except ValueError:                      # json refuses NaN and infinity
            self.failed.emit(self.tr("The project cannot be trained: a weight or a setting is not a finite "
                                     "number (NaN or infinity). Reset weights starts afresh."))
            return
        self._project = None                    # the engine will have its own copy
        try:
            engine = POOL.acquire()
        except OSError as exc:
            self.failed.emit(self.tr("The training process could not be started: {error}. "
                                     "NNSTUDIO_TRAINING=thread trains inside the window instead.").format(
                                         error=error_text(exc)))
            return
        with self._lock:
            sent = not self._abandoned and engine.send(message) and all(engine.send(m) for m in self._early)
            self._early.clear()
            self._engine = engine
        if sent and self._pump(engine):
            POOL.release(engine)
            return
        if not self._abandoned:                 # the engine is gone: it crashed, or was killed
            self.failed.emit(self.tr("The training process ended unexpectedly (exit code {code}).").format(
                code=engine.wait(1.0)))
        engine.kill()
        engine.close(0)

    def _pump(self, engine: EngineProcess) -> bool:
        """Relay the job's messages until it is done (True), or the engine is gone (False)."""
        while True:
            try:
                kind, job, *payload = engine.recv()
            except (EOFError, OSError):
                return False
            if job != self._job:
                continue                        # an earlier job's, sent before it saw its stop
            if kind == "done":
                return True
            if kind == "snapshot":
                snap, repeated = payload
                self._send(kind, self._probes.restore(snap, repeated))
            else:
                self._send(kind, payload[0])
