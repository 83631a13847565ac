"""ONNX export: every export runs in onnxruntime and gives nnstudio's own outputs, to 1e-5, from the
same raw inputs (the preprocessing baked in). The oracle is the engine's forward pass on the
inputs the engine's encoder makes of those raw values (or, for the examples, `nnstudio eval`'s
TrainingRun.evaluate)."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.errors import ProjectError
from nnstudio.export.extras import MissingExtra
from nnstudio.project.compile import compile_project
from nnstudio.project.io import load_project
from nnstudio.project.model import Edge, History, Node, Project
from nnstudio.shipped import examples_dir
from nnstudio.training.runner import TrainingRun

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from nnstudio.export.onnx_export import OPSET, export_onnx, to_onnx  # noqa: E402

TOL = 1e-5


def session(project: Project):
    model = to_onnx(project)
    onnx.checker.check_model(model, full_check=True)
    options = ort.SessionOptions()
    options.log_severity_level = 3
    return model, ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


def run_onnx(project: Project, feeds: dict[str, np.ndarray]) -> np.ndarray:
    """The ONNX outputs, joined on the last axis as nnstudio joins its output nodes."""
    model, sess = session(project)
    assert [i.name for i in model.graph.input] == list(project.inputs)
    assert [o.name for o in model.graph.output] == list(project.outputs)
    outs = sess.run(None, {k: np.asarray(v, dtype=np.float32) for k, v in feeds.items()})
    return outs[0] if len(outs) == 1 else np.concatenate(outs, axis=-1)


def engine(project: Project, feeds: dict[str, np.ndarray]) -> np.ndarray:
    """nnstudio's forward on `feeds` (no preprocessing in these projects)."""
    model = compile_project(project)
    return model.network.forward([np.asarray(feeds[i], dtype=np.float64) for i in project.inputs])


def check(project: Project, feeds: dict[str, np.ndarray]) -> float:
    want = engine(project, feeds)
    got = run_onnx(project, feeds)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=TOL, atol=TOL)
    return float(np.abs(got - want).max())


def rng_params(project: Project, seed: int = 1) -> Project:
    """Random biases (and prelu slopes) where compile would start them at 0: every array matters."""
    rng = np.random.default_rng(seed)
    model = compile_project(project)
    params = model.node_params()
    for node in project.nodes:
        for key, value in params.get(node.id, {}).items():
            if key in ("b", "bx", "bh", "alpha"):
                node.params[key] = rng.uniform(-0.5, 0.5, np.shape(value))
    return project


def chain(input_shape, *layers, out=None) -> Project:
    """x → layers in a line; `layers` are (kind, config)."""
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": list(input_shape)})]
    previous = "x"
    for k, (kind, config) in enumerate(layers):
        node_id = f"{kind}{k}"
        p.nodes.append(Node(node_id, kind, config=dict(config)))
        p.edges.append(Edge(f"e{k}", previous, node_id))
        previous = node_id
    p.inputs, p.outputs = ["x"], [out or previous]
    return rng_params(p)


def feeds_for(shape, n: int = 7, seed: int = 0) -> dict[str, np.ndarray]:
    return {"x": np.random.default_rng(seed).normal(size=(n, *shape))}


def test_dense_net_with_dropout_matches():
    p = chain([3], ("dense", {"units": 6, "activation": "relu"}), ("dropout", {"rate": 0.5}),
              ("dense", {"units": 4, "activation": "tanh"}), ("dense", {"units": 3, "activation": "softmax"}))
    check(p, feeds_for([3]))
    model = to_onnx(p)
    assert model.opset_import[0].version >= 17 and OPSET >= 17
    assert {n.op_type for n in model.graph.node} >= {"MatMul", "Add", "Relu", "Identity", "Tanh", "Softmax"}
    assert [n.name.split("/")[0] for n in model.graph.node if n.op_type == "MatMul"] == ["dense0", "dense2", "dense3"]
    assert not model.metadata_props                        # no preprocessing to record
    dims = model.graph.input[0].type.tensor_type.shape.dim
    assert dims[0].dim_param == "batch" and dims[1].dim_value == 3


