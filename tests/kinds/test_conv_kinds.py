"""The image kinds conv2d, maxpool2d and avgpool2d: the "int or pair" setting, their shape rules
and the errors the Problems panel shows, their parameters' fans, and a CNN project that
validates, compiles, trains, saves and loads."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from nnstudio.kinds import KINDS
from nnstudio.kinds.base import ConfigError, Field, ShapeError, as_pair, fmt_pair
from nnstudio.project import io
from nnstudio.project.compile import compile_project
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.project.validation import validate
from nnstudio.training.runner import TrainingRun


def shape_of(kind: str, config: dict, in_shape):
    spec = KINDS[kind]
    return spec.shape_rule(spec.check_config(config), in_shape)


# --- the "int or pair" field -------------------------------------------------------------------
def test_a_pair_field_keeps_what_the_user_wrote():
    field = Field("kernel_size", "pair", 3, "doc", maximum=9)
    assert field.check(3) == 3 and field.check([3, 5]) == [3, 5]
    assert field.check(4.0) == 4 and field.check([2.0, 3]) == [2, 3]       # JSON numbers written as floats
    for bad, says in [([3], "pair"), ([1, 2, 3], "pair"), ("3", "pair"), (True, "pair"), ([True, 2], "pair"),
                      (None, "pair"), (0, "positive"), ([2, 0], "positive"), (10, "at most 9")]:
        with pytest.raises(ConfigError, match=says):
            field.check(bad)
    assert (as_pair(3), as_pair([3, 5])) == ((3, 3), (3, 5))
    assert (fmt_pair(3), fmt_pair([3, 5]), fmt_pair("x")) == ("3×3", "3×5", "?")


def test_only_an_optional_pair_may_be_null():
    stride = next(f for f in KINDS["maxpool2d"].fields if f.name == "stride")
    assert stride.optional and stride.default is None and stride.check(None) is None
    assert stride.check([1, 2]) == [1, 2]


def test_an_int_and_a_pair_survive_saving_and_loading():
    config = {"filters": 4, "kernel_size": [3, 5], "stride": 2}
    text = io.dumps_project(Project(nodes=[Node("c", "conv2d", config=config)]))
    assert json.loads(text)["nodes"][0]["config"]["kernel_size"] == [3, 5]
    assert json.loads(text)["nodes"][0]["config"]["stride"] == 2
    loaded = io.loads_project(text).nodes[0].config
    assert loaded["kernel_size"] == [3, 5] and loaded["stride"] == 2


# --- shape rules and their messages ------------------------------------------------------------
def test_conv2d_output_shapes():
    assert shape_of("conv2d", {"filters": 8}, (1, 8, 8)) == (8, 6, 6)
    assert shape_of("conv2d", {"filters": 8, "padding": "same"}, (1, 8, 8)) == (8, 8, 8)
    assert shape_of("conv2d", {"filters": 2, "padding": "same", "stride": 2}, (3, 7, 8)) == (2, 4, 4)
    assert shape_of("conv2d", {"filters": 2, "kernel_size": [3, 2], "stride": [2, 1]}, (1, 5, 4)) == (2, 2, 3)
    assert shape_of("conv2d", {"filters": 3, "kernel_size": 5, "stride": 2}, (1, 28, 28)) == (3, 12, 12)


def test_conv2d_shape_errors_name_the_sizes():
    with pytest.raises(ShapeError, match=r"^kernel 5×5 is larger than its 4×4 input"):
        shape_of("conv2d", {"kernel_size": 5}, (1, 4, 4))
    with pytest.raises(ShapeError, match=r"^kernel 3×6 is larger than its 8×5 input"):
        shape_of("conv2d", {"kernel_size": [3, 6]}, (1, 8, 5))
    assert shape_of("conv2d", {"kernel_size": 5, "padding": "same", "filters": 1}, (1, 4, 4)) == (1, 4, 4)
    with pytest.raises(ShapeError, match=r"^needs a \[channels, height, width\] input, but receives \[64\]: "
                                         r"give the input node a shape like \[1, 8, 8\]"):
        shape_of("conv2d", {}, (64,))
    with pytest.raises(ShapeError, match=r"^needs a \[channels, height, width\] input, but receives \[8, 8\]$"):
        shape_of("maxpool2d", {}, (8, 8))


def test_pool_output_shapes_and_errors():
    assert shape_of("maxpool2d", {}, (8, 6, 6)) == (8, 3, 3)
    assert shape_of("avgpool2d", {"pool_size": 2}, (3, 7, 5)) == (3, 3, 2)        # windows that do not fit drop
    assert shape_of("maxpool2d", {"pool_size": 3, "stride": 1}, (2, 5, 5)) == (2, 3, 3)
    assert shape_of("avgpool2d", {"pool_size": [2, 1], "stride": [2, 1]}, (1, 4, 3)) == (1, 2, 3)
    with pytest.raises(ShapeError, match=r"^pool 3×3 is larger than its 2×2 input$"):
        shape_of("avgpool2d", {"pool_size": 3}, (4, 2, 2))


def test_details_read_as_the_canvas_shows_them():
    def detail(kind, config):
        return KINDS[kind].look.detail(KINDS[kind].check_config(config))
    assert detail("conv2d", {}) == "8 filters 3×3 · relu"
    assert detail("conv2d", {"filters": 1, "kernel_size": [3, 5], "stride": 2, "padding": "same",
                             "activation": "tanh"}) == "1 filter 3×5 stride 2×2 same · tanh"
    assert detail("maxpool2d", {}) == "max 2×2"
    assert detail("avgpool2d", {"pool_size": 3, "stride": 1}) == "avg 3×3 stride 1×1"
    assert detail("avgpool2d", {"pool_size": 2, "stride": [2, 2]}) == "avg 2×2"
    assert KINDS["conv2d"].look.detail({}) == "? filters 3×3 · relu"       # a detail line never fails


def test_facets():
    assert [KINDS[k].id_prefix for k in ("conv2d", "maxpool2d", "avgpool2d")] == ["conv", "maxpool", "avgpool"]
    assert KINDS["conv2d"].probes == ("output", "weights")
    assert KINDS["maxpool2d"].probes == KINDS["avgpool2d"].probes == ("output",)
    assert not any(KINDS[k].walkthrough for k in ("conv2d", "maxpool2d", "avgpool2d"))
    activation = next(f for f in KINDS["conv2d"].fields if f.name == "activation")
    assert "prelu" not in activation.choices and "softmax" not in activation.choices      # not per channel


# --- parameters --------------------------------------------------------------------------------
def test_conv2d_params_and_fans():
    spec = KINDS["conv2d"]
    specs = spec.param_specs(spec.check_config({"filters": 6, "kernel_size": [5, 3]}), (4, 10, 10))
    assert specs["W"].shape == (6, 4, 5, 3) and specs["b"].shape == (6,)
    assert (specs["W"].fan_in, specs["W"].fan_out) == (4 * 5 * 3, 6 * 5 * 3)
    assert set(spec.param_specs(spec.check_config({"use_bias": False}), (1, 8, 8))) == {"W"}


def cnn(conv: dict | None = None, pool: str = "maxpool2d", n: int = 24, seed: int = 0) -> Project:
    """[1, 8, 8] → conv2d → pool → flatten → dense softmax over 3 classes, random table data."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 64))
    y = rng.integers(0, 3, n)
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": [1, 8, 8]}),
               Node("c1", "conv2d", config={"filters": 4, **(conv or {})}),
               Node("p1", pool, config={}), Node("f", "flatten"),
               Node("out", "dense", config={"units": 3, "activation": "softmax"})]
    p.edges = [Edge("e1", "x", "c1"), Edge("e2", "c1", "p1"), Edge("e3", "p1", "f"), Edge("e4", "f", "out")]
    p.inputs, p.outputs = ["x"], ["out"]
    p.data = DataSpec(source={"kind": "table", "inputs": x.tolist(), "targets": [[int(v)] for v in y]},
                      validation_split=0.0)
    p.training.loss = "sparse_categorical_crossentropy"
    p.training.optimizer = {"kind": "adam", "lr": 0.01}
    p.training.epochs = 5
    p.training.batch_size = 8
    return p


