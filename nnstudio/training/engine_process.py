"""The engine process: training in a process of its own, so the window never shares its GIL (no Qt).

A window's training thread and its event loop share one GIL in one process. A tiny network's
batch is ~100 µs of pure Python, so every repaint and timer tick of the window (and every GIL
hand-over they cost) is time the engine does not train: ~20 % for the XOR example. In a process
of its own the engine trains on one core while the window draws on another.

`EngineProcess` is the window's handle on one such process: `python -m
nnstudio.training.engine_process`, a fresh interpreter that imports nothing of the caller's (unlike
multiprocessing's spawn, which re-runs the caller's main script). `serve` runs inside it: it reads
jobs and commands from its stdin and answers on its stdout, one job at a time, so one process
serves run after run, and exits when its stdin closes. `POOL` keeps a started process ready,
because starting one (an interpreter importing NumPy) takes a few tenths of a second.

Messages are tuples; all but "quit" carry the job's number, and stale ones (for a job that has
ended) are dropped:
    window → engine: ("job", n, project JSON text, project arrays, project path, working folder,
                      command, session start, pace, until stopped) · ("command", n, kind) ·
                      ("settings", n, TrainingSpec) · ("wants", n, matrices, probe, sample) ·
                      ("ack", n, seconds) · ("pace", n, pace) · ("until_stopped", n, bool) · ("quit",)
The job carries the pace and until-stopped, so that its first steps already keep to them.
    engine → window: ("snapshot", n, LiveSnapshot, repeated) · ("failed", n, text) · ("done", n)
A probe's inputs, targets and input-node outputs are the same in every probe of a run, and can be
megabytes (1,000 MNIST images): they cross once, and later probes name them in `repeated` instead
(see ProbeCache).
The project goes over as its v1 JSON text with references in place of its weights, which the
engine reads as it would read the file, and the weights as float64 arrays (see project_wire).
Each is pickled, after its length as 8 bytes: both ends are nnstudio's own processes, created for each other,
and nothing a user opens is ever unpickled.
"""
from __future__ import annotations

import atexit
import dataclasses
import io
import itertools
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import traceback
from typing import BinaryIO

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.training.live import LiveSnapshot, ProbeData
from nnstudio.project.model import Project
from nnstudio.training.pace import FULL, Pace
from nnstudio.training.project_wire import join_project, split_project
from nnstudio.training.session import TrainingSession

JOB_NUMBERS = itertools.count(1)


def own_core() -> bool:
    """Whether the engine gets a core the window does not need: then it never waits for a draw."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:          # macOS and Windows
        cores = os.cpu_count() or 1
    return cores >= 2


def job_message(job: int, project: Project, command: str, session_start: int | None,
                pace: Pace = FULL, until_stopped: bool = False, wants: tuple | None = None) -> tuple:
    """The message that starts a job. ValueError if a weight or a setting is not a finite number.
    `wants`: the session's first set_wants arguments, in the job itself: a run short enough to end
    before the engine reads the next message must still send what the window asked for."""
    text, arrays = split_project(project)
    return ("job", job, text, arrays, project.path, os.getcwd(), command, session_start, pace,
            bool(until_stopped), wants)


# --- the pipe's framing ------------------------------------------------------------------------------
_HEADER = struct.Struct("<Q")


def write_message(stream: BinaryIO, message: tuple) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def read_message(stream: BinaryIO) -> tuple:
    """The next message; EOFError at the end of the stream."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other end has closed the pipe")
    size, = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other end has closed the pipe in the middle of a message")
    return _AllowedUnpickler(io.BytesIO(data)).load()


# What a message may be built from: nnstudio's own classes, and NumPy's arrays, dtypes and scalars.
# Anything else (os.system, builtins.eval …) is refused before it is called.
_NUMPY_ALLOWED = {("numpy", "ndarray"), ("numpy", "dtype"),
                  ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
                  ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
                  ("numpy.core.numeric", "_frombuffer"), ("numpy._core.numeric", "_frombuffer")}


class _AllowedUnpickler(pickle.Unpickler):
    """Unpickles only nnstudio's classes and NumPy's array pieces: the pipe's two ends are
    nnstudio's own processes, and even so nothing but data can come out of it."""

    def find_class(self, module: str, name: str):  # noqa: ANN201 (pickle's signature)
        if (module, name) in _NUMPY_ALLOWED or (module.startswith("nnstudio.") and "." not in name):
            found = super().find_class(module, name)
            if isinstance(found, type) or (module, name) in _NUMPY_ALLOWED:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} may not cross the engine's pipe")


