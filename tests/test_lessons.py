"""The course (nnstudio/project/lessons.py): every lesson has both texts and its examples, every
example opens and trains, and each lesson's claim holds with the numbers its text quotes."""
from __future__ import annotations

import re

import numpy as np
import pytest

from nnstudio.engine import activations
from nnstudio.project.gallery import example_paths, list_examples
from nnstudio.project.io import load_project
from nnstudio.project.lessons import (LANGUAGES, PANELS, language_for_locale, lesson_example_stems,
                                      lesson_for_example, lesson_for_example_name, lessons)
from nnstudio.project.model import Project
from nnstudio.shipped import examples_dir
from nnstudio.training.runner import TrainingRun

CJK = re.compile(r"[\u4e00-\u9fff]")
TRUTH = [[0, 0], [0, 1], [1, 0], [1, 1]]


def example(stem: str) -> Project:
    return load_project(examples_dir() / f"{stem}.json")


def trained(stem: str, epochs: int | None = None) -> TrainingRun:
    run = TrainingRun(example(stem))
    run.run(epochs)
    return run


def outputs(project: Project) -> np.ndarray:
    return TrainingRun(project).evaluate()["outputs"]


# --- the catalogue ----------------------------------------------------------------------------

def test_lessons_in_order_with_their_examples():
    assert [lesson.number for lesson in lessons()] == list(range(1, 16))
    stems = lesson_example_stems()
    assert len(stems) == len(set(stems))                        # no example in two lessons
    assert stems[:3] == ("perceptron_and", "perceptron_or", "xnor")
    assert lesson_for_example("backprop_worked_example").number == 5
    assert lesson_for_example("xor_5_hidden").number == 6
    assert lesson_for_example("softmax_3class").number == 8
    assert lesson_for_example("digits_mlp") is None
    for lesson in lessons():
        assert lesson.panel in PANELS
        for path in lesson.example_paths():
            assert path.is_file(), path


def test_every_lesson_has_both_texts_and_the_chinese_one_is_chinese():
    for lesson in lessons():
        assert set(lesson.texts) == set(LANGUAGES)
        for language, text in lesson.texts.items():
            fields = [text.title, text.shows, text.watch, *text.tries]
            assert all(field.strip() for field in fields), (lesson.number, language)
            assert 2 <= len(text.tries) <= 3, (lesson.number, language)
            if language == "zh_CN":
                assert all(CJK.search(field) for field in fields), lesson.number
            else:
                assert not any(CJK.search(field) for field in fields), lesson.number
        # The two texts quote the same numbers (the Chinese one writes no number of its own).
        en, zh = lesson.text("en"), lesson.text("zh_CN")
        number = re.compile(r"\d+(?:[.,]\d+)*")
        assert set(number.findall(zh.shows)) <= set(number.findall(en.shows)), lesson.number


def test_the_chinese_texts_use_the_tutorials_terms():
    zh = " ".join(lesson.text("zh_CN").shows + lesson.text("zh_CN").watch for lesson in lessons())
    for term in ("感知机", "神经元", "激活函数", "反向传播", "隐藏层", "学习率", "损失", "决策边界", "梯度"):
        assert term in zh, term


def test_language_follows_the_locale():
    assert language_for_locale("zh_CN") == "zh_CN"
    assert language_for_locale("zh_TW") == "zh_CN"       # the only Chinese the lessons are written in
    assert language_for_locale("en_US") == "en" and language_for_locale("C") == "en"
    lesson = lessons()[0]
    assert lesson.text("fr_FR") is lesson.text("en")


def test_an_open_example_is_found_by_its_project_name():
    for lesson in lessons():
        for stem in lesson.examples:
            assert lesson_for_example_name(example(stem).meta["name"]) == (lesson, stem)
    assert lesson_for_example_name(example("digits_mlp").meta["name"]) is None
    assert lesson_for_example_name(None) is None and lesson_for_example_name("Untitled") is None


def test_the_gallery_lists_the_lessons_first_in_order():
    stems = lesson_example_stems()
    assert [p.stem for p in example_paths()][:len(stems)] == list(stems)
    names = [info.name for info in list_examples()]
    assert len(names) == len(set(names))          # the Lesson panel tells examples apart by name


@pytest.mark.parametrize("stem", lesson_example_stems())
def test_every_lesson_example_opens_and_trains_briefly(stem):
    run = trained(stem, 2)
    assert run.history.epoch == [1, 2]
    assert all(np.isfinite(run.history.loss))


# --- lesson 1: the M-P neuron and the perceptron ----------------------------------------------

@pytest.mark.parametrize("stem, weights, table", [("perceptron_and", (-3.0, 2.0, 2.0), [0, 0, 0, 1]),
                                                  ("perceptron_or", (-1.0, 2.0, 2.0), [0, 1, 1, 1])])
