"""The evaluation panel and the live probe on sequence networks: the recurrent examples, and a
per-step classifier whose outputs are [time, classes] (its confusion counts every step)."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from nnstudio.project.io import load_project
from nnstudio.training import live
from nnstudio.training.live import LiveSnapshot
from nnstudio.training.probes import evaluation
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.panels.evaluation import EvaluationPanel

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "training"))
from test_rnn_parity import CLASSES, N, T, project  # noqa: E402


def show(qtbot, run: TrainingRun, project) -> EvaluationPanel:
    panel = EvaluationPanel()
    qtbot.addWidget(panel)
    panel.update_snapshot(LiveSnapshot(status="running", probe=live.make_probe(project, run.model, run.all_samples())))
    return panel


def test_a_per_step_classifier_counts_every_step(qtbot):
    p = project("lstm", per_step=True)
    run = TrainingRun(p)
    run.run(3)
    ev = evaluation(run.model, run.all_samples())
    assert ev.kind == "classification" and ev.outputs.shape == (N, T, CLASSES)
    assert ev.confusion.shape == (CLASSES, CLASSES) and ev.confusion.sum() == N * T
    steps_right = np.trace(ev.confusion) / (N * T)
    assert steps_right == pytest.approx(run.evaluate()["accuracy"])       # the same per-step accuracy
    predicted, truth = ev.outputs.argmax(axis=-1), ev.targets[..., 0]
    np.testing.assert_array_equal(ev.correct, (predicted == truth).all(axis=1))
    panel = show(qtbot, run, p)
    assert panel.mode() == "confusion"
    np.testing.assert_array_equal(panel.confusion(), ev.confusion)


@pytest.mark.parametrize("name", ["sine_lstm", "memory_rnn", "memory_lstm"])
def test_the_recurrent_examples_show_in_the_panel(qtbot, name):
    p = load_project(ROOT / "examples" / f"{name}.json")
    run = TrainingRun(p)
    run.run(1)
    panel = show(qtbot, run, p)
    assert panel.mode() == ("regression" if name == "sine_lstm" else "confusion")


@pytest.mark.parametrize("name", ["sine_lstm", "memory_lstm"])
def test_a_recurrent_example_trains_in_the_window(qtbot, open_window, name):
    """Opened from the gallery, trained by the engine process with the live views on, written back."""
    import copy

    from nnstudio.ui.commands.edits import SetTraining
    w = open_window((1400, 900), exposed=False)
    w.speed.set_full_speed()
    w.files.open_example(ROOT / "examples" / f"{name}.json")
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs = 2
    w.stack.push(SetTraining(w.doc, spec, "epochs"))
    before = np.array(w.doc.project.nodes[1].params.get("Wh", np.zeros(0)), copy=True)
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.training.last_snapshot is not None
                    and w.training.last_snapshot.status == "finished", timeout=20_000)
    assert w.doc.project.history.epoch == [1, 2]
    trained = np.asarray(w.doc.project.nodes[1].params["Wh"])
    assert trained.shape == (16, 64) and not np.array_equal(trained, before)
    assert w.training.last_snapshot.val_loss is not None


@pytest.mark.parametrize("name", ["sine_lstm", "memory_rnn"])
def test_the_backprop_panel_explains_a_recurrent_example_at_layer_level(qtbot, open_window, name):
    w = open_window((1400, 900))
    assert w.files.open_example(ROOT / "examples" / f"{name}.json")
    w.backprop_dock.raise_()
    panel = w.backprop
    qtbot.waitUntil(lambda: panel.is_shown() and not panel._dirty, timeout=10_000)
    assert panel.pages.currentIndex() == 1 and not panel.steps          # no neuron-level walk
    panel.layers_button.click()
    qtbot.waitUntil(lambda: "Forward pass, layer by layer" in panel.summary.toPlainText(), timeout=10_000)
    text = panel.summary.toPlainText()
    kind = w.doc.project.nodes[1].kind
    assert f" {kind} " in text and "[20, " in text and "Wh" in text