def neuron_net() -> Project:
    """x1, x2 → h1, h2 (tanh) → y (sigmoid), with a skip edge x1 → y and a frozen edge x2 → h2."""
    p = Project()
    p.nodes = [Node("x1", "input", config={"shape": [1]}), Node("x2", "input", config={"shape": [1]}),
               Node("h1", "neuron", config={"activation": "tanh", "bias": 0.3}),
               Node("h2", "neuron", config={"activation": "tanh", "bias": -0.2}),
               Node("y", "neuron", config={"activation": "sigmoid", "bias": 0.1})]
    p.edges = [Edge("a", "x1", "h1", 0.7), Edge("b", "x2", "h1", -1.1), Edge("c", "x1", "h2", 0.4),
               Edge("d", "x2", "h2", 1.5, trainable=False), Edge("e", "h1", "y", 1.2), Edge("f", "h2", "y", -0.8),
               Edge("skip", "x1", "y", 0.9)]
    p.inputs, p.outputs = ["x1", "x2"], ["y"]
    return p


def test_neuron_net_with_skip_edge_and_frozen_weight_matches_after_training():
    p = neuron_net()
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (16, 2))
    p.data.source = {"kind": "table", "inputs": x.tolist(), "targets": (x[:, :1] * x[:, 1:] > 0).astype(float).tolist()}
    p.training.epochs = 20
    run = TrainingRun(p)
    run.run()
    run.write_back(p)
    assert next(e for e in p.edges if e.id == "d").weight == 1.5          # frozen, and exported as it is
    assert next(e for e in p.edges if e.id == "skip").weight != 0.9       # trained
    check(p, {"x1": x[:, :1], "x2": x[:, 1:]})
    # Hidden neurons as outputs too: one output per output node, each named by its id.
    p.outputs = ["h2", "y", "h1"]
    p.data.source = {"kind": "table", "inputs": x.tolist(), "targets": np.zeros((16, 3)).tolist()}
    check(p, {"x1": x[:, :1], "x2": x[:, 1:]})


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_every_activation_in_dense_activation_and_neuron_nodes(activation):
    config = {"activation": activation, "alpha": 0.3 if activation in ("leaky_relu", "elu") else 0.0}
    # The activation node first, on raw values that include exact zeros (step and sign give 1 at 0).
    p = chain([4], ("activation", config), ("dense", {"units": 5, **config}))
    x = np.random.default_rng(5).normal(size=(9, 4))
    x[0] = 0.0
    x[1, :2] = 0.0
    check(p, {"x": x})
    if activation == "softmax":
        return                                  # a neuron refuses softmax
    q = Project()
    q.nodes = [Node("x", "input", config={"shape": [2]}),
               *(Node(f"n{k}", "neuron", config=dict(config, bias=0.1 * k)) for k in range(3))]
    q.edges = [Edge(f"e{k}", "x", f"n{k}", [0.5 - k, 0.3 * k]) for k in range(3)]
    q.inputs, q.outputs = ["x"], ["n0", "n1", "n2"]
    if activation == "prelu":
        for k, node in enumerate(q.nodes[1:]):
            node.params["alpha"] = np.asarray(0.1 + 0.2 * k)
    z = np.random.default_rng(6).normal(size=(9, 2))
    z[0] = [0.0, 0.0]
    check(q, {"x": z})


@pytest.mark.parametrize("conv", [
    {"filters": 3, "kernel_size": 3, "stride": 1, "padding": "valid", "activation": "relu"},
    {"filters": 2, "kernel_size": [3, 2], "stride": 1, "padding": "same", "activation": "tanh"},
    {"filters": 4, "kernel_size": 4, "stride": 2, "padding": "same", "activation": "sigmoid"},
    {"filters": 2, "kernel_size": 3, "stride": [2, 1], "padding": "valid", "activation": "elu", "alpha": 0.5},
    {"filters": 2, "kernel_size": 2, "stride": 2, "padding": "same", "activation": "linear", "use_bias": False},
    {"filters": 3, "kernel_size": 3, "stride": 2, "padding": "same", "activation": "leaky_relu"},
])
def test_conv2d_then_flatten_and_dense(conv):
    # 9×7: odd sizes, so "same" with stride 2 pads unevenly (the extra row and column bottom/right).
    p = chain([2, 9, 7], ("conv2d", conv), ("flatten", {}), ("dense", {"units": 3, "activation": "linear"}))
    check(p, feeds_for([2, 9, 7]))
    # The conv layer's own output [N, filters, OH, OW], flattened in C, H, W order (an image cannot be an output).
    check(chain([2, 9, 7], ("conv2d", conv), ("flatten", {})), feeds_for([2, 9, 7], seed=2))


