"""ONNX import: models built with onnx.helper in the layouts PyTorch's and Keras's (tf2onnx)
exporters write, imported into projects whose outputs match onnxruntime's on random inputs
(float64 to 1e-6 where onnxruntime has float64 kernels, float32 to 1e-5 elsewhere)."""
from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from nnstudio.errors import ProjectError  # noqa: E402
from nnstudio.export.onnx_import import OnnxImportError, import_onnx  # noqa: E402
from nnstudio.project.compile import compile_project  # noqa: E402
from nnstudio.project.io import dumps_project, loads_project  # noqa: E402
from nnstudio.project.validation import errors  # noqa: E402

F64, F32 = TensorProto.DOUBLE, TensorProto.FLOAT
RNG = np.random.default_rng(13)


def rand(*shape, dtype=np.float64) -> np.ndarray:
    return RNG.normal(size=shape).astype(dtype)


def node(op, inputs, outputs, name="", **attrs):
    return helper.make_node(op, inputs, outputs, name=name or f"{op.lower()}_{outputs[0]}", **attrs)


def save(tmp_path, nodes, inputs, outputs, inits, opset=17, dtype=F64, name="model.onnx"):
    """A checked model file: inputs {name: dims}, outputs names, initializers {name: array}."""
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info(k, dtype, v) for k, v in inputs.items()],
        [helper.make_tensor_value_info(o, dtype, None) for o in outputs],
        [numpy_helper.from_array(v.astype(np.float32) if dtype == F32 and v.dtype == np.float64 else v, k)
         for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model = onnx.shape_inference.infer_shapes(model)          # fills the outputs' shapes
    onnx.checker.check_model(model, full_check=True)
    path = tmp_path / name
    onnx.save(model, str(path))
    return path


def ort_run(path, feeds) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, feeds)[0]


def project_run(project, xs) -> np.ndarray:
    return compile_project(project).network.forward([np.asarray(x, dtype=np.float64) for x in xs])


def check(path, feeds, tol, reorder=None):
    """Import `path`, compare with onnxruntime on `feeds`; the project also survives save/load."""
    project = import_onnx(path)
    assert errors(project) == []
    project = loads_project(dumps_project(project))
    xs = [reorder(v) if reorder else v for v in feeds.values()]
    want = ort_run(path, feeds)
    got = project_run(project, xs)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=tol)
    return project


def test_pytorch_style_mlp_gemm_transB_float64(tmp_path):
    w1, b1, w2, b2 = rand(8, 4), rand(8), rand(3, 8), rand(3)   # nn.Linear keeps [out, in]
    path = save(tmp_path, [node("Gemm", ["x", "w1", "b1"], ["h"], "fc1", transB=1),
                           node("Relu", ["h"], ["hr"]),
                           node("Gemm", ["hr", "w2", "b2"], ["z"], "fc2", transB=1),
                           node("Softmax", ["z"], ["probs"], axis=-1)],
                {"x": ["batch", 4]}, ["probs"], {"w1": w1, "b1": b1, "w2": w2, "b2": b2})
    project = check(path, {"x": rand(7, 4)}, 1e-6)
    assert [n.kind for n in project.nodes] == ["input", "dense", "dense"]
    assert project.inputs == ["x"] and project.outputs == ["probs"]
    assert project.node("fc1").config["activation"] == "relu"
    assert project.node("probs").config["activation"] == "softmax"
    assert project.training.loss == "categorical_crossentropy"
    np.testing.assert_array_equal(project.node("fc1").params["W"], w1.T)
    xs = [n.pos[0] for n in project.nodes]
    assert xs == sorted(xs) and len(set(xs)) == 3          # laid out left to right


