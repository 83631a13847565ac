"""The engine process: its pipe framing, the probe cache, and real engine processes training jobs."""
from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from nnstudio.training.engine_process import (EngineProcess, ProbeCache, job_message, read_message,
                                              write_message)
from nnstudio.project.io import load_project
from nnstudio.training.live import LiveSnapshot, ProbeData
from nnstudio.project.model import Project
from nnstudio.training.probes import Evaluation
from nnstudio.training.runner import TrainingRun
from nnstudio.training.session import TrainingSession

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TIMEOUT = 30.0


def test_messages_cross_a_stream_whole_and_a_cut_one_is_an_end():
    stream = io.BytesIO()
    big = np.arange(100_000, dtype=np.float64)
    write_message(stream, ("snapshot", 3, big, "é"))
    write_message(stream, ("done", 3))
    stream.seek(0)
    kind, job, array, text = read_message(stream)
    assert (kind, job, text) == ("snapshot", 3, "é") and np.array_equal(array, big)
    assert read_message(stream) == ("done", 3)
    with pytest.raises(EOFError):
        read_message(stream)
    cut = io.BytesIO(stream.getvalue()[:-3])
    read_message(cut)
    with pytest.raises(EOFError):
        read_message(cut)


def _snapshot(inputs: np.ndarray, hidden: np.ndarray) -> LiveSnapshot:
    evaluation = Evaluation("regression", inputs, np.zeros((len(inputs), 1)), np.zeros((len(inputs), 1)))
    probe = ProbeData({"x": inputs.copy(), "h": hidden.copy()}, inputs.copy(), np.zeros((len(inputs), 1)), None,
                      evaluation)
    return LiveSnapshot("running", probe=probe)


def test_the_probe_cache_sends_unchanged_arrays_once_and_restores_them():
    rng = np.random.default_rng(0)
    x, h = rng.random((50, 3)), rng.random((50, 4))
    engine, window = ProbeCache(), ProbeCache()
    first, repeated = engine.strip(_snapshot(x, h))
    assert repeated == [] and first.probe.inputs is not None
    window.restore(first, repeated)
    # The next probe: the same inputs, targets and input-node outputs; the hidden layer has moved.
    h2 = h + 1.0
    second, repeated = engine.strip(_snapshot(x, h2))
    assert sorted(repeated) == ["inputs", "node:x", "targets"]
    assert second.probe.inputs is None and second.probe.node_outputs["x"] is None
    assert np.array_equal(second.probe.node_outputs["h"], h2)
    restored = window.restore(second, repeated).probe
    assert np.array_equal(restored.inputs, x) and np.array_equal(restored.node_outputs["x"], x)
    assert np.array_equal(restored.node_outputs["h"], h2) and restored.targets.shape == (50, 1)
    # A snapshot without a probe passes as it is.
    bare = LiveSnapshot("running")
    assert engine.strip(bare) == (bare, [])


def xor(epochs: int) -> Project:
    p = load_project(EXAMPLES / "xor_5_hidden.json")
    p.training.epochs = epochs
    return p


class Messages:
    """Reads an engine's messages in a thread, so that a test can wait for one with a timeout."""

    def __init__(self, engine: EngineProcess) -> None:
        self.items: list[tuple] = []
        self.ended = False
        self._thread = threading.Thread(target=self._read, args=(engine,), daemon=True)
        self._thread.start()

    def _read(self, engine: EngineProcess) -> None:
        try:
            while True:
                self.items.append(engine.recv())
        except EOFError:
            self.ended = True

    def wait(self, predicate, timeout: float = TIMEOUT) -> None:
        end = time.monotonic() + timeout
        while not predicate(self.items):
            assert time.monotonic() < end, f"timed out; got {[m[:2] for m in self.items]}"
            time.sleep(0.01)

    def done(self, job: int) -> bool:
        return ("done", job) in [m[:2] for m in self.items]


def test_an_engine_trains_a_job_exactly_as_this_process_does(engine):
    project = xor(300)
    messages = Messages(engine)
    assert engine.send(("command", 99, "stop"))              # for no job: ignored
    assert engine.send(job_message(1, project, "run", None))
    messages.wait(lambda items: messages.done(1))
    snaps = [m[2] for m in messages.items if m[:2] == ("snapshot", 1)]
    final = snaps[-1]
    assert final.status == "finished" and final.epoch == 300
    # Bit for bit what training in this process gives: the JSON hand-over loses nothing.
    here = TrainingRun(project.copy())
    here.run()
    expected = here.model.node_params()
    assert final.node_params.keys() == expected.keys()
    for node, params in expected.items():
        for key, value in params.items():
            assert np.array_equal(final.node_params[node][key], value), (node, key)
    edges = here.model.edge_weights()
    assert all(np.array_equal(final.edge_weights[k], v) for k, v in edges.items())
    # The same process takes the next job; a stop for it ends it early.
    assert engine.send(job_message(2, xor(10_000_000), "run", None))
    messages.wait(lambda items: any(m[:2] == ("snapshot", 2) for m in items))
    assert engine.send(("command", 1, "stop"))               # the old job's: ignored
    time.sleep(0.2)
    assert not messages.done(2)
    assert engine.send(("command", 2, "stop"))
    messages.wait(lambda items: messages.done(2))
    last = [m[2] for m in messages.items if m[:2] == ("snapshot", 2)][-1]
    assert last.status == "stopped" and 0 < last.epoch < 10_000_000