@pytest.mark.parametrize("pool", ["maxpool2d", "avgpool2d"])
@pytest.mark.parametrize("geometry", [{"pool_size": 2}, {"pool_size": [3, 2], "stride": [2, 1]},
                                      {"pool_size": 3, "stride": 2}])
def test_poolings(pool, geometry):
    p = chain([3, 9, 8], ("conv2d", {"filters": 2, "kernel_size": 2, "activation": "relu"}), (pool, geometry),
              ("flatten", {}), ("dense", {"units": 2, "activation": "softmax"}))
    check(p, feeds_for([3, 9, 8]))
    q = chain([2, 7, 6], (pool, geometry), ("flatten", {}))       # the pooling's own output
    check(q, feeds_for([2, 7, 6]))


@pytest.mark.parametrize("kind,extra", [("rnn", {"activation": "tanh"}), ("rnn", {"activation": "relu"}),
                                        ("lstm", {}), ("gru", {})])
@pytest.mark.parametrize("sequences", [False, True])
def test_recurrent(kind, extra, sequences):
    layer = (kind, {"units": 5, "return_sequences": sequences, **extra})
    p = chain([6, 3], layer, ("dense", {"units": 2, "activation": "tanh"}))
    check(p, feeds_for([6, 3], n=4))
    q = chain([6, 3], layer)                            # its own output: [N, 5] or [N, 6, 5]
    check(q, feeds_for([6, 3], n=4, seed=9))
    if sequences:                                       # stacked: every step into a second layer
        r = chain([6, 3], layer, (kind, {"units": 4, "return_sequences": False, **extra}))
        check(r, feeds_for([6, 3], n=4, seed=4))


def test_joined_inputs_and_branches():
    """Two input nodes joined into one dense layer, a branch feeding two outputs, and neurons
    reading a dense layer's columns."""
    p = Project()
    p.nodes = [Node("a", "input", config={"shape": [2]}), Node("b", "input", config={"shape": [3]}),
               Node("d", "dense", config={"units": 4, "activation": "relu"}),
               Node("n1", "neuron", config={"activation": "sigmoid"}),
               Node("out", "dense", config={"units": 2, "activation": "softmax"})]
    p.edges = [Edge("e1", "a", "d"), Edge("e2", "b", "d"), Edge("e3", "d", "n1"), Edge("e4", "a", "n1"),
               Edge("e5", "d", "out")]
    p.inputs, p.outputs = ["a", "b"], ["n1", "out"]
    rng_params(p)
    rng = np.random.default_rng(8)
    check(p, {"a": rng.normal(size=(5, 2)), "b": rng.normal(size=(5, 3))})


def preprocessing_project(features: list[str], normalize: str) -> tuple[Project, np.ndarray]:
    rng = np.random.default_rng(11)
    x = rng.normal(3.0, 2.0, size=(40, 2))
    p = Project()
    width = len(features) or 2
    p.nodes = [Node("x", "input", config={"shape": [width]}),
               Node("h", "dense", config={"units": 5, "activation": "tanh"}),
               Node("y", "dense", config={"units": 1, "activation": "sigmoid"})]
    p.edges = [Edge("e1", "x", "h"), Edge("e2", "h", "y")]
    p.inputs, p.outputs = ["x"], ["y"]
    p.data.source = {"kind": "table", "inputs": x.tolist(), "targets": (x[:, :1] > x[:, 1:]).astype(float).tolist()}
    p.data.features = list(features)
    p.data.normalize = normalize
    p.training.epochs = 5
    run = TrainingRun(p)
    run.run()
    run.write_back(p)                         # the trained weights, the history and the fitted normaliser
    return p, x


