"""Strict project JSON: round trips, bit-identical arrays, and every ProjectError with its path."""
from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import numpy as np
import pytest

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.engine.initializers import INITIALIZERS
from nnstudio.engine.losses import LOSSES
from nnstudio.engine.optimizers import OPTIMIZERS
from nnstudio.engine.schedules import SCHEDULES
from nnstudio import errors
from nnstudio.project import io, reader, registry, schema
from nnstudio.project.io import (ProjectError, dumps_project, load_project, loads_project, project_from_dict,
                                 project_to_dict, save_project)
from nnstudio.project.model import DataSpec, History, TrainingSpec

ROOT = Path(__file__).resolve().parents[2]


def worked() -> dict:
    """The 2-2-2 backpropagation walkthrough as a project dict."""
    def neuron(i, x, y, b):
        return {"id": i, "kind": "neuron", "label": i, "pos": [x, y],
                "config": {"activation": "sigmoid", "bias_trainable": False}, "params": {"b": b}}
    nodes = [{"id": "i1", "kind": "input", "pos": [0, 0], "config": {"shape": [1]}},
             {"id": "i2", "kind": "input", "pos": [0, 100], "config": {"shape": [1]}},
             neuron("h1", 200, 0, 0.35), neuron("h2", 200, 100, 0.35),
             neuron("o1", 400, 0, 0.6), neuron("o2", 400, 100, 0.6)]
    ws = [("w1", "i1", "h1", .15), ("w2", "i2", "h1", .2), ("w3", "i1", "h2", .25), ("w4", "i2", "h2", .3),
          ("w5", "h1", "o1", .4), ("w6", "h2", "o1", .45), ("w7", "h1", "o2", .5), ("w8", "h2", "o2", .55)]
    return {
        "format": "nnstudio.project", "version": 1,
        "meta": {"name": "Backprop worked example", "description": "反向传播"},
        "nodes": nodes,
        "edges": [{"id": a, "source": s, "target": t, "weight": w, "trainable": True} for a, s, t, w in ws],
        "inputs": ["i1", "i2"], "outputs": ["o1", "o2"],
        "data": {"source": {"kind": "table", "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]]},
                 "validation_split": 0.0, "normalize": "none"},
        "training": {"loss": "half_sse", "optimizer": {"kind": "sgd", "lr": 0.5}, "schedule": {"kind": "constant"},
                     "epochs": 10000, "batch_size": 0, "shuffle": False, "seed": 0,
                     "regularization": {"l1": 0.0, "l2": 0.0}, "dtype": "float64"},
        "history": {"epoch": [1, 2], "loss": [0.3, 0.29], "val_loss": [None, None]},
    }


def dense() -> dict:
    """input[2] → dense(3, tanh) → dense(1, sigmoid), with a neuron fed by a vector edge."""
    return {
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [2]}},
                  {"id": "d1", "kind": "dense", "config": {"units": 3, "activation": "tanh"},
                   "params": {"W": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], "b": [0, 0, 0]}},
                  {"id": "n", "kind": "neuron", "config": {"activation": "sigmoid"}}],
        "edges": [{"id": "e1", "source": "x", "target": "d1"},
                  {"id": "e2", "source": "d1", "target": "n", "weight": [0.5, -0.5, 0.25]}],
        "inputs": ["x"], "outputs": ["n"],
        "training": {"loss": "binary_crossentropy", "optimizer": {"kind": "adam", "lr": 0.01, "amsgrad": True},
                     "schedule": {"kind": "step", "step_size": 5, "gamma": 0.5}},
    }


def error_of(data) -> str:
    with pytest.raises(ProjectError) as info:
        project_from_dict(data)
    return str(info.value)


# --- round trips ------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [worked, dense])
def test_dict_round_trip(make):
    first = project_to_dict(project_from_dict(make()))
    second = project_to_dict(project_from_dict(first))
    assert first == second
    assert json.loads(dumps_project(project_from_dict(first))) == first


def test_loaded_values_are_normalised():
    p = project_from_dict(dense())
    assert p.nodes[0].label == "x" and p.nodes[0].pos == (0.0, 0.0)
    assert p.node("d1").config["init"] == "xavier_uniform"           # defaults filled in
    assert p.node("d1").params["b"].dtype == np.float64
    assert isinstance(p.edges[0].weight, type(None))
    w = p.edges[1].weight
    assert isinstance(w, np.ndarray) and w.shape == (3,)
    assert p.training.optimizer == {"kind": "adam", "lr": 0.01, "amsgrad": True}
    assert p.training.epochs == TrainingSpec().epochs
    assert p.data == DataSpec()
    assert p.history == History()
    assert p.meta == {"name": "Untitled", "description": ""}
    scalar = project_from_dict(worked()).node("h1").params["b"]
    assert scalar.shape == () and float(scalar) == 0.35


