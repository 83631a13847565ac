"""Training health: the chance levels, and each finding on real runs and on made-up histories."""
from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest

from nnstudio.engine import losses as engine_losses
from nnstudio.training import health
from nnstudio.project.io import load_project
from nnstudio.training.runner import TrainingRun

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def trained(name: str, optimizer: dict | None = None, epochs: int | None = None) -> tuple:
    """(project, run, outputs on every sample) after training the example."""
    project = load_project(EXAMPLES / f"{name}.json")
    if optimizer is not None:
        project.training.optimizer = optimizer
    if epochs is not None:
        project.training.epochs = epochs
    run = TrainingRun(project)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)     # overflow is what these runs do
        final = run.run()
        outputs = run.evaluate()["outputs"]
    return project, run, final, outputs


def judge(project, run, final, outputs) -> list[health.Finding]:
    t = project.training
    found = health.assess(run.history.loss, t.loss, run.all_samples().targets, outputs=outputs,
                          optimizer=t.optimizer["kind"], lr=t.optimizer["lr"],
                          diverged=final.message or None, classes=outputs.shape[1])
    for finding in found:       # the status bar at 1280 pixels, beside its readouts
        assert 0 < len(finding.headline) <= health.HEADLINE, finding.headline
    return found


# --- the chance level --------------------------------------------------------------------------
def test_chance_levels_of_balanced_targets():
    xor = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert health.chance_loss("binary_crossentropy", xor) == pytest.approx(math.log(2))
    assert health.chance_loss("mse", xor) == pytest.approx(0.25)
    assert health.chance_loss("half_sse", xor) == pytest.approx(0.125)
    three = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    assert health.chance_loss("categorical_crossentropy", three) == pytest.approx(math.log(3))
    assert health.chance_loss("sparse_categorical_crossentropy", np.array([0, 1, 2, 3]), 4) == pytest.approx(
        math.log(4))


@pytest.mark.parametrize("loss, targets", [
    ("mse", np.array([[0.2, 3.0], [1.0, -1.0], [0.7, 0.5], [2.0, 2.0], [0.1, 0.0]])),
    ("half_sse", np.array([[0.2, 3.0], [1.0, -1.0], [0.7, 0.5], [2.0, 2.0], [0.1, 0.0]])),
    ("binary_crossentropy", np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])),
    ("categorical_crossentropy", np.eye(3)[[0, 0, 0, 1, 2, 2]]),
])
def test_chance_is_the_engines_loss_of_the_best_constant_answer(loss, targets):
    """Unbalanced targets: the engine's own loss of the column means (the best constant) matches,
    and any other constant scores worse."""
    chance = health.chance_loss(loss, targets)
    best = np.tile(targets.mean(axis=0), (len(targets), 1))
    assert engine_losses.value_only(loss, best, targets) == pytest.approx(chance)
    rng = np.random.default_rng(0)
    for _ in range(20):
        other = np.clip(best + rng.normal(0, 0.05, size=best.shape[1]), 0.01, 0.99)
        if loss == "categorical_crossentropy":
            other = other / other.sum(axis=1, keepdims=True)
        assert engine_losses.value_only(loss, other, targets) >= chance - 1e-12


def test_sparse_chance_uses_class_frequencies():
    labels = np.array([0, 0, 0, 1])
    p = np.array([0.75, 0.25, 0.0])
    assert health.chance_loss("sparse_categorical_crossentropy", labels, 3) == pytest.approx(
        -(p[:2] * np.log(p[:2])).sum())


def test_chance_is_unknown_without_targets_or_for_an_unknown_loss():
    assert health.chance_loss("mse", np.zeros((0, 1))) is None
    assert health.chance_loss("hinge", np.ones((3, 1))) is None
    assert health.loss_is_high(0.1, None) is None
    assert health.loss_is_high(None, 0.5) is None
    assert health.loss_is_high(0.2, 0.5) is True
    assert health.loss_is_high(0.1, 0.5) is False
    assert health.loss_is_high(math.inf, 0.5) is True


# --- real runs -----------------------------------------------------------------------------------
def test_lr_1e6_on_xor_is_stuck_and_says_what_to_do():
    project, run, final, outputs = trained("xor_5_hidden", {"kind": "sgd", "lr": 1e6})
    assert np.ptp(outputs) == 0.0                           # every output is the same
    found = judge(project, run, final, outputs)
    assert [f.kind for f in found] == ["stuck"]
    text = found[0].text
    assert "same answer" in text and "Learning rate" in text and "Training tab" in text
    assert "1,000,000" in text and "try 0.1" in text and "Reset weights" in text
    assert found[0].headline == "Output stuck at 1.000: lower the Learning rate"


def test_lr_1e6_on_moons_reports_the_exploded_loss():
    project, run, final, outputs = trained("overfitting_moons", {"kind": "sgd", "lr": 1e6})
    assert max(run.history.loss[-5:]) > 1000 * run.history.loss[0]
    found = judge(project, run, final, outputs)
    assert [f.kind for f in found] == ["growing"]
    assert "exploded" in found[0].what and "learning rate is too high" in found[0].what
    assert health.number(run.history.loss[0]) in found[0].what


def test_a_non_finite_loss_is_reported_first():
    project, run, final, outputs = trained("digits_mlp", {"kind": "sgd", "lr": 1e6}, epochs=2)
    assert final.message                                     # the engine stopped the run
    found = judge(project, run, final, outputs)
    assert found[0].kind == "not_finite" and "too large to compute" in found[0].what
    assert "Lower the Learning rate" in found[0].advice


