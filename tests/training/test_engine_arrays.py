"""The project crosses to the engine process as its JSON config and raw arrays (project_wire):
the engine rebuilds exactly the Project the file format would give it, without JSON-encoding a weight."""
from __future__ import annotations

import io
import json
import time
from pathlib import Path

import numpy as np
import pytest

from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project, loads_project, project_to_dict
from nnstudio.project.model import Edge, Node, Project
from nnstudio.training.engine_process import job_message, read_message, write_message
from nnstudio.training.project_wire import join_project, split_project
from nnstudio.training.runner import TrainingRun

ROOT = Path(__file__).resolve().parents[2]
# The examples are moving from nnstudio/examples to a top-level examples/: use whichever exists.
EXAMPLES = next(p for p in (ROOT / "examples", ROOT / "nnstudio" / "examples") if (p / "xor_dense.json").exists())


def _mixed() -> Project:
    """Every kind of array a project holds: neurons' 0-d params, scalar and vector edge weights
    (one a 0-d array in memory), no weight, a dense layer's matrices in float32 and Fortran order,
    and the values text might lose: -0.0, subnormals, the largest float, 0.1."""
    rng = np.random.default_rng(7)
    p = Project()
    p.nodes = [
        Node("x", "input", "x", (0.0, 0.0), {"shape": [3]}),
        Node("h", "neuron", "h", (100.0, 0.0), {"activation": "sigmoid"}, {"b": np.array(0.35)}),
        Node("d", "dense", "d", (200.0, 0.0), {"units": 4, "activation": "tanh"},
             {"W": np.asfortranarray(rng.standard_normal((4, 4))),
              "b": np.array([-0.0, 5e-324, np.finfo(np.float64).max, 0.1])}),
        Node("f", "dense", "f", (300.0, 0.0), {"units": 2}, {"W": rng.standard_normal((4, 2)).astype(np.float32)}),
        Node("o", "neuron", "o", (400.0, 0.0), {}, {"b": np.array(-0.0)}),
    ]
    p.edges = [Edge("w1", "x", "h", rng.standard_normal(3)),
               Edge("w2", "h", "d", 0.15, trainable=False),
               Edge("w3", "d", "f"),
               Edge("w4", "f", "o", np.array(-2.5)),
               Edge("w5", "x", "o", np.array([1e-310])),
               Edge("w6", "h", "o", None)]
    p.inputs, p.outputs = ["x"], ["o"]
    return p


def _through_json(project: Project) -> Project:
    """What the engine got before: the whole project as its v1 JSON text."""
    return loads_project(json.dumps(project_to_dict(project), allow_nan=False))


def _same_value(a: object, b: object) -> bool:
    """Same kind (Python float, array), dtype, shape, memory order and bits (so -0.0 ≠ 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return (a.dtype == b.dtype and a.shape == b.shape and a.flags.c_contiguous == b.flags.c_contiguous
                and a.flags.writeable == b.flags.writeable and a.tobytes() == b.tobytes())
    return a is None or np.float64(a).tobytes() == np.float64(b).tobytes()


def _assert_same_project(got: Project, expected: Project) -> None:
    assert project_to_dict(got) == project_to_dict(expected)
    for g, e in zip(got.nodes, expected.nodes, strict=True):
        assert list(g.params) == list(e.params), g.id
        for key in e.params:
            assert _same_value(g.params[key], e.params[key]), (g.id, key)
    for g, e in zip(got.edges, expected.edges, strict=True):
        assert _same_value(g.weight, e.weight), g.id


def _cross(project: Project) -> Project:
    """Through the wire and the pipe's own framing and allow-listing unpickler."""
    stream = io.BytesIO()
    write_message(stream, job_message(1, project, "run", None))
    stream.seek(0)
    _, _, text, arrays, *_ = read_message(stream)
    return join_project(text, arrays)


def test_the_engine_rebuilds_exactly_the_project_the_json_gave_it():
    project = _mixed()
    got = _cross(project)
    _assert_same_project(got, _through_json(project))
    # Spelled out: scalars stay scalars, vectors stay vectors, None stays None, all float64.
    assert type(got.edge("w2").weight) is float and got.edge("w2").weight == 0.15
    assert type(got.edge("w4").weight) is float and got.edge("w4").weight == -2.5
    assert got.edge("w1").weight.shape == (3,) and got.edge("w5").weight.shape == (1,)
    assert got.edge("w3").weight is None and got.edge("w6").weight is None
    assert got.node("h").params["b"].shape == () and np.signbit(got.node("o").params["b"])
    assert all(v.dtype == np.float64 and v.flags.c_contiguous for n in got.nodes for v in n.params.values())
    assert np.array_equal(got.node("f").params["W"], project.node("f").params["W"].astype(np.float64))
    assert got.node("d").params["b"].tobytes() == project.node("d").params["b"].tobytes()


