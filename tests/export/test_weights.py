"""Weight exports: every parameter, the values compile starts from (or the trained ones)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from nnstudio.shipped import examples_dir
from nnstudio.export import export_json, export_npz
from nnstudio.project.compile import compile_project
from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project
from nnstudio.project.model import Edge, Node, Project

EXAMPLES = examples_dir()


def expected(project: Project) -> tuple[dict, dict]:
    model = compile_project(project)
    return model.node_params(), model.edge_weights()


def vector_edge_project() -> Project:
    """An input of shape [3] feeding one neuron: its edge weight is a vector (absent: from the seed)."""
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": [3]}), Node("n", "neuron", config={"activation": "tanh"})]
    p.edges = [Edge("e", "x", "n")]
    p.inputs, p.outputs = ["x"], ["n"]
    p.data.source = {"kind": "table", "inputs": [[0.0, 1.0, 2.0]], "targets": [[0.5]]}
    return p


PROJECTS = {
    "worked": lambda: load_project(EXAMPLES / "backprop_worked_example.json"),
    "dense": lambda: load_project(EXAMPLES / "xor_dense.json"),        # W and b absent: from the seed
    "neurons-from-seed": lambda: load_project(EXAMPLES / "xor_5_hidden.json"),
    "vector-edge": vector_edge_project,
}


@pytest.mark.parametrize("name", PROJECTS)
def test_npz_holds_every_param_and_matches_compile(name, tmp_path):
    project = PROJECTS[name]()
    params, weights = expected(project)
    target = tmp_path / "w.npz"
    export_npz(project, target)
    with np.load(target, allow_pickle=False) as archive:
        got = {k: archive[k] for k in archive.files}
    want = {f"{n}/{k}": v for n, ps in params.items() for k, v in ps.items()}
    want.update({f"edge/{e}": np.asarray(w) for e, w in weights.items()})
    assert set(got) == set(want)
    for key, value in want.items():
        assert got[key].dtype == np.float64 and got[key].shape == np.shape(value), key
        np.testing.assert_array_equal(got[key], value, err_msg=key)


@pytest.mark.parametrize("name", PROJECTS)
def test_json_holds_every_param_bit_exact(name, tmp_path):
    project = PROJECTS[name]()
    params, weights = expected(project)
    target = tmp_path / "w.json"
    export_json(project, target)
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("nnstudio.weights", 1)
    assert set(doc["nodes"]) == set(params) and set(doc["edges"]) == set(weights)
    for node_id, ps in params.items():
        assert set(doc["nodes"][node_id]) == set(ps)
        for key, value in ps.items():
            np.testing.assert_array_equal(np.array(doc["nodes"][node_id][key]), value)
    for edge_id, w in weights.items():
        np.testing.assert_array_equal(np.array(doc["edges"][edge_id]), np.asarray(w))


def test_worked_example_export_has_its_named_weights(tmp_path):
    export_json(PROJECTS["worked"](), tmp_path / "w.json")
    doc = json.loads((tmp_path / "w.json").read_text())
    assert doc["edges"] == {"w1": 0.15, "w2": 0.2, "w3": 0.25, "w4": 0.3,
                            "w5": 0.4, "w6": 0.45, "w7": 0.5, "w8": 0.55}
    assert doc["nodes"]["h1"] == {"b": 0.35} and doc["nodes"]["o2"] == {"b": 0.6}


def test_vector_edges_export_as_lists(tmp_path):
    export_json(vector_edge_project(), tmp_path / "w.json")
    edge = json.loads((tmp_path / "w.json").read_text())["edges"]["e"]
    assert isinstance(edge, list) and len(edge) == 3


def test_exports_are_the_same_every_time_for_the_same_seed(tmp_path):
    for k in range(2):
        export_json(PROJECTS["dense"](), tmp_path / f"{k}.json")
    assert (tmp_path / "0.json").read_bytes() == (tmp_path / "1.json").read_bytes()


def test_an_invalid_project_is_refused_and_nothing_is_written(tmp_path):
    project = PROJECTS["dense"]()
    project.edges.append(Edge("back", "out", "hidden"))
    with pytest.raises(ProjectError):
        export_npz(project, tmp_path / "w.npz")
    assert list(tmp_path.iterdir()) == []


def test_exports_carry_the_input_preprocessing_the_weights_were_trained_with(tmp_path):
    from nnstudio.training.runner import TrainingRun
    project = load_project(EXAMPLES / "xor_dense.json")
    project.data.source = {"kind": "table", "inputs": [[0, 0], [0, 10], [10, 0], [10, 10]],
                           "targets": [[0], [1], [1], [0]]}
    project.data.normalize = "standard"
    project.training.epochs = 3
    run = TrainingRun(project)
    run.run()
    run.write_back(project)
    assert project.data.normalizer["offset"] == [5.0, 5.0]
    export_json(project, tmp_path / "w.json")
    doc = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert doc["preprocessing"] == {"features": [], "normalizer": project.data.normalizer}
    export_npz(project, tmp_path / "w.npz")
    with np.load(tmp_path / "w.npz", allow_pickle=False) as archive:
        np.testing.assert_array_equal(archive["preprocessing/offset"], [5.0, 5.0])
        np.testing.assert_array_equal(archive["preprocessing/scale"], [5.0, 5.0])