@pytest.mark.parametrize("name", ["xor_5_hidden", "xor_dense", "overfitting_moons", "iris_csv",
                                  "backprop_worked_example"])
def test_examples_that_train_well_have_nothing_to_report(name):
    assert judge(*trained(name)) == []


def test_a_plateau_at_chance_after_enough_epochs():
    project, run, final, outputs = trained("xor_5_hidden", {"kind": "sgd", "lr": 0.1}, epochs=100)
    chance = health.chance_loss("half_sse", run.all_samples().targets)
    assert run.history.loss[-1] >= health.CHANCE_SHARE * chance
    found = judge(project, run, final, outputs)
    assert [f.kind for f in found] == ["chance"]
    assert health.number(chance) in found[0].what and "Adam" in found[0].advice


# --- made-up histories -------------------------------------------------------------------------
def test_growing_is_measured_from_the_runs_start():
    losses = [2.0, 0.3, 0.2, 0.1, 0.1, 0.4, 0.9, 1.0, 1.1, 1.2]
    assert health.growing(losses, "sgd", 1.0) is None               # still below the first 2.0
    finding = health.growing(losses, "sgd", 1.0, start=3)           # a second run began at 0.1
    assert finding is not None and "is growing" in finding.what
    assert health.growing([0.5, 0.6, 0.7], "sgd", 1.0) is None       # 1.4×: noise, not growth


def test_while_running_only_growth_is_reported():
    flat = [0.25] * 50
    stuck = np.ones((4, 1))
    targets = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert health.assess(flat, "mse", targets, outputs=stuck, ended=False) == []
    assert [f.kind for f in health.assess(flat, "mse", targets, outputs=stuck)] == ["stuck"]
    assert [f.kind for f in health.assess(flat, "mse", targets)] == ["chance"]
    assert health.assess(flat[:health.MIN_EPOCHS - 1], "mse", targets) == []     # too early to say


def test_identical_outputs_are_fine_when_the_loss_is_low_or_the_targets_constant():
    same = np.full((4, 1), 0.5)
    targets = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert health.assess([0.25, 0.01, 0.01, 0.01], "mse", targets, outputs=same) == []     # low loss
    assert health.assess([0.3, 0.3], "mse", np.full((4, 1), 0.5), outputs=same) == []


def test_advice_follows_the_optimizer_and_the_learning_rate():
    assert "switch the Optimizer to Adam" in health.lower_lr_advice("sgd", 10.0)
    adam = health.lower_lr_advice("adam", 1.0)
    assert "try 0.01" in adam and "Adam" not in adam
    assert "try 0.001" in health.lower_lr_advice("adam", 0.01)          # already usual: a tenth


def test_stuck_names_the_value_of_a_single_output_only():
    one = health.stuck(np.full((5, 1), 0.25), "sgd", 0.1)
    many = health.stuck(np.tile([1.0, 0.0, 0.5, 0.5, 0.0], (6, 1)), "adam", 0.001)
    assert one.headline == "Output stuck at 0.250: press Reset weights"
    assert many.headline == "Outputs stuck: press Reset weights" and "1.000, 0.000, 0.500, 0.500, …" in many.what
    assert health.stuck(np.array([[0.2], [0.2], [0.3]]), "sgd", 0.1) is None      # they differ


# --- a non-finite loss: why, and what to try ------------------------------------------------------
def test_a_non_finite_loss_suggests_clipping_when_it_is_off_and_a_smaller_clip_when_it_is_on():
    off = health.not_finite("sgd", 1e6)
    assert "Turn on Clip gradients (global norm) in the Training tab, for example at 1.0" in off.advice
    on = health.not_finite("adam", 0.5, clip_norm=5.0)
    assert "Turn on" not in on.advice
    assert "Lower Clip gradients (global norm) in the Training tab (it is 5; try 1)" in on.advice
    tight = health.not_finite("adam", 0.5, clip_norm=0.5)
    assert "(it is 0.5; try 0.05)" in tight.advice
    for finding in (off, on, tight):
        assert finding.advice.startswith("Lower the Learning rate in the Training tab")
        assert finding.advice.endswith("Then press Reset weights and train again.")
        assert 0 < len(finding.headline) <= health.HEADLINE


@pytest.mark.parametrize("normalize, inputs_small, suggested", [
    ("none", None, True), (None, None, True), ("none", False, True),
    ("none", True, False), ("standard", None, False), ("minmax", False, False),
])
def test_a_non_finite_loss_suggests_normalising_only_unnormalised_inputs_not_known_to_be_small(
        normalize, inputs_small, suggested):
    finding = health.not_finite("sgd", 10.0, normalize=normalize, inputs_small=inputs_small)
    assert ("Set Normalize inputs in the Data tab to standard" in finding.advice) is suggested
    assert "Lower the Learning rate" in finding.advice and "Clip gradients" in finding.advice


def test_inputs_are_small_within_one():
    assert health.inputs_are_small(np.array([[0.0, 1.0], [1.0, -1.0]])) is True
    assert health.inputs_are_small(np.array([[0.0, 16.0]])) is False
    assert health.inputs_are_small(np.array([[0.5, np.nan]])) is True      # a missing value is not large
    assert health.inputs_are_small(np.zeros((0, 2))) is False
    assert health.inputs_are_small(None) is None


def test_assess_hands_the_settings_to_the_non_finite_advice():
    found = health.assess([0.7, 5.0], "mse", optimizer="sgd", lr=1e6, diverged="the loss became inf",
                          clip_norm=2.0, normalize="standard")
    assert found[0].kind == "not_finite"
    assert "(it is 2; try 1)" in found[0].advice and "Normalize inputs" not in found[0].advice
