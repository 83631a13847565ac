"""The data section's split_seed, features and normalizer: reading, writing, validation, and the
training run that uses them (write-back of the normaliser, dataset order, moving projects)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from nnstudio.project.io import ProjectError, dumps_project, loads_project, project_from_dict, project_to_dict
from nnstudio.project.model import DataSpec, History
from nnstudio.project.paths import rebase_data_path
from nnstudio.training.runner import TrainingRun
from nnstudio.project.validation import validate


def net(source: dict, inputs: int = 2, outputs: int = 1, loss: str = "binary_crossentropy", **data) -> dict:
    """input[inputs] → dense(4, tanh) → dense(outputs) as a project dict."""
    act = "softmax" if loss.endswith("categorical_crossentropy") else "sigmoid" if "binary" in loss else "linear"
    return {
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [inputs]}},
                  {"id": "h", "kind": "dense", "config": {"units": 4, "activation": "tanh"}},
                  {"id": "o", "kind": "dense", "config": {"units": outputs, "activation": act}}],
        "edges": [{"id": "e1", "source": "x", "target": "h"}, {"id": "e2", "source": "h", "target": "o"}],
        "inputs": ["x"], "outputs": ["o"],
        "data": {"source": source, **data},
        "training": {"loss": loss, "optimizer": {"kind": "adam", "lr": 0.01}, "epochs": 3},
    }


CIRCLE = {"kind": "builtin", "name": "circle", "params": {"samples": 40}}


def errors(d: dict) -> list[str]:
    return [str(p) for p in validate(project_from_dict(d)) if p.severity == "error"]


def error_of(d: dict) -> str:
    with pytest.raises(ProjectError) as info:
        project_from_dict(d)
    return str(info.value)


# --- reading and writing -----------------------------------------------------------------------

def test_new_keys_default_and_are_written_only_when_set():
    p = project_from_dict(net(CIRCLE))
    assert (p.data.split_seed, p.data.features, p.data.normalizer) == (None, [], None)
    assert set(project_to_dict(p)["data"]) == {"source", "validation_split", "normalize"}
    assert p.data == DataSpec(CIRCLE | {"params": {"samples": 40}})


def test_new_keys_round_trip_exactly():
    norm = {"kind": "standard", "offset": [0.1, -2.5, 1e-300], "scale": [3.0, 0.7, 1.0]}
    d = net(CIRCLE, 3, split_seed=4294967295, features=["x1", "x1*x2", "sin(x2)"], normalizer=norm)
    p = loads_project(dumps_project(project_from_dict(d)))
    assert p.data.split_seed == 4294967295 and p.data.features == ["x1", "x1*x2", "sin(x2)"]
    assert p.data.normalizer == norm
    assert json.loads(dumps_project(p))["data"]["normalizer"] == norm


@pytest.mark.parametrize("key, value, message", [
    ("split_seed", -1, "data.split_seed: must be an integer from 0 to 4294967295"),
    ("split_seed", 1.5, "data.split_seed: must be an integer"),
    ("split_seed", "3", "data.split_seed: must be an integer, not a string"),
    ("features", "x1", "data.features: must be a list"),
    ("features", ["x1", "x3"], "data.features[1]: 'x3' is not a feature (known: x1, x2, x1^2, x2^2, x1*x2, sin(x1), "
                               "sin(x2))"),
    ("features", ["x1", "x1"], "data.features[1]: 'x1' is listed twice"),
    ("normalizer", [], "data.normalizer: must be an object with kind, offset and scale"),
    ("normalizer", {"kind": "zscore", "offset": [0], "scale": [1]}, "data.normalizer.kind: must be one of none"),
    ("normalizer", {"kind": "minmax", "offset": [0], "scale": [0]}, "data.normalizer.scale: must not hold 0"),
    ("normalizer", {"kind": "minmax", "offset": [0, 1], "scale": [1]}, "data.normalizer.scale: has 1 values, "
                                                                        "offset has 2"),
    ("normalizer", {"kind": "minmax", "offset": ["a"], "scale": [1]}, "data.normalizer.offset: must be a list of "
                                                                       "finite numbers"),
])
def test_bad_values_name_their_json_path(key, value, message):
    assert error_of(net(CIRCLE, **{key: value})).startswith(message)


# --- validation ----------------------------------------------------------------------------------

def test_builtin_name_and_params_are_validation_problems_anchored_at_data():
    assert errors(net(CIRCLE)) == []
    (problem,) = [p for p in validate(project_from_dict(net({"kind": "builtin", "name": "circles"})))
                  if p.severity == "error"]
    assert problem.node_id is None and problem.edge_id is None
    assert problem.path == "data.source.name"
    assert str(problem).startswith('data.source.name: unknown built-in dataset "circles"')
    assert errors(net({"kind": "builtin", "name": "circle", "params": {"samples": 0}})) == [
        "data.source.params.samples: must be from 1 to 1 000 000, not 0"]
    assert errors(net({"kind": "builtin", "name": "circle", "params": {"radius": 2}}))[0].startswith(
        "data.source.params.radius: circle has no parameter 'radius'")


def test_builtin_columns_are_checked_against_the_network():
    assert errors(net({"kind": "builtin", "name": "digits"}, 2, 10, "sparse_categorical_crossentropy")) == [
        "data.source.name: the digits dataset has 64 input columns, but the input nodes take 2"]
    assert errors(net({"kind": "builtin", "name": "digits"}, 64, 10, "sparse_categorical_crossentropy")) == []
    assert errors(net({"kind": "builtin", "name": "plane"}, 2, 2, "mse")) == [
        "data.source.name: the plane dataset has 1 target column, but the network has 2 outputs"]
    blobs = {"kind": "builtin", "name": "blobs", "params": {"classes": 5}}
    assert errors(net(blobs, 2, 4, "sparse_categorical_crossentropy")) == [
        "data.source.name: the blobs dataset has 5 classes, but the network has only 4 outputs"]
    assert errors(net(blobs, 2, 5, "sparse_categorical_crossentropy")) == []
    onehot = {"kind": "builtin", "name": "blobs", "params": {"classes": 5, "target_encoding": "onehot"}}
    assert errors(net(onehot, 2, 6, "categorical_crossentropy")) == [
        "data.source.name: the blobs dataset has 5 target columns, but the network has 6 outputs"]


def test_features_are_checked_against_the_data_and_the_input_nodes():
    assert errors(net(CIRCLE, 3, features=["x1", "x2", "x1^2"])) == []
    assert errors(net(CIRCLE, 2, features=["x1", "x2", "x1^2"])) == [
        "data.source.name: the circle dataset has 3 derived features, but the input nodes take 2"]
    table = {"kind": "table", "inputs": [[0, 1, 2], [3, 4, 5]], "targets": [[0], [1]]}
    assert errors(net(table, 2, features=["x1", "x2"])) == [
        "data.features: need exactly 2 input columns (x1, x2), but the data table has 3"]
    two = {"kind": "table", "inputs": [[0, 1], [3, 4]], "targets": [[0], [1]]}
    assert errors(net(two, 1, features=["x1*x2"])) == []
    assert errors(net(two, 2, features=["x1*x2"])) == [
        "data.source.inputs: the data table has 1 derived feature, but the input nodes take 2"]


# --- the training run ----------------------------------------------------------------------------

def test_write_back_stores_the_fitted_normaliser_and_eval_reuses_it():
    project = project_from_dict(net(CIRCLE, normalize="standard", validation_split=0.25))
    run = TrainingRun(project)
    run.run(2)
    run.write_back(project)
    x = run.dataset.inputs[:30]
    assert project.data.normalizer["kind"] == "standard"
    np.testing.assert_allclose(project.data.normalizer["offset"], x.mean(axis=0))
    np.testing.assert_allclose(project.data.normalizer["scale"], x.std(axis=0))
    # the file keeps it; a new run on the trained project uses those very numbers
    reloaded = loads_project(dumps_project(project))
    tampered = reloaded.copy()
    tampered.data.normalizer = {"kind": "standard", "offset": [1.0, 2.0], "scale": [2.0, 4.0]}
    again = TrainingRun(tampered)
    assert again.prepared.normalizer.offset.tolist() == [1.0, 2.0]
    np.testing.assert_allclose(again.all_samples().inputs[0], (run.dataset.inputs - [1, 2]) / [2, 4])
    assert TrainingRun(reloaded).evaluate()["loss"] == pytest.approx(run.evaluate()["loss"], rel=1e-12)
    # without history (never trained, or reset) the statistics are fitted afresh
    tampered.history = History()
    assert TrainingRun(tampered).prepared.normalizer.offset.tolist() != [1.0, 2.0]


def test_normalize_none_stores_null():
    project = project_from_dict(net(CIRCLE, normalizer={"kind": "minmax", "offset": [0, 0], "scale": [1, 1]}))
    run = TrainingRun(project)
    run.run(1)
    run.write_back(project)
    assert project.data.normalizer is None


def test_seeded_split_trains_on_random_rows_and_evaluates_in_dataset_order():
    project = project_from_dict(net(CIRCLE, validation_split=0.25, split_seed=9))
    run = TrainingRun(project)
    held = np.sort(np.random.default_rng(9).permutation(40)[30:])
    np.testing.assert_array_equal(run.val_split.inputs[0], run.dataset.inputs[held])
    np.testing.assert_array_equal(run.all_samples().inputs[0], run.dataset.inputs)
    np.testing.assert_array_equal(run.all_samples().targets, run.dataset.targets)
    run.run(1)
    out = run.evaluate("all")["outputs"]
    assert np.allclose(out[held], run.evaluate("val")["outputs"])


def test_features_reach_the_network_and_the_encoder():
    project = project_from_dict(net(CIRCLE, 4, features=["x1^2", "x2^2", "x1", "x2"], normalize="minmax"))
    run = TrainingRun(project)
    x = run.dataset.inputs
    raw = np.column_stack([x[:, 0] ** 2, x[:, 1] ** 2, x[:, 0], x[:, 1]])
    lo, hi = raw.min(axis=0), raw.max(axis=0)
    np.testing.assert_allclose(run.all_samples().inputs[0], (raw - lo) / (hi - lo))
    np.testing.assert_allclose(run.encoder.encode(x[:5])[0], run.all_samples().inputs[0][:5])


def test_moving_a_project_rebases_both_idx_paths(tmp_path):
    project = project_from_dict(net({"kind": "idx", "images": "data/i.gz", "labels": "/abs/l.gz"}),
                                path=tmp_path / "a" / "p.json")
    rebase_data_path(project, str(tmp_path / "b" / "q.json"))
    assert project.data.source == {"kind": "idx", "images": "../a/data/i.gz", "labels": "/abs/l.gz"}