# --- probes without what the window has already ------------------------------------------------
def _probe_arrays(probe: ProbeData) -> dict[str, np.ndarray]:
    arrays = {"inputs": probe.inputs, "targets": probe.targets}
    arrays.update({f"node:{key}": value for key, value in probe.node_outputs.items()})
    return arrays


class ProbeCache:
    """The probe arrays last sent (engine) or received (window) for one job."""

    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def strip(self, snap: LiveSnapshot) -> tuple[LiveSnapshot, list[str]]:
        """The engine's side: `snap` without the probe arrays equal to those sent before, and
        their names."""
        probe = snap.probe
        if probe is None:
            return snap, []
        arrays = _probe_arrays(probe)
        sent = self.arrays
        repeated = [key for key, value in arrays.items() if key in sent and sent[key].shape == value.shape
                    and sent[key].dtype == value.dtype and np.array_equal(sent[key], value)]
        self.arrays = arrays
        if not repeated:
            return snap, []
        gone = set(repeated)
        lean = dataclasses.replace(
            probe, inputs=None if "inputs" in gone else probe.inputs,
            targets=None if "targets" in gone else probe.targets,
            node_outputs={k: None if f"node:{k}" in gone else v for k, v in probe.node_outputs.items()})
        return dataclasses.replace(snap, probe=lean), repeated

    def restore(self, snap: LiveSnapshot, repeated: list[str]) -> LiveSnapshot:
        """The window's side: put back the arrays `strip` took out."""
        probe = snap.probe
        if probe is None:
            return snap
        kept = self.arrays
        if repeated:
            if "inputs" in repeated:
                probe.inputs = kept["inputs"]
            if "targets" in repeated:
                probe.targets = kept["targets"]
            for key in probe.node_outputs:
                if f"node:{key}" in repeated:
                    probe.node_outputs[key] = kept[f"node:{key}"]
        self.arrays = _probe_arrays(probe)
        return snap


# --- inside the engine process ------------------------------------------------------------------
class _Engine:
    """The engine process's state: the job under way and the pipe back to the window."""

    def __init__(self, outbox: BinaryIO) -> None:
        self.outbox = outbox
        self.lock = threading.Lock()            # the reader and the training thread both send
        self.jobs: "queue.Queue[tuple[int, TrainingSession] | None]" = queue.Queue()
        self.job = 0
        self.session: TrainingSession | None = None

    def send(self, message: tuple) -> None:
        with self.lock:
            write_message(self.outbox, message)

    def read(self, inbox: BinaryIO) -> None:
        """The reader thread: jobs go to the training thread, commands straight to the session."""
        while True:
            try:
                message = read_message(inbox)
            except (EOFError, OSError):
                os._exit(0)                     # the window is gone: there is no one to train for
            kind = message[0]
            if kind == "quit":
                self.jobs.put(None)
                return
            job = message[1]
            if kind == "job":
                try:
                    self._take_job(*message[1:])
                except Exception as exc:    # a bug here must not leave the window waiting for "done"
                    traceback.print_exc()
                    self.send(("failed", job, f"The engine could not take the run: {type(exc).__name__}: {exc}"))
                    self.send(("done", job))
            elif job == self.job and self.session is not None:
                self._dispatch(self.session, kind, message[2:])

    def _take_job(self, job: int, text: str, arrays: list[np.ndarray], path: str | None, cwd: str,
                  command: str, session_start: int | None, pace: Pace = FULL, until_stopped: bool = False,
                  wants: tuple | None = None) -> None:
        self.job, self.session = job, None
        try:
            if cwd and os.path.isdir(cwd) and cwd != os.getcwd():
                os.chdir(cwd)                   # an unsaved project's data paths are the window's
            project = join_project(text, arrays)
            project.path = path
        except ProjectError as exc:
            self.send(("failed", job, f"The project could not be handed to the engine: {exc}"))
            self.send(("done", job))
            return
        probes = ProbeCache()

        def send(kind: str, payload: object) -> None:
            if kind == "snapshot":
                self.send((kind, job, *probes.strip(payload)))
            else:
                self.send((kind, job, payload))
        session = TrainingSession(project, command, session_start, send, own_core=own_core(), pace=pace,
                                  until_stopped=until_stopped)
        if wants is not None:
            session.set_wants(*wants)           # before the training thread starts it
        self.session = session
        self.jobs.put((job, session))

    @staticmethod
    def _dispatch(session: TrainingSession, kind: str, args: tuple) -> None:
        if kind == "command":
            session.command(*args)
        elif kind == "settings":
            session.update_settings(*args)
        elif kind == "wants":
            session.set_wants(*args)
        elif kind == "ack":
            session.ack(*args)
        elif kind == "pace":
            session.set_pace(*args)
        elif kind == "until_stopped":
            session.set_until_stopped(*args)


