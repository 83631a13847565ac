"""Round trip: a project exported to ONNX (onnx_export.to_onnx) and imported back (import_onnx)
gives the original's outputs to 1e-6. The export writes float32 weights, so the original's arrays
are first rounded to float32: the numbers then survive exactly and both projects run in float64."""
from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
onnx_export = pytest.importorskip("nnstudio.export.onnx_export")

from nnstudio.export.onnx_import import import_onnx  # noqa: E402
from nnstudio.project.compile import compile_project  # noqa: E402
from nnstudio.project.model import Edge, Node, Project  # noqa: E402
from nnstudio.project.validation import errors  # noqa: E402

TOL = 1e-6


def float32_exact(project: Project, seed: int = 1) -> Project:
    """Every array set (random biases where compile starts them at 0) and rounded to float32."""
    rng = np.random.default_rng(seed)
    model = compile_project(project)
    params, weights = model.node_params(), model.edge_weights()
    for node in project.nodes:
        for key, value in params.get(node.id, {}).items():
            if key in ("b", "bx", "bh", "alpha"):
                value = rng.uniform(-0.5, 0.5, np.shape(value))
            node.params[key] = np.asarray(value, dtype=np.float32).astype(np.float64)
    for edge in project.edges:
        if edge.id in weights:
            w = np.asarray(weights[edge.id], dtype=np.float32).astype(np.float64)
            edge.weight = float(w) if w.ndim == 0 else w
    return project


def chain(input_shape, *layers) -> Project:
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": list(input_shape)})]
    previous = "x"
    for k, (kind, config) in enumerate(layers):
        node_id = f"{kind}{k}"
        p.nodes.append(Node(node_id, kind, config=dict(config)))
        p.edges.append(Edge(f"e{k}", previous, node_id))
        previous = node_id
    p.inputs, p.outputs = ["x"], [previous]
    return float32_exact(p)


def forward(project: Project, feeds: dict[str, np.ndarray]) -> np.ndarray:
    return compile_project(project).network.forward([feeds[i] for i in project.inputs])


def round_trip(tmp_path, project: Project, feeds: dict[str, np.ndarray]) -> Project:
    path = tmp_path / "model.onnx"
    onnx_export.export_onnx(project, path)
    back = import_onnx(path)
    assert errors(back) == []
    assert back.inputs == project.inputs and back.outputs == project.outputs
    want, got = forward(project, feeds), forward(back, feeds)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=TOL)
    return back


def feeds(shape, n=6, seed=0):
    return {"x": np.random.default_rng(seed).normal(size=(n, *shape))}


def test_dense_net(tmp_path):
    p = chain([3], ("dense", {"units": 6, "activation": "relu"}), ("dropout", {"rate": 0.3}),
              ("dense", {"units": 4, "activation": "tanh"}), ("dense", {"units": 3, "activation": "softmax"}))
    back = round_trip(tmp_path, p, feeds([3]))
    assert [n.kind for n in back.nodes] == ["input", "dense", "dense", "dense"]     # dropout went out as Identity


def test_neuron_net_with_skip_edge(tmp_path):
    p = Project()
    p.nodes = [Node("x1", "input", config={"shape": [1]}), Node("x2", "input", config={"shape": [1]}),
               Node("h1", "neuron", config={"activation": "tanh"}), Node("h2", "neuron", config={"activation": "tanh"}),
               Node("y", "neuron", config={"activation": "sigmoid"})]
    p.edges = [Edge("a", "x1", "h1", 0.7), Edge("b", "x2", "h1", -1.1), Edge("c", "x1", "h2", 0.4),
               Edge("d", "x2", "h2", 1.5, trainable=False), Edge("e", "h1", "y", 1.2), Edge("f", "h2", "y", -0.8),
               Edge("skip", "x1", "y", 0.9)]
    p.inputs, p.outputs = ["x1", "x2"], ["y"]
    float32_exact(p)
    rng = np.random.default_rng(4)
    x = {"x1": rng.normal(size=(9, 1)), "x2": rng.normal(size=(9, 1))}
    round_trip(tmp_path, p, x)
    # Hidden neurons as outputs too: each is a column of its group's layer, sliced out on export and
    # drawn back as a one-unit dense layer.
    p.outputs = ["h2", "y", "h1"]
    back = round_trip(tmp_path, p, x)
    assert back.node("h2").kind == "dense" and back.node("h2").config["units"] == 1


