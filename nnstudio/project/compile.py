"""Project → engine.Network: the only bridge between the document and the engine.

Neurons are not run one by one. Every neuron at the same depth with the same activation becomes
one masked Dense op (a "neuron group"): its W has a row per column of its sources and a column per
neuron, edges are the entries the mask lets training change, and all other entries stay 0.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from nnstudio.engine.layers import Dense, Layer
from nnstudio.engine.losses import FUSES_WITH
from nnstudio.engine.network import Network, Op, Ref
from nnstudio.engine.training import Objective
from nnstudio.engine.initializers import initialize
from nnstudio.project import registry
from nnstudio.errors import ProjectError
from nnstudio.project.model import Node, Project

DTYPES = {"float32": np.float32, "float64": np.float64}


@dataclass
class NeuronSlot:
    """Where a neuron lives in the network: column `col` of group op `op`."""
    op: str
    col: int


@dataclass
class EdgeSlot:
    op: str
    rows: slice
    col: int
    scalar: bool


@dataclass
class CompiledModel:
    network: Network
    objective: Objective
    dtype: type
    input_ids: list[str]
    input_shapes: list[tuple[int, ...]]
    output_ids: list[str]
    output_width: int
    neurons: dict[str, NeuronSlot] = field(default_factory=dict)
    edges: dict[str, EdgeSlot] = field(default_factory=dict)
    layer_ops: dict[str, str] = field(default_factory=dict)   # node id → op name

    def layer(self, op: str) -> Layer:
        return self.network.by_name[op].layer

    def node_params(self) -> dict[str, dict[str, np.ndarray]]:
        """Current parameters per node id, as float64 arrays (0-d for a neuron's scalars)."""
        out: dict[str, dict[str, np.ndarray]] = {}
        for node_id, op in self.layer_ops.items():
            params = self.layer(op).params
            if params:
                out[node_id] = {k: np.asarray(v, dtype=np.float64).copy() for k, v in params.items()}
        for node_id, slot in self.neurons.items():
            params = self.layer(slot.op).params
            out[node_id] = {k: np.asarray(params[k][slot.col], dtype=np.float64) for k in params if k != "W"}
        return out

    def edge_weights(self) -> dict[str, float | np.ndarray]:
        out: dict[str, float | np.ndarray] = {}
        for edge_id, slot in self.edges.items():
            column = self.layer(slot.op).params["W"][slot.rows, slot.col]
            out[edge_id] = float(column[0]) if slot.scalar else np.asarray(column, dtype=np.float64).copy()
        return out

    def write_back(self, project: Project) -> None:
        """Copy the network's parameters into `project` (used by the command line)."""
        params = self.node_params()
        for node in project.nodes:
            if node.id in params:
                node.params = params[node.id]
        weights = self.edge_weights()
        for edge in project.edges:
            if edge.id in weights:
                edge.weight = weights[edge.id]


def _rng(seed: int, *keys: str) -> np.random.Generator:
    # Per-item streams: adding or removing one node never changes another node's starting weights.
    return np.random.default_rng([int(seed) & 0xFFFFFFFF] + [zlib.crc32(k.encode()) for k in keys])


def _initial(spec: registry.ParamSpec, config: dict, seed: int, node_id: str, key: str, dtype) -> np.ndarray:
    if spec.init.startswith("config:"):
        value = registry.activation_alpha(config) if spec.init == "config:alpha" else config[spec.init[7:]]
        return np.full(spec.shape, float(value), dtype=dtype)
    return initialize(spec.init, spec.shape, _rng(seed, node_id, key), fan_in=spec.fan_in,
                      fan_out=spec.fan_out, value=spec.scale, scale=spec.scale, dtype=dtype)


def _given(node: Node, key: str, shape: tuple, dtype) -> np.ndarray | None:
    if key not in node.params:
        return None
    value = np.asarray(node.params[key], dtype=dtype)
    if value.shape != tuple(shape):
        raise ProjectError(f"params.{key} has shape {list(value.shape)}, expected {list(shape)}", node.id)
    return value.copy()


def _merge(refs: list[Ref], widths: dict[str, int]) -> list[Ref]:
    """Join neighbouring column ranges of the same op; a range covering the op becomes whole."""
    merged: list[Ref] = []
    for r in refs:
        if merged and merged[-1].op == r.op and merged[-1].sliced and r.sliced and merged[-1].stop == r.start:
            merged[-1] = Ref(r.op, merged[-1].start, r.stop)
        else:
            merged.append(r)
    return [Ref(r.op) if r.sliced and r.start == 0 and r.stop == widths.get(r.op) else r for r in merged]


def compile_project(project: Project, *, check: bool = True) -> CompiledModel:
    """Build the network for `project`. Raises ProjectError naming the first problem."""
    if check:
        from nnstudio.project import validation   # imported late: validation builds on this module's neighbours
        problems = [p for p in validation.validate(project) if p.severity == "error"]
        if problems:
            raise ProjectError(problems[0].message, problems[0].where)
    from nnstudio.project.graph import infer_shapes, topological_order
    order = topological_order(project)
    shapes = infer_shapes(project, order)
    training = project.training
    dtype = DTYPES[training.dtype]
    seed = training.seed
    nodes = {n.id: n for n in project.nodes}
    configs = {n.id: registry.KINDS[n.kind].check_config(n.config) for n in project.nodes}
    incoming: dict[str, list] = {i: [] for i in nodes}
    consumers: dict[str, int] = {i: 0 for i in nodes}
    for e in project.edges:
        incoming[e.target].append(e)
        consumers[e.source] += 1

    depth: dict[str, int] = {}
    for node_id in order:
        depth[node_id] = 1 + max((depth[e.source] for e in incoming[node_id]), default=-1)

    refs: dict[str, Ref] = {}
    widths: dict[str, int] = {}
    ops: list[Op] = []
    model = CompiledModel(None, None, dtype, list(project.inputs), [], list(project.outputs), 0)  # type: ignore[arg-type]

    def width(node_id: str) -> int:
        return int(shapes.out[node_id][-1])

    by_depth: dict[int, list[str]] = {}
    for node_id in order:
        by_depth.setdefault(depth[node_id], []).append(node_id)
    for d in sorted(by_depth):
        groups: dict[tuple, list[str]] = {}
        for node_id in by_depth[d]:
            node, config = nodes[node_id], configs[node_id]
            category = registry.KINDS[node.kind].category
            if category == "input":
                ops.append(Op(node_id, None))
                refs[node_id] = Ref(node_id)
                widths[node_id] = width(node_id)
            elif category == "neuron":
                groups.setdefault((config["activation"], registry.activation_alpha(config)), []).append(node_id)
            else:
                layer = _build_layer(node, config, shapes.inputs[node_id], seed, dtype)
                in_refs = _merge([refs[e.source] for e in incoming[node_id]], widths)
                rank = len(shapes.inputs[node_id])
                ops.append(Op(node_id, layer, in_refs, axis=1 + registry.concat_axis(rank)))
                refs[node_id] = Ref(node_id)
                widths[node_id] = width(node_id)
                model.layer_ops[node_id] = node_id
        for (activation, alpha), members in groups.items():
            # "\x1f" cannot appear in a node id (io refuses control characters): no clash.
            ops.append(_neuron_group(f"\x1fgroup:{d}:{activation}:{members[0]}", members, activation, alpha, nodes,
                                     configs, incoming, refs, widths, shapes, seed, dtype, model))
    # In the order of project.inputs, which is the order dataset columns map onto.
    model.input_shapes = [tuple(shapes.out[i]) for i in project.inputs]
    if not project.outputs:
        raise ProjectError("the network has no output node yet", "outputs")
    out_refs = _merge([refs[o] for o in project.outputs], widths)
    network = Network(ops, list(project.inputs), out_refs)
    model.network = network
    model.output_width = sum(width(o) for o in project.outputs)
    model.objective = _objective(project, network, out_refs, configs, consumers)
    return model


def _build_layer(node: Node, config: dict, in_shape, seed: int, dtype) -> Layer:
    specs = registry.node_params(node.kind, config, in_shape)
    arrays = {}
    for key, spec in specs.items():
        given = _given(node, key, spec.shape, dtype)
        arrays[key] = given if given is not None else _initial(spec, config, seed, node.id, key, dtype)
    build = registry.KINDS[node.kind].build
    if build is not None:
        return build(config, in_shape, arrays, lambda key: _rng(seed, node.id, key))
    raise ProjectError(f"the engine cannot run {node.kind} nodes yet", node.id)


def _neuron_group(name, members, activation, alpha, nodes, configs, incoming, refs, widths, shapes, seed, dtype,
                  model: CompiledModel) -> Op:
    sources: list[str] = []
    for m in members:
        for e in incoming[m]:
            if e.source not in sources:
                sources.append(e.source)
    offsets, row = {}, 0
    for s in sources:
        offsets[s] = row
        row += int(shapes.out[s][-1])
    n = len(members)
    W = np.zeros((row, n), dtype=dtype)
    w_mask = np.zeros((row, n), dtype=bool)
    b = np.zeros(n, dtype=dtype)
    b_mask = np.zeros(n, dtype=bool)
    a = np.full(n, alpha, dtype=dtype)
    for j, m in enumerate(members):
        node, config = nodes[m], configs[m]
        fan_in = sum(int(shapes.out[e.source][-1]) for e in incoming[m])
        for e in incoming[m]:
            w = int(shapes.out[e.source][-1])
            rows = slice(offsets[e.source], offsets[e.source] + w)
            if e.weight is None:
                value = initialize(config["init"], (w,), _rng(seed, e.id, "weight"), fan_in=fan_in, fan_out=1,
                                   value=config["init_scale"], scale=config["init_scale"], dtype=dtype)
            else:
                value = np.asarray(e.weight, dtype=dtype).reshape(-1)
                if value.size != w:
                    raise ProjectError(f"weight has {value.size} values, but its source outputs {w}", e.id)
            W[rows, j] = value
            w_mask[rows, j] = bool(e.trainable)
            model.edges[e.id] = EdgeSlot(name, rows, j, scalar=np.ndim(e.weight) == 0 and w == 1)
        b[j] = float(np.asarray(node.params["b"])) if "b" in node.params else config["bias"]
        b_mask[j] = config["bias_trainable"]
        if activation == "prelu" and "alpha" in node.params:
            a[j] = float(np.asarray(node.params["alpha"]))
        model.neurons[m] = NeuronSlot(name, j)
        refs[m] = Ref(name, j, j + 1)
    widths[name] = n
    layer = Dense(W, b, activation, a if activation == "prelu" else alpha,
                  w_trainable=_mask(w_mask), b_trainable=_mask(b_mask))
    in_refs = _merge([refs[s] for s in sources], widths)
    return Op(name, layer, in_refs, axis=-1)


def _mask(mask: np.ndarray):
    if mask.all():
        return True
    if not mask.any():
        return False
    return mask


def _output_activation(node: Node, config: dict) -> str | None:
    if registry.KINDS[node.kind].activated:
        return config["activation"]
    return None


def _objective(project: Project, network: Network, out_refs: list[Ref], configs, consumers) -> Objective:
    t = project.training
    nodes = {n.id: n for n in project.nodes}
    acts = {_output_activation(nodes[o], configs[o]) for o in project.outputs}
    fused = None
    wanted = FUSES_WITH.get(t.loss)
    if wanted and len(out_refs) == 1 and not out_refs[0].sliced and acts == {wanted}:
        op = network.by_name[out_refs[0].op]
        only_output = len(project.outputs) == 1 and consumers[project.outputs[0]] == 0
        if only_output and hasattr(op.layer, "fused_output"):
            op.layer.fused_output = True
            fused = op.layer
    if t.loss == "sparse_categorical_crossentropy":
        accuracy = "sparse"
    elif acts and acts <= {"step", "sign"}:
        accuracy = "exact"
    elif t.loss == "categorical_crossentropy" or acts == {"softmax"}:
        accuracy = "argmax"
    elif t.loss == "binary_crossentropy" or acts == {"sigmoid"}:
        accuracy = "threshold"
    else:
        accuracy = None
    reg = t.regularization
    return Objective(t.loss, accuracy, float(reg.get("l1", 0.0)), float(reg.get("l2", 0.0)), fused,
                     perceptron=t.optimizer.get("kind") == "perceptron")