def test_every_example_crosses_as_the_json_did():
    paths = sorted(EXAMPLES.glob("*.json"))
    assert len(paths) >= 10
    for path in paths:
        project = load_project(path)
        if not any(n.params for n in project.nodes):      # give it weights: those a run starts from
            TrainingRun(project.copy()).model.write_back(project)
        _assert_same_project(_cross(project), _through_json(project))


def _mlp(sizes: tuple[int, ...] = (784, 128, 64, 10)) -> Project:
    rng = np.random.default_rng(0)
    p = Project()
    p.nodes.append(Node("x", "input", "x", (0.0, 0.0), {"shape": [sizes[0]]}))
    for i, units in enumerate(sizes[1:]):
        p.nodes.append(Node(f"d{i}", "dense", f"d{i}", (200.0 * (i + 1), 0.0), {"units": units},
                            {"W": rng.standard_normal((sizes[i], units)), "b": rng.standard_normal(units)}))
        p.edges.append(Edge(f"e{i}", "x" if i == 0 else f"d{i - 1}", f"d{i}"))
    p.inputs, p.outputs = ["x"], [f"d{len(sizes) - 2}"]
    return p


def test_a_large_layer_crosses_without_its_weights_becoming_text():
    project = _mlp()
    text, arrays = split_project(project)
    assert len(text) < 3000                 # the config: 109,386 weights would be ~2 MB of JSON
    assert sum(a.nbytes for a in arrays) == 8 * (784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10)
    assert repr(float(project.node("d0").params["W"][0, 0])) not in text
    start = time.perf_counter()
    got = _cross(project)
    took = time.perf_counter() - start
    _assert_same_project(got, _through_json(project))
    assert took < 0.5, took                 # as JSON text it took ~85 ms; as arrays ~1 ms


def test_the_arrays_are_copies_taken_when_the_message_is_built():
    project = _mixed()
    message = job_message(1, project, "run", None)
    before = project.node("d").params["W"].copy()
    project.node("d").params["W"][:] = 9.0                  # the document changes before it is sent
    stream = io.BytesIO()
    write_message(stream, message)
    stream.seek(0)
    _, _, text, arrays, *_ = read_message(stream)
    assert np.array_equal(join_project(text, arrays).node("d").params["W"], before)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_weight_that_is_not_finite_is_refused_in_the_window(bad):
    # process_worker turns this ValueError into "a weight or a setting is not a finite number".
    for where in ("param", "edge"):
        project = _mixed()
        if where == "param":
            project.node("d").params["W"][1, 2] = bad
        else:
            project.edge("w2").weight = bad
        with pytest.raises(ValueError):
            job_message(1, project, "run", None)


def test_arrays_that_do_not_match_their_references_are_refused():
    text, arrays = split_project(_mixed())
    with pytest.raises(ProjectError, match="did not cross"):
        join_project(text, arrays[:-1])
    with pytest.raises(ProjectError, match="not referred to"):
        join_project(text, [*arrays, np.zeros(2)])
    with pytest.raises(ProjectError, match="float64"):
        join_project(text, [np.zeros(a.shape, np.float32) for a in arrays])
    with pytest.raises(ProjectError, match="finite"):
        join_project(text, [np.full_like(a, np.nan) for a in arrays])
    with pytest.raises(ProjectError, match="cross as a list"):
        join_project(text, {"W": arrays[0]})


def test_weights_the_file_format_refuses_are_refused_as_the_reader_refuses_them():
    project = _mixed()
    project.edge("w1").weight = np.zeros((3, 1))              # an edge weight is a number or a vector
    with pytest.raises(ProjectError, match=r"edges\[0\]\.weight: must be a number or a list of numbers"):
        _cross(project)
    with pytest.raises(ProjectError, match=r"edges\[0\]\.weight: must be a number or a list of numbers"):
        _through_json(project)
    project = _mixed()
    project.node("h").params["b"] = np.zeros((1,) * 9)
    with pytest.raises(ProjectError, match=r"nodes\[1\]\.params\.b: has more than 8 dimensions"):
        _cross(project)


def test_an_engine_trains_a_dense_project_from_its_weights_exactly_as_this_process_does(engine):
    project = load_project(EXAMPLES / "xor_dense.json")
    warm = TrainingRun(project.copy())
    warm.run(37)
    warm.model.write_back(project)                          # weights not from the seed: they must cross
    project.training.epochs = 50
    engine.send(job_message(1, project, "run", None))
    deadline = time.monotonic() + 60
    messages = []
    while ("done", 1) not in [m[:2] for m in messages]:
        assert time.monotonic() < deadline
        messages.append(engine.recv())
    assert not [m for m in messages if m[0] == "failed"]
    final = [m[2] for m in messages if m[:2] == ("snapshot", 1)][-1]
    here = TrainingRun(project.copy())
    here.run()
    assert final.epoch == here.epochs_done == 50
    expected = here.model.node_params()
    assert final.node_params.keys() == expected.keys()
    for node, params in expected.items():
        assert params.keys() == final.node_params[node].keys()
        for key, value in params.items():
            assert value.tobytes() == final.node_params[node][key].tobytes(), (node, key)