@pytest.mark.parametrize("init, bound", [("he_uniform", math.sqrt(6 / 9)),
                                         ("xavier_uniform", math.sqrt(6 / (9 + 36)))])
def test_compiled_conv_weights_start_from_its_fans(init, bound):
    model = compile_project(cnn({"init": init, "filters": 4}))
    W = model.node_params()["c1"]["W"]
    assert W.shape == (4, 1, 3, 3)
    assert np.abs(W).max() <= bound and np.abs(W).max() > 0.6 * bound


def test_the_kernel_error_reaches_the_problems_list():
    p = cnn({"kernel_size": 9})
    problems = [str(q) for q in validate(p) if q.severity == "error"]
    assert problems == ["c1: kernel 9×9 is larger than its 8×8 input: make it smaller, or pad with padding \"same\""]
    p.nodes[0].config["shape"] = [64]
    assert [str(q) for q in validate(p) if q.severity == "error"] == [
        "c1: needs a [channels, height, width] input, but receives [64]: give the input node a shape like [1, 8, 8]"]


def test_flatten_reads_channels_then_rows_then_columns():
    p = cnn({"padding": "same", "activation": "linear"})
    model = compile_project(p)
    x = np.random.default_rng(1).standard_normal((2, 1, 8, 8))
    model.network.forward([x])
    conv = model.layer(model.layer_ops["c1"])
    pool = model.layer(model.layer_ops["p1"])
    flat = model.layer(model.layer_ops["f"])
    assert pool.y.shape == (2, 4, 4, 4)
    W = model.node_params()["out"]["W"]
    b = model.node_params()["out"]["b"]
    logits = pool.y.reshape(2, -1) @ W + b            # C-order: channel, then row, then column
    out = model.network.forward([x])
    expected = np.exp(logits - logits.max(1, keepdims=True))
    np.testing.assert_allclose(out, expected / expected.sum(1, keepdims=True), rtol=1e-12)
    assert conv.y.shape == (2, 4, 8, 8) and flat is not None


