"""ONNX in: a model file turned into an nnstudio Project, for the subset nnstudio can draw.

`import_onnx(path) -> Project`: one `input` node per graph input (its shape from the model, the
batch axis dropped), the operators mapped onto node kinds (each kind's `onnx_ops` facet names the
operators it stands for; nnstudio/export/onnx_import_ops.py holds the conversions), weights set,
the outputs named after the graph's, laid out on the canvas with project/layout.py and a default
TrainingSpec. Nothing from the file is run: `onnx.load` parses protobuf, tensors are read as plain
arrays, and external data is read only from files inside the model's own folder.

An operator outside the subset raises OnnxImportError naming the operator and its node; the
Project is built whole before it is returned, so a failure leaves nothing half-built.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.export.extras import require
from nnstudio.project.layout import layered_positions
from nnstudio.project.model import DataSpec, Edge, Node, Project, TrainingSpec


class OnnxImportError(ProjectError):
    """The ONNX file cannot be turned into a project; the message says why in plain words."""


def _check_external_data(model, folder: Path, path: Path) -> None:
    """Refuse external data that is not a plain file inside the model's folder."""
    onnx = require("onnx", "ONNX import")
    root = folder.resolve()
    for tensor in _all_tensors(model.graph):
        if tensor.data_location != onnx.TensorProto.EXTERNAL:
            continue
        location = next((e.value for e in tensor.external_data if e.key == "location"), "")
        target = (root / location).resolve()
        if (not location or os.path.isabs(location) or ".." in Path(location).parts
                or root not in target.parents or not target.is_file()):
            raise OnnxImportError(f"the tensor {tensor.name!r} keeps its data in {location!r}, which is not a "
                                  "file inside the model's folder; nnstudio reads external data only from there",
                                  str(path))


def _all_tensors(graph):
    yield from graph.initializer
    for node in graph.node:
        for attr in node.attribute:
            if attr.HasField("t"):
                yield attr.t
            for g in list(attr.graphs) + ([attr.g] if attr.HasField("g") else []):
                yield from _all_tensors(g)


def load_model(path: str | os.PathLike):
    """The parsed ModelProto with its external data (from the model's folder only)."""
    onnx = require("onnx", "ONNX import")
    path = Path(path)
    try:
        model = onnx.load(str(path), load_external_data=False)
    except FileNotFoundError:
        raise OnnxImportError("no such file", str(path)) from None
    except Exception as exc:        # protobuf's DecodeError and friends
        raise OnnxImportError(f"not a readable ONNX model ({exc.__class__.__name__}: {exc})", str(path)) from None
    _check_external_data(model, path.parent, path)
    from onnx.external_data_helper import load_external_data_for_model
    load_external_data_for_model(model, str(path.parent.resolve()))
    return model


def import_onnx(path: str | os.PathLike) -> Project:
    """The project the ONNX model at `path` draws. Raises OnnxImportError (a ProjectError)."""
    model = load_model(path)
    return model_to_project(model, name=Path(path).stem)


def model_to_project(model, name: str = "Imported model") -> Project:
    """The Project for a parsed ONNX ModelProto (see the module doc)."""
    onnx = require("onnx", "ONNX import")
    from nnstudio.export import onnx_import_ops as ops
    graph = model.graph
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 1)
    consts = {t.name: onnx.numpy_helper.to_array(t) for t in graph.initializer}
    builder = ops.Builder(consts, opset)
    for node in graph.node:
        for name_ in node.input:
            if name_:
                builder.uses[name_] = builder.uses.get(name_, 0) + 1
    outputs = [o.name for o in graph.output]
    for name_ in outputs:
        builder.uses[name_] = builder.uses.get(name_, 0) + 1
    builder.graph_outputs = set(outputs)
    for value in graph.input:
        if value.name in consts:
            continue        # an initializer listed as an input (older exporters)
        dims = [d.dim_value if d.HasField("dim_value") else None
                for d in value.type.tensor_type.shape.dim]
        builder.add_input(value.name, dims)
    for node in graph.node:
        builder.convert(node)
    if not outputs:
        raise OnnxImportError("the ONNX model has no outputs")
    out_ids = [node_id for o in outputs for node_id in builder.output_node(o)]
    builder.prune(out_ids)
    return _finish(builder, out_ids, name)


_ID_OK = re.compile(r"[\x00-\x1f\x7f]")


def readable_name(name: str, op_type: str) -> str:
    """An ONNX node's name without its operator: exporters name nodes by path and operator
    ("/conv1/Conv" from PyTorch, "conv1/Conv_5" from nnstudio), and the path alone names the layer
    ("conv1"). A name that is only the operator stays as it is."""
    parts = [part for part in name.split("/") if part]
    if len(parts) > 1 and re.fullmatch(rf"{re.escape(op_type)}(_\d+)?", parts[-1]):
        parts = parts[:-1]
    return "/".join(parts)


def _clean_id(text: str) -> str:
    text = _ID_OK.sub("_", text)[:200]
    return text or "node"


def _finish(builder, out_ids: list[str], name: str) -> Project:
    project = Project(meta={"name": name[:200] or "Imported model",
                            "description": " ".join(["Imported from ONNX.", *builder.notes, "It has no data yet: "
                                                     "give it a dataset to train it further."])})
    project.nodes = list(builder.nodes)
    project.inputs = list(builder.input_ids)
    project.outputs = out_ids
    used = {n.id for n in project.nodes}
    for k, (source, target) in enumerate(builder.edges, 1):
        edge_id = f"e{k}"
        while edge_id in used:
            edge_id += "_"
        used.add(edge_id)
        project.edges.append(Edge(edge_id, source, target))
    project.data = DataSpec(features=[f for names in builder.features.values() for f in names])
    if builder.norms:
        columns = {i: int(np.prod(project.node(i).config["shape"])) for i in project.inputs}
        norms = [builder.norms.get(i, {"offset": np.zeros(columns[i]), "scale": np.ones(columns[i])})
                 for i in project.inputs]
        project.data.normalize = "standard"
        project.data.normalizer = {"kind": "standard",
                                   "offset": np.concatenate([n["offset"] for n in norms]).tolist(),
                                   "scale": np.concatenate([n["scale"] for n in norms]).tolist()}
    project.training = _training(project)
    positions = layered_positions(project)
    for node in project.nodes:
        node.pos = positions[node.id]
    from nnstudio.project.validation import errors
    problems = errors(project)
    if problems:
        raise OnnxImportError(f"the imported network does not check out: {problems[0]}")
    return project


def _training(project: Project) -> TrainingSpec:
    """Adam at 0.001 and a loss that suits the last output's activation."""
    last = project.node(project.outputs[-1])
    activation = last.config.get("activation", "linear")
    loss = {"softmax": "categorical_crossentropy", "sigmoid": "binary_crossentropy"}.get(activation, "mse")
    return TrainingSpec(loss=loss, optimizer={"kind": "adam", "lr": 0.001}, epochs=100, batch_size=32,
                        shuffle=True, seed=0)


def new_node(kind: str, node_id: str, label: str, config: dict, params: dict[str, np.ndarray]) -> Node:
    return Node(_clean_id(node_id), kind, label[:200], (0.0, 0.0), config,
                {k: np.asarray(v, dtype=np.float64) for k, v in params.items()})