@pytest.mark.parametrize("conv", [{"filters": 3, "kernel_size": 3, "padding": "same", "activation": "relu"},
                                  {"filters": 2, "kernel_size": [2, 3], "stride": 2, "padding": "same",
                                   "activation": "sigmoid"},
                                  {"filters": 2, "kernel_size": 2, "stride": [2, 1], "activation": "linear",
                                   "use_bias": False}])
@pytest.mark.parametrize("pool", ["maxpool2d", "avgpool2d"])
def test_conv_net(tmp_path, conv, pool):
    p = chain([2, 9, 7], ("conv2d", conv), (pool, {"pool_size": 2}), ("flatten", {}),
              ("dense", {"units": 3, "activation": "softmax"}))
    round_trip(tmp_path, p, feeds([2, 9, 7]))


@pytest.mark.parametrize("kind,extra", [("rnn", {"activation": "tanh"}), ("rnn", {"activation": "relu"}),
                                        ("lstm", {}), ("gru", {})])
@pytest.mark.parametrize("sequences", [False, True])
def test_recurrent(tmp_path, kind, extra, sequences):
    p = chain([5, 3], (kind, {"units": 4, "return_sequences": sequences, **extra}),
              ("dense", {"units": 2, "activation": "tanh"}))
    back = round_trip(tmp_path, p, feeds([5, 3], n=4))
    assert next(n for n in back.nodes if n.kind == kind).config["return_sequences"] is sequences


ALL_ACTIVATIONS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "softmax", "step", "sign"]


@pytest.mark.parametrize("activation", ALL_ACTIVATIONS)
def test_every_activation_in_dense_and_activation_nodes(tmp_path, activation):
    alpha = {"leaky_relu": 0.2, "elu": 0.7}.get(activation, 0.0)
    p = chain([4], ("dense", {"units": 5, "activation": activation, "alpha": alpha}),
              ("activation", {"activation": activation, "alpha": alpha}), ("dense", {"units": 2}))
    back = round_trip(tmp_path, p, feeds([4], n=9))
    assert back.nodes[1].config["activation"] == activation


@pytest.mark.parametrize("activation", ["step", "sign", "elu", "leaky_relu"])
def test_neuron_activations(tmp_path, activation):
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": [2]}),
               Node("h", "neuron", config={"activation": activation}), Node("y", "neuron", config={"activation": "linear"})]
    p.edges = [Edge("a", "x", "h", [0.5, -1.0]), Edge("b", "h", "y", 2.0), Edge("c", "x", "y", [0.25, 0.75])]
    p.inputs, p.outputs = ["x"], ["y"]
    float32_exact(p)
    p.node("h").params["b"] = np.asarray(0.0)
    x = np.random.default_rng(2).normal(size=(8, 2))
    x[0] = [2.0, 1.0]                   # z = 0 exactly: step and sign give 1 there
    round_trip(tmp_path, p, {"x": x})


def test_derived_features_and_normaliser_come_back_as_data_settings(tmp_path):
    """The shipped spiral example: seven derived features of x1, x2 and a standard normaliser,
    baked into the ONNX file, come back as data.features and data.normalizer."""
    from nnstudio.project.io import load_project
    from nnstudio.shipped import examples_dir
    from nnstudio.training.runner import TrainingRun
    p = load_project(examples_dir() / "spiral_features.json")
    fitted = TrainingRun(p).prepared.normalizer          # what the export bakes in (no history yet)
    x = {"x": np.random.default_rng(3).normal(size=(6, len(p.data.features)))}
    back = round_trip(tmp_path, p, x)
    assert back.data.features == p.data.features and back.node("x").config["shape"] == [7]
    np.testing.assert_allclose(back.data.normalizer["offset"], fitted.offset, rtol=1e-6)
    np.testing.assert_allclose(back.data.normalizer["scale"], fitted.scale, rtol=1e-6)


def test_a_model_nnstudio_wrote_comes_back_with_its_node_names(tmp_path):
    """The export names ONNX nodes "<node id>/<op>_k"; the import labels a layer by that path
    without its operator, so the digits CNN comes back as conv1, pool1, flat, hidden, digit."""
    from nnstudio.export.onnx_export import export_onnx
    from nnstudio.project.io import load_project
    from nnstudio.shipped import examples_dir
    project = load_project(examples_dir() / "digits_cnn.json")
    export_onnx(project, tmp_path / "cnn.onnx")
    back = import_onnx(tmp_path / "cnn.onnx")
    layers = [n for n in back.nodes if n.kind != "input"]
    assert [n.label for n in layers] == [n.id for n in project.nodes if n.kind != "input"]
    assert [n.id for n in layers] == [n.label for n in layers]
