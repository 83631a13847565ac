"""What the live panels show, computed from a compiled model without Qt: the weight matrices,
every node's output over some samples, the decision boundary over the input plane, and the
evaluation tables. The training worker calls these in its own thread and sends the results.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from nnstudio.engine.layers import GRU, LSTM, RNN
from nnstudio.engine.network import Network
from nnstudio.engine.training import Split
from nnstudio.project import registry
from nnstudio.project.compile import CompiledModel
from nnstudio.project.graph import infer_shapes
from nnstudio.project.model import Project


@dataclass
class WeightMatrix:
    """One matrix for the heatmap: rows are sources, columns targets. Neuron-level weights are
    assembled per column of neurons; missing connections are NaN (drawn blank)."""
    name: str
    values: np.ndarray
    rows: list[str]
    cols: list[str]
    # Each column's weights as an image [channels, h, w] (values.T.reshape(cols, *image)): a conv
    # layer's filters, or a dense layer fed by an image (directly or through flatten): what each
    # unit looks at. None for matrices that are not pictures.
    image: tuple[int, int, int] | None = None
    node_id: str = ""           # the layer whose W this is ("" for neuron groups and gate splits)
    # `name` as words to translate: an English template with named parts (MATRIX_TEMPLATES holds
    # every one), and the parts, which are the user's labels. "" when the name is only a label.
    template: str = ""
    parts: dict[str, str] = field(default_factory=dict)


# A recurrent layer's weight columns are blocks of `units`, one per gate, in the engine's order.
GATES = {LSTM: ("i", "f", "g", "o"), GRU: ("r", "z", "n"), RNN: ("",)}
GATE_NAMES = {"i": "input gate", "f": "forget gate", "g": "candidate", "o": "output gate", "r": "reset gate",
              "z": "update gate", "n": "candidate"}
NEURONS_TEMPLATE, FILTERS_TEMPLATE = "neurons {names}", "{layer} filters"


def gate_template(gate: str) -> str:
    """"{layer} {matrix} · f (forget gate)": a recurrent layer's Wx or Wh block of one gate."""
    return f"{{layer}} {{matrix}} · {gate} ({GATE_NAMES[gate]})" if gate else "{layer} {matrix}"


# Every template a matrix name is made from (the window's catalogue translates them).
MATRIX_TEMPLATES = (NEURONS_TEMPLATE, FILTERS_TEMPLATE, *sorted({gate_template(g) for g in GATE_NAMES}))


def may_probe(kind: str, what: str) -> bool:
    """Whether the live views may read `what` ("output" or "weights") from a node of `kind`: the
    kind's `probes` facet (nothing for a kind not on the allowlist)."""
    spec = registry.KINDS.get(kind) if isinstance(kind, str) else None
    return spec is not None and what in spec.probes


def weight_matrices(project: Project, model: CompiledModel) -> list[WeightMatrix]:
    """Dense layers' W, and for each neuron group its incoming weights (NaN where no edge): the
    nodes whose kinds let the views probe their weights."""
    labels = {n.id: n.label or n.id for n in project.nodes}
    shapes = infer_shapes(project).out          # once, not once per layer: this runs per snapshot
    weighted = {n.id for n in project.nodes if may_probe(n.kind, "weights")}
    out: list[WeightMatrix] = []
    for node in project.nodes:
        op = model.layer_ops.get(node.id)
        if op is None or node.id not in weighted:
            continue
        layer, label = model.layer(op), labels[node.id]
        if type(layer) in GATES:
            out += _gate_matrices(label, layer, GATES[type(layer)])
            continue
        W = layer.params.get("W")
        if W is not None and W.ndim == 4:      # conv filters: a column per filter, one picture each
            f, c, kh, kw = W.shape
            rows = [f"ch{k}[{r},{q}]" for k in range(c) for r in range(kh) for q in range(kw)]
            filters = np.array(W.reshape(f, -1).T, dtype=np.float64)
            out.append(WeightMatrix(FILTERS_TEMPLATE.format(layer=label), filters, rows,
                                    [f"filter {j}" for j in range(f)], (c, kh, kw),
                                    template=FILTERS_TEMPLATE, parts={"layer": label}))
            continue
        if W is None or W.ndim != 2:
            continue
        sources = [e.source for e in project.incoming(node.id)]
        rows = _column_names(shapes, sources, W.shape[0], labels)
        out.append(WeightMatrix(label, np.array(W, dtype=np.float64), rows,
                                [f"{label}[{j}]" for j in range(W.shape[1])], _image_fed(project, shapes, sources, W),
                                node.id))
    groups: dict[str, list[str]] = {}
    for node_id, slot in model.neurons.items():
        if node_id in weighted:
            groups.setdefault(slot.op, []).append(node_id)
    for op, members in groups.items():
        members.sort(key=lambda m: model.neurons[m].col)
        W = model.layer(op).params["W"]
        rows: list[str] = []
        row_of: dict[tuple[str, int], int] = {}
        values: list[list[float]] = []
        for j, m in enumerate(members):
            for e in project.incoming(m):
                slot = model.edges[e.id]
                for k, r in enumerate(range(slot.rows.start, slot.rows.stop)):
                    key = (e.source, k)
                    if key not in row_of:
                        row_of[key] = len(rows)
                        width = slot.rows.stop - slot.rows.start
                        rows.append(labels.get(e.source, e.source) + (f"[{k}]" if width > 1 else ""))
                        values.append([np.nan] * len(members))
                    values[row_of[key]][j] = float(W[r, j])
        names = ", ".join(labels[m] for m in members[:4]) + ("…" if len(members) > 4 else "")
        out.append(WeightMatrix(NEURONS_TEMPLATE.format(names=names),
                                np.array(values, dtype=np.float64).reshape(len(rows), len(members)), rows,
                                [labels[m] for m in members], template=NEURONS_TEMPLATE, parts={"names": names}))
    return out


