"""Live training: the worker thread, the controller's write-back and undo, and the window's lock."""
from __future__ import annotations

import copy
import gc
import os
import signal
import subprocess
import threading
import time
import tracemalloc
import weakref

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.io import load_project
from nnstudio.project.model import Edge, History, Node, Project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.commands.edits import SetEdgeWeight, SetTraining
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.training import TrainingController
from nnstudio.training.live import peak_downsample
from nnstudio.training.settings import settings_change
from nnstudio.ui.training.worker import THREADS

TIMEOUT = 10_000


def xor_with_weights(epochs: int = 100_000) -> Project:
    """The XOR example (batch 1, 4 batches an epoch) with its seeded weights written out, so the
    document holds explicit starting values."""
    p = load_project(EXAMPLES_DIR / "xor_5_hidden.json")
    p.training.epochs = epochs
    TrainingRun(p).model.write_back(p)
    return p


def regression(lr: float) -> Project:
    """y = 2x with one linear dense unit: a huge lr makes it diverge at once."""
    p = Project()
    p.nodes = [Node("x", "input", "x", (0, 0), {"shape": [1]}),
               Node("d", "dense", "d", (200, 0), {"units": 1, "activation": "linear"})]
    p.edges = [Edge("e", "x", "d")]
    p.inputs, p.outputs = ["x"], ["d"]
    p.data.source = {"kind": "table", "inputs": [[1.0], [2.0], [3.0]], "targets": [[2.0], [4.0], [6.0]]}
    p.training.loss, p.training.epochs = "mse", 10_000
    p.training.optimizer = {"kind": "sgd", "lr": lr}
    return p


def weights(project: Project) -> tuple[dict, dict]:
    return ({n.id: {k: np.array(v) for k, v in n.params.items()} for n in project.nodes},
            {e.id: None if e.weight is None else np.array(e.weight) for e in project.edges})


def same_weights(a: tuple[dict, dict], b: tuple[dict, dict]) -> bool:
    params_a, edges_a = a
    params_b, edges_b = b
    if params_a.keys() != params_b.keys() or edges_a.keys() != edges_b.keys():
        return False
    for node, arrays in params_a.items():
        if arrays.keys() != params_b[node].keys():
            return False
        if not all(np.array_equal(arrays[k], params_b[node][k]) for k in arrays):
            return False
    return all((edges_a[e] is None) == (edges_b[e] is None) and
               (edges_a[e] is None or np.array_equal(edges_a[e], edges_b[e])) for e in edges_a)


class Rig:
    """A document, its undo stack and a controller, recording every snapshot."""

    def __init__(self, qtbot, project: Project) -> None:
        self.qtbot = qtbot
        self.doc = Document(project)
        self.stack = QUndoStack()
        self.c = TrainingController(self.doc, self.stack)
        self.snaps: list = []
        self.messages: list[str] = []
        self.c.snapshot.connect(self.snaps.append)
        self.c.message.connect(self.messages.append)

    def wait_state(self, state: str) -> None:
        self.qtbot.waitUntil(lambda: self.c.state == state, timeout=TIMEOUT)

    def wait_snapshots(self, n: int) -> None:
        self.qtbot.waitUntil(lambda: len(self.snaps) >= n, timeout=TIMEOUT)

    def epochs_seen(self) -> list[int]:
        return [e for s in self.snaps for e in s.new_history.epoch]


@pytest.fixture(params=["process", "thread"])
def host(request, monkeypatch):
    """Where the engine trains: its own process (the default), or a thread of the window's."""
    monkeypatch.setenv("NNSTUDIO_TRAINING", request.param)
    return request.param


@pytest.fixture
def rig(qtbot):
    rigs: list[Rig] = []

    def make(project: Project) -> Rig:
        rigs.append(Rig(qtbot, project))
        return rigs[-1]
    yield make
    for r in rigs:
        r.c.shutdown()