def test_minimal_project_takes_defaults():
    p = project_from_dict({"format": "nnstudio.project", "version": 1, "nodes": []})
    assert p.nodes == [] and p.edges == [] and p.inputs == [] and p.outputs == []
    assert p.training == TrainingSpec() and p.data == DataSpec()


def _tricky_arrays(rng: np.random.Generator) -> dict[str, np.ndarray]:
    special = np.array([-0.0, 0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                        -1.7976931348623157e308, 0.1, 1 / 3, 1e-300, 123456789.123456789, 2.0**-1074 * 3])
    return {
        "random": rng.standard_normal((4, 5)),
        "wide": rng.uniform(-1e300, 1e300, (3, 2)) * rng.choice([1e-300, 1.0, 1e-10], (3, 2)),
        "subnormal": rng.uniform(0, 1, (2, 3)) * 1e-310,
        "float32": rng.standard_normal((3, 3)).astype(np.float32).astype(np.float64),
        "special": special.reshape(3, 4),
        "cube": rng.standard_normal((2, 2, 2)),
        "scalar": np.array(-0.0),
    }


def test_arrays_are_bit_identical_after_save_and_load(tmp_path):
    rng = np.random.default_rng(12345)
    p = project_from_dict(dense())
    arrays = _tricky_arrays(rng)
    p.node("x").params = dict(arrays)          # validation would warn; io keeps them as they are
    p.node("d1").params = {"W": rng.standard_normal((2, 3)), "b": np.array([5e-324, -0.0, 1e-320])}
    p.edges[1].weight = np.array([-0.0, 5e-324, np.float32(0.1)], dtype=np.float64)
    p.edges[0].weight = -0.0
    target = tmp_path / "p.json"
    save_project(p, target)
    q = load_project(target)
    for key, value in arrays.items():
        got = q.node("x").params[key]
        assert got.dtype == np.float64 and got.shape == value.shape
        assert got.tobytes() == value.tobytes(), key
    for key in ("W", "b"):
        assert q.node("d1").params[key].tobytes() == p.node("d1").params[key].tobytes()
    assert q.edges[1].weight.tobytes() == p.edges[1].weight.tobytes()
    assert np.float64(q.edges[0].weight).tobytes() == np.float64(-0.0).tobytes()
    assert project_to_dict(q) == project_to_dict(p)


def test_many_random_arrays_round_trip_bit_for_bit():
    rng = np.random.default_rng(7)
    bits = rng.integers(0, 2**63, size=2000, dtype=np.uint64) | (rng.integers(0, 2, 2000, dtype=np.uint64) << 63)
    values = bits.view(np.float64)
    values = values[np.isfinite(values)].reshape(-1)[:1800].reshape(30, 60)
    p = project_from_dict(dense())
    p.node("d1").params["W"] = values
    q = loads_project(dumps_project(p))
    assert q.node("d1").params["W"].tobytes() == values.tobytes()


def test_load_sets_absolute_path_and_save_is_atomic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    save_project(project_from_dict(worked()), "w.json")
    p = load_project("w.json")
    assert p.path == str(tmp_path / "w.json") and os.path.isabs(p.path)
    assert sorted(os.listdir(tmp_path)) == ["w.json"]            # no temporary file left behind
    if os.name == "posix":                                      # not mkstemp's private 0600
        umask = os.umask(0)
        os.umask(umask)
        assert stat.S_IMODE(os.stat("w.json").st_mode) == 0o666 & ~umask