@pytest.mark.parametrize("pool", ["maxpool2d", "avgpool2d"])
def test_a_cnn_project_validates_trains_saves_and_loads(tmp_path, pool):
    p = cnn({"padding": "same", "stride": [2, 1], "kernel_size": [3, 2]}, pool)
    assert [q for q in validate(p) if q.severity == "error"] == []
    run = TrainingRun(p)
    first = run.run(1).loss
    last = run.run(20).loss
    assert last < 0.7 * first
    run.write_back(p)
    assert p.nodes[1].params["W"].shape == (4, 1, 3, 2)
    path = tmp_path / "cnn.json"
    io.save_project(p, path)
    loaded = io.load_project(path)
    assert loaded.nodes[1].config["kernel_size"] == [3, 2] and loaded.nodes[1].config["stride"] == [2, 1]
    for a, b in zip(p.nodes, loaded.nodes):
        assert set(a.params) == set(b.params)
        for key in a.params:
            np.testing.assert_array_equal(np.asarray(a.params[key]), np.asarray(b.params[key]))
    x = np.random.default_rng(2).standard_normal((3, 1, 8, 8))
    np.testing.assert_allclose(compile_project(loaded).network.forward([x]),
                               compile_project(p).network.forward([x]), rtol=1e-12)


def test_an_image_shaped_output_asks_for_a_flatten():
    """conv2d → dense without a flatten: the dense layer reads the image's last axis and outputs
    [filters, rows, units], which no target matches; validation says so instead of training failing."""
    p = cnn()
    p.nodes = [p.nodes[0], p.nodes[1], p.nodes[4]]
    p.edges = [Edge("e1", "x", "c1"), Edge("e2", "c1", "out")]
    assert [str(q) for q in validate(p) if q.severity == "error"] == [
        "out: outputs [4, 6, 3], an image, but targets are vectors or sequences: add a flatten node before the "
        "output layer"]
    p.outputs = ["c1"]
    p.edges = p.edges[:1]
    p.nodes = p.nodes[:2]
    assert [str(q) for q in validate(p) if q.severity == "error"][0].startswith("c1: outputs [4, 6, 6], an image")