def test_lesson_1_hand_set_truth_tables_are_exact(stem, weights, table):
    project = example(stem)
    assert (float(project.node("y").params["b"]), project.edge("w1").weight, project.edge("w2").weight) == weights
    assert project.data.source["inputs"] == TRUTH
    assert outputs(project).tolist() == [[float(v)] for v in table]
    run = trained(stem, 3)                  # frozen: training leaves the table alone
    assert run.evaluate()["outputs"].tolist() == [[float(v)] for v in table]


# --- lesson 2: XNOR needs a hidden layer --------------------------------------------------------

def test_lesson_2_xnor_truth_table_is_exact():
    project = example("xnor")
    assert (float(project.node("xnor").params["b"]), project.edge("z_and").weight,
            project.edge("z_or").weight) == (1.0, 3.0, -3.0)
    assert outputs(project).tolist() == [[1.0], [0.0], [0.0], [1.0]]
    # The lesson's first thing to try: output weights (-1, -3, 3) make XOR.
    project.node("xnor").params["b"] = -1.0
    project.edge("z_and").weight, project.edge("z_or").weight = -3.0, 3.0
    assert outputs(project).tolist() == [[0.0], [1.0], [1.0], [0.0]]


# --- lesson 3: the perceptron rule, then step against sigmoid --------------------------------

def test_lesson_3_the_perceptron_rule_learns_and():
    run = trained("perceptron_learns_and", 20)
    assert run.history.accuracy[0] < 1.0 and run.history.accuracy[-1] == 1.0
    assert run.evaluate()["outputs"].tolist() == [[0.0], [0.0], [0.0], [1.0]]


def test_lesson_3_gradient_descent_moves_the_sigmoid_and_not_the_step():
    project = example("step_vs_sigmoid")
    assert project.training.optimizer["kind"] == "sgd"
    run = trained("step_vs_sigmoid")
    run.write_back(project)
    weights = {e.id: e.weight for e in project.edges}
    assert (weights["w1"], weights["w2"], float(project.node("step").params["b"])) == (0.0, 0.0, 0.0)
    assert weights["w3"] > 3 and weights["w4"] > 3 and float(project.node("sigmoid").params["b"]) < -5
    out = run.evaluate()["outputs"]
    assert out[:, 0].tolist() == [1.0, 1.0, 1.0, 1.0]              # step(0) = 1, as it started
    assert out[3, 1] > 0.8 and out[:3, 1].max() < 0.2              # the sigmoid computes AND


def test_lesson_3_a_small_weight_change_moves_the_sigmoid_a_little_and_the_step_by_jumps():
    project = example("step_vs_sigmoid")
    grid = np.round(np.arange(-2.0, 2.0001, 0.02), 10)
    step_out, sigmoid_out = [], []
    for w in grid:
        project.edge("w1").weight = float(w)       # into the step neuron
        project.edge("w3").weight = float(w)       # into the sigmoid neuron
        out = outputs(project)[2]                  # the sample x = (1, 0): z = w
        step_out.append(out[0])
        sigmoid_out.append(out[1])
    step_change, sigmoid_change = np.abs(np.diff(step_out)), np.abs(np.diff(sigmoid_out))
    assert sigmoid_change.max() <= 0.25 * 0.02 + 1e-12            # σ' ≤ 1/4: a small, smooth change
    assert sigmoid_change.min() > 0                               # and every change of w shows
    assert sorted(set(step_change.tolist())) == [0.0, 1.0] and step_change.sum() == 1.0   # one jump, at w = 0
    assert step_out[int(np.argmax(step_change))] == 0.0 and grid[int(np.argmax(step_change)) + 1] == 0.0


# --- lesson 4: activations compared ----------------------------------------------------------

def test_lesson_4_activation_derivatives():
    z = np.linspace(-6, 6, 1201)
    derivative = {}
    for name in ("sigmoid", "tanh", "relu"):
        y = activations.forward(name, z)
        derivative[name] = activations.backward(name, z, y, np.ones_like(z))[0]
    assert derivative["sigmoid"].max() == pytest.approx(0.25, abs=1e-12)
    assert derivative["tanh"].max() == pytest.approx(1.0, abs=1e-12)
    assert derivative["relu"][z > 0].min() == 1.0 and derivative["relu"][z < 0].max() == 0.0


def test_lesson_4_same_network_only_the_activation_differs():
    projects = {a: example(f"activations_{a}") for a in ("sigmoid", "tanh", "relu")}
    shapes = {a: [(n.id, n.config.get("units")) for n in p.nodes] for a, p in projects.items()}
    assert shapes["sigmoid"] == shapes["tanh"] == shapes["relu"] == [("x", None), ("h1", 8), ("h2", 8),
                                                                     ("h3", 8), ("out", 1)]
    assert {a: p.node("h2").config["activation"] for a, p in projects.items()} == {a: a for a in projects}
    assert projects["sigmoid"].training == projects["tanh"].training == projects["relu"].training


