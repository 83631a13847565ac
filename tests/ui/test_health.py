"""Training health through the window (issue 10): a run that goes wrong is said in plain words in
the status bar and the Problems panel, and a trained network raises no false alarm."""
from __future__ import annotations

import copy

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from nnstudio.training import health
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import Edge, History, Node, Project
from nnstudio.ui.commands.edits import SetNodeConfig, SetNodeLabel, SetTraining
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.window.main_window import MainWindow
from nnstudio.ui.panels.activations import find_warnings

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: pytest.fail(f"a message box: {a[1:3]}"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.speed.set_full_speed()       # these tests wait for runs to end (Auto paces tiny runs for watching)
    yield w
    w.close()


def open_example(w: MainWindow, name: str, **training) -> None:
    w.files.open_example(EXAMPLES_DIR / f"{name}.json")
    spec = copy.deepcopy(w.doc.project.training)
    for key, value in training.items():
        setattr(spec, key, value)
    w.stack.push(SetTraining(w.doc, spec, "training"))


def train(w: MainWindow, qtbot) -> None:
    """F5, then wait until every view (the canvas is the last) has had the final snapshot."""
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.training.last_snapshot is not None
                    and w.training.last_snapshot.status in ("finished", "diverged"), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: w.live.canvas_live.probe is w.training.last_snapshot.probe, timeout=TIMEOUT)


def training_entries(w: MainWindow) -> list[str]:
    texts = [w.problems.list.item(i).text() for i in range(w.problems.list.count())]
    return [t for t in texts if t.startswith("Training:")]


def test_lr_1e6_gives_a_plain_words_warning_that_clears_when_the_settings_change(window, qtbot):
    w = window
    open_example(w, "xor_5_hidden", epochs=200, optimizer={"kind": "sgd", "lr": 1e6})
    train(w, qtbot)
    # Every neuron is stuck at 1 (the run "finishes" with no error of its own).
    assert w.training.last_snapshot.status == "finished"
    # The status bar says it in a few words ...
    message = w.statusBar().currentMessage()
    assert message == "Output stuck at 1.000: lower the Learning rate"
    # ... and Problems says it all: what happens, which control to change, to what.
    assert [f.kind for f in w.problems.training_findings()] == ["stuck"]
    entries = training_entries(w)
    assert len(entries) == 1
    assert "same answer" in entries[0] and "stopped learning" in entries[0]
    assert "Lower the Learning rate in the Training tab (it is 1,000,000; try 0.1)" in entries[0]
    assert "Reset weights" in entries[0]
    assert "1 warning" in w.problems.summary.text()
    # Clicking it shows the training settings.
    seen: list[tuple[str, str]] = []
    w.problems.activated.connect(lambda kind, ident: seen.append((kind, ident)))
    item = next(w.problems.list.item(i) for i in range(w.problems.list.count())
                if w.problems.list.item(i).text().startswith("Training:"))
    w.problems.list.itemClicked.emit(item)
    assert seen == [("project", "training")]
    # Acting on the advice (a new learning rate) clears the warning.
    spec = copy.deepcopy(w.doc.project.training)
    spec.optimizer = {"kind": "sgd", "lr": 0.5}
    w.stack.push(SetTraining(w.doc, spec, "optimizer"))
    assert w.problems.training_findings() == [] and training_entries(w) == []


def test_an_exploding_loss_is_reported_and_drawn_on_a_log_axis(window, qtbot):
    w = window
    open_example(w, "overfitting_moons", optimizer={"kind": "sgd", "lr": 1e6})
    train(w, qtbot)
    losses = w.live.loss.losses()
    assert np.nanmax(losses) > 1e4 * losses[0]              # it spans many decades
    assert [f.kind for f in w.problems.training_findings()] == ["growing"]
    message = w.statusBar().currentMessage()
    assert message == "Loss exploded: lower the Learning rate (Problems)"
    entry = training_entries(w)[0]
    assert "learning rate is too high" in entry and health.number(losses[0]) in entry
    panel = w.live.loss
    assert panel.log_scale()                                 # switched by itself
    labels = panel.loss_tick_labels()
    assert len(labels) >= 3 and labels != ["0"]