def _gate_matrices(label: str, layer, gates: tuple[str, ...]) -> list[WeightMatrix]:
    """A recurrent layer's Wx and Wh split by gate: "lstm1 Wx · f (forget gate)" [features, units]."""
    Wx, Wh = layer.params["Wx"], layer.params["Wh"]
    units = Wh.shape[0]
    cols = [f"{label}[{j}]" for j in range(units)]
    found = []
    for k, gate in enumerate(gates):
        part = slice(k * units, (k + 1) * units)
        template = gate_template(gate)
        for matrix, values, rows in (("Wx", Wx, [f"x[{d}]" for d in range(Wx.shape[0])]),
                                     ("Wh", Wh, [f"h[{d}]" for d in range(units)])):
            parts = {"layer": label, "matrix": matrix}
            found.append(WeightMatrix(template.format(**parts), np.array(values[:, part], dtype=np.float64), rows,
                                      cols, template=template, parts=parts))
    return found


def _image_fed(project: Project, shapes: dict, sources: list[str], W: np.ndarray) -> tuple[int, int, int] | None:
    """The [channels, h, w] image a dense layer's rows come from, directly or through a node that
    only reshapes it to a vector (a flatten, in (channels, height, width) order), or None."""
    if len(sources) != 1:
        return None
    shape = shapes.get(sources[0])
    feeding = project.incoming(sources[0])
    if shape is not None and len(shape) == 1 and len(feeding) == 1:
        before = shapes.get(feeding[0].source)
        if before is not None and len(before) == 3 and int(np.prod(before)) == shape[0]:
            shape = before
    if shape is None or len(shape) != 3 or int(np.prod(shape)) != W.shape[0]:
        return None
    return tuple(int(d) for d in shape)


def _column_names(shapes: dict, sources: list[str], width: int, labels: dict[str, str]) -> list[str]:
    """One name per input column: the source's label, indexed when it gives several columns."""
    names: list[str] = []
    for s in sources:
        n = int(shapes[s][-1]) if shapes.get(s) else 1
        names += [labels.get(s, s)] if n == 1 else [f"{labels.get(s, s)}[{k}]" for k in range(n)]
    return names if len(names) == width else [f"in[{k}]" for k in range(width)]


@dataclass(frozen=True)
class ProbeBudget:
    """How much of one probed value may cross to the window in a snapshot: how many of the probed
    samples (None: all of them) and how many channels of an image (None: all)."""
    samples: int | None = None
    channels: int | None = None