def test_lesson_4_sigmoid_gradients_vanish_while_tanh_and_relu_learn():
    moved = {}
    for name in ("sigmoid", "tanh", "relu"):
        run = TrainingRun(example(f"activations_{name}"))
        start = {k: run.model.node_params()[k]["W"].copy() for k in ("h1", "h3")}
        run.run(20)
        moved[name] = {k: float(np.linalg.norm(run.model.node_params()[k]["W"] - start[k])) for k in start}
    # Through three sigmoid layers the first layer hardly moves: far less than the last hidden
    # layer, and far less than tanh's or ReLU's first layer.
    assert moved["sigmoid"]["h1"] < moved["sigmoid"]["h3"] / 10
    assert moved["sigmoid"]["h1"] < min(moved["tanh"]["h1"], moved["relu"]["h1"]) / 50
    results = {name: trained(f"activations_{name}").evaluate() for name in ("sigmoid", "tanh", "relu")}
    assert results["sigmoid"]["accuracy"] < 0.7 and results["sigmoid"]["loss"] > 0.65     # ln 2 = 0.693
    for name in ("tanh", "relu"):
        assert results[name]["accuracy"] == 1.0 and results[name]["loss"] < 0.05, name


# --- lesson 5: the backpropagation worked example -------------------------------------------

def test_lesson_5_first_pass_and_first_update():
    project = example("backprop_worked_example")
    run = TrainingRun(project)
    first = run.evaluate()
    assert first["loss"] == pytest.approx(0.298371109, abs=5e-10)
    assert first["outputs"][0] == pytest.approx([0.75136507, 0.77292847], abs=5e-9)
    run.run(1)
    run.write_back(project)
    assert project.edge("w5").weight == pytest.approx(0.35891648, abs=1e-8)
    assert project.edge("w1").weight == pytest.approx(0.149780716, abs=1e-9)
    assert [float(project.node(n).params["b"]) for n in ("h1", "h2", "o1", "o2")] == [0.35, 0.35, 0.60, 0.60]
    lesson = lesson_for_example("backprop_worked_example")
    assert lesson.panel == "backprop"
    for language in LANGUAGES:
        assert "0.298371109" in lesson.text(language).shows and "0.35891648" in lesson.text(language).shows


# --- lesson 6: XOR with 5 hidden neurons -----------------------------------------------------

def test_lesson_6_xor_reaches_100_percent():
    project = example("xor_5_hidden")
    assert sum(n.kind == "neuron" and n.config["activation"] == "sigmoid" for n in project.nodes) == 6   # 5 + output
    assert (project.training.batch_size, project.training.epochs * 4) == (1, 10_000)
    for stem in ("xor_5_hidden", "xor_dense"):
        result = trained(stem).evaluate()
        assert result["accuracy"] == 1.0, stem
        assert np.round(result["outputs"]).tolist() == [[0.0], [1.0], [1.0], [0.0]], stem


# --- lesson 7: decision regions with 0, 1 and 2 hidden layers --------------------------------

def hidden_layers(project: Project) -> int:
    return sum(n.kind == "dense" for n in project.nodes) - 1


def test_lesson_7_hidden_layers_and_decision_regions():
    accuracy = {}
    for data in ("circle", "spiral"):
        for layers in (0, 1, 2):
            stem = f"regions_{data}_{layers}_hidden"
            project = example(stem)
            assert project.data.source["name"] == data and hidden_layers(project) == layers
            accuracy[data, layers] = trained(stem).evaluate()["accuracy"]
    # One straight line cannot fit a disc inside a ring; one or two hidden layers can.
    assert accuracy["circle", 0] < 0.8
    assert accuracy["circle", 1] > 0.95 and accuracy["circle", 2] > 0.95
    # On the spiral, 8 units in one layer stop short; a second layer of 8 follows both arms.
    assert accuracy["spiral", 0] < 0.7
    assert accuracy["spiral", 1] < 0.9 < 0.95 < accuracy["spiral", 2]


# --- lesson 8: softmax regression -----------------------------------------------------------

def test_lesson_8_softmax_regression():
    project = example("softmax_3class")
    assert [n.config.get("activation") for n in project.nodes if n.kind == "dense"] == ["softmax"]
    run = trained("softmax_3class")
    result = run.evaluate()
    assert result["accuracy"] >= 0.95
    p = result["outputs"]
    assert p.shape == (30, 3) and np.allclose(p.sum(axis=1), 1.0, atol=1e-12) and (p > 0).all()
    # Linear scores: the log-ratio of two classes' probabilities is an affine function of the
    # input, so the boundary between them (ratio 1) is a straight line.
    x = np.asarray(project.data.source["inputs"], dtype=float)
    design = np.column_stack([x, np.ones(len(x))])
    for i, j in ((0, 1), (1, 2), (0, 2)):
        ratio = np.log(p[:, i] / p[:, j])
        fit, *_ = np.linalg.lstsq(design, ratio, rcond=None)
        assert np.abs(design @ fit - ratio).max() < 1e-8
