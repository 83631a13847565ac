"""Every example project loads, validates and trains; each teaches what its description says."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from nnstudio.shipped import examples_dir
from nnstudio.cli import main
from nnstudio.project.io import dumps_project, load_project
from nnstudio.project.validation import validate

EXAMPLES = examples_dir()
NAMES = ["perceptron_and", "perceptron_or", "xnor", "perceptron_learns_and", "backprop_worked_example",
         "xor_5_hidden", "xor_dense", "softmax_3class", "digits_mlp", "digits_cnn", "iris_csv", "spiral_features",
         "overfitting_moons", "sine_lstm", "memory_rnn", "memory_lstm",
         # the course's lessons (nnstudio/project/lessons.py; tests/test_lessons.py checks their claims)
         "step_vs_sigmoid", "activations_sigmoid", "activations_tanh", "activations_relu",
         "regions_circle_0_hidden", "regions_circle_1_hidden", "regions_circle_2_hidden",
         "regions_spiral_0_hidden", "regions_spiral_1_hidden", "regions_spiral_2_hidden",
         # lessons 9-15 (tests/test_lessons_more.py checks their claims)
         "overfitting_moons_l2", "overfitting_moons_dropout", "optimizers_sgd", "optimizers_momentum",
         "optimizers_adam", "schedule_constant", "schedule_step", "schedule_cosine", "init_zeros",
         "init_too_small", "init_too_large", "init_xavier", "digits_mlp_128_64"]
TRUTH = [[0, 0], [0, 1], [1, 0], [1, 1]]


def path(name: str) -> str:
    return str(EXAMPLES / f"{name}.json")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def val_accuracy(capsys, file: str) -> float:
    """The validation accuracy `nnstudio eval` reports for a trained file (train's JSON line has
    no validation accuracy)."""
    code, out, err = cli(capsys, "eval", file)
    assert code == 0, err
    line = next(l for l in out.splitlines() if l.startswith("validation"))
    return float(line.split("accuracy")[1])


def eval_json(capsys, file: str) -> dict:
    code, out, err = cli(capsys, "eval", file, "--json")
    assert code == 0, err
    return json.loads(out)


def test_the_examples_folder_holds_exactly_these():
    assert sorted(p.stem for p in EXAMPLES.glob("*.json")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_example_loads_validates_and_trains(name, capsys, tmp_path):
    text = (EXAMPLES / f"{name}.json").read_text(encoding="utf-8")
    project = load_project(path(name))
    assert dumps_project(project) == text          # saved by save_project: loads and saves bit-exact
    assert [p for p in validate(project) if p.severity == "error"] == []
    description = project.meta["description"]
    assert project.meta["name"] and 2 <= len(re.findall(r"[.!?](\s|$)", description)) <= 6
    # Drawn left to right: inputs in the first column, every edge pointing right.
    pos = {n.id: n.pos for n in project.nodes}
    assert all(pos[i][0] == 0 for i in project.inputs)
    assert all(pos[e.source][0] < pos[e.target][0] for e in project.edges)
    out_file = tmp_path / "trained.json"
    code, out, err = cli(capsys, "train", path(name), "-e", "2", "-q", "-o", str(out_file))
    assert code == 0, err
    assert last_json(out)["epochs"] == 2
    assert load_project(out_file).history.epoch == [1, 2]


# --- the backpropagation walkthrough ----------------------------------------------------------

WORKED = path("backprop_worked_example")
AFTER_ONE = {"w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229,
             "w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121}


def test_worked_example_first_forward_pass(capsys):
    result = eval_json(capsys, WORKED)
    assert result["outputs"][0] == pytest.approx([0.75136507, 0.77292847], abs=5e-9)
    assert result["loss"] == pytest.approx(0.298371109, abs=5e-10)


def test_worked_example_one_update(capsys, tmp_path):
    out_file = tmp_path / "one.json"
    code, out, _ = cli(capsys, "train", WORKED, "-e", "1", "-q", "-o", str(out_file))
    assert code == 0
    # The history records the loss before the update: the first forward pass's.
    trained = load_project(out_file)
    assert trained.history.loss[0] == pytest.approx(0.298371109, abs=5e-10)
    for edge_id, expected in AFTER_ONE.items():
        assert trained.edge(edge_id).weight == pytest.approx(expected, abs=1e-8), edge_id
    for node_id, bias in (("h1", 0.35), ("h2", 0.35), ("o1", 0.60), ("o2", 0.60)):
        assert float(trained.node(node_id).params["b"]) == bias          # frozen: bit for bit
    # The JSON line measures the network after the update: the tutorial's second error.
    assert last_json(out)["loss"] == pytest.approx(0.29102777, abs=5e-9)


def test_worked_example_ten_thousand_updates(capsys):
    code, out, _ = cli(capsys, "train", WORKED, "-q")
    assert code == 0
    result = last_json(out)
    assert result["epochs"] == 10000
    assert result["loss"] == pytest.approx(3.5102e-05, abs=1e-8)
    assert result["accuracy"] == 1.0


# --- perceptrons with hand-set weights --------------------------------------------------------

@pytest.mark.parametrize("name, expected", [("perceptron_and", [0, 0, 0, 1]), ("perceptron_or", [0, 1, 1, 1]),
                                            ("xnor", [1, 0, 0, 1])])
def test_hand_set_truth_tables_are_exact(name, expected, capsys):
    project = load_project(path(name))
    assert project.data.source["inputs"] == TRUTH
    result = eval_json(capsys, path(name))
    assert result["outputs"] == [[float(v)] for v in expected]
    assert result["accuracy"] == 1.0 and result["loss"] == 0.0


def test_hand_set_weights_are_the_notes(capsys):
    for name, bias in (("perceptron_and", -3.0), ("perceptron_or", -1.0)):
        p = load_project(path(name))
        assert (float(p.node("y").params["b"]), p.edge("w1").weight, p.edge("w2").weight) == (bias, 2.0, 2.0)
    p = load_project(path("xnor"))
    assert (float(p.node("xnor").params["b"]), p.edge("z_and").weight, p.edge("z_or").weight) == (1.0, 3.0, -3.0)


def test_training_leaves_hand_set_weights_alone(capsys, tmp_path):
    out_file = tmp_path / "xnor.json"
    assert cli(capsys, "train", path("xnor"), "-e", "5", "-q", "-o", str(out_file))[0] == 0
    assert eval_json(capsys, str(out_file))["outputs"] == [[1.0], [0.0], [0.0], [1.0]]


def test_perceptron_learns_and_within_20_epochs(capsys, tmp_path):
    before = eval_json(capsys, path("perceptron_learns_and"))
    assert before["accuracy"] < 1.0                     # zeros: step(0) = 1 for every sample
    out_file = tmp_path / "learned.json"
    code, out, _ = cli(capsys, "train", path("perceptron_learns_and"), "-e", "20", "-q", "-o", str(out_file))
    assert code == 0 and last_json(out)["accuracy"] == 1.0
    assert eval_json(capsys, str(out_file))["outputs"] == [[0.0], [0.0], [0.0], [1.0]]
    assert load_project(out_file).history.accuracy[0] < 1.0


# --- learned examples -------------------------------------------------------------------------

def test_xor_with_5_hidden_neurons_learns_one_sample_per_step(capsys):
    project = load_project(path("xor_5_hidden"))
    t = project.training
    assert (t.batch_size, t.shuffle, t.epochs * 4) == (1, True, 10_000)
    assert all(e.weight is None for e in project.edges)          # initialised from the seed
    code, out, _ = cli(capsys, "train", path("xor_5_hidden"), "-q")
    assert code == 0 and last_json(out)["accuracy"] == 1.0


def test_xor_dense_learns(capsys):
    code, out, _ = cli(capsys, "train", path("xor_dense"), "-q")
    assert code == 0 and last_json(out)["accuracy"] == 1.0


def test_softmax_regression_separates_three_clusters(capsys):
    project = load_project(path("softmax_3class"))
    targets = np.array(project.data.source["targets"])
    assert targets.shape == (30, 3) and set(targets.sum(axis=1)) == {1.0}   # one-hot
    code, out, _ = cli(capsys, "train", path("softmax_3class"), "-q")
    assert code == 0 and last_json(out)["accuracy"] >= 0.95


# --- real and user-style data ---------------------------------------------------------------

def test_digits_mlp_reads_unseen_digits(capsys, tmp_path):
    project = load_project(path("digits_mlp"))
    assert project.data.source == {"kind": "builtin", "name": "digits", "params": {}}   # all 1,797
    assert project.data.validation_split == 0.2 and project.data.split_seed is not None
    out_file = tmp_path / "digits.json"
    code, out, err = cli(capsys, "train", path("digits_mlp"), "-q", "-o", str(out_file))
    assert code == 0, err
    assert last_json(out)["accuracy"] >= 0.95
    assert val_accuracy(capsys, str(out_file)) >= 0.93
    assert load_project(out_file).history.val_accuracy[-1] >= 0.93


def test_iris_csv_is_fishers_data_as_a_user_would_write_it():
    lines = (EXAMPLES / "iris.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "sepal_length,sepal_width,petal_length,petal_width,species"
    assert len(lines) == 151
    species = [line.rsplit(",", 1)[1] for line in lines[1:]]
    assert species == ['"setosa"'] * 50 + ['"versicolor"'] * 50 + ['"virginica"'] * 50   # sorted by class
    source = load_project(path("iris_csv")).data.source
    assert source["kind"] == "csv" and source["path"] == "iris.csv"          # next to the example
    assert (source["target_columns"], source["target_encoding"]) == (["species"], "index")


def test_every_data_file_an_example_reads_lies_next_to_it_and_ships_in_the_wheel():
    setuptools = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(
        encoding="utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"]["nnstudio.examples"] == "examples"      # the top-level folder
    files = [load_project(path(name)).data.source.get("path") for name in NAMES]
    files = [f for f in files if f is not None]
    assert files == ["iris.csv"]
    for f in files:
        assert "/" not in f and (EXAMPLES / f).is_file()                # relative: opens anywhere
        assert f"*{Path(f).suffix}" in setuptools["package-data"]["nnstudio.examples"]


def test_iris_validation_holds_every_species_and_training_classifies_it(capsys, tmp_path):
    from nnstudio.training.runner import TrainingRun
    run = TrainingRun(load_project(path("iris_csv")))
    assert run.dataset.class_names == ["setosa", "versicolor", "virginica"]
    assert sorted(set(run.val_split.targets.tolist())) == [0, 1, 2]          # split_seed: not all virginica
    out_file = tmp_path / "iris.json"
    code, out, err = cli(capsys, "train", path("iris_csv"), "-q", "-o", str(out_file))
    assert code == 0, err
    assert last_json(out)["accuracy"] >= 0.95
    assert val_accuracy(capsys, str(out_file)) >= 0.9
    # -o elsewhere keeps the relative CSV path pointing at the shipped file.
    assert eval_json(capsys, str(out_file))["accuracy"] >= 0.95


def test_spiral_features_let_a_small_net_bend_the_boundary(capsys, tmp_path):
    project = load_project(path("spiral_features"))
    assert project.data.features == ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
    code, out, err = cli(capsys, "train", path("spiral_features"), "-q")
    assert code == 0, err
    assert last_json(out)["accuracy"] >= 0.9
    # The same network on the raw coordinates alone does much worse: the features do the bending.
    raw = json.loads((EXAMPLES / "spiral_features.json").read_text(encoding="utf-8"))
    raw["data"]["features"] = []
    raw["nodes"][0]["config"]["shape"] = [2]
    raw_file = tmp_path / "raw.json"
    raw_file.write_text(json.dumps(raw), encoding="utf-8")
    code, out, err = cli(capsys, "train", str(raw_file), "-q")
    assert code == 0, err
    assert last_json(out)["accuracy"] < 0.8


def test_overfitting_moons_validation_loss_turns_up_while_training_loss_falls(capsys, tmp_path):
    project = load_project(path("overfitting_moons"))
    assert project.data.validation_split == 0.5 and project.data.split_seed is not None
    out_file = tmp_path / "moons.json"
    code, out, err = cli(capsys, "train", path("overfitting_moons"), "-q", "-o", str(out_file))
    assert code == 0, err
    h = load_project(out_file).history
    val, loss = np.array(h.val_loss, dtype=float), np.array(h.loss, dtype=float)
    best = int(np.argmin(val))
    assert best < len(val) - 1                      # the best validation loss is not the last one
    assert val[-1] > 1.3 * val[best]                # it ends well above its minimum
    assert loss[-1] < loss[best]                    # while training loss kept falling
    assert last_json(out)["accuracy"] == 1.0        # the training points are memorised