def test_start_pause_undo_step_step_epoch_stop(rig, host):
    r = rig(xor_with_weights())
    before = weights(r.doc.project)
    r.c.train()
    assert r.c.state == "running"
    r.wait_snapshots(3)
    r.c.pause()
    r.wait_state("paused")
    paused = r.snaps[-1]
    assert paused.status == "paused" and paused.step > 0
    # The trained weights are in the document as ONE undo step that marks it modified.
    assert r.stack.count() == 1 and r.stack.text(0).startswith("Train epoch")
    assert not r.stack.isClean()
    trained = weights(r.doc.project)
    assert not same_weights(trained, before)
    for node_id, params in paused.node_params.items():
        for k, v in params.items():
            assert np.array_equal(r.doc.project.node(node_id).params[k], v)
    # Undo brings back the exact weights from before the run; redo the trained ones.
    r.stack.undo()
    assert same_weights(weights(r.doc.project), before)
    assert r.doc.project.history.epoch == []
    r.stack.redo()
    assert same_weights(weights(r.doc.project), trained)
    worker = r.c.worker

    # Step: exactly one batch more, on the same run (nothing but the undo/redo changed).
    r.c.step_batch()
    r.wait_state("paused")
    r.qtbot.waitUntil(lambda: r.snaps[-1].step == paused.step + 1, timeout=TIMEOUT)
    assert r.c.worker is worker and r.snaps[-1].status == "paused"
    stepped = r.snaps[-1]
    # Step epoch: to the end of the epoch under way (4 batches an epoch).
    r.c.step_epoch()
    r.qtbot.waitUntil(lambda: r.snaps[-1].step > stepped.step and r.c.state == "paused", timeout=TIMEOUT)
    assert r.snaps[-1].epoch == stepped.epoch + 1 and r.snaps[-1].step % 4 == 0
    r.c.stop()
    r.wait_state("idle")
    assert r.c.worker is None and not any(t.isRunning() for t in THREADS)
    # One point per epoch: in the snapshots and in the history written back.
    epochs = r.epochs_seen()
    last = r.snaps[-1].epoch
    assert epochs == list(range(1, last + 1))
    assert r.doc.project.history.epoch == list(range(1, last + 1))
    assert len(r.doc.project.history.loss) == last


def test_a_finished_run_writes_weights_and_history_once(rig):
    n = 2000                               # long enough (~1 s) for throttled snapshots in between
    r = rig(xor_with_weights(epochs=n))
    r.c.train()
    r.wait_state("idle")
    final = r.snaps[-1]
    assert final.status == "finished" and final.epoch == n and final.total_epochs == n
    assert r.epochs_seen() == list(range(1, n + 1))
    assert r.doc.project.history.epoch == list(range(1, n + 1))
    assert r.stack.count() == 1 and r.stack.text(0) == f"Train epochs 1–{n:,}"
    # The loss fell, and the snapshots carried probes and weight matrices.
    assert final.loss < r.doc.project.history.loss[0]
    assert final.probe is not None and final.matrices
    assert len(r.snaps) > 1 and all(s.status == "running" for s in r.snaps[:-1])
    assert r.snaps[0].probe is not None
    # F5 again trains another `epochs` epochs, numbered after the history.
    r.doc.project.training.epochs = 50
    r.c.train()
    r.wait_state("idle")
    assert r.doc.project.history.epoch == list(range(1, n + 51))
    assert r.stack.text(1) == f"Train epochs {n + 1:,}–{n + 50:,}"


def test_changing_lr_during_a_run_reaches_the_optimiser(rig, host):
    r = rig(xor_with_weights())
    r.c.train()
    r.wait_snapshots(2)
    spec = copy.deepcopy(r.doc.project.training)
    spec.optimizer = {**spec.optimizer, "lr": 0.123}
    r.stack.push(SetTraining(r.doc, spec, "lr"))
    worker = r.c.worker
    # Snapshots report the optimiser's own learning rate at the latest batch.
    r.qtbot.waitUntil(lambda: r.snaps[-1].lr == 0.123, timeout=TIMEOUT)
    assert r.c.state == "running" and r.c.worker is worker
    # More epochs: the end moves, still the same run.
    spec = copy.deepcopy(r.doc.project.training)
    spec.epochs = 200_000
    r.stack.push(SetTraining(r.doc, spec, "epochs"))
    r.qtbot.waitUntil(lambda: r.snaps[-1].total_epochs == 200_000, timeout=TIMEOUT)
    assert r.c.worker is worker and r.snaps[-1].lr == 0.123
    r.c.stop()
    r.wait_state("idle")
    assert r.epochs_seen() == list(range(1, r.snaps[-1].epoch + 1))


def test_a_diverging_run_ends_diverged_with_finite_weights(rig):
    r = rig(regression(lr=1e6))
    r.c.train()
    r.wait_state("idle")
    final = r.snaps[-1]
    assert final.status == "diverged"
    assert any("diverged" in m for m in r.messages)
    for arrays in final.node_params.values():
        assert all(np.isfinite(v).all() for v in arrays.values())
    for node in r.doc.project.nodes:
        assert all(np.isfinite(v).all() for v in node.params.values())


def test_a_project_that_cannot_train_says_why(rig):
    r = rig(Project())
    r.c.train()
    r.wait_state("idle")
    assert r.messages and r.stack.count() == 0