@pytest.mark.parametrize("name, epochs", [("xor_dense", 300), ("xor_5_hidden", 10_000)])
def test_a_trained_xor_gives_no_saturation_warning(window, qtbot, name, epochs):
    w = window
    open_example(w, name, epochs=epochs)
    train(w, qtbot)
    snap = w.training.last_snapshot
    assert snap.accuracy == 1.0
    assert w.problems.training_findings() == [] and training_entries(w) == []
    assert "Saturated" not in w.statusBar().currentMessage()
    # Some sigmoid units do sit at their rails (so this is the case the false alarm came from) ...
    sigmoid = [n for n in w.doc.project.nodes if n.config.get("activation") == "sigmoid"]
    saturated = [n.id for n in sigmoid
                 if find_warnings(np.asarray(snap.probe.node_outputs[n.id]).reshape(4, -1), "sigmoid")]
    assert saturated == [w.doc.project.outputs[0]]
    # ... but with the loss this low the Activations panel does not warn about them.
    for node_id in saturated:
        w.canvas.select_ids([node_id])
        assert w.live.activations.unit_means().size > 0
        assert w.live.activations.warnings() == [] and w.live.activations.warning_message() == ""
        assert not w.live.activations.warning_box.isVisibleTo(w.live.activations)


def test_a_reopened_trained_xor_gives_no_saturation_warning_until_its_weights_change(window, qtbot, tmp_path):
    w = window
    open_example(w, "xor_dense")
    train(w, qtbot)
    path = tmp_path / "trained.json"
    assert w.files.write(path)
    assert w.files.open_path(path)
    w.canvas.select_ids(["out"])
    panel = w.live.activations
    # The preview shows the saved weights; the saved loss says they are trained.
    qtbot.waitUntil(lambda: panel.unit_means().size == 1, timeout=TIMEOUT)
    values = np.asarray(w.live.preview.last.probe.node_outputs["out"]).reshape(4, -1)
    assert find_warnings(values, "sigmoid") == [("saturated", [0])]
    assert panel.warnings() == [] and w.problems.training_findings() == []
    # A hand edit of a weight: the saved loss no longer describes the network, so the panel warns
    # again (as it does for a network never trained) until the next epoch measures the loss.
    edge_free = next(n for n in w.doc.project.nodes if n.id == "out")
    params = {k: np.array(v) for k, v in edge_free.params.items()}
    params["b"] = params["b"] + 0.01
    from nnstudio.ui.commands.edits import SetNodeParams
    w.stack.push(SetNodeParams(w.doc, "out", params))
    qtbot.waitUntil(lambda: panel.warnings() == [("saturated", [0])], timeout=TIMEOUT)


def test_saturation_is_still_flagged_while_the_loss_is_high(window, qtbot):
    w = window
    open_example(w, "xor_5_hidden", epochs=200, optimizer={"kind": "sgd", "lr": 1e6})
    train(w, qtbot)
    w.canvas.select_ids(["y"])
    assert [kind for kind, _ in w.live.activations.warnings()] == ["saturated"]
    assert "Saturated sigmoid" in w.live.activations.warning_message()


def test_the_activations_panel_follows_a_rename(window, qtbot):
    w = window
    open_example(w, "xor_5_hidden")
    w.canvas.select_ids(["y"])
    assert "y" in w.live.activations.title.text() or "y" in w.live.activations.hint.text()
    w.stack.push(SetNodeLabel(w.doc, "y", "answer"))
    shown = w.live.activations.title.text() + w.live.activations.hint.text()
    assert "answer" in shown
    w.stack.undo()
    shown = w.live.activations.title.text() + w.live.activations.hint.text()
    assert "answer" not in shown