def test_save_keeps_the_old_file_when_the_project_cannot_be_saved(tmp_path):
    target = tmp_path / "p.json"
    save_project(project_from_dict(dense()), target)
    before = target.read_bytes()
    p = project_from_dict(dense())
    p.node("d1").params["W"][1, 2] = np.nan
    with pytest.raises(ProjectError, match=re.escape("nodes[1].params.W[1][2]: must be a finite number")):
        save_project(p, target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["p.json"]


def test_save_refuses_infinite_values_and_bad_contents():
    p = project_from_dict(dense())
    p.edges[1].weight = np.array([1.0, np.inf, 0.0])
    with pytest.raises(ProjectError, match=re.escape("edges[1].weight[1]: must be a finite number")):
        dumps_project(p)
    p = project_from_dict(dense())
    p.training.loss = "hinge"
    with pytest.raises(ProjectError, match=re.escape("training.loss: must be one of")):
        dumps_project(p)
    p = project_from_dict(dense())
    p.history = History([1], [float("nan")], [None], [None], [None])
    with pytest.raises(ProjectError, match=re.escape("history.loss[0]: must be a finite number")):
        dumps_project(p)


def test_save_into_a_missing_folder_is_a_project_error(tmp_path):
    with pytest.raises(ProjectError, match="cannot be written"):
        save_project(project_from_dict(dense()), tmp_path / "nope" / "p.json")


def test_saved_text_is_readable_json(tmp_path):
    text = dumps_project(project_from_dict(worked()))
    assert text.endswith("}\n") and "反向传播" in text
    assert "NaN" not in text and "\t" not in text
    assert '"pos": [200.0, 0.0]' in text            # rows of numbers stay on one line
    p = project_from_dict(dense())
    p.node("d1").params["W"] = np.arange(2 * 40, dtype=float).reshape(2, 40)
    lines = dumps_project(p).splitlines()
    assert sum(1 for line in lines if line.strip().startswith("[0.0, 1.0, 2.0")) == 1


def test_symlinked_target_is_written_through(tmp_path):
    real = tmp_path / "real.json"
    save_project(project_from_dict(dense()), real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save_project(project_from_dict(worked()), link)
    assert link.is_symlink()
    assert load_project(real).meta["name"] == "Backprop worked example"


def test_project_error_is_reexported():
    assert io.ProjectError is errors.ProjectError
    assert issubclass(ProjectError, ValueError)


# --- versions and migrations ------------------------------------------------------------------
def test_newer_version_is_refused():
    d = worked()
    d["version"] = 2
    assert error_of(d) == ("version: the file was written by a newer nnstudio (format version 2); "
                           "this one reads version 1")


@pytest.mark.parametrize("version, message", [
    (0, "version: must be at least 1"), (-3, "version: must be at least 1"), ("1", "version: must be an integer"),
    (True, "version: must be an integer"), (1.0, "version: must be an integer"), (None, "version: must be an integer"),
    (10**400, "format version a very large number"),
])
def test_bad_versions(version, message):
    d = worked()
    d["version"] = version
    assert message in error_of(d)


def test_missing_version_and_format():
    d = worked()
    del d["version"]
    assert error_of(d) == "version: is missing"
    d = worked()
    del d["format"]
    assert error_of(d).startswith("format: is missing")
    d = worked()
    d["format"] = "keras"
    assert error_of(d).startswith("format: must be 'nnstudio.project'")


def test_migrations_step_one_version_at_a_time(monkeypatch):
    calls = []

    def one_to_two(d):
        calls.append(("1→2", d["version"]))
        d = dict(d)
        d["meta"] = {"name": d.pop("title")}
        return d

    def two_to_three(d):
        calls.append(("2→3", d["version"]))
        return d

    monkeypatch.setattr(reader, "FORMAT_VERSION", 3)
    monkeypatch.setattr(reader, "MIGRATIONS", {1: one_to_two, 2: two_to_three})
    old = worked()
    del old["meta"]
    old["title"] = "From version 1"
    p = project_from_dict(old)
    assert calls == [("1→2", 1), ("2→3", 2)]
    assert p.meta["name"] == "From version 1"
    assert "title" in old                      # the caller's dict is left alone
    d = worked()
    d["version"] = 2
    calls.clear()
    project_from_dict(d)
    assert calls == [("2→3", 2)]
    monkeypatch.setattr(reader, "MIGRATIONS", {2: two_to_three})
    assert "version: format version 1 can no longer be read" in error_of(worked())


# --- every ProjectError, with its path ---------------------------------------------------------
def _set(d: dict, path: str, value) -> dict:
    """Set `value` at a dotted path with [i] indexes; value DELETE removes the key."""
    parts = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]
    obj = d
    for p in parts[:-1]:
        obj = obj[p]
    if value is DELETE:
        del obj[parts[-1]]
    else:
        obj[parts[-1]] = value
    return d


DELETE = object()
NAN = float("nan")

CASES = [
    # top level
    ("colour", "red", "colour: unknown key (a project takes format, version"),
    ("nodes", DELETE, "nodes: is missing"),
    ("nodes", {}, "nodes: must be a list, not an object"),
    ("edges", "none", "edges: must be a list, not a string"),
    ("meta.author", "me", "meta.author: unknown key (meta takes name, description)"),
    ("meta.name", 3, "meta.name: must be a string, not a number"),
    ("meta", [], "meta: must be an object, not a list"),
    # nodes
    ("nodes[2]", "h1", "nodes[2]: must be an object, not a string"),
    ("nodes[2].colour", "red", "nodes[2].colour: unknown key (a node takes id, kind, label, pos, config, params)"),
    ("nodes[2].id", DELETE, "nodes[2].id: is missing"),
    ("nodes[2].id", "", "nodes[2].id: must not be empty"),
    ("nodes[2].id", 7, "nodes[2].id: must be a string, not a number"),
    ("nodes[2].id", "i1", "nodes[2].id: 'i1' is used twice"),
    ("nodes[2].id", "a\nb", "nodes[2].id: must not contain control characters"),
    ("nodes[2].id", "x" * 201, "nodes[2].id: must be at most 200 characters long"),
    ("nodes[2].kind", "conv3d", "nodes[2].kind: unknown node kind 'conv3d' (known kinds: input, neuron"),
    ("nodes[2].kind", "os.system", "nodes[2].kind: unknown node kind 'os.system'"),
    ("nodes[2].kind", ["neuron"], "nodes[2].kind: unknown node kind a list"),
    ("nodes[2].label", None, "nodes[2].label: must be a string, not null"),
    ("nodes[2].pos", [1, 2, 3], "nodes[2].pos: must be a list of two numbers [x, y]"),
    ("nodes[2].pos", [1, NAN], "nodes[2].pos[1]: must be a finite number"),
    ("nodes[2].pos", [True, 0], "nodes[2].pos[0]: must be a number, not true"),
    ("nodes[2].pos", "0,0", "nodes[2].pos: must be a list, not a string"),
    ("nodes[2].config", [], "nodes[2].config: must be an object"),
    ("nodes[2].config.activation", "swish", "nodes[2].config.activation: must be one of linear, step"),
    ("nodes[2].config.units", 4, "nodes[2].config.units: unknown setting for a neuron node"),
    ("nodes[2].config.bias", 10**400, "nodes[2].config.bias: must be a finite number"),
    ("nodes[2].config.bias", "0.3", "nodes[2].config.bias: must be a finite number"),
    ("nodes[0].config.shape", [0], "nodes[0].config.shape: must be a list of 1 to 3 positive integers"),
    ("nodes[2].params", [0.35], "nodes[2].params: must be an object, not a list"),
    ("nodes[2].params.b", "0.35", "nodes[2].params.b: must be a number, not a string"),
    ("nodes[2].params.b", True, "nodes[2].params.b: must be a number, not true"),
    ("nodes[2].params.b", None, "nodes[2].params.b: must be a number, not null"),
    ("nodes[2].params.b", NAN, "nodes[2].params.b: must be a finite number"),
    ("nodes[2].params.b", 10**400, "nodes[2].params.b: is too large"),
    ("nodes[2].params.b", [[1, 2], [3]], "nodes[2].params.b[1]: must be a list of 2 entries like the first one"),
    ("nodes[2].params.b", [[1, 2], [3, "4"]], "nodes[2].params.b[1][1]: must be a number, not a string"),
    ("nodes[2].params.b", [1, [2]], "nodes[2].params.b[1]: is not rectangular"),
    ("nodes[2].params.b", [[[[[[[[[1]]]]]]]]], "nodes[2].params.b: has more than 8 dimensions"),
    ("nodes[2].params.b", {"value": 1}, "nodes[2].params.b: must be a number, not an object"),
    # edges
    ("edges[1].colour", 1, "edges[1].colour: unknown key (an edge takes id, source, target, weight, trainable)"),
    ("edges[1].id", "h1", "edges[1].id: 'h1' is used twice (node and edge ids must be unique)"),
    ("edges[1].id", "w1", "edges[1].id: 'w1' is used twice"),
    ("edges[1].source", "ghost", "edges[1].source: there is no node 'ghost'"),
    ("edges[1].target", 3, "edges[1].target: must be a string, not a number"),
    ("edges[1].target", DELETE, "edges[1].target: is missing"),
    ("edges[1].weight", "0.2", "edges[1].weight: must be a number, not a string"),
    ("edges[1].weight", [[0.2]], "edges[1].weight: must be a number or a list of numbers"),
    ("edges[1].weight", [0.2, NAN], "edges[1].weight[1]: must be a finite number"),
    ("edges[1].trainable", "yes", "edges[1].trainable: must be true or false, not a string"),
    ("edges[1].trainable", 1, "edges[1].trainable: must be true or false, not a number"),
    # inputs and outputs
    ("inputs", "i1", "inputs: must be a list, not a string"),
    ("inputs[1]", "ghost", "inputs[1]: there is no node 'ghost'"),
    ("inputs[1]", "h1", "inputs[1]: 'h1' is a neuron node, not an input node"),
    ("inputs[1]", "i1", "inputs[1]: 'i1' is listed twice"),
    ("outputs[0]", None, "outputs[0]: must be a string, not null"),
    ("outputs[1]", "o3", "outputs[1]: there is no node 'o3'"),
    # data
    ("data.colour", 1, "data.colour: unknown key (data takes source, validation_split, normalize, split_seed, features, normalizer)"),
    ("data.validation_split", 1.0, "data.validation_split: must be < 1"),
    ("data.validation_split", -0.1, "data.validation_split: must be ≥ 0"),
    ("data.normalize", "zscore", "data.normalize: must be one of none, standard, minmax (got 'zscore')"),
    ("data.source.kind", DELETE, "data.source.kind: is missing"),
    ("data.source.kind", "sql", "data.source.kind: must be one of table, builtin, csv, npz, idx"),
    ("data.source.path", "x.csv", "data.source.path: unknown key (a table source takes kind, inputs, targets)"),
    ("data.source.inputs", [[0.05, 0.1], [1]], "data.source.inputs[1]: must be a list of 2 entries"),
    ("data.source.inputs", [0.05, 0.1], "data.source.inputs: must be a list of rows"),
    ("data.source.inputs", [[[0.05]]], "data.source.inputs: has more than 2 dimensions"),
    ("data.source.inputs", [[]], "data.source.inputs: rows must not be empty"),
    ("data.source.targets", [[0.1, 0.2], [0.3, 0.4]], "data.source.targets: has 2 rows, but inputs has 1"),
    ("data.source.targets", [0.5], "data.source.targets: a list of single values holds class labels"),
    ("data.source.targets", [-1], "data.source.targets: a list of single values holds class labels"),
    ("data.source.targets", 3, "data.source.targets: must be a list of rows (or a list of integer class labels)"),
    ("training.colour", 1, "training.colour: unknown key (training takes loss, optimizer"),
    ("training.loss", "hinge", "training.loss: must be one of half_sse, mse"),
    ("training.optimizer", "sgd", "training.optimizer: must be an object, not a string"),
    ("training.optimizer.kind", DELETE, "training.optimizer.kind: is missing"),
    ("training.optimizer.kind", "lbfgs", "training.optimizer.kind: must be one of sgd, rmsprop, adam, adamw, perceptron"),
    ("training.optimizer.beta1", 0.9, "training.optimizer.beta1: unknown key (the sgd optimizer takes kind, lr, momentum"),
    ("training.optimizer.lr", 0, "training.optimizer.lr: must be > 0"),
    ("training.optimizer.lr", -1, "training.optimizer.lr: must be > 0"),
    ("training.optimizer.lr", "fast", "training.optimizer.lr: must be a number, not a string"),
    ("training.optimizer.lr", 1e999, "training.optimizer.lr: must be a finite number"),
    ("training.optimizer.momentum", -0.5, "training.optimizer.momentum: must be ≥ 0"),
    ("training.optimizer.dampening", 2, "training.optimizer.dampening: must be ≤ 1"),
    ("training.optimizer.nesterov", 1, "training.optimizer.nesterov: must be true or false, not a number"),
    ("training.schedule", {"kind": "cyclic"}, "training.schedule.kind: must be one of constant, step, exponential, cosine"),
    ("training.schedule", {"kind": "step", "step_size": 0}, "training.schedule.step_size: must be an integer from 1 to"),
    ("training.schedule", {"kind": "cosine", "t_max": 1.5}, "training.schedule.t_max: must be an integer"),
    ("training.schedule", {"kind": "exponential", "gamma": 0}, "training.schedule.gamma: must be > 0"),
    ("training.schedule", {"kind": "constant", "gamma": 0.5}, "training.schedule.gamma: unknown key (the constant schedule takes kind)"),
    ("training.epochs", -1, "training.epochs: must be an integer from 0 to 2147483647"),
    ("training.epochs", 2**31, "training.epochs: must be an integer from 0 to 2147483647"),
    ("training.epochs", 10**400, "training.epochs: must be an integer from 0 to 2147483647"),
    ("training.epochs", 2.5, "training.epochs: must be an integer"),
    ("training.batch_size", True, "training.batch_size: must be an integer, not true"),
    ("training.shuffle", "no", "training.shuffle: must be true or false, not a string"),
    ("training.seed", -1, "training.seed: must be an integer from 0 to 4294967295"),
    ("training.regularization.l3", 0.1, "training.regularization.l3: unknown key (regularization takes l1, l2)"),
    ("training.regularization.l2", -0.1, "training.regularization.l2: must be ≥ 0"),
    ("training.dtype", "float16", "training.dtype: must be one of float32, float64 (got 'float16')"),
    ("history.epoch", DELETE, "history.epoch: is missing"),
    ("history.colour", [], "history.colour: unknown key (history takes epoch, loss, val_loss, accuracy, val_accuracy)"),
    ("history.loss", [0.3], "history.loss: has 1 entries, but epoch has 2"),
    ("history.loss", [0.3, None], "history.loss[1]: must be a number, not null"),
    ("history.val_loss", [0.3, "x"], "history.val_loss[1]: must be a number, not a string"),
    ("history.accuracy", [0.5, 1.5], "history.accuracy[1]: must be ≤ 1"),
    ("history.epoch", [1, -2], "history.epoch[1]: must be an integer from 0 to"),
]


@pytest.mark.parametrize("path, value, message", CASES, ids=[c[0] + ":" + repr(c[1])[:20] for c in CASES])
def test_errors_name_the_json_path(path, value, message):
    text = error_of(_set(worked(), path, value))
    assert text.startswith(message), text


@pytest.mark.parametrize("source, message", [
    ({"kind": "csv", "input_columns": ["x"], "target_columns": ["y"]}, "data.source.path: is missing"),
    ({"kind": "csv", "path": "", "input_columns": ["x"], "target_columns": ["y"]}, "data.source.path: must not be empty"),
    ({"kind": "csv", "path": "a\x00b", "input_columns": ["x"], "target_columns": ["y"]},
     "data.source.path: must not contain a NUL character"),
    ({"kind": "csv", "path": "d.csv", "input_columns": [], "target_columns": ["y"]},
     "data.source.input_columns: must name at least one column"),
    ({"kind": "csv", "path": "d.csv", "input_columns": ["x", "x"], "target_columns": ["y"]},
     "data.source.input_columns[1]: 'x' is listed twice"),
    ({"kind": "csv", "path": "d.csv", "input_columns": ["x"], "target_columns": [1]},
     "data.source.target_columns[0]: must be a string, not a number"),
    ({"kind": "csv", "path": "d.csv", "input_columns": ["x"], "target_columns": ["y"], "delimiter": "ab"},
     "data.source.delimiter: must be one character"),
    ({"kind": "csv", "path": "d.csv", "input_columns": ["x"], "target_columns": ["y"], "target_encoding": "label"},
     "data.source.target_encoding: must be one of raw, onehot, index"),
    ({"kind": "csv", "path": "d.csv", "input_columns": ["x"], "target_columns": ["y"], "quote": "'"},
     "data.source.quote: unknown key (a csv source takes kind, path, input_columns, target_columns, "
     "target_encoding, delimiter, header, missing, decimal)"),
    ({"kind": "npz", "path": "d.npz", "inputs": ""}, "data.source.inputs: must not be empty"),
    ({"kind": "idx", "images": "train-images.idx3-ubyte"}, "data.source.labels: is missing"),
    ({"kind": "builtin"}, "data.source.name: is missing"),
    ({"kind": "builtin", "name": "xor", "params": []}, "data.source.params: must be an object, not a list"),
    ({"kind": "builtin", "name": "xor", "params": {"noise": NAN}}, "data.source.params.noise: must be a finite number"),
    ({"kind": "builtin", "name": "xor", "params": {"a": json.loads("[" * 18 + "1" + "]" * 18)}},
     "data.source.params.a" + "[0]" * 16 + ": is nested more than 16 levels deep"),
    ("table", "data.source: must be an object, not a string"),
])
def test_data_source_errors(source, message):
    d = worked()
    d["data"]["source"] = source
    text = error_of(d)
    assert text.startswith(message), text


def test_data_sources_are_normalised():
    d = worked()
    cases = [
        ({"kind": "csv", "path": "d.csv", "input_columns": ["a", "b"], "target_columns": ["y"]},
         {"kind": "csv", "path": "d.csv", "input_columns": ["a", "b"], "target_columns": ["y"],
          "target_encoding": "raw", "delimiter": ",", "header": True, "missing": "refuse", "decimal": "."}),
        ({"kind": "npz", "path": "d.npz"}, {"kind": "npz", "path": "d.npz", "inputs": "inputs", "targets": "targets"}),
        ({"kind": "idx", "images": "i", "labels": "l"}, {"kind": "idx", "images": "i", "labels": "l"}),
        ({"kind": "builtin", "name": "moons"}, {"kind": "builtin", "name": "moons", "params": {}}),
        ({"kind": "builtin", "name": "moons", "params": {"n": 100, "noise": 0.1, "tags": ["a", None, True]}},
         {"kind": "builtin", "name": "moons", "params": {"n": 100, "noise": 0.1, "tags": ["a", None, True]}}),
        ({"kind": "table"}, {"kind": "table", "inputs": [], "targets": []}),
        ({"kind": "table", "inputs": [[1, 2], [3, 4]], "targets": [0, 1.0]},
         {"kind": "table", "inputs": [[1.0, 2.0], [3.0, 4.0]], "targets": [0, 1]}),
    ]
    for given, expected in cases:
        d["data"]["source"] = given
        assert project_from_dict(d).data.source == expected


def test_top_level_must_be_an_object():
    assert error_of([]) == "a project file must hold a JSON object, not a list"
    assert error_of(None) == "a project file must hold a JSON object, not null"


def test_unknown_keys_refused_at_every_depth():
    for path in ("x", "meta.x", "nodes[0].x", "edges[0].x", "data.x", "data.source.x", "training.x",
                 "training.optimizer.x", "training.schedule.x", "training.regularization.x", "history.x"):
        assert error_of(_set(worked(), path, 1)).startswith(f"{path}: unknown key"), path
    # ...but not inside free-form maps: params names are checked by validation, builtin params by the loader
    d = worked()
    d["nodes"][2]["params"]["gamma"] = 1.0
    assert "gamma" in project_from_dict(d).node("h1").params


def test_optional_history_columns_are_filled_with_none():
    d = worked()
    d["history"] = {"epoch": [0, 1, 2], "loss": [3, 2, 1]}
    h = project_from_dict(d).history
    assert h.val_loss == h.accuracy == h.val_accuracy == [None, None, None]
    assert h.loss == [3.0, 2.0, 1.0]


def test_integral_floats_are_accepted_as_integers():
    d = worked()
    d["training"]["epochs"] = 20.0
    d["nodes"][0]["config"]["shape"] = [1]
    assert project_from_dict(d).training.epochs == 20


def test_unexpected_exceptions_become_project_errors(monkeypatch):
    monkeypatch.setattr(reader, "_read_meta", lambda *a: 1 / 0)
    assert "the project cannot be read (ZeroDivisionError" in error_of(worked())


def test_deeply_nested_python_values_are_project_errors():
    deep: list = [1.0]
    for _ in range(5000):
        deep = [deep]
    d = worked()
    d["nodes"][2]["params"]["b"] = deep
    assert error_of(d).startswith("nodes[2].params.b: has more than 8 dimensions")
    d = worked()
    d["data"]["source"] = {"kind": "builtin", "name": "x", "params": {"a": deep}}
    assert "is nested more than 16 levels deep" in error_of(d)


# --- reading files ----------------------------------------------------------------------------
def _load_error(path) -> str:
    with pytest.raises(ProjectError) as info:
        load_project(path)
    return str(info.value)


def test_file_errors_name_the_file(tmp_path):
    missing = tmp_path / "missing.json"
    assert _load_error(missing) == f"{missing}: no such file"
    assert _load_error(tmp_path) == f"{tmp_path}: is a folder, not a project file"
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "\xff"}')
    assert _load_error(bad) == f"{bad}: is not UTF-8 text (undecodable byte at offset 12)"
    bad.write_text('{\n  "format": "nnstudio.project",\n  "version": 1,\n  "nodes": [,]\n}')
    assert _load_error(bad) == f"{bad}: not valid JSON: Expecting value (line 4, column 13)"
    bad.write_text("[1, 2]")
    assert _load_error(bad) == f"{bad}: a project file must hold a JSON object, not a list"
    bad.write_text("")
    assert _load_error(bad).startswith(f"{bad}: not valid JSON: Expecting value (line 1, column 1)")