def test_a_weight_that_is_not_a_number_is_refused_before_the_engine_sees_it(rig):
    p = xor_with_weights()
    p.node("h1").params["b"] = np.array([np.nan])
    r = rig(p)
    r.c.train()
    r.wait_state("idle")
    assert any("not a finite number" in m for m in r.messages), r.messages
    assert r.stack.count() == 0


def test_continue_rebuilds_when_the_weights_changed_while_paused(rig):
    r = rig(xor_with_weights())
    r.c.train()
    r.wait_snapshots(2)
    r.c.pause()
    r.wait_state("paused")
    old = r.c.worker
    edge = next(e for e in r.doc.project.edges if e.target == "y")
    r.stack.push(SetEdgeWeight(r.doc, edge.id, 0.5, merge=False))
    count = r.stack.count()
    r.c.step_batch()
    r.wait_state("paused")
    r.qtbot.waitUntil(lambda: r.c.worker is not old and r.snaps[-1].status == "paused", timeout=TIMEOUT)
    # The new run started from the edited document: one batch from weight 0.5.
    assert r.snaps[-1].step == 1
    assert abs(r.snaps[-1].edge_weights[edge.id] - 0.5) < 0.2
    assert r.stack.count() == count + 1
    r.c.stop()
    r.wait_state("idle")


def test_reset_weights_is_one_undo_step(rig):
    r = rig(xor_with_weights(epochs=50))
    r.c.train()
    r.wait_state("idle")
    trained = weights(r.doc.project)
    history = copy.deepcopy(r.doc.project.history)
    count = r.stack.count()
    assert r.c.reset_weights()
    assert r.stack.count() == count + 1 and r.stack.text(count) == "Reset weights"
    project = r.doc.project
    assert all(not n.params for n in project.nodes)
    assert all(e.weight is None for e in project.edges)
    assert project.history == History()
    # Compiling draws the same starting weights from the seed as the example had.
    drawn = project.copy()
    TrainingRun(drawn).model.write_back(drawn)
    assert same_weights(weights(drawn), weights(xor_with_weights()))
    r.stack.undo()
    assert same_weights(weights(r.doc.project), trained)
    assert r.doc.project.history == history


def test_fifty_start_stop_cycles_leave_no_thread_and_no_memory(rig, qtbot):
    # A bigger net than XOR, so that a leaked run (weights, gradients, optimiser state, data and
    # probes: over 150 kB) would stand out: 2-64-64-1 dense, 200 samples.
    p = Project()
    p.nodes = [Node("x", "input", "x", (0, 0), {"shape": [2]}),
               Node("h1", "dense", "h1", (200, 0), {"units": 64, "activation": "tanh"}),
               Node("h2", "dense", "h2", (400, 0), {"units": 64, "activation": "tanh"}),
               Node("y", "dense", "y", (600, 0), {"units": 1, "activation": "sigmoid"})]
    p.edges = [Edge("e1", "x", "h1"), Edge("e2", "h1", "h2"), Edge("e3", "h2", "y")]
    p.inputs, p.outputs = ["x"], ["y"]
    rng = np.random.default_rng(0)
    x = rng.random((200, 2))
    p.data.source = {"kind": "table", "inputs": x.tolist(), "targets": (x.sum(axis=1, keepdims=True) > 1).astype(float).tolist()}
    p.training.loss, p.training.epochs, p.training.batch_size = "binary_crossentropy", 100_000, 32
    r = rig(p)
    refs: list[weakref.ref] = []

    engines: set = set()

    def cycle() -> None:
        start = len(r.snaps)
        r.c.train()
        refs.append(weakref.ref(r.c.worker))
        r.wait_snapshots(start + 1)
        engines.add(r.c.worker.engine)
        r.c.stop()
        r.wait_state("idle")

        r.stack.clear()                   # undo steps legitimately keep weights; not a leak
        r.doc.set_history(History())
        r.snaps.clear()

    # Traced from the start, so that what the warm-up cycles leave (the last snapshot, the weights
    # written back) is replaced later rather than counted as new.
    tracemalloc.start()
    try:
        for _ in range(5):                # warm up: caches, first-time imports, Qt's pools
            cycle()
        gc.collect()
        base = tracemalloc.get_traced_memory()[0]
        assert len(engines) == 1, "each run should reuse the one engine process"
        engine = next(iter(engines))
        engine_base = resident_bytes(engine.process.pid)
        for _ in range(45):
            cycle()
        qtbot.wait(50)                    # let the last worker's deferred deletion run
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - base
        engine_grown = resident_bytes(engine.process.pid) - engine_base
    finally:
        tracemalloc.stop()
    assert not any(t.isRunning() for t in THREADS)
    assert all(ref() is None for ref in refs), "a worker (and its run) is still alive"
    # 45 leaked runs would be over 6 MB; 1 MB leaves room for interned strings and caches.
    assert grown < 1_000_000, f"memory grew by {grown:,} bytes over 45 cycles"
    # The runs themselves live in the engine process, which served all 50 of them.
    assert engines == {engine}
    assert engine_grown < 4_000_000, f"the engine process grew by {engine_grown:,} bytes over 45 runs"