def test_keras_style_matmul_add_and_activation_nodes(tmp_path):
    w1, b1, w2, b2, slope = rand(5, 6), rand(6), rand(6, 2), rand(2), rand(6)
    path = save(tmp_path, [node("MatMul", ["x", "w1"], ["m1"]), node("Add", ["m1", "b1"], ["a1"]),
                           node("Identity", ["a1"], ["i1"]), node("PRelu", ["i1", "slope"], ["p1"]),
                           node("Dropout", ["p1"], ["d1"]),
                           node("MatMul", ["d1", "w2"], ["m2"]), node("Add", ["b2", "m2"], ["a2"]),
                           node("Sigmoid", ["a2"], ["s"]), node("LeakyRelu", ["s"], ["out"], alpha=0.2)],
                {"x": [None, 5]}, ["out"], {"w1": w1, "b1": b1, "w2": w2, "b2": b2, "slope": slope})
    project = check(path, {"x": rand(9, 5)}, 1e-6)
    kinds = [n.kind for n in project.nodes]
    assert kinds == ["input", "dense", "dropout", "dense", "activation"]
    assert project.nodes[1].config["activation"] == "prelu"
    assert project.nodes[4].config == {"activation": "leaky_relu", "alpha": 0.2}


def test_tanh_elu_activations_and_concat_join(tmp_path):
    w, b = rand(7, 3), rand(3)
    path = save(tmp_path, [node("Tanh", ["x1"], ["t"]), node("Concat", ["t", "x2"], ["c"], axis=1),
                           node("Gemm", ["c", "w", "b"], ["g"]), node("Elu", ["g"], ["y"], alpha=0.5)],
                {"x1": [None, 4], "x2": [None, 3]}, ["y"], {"w": w, "b": b}, dtype=F32)
    project = check(path, {"x1": rand(6, 4, dtype=np.float32), "x2": rand(6, 3, dtype=np.float32)}, 1e-5)
    assert project.inputs == ["x1", "x2"]
    assert [e.source for e in project.incoming(project.outputs[0])] == ["tanh_t", "x2"]


