"""The .npz export of a trained project loads without pickle and holds every trained array: each
node's parameters, each neuron edge's weight and the fitted normaliser, bit for bit."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.export import export_npz
from nnstudio.project.compile import compile_project
from nnstudio.project.io import load_project
from nnstudio.shipped import examples_dir
from nnstudio.training.runner import TrainingRun

EXAMPLES = examples_dir()
CASES = {          # example → epochs of training
    "xor_5_hidden": 20,           # neuron-level: the weights live on the edges
    "xor_dense": 20,
    "spiral_features": 3,         # derived features and a fitted normaliser
    "memory_lstm": 1,
    "memory_rnn": 1,
    "digits_cnn": 1,              # conv2d, pooling, flatten
}


def trained(name: str, epochs: int):
    project = load_project(EXAMPLES / f"{name}.json")
    before = compile_project(project).node_params()
    run = TrainingRun(project)
    run.run(epochs)
    run.write_back(project)
    return project, run, before


@pytest.mark.parametrize("name", CASES)
def test_npz_of_a_trained_project_holds_every_trained_array(name, tmp_path):
    project, run, before = trained(name, CASES[name])
    path = tmp_path / "weights.npz"
    export_npz(project, path)
    params, edges = run.model.node_params(), run.model.edge_weights()
    expected = {f"{node}/{key}": value for node, p in params.items() for key, value in p.items()}
    expected.update({f"edge/{edge}": w for edge, w in edges.items()})
    if project.data.normalizer:
        expected.update({f"preprocessing/{k}": project.data.normalizer[k] for k in ("offset", "scale")})
    with np.load(path, allow_pickle=False) as archive:        # plain arrays: no pickle needed
        assert sorted(archive.files) == sorted(expected)
        for key, value in expected.items():
            stored = archive[key]
            assert stored.dtype == np.float64, key
            np.testing.assert_array_equal(stored, np.asarray(value, dtype=np.float64), err_msg=key)
    # The trained values, not the ones compile starts from: training moved at least one array.
    moved = [f"{n}/{k}" for n, p in before.items() for k, v in p.items()
             if not np.array_equal(np.asarray(v), np.asarray(params[n][k]))]
    assert moved


def test_neuron_edges_are_the_trained_weights(tmp_path):
    project, run, _ = trained("xor_5_hidden", 30)
    export_npz(project, tmp_path / "w.npz")
    with np.load(tmp_path / "w.npz", allow_pickle=False) as archive:
        for edge in project.edges:
            assert float(archive[f"edge/{edge.id}"]) == edge.weight
    untrained = load_project(EXAMPLES / "xor_5_hidden.json")
    changed = [e.id for e, u in zip(project.edges, untrained.edges) if e.weight != u.weight]
    assert len(changed) >= len(project.edges) // 2