def test_an_engine_that_dies_mid_run_ends_the_run_with_a_message_and_the_next_gets_a_new_one(rig):
    r = rig(xor_with_weights())
    r.c.train()
    r.wait_snapshots(1)
    engine = r.c.worker.engine
    engine.process.kill()                   # what a crash in NumPy, or the OOM killer, would do
    r.wait_state("idle")
    assert any("ended unexpectedly" in m for m in r.messages), r.messages
    assert not any(t.isRunning() for t in THREADS) and not engine.alive()
    before = len(r.snaps)
    r.c.train()
    r.wait_snapshots(before + 1)
    assert r.c.worker.engine is not engine and r.c.state == "running"
    r.c.stop()
    r.wait_state("idle")
    assert r.snaps[-1].status == "stopped"


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs POSIX signals to freeze a process")
def test_discarding_a_run_whose_engine_is_stuck_kills_it(rig):
    """An engine that cannot see the stop (deep in loading a huge file; here: frozen) is killed a
    second after the controller asked, instead of holding the window up."""
    r = rig(xor_with_weights())
    r.c.train()
    r.wait_snapshots(1)
    engine = r.c.worker.engine
    os.kill(engine.process.pid, signal.SIGSTOP)
    t0 = time.monotonic()
    r.c.shutdown()
    assert time.monotonic() - t0 < 4.0
    assert r.c.worker is None and not any(t.isRunning() for t in THREADS)
    engine.process.wait(5)
    assert not engine.alive()
    assert not any("unexpectedly" in m for m in r.messages)   # it was not a crash


def test_garbage_is_collected_in_the_gui_thread_only(rig, qtbot):
    """A worker thread must never run the cyclic collector: garbage holding Qt objects would be
    destroyed outside the GUI thread (it deadlocked this suite once)."""
    rig(xor_with_weights())                  # a controller turns the policy on
    assert not gc.isenabled()
    in_gui_thread: list[bool] = []

    class Cyclic:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            in_gui_thread.append(threading.current_thread() is threading.main_thread())

    for _ in range(1000):                   # over the first generation's threshold (700)
        Cyclic()
    # A thread that allocates a lot crosses every collection threshold, and must not collect.
    busy = threading.Thread(target=lambda: [[] for _ in range(300_000)])
    busy.start()
    busy.join()
    assert in_gui_thread == []
    qtbot.waitUntil(lambda: len(in_gui_thread) == 1000, timeout=3000)
    assert all(in_gui_thread)


def resident_bytes(pid: int) -> int:
    """A process's resident memory: Linux's /proc (CI's), else `ps` (macOS)."""
    if os.path.exists(f"/proc/{pid}/statm"):
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    out = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) * 1024


def test_settings_changes_are_classified():
    a = load_project(EXAMPLES_DIR / "xor_5_hidden.json").training
    b = copy.deepcopy(a)
    assert settings_change(a, b) == ""
    b.optimizer["lr"] = 0.1
    assert settings_change(a, b) == "live"
    b.epochs = 7
    assert settings_change(a, b) == "restart"
    b.optimizer["kind"] = "adam"
    assert settings_change(a, b) == "optimizer"
    b.loss = "mse"
    assert settings_change(a, b) == "rebuild"


def test_peak_downsampling_keeps_the_extremes():
    values = np.sin(np.linspace(0, 50, 100_000))
    values[12_345] = 9.0
    out = peak_downsample(values, 2000)
    assert len(out) <= 2000 and out.max() == 9.0 and out.min() == values.min()


# --- the main window -------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, open_window):
    w = open_window(exposed=False)
    w.files.open_example(EXAMPLES_DIR / "xor_5_hidden.json")
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs = 100_000
    w.stack.push(SetTraining(w.doc, spec, "epochs"))     # also gives Undo something to undo
    return w