# What a probe of each facet may carry, by the rank of a node's output for one sample (1: a
# vector, 2: a sequence [time, features], 3: an image [channels, height, width]); a rank not listed
# has no limit. Images cost the most: a LeNet's first conv gives 3,456 values a sample, 27 MB for
# the 1,000 probed samples in float64, several times a second. An image output is sent for the
# chosen sample only, its first MAP_CHANNELS channels (ProbeData.insides), not in node_outputs.
MAP_CHANNELS = 16
BUDGETS: dict[str, dict[int, ProbeBudget]] = {"output": {3: ProbeBudget(samples=1, channels=MAP_CHANNELS)}}
# What recurrent layers keep after a forward pass (engine/layers/recurrent.py), [N, T, units]:
# LSTM gates i, f, g, o and cell c; GRU gates r, z, n; every one's hidden state h.
STATES = ("i", "f", "g", "o", "c", "r", "z", "n", "h")


def budget(facet: str, rank: int) -> ProbeBudget:
    """The budget of a value of `facet` ("output") whose per-sample rank is `rank`."""
    return BUDGETS.get(facet, {}).get(rank, ProbeBudget())


@dataclass
class NodeInside:
    """What a node shows of itself for the chosen sample: "maps" [channels, h, w] (at most the
    budget's channels of an image output) or a recurrent layer's states and gates, each [T, units]."""
    arrays: dict[str, np.ndarray]
    channels: int = 0           # an image output's channels in all (maps may hold fewer)


def node_insides(project: Project, model: CompiledModel, inputs: list[np.ndarray]) -> dict[str, NodeInside]:
    """For `inputs` holding ONE sample: each image-shaped output (within its budget's channels)
    and each recurrent layer's states and gates, by node id, as float64 copies."""
    net: Network = model.network
    net.forward(inputs, training=False)
    values = net.values
    found: dict[str, NodeInside] = {}
    for node in project.nodes:
        if not may_probe(node.kind, "output") or node.id in model.neurons or node.id not in values:
            continue
        out = values[node.id]
        if out.ndim == 4:
            keep = budget("output", 3).channels or out.shape[1]
            found[node.id] = NodeInside({"maps": np.array(out[0, :keep], dtype=np.float64)}, int(out.shape[1]))
            continue
        op = model.layer_ops.get(node.id)
        layer = model.layer(op) if op is not None else None
        states = {name: np.array(getattr(layer, name)[0], dtype=np.float64) for name in STATES
                  if isinstance(getattr(layer, name, None), np.ndarray) and getattr(layer, name).ndim == 3}
        if states:
            found[node.id] = NodeInside(states)
    return found


def node_outputs(project: Project, model: CompiledModel, inputs: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Every node's output for `inputs` (one row per sample), by node id, as float64 copies: the
    nodes whose kinds let the views probe their output, within their budget (an image output,
    sent for one sample only, is left to `node_insides`)."""
    net: Network = model.network
    net.forward(inputs, training=False)
    values = net.values
    out: dict[str, np.ndarray] = {}
    for node in project.nodes:
        if not may_probe(node.kind, "output"):
            continue
        value = values.get(node.id)
        if value is not None and value.ndim > 1 and budget("output", value.ndim - 1).samples is not None:
            continue
        if node.id in model.neurons:
            slot = model.neurons[node.id]
            out[node.id] = np.array(values[slot.op][:, slot.col:slot.col + 1], dtype=np.float64)
        elif node.id in values:
            out[node.id] = np.array(values[node.id], dtype=np.float64)
    return out


@dataclass
class Boundary:
    """The network's first output over a grid of the two input features (feature order of the
    dataset), for a Playground-style heatmap."""
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    values: np.ndarray          # [resolution, resolution]: rows are y, columns x
    classes: np.ndarray | None = None   # argmax class per cell when there are several outputs


Encode = Callable[[np.ndarray], list[np.ndarray]]


def network_columns(data: Split) -> np.ndarray:
    """The network's input columns of `data` side by side, float64 `[N, columns]`."""
    return np.concatenate([a.reshape(len(a), -1) for a in data.inputs], axis=1).astype(np.float64)


def feed_columns(model: CompiledModel) -> Encode:
    """Columns → one array per input node, for data already in the network's own terms."""
    cuts = np.cumsum([int(np.prod(s)) for s in model.input_shapes])[:-1]
    return lambda x: np.split(np.asarray(x, dtype=model.dtype), cuts, axis=1)