def _snap(status: str, epochs: list[int], losses: list[float], message: str = "") -> LiveSnapshot:
    n = len(epochs)
    return LiveSnapshot(status, message=message, epoch=epochs[-1] if epochs else 0, total_epochs=100,
                        new_history=History(list(epochs), list(losses), [None] * n, [None] * n, [None] * n))


def test_a_growing_loss_is_reported_while_the_run_goes_on_and_cleared_when_it_recovers(window, qtbot):
    w = window
    open_example(w, "xor_dense")
    # The preview of the opened network brings the targets, hence the level of guessing.
    qtbot.waitUntil(lambda: w.live.health.chance == pytest.approx(np.log(2)), timeout=TIMEOUT)
    health_view = w.live.health
    health_view.update_snapshot(_snap("running", [1, 2, 3], [0.7, 0.69, 0.68]))
    assert w.problems.training_findings() == []
    health_view.update_snapshot(_snap("running", [4, 5, 6, 7, 8], [3.0, 40.0, 900.0, 5e4, 2e6]))
    assert [f.kind for f in w.problems.training_findings()] == ["growing"]
    assert w.statusBar().currentMessage() == "Loss exploded: lower the Learning rate (Problems)"
    # A plateau is not judged while running (it may still break) ...
    health_view.update_snapshot(_snap("running", list(range(9, 40)), [0.69] * 31))
    assert w.problems.training_findings() == []
    # ... but it is when the run ends.
    health_view.update_snapshot(_snap("finished", [40], [0.69]))
    assert [f.kind for f in w.problems.training_findings()] == ["chance"]


def test_a_diverged_run_says_why_it_stopped(window):
    w = window
    open_example(w, "xor_dense")
    w.live.health.update_snapshot(_snap("running", [1, 2], [0.7, 5.0]))
    w.live.health.update_snapshot(_snap("diverged", [], [], "the loss became inf in epoch 3, batch 1"))
    found = w.problems.training_findings()
    assert found[0].kind == "not_finite" and "training stopped" in found[0].what
    assert training_entries(w)[0].startswith("Training: The loss became too large to compute")
    # Undoing nothing but editing the network clears it: the warning was about the old one.
    w.stack.push(SetNodeLabel(w.doc, "out", "answer"))          # a new name changes nothing
    assert w.problems.training_findings() != []
    node = w.doc.project.node("hidden")
    config = dict(node.config, activation="relu")
    w.stack.push(SetNodeConfig(w.doc, "hidden", config))
    assert w.problems.training_findings() == [] and training_entries(w) == []


# --- a run stopped by a non-finite loss: why, what to try, and the weights it keeps ----------------
def line_project(lr: float, scale: float = 1.0, clip_norm: float | None = None) -> Project:
    """y = 2x with one linear dense unit on three samples (x = 1, 2, 3 times `scale`), full-batch SGD
    on mse from written-out weights; no input normalisation. A huge `lr` overflows the loss."""
    p = Project()
    p.nodes = [Node("x", "input", "x", (0, 0), {"shape": [1]}),
               Node("d", "dense", "d", (200, 0), {"units": 1, "activation": "linear"})]
    p.nodes[1].params = {"W": np.array([[0.5]]), "b": np.array([0.25])}
    p.edges = [Edge("e", "x", "d")]
    p.inputs, p.outputs = ["x"], ["d"]
    x = [[scale], [2 * scale], [3 * scale]]
    p.data.source = {"kind": "table", "inputs": x, "targets": [[2 * v[0]] for v in x]}
    t = p.training
    t.loss, t.epochs, t.optimizer, t.clip_norm = "mse", 10_000, {"kind": "sgd", "lr": lr}, clip_norm
    return p