def test_the_network_is_locked_while_running(window, qtbot):
    w, a = window, window.act
    assert a.train.isEnabled() and not a.pause.isEnabled() and not a.stop.isEnabled()
    a.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "running", timeout=TIMEOUT)
    assert not w.canvas.isInteractive() and not w.palette.isEnabled()
    tabs = w.inspector.tabs
    assert not tabs.isTabEnabled(0) and not tabs.isTabEnabled(2) and tabs.isTabEnabled(3)
    assert not w.live.notice.isHidden()
    assert not a.train.isEnabled() and a.pause.isEnabled() and a.stop.isEnabled() and not a.step.isEnabled()
    assert not a.undo.isEnabled() and not a.delete.isEnabled() and not a.reset_weights.isEnabled()
    # Training settings stay editable; the new undo step does not turn Undo back on mid-run.
    spec = copy.deepcopy(w.doc.project.training)
    spec.optimizer = {**spec.optimizer, "lr": 0.25}
    w.stack.push(SetTraining(w.doc, spec, "lr"))
    assert not a.undo.isEnabled() and w.training.state == "running"
    # The panels and the status bar follow the run.
    qtbot.waitUntil(lambda: len(w.live.loss.epochs()) > 0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: w.live.status.isVisible() and "Epoch" in w.live.status.label.text(), timeout=TIMEOUT)
    a.pause.trigger()
    qtbot.waitUntil(lambda: w.training.state == "paused", timeout=TIMEOUT)
    assert w.canvas.isInteractive() and w.palette.isEnabled() and tabs.isTabEnabled(0)
    assert w.live.notice.isHidden() and a.undo.isEnabled() and a.train.iconText() == "Continue"
    assert w.isWindowModified()
    a.stop.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle", timeout=TIMEOUT)


def test_closing_the_window_mid_training_exits_cleanly(window, qtbot, qtlog):
    w = window
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.live.loss.epochs().size > 0, timeout=TIMEOUT)
    threads = [t for t in THREADS if t.isRunning()]
    assert threads
    w.close()
    assert w.training.state == "idle" and not any(t.isRunning() for t in threads)
    qtbot.wait(50)
    bad = [m.message for m in qtlog.records if "QThread" in m.message or "QObject" in m.message
           or "Timers" in m.message]
    assert bad == []


def test_opening_a_project_shows_its_history(window, qtbot, tmp_path):
    w = window
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "running", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: w.live.loss.epochs().size > 3, timeout=TIMEOUT)
    path = tmp_path / "trained.json"
    w.files.ask_save_path = lambda: str(path)
    w.act.save.trigger()                  # pauses, saves the trained weights, carries on
    assert w.training.state == "running"
    w.act.stop.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle", timeout=TIMEOUT)
    saved = load_project(path)
    assert saved.history.epoch
    w.files.new_project()
    assert w.live.loss.epochs().size == 0
    w.files.open_path(path)
    assert list(w.live.loss.epochs()) == saved.history.epoch


def test_the_fitted_normaliser_goes_into_the_document_with_the_weights(rig):
    """Inputs scaled for training must be scaled alike for predictions: the run's statistics are
    part of the "Train epochs" undo step, and the probes show the data in its own units."""
    p = xor_with_weights(epochs=30)
    p.data.source = {"kind": "table", "inputs": [[0, 0], [0, 10], [10, 0], [10, 10]],
                     "targets": [[0], [1], [1], [0]]}
    p.data.normalize = "minmax"
    r = rig(p)
    r.c.train()
    r.wait_state("idle")
    r.qtbot.waitUntil(lambda: r.snaps and r.snaps[-1].status == "finished", timeout=TIMEOUT)
    assert r.doc.project.data.normalizer == {"kind": "minmax", "offset": [0.0, 0.0], "scale": [10.0, 10.0]}
    probe = r.snaps[-1].probe
    assert np.array_equal(probe.inputs, [[0, 0], [0, 10], [10, 0], [10, 10]])      # raw, not [0, 1]
    assert probe.boundary.x_range[0] < 0.0 and probe.boundary.x_range[1] > 10.0
    assert r.stack.count() == 1
    r.stack.undo()
    assert r.doc.project.data.normalizer is None


def test_the_start_page_offers_nothing_to_train(qtbot, tmp_path, monkeypatch):
    from nnstudio.ui.window.main_window import MainWindow
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "settings.ini"))
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    a = w.act
    assert w.on_start_page()
    assert not any(x.isEnabled() for x in (a.train, a.step, a.step_epoch, a.reset_weights, a.pause, a.stop))
    w.files.new_project()
    assert not w.on_start_page() and all(x.isEnabled() for x in (a.train, a.step, a.step_epoch, a.reset_weights))
