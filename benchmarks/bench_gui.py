"""Training with the live window against training headless, and how responsive the window stays.

    python benchmarks/bench_gui.py [--repeat 5] [--xor-epochs 12000] [--mlp-epochs 8]

Each case trains the same project twice: headless (TrainingRun.run, as `nnstudio train` does) and
through the main window's TrainingController with the window and all five live panels visible
(floating, so none hides behind a tab). While the window trains, a 10 ms QTimer records how late
the event loop runs each tick. Cases: the XOR example (xor_5_hidden.json, batch size 1, 12,000
epochs = 48,000 steps) and a 784-128-64-10 MLP (Adam, batch 32, float32) on 20,000 random
MNIST-shaped samples for 8 epochs. Runs are several seconds long: long enough that the fixed
~0.2 s of a run in the window that headless training does not have (starting the thread, the
first frame building every view's items, writing the weights back as one undo step) does not
stand for throughput, which is what is compared. The window trains at Full speed (its speed
control's "Auto" would pace the tiny XOR run for watching), and the run checks that it did.

Before the cases, one line measures what a probe of the digits CNN (examples/digits_cnn.json) sends
from the engine process per snapshot: the bytes of its arrays after the engine's ProbeCache has
left out those sent before, for a run of its epochs, against what the same probes would weigh if every
conv and pool output crossed for all 1,000 probed samples (training.probes.BUDGETS).

The throughput ratio is headless time / window time, the median over --repeat pairs of runs done
back to back (both include compiling and loading the data). The latency percentiles are over
every tick of every window run. The last line is JSON for the worse of the two cases:
{"throughput_ratio": …, "latency_p50_ms": …, "latency_p99_ms": …}.
Goal: ratio ≥ 0.8 and p99 ≤ 50 ms. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from nnstudio.project.io import load_project  # noqa: E402
from nnstudio.project.model import Edge, Node, Project  # noqa: E402
from nnstudio.training.runner import TrainingRun  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TICK_MS = 10


def xor_project(epochs: int) -> Project:
    p = load_project(EXAMPLES / "xor_5_hidden.json")
    p.training.epochs = epochs
    return p


def mlp_project(folder: str, epochs: int, n: int = 20_000) -> Project:
    """784-128-64-10 relu/relu/softmax on random MNIST-shaped data saved as an .npz file."""
    rng = np.random.default_rng(0)
    path = os.path.join(folder, "mnist_shaped.npz")
    np.savez(path, x=rng.random((n, 784), dtype=np.float32), y=rng.integers(0, 10, n))
    p = Project()
    p.nodes = [Node("x", "input", "x", (0, 0), {"shape": [784]}),
               Node("d1", "dense", "d1", (200, 0), {"units": 128, "activation": "relu", "init": "he_uniform"}),
               Node("d2", "dense", "d2", (400, 0), {"units": 64, "activation": "relu", "init": "he_uniform"}),
               Node("out", "dense", "out", (600, 0), {"units": 10, "activation": "softmax"})]
    p.edges = [Edge("e1", "x", "d1"), Edge("e2", "d1", "d2"), Edge("e3", "d2", "out")]
    p.inputs, p.outputs = ["x"], ["out"]
    p.data.source = {"kind": "npz", "path": path, "inputs": "x", "targets": "y"}
    t = p.training
    t.loss, t.dtype, t.epochs, t.batch_size, t.shuffle = "sparse_categorical_crossentropy", "float32", epochs, 32, True
    t.optimizer = {"kind": "adam", "lr": 0.001}
    return p


def headless(project: Project) -> float:
    t0 = time.perf_counter()
    TrainingRun(project.copy()).run()
    return time.perf_counter() - t0


class Window:
    """One main window with every live panel floating and visible."""

    def __init__(self, app: QApplication) -> None:
        from nnstudio.ui.window.main_window import MainWindow
        self.app = app
        self.settings_dir = tempfile.TemporaryDirectory()
        os.environ["NNSTUDIO_SETTINGS"] = os.path.join(self.settings_dir.name, "bench.ini")
        w = self.window = MainWindow()
        w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        w.resize(1400, 900)
        w.show()
        w.speed.set_full_speed()        # what is measured is throughput, not a pace for the eye
        assert w.training.pace == "full"
        w.files.new_project()
        for k, dock in enumerate(w.live.docks):
            dock.setFloating(True)
            dock.setGeometry(40 + (k % 3) * 460, 60 + (k // 3) * 380, 440, 340)
            dock.show()
        self.pump(0.3)

    def pump(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()

    def train(self, project: Project) -> tuple[float, list[float], int]:
        """Seconds from F5 to the end, the event loop's lateness per tick (ms), snapshots seen."""
        w = self.window
        w.files.install(project.copy())
        self.pump(0.3)
        late: list[float] = []
        seen = [0]
        last = [0.0]

        def tick() -> None:
            now = time.perf_counter()
            late.append(max(0.0, (now - last[0]) * 1000 - TICK_MS))
            last[0] = now

        def snapshot(_snap: object) -> None:
            seen[0] += 1

        loop = QEventLoop()     # not app.exec(): QApplication.quit() would close the window

        def state_changed(state: str) -> None:
            if state == "idle":
                loop.quit()

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        w.training.snapshot.connect(snapshot)
        w.training.stateChanged.connect(state_changed)
        t0 = last[0] = time.perf_counter()
        timer.start()
        w.act.train.trigger()
        loop.exec()
        elapsed = time.perf_counter() - t0
        timer.stop()
        w.training.snapshot.disconnect(snapshot)
        w.training.stateChanged.disconnect(state_changed)
        return elapsed, late[1:], seen[0]

    def close(self) -> None:
        self.window.close()
        self.settings_dir.cleanup()


