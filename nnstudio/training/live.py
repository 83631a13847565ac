"""The plain data a training run sends to the live views (no Qt).

The training worker builds a LiveSnapshot at most ~30 times a second from its own copy of the
network, and a ProbeData (outputs of every node, the decision boundary, each neuron's output over
the input plane, the evaluation tables) at most a few times a second, since those cost forward
passes. Every array is a copy: the worker keeps training while the window draws.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnstudio.engine.training import Split
from nnstudio.training import probes
from nnstudio.project.compile import CompiledModel
from nnstudio.project.model import History, Project

PROBE_SAMPLES = 1000     # node outputs are shown for at most this many samples
MAX_BATCH_POINTS = 2000  # batch losses per snapshot, peak-downsampled beyond


@dataclass
class ProbeData:
    node_outputs: dict[str, np.ndarray]        # node id → [samples, units], dataset order
    inputs: np.ndarray                         # [samples, input columns] (the same samples)
    targets: np.ndarray                        # their targets
    boundary: probes.Boundary | None           # two-input problems only
    evaluation: probes.Evaluation
    # node id → its output over the input plane ([res, res], rows are y), two-input problems only
    node_maps: dict[str, np.ndarray] = field(default_factory=dict)
    total_samples: int = 0                     # in the dataset; the probe covers the first PROBE_SAMPLES
    # For the chosen sample (an index into the probed samples): image outputs as feature maps and
    # recurrent layers' gates and states, within their budgets (probes.BUDGETS).
    sample: int = 0
    insides: dict[str, probes.NodeInside] = field(default_factory=dict)


@dataclass
class LiveSnapshot:
    status: str                    # idle | running | paused | finished | stopped | diverged | preview
    message: str = ""
    epoch: int = 0                 # epochs done, counting those already in the project's history
    total_epochs: int | None = 0   # the epoch this run ends at; None: it trains until stopped
    step: int = 0                  # batches done in this run
    loss: float | None = None
    val_loss: float | None = None
    accuracy: float | None = None
    val_accuracy: float | None = None
    lr: float = 0.0
    elapsed: float = 0.0           # seconds of this run
    steps_per_s: float = 0.0
    eta_s: float | None = None
    new_history: History = field(default_factory=History)       # epochs finished since the last snapshot
    batch_losses: np.ndarray = field(default_factory=lambda: np.zeros(0))   # since the last snapshot
    # Every node's parameters, at a pause or the end only (for the write-back): big networks'
    # weights would otherwise cross to the window ~30 times a second for nothing.
    node_params: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    edge_weights: dict[str, float | np.ndarray] = field(default_factory=dict)
    # ∂L/∂w of the same edges for the latest batch, when a view asked for them (edge_gradients).
    edge_gradients: dict[str, float | np.ndarray] = field(default_factory=dict)
    # And each dense layer's ∂L/∂W (node id → [inputs, units]), with the matrices (layer_gradients).
    layer_gradients: dict[str, np.ndarray] = field(default_factory=dict)
    matrices: list[probes.WeightMatrix] = field(default_factory=list)
    probe: ProbeData | None = None  # None: unchanged since the last one sent
    # At a pause or the end: the run's fitted input normaliser, as `data.normalizer` stores it.
    normalizer: dict | None = None
    has_normalizer: bool = False


def edge_gradients(model: CompiledModel) -> dict[str, float | np.ndarray]:
    """∂L/∂w of every edge's weight, as `CompiledModel.edge_weights` lists the weights: the grads
    the engine's last backward pass left in the layers (the latest batch's, clipping and the l1/l2
    penalty included; zeros before the first step)."""
    out: dict[str, float | np.ndarray] = {}
    for edge_id, slot in model.edges.items():
        column = model.layer(slot.op).grads["W"][slot.rows, slot.col]
        out[edge_id] = float(column[0]) if slot.scalar else np.asarray(column, dtype=np.float64).copy()
    return out


def layer_gradients(model: CompiledModel) -> dict[str, np.ndarray]:
    """∂L/∂W of every layer node whose W is a matrix (dense layers), as `edge_gradients` reads
    them: the canvas draws an expanded layer's W entries from these."""
    out: dict[str, np.ndarray] = {}
    for node_id, op in model.layer_ops.items():
        grad = model.layer(op).grads.get("W")
        if grad is not None and grad.ndim == 2:
            out[node_id] = np.array(grad, dtype=np.float64)
    return out


def probe_split(data: Split, limit: int = PROBE_SAMPLES) -> Split:
    """The first `limit` samples (dataset order), which the probes are computed on."""
    return data if len(data) <= limit else data.take(slice(0, limit))


def make_probe(project: Project, model: CompiledModel, data: Split, class_names: list[str] | None = None,
               raw: np.ndarray | None = None, encode: probes.Encode | None = None,
               total: int | None = None, chosen: int = 0) -> ProbeData:
    """Forward passes for the views: outputs of every node, the boundary, the evaluation.

    `raw` holds the input rows of `data` as the dataset has them, and `encode` turns raw rows into
    network inputs (TrainingRun.encoder.encode): with both, inputs, the boundary and the maps are
    in the data's own units (before derived features and normalisation). `total`: the samples in
    the dataset, when `data` is already cut to its first ones (default: len(data)). `chosen`: the
    probed sample whose feature maps and gates are sent (the window's chosen sample)."""
    sample = probe_split(data)
    chosen = min(max(int(chosen), 0), max(len(sample) - 1, 0))
    if raw is None:
        raw, encode = probes.network_columns(data), probes.feed_columns(model)
    raw = np.asarray(raw, dtype=np.float64).reshape(len(data), -1)
    x = np.array(raw[:len(sample)], copy=True)
    return ProbeData(probes.node_outputs(project, model, sample.inputs), x, np.array(sample.targets, copy=True),
                     probes.boundary(model, data, raw=raw, encode=encode),
                     probes.evaluation(model, sample, class_names, raw=x),
                     probes.node_maps(project, model, data, raw=raw, encode=encode),
                     max(len(data), total or 0), chosen,
                     probes.node_insides(project, model, sample.take(slice(chosen, chosen + 1)).inputs)
                     if len(sample) else {})


def peak_downsample(values: np.ndarray, limit: int = MAX_BATCH_POINTS) -> np.ndarray:
    """At most `limit` values keeping each bucket's min and max in order, as a plot's peak mode."""
    n = len(values)
    if n <= limit:
        return values
    buckets = limit // 2
    edges = np.linspace(0, n, buckets + 1).astype(int)
    lo = np.minimum.reduceat(values, edges[:-1])
    hi = np.maximum.reduceat(values, edges[:-1])
    return np.stack([lo, hi], axis=1).reshape(-1)
