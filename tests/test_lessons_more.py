"""Lessons 9 to 15 of the course (nnstudio/project/lesson_texts_more.py): each lesson's examples
are the comparison its text describes, and each claim its text makes holds with its numbers.
tests/test_lessons.py checks what every lesson shares (both texts, opening, training briefly)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from nnstudio.project.expansion import why_not_expand
from nnstudio.project.io import load_project
from nnstudio.project.lessons import lesson_for_example, lessons
from nnstudio.project.model import Project
from nnstudio.shipped import examples_dir
from nnstudio.training.runner import TrainingRun

LN2 = math.log(2)


def example(stem: str) -> Project:
    return load_project(examples_dir() / f"{stem}.json")


def trained(project: Project | str, epochs: int | None = None) -> TrainingRun:
    run = TrainingRun(example(project) if isinstance(project, str) else project)
    run.run(epochs)
    return run


def curve(run: TrainingRun, name: str) -> np.ndarray:
    return np.array(getattr(run.history, name), dtype=float)


def settings(project: Project, *leave_out: str) -> dict:
    """The project's network, data and training, without its name and the settings in `leave_out`
    (attributes of `training`): what two examples of one comparison must share."""
    t = project.training
    training = {k: v for k, v in vars(t).items() if k not in leave_out}
    nodes = [(n.id, n.kind, n.config) for n in project.nodes]
    return {"nodes": nodes, "inputs": project.inputs, "outputs": project.outputs, "data": project.data,
            "training": training}


def units(project: Project) -> list[int]:
    return [n.config["units"] for n in project.nodes if n.kind == "dense"]


# --- the catalogue ----------------------------------------------------------------------------

def test_lessons_nine_to_fifteen_and_their_examples():
    expected = {9: ("overfitting_moons", "overfitting_moons_l2", "overfitting_moons_dropout"),
                10: ("optimizers_sgd", "optimizers_momentum", "optimizers_adam"),
                11: ("schedule_constant", "schedule_step", "schedule_cosine"),
                12: ("init_zeros", "init_too_small", "init_too_large", "init_xavier"),
                13: ("digits_mlp_128_64",), 14: ("digits_cnn",),
                15: ("memory_rnn", "memory_lstm", "sine_lstm")}
    found = {lesson.number: lesson.examples for lesson in lessons() if lesson.number >= 9}
    assert found == expected
    for number, stems in expected.items():
        assert all(lesson_for_example(stem).number == number for stem in stems)
        # Every lesson from 9 on compares curves (training against validation, or runs).
        assert lesson_for_example(stems[0]).panel == "loss"


def test_the_chinese_texts_use_the_standard_terms():
    zh = {lesson.number: " ".join([lesson.text("zh_CN").title, lesson.text("zh_CN").shows,
                                   lesson.text("zh_CN").watch]) for lesson in lessons()}
    for number, terms in {9: ("过拟合", "正则化", "丢弃法", "验证损失"), 10: ("优化器", "动量"),
                          11: ("学习率衰减", "小批量"), 12: ("权重初始化", "对称性"),
                          13: ("多层感知机", "稀疏分类交叉熵", "展开层"), 14: ("卷积", "池化", "滤波器"),
                          15: ("循环神经网络", "长短期记忆网络", "遗忘门")}.items():
        for term in terms:
            assert term in zh[number], (number, term)


# --- lesson 9: overfitting, then L2 and dropout -----------------------------------------------

def test_lesson_9_the_three_examples_differ_only_in_regularisation():
    base, l2, dropout = (example(s) for s in ("overfitting_moons", "overfitting_moons_l2",
                                              "overfitting_moons_dropout"))
    assert settings(l2, "regularization") == settings(base, "regularization")
    assert (base.training.regularization["l2"], l2.training.regularization["l2"]) == (0.0, 0.03)
    assert [n.config["rate"] for n in dropout.nodes if n.kind == "dropout"] == [0.5, 0.5]
    assert [n.id for n in dropout.nodes if n.kind != "dropout"] == [n.id for n in base.nodes]
    assert dropout.data == base.data and dropout.training == base.training
    assert units(base) == units(dropout) == [64, 64, 1]
    assert "0.03" in lesson_for_example("overfitting_moons").text("en").shows


def test_lesson_9_validation_loss_turns_up_and_l2_and_dropout_fix_it():
    runs = {s: trained(s) for s in ("overfitting_moons", "overfitting_moons_l2", "overfitting_moons_dropout")}
    val = {s: curve(r, "val_loss") for s, r in runs.items()}
    base_val, base_loss = val["overfitting_moons"], curve(runs["overfitting_moons"], "loss")
    best = int(np.argmin(base_val))
    assert 40 <= best <= 60                                 # "near epoch 50"
    assert base_val[-1] > 4 * base_val[best]                # "over four times its minimum"
    assert base_loss[-1] < 0.01 and base_loss[-1] < base_loss[best] / 100    # training loss kept falling
    # L2: no turn-up (the last value is within 1 % of the lowest) and about a third of the final.
    l2 = val["overfitting_moons_l2"]
    assert l2[-1] <= 1.01 * l2.min()
    assert 0.25 < l2[-1] / base_val[-1] < 0.4
    # Dropout: a lower minimum, three times later, and a final value well below.
    drop = val["overfitting_moons_dropout"]
    assert drop.min() < base_val.min() and int(np.argmin(drop)) >= 3 * best
    assert drop[-1] < 0.7 * base_val[-1]
    assert runs["overfitting_moons_l2"].history.val_accuracy[-1] > runs["overfitting_moons"].history.val_accuracy[-1]


def test_lesson_9_things_to_try():
    base_val = curve(trained("overfitting_moons"), "val_loss")
    weak = example("overfitting_moons")
    weak.training.regularization = {"l1": 0.0, "l2": 0.01}
    weak_val = curve(trained(weak), "val_loss")
    assert weak_val[-1] > 1.1 * weak_val.min()                         # still turns up,
    assert weak_val[-1] - weak_val.min() < (base_val[-1] - base_val.min()) / 4     # far less
    strong = example("overfitting_moons_dropout")
    for node in strong.nodes:
        if node.kind == "dropout":
            node.config["rate"] = 0.7
    run = trained(strong)
    assert curve(run, "val_loss")[-1] < 1.05 * curve(run, "val_loss").min()
    assert curve(run, "loss")[-1] > 0.3


# --- lesson 10: optimisers compared -------------------------------------------------------------

OPTIMISERS = ("optimizers_sgd", "optimizers_momentum", "optimizers_adam")


def test_lesson_10_one_network_three_optimisers():
    projects = {s: example(s) for s in OPTIMISERS}
    first = settings(projects["optimizers_sgd"], "optimizer")
    assert all(settings(p, "optimizer") == first for p in projects.values())
    assert units(projects["optimizers_sgd"]) == [16, 16, 2]
    assert projects["optimizers_sgd"].training.batch_size == 0 and projects["optimizers_sgd"].training.epochs == 300
    assert [p.training.optimizer for p in projects.values()] == [
        {"kind": "sgd", "lr": 0.5, "momentum": 0.0}, {"kind": "sgd", "lr": 0.5, "momentum": 0.9},
        {"kind": "adam", "lr": 0.01}]


def test_lesson_10_adam_and_momentum_end_below_plain_sgd():
    runs = {s: trained(s) for s in OPTIMISERS}
    loss = {s: curve(r, "loss") for s, r in runs.items()}
    accuracy = {s: r.evaluate()["accuracy"] for s, r in runs.items()}
    assert loss["optimizers_sgd"][-1] > 0.6 and accuracy["optimizers_sgd"] < 0.6
    assert loss["optimizers_momentum"][-1] < 0.01 and accuracy["optimizers_momentum"] == 1.0
    assert loss["optimizers_adam"][-1] < 0.1 and accuracy["optimizers_adam"] >= 0.99
    # Below plain SGD from epoch 100 on, not only at the end.
    for stem in ("optimizers_momentum", "optimizers_adam"):
        assert (loss[stem][99:] < loss["optimizers_sgd"][99:]).all(), stem
    # Things to try: plain SGD gets there in 3,000 epochs, about seven times later than momentum.
    longer = curve(trained("optimizers_sgd", 3000), "loss")
    arrival = {"sgd": int(np.argmax(longer < 0.05)), "momentum": int(np.argmax(loss["optimizers_momentum"] < 0.05))}
    assert longer[-1] < 0.05 and 5 < arrival["sgd"] / arrival["momentum"] < 9


# --- lesson 11: learning-rate schedules ---------------------------------------------------------

SCHEDULES = {"schedule_constant": lambda e: 0.05,
             "schedule_step": lambda e: 0.05 * 0.5 ** (e // 50),
             "schedule_cosine": lambda e: 0.05 * (1 + math.cos(math.pi * e / 200)) / 2}


def rates_and_losses(project: Project) -> tuple[np.ndarray, np.ndarray]:
    run = TrainingRun(project)
    reports = [r for r in run.reports() if r.kind == "epoch"]
    return np.array([r.lr for r in reports]), curve(run, "loss")


def test_lesson_11_the_rate_follows_the_formula_and_decay_settles_the_loss():
    projects = {s: example(s) for s in SCHEDULES}
    first = settings(projects["schedule_constant"], "schedule")
    assert all(settings(p, "schedule") == first for p in projects.values())
    assert (projects["schedule_constant"].training.batch_size, projects["schedule_constant"].training.epochs) == (30, 200)
    rates, spread = {}, {}
    for stem, formula in SCHEDULES.items():
        rates[stem], loss = rates_and_losses(projects[stem])
        assert rates[stem] == pytest.approx([formula(e) for e in range(200)], rel=1e-12), stem
        spread[stem] = loss[-50:].std()
    for stem in ("schedule_step", "schedule_cosine"):
        assert rates[stem][-1] < rates[stem][0] / 5 and (np.diff(rates[stem]) <= 0).all(), stem   # ends lower
        assert spread[stem] < spread["schedule_constant"] / 5, stem                 # five times steadier
    # Things to try: at lr 0.2 the constant rate never settles; step decay still gets there.
    final = {}
    for stem in ("schedule_constant", "schedule_step"):
        project = example(stem)
        project.training.optimizer["lr"] = 0.2
        final[stem] = rates_and_losses(project)[1][-1]
    assert final["schedule_constant"] > 0.5 and final["schedule_step"] < 0.05


# --- lesson 12: weight initialisation ---------------------------------------------------------

INITS = ("init_zeros", "init_too_small", "init_too_large", "init_xavier")
HIDDEN = ("h1", "h2", "h3")


def test_lesson_12_one_network_four_initialisations():
    projects = {s: example(s) for s in INITS}
    def without_init(project: Project) -> list:
        return [(n.id, n.kind, {k: v for k, v in n.config.items() if k not in ("init", "init_scale")})
                for n in project.nodes]
    for project in projects.values():
        assert without_init(project) == without_init(projects["init_xavier"])
        assert project.training == projects["init_xavier"].training and project.data == projects["init_xavier"].data
    inits = {s: {(n.config["init"], n.config["init_scale"]) for n in p.nodes if n.kind == "dense"}
             for s, p in projects.items()}
    assert inits["init_zeros"] == {("zeros", 0.05)} and inits["init_too_small"] == {("normal", 0.01)}
    assert inits["init_too_large"] == {("normal", 5.0)} and inits["init_xavier"] == {("xavier_uniform", 0.05)}


def test_lesson_12_zeros_stay_symmetric_small_and_large_fail_xavier_learns():
    runs = {s: trained(s) for s in INITS}
    zeros = runs["init_zeros"].model.node_params()
    for node in HIDDEN:
        W = zeros[node]["W"]
        assert (W == W[:, :1]).all(), node            # every unit of the layer has the same weights
        assert (W == 0).all() and (zeros[node]["b"] == zeros[node]["b"][0]).all(), node
    result = {s: r.evaluate() for s, r in runs.items()}
    for stem in ("init_zeros", "init_too_small"):
        assert result[stem]["loss"] == pytest.approx(LN2, abs=1e-3) and result[stem]["accuracy"] < 0.6, stem
    assert result["init_too_large"]["loss"] > 0.4 and result["init_too_large"]["accuracy"] < 0.8
    assert result["init_xavier"]["accuracy"] == 1.0 and result["init_xavier"]["loss"] < 0.05


def test_lesson_12_things_to_try():
    # A nonzero constant still leaves the units of each layer identical: symmetry, not zero, is the trap.
    constant = example("init_zeros")
    for node in constant.nodes:
        if node.kind == "dense":
            node.config["init"], node.config["init_scale"] = "constant", 0.5
    run = trained(constant)
    params = run.model.node_params()
    for node in HIDDEN:
        W = params[node]["W"]
        assert np.abs(W - W[:, :1]).max() < 1e-12 and np.abs(W).max() > 0.1, node
    # Adam rescales the tiny gradients of the too-small start and learns.
    small = example("init_too_small")
    small.training.optimizer = {"kind": "adam", "lr": 0.01}
    assert trained(small).evaluate()["accuracy"] == 1.0


# --- lesson 13: the framework MLP ---------------------------------------------------------------

def test_lesson_13_the_framework_mlp_reads_the_digits():
    project = example("digits_mlp_128_64")
    dense = [n for n in project.nodes if n.kind == "dense"]
    assert [(n.config["units"], n.config["activation"]) for n in dense] == [(128, "relu"), (64, "relu"),
                                                                           (10, "softmax")]
    t = project.training
    assert (t.loss, t.optimizer, t.epochs, t.batch_size) == ("sparse_categorical_crossentropy",
                                                            {"kind": "adam", "lr": 0.001}, 10, 32)
    assert project.data == example("digits_mlp").data              # the built-in 8×8 digits, 20 % held out
    assert all(why_not_expand(project, n.id) is None for n in dense)   # View ▸ Expand Layer draws them
    for language in ("en", "zh_CN"):
        assert "View ▸ Expand Layer" in lesson_for_example("digits_mlp_128_64").text(language).watch
    run = trained(project)
    assert run.history.val_accuracy[-1] >= 0.97                      # "about 98 %"
    assert run.history.val_accuracy[0] < run.history.val_accuracy[-1]
    # Things to try: Adam at lr 0.1, or SGD at lr 0.001, read far fewer digits in 10 epochs.
    for optimizer in ({"kind": "adam", "lr": 0.1}, {"kind": "sgd", "lr": 0.001}):
        other = example("digits_mlp_128_64")
        other.training.optimizer = optimizer
        assert trained(other).history.val_accuracy[-1] < 0.6, optimizer


# --- lesson 14: a CNN on the digits -------------------------------------------------------------

def test_lesson_14_the_cnn_reads_the_digits():
    project = example("digits_cnn")
    assert [n.kind for n in project.nodes] == ["input", "conv2d", "maxpool2d", "flatten", "dense", "dense"]
    conv = project.node("conv1").config
    assert (conv["filters"], conv["kernel_size"], project.node("pool1").config["pool_size"]) == (16, 3, 2)
    short = trained("digits_cnn", 5)
    assert short.history.val_accuracy[-1] >= 0.95                   # "after 5 epochs at least 95 %"
    full = trained(project)
    assert full.history.val_accuracy[-1] >= 0.98                    # "about 99 %"
    mlp = trained("digits_mlp_128_64")
    assert full.history.val_loss[-1] < mlp.history.val_loss[-1]      # below the framework MLP's


# --- lesson 15: RNN against LSTM ----------------------------------------------------------------

def test_lesson_15_the_lstm_remembers_and_the_rnn_forgets():
    rnn, lstm = example("memory_rnn"), example("memory_lstm")
    assert rnn.data == lstm.data and rnn.training == lstm.training
    assert (rnn.node("rnn").kind, lstm.node("lstm").kind) == ("rnn", "lstm")
    accuracy = {"rnn": trained(rnn).history.val_accuracy[-1], "lstm": trained(lstm).history.val_accuracy[-1]}
    assert accuracy["lstm"] == 1.0                                  # "100 %"
    assert accuracy["rnn"] == pytest.approx(0.675, abs=0.03)        # "about 67.5 %"
    # Things to try: a GRU remembers too; 64 units or 50 epochs leave the RNN far behind; with
    # 8 steps it learns.
    gru = example("memory_lstm")
    gru.node("lstm").kind = "gru"
    assert trained(gru).history.val_accuracy[-1] == 1.0
    assert trained(example("memory_rnn"), 50).history.val_accuracy[-1] < 0.75
    wide = example("memory_rnn")
    wide.node("rnn").config["units"] = 64
    assert trained(wide).history.val_accuracy[-1] < 0.75
    short = example("memory_rnn")
    short.data.source["params"]["steps"] = 8
    short.node("bits").config["shape"] = [8, 2]
    assert trained(short).history.val_accuracy[-1] >= 0.95


def test_lesson_15_the_sine_lstm_forecasts():
    run = trained("sine_lstm")
    targets = run.val_split.targets
    assert np.mean((targets - targets.mean()) ** 2) > 0.4              # always the mean: about 0.5
    assert run.history.val_loss[-1] < 0.001