def test_pytorch_style_cnn(tmp_path):
    # scaled so that the outputs stay near 1, where float32's 1e-5 is an absolute tolerance
    w1, b1, w2, wf, bf = rand(4, 2, 3, 3) / 4, rand(4), rand(3, 4, 2, 2) / 4, rand(5, 3 * 4 * 4) / 8, rand(5)
    path = save(tmp_path, [node("Conv", ["x", "w1", "b1"], ["c1"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
                           node("Relu", ["c1"], ["r1"]),
                           node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
                           node("Conv", ["p1", "w2"], ["c2"], kernel_shape=[2, 2], pads=[0, 0, 1, 1]),
                           node("AveragePool", ["c2"], ["p2"], kernel_shape=[2, 2], strides=[1, 1]),
                           node("Flatten", ["p2"], ["f"]), node("Gemm", ["f", "wf", "bf"], ["logits"], transB=1)],
                {"x": ["N", 2, 10, 10]}, ["logits"], {"w1": w1, "b1": b1, "w2": w2, "wf": wf, "bf": bf}, dtype=F32)
    project = check(path, {"x": rand(3, 2, 10, 10, dtype=np.float32)}, 1e-5)
    convs = [n for n in project.nodes if n.kind == "conv2d"]
    assert [c.config["padding"] for c in convs] == ["same", "same"]
    assert convs[0].config["activation"] == "relu" and convs[1].config["use_bias"] is False
    assert [n.kind for n in project.nodes] == ["input", "conv2d", "maxpool2d", "conv2d", "avgpool2d",
                                               "flatten", "dense"]


def test_keras_style_nhwc_cnn_with_transposes(tmp_path):
    w, b, wd, bd = rand(3, 2, 3, 3), rand(3), rand(3 * 4 * 4, 2), rand(2)   # dense rows in H, W, C order
    path = save(tmp_path, [node("Transpose", ["x"], ["xt"], perm=[0, 3, 1, 2]),
                           node("Conv", ["xt", "w"], ["c"], kernel_shape=[3, 3]),
                           node("Add", ["c", "b4"], ["cb"]), node("Relu", ["cb"], ["r"]),
                           node("GlobalAveragePool", ["r"], ["g"]),
                           node("Transpose", ["r"], ["rt"], perm=[0, 2, 3, 1]),
                           node("Reshape", ["rt", "shape"], ["f"]),
                           node("MatMul", ["f", "wd"], ["m"]), node("Add", ["m", "bd"], ["y"])],
                {"x": ["N", 6, 6, 2]}, ["y"], {"w": w, "b4": b.reshape(1, 3, 1, 1), "wd": wd, "bd": bd,
                                               "shape": np.array([-1, 48])}, dtype=F32)
    x = rand(4, 6, 6, 2, dtype=np.float32)
    project = check(path, {"x": x}, 1e-5, reorder=lambda v: v.transpose(0, 3, 1, 2))
    assert project.node("x").config["shape"] == [2, 6, 6]
    assert "channels-last" in project.meta["description"]


def _rnn_weights(op, gates, units, features):
    return {"W": rand(1, gates * units, features, dtype=np.float32),
            "R": rand(1, gates * units, units, dtype=np.float32),
            "B": rand(1, 2 * gates * units, dtype=np.float32)}


@pytest.mark.parametrize("op,gates,extra", [("RNN", 1, {}), ("LSTM", 4, {}), ("GRU", 3, {"linear_before_reset": 1})])
def test_pytorch_batch_first_recurrent_last_state(tmp_path, op, gates, extra):
    """PyTorch (batch_first=True): Transpose in, Y_h squeezed, then a Linear."""
    units, features = 5, 3
    inits = _rnn_weights(op, gates, units, features)
    inits.update(wf=rand(2, units, dtype=np.float32), bf=rand(2, dtype=np.float32), axes=np.array([0]))
    outs = ["y", "h"] + (["c"] if op == "LSTM" else [])
    path = save(tmp_path, [node("Transpose", ["x"], ["xt"], perm=[1, 0, 2]),
                           node(op, ["xt", "W", "R", "B"], outs, "rec", hidden_size=units, **extra),
                           node("Squeeze", ["h", "axes"], ["hs"]),
                           node("Gemm", ["hs", "wf", "bf"], ["out"], transB=1)],
                {"x": ["N", 6, features]}, ["out"], inits, dtype=F32)
    project = check(path, {"x": rand(4, 6, features, dtype=np.float32)}, 1e-5)
    rec = project.node("rec")
    assert rec.kind == op.lower() and rec.config["return_sequences"] is False


@pytest.mark.parametrize("op,gates,extra", [("LSTM", 4, {}), ("GRU", 3, {"linear_before_reset": 1}), ("RNN", 1, {})])
def test_recurrent_sequences_time_major_input(tmp_path, op, gates, extra):
    """A time-major graph input straight into the op; Y squeezed to [T, N, H], Transposed batch-first,
    then a per-step MatMul; and the last step through Gather."""
    units, features = 4, 2
    inits = _rnn_weights(op, gates, units, features)
    inits.update(wf=rand(units, 3, dtype=np.float32), axes=np.array([1]), last=np.array(-1))
    path = save(tmp_path, [node(op, ["x", "W", "R", "B"], ["y"], "rec", hidden_size=units, **extra),
                           node("Squeeze", ["y", "axes"], ["ys"]),
                           node("Transpose", ["ys"], ["yb"], perm=[1, 0, 2]),
                           node("MatMul", ["yb", "wf"], ["out"])],
                {"x": [5, "N", features]}, ["out"], inits, dtype=F32)
    project = check(path, {"x": rand(5, 3, features, dtype=np.float32)}, 1e-5,
                    reorder=lambda v: v.transpose(1, 0, 2))
    assert project.node("x").config["shape"] == [5, features]
    assert project.node("rec").config["return_sequences"] is True


def test_lstm_output_last_step_by_gather(tmp_path):
    units, features = 3, 2
    inits = _rnn_weights("LSTM", 4, units, features)
    inits.update(axes=np.array([1]), last=np.array(-1))
    path = save(tmp_path, [node("Transpose", ["x"], ["xt"], perm=[1, 0, 2]),
                           node("LSTM", ["xt", "W", "R", "B"], ["y"], "rec", hidden_size=units),
                           node("Squeeze", ["y", "axes"], ["ys"]),
                           node("Gather", ["ys", "last"], ["out"], axis=0)],
                {"x": ["N", 4, features]}, ["out"], inits, dtype=F32)
    project = check(path, {"x": rand(2, 4, features, dtype=np.float32)}, 1e-5)
    assert project.outputs == ["out"] and project.node("out").config["return_sequences"] is False


def _one_op(tmp_path, op_node, inputs, inits=None, **kw):
    return save(tmp_path, [op_node], inputs, [op_node.output[0]], inits or {}, **kw)


@pytest.mark.parametrize("make,words", [
    (lambda p: _one_op(p, node("Selu", ["x"], ["y"], "selu_1"), {"x": [None, 3]}),
     "operator 'Selu' (node 'selu_1'), which nnstudio cannot draw"),
    (lambda p: save(p, [node("Relu", ["x"], ["r"]), node("Softplus", ["r"], ["y"], "soft")], {"x": [None, 3]},
                    ["y"], {}), "operator 'Softplus' (node 'soft')"),
    (lambda p: _one_op(p, node("Add", ["x", "x"], ["y"], "sum"), {"x": [None, 3]}),
     "adds two computed tensors"),
    (lambda p: _one_op(p, node("GRU", ["x", "W", "R"], ["y"], "g", hidden_size=2), {"x": [3, None, 2]},
                       {"W": rand(1, 6, 2), "R": rand(1, 6, 2)}), "linear_before_reset=0"),
    (lambda p: _one_op(p, node("LSTM", ["x", "W", "R"], ["y"], "l", hidden_size=2, direction="bidirectional"),
                       {"x": [3, None, 2]}, {"W": rand(2, 8, 2), "R": rand(2, 8, 2)}), "runs bidirectional"),
    (lambda p: _one_op(p, node("LSTM", ["x", "W", "R", "", "", "", "", "P"], ["y"], "l", hidden_size=2),
                       {"x": [3, None, 2]}, {"W": rand(1, 8, 2), "R": rand(1, 8, 2), "P": rand(1, 6)}), "peepholes"),
    (lambda p: _one_op(p, node("Conv", ["x", "w"], ["y"], "c", pads=[2, 0, 0, 0]), {"x": [None, 1, 5, 5]},
                       {"w": rand(1, 1, 3, 3)}), "neither 'valid' nor 'same'"),
    (lambda p: _one_op(p, node("Softmax", ["x"], ["y"], "sm", axis=1), {"x": [None, 3, 4]}), "last"),
    (lambda p: _one_op(p, node("Relu", ["x"], ["y"]), {"x": [None, 2, 2, 2, 2]}), "known sizes"),
])
def test_unsupported_models_are_refused_clearly(tmp_path, make, words):
    with pytest.raises(OnnxImportError, match=None) as info:
        import_onnx(make(tmp_path))
    assert words in str(info.value)
    assert isinstance(info.value, ProjectError)


def test_external_data_outside_the_model_folder_is_refused(tmp_path):
    from onnx.external_data_helper import set_external_data
    w = numpy_helper.from_array(rand(2, 3), "w")
    (tmp_path / "secret.bin").write_bytes(rand(2, 3).tobytes())
    set_external_data(w, location="../secret.bin")
    w.ClearField("raw_data")
    w.data_location = TensorProto.EXTERNAL
    graph = helper.make_graph([node("MatMul", ["x", "w"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", F64, [None, 2])],
                              [helper.make_tensor_value_info("y", F64, None)], [w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    (tmp_path / "m").mkdir()
    path = tmp_path / "m" / "model.onnx"
    path.write_bytes(model.SerializeToString())
    with pytest.raises(OnnxImportError, match="not a file inside the model's folder"):
        import_onnx(path)


def test_external_data_inside_the_folder_loads(tmp_path):
    w = rand(2, 3)
    graph = helper.make_graph([node("MatMul", ["x", "w"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", F64, [None, 2])],
                              [helper.make_tensor_value_info("y", F64, None)], [numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    path = tmp_path / "model.onnx"
    onnx.save(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
              location="weights.bin", size_threshold=0)
    project = import_onnx(path)
    np.testing.assert_array_equal(project.node("y").params["W"], w)


def test_not_an_onnx_file(tmp_path):
    path = tmp_path / "junk.onnx"
    path.write_bytes(b"\xff\xfe this is not protobuf")
    with pytest.raises(OnnxImportError, match="not a readable ONNX model"):
        import_onnx(path)
    with pytest.raises(OnnxImportError, match="no such file"):
        import_onnx(tmp_path / "missing.onnx")


def test_normaliser_on_the_input_becomes_the_projects_normalizer(tmp_path):
    """nnstudio's own export: Flatten, Sub offset, Div scale, Reshape back, then the network."""
    offset, scale, w = rand(12), np.abs(rand(12)) + 0.5, rand(2, 1, 3, 3) / 2
    path = save(tmp_path, [node("Flatten", ["x"], ["cols"]), node("Sub", ["cols", "offset"], ["shifted"]),
                           node("Div", ["shifted", "scale"], ["normed"]), node("Reshape", ["normed", "shape"], ["img"]),
                           node("Conv", ["img", "w"], ["c"], kernel_shape=[3, 3]), node("Flatten", ["c"], ["y"])],
                {"x": ["N", 1, 3, 4]}, ["y"], {"offset": offset, "scale": scale, "w": w,
                                                "shape": np.array([-1, 1, 3, 4])}, dtype=F32)
    project = import_onnx(path)
    normalizer = project.data.normalizer
    np.testing.assert_allclose(normalizer["offset"], offset, rtol=1e-6)
    np.testing.assert_allclose(normalizer["scale"], scale, rtol=1e-6)
    assert [n.kind for n in project.nodes] == ["input", "conv2d", "flatten"]
    x = rand(3, 1, 3, 4, dtype=np.float32)
    normed = (x.reshape(3, -1) - np.float32(offset)) / np.float32(scale)
    np.testing.assert_allclose(project_run(project, [normed.reshape(x.shape)]), ort_run(path, {"x": x}), atol=1e-5)


def test_flattened_input_without_normaliser_is_a_flatten_node(tmp_path):
    w = rand(12, 2)
    path = save(tmp_path, [node("Flatten", ["x"], ["f"]), node("MatMul", ["f", "w"], ["y"])],
                {"x": ["N", 1, 3, 4]}, ["y"], {"w": w})
    project = check(path, {"x": rand(5, 1, 3, 4)}, 1e-6)
    assert [n.kind for n in project.nodes] == ["input", "flatten", "dense"] and project.data.normalizer is None


def test_an_activation_is_not_folded_into_a_layer_another_node_reads(tmp_path):
    """The dense output reaches Relu through an Identity, and is also a graph output as it is (and
    joined into a Concat): the Relu must stay a node of its own."""
    w, b, w2 = rand(3, 4), rand(4), rand(8, 2)
    path = save(tmp_path, [node("Gemm", ["x", "w", "b"], ["z"], "fc"), node("Identity", ["z"], ["zi"]),
                           node("Relu", ["zi"], ["r"]), node("Concat", ["r", "z"], ["c"], axis=1),
                           node("MatMul", ["c", "w2"], ["y"])],
                {"x": [None, 3]}, ["y"], {"w": w, "b": b, "w2": w2})
    project = check(path, {"x": rand(6, 3)}, 1e-6)
    assert project.node("fc").config["activation"] == "linear"
    assert [n.kind for n in project.nodes] == ["input", "dense", "activation", "dense"]


def test_out_of_order_graph_is_refused_clearly(tmp_path):
    graph = helper.make_graph([node("Relu", ["h"], ["y"], "late"), node("Sigmoid", ["x"], ["h"])], "g",
                              [helper.make_tensor_value_info("x", F64, [None, 2])],
                              [helper.make_tensor_value_info("y", F64, [None, 2])])
    path = tmp_path / "m.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    with pytest.raises(OnnxImportError, match="'late': reads 'h', which no node before it computes"):
        import_onnx(path)


def test_a_joined_graph_output_becomes_several_output_nodes(tmp_path):
    w1, w2 = rand(3, 2), rand(3, 4)
    path = save(tmp_path, [node("MatMul", ["x", "w1"], ["a"], "left"), node("Sigmoid", ["a"], ["s"]),
                           node("MatMul", ["x", "w2"], ["b"], "right"), node("Concat", ["s", "b"], ["y"], axis=-1)],
                {"x": [None, 3]}, ["y"], {"w1": w1, "w2": w2})
    project = check(path, {"x": rand(5, 3)}, 1e-6)
    assert project.outputs == ["left", "right"]