def last_finite_weights(p: Project) -> tuple[float, float, int]:
    """Full-batch SGD on mse for y = w·x + b written out by hand (no clipping): the weights of the
    last step whose loss was finite, and the updates made until the loss overflowed."""
    x = np.array([row[0] for row in p.data.source["inputs"]])
    t = np.array([row[0] for row in p.data.source["targets"]])
    w, b = float(p.node("d").params["W"][0, 0]), float(p.node("d").params["b"][0])
    lr = p.training.optimizer["lr"]
    kept = (w, b)
    with np.errstate(over="ignore", invalid="ignore"):
        for updates in range(10_000):
            y = w * x + b
            if not np.isfinite(np.mean((y - t) ** 2)):
                return kept[0], kept[1], updates
            kept = (w, b)
            dy = 2 * (y - t) / len(x)
            w, b = w - lr * float(np.sum(dy * x)), b - lr * float(np.sum(dy))
    raise AssertionError("the loss never overflowed")


def run_to_divergence(w: MainWindow, qtbot, project: Project) -> None:
    w.files.install(project)
    # The preview of the installed weights brings the probe (its inputs decide the normalising advice).
    qtbot.waitUntil(lambda: w.live.preview.last is not None and w.live.preview.last.probe is not None,
                    timeout=TIMEOUT)
    train(w, qtbot)
    assert w.training.last_snapshot.status == "diverged"


def test_a_run_stopped_by_a_non_finite_loss_says_why_and_what_to_try_and_keeps_the_last_finite_weights(
        window, qtbot):
    w = window
    project = line_project(lr=1e6)
    expected_w, expected_b, updates = last_finite_weights(project)
    assert updates > 5                                       # a few steps grew before the overflow
    run_to_divergence(w, qtbot, project)
    # Why it stopped and what to try: in the status bar in a few words, in Problems in full.
    assert w.statusBar().currentMessage() == "Stopped: loss too big to compute (see Problems)"
    # (the loss also grew step by step before it overflowed: said second, as the reason for the advice)
    assert [f.kind for f in w.problems.training_findings()] == ["not_finite", "growing"]
    entries = training_entries(w)
    assert len(entries) == 2 and "learning rate is too high" in entries[1]
    entry = entries[0]
    assert "The loss became too large to compute, so training stopped" in entry
    assert "Lower the Learning rate in the Training tab (it is 1,000,000; try 0.1)" in entry
    assert "Turn on Clip gradients (global norm) in the Training tab, for example at 1.0" in entry
    assert "Set Normalize inputs in the Data tab to standard" in entry     # off, and inputs up to 3
    assert entry.endswith("Then press Reset weights and train again.")
    # The document keeps the weights of the last step whose loss was finite: the hand-written SGD's.
    params = w.doc.project.node("d").params
    assert np.isfinite(params["W"]).all() and np.isfinite(params["b"]).all()
    assert params["W"][0, 0] == pytest.approx(expected_w, rel=1e-9)
    assert params["b"][0] == pytest.approx(expected_b, rel=1e-9)
    assert abs(params["W"][0, 0]) > 1e100                   # far from the initial 0.5: it did train
    # One update an epoch: every epoch whose loss was finite is in the history, none after.
    assert w.doc.project.history.epoch == list(range(1, updates + 1))
    assert np.isfinite(w.doc.project.history.loss).all()


def test_the_non_finite_advice_leaves_out_what_does_not_apply(window, qtbot):
    """Clipping on already (so: clip harder), inputs within ±1 (so: no normalising)."""
    w = window
    project = line_project(lr=1e300, scale=0.1, clip_norm=0.5)
    before = {k: v.copy() for k, v in project.node("d").params.items()}
    run_to_divergence(w, qtbot, project)
    entry = training_entries(w)[0]
    assert "Lower the Learning rate in the Training tab (it is 1e+300; try 0.1)" in entry
    assert "Lower Clip gradients (global norm) in the Training tab (it is 0.5; try 0.05)" in entry
    assert "Turn on Clip" not in entry and "Normalize inputs" not in entry
    # The first update (clipped to norm 0.5, times 1e300) already broke the loss: the weights kept
    # are the ones from before it, the starting ones.
    params = w.doc.project.node("d").params
    assert all(np.array_equal(params[k], before[k]) for k in before)