def test_a_job_that_cannot_be_built_says_why_and_the_engine_serves_on(engine, tmp_path):
    broken = xor(5)
    broken.data.source = {"kind": "csv", "path": str(tmp_path / "missing.csv"), "input_columns": ["a"],
                          "target_columns": ["b"]}
    messages = Messages(engine)
    engine.send(job_message(1, broken, "run", None))
    messages.wait(lambda items: messages.done(1))
    failed = [m[2] for m in messages.items if m[0] == "failed"]
    assert len(failed) == 1 and "missing.csv" in failed[0]
    engine.send(job_message(2, xor(5), "run", None))
    messages.wait(lambda items: messages.done(2))
    assert [m[2].status for m in messages.items if m[:2] == ("snapshot", 2)][-1] == "finished"


def test_a_job_the_engine_cannot_take_still_ends_with_done(engine):
    messages = Messages(engine)
    engine.send(("job", 7, "{}"))                        # too few parts: a bug on the window's side
    messages.wait(lambda items: messages.done(7))
    assert any(m[0] == "failed" and "could not take the run" in m[2] for m in messages.items)
    engine.send(job_message(8, xor(3), "run", None))      # and it serves on
    messages.wait(lambda items: messages.done(8))


def test_an_engine_exits_when_the_window_is_gone_even_mid_run(engine):
    messages = Messages(engine)
    engine.send(job_message(1, xor(10_000_000), "run", None))
    messages.wait(lambda items: any(m[0] == "snapshot" for m in items))
    engine.process.stdin.close()                             # what the window's death does
    engine.process.wait(10)
    assert engine.exit_code() == 0
    messages.wait(lambda items: messages.ended)


def test_a_session_paces_snapshots_by_what_sending_them_costs():
    """Sending (pickling into a pipe) counts toward the snapshots' share of the time, except the
    first one's, which carries the run's one-off arrays."""
    sent: list[float] = []

    def slow_send(kind: str, payload: object) -> None:
        if kind == "snapshot":
            sent.append(time.perf_counter())
            time.sleep(0.02)
            session.ack(0.0)                # a window that draws in no time

    session = TrainingSession(xor(1_000_000), send=slow_send, own_core=True)
    stopper = threading.Timer(2.5, session.command, ("stop",))
    stopper.start()
    session.run_session()
    stopper.join()
    gaps = np.diff(sent[1:-1])
    # 20 ms a send at a 3 % share: one every ~0.67 s at most, so 2-4 of them in 2.5 s (not 60).
    assert 2 <= len(gaps) <= 4 and gaps.min() > 0.5, np.round(gaps, 3)


def test_what_the_engine_prints_goes_to_stderr_not_into_its_messages():
    script = ("import nnstudio.training.engine_process as e\n"
              "def serve(inbox, outbox):\n"
              "    print('a stray print')\n"
              "    e.write_message(outbox, ('done', 1))\n"
              "e.serve = serve\n"
              "e.main()\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert read_message(io.BytesIO(proc.stdout)) == ("done", 1)
    assert b"a stray print" in proc.stderr and b"a stray print" not in proc.stdout


def test_a_message_that_would_run_code_is_refused():
    import os
    import pickle

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    stream = io.BytesIO()
    data = pickle.dumps(("snapshot", 1, Evil()))
    stream.write(len(data).to_bytes(8, "little") + data)
    stream.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="may not cross"):
        read_message(stream)


def test_the_wants_in_a_job_hold_from_its_first_snapshot(engine):
    """A run too short to see a "wants" message sent after the job (one epoch of four samples)
    still carries the gradients it was started with: they travel in the job message itself."""
    messages = Messages(engine)
    assert engine.send(job_message(1, xor(1), "run", None, wants=(False, False, 0, True)))
    messages.wait(lambda items: messages.done(1))
    snaps = [m[2] for m in messages.items if m[:2] == ("snapshot", 1)]
    assert snaps and all(s.edge_gradients for s in snaps)
    assert all(not s.matrices for s in snaps if s.status == "running")
    assert engine.send(job_message(2, xor(1), "run", None))          # no wants: none sent
    messages.wait(lambda items: messages.done(2))
    assert all(not m[2].edge_gradients for m in messages.items if m[:2] == ("snapshot", 2))