@pytest.mark.parametrize("text, message", [
    ('{"format": "nnstudio.project", "version": 1, "nodes": [], "x": NaN}', "NaN is not allowed"),
    ('{"format": "nnstudio.project", "version": 1, "nodes": [], "x": -Infinity}', "-Infinity is not allowed"),
    ('{"format": "nnstudio.project", "version": 1, "nodes": [], "x": 1e999}', "the number 1e999 is too large"),
    ('{"format": "nnstudio.project", "version": 1, "nodes": [], "x": ' + "9" * 5000 + "}",
     "an integer of 5000 digits is too large"),
    ('{"format": "nnstudio.project", "version": 1, "version": 1, "nodes": []}', "the key 'version' appears twice"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply to read"),
], ids=["nan", "infinity", "1e999", "long-int", "duplicate-key", "deep"])
def test_json_level_errors(tmp_path, text, message):
    target = tmp_path / "p.json"
    target.write_text(text)
    assert _load_error(target).startswith(f"{target}: {message}")
    with pytest.raises(ProjectError, match=re.escape(message)):
        loads_project(text)


def test_content_errors_name_file_and_json_path(tmp_path):
    d = worked()
    d["nodes"][3]["config"]["activation"] = "swish"
    target = tmp_path / "p.json"
    target.write_text(json.dumps(d))
    text = _load_error(target)
    assert text.startswith(f"{target}: nodes[3].config.activation: must be one of")
    with pytest.raises(ProjectError) as info:
        load_project(target)
    assert info.value.json_path == "nodes[3].config.activation"


def test_lone_surrogates_are_refused():
    text = json.dumps(worked()).replace('"name": "Backprop worked example"', '"name": "bad \\ud800"')
    with pytest.raises(ProjectError, match=re.escape("meta.name: is not valid Unicode text")):
        loads_project(text)
    d = worked()
    d["nodes"][2]["params"]["\udfff"] = 1.0
    assert error_of(d) == "nodes[2].params: is not valid Unicode text (it holds a lone surrogate)"


def test_utf8_bom_is_accepted(tmp_path):
    target = tmp_path / "p.json"
    target.write_bytes(b"\xef\xbb\xbf" + json.dumps(worked(), ensure_ascii=False).encode())
    assert load_project(target).meta["description"] == "反向传播"


def test_dense_units_error_has_exact_path():
    d = dense()
    d["nodes"][1]["config"]["units"] = 0
    assert error_of(d) == "nodes[1].config.units: must be a positive integer"


# --- the documentation covers the registry ----------------------------------------------------
def test_format_doc_mentions_every_name():
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    names = set(registry.KINDS) | set(ACTIVATIONS) | set(LOSSES) | set(OPTIMIZERS) | set(SCHEDULES)
    names |= set(INITIALIZERS) | set(schema.TOP_KEYS) | set(schema.NODE_KEYS) | set(schema.EDGE_KEYS) | set(schema.TRAINING_KEYS)
    names |= set(schema.DATA_KEYS) | set(schema.HISTORY_KEYS) | set(schema.SOURCES) | set(schema.TARGET_ENCODINGS) | set(schema.NORMALIZE)
    for kind in registry.KINDS.values():
        names |= {f.name for f in kind.fields}
    for settings in [*OPTIMIZERS.values(), *SCHEDULES.values()]:
        names |= set(settings)
    for required, optional in schema.SOURCES.values():
        names |= set(required) | set(optional)
    missing = sorted(n for n in names if f"`{n}`" not in doc)
    assert not missing, f"docs/format.md does not mention: {missing}"


def _kind_rows(doc: str) -> list[list[str]]:
    """The rows of the "kinds at a glance" tables, as lists of cells (both tables in turn)."""
    section = doc.split("### The kinds at a glance", 1)[1].split("\n### ", 1)[0]
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in section.splitlines()
            if re.match(r"\| `\w+` \|", line)]


