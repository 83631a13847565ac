"""The sequence kinds rnn, lstm and gru: their shape rules and the errors the Problems panel
shows, their arrays and starting values, the layer they build, and sequence projects that
validate, compile, train and save, with a dense node after return_sequences acting per step."""
from __future__ import annotations

import math

import numpy as np
import pytest

from nnstudio.engine.layers import GRU, LSTM, RNN
from nnstudio.kinds import KINDS
from nnstudio.kinds.base import ShapeError
from nnstudio.project import io
from nnstudio.project.compile import compile_project
from nnstudio.project.model import DataSpec, Edge, Node, Project, TrainingSpec
from nnstudio.project.validation import validate
from nnstudio.training.runner import TrainingRun

GATES = {"rnn": 1, "lstm": 4, "gru": 3}
RECURRENT = list(GATES)


def shape_of(kind: str, config: dict, in_shape):
    spec = KINDS[kind]
    return spec.shape_rule(spec.check_config(config), in_shape)


@pytest.mark.parametrize("kind", RECURRENT)
def test_a_sequence_in_the_last_state_or_every_state_out(kind):
    assert shape_of(kind, {"units": 32}, (20, 3)) == (32,)
    assert shape_of(kind, {"units": 32, "return_sequences": True}, (20, 3)) == (20, 32)
    assert KINDS[kind].check_config({}) == {"units": 16, "return_sequences": False,
                                            **({"activation": "tanh"} if kind == "rnn" else {})}


@pytest.mark.parametrize("kind", RECURRENT)
def test_a_vector_or_an_image_is_refused_in_plain_words(kind):
    with pytest.raises(ShapeError, match=r"^needs a \[time, features\] input, but receives \[8\]: give the input "
                                         r"node a shape like \[8, 1\]"):
        shape_of(kind, {}, (8,))
    with pytest.raises(ShapeError, match=r"^needs a \[time, features\] input, but receives \[1, 8, 8\]$"):
        shape_of(kind, {}, (1, 8, 8))
    with pytest.raises(ShapeError, match="no incoming connections"):
        shape_of(kind, {}, None)


def test_validation_names_the_node_and_its_input():
    project = Project(nodes=[Node("x", "input", config={"shape": [8]}), Node("l1", "lstm")],
                      edges=[Edge("e1", "x", "l1")], inputs=["x"], outputs=["l1"])
    messages = [str(p) for p in validate(project) if p.severity == "error"]
    assert "l1: needs a [time, features] input, but receives [8]: give the input node a shape like [8, 1] " \
           "(time steps, features)" in messages


def test_rnn_takes_tanh_or_relu_only():
    assert KINDS["rnn"].check_config({"activation": "relu"})["activation"] == "relu"
    with pytest.raises(ValueError, match="tanh, relu"):
        KINDS["rnn"].check_config({"activation": "sigmoid"})
    with pytest.raises(ValueError, match="unknown setting"):
        KINDS["lstm"].check_config({"activation": "tanh"})


@pytest.mark.parametrize("kind", RECURRENT)
def test_arrays_have_a_block_of_units_per_gate(kind):
    g = GATES[kind]
    specs = KINDS[kind].param_specs(KINDS[kind].check_config({"units": 5}), (7, 3))
    biases = {"bx": (g * 5,), "bh": (g * 5,)} if kind == "gru" else {"b": (g * 5,)}
    assert {k: s.shape for k, s in specs.items()} == {"Wx": (3, g * 5), "Wh": (5, g * 5), **biases}
    assert (specs["Wx"].init, specs["Wx"].fan_in, specs["Wx"].fan_out) == ("xavier_uniform", 3, 5)
    assert (specs["Wh"].init, specs["Wh"].fan_in, specs["Wh"].fan_out) == ("xavier_uniform", 5, 5)
    assert all(specs[b].init == "zeros" and not specs[b].regularized for b in biases)
    assert specs["Wx"].regularized and specs["Wh"].regularized


@pytest.mark.parametrize("kind, layer", [("rnn", RNN), ("lstm", LSTM), ("gru", GRU)])
def test_the_kind_builds_its_engine_layer(kind, layer):
    spec = KINDS[kind]
    config = spec.check_config({"units": 4, "return_sequences": True})
    rng = np.random.default_rng(0)
    arrays = {k: rng.normal(0, 0.5, s.shape) for k, s in spec.param_specs(config, (6, 2)).items()}
    built = spec.build(config, (6, 2), arrays, lambda key: rng)
    assert isinstance(built, layer) and built.return_sequences
    assert all(built.params[k] is arrays[k] or np.array_equal(built.params[k], arrays[k]) for k in arrays)
    assert built.forward(rng.normal(size=(3, 6, 2))).shape == (3, 6, 4)


