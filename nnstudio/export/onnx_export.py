"""A project as an ONNX model (opset 17): the network compile builds, written node by node from each
kind's `onnx` facet (kinds/onnx_parts says what a facet returns).

The model computes what nnstudio's forward computes when it predicts (dropout passes values
through, softmax outputs are probabilities), from the raw inputs:
- one graph input per project input node, named by its id, [batch, *shape] (with derived
  features, the one input node takes the two raw columns x1, x2: [batch, 2]);
- the input preprocessing baked in: derived features, then the normaliser the engine uses
  ((x − offset) / scale; the stored `data.normalizer` of a trained project, otherwise the one
  training would fit on the project's data), then each input node's shape;
- one graph output per project output node, named by its id.

ONNX node names say where each node comes from: "<node id>/<op>_<k>" for a node's own, and
"preprocessing/<input id>/<op>_<k>" for the preprocessing, which the model's metadata
"nnstudio.preprocessing" also holds as JSON ({"features": [...], "normalizer": {kind, offset,
scale} or null}) for a reader that wants it back as data.

Everything is float32 (onnxruntime runs Conv, AveragePool, RNN, LSTM and GRU in float32 only), so
a float64 project's outputs agree to float32 rounding (about 1e-7 relative).
"""
from __future__ import annotations

import json
import math
import os
from typing import Any

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.export.extras import require
from nnstudio.export.weights import _write_atomic
from nnstudio.kinds.onnx_parts import OnnxPart
from nnstudio.project import registry
from nnstudio.project.compile import CompiledModel, compile_project
from nnstudio.project.graph import infer_shapes
from nnstudio.project.model import Project

OPSET = 17
PRODUCER = "nnstudio"


def export_onnx(project: Project, path: str | os.PathLike) -> None:
    """Write `to_onnx(project)` to `path` (through a temporary file: never a half model)."""
    data = to_onnx(project).SerializeToString()
    _write_atomic(path, "wb", lambda f: f.write(data))


def to_onnx(project: Project) -> Any:
    """The project's network as an `onnx.ModelProto` (see the module docstring); checked with
    onnx.checker (full_check). ProjectError when the project cannot be compiled."""
    onnx = require("onnx", "ONNX export")
    model = compile_project(project)
    graph = _Graph(onnx)
    graph.names.update(n.id for n in project.nodes)      # ids name graph inputs, outputs and layer outputs
    shapes = infer_shapes(project)
    preprocessing = _inputs(graph, project, model)
    _network(graph, project, model, shapes.inputs)
    for node_id in project.outputs:
        slot = model.neurons.get(node_id)
        if slot is not None:
            _slice(graph, graph.tensor_of_op[slot.op], slot.col, slot.col + 1, node_id, out=node_id)
        elif graph.tensor_of_node[node_id] != node_id:
            if node_id in project.inputs:
                raise ProjectError("an input node that is also an output cannot be exported to ONNX with input "
                                   "preprocessing: its graph input and output would share its id", node_id)
            graph.node("Identity", [graph.tensor_of_node[node_id]], [node_id])
        graph.outputs.append(onnx.helper.make_tensor_value_info(
            node_id, onnx.TensorProto.FLOAT, ["batch", *shapes.out[node_id]]))
    name = project.meta.get("name")
    proto = onnx.helper.make_model(
        onnx.helper.make_graph(graph.nodes, str(name or "nnstudio"), graph.inputs, graph.outputs, graph.initializers),
        opset_imports=[onnx.helper.make_opsetid("", OPSET)], producer_name=PRODUCER)
    proto.ir_version = min(proto.ir_version, 8)     # IR 8 goes with opset 17; older runtimes read it
    if preprocessing is not None:
        onnx.helper.set_model_props(proto, {"nnstudio.preprocessing": json.dumps(preprocessing)})
    onnx.checker.check_model(proto, full_check=True)
    return proto