@pytest.mark.parametrize("features,normalize", [(["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"],
                                                 "standard"), (["x1^2", "sin(x2)"], "minmax"),
                                                (["x2", "x1*x2"], "none"), ([], "standard")])
def test_features_and_normaliser_are_baked_in(features, normalize):
    p, _ = preprocessing_project(features, normalize)
    if normalize != "none":
        assert p.data.normalizer is not None and p.history.epoch
    raw = np.random.default_rng(12).normal(3.0, 2.0, size=(25, 2))        # new rows, raw
    run = TrainingRun(p)
    want = run.model.network.forward(run.encoder.encode(raw))             # the engine's prediction path
    got = run_onnx(p, {"x": raw})
    np.testing.assert_allclose(got, want, rtol=TOL, atol=TOL)
    model = to_onnx(p)
    assert model.graph.input[0].type.tensor_type.shape.dim[1].dim_value == 2     # the raw columns
    ops = {n.op_type for n in model.graph.node}
    assert ("Sub" in ops) == (normalize != "none")
    # Named as preprocessing, and kept as data in the metadata.
    assert all(n.name.startswith(("preprocessing/x/", "h/", "y/")) for n in model.graph.node)
    assert {n.op_type for n in model.graph.node if n.name.startswith("preprocessing/")} >= {"Flatten", "Reshape"}
    meta = json.loads({prop.key: prop.value for prop in model.metadata_props}["nnstudio.preprocessing"])
    assert meta["features"] == features
    assert meta["normalizer"] == (None if normalize == "none" else p.data.normalizer)


def test_normaliser_over_several_input_nodes():
    p = Project()
    p.nodes = [Node("a", "input", config={"shape": [1]}), Node("b", "input", config={"shape": [2]}),
               Node("y", "dense", config={"units": 2, "activation": "linear"})]
    p.edges = [Edge("e1", "a", "y"), Edge("e2", "b", "y")]
    p.inputs, p.outputs = ["a", "b"], ["y"]
    rng = np.random.default_rng(2)
    x = rng.normal(10.0, 4.0, size=(30, 3))
    p.data.source = {"kind": "table", "inputs": x.tolist(), "targets": x[:, :2].tolist()}
    p.data.normalize = "standard"
    p.training.epochs = 3
    p.training.optimizer = {"kind": "sgd", "lr": 0.01}
    run = TrainingRun(p)
    run.run()
    run.write_back(p)
    raw = rng.normal(10.0, 4.0, size=(8, 3))
    run = TrainingRun(p)
    want = run.model.network.forward(run.encoder.encode(raw))
    np.testing.assert_allclose(run_onnx(p, {"a": raw[:, :1], "b": raw[:, 1:]}), want, rtol=TOL, atol=TOL)


def test_untrained_project_uses_the_normaliser_training_would_fit():
    p, x = preprocessing_project(["x1", "x1*x2"], "standard")
    p.history = History()                        # as after a reset: the stored statistics are not used
    p.data.normalizer = {"kind": "standard", "offset": [100.0, 100.0], "scale": [1.0, 1.0]}
    run = TrainingRun(p)
    want = run.model.network.forward(run.encoder.encode(x))
    np.testing.assert_allclose(run_onnx(p, {"x": x}), want, rtol=TOL, atol=TOL)


def test_what_cannot_be_exported_is_named():
    p, _ = preprocessing_project(["x1", "x2"], "standard")
    p.outputs = ["x", "y"]
    p.data.source = {"kind": "table", "inputs": [[0.0, 1.0]], "targets": [[0.0, 1.0, 0.5]]}
    with pytest.raises(ProjectError, match="input node that is also an output") as info:
        to_onnx(p)
    assert info.value.where == "x"
    q = Project()
    q.nodes = [Node("a", "input", config={"shape": [2]}), Node("b", "input", config={"shape": [1]}),
               Node("y", "dense", config={"units": 1})]
    q.edges = [Edge("e1", "a", "y"), Edge("e2", "b", "y")]
    q.inputs, q.outputs = ["a", "b"], ["y"]
    q.data.features = ["x1", "x2", "x1*x2"]
    with pytest.raises(ProjectError, match="exactly one input node"):
        to_onnx(q)
    # Without preprocessing an input node may be an output: the graph gives its input back.
    r = chain([2], ("dense", {"units": 2}))
    r.outputs = ["x", "dense0"]
    x = np.random.default_rng(0).normal(size=(3, 2))
    np.testing.assert_allclose(run_onnx(r, {"x": x}), engine(r, {"x": x}), rtol=TOL, atol=TOL)