def _doc_default(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, list):
        return f"`{json.dumps(value)}`"
    return f"{value:g}"


def test_format_doc_tables_every_kind_as_its_module_says():
    """docs/format.md's tables of the kinds list each kind's config keys with their defaults, its
    params, id prefix, look and facets as the kind modules have them."""
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    rows = _kind_rows(doc)
    names = list(registry.KINDS)
    assert [r[0] for r in rows] == [f"`{n}`" for n in names] * 2
    yes = {True: "yes", False: "no"}
    for name, (row, facets) in zip(names, zip(rows[:len(names)], rows[len(names):])):
        spec = registry.KINDS[name]
        assert row[1] == spec.category
        assert row[2] == {0: "none", None: "any"}.get(spec.max_inputs, str(spec.max_inputs))
        keys = dict(re.findall(r"`(\w+)` \((.*?)\)(?:,|$)", row[3]))
        assert keys == {f.name: _doc_default(f.default) for f in spec.fields}, name
        defaults = spec.check_config({})
        configs = [defaults, {**defaults, "activation": "prelu"}] if spec.activated else [defaults]
        params = set().union(*(spec.param_specs(config, (3,)) for config in configs))
        assert set(re.findall(r"`(\w+)` `\[", row[4])) == params, name
        look = spec.look
        assert facets[1] == f"`{spec.id_prefix}`" and facets[2].startswith(f"`{look.colour}`"), name
        assert facets[3].startswith(look.glyph) and facets[4] == look.icon, name
        assert facets[5] == ", ".join(spec.probes), name
        assert (facets[6], facets[7]) == (yes[spec.walkthrough], yes[spec.weighted_inputs]), name
        assert facets[8] == (f"`{spec.output_units}`" if spec.output_units else "—"), name


def test_format_doc_example_loads():
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", doc, re.S)
    complete = [b for b in blocks if '"format": "nnstudio.project"' in b]
    assert complete
    for block in complete:
        loads_project(block)