class _Graph:
    """The protos being collected, and which tensor holds each node's (and op's) output."""

    def __init__(self, onnx: Any) -> None:
        self.onnx = onnx
        self.nodes: list = []
        self.initializers: list = []
        self.inputs: list = []
        self.outputs: list = []
        self.names: set[str] = set()
        self.stage = ""          # the prefix of node names: which node (or the preprocessing) they are part of
        self.tensor_of_op: dict[str, str] = {}
        self.tensor_of_node: dict[str, str] = {}
        self._count = 0

    def fresh(self, stem: str) -> str:
        """A tensor name not used yet, made from `stem`."""
        name, k = stem, 1
        while name in self.names:
            k += 1
            name = f"{stem}_{k}"
        self.names.add(name)
        return name

    def node(self, op: str, inputs: list[str], outputs: list[str], **attrs) -> None:
        self._count += 1
        self.nodes.append(self.onnx.helper.make_node(op, inputs, outputs, name=f"{self.stage}{op}_{self._count}",
                                                     **attrs))

    def constant(self, stem: str, value: np.ndarray) -> str:
        name = self.fresh(stem)
        value = np.asarray(value)
        value = value.astype(np.int64 if np.issubdtype(value.dtype, np.integer) else np.float32)
        self.initializers.append(self.onnx.numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def part(self, prefix: str, part: OnnxPart, x: str, y: str) -> None:
        """Add a facet's part: "x" is tensor `x`, "y" becomes `y`, other names get `prefix`/."""
        local = {"x": x, "y": y, "": ""}
        for key, value in part.initializers.items():
            local[key] = self.constant(f"{prefix}/{key}", value)

        def name(t: str) -> str:
            if t not in local:
                local[t] = self.fresh(f"{prefix}/{t}")
            return local[t]
        for op, inputs, outputs, attrs in part.nodes:
            self.node(op, [name(t) for t in inputs], [name(t) for t in outputs], **attrs)


def _normalizer(project: Project, columns: int):
    """The normaliser the engine's prediction applies (prepare's rule), or None for none."""
    from nnstudio.data.prepare import Normalizer
    data = project.data
    stored = Normalizer.from_dict(data.normalizer, "data.normalizer") if data.normalizer and project.history.epoch \
        else None
    if stored is not None and stored.kind == data.normalize and stored.offset.shape == (columns,):
        chosen = stored
    elif data.normalize == "none":
        return None
    else:
        from nnstudio.training.runner import TrainingRun     # loads the data to fit it, as training would
        chosen = TrainingRun(project).prepared.normalizer
    return None if chosen.kind == "none" else chosen


def _inputs(graph: _Graph, project: Project, model: CompiledModel) -> dict | None:
    """Graph inputs and the preprocessing: raw values → features → normaliser → input shapes.
    Returns the preprocessing as data (None when there is none)."""
    onnx = graph.onnx
    features = list(project.data.features)
    sizes = [math.prod(s) for s in model.input_shapes]
    normalizer = _normalizer(project, len(features) if features else sum(sizes))
    nodes = {n.id: n for n in project.nodes}
    if features and len(project.inputs) != 1:
        raise ProjectError("ONNX export of derived features needs exactly one input node (it takes the raw "
                           "columns x1 and x2)", "data.features")
    for node_id, shape in zip(project.inputs, model.input_shapes):
        raw = [2] if features else list(shape)
        graph.inputs.append(onnx.helper.make_tensor_value_info(node_id, onnx.TensorProto.FLOAT, ["batch", *raw]))
        graph.tensor_of_op[node_id] = graph.tensor_of_node[node_id] = node_id
    if not features and normalizer is None:
        return None
    start = 0
    for node_id, size in zip(project.inputs, sizes):
        graph.stage = f"preprocessing/{node_id}/"
        flat = graph.fresh(f"{node_id}/columns")
        graph.node("Flatten", [node_id], [flat], axis=1)
        if features:
            flat = _features(graph, node_id, flat, features)
        if normalizer is not None:
            part = slice(start, start + (len(features) or size))
            shifted, scaled = graph.fresh(f"{node_id}/shifted"), graph.fresh(f"{node_id}/normalized")
            graph.node("Sub", [flat, graph.constant(f"{node_id}/offset", normalizer.offset[part])], [shifted])
            graph.node("Div", [shifted, graph.constant(f"{node_id}/scale", normalizer.scale[part])], [scaled])
            flat = scaled
        start += size
        node = nodes[node_id]
        spec = registry.KINDS[node.kind]
        out = graph.fresh(f"{node_id}/input")
        graph.part(node_id, spec.onnx(spec.check_config(node.config), None, {}), flat, out)
        graph.tensor_of_op[node_id] = graph.tensor_of_node[node_id] = out
    graph.stage = ""
    return {"features": features, "normalizer": None if normalizer is None else normalizer.to_dict()}


# data/features.py's derived columns from x1 and x2, as ONNX nodes: name → (op, operands).
_FEATURE_OPS = {"x1": ("Identity", ("x1",)), "x2": ("Identity", ("x2",)), "x1^2": ("Mul", ("x1", "x1")),
                "x2^2": ("Mul", ("x2", "x2")), "x1*x2": ("Mul", ("x1", "x2")), "sin(x1)": ("Sin", ("x1",)),
                "sin(x2)": ("Sin", ("x2",))}


def _features(graph: _Graph, node_id: str, raw: str, features: list[str]) -> str:
    cols = {}
    for k, name in enumerate(("x1", "x2")):
        cols[name] = graph.fresh(f"{node_id}/{name}")
        graph.node("Slice", [raw, graph.constant(f"{node_id}/{name}_start", np.array([k])),
                             graph.constant(f"{node_id}/{name}_stop", np.array([k + 1])),
                             graph.constant(f"{node_id}/{name}_axis", np.array([1]))], [cols[name]])
    parts = []
    for name in features:
        if name not in _FEATURE_OPS:
            raise ProjectError(f"the derived feature {name!r} has no ONNX form", "data.features")
        op, operands = _FEATURE_OPS[name]
        out = graph.fresh(f"{node_id}/feature_{name}")
        graph.node(op, [cols[o] for o in operands], [out])
        parts.append(out)
    joined = graph.fresh(f"{node_id}/features")
    graph.node("Concat", parts, [joined], axis=1)
    return joined


def _network(graph: _Graph, project: Project, model: CompiledModel, in_shapes: dict) -> None:
    """Every op of the compiled network in order: its inputs gathered, then its kind's facet."""
    nodes = {n.id: n for n in project.nodes}
    member_of = {slot.op: node_id for node_id, slot in model.neurons.items()}
    node_of_op = {op: node_id for node_id, op in model.layer_ops.items()}
    groups = 0
    for op in model.network.ops:
        if op.layer is None:
            continue
        if op.name in node_of_op:
            node_id = node_of_op[op.name]
            node = nodes[node_id]
            arrays = dict(op.layer.params)
            prefix = out = node_id
            in_shape = in_shapes[node_id]
        else:
            groups += 1
            node = nodes[member_of[op.name]]
            layer = op.layer
            arrays = dict(layer.params)
            arrays.setdefault("alpha", np.asarray(layer.alpha))
            prefix = f"neurons{groups}"
            out = graph.fresh(prefix)
            in_shape = None
        spec = registry.KINDS[node.kind]
        if spec.onnx is None:
            raise ProjectError(f"{node.kind} nodes cannot be exported to ONNX", node.id)
        graph.stage = f"{prefix}/"
        x = _gather(graph, op.inputs, op.axis, prefix)
        graph.part(prefix, spec.onnx(spec.check_config(node.config), in_shape, arrays), x, out)
        graph.tensor_of_op[op.name] = out
        if op.name in node_of_op:
            graph.tensor_of_node[node_of_op[op.name]] = out
    graph.stage = ""


def _slice(graph: _Graph, tensor: str, start: int, stop: int, stem: str, out: str = "") -> str:
    out = out or graph.fresh(stem)
    graph.node("Slice", [tensor, graph.constant(f"{stem}_start", np.array([start])),
                         graph.constant(f"{stem}_stop", np.array([stop])),
                         graph.constant(f"{stem}_axis", np.array([-1]))], [out])
    return out


def _gather(graph: _Graph, refs: list, axis: int, prefix: str) -> str:
    """The op's input: its refs (whole outputs or column ranges) joined along `axis`."""
    parts = []
    for ref in refs:
        tensor = graph.tensor_of_op[ref.op]
        parts.append(_slice(graph, tensor, ref.start, ref.stop, f"{prefix}/in_cols") if ref.sliced else tensor)
    if len(parts) == 1:
        return parts[0]
    joined = graph.fresh(f"{prefix}/joined")
    graph.node("Concat", parts, [joined], axis=axis)
    return joined