def serve(inbox: BinaryIO, outbox: BinaryIO) -> None:
    """Train each job to its end, until "quit"."""
    engine = _Engine(outbox)
    threading.Thread(target=engine.read, args=(inbox,), name="nnstudio-engine-reader", daemon=True).start()
    while True:
        item = engine.jobs.get()
        if item is None:
            return
        job, session = item
        session.run_session()
        if engine.session is session:
            engine.session = None               # its data and network can go while the engine waits
        del item, session
        engine.send(("done", job))


# --- in the window's process ----------------------------------------------------------------------
def _package_root() -> str:
    """The folder nnstudio is imported from, so the engine imports the very same code."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class EngineProcess:
    """One engine process (`python -m nnstudio.training.engine_process`), seen from the window's
    process: messages go to its stdin and come back on its stdout."""

    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_package_root(), env.get("PYTHONPATH", "")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nnstudio.training.engine_process"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env=env, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        self._lock = threading.Lock()           # the GUI thread and the relay thread both send

    def send(self, message: tuple) -> bool:
        """False if the engine is gone."""
        with self._lock:
            try:
                write_message(self.process.stdin, message)
                return True
            except (OSError, ValueError):       # a broken pipe, or closed already
                return False

    def recv(self) -> tuple:
        """The next message (blocking, without the GIL while it waits); EOFError once the engine
        is gone."""
        return read_message(self.process.stdout)

    def alive(self) -> bool:
        return self.process.poll() is None

    def exit_code(self) -> int | None:
        return self.process.poll()

    def wait(self, timeout: float) -> int | None:
        """Its exit code, once it has ended within `timeout` s (None if it has not)."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self, timeout: float = 1.0) -> None:
        """Ask the engine to quit; kill it if it has not within `timeout` s."""
        self.send(("quit",))
        with self._lock:
            self._close_stream(self.process.stdin)
        if self.wait(timeout) is None:
            self.kill()
        self._close_stream(self.process.stdout)

    def kill(self) -> None:
        """End it now: a relay waiting on it reads the end of its output at once."""
        self.process.kill()
        self.process.wait()

    @staticmethod
    def _close_stream(stream) -> None:
        try:
            stream.close()
        except OSError:                         # a broken pipe while flushing
            pass


class EnginePool:
    """Engine processes kept started between runs: at most `spare` idle ones."""

    def __init__(self, spare: int = 1) -> None:
        self.spare = spare
        self._idle: list[EngineProcess] = []
        self._lock = threading.Lock()

    def acquire(self) -> EngineProcess:
        """An idle engine, or a new one (which may still be importing NumPy: jobs wait in its pipe)."""
        with self._lock:
            while self._idle:
                engine = self._idle.pop()
                if engine.alive():
                    return engine
                engine.close(0)
        return EngineProcess()

    def release(self, engine: EngineProcess) -> None:
        with self._lock:
            if engine.alive() and len(self._idle) < self.spare:
                self._idle.append(engine)
                return
        engine.close()

    def prestart(self) -> None:
        """Start an engine now, so that the first run does not wait for one."""
        with self._lock:
            if not self._idle:
                self._idle.append(EngineProcess())

    def idle(self) -> int:
        with self._lock:
            return len(self._idle)

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for engine in idle:
            engine.close()


POOL = EnginePool()
atexit.register(POOL.shutdown)


def main() -> None:
    """`python -m nnstudio.training.engine_process`: serve the window on stdin and stdout. What
    anything else prints goes to stderr, so it cannot corrupt the messages."""
    outbox = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    try:
        errors = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):   # no console (pythonw on Windows): no stderr
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
        errors = sys.stderr.fileno()
    os.dup2(errors, sys.stdout.fileno())
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, outbox)


if __name__ == "__main__":
    main()