def _plane(raw: np.ndarray, resolution: int, margin: float) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(low corner, high corner, a resolution² grid over them, rows [x, y]) of the plane the two
    columns of `raw` span, `margin` wider than the data on each side; None unless there are
    exactly two columns."""
    if raw.ndim != 2 or raw.shape[1] != 2 or not len(raw):
        return None
    lo, hi = raw.min(axis=0).astype(np.float64), raw.max(axis=0).astype(np.float64)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    lo, hi = lo - margin * span, hi + margin * span
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    return lo, hi, np.stack([xx.ravel(), yy.ravel()], axis=1)


def boundary(model: CompiledModel, data: Split, resolution: int = 60, margin: float = 0.15,
             raw: np.ndarray | None = None, encode: Encode | None = None) -> Boundary | None:
    """The output over the plane of the two input columns, or None when there are not two.

    `raw` (the samples' input columns as the dataset holds them) and `encode` (raw rows → the
    network's inputs: derived features, normalisation) put the plane in the data's own units;
    without them it is the plane of the network's inputs."""
    raw, encode = (network_columns(data), None) if raw is None else (raw, encode)
    encode = encode or feed_columns(model)
    plane = _plane(raw, resolution, margin)
    if plane is None:
        return None
    lo, hi, grid = plane
    y = np.asarray(model.network.forward(encode(grid), training=False), dtype=np.float64)
    classes = y.argmax(axis=1).reshape(resolution, resolution) if y.shape[1] > 1 else None
    values = (y[:, 0] if y.shape[1] == 1 else y.max(axis=1)).reshape(resolution, resolution)
    return Boundary((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])), values, classes)


def node_maps(project: Project, model: CompiledModel, data: Split, resolution: int = 24,
              margin: float = 0.15, limit: int = 256, raw: np.ndarray | None = None,
              encode: Encode | None = None) -> dict[str, np.ndarray]:
    """Each single-valued node's output over the input plane (as `boundary`, rows are y), for
    TensorFlow-Playground-style thumbnails on the canvas. Empty unless there are two input
    columns and at most `limit` such nodes (neurons and one-column inputs)."""
    raw, encode = (network_columns(data), None) if raw is None else (raw, encode)
    encode = encode or feed_columns(model)
    plane = _plane(raw, resolution, margin)
    if plane is None:
        return {}
    outputs = node_outputs(project, model, encode(plane[2]))
    maps = {node_id: y[:, 0].reshape(resolution, resolution) for node_id, y in outputs.items()
            if y.ndim == 2 and y.shape[1] == 1}
    return maps if len(maps) <= limit else {}


@dataclass
class Evaluation:
    """What the evaluation panel shows: outputs and targets per sample, and for classification
    the confusion matrix (rows: true class, columns: predicted)."""
    kind: str                       # "truth_table" | "classification" | "regression"
    inputs: np.ndarray
    targets: np.ndarray
    outputs: np.ndarray
    correct: np.ndarray | None = None
    confusion: np.ndarray | None = None
    class_names: list[str] = field(default_factory=list)


def evaluation(model: CompiledModel, data: Split, class_names: list[str] | None = None,
               max_rows: int = 64, raw: np.ndarray | None = None) -> Evaluation:
    """Outputs against targets; `inputs` are `raw` (the dataset's own columns) when given."""
    from nnstudio.engine import metrics
    y = np.asarray(model.network.forward(data.inputs, training=False), dtype=np.float64)
    x = network_columns(data) if raw is None else np.asarray(raw, dtype=np.float64).reshape(len(y), -1)
    t = np.asarray(data.targets)
    kind = model.objective.accuracy
    if kind is None:
        return Evaluation("regression", x, t.astype(np.float64), y)
    labels = metrics.labels(kind, t)
    if kind in ("argmax", "sparse"):
        # A sequence output [N, T, k] has a class per step: the confusion counts every step, and a
        # sample is right when all its steps are.
        predicted = y.argmax(axis=-1)
        truth = np.asarray(labels).reshape(predicted.shape).astype(int)
        k = max(y.shape[-1], int(truth.max(initial=0)) + 1)
        confusion = np.zeros((k, k), dtype=int)
        np.add.at(confusion, (truth.reshape(-1), predicted.reshape(-1)), 1)
        names = class_names or [str(i) for i in range(k)]
        right = (predicted == truth).reshape(len(y), -1).all(axis=1)
        return Evaluation("classification", x, t.astype(np.float64), y, right, confusion, names)
    right = np.array([metrics.count(kind, y[i:i + 1], labels[i:i + 1]) == 1 for i in range(len(y))])
    binary = np.isin(x, (0.0, 1.0)).all() and len(x) <= max_rows
    return Evaluation("truth_table" if binary else "classification", x, t.astype(np.float64), y, right,
                      class_names=list(class_names or []))