def array_bytes(value: object, seen: set[int] | None = None) -> int:
    """The bytes of every NumPy array in `value` (dataclasses, dicts, lists), each counted once."""
    import dataclasses
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(array_bytes(getattr(value, f.name), seen) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return sum(array_bytes(v, seen) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(array_bytes(v, seen) for v in value)
    return 0


def probe_weight() -> dict:
    """Bytes of arrays per probe-carrying snapshot of a digits CNN run, as the engine
    process sends them (ProbeCache drops what crossed before), and without the probe budgets."""
    from nnstudio.project.graph import infer_shapes
    from nnstudio.training.engine_process import ProbeCache
    from nnstudio.training.live import PROBE_SAMPLES
    from nnstudio.training.session import TrainingSession
    project = load_project(EXAMPLES / "digits_cnn.json")       # its 20 epochs: a few seconds
    sent: list = []
    session = TrainingSession(project, send=lambda kind, payload: sent.append(payload) if kind == "snapshot" else None)
    session.set_wants(True, True, 0)
    session.run_session()
    cache, sizes = ProbeCache(), []
    for snap in sent:
        if snap.probe is not None:
            lean, _ = cache.strip(snap)
            sizes.append(array_bytes(lean))
    shapes = infer_shapes(project).out
    images = [n.id for n in project.nodes if shapes.get(n.id) is not None and len(shapes[n.id]) == 3]
    whole = sum(PROBE_SAMPLES * int(np.prod(shapes[i])) * 8 for i in images)
    result = {"case": "digits_cnn_probe", "snapshots": len(sizes), "first_bytes": sizes[0],
              "bytes_per_snapshot": int(np.median(sizes[1:] or sizes)),
              "image_outputs_unbudgeted_bytes": whole}
    print(json.dumps(result), flush=True)
    return result


def case(name: str, project: Project, window: Window, repeat: int) -> dict:
    """Headless and window runs in pairs, back to back, so that the machine's speed (which drifts
    by ±20 % from one run to the next on shared VMs) is about the same for both halves of a pair;
    the ratio is the median over the pairs."""
    pairs, runs = [], []
    for _ in range(repeat):
        plain = headless(project)
        runs.append(window.train(project))
        pairs.append((plain, runs[-1][0]))
    ratios = sorted(p / g for p, g in pairs)
    lateness = np.array([x for r in runs for x in r[1]] or [0.0])
    result = {"case": name, "headless_s": [round(p, 3) for p, _ in pairs],
              "window_s": [round(g, 3) for _, g in pairs],
              "throughput_ratio": round(float(np.median(ratios)), 3),
              "snapshots_per_s": round(float(np.median([r[2] / r[0] for r in runs])), 1),
              "latency_p50_ms": round(float(np.percentile(lateness, 50)), 2),
              "latency_p99_ms": round(float(np.percentile(lateness, 99)), 2),
              "latency_max_ms": round(float(lateness.max()), 2)}
    print(json.dumps(result), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    global TICK_MS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--xor-epochs", type=int, default=12_000)
    parser.add_argument("--mlp-epochs", type=int, default=8)
    parser.add_argument("--tick-ms", type=int, default=10,
                        help="the latency probe's interval; each tick takes the GIL from a training "
                             "thread, which costs tiny networks noticeably (try 1000 to see how much)")
    args = parser.parse_args(argv)
    TICK_MS = args.tick_ms
    probe_weight()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = Window(app)
    with tempfile.TemporaryDirectory() as folder:
        results = [case("xor_5_hidden", xor_project(args.xor_epochs), window, args.repeat),
                   case("mlp_784_128_64_10", mlp_project(folder, args.mlp_epochs), window, args.repeat)]
        window.close()
    worst = {"throughput_ratio": min(r["throughput_ratio"] for r in results),
             "latency_p50_ms": max(r["latency_p50_ms"] for r in results),
             "latency_p99_ms": max(r["latency_p99_ms"] for r in results)}
    print(json.dumps(worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