SPEC_CASES = {
    "conv-same-stride-2-maxpool": ([2, 9, 7], [("conv2d", {"filters": 4, "kernel_size": 4, "stride": 2, "padding": "same",
                                                          "activation": "sigmoid"}), ("maxpool2d", {"pool_size": 2}),
                                               ("flatten", {})]),
    "avgpool": ([2, 9, 7], [("avgpool2d", {"pool_size": 3, "stride": 2}), ("flatten", {})]),
    **{f"{kind}-{'seq' if seq else 'last'}": ([6, 3], [(kind, {"units": 5, "return_sequences": seq})])
       for kind in ("rnn", "lstm", "gru") for seq in (False, True)},
    **{a: ([4], [("activation", {"activation": a}), ("dense", {"units": 3, "activation": a})])
       for a in ("step", "sign", "prelu", "elu", "leaky_relu", "softmax")},
}


@pytest.mark.parametrize("name", list(SPEC_CASES))
def test_the_onnx_reference_evaluator_agrees(name):
    """The ONNX package's own reference implementation of the operators gives the engine's outputs
    too: the export follows the ONNX specification, not one runtime's reading of it."""
    from onnx.reference import ReferenceEvaluator
    shape, layers = SPEC_CASES[name]
    p = chain(shape, *layers)
    feeds = feeds_for(shape)
    feeds["x"][0] = 0.0                                     # step and sign at exactly 0
    got = ReferenceEvaluator(to_onnx(p)).run(None, {"x": feeds["x"].astype(np.float32)})[0]
    np.testing.assert_allclose(got, engine(p, feeds), rtol=TOL, atol=TOL)


EXAMPLES = sorted(examples_dir().glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_shipped_example(path):
    project = load_project(path)
    run = TrainingRun(project)
    want = run.evaluate("all")["outputs"]                    # what `nnstudio eval --json` prints
    raw = run.dataset.inputs.reshape(len(run.dataset), -1)
    if project.data.features:
        feeds = {project.inputs[0]: raw}
    else:
        feeds, start = {}, 0
        for node_id, shape in zip(project.inputs, run.model.input_shapes):
            size = int(np.prod(shape))
            feeds[node_id] = raw[:, start:start + size].reshape(-1, *shape)
            start += size
    got = run_onnx(project, feeds)
    np.testing.assert_allclose(got.reshape(want.shape), want, rtol=TOL, atol=TOL)


def test_export_onnx_writes_a_model_onnx_loads(tmp_path):
    p = chain([2], ("dense", {"units": 3, "activation": "prelu"}))
    path = tmp_path / "model.onnx"
    export_onnx(p, path)
    loaded = onnx.load(str(path))
    onnx.checker.check_model(loaded, full_check=True)
    assert loaded.SerializeToString() == to_onnx(p).SerializeToString()
    assert [f.name for f in tmp_path.iterdir()] == ["model.onnx"]


def test_missing_onnx_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)           # import onnx now raises ImportError
    with pytest.raises(MissingExtra, match=r"pip install 'nnstudio\[onnx\]'"):
        to_onnx(chain([2], ("dense", {"units": 1})))


def test_importing_nnstudio_and_its_kinds_does_not_import_onnx():
    code = ("import sys, nnstudio, nnstudio.kinds, nnstudio.export.onnx_export, nnstudio.project.compile; "
            "bad = [m for m in ('onnx', 'onnxruntime', 'torch') if m in sys.modules]; print(bad); "
            "sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