def test_detail_lines():
    detail = {k: KINDS[k].look.detail for k in RECURRENT}
    assert detail["lstm"]({"units": 32, "return_sequences": True}) == "32 units · seq"
    assert detail["gru"]({"units": 1, "return_sequences": False}) == "1 unit · last"
    assert detail["rnn"]({"units": 8, "activation": "relu", "return_sequences": False}) == "8 units · last · relu"
    assert detail["rnn"]({}) == "? units · last"       # a detail line never fails
    assert {KINDS[k].look.glyph for k in RECURRENT} == {"RNN", "LSTM", "GRU"}
    assert all(KINDS[k].probes == ("output", "weights") and not KINDS[k].walkthrough for k in RECURRENT)


# --- projects ----------------------------------------------------------------------------------
def sequence_project(kind: str, *, steps=5, features=2, units=3, per_step=False, seed=0) -> Project:
    """x [steps, features] -> kind -> dense 1 (per step with per_step), on a small table."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(12, steps * features))
    targets = rng.normal(size=(12, steps if per_step else 1))
    nodes = [Node("x", "input", config={"shape": [steps, features]}),
             Node("r", kind, config={"units": units, "return_sequences": per_step}),
             Node("y", "dense", config={"units": 1})]
    return Project(nodes=nodes, edges=[Edge("e1", "x", "r"), Edge("e2", "r", "y")], inputs=["x"], outputs=["y"],
                   data=DataSpec({"kind": "table", "inputs": x.tolist(), "targets": targets.tolist()}),
                   training=TrainingSpec(loss="mse", optimizer={"kind": "adam", "lr": 0.01}, epochs=3))


@pytest.mark.parametrize("kind", RECURRENT)
@pytest.mark.parametrize("per_step", [False, True])
def test_a_sequence_project_validates_trains_and_saves(kind, per_step, tmp_path):
    project = sequence_project(kind, per_step=per_step)
    assert [p for p in validate(project) if p.severity == "error"] == []
    run = TrainingRun(project)
    assert run.train_split.inputs[0].shape == (12, 5, 2)
    assert run.train_split.targets.shape == ((12, 5, 1) if per_step else (12, 1))
    before = compile_project(project).node_params()["r"]
    final = run.run()
    assert final.status == "finished" and math.isfinite(final.loss)
    run.write_back(project)
    after = project.node("r").params
    assert set(after) == set(before) and not np.array_equal(after["Wh"], before["Wh"])
    path = tmp_path / "seq.json"
    io.save_project(project, path)
    loaded = io.load_project(path)
    for key, value in after.items():
        np.testing.assert_array_equal(loaded.node("r").params[key], value)
    result = TrainingRun(loaded).evaluate()
    assert result["outputs"].shape == ((12, 5, 1) if per_step else (12, 1))


def test_the_same_file_and_seed_start_from_the_same_arrays_and_another_seed_does_not():
    a = compile_project(sequence_project("lstm")).node_params()["r"]
    b = compile_project(sequence_project("lstm")).node_params()["r"]
    other = sequence_project("lstm")
    other.training.seed = 1
    c = compile_project(other).node_params()["r"]
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    assert not np.array_equal(a["Wx"], c["Wx"])
    bound = math.sqrt(6 / (2 + 3))                  # xavier_uniform, one gate's fans: 2 features in, 3 units out
    assert np.abs(a["Wx"]).max() <= bound and np.abs(a["Wh"]).max() <= math.sqrt(3 / 3)
    assert not a["b"].any()


def test_dense_after_a_sequence_acts_per_step_with_one_weight_matrix():
    project = sequence_project("gru", per_step=True)
    model = compile_project(project)
    x = np.random.default_rng(1).normal(size=(4, 5, 2))
    h = model.layer("r").forward(x)
    y = model.network.forward([x])
    W, b = model.layer("y").params["W"], model.layer("y").params["b"]
    assert y.shape == (4, 5, 1)
    np.testing.assert_allclose(y, h @ W + b, rtol=1e-12)
