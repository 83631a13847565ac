"""Importing data as one undo step: the new data settings, and the network fitted to them.

`plan_fit` (no Qt) decides how the network changes so the data can feed it:

- no nodes at all: an input node of shape [inputs] and a dense output layer (softmax for one-hot
  or index targets, linear for raw ones), connected, listed as the project's input and output,
  with the loss that goes with the targets;
- one input node: its shape becomes [inputs], unless it already takes that many values (an image
  input [1, 28, 28] for 784 columns keeps its shape); a sequence input [steps, features] whose
  features divide the columns keeps its features and changes its steps ([20, 1] → [30, 1]), so a
  recurrent layer after it still receives a sequence;
- one dense output layer: its units become the number of classes (or of target columns), and a
  loss that does not suit the targets is replaced: index targets need
  sparse_categorical_crossentropy; one-hot rows keep categorical_crossentropy, mse or half_sse and
  otherwise get categorical_crossentropy; binary (0/1) targets keep binary_crossentropy, mse or
  half_sse and otherwise get binary_crossentropy; raw targets lose a categorical loss for mse
  (binary cross-entropy stays: raw columns may well be 0/1). With a categorical loss the layer's activation becomes softmax, with binary
  cross-entropy sigmoid; raw targets lose a softmax for linear;
- any other network is left as it is, and the plan says why.

Arrays that no longer fit the new shapes are dropped, so they start again from their `init`.
`import_data` turns the plan into a `Compound` command: one Ctrl+Z restores everything.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnstudio.project import editing, graph, registry
from nnstudio.project.document import Document
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.ui.commands.edits import (AddEdge, AddNode, Compound, SetData, SetEdgeWeight, SetInputsOutputs,
                                  SetNodeConfig, SetNodeParams, SetTraining)
from nnstudio.ui.i18n import translate

ENCODING_LOSS = {"onehot": "categorical_crossentropy", "index": "sparse_categorical_crossentropy",
                 "raw": "mse", "binary": "binary_crossentropy"}
BINARY_LOSSES = ("binary_crossentropy", "mse", "half_sse")          # losses that train 0/1 targets
CLASS_LOSSES = ("categorical_crossentropy", "sparse_categorical_crossentropy")
ONEHOT_LOSSES = ("categorical_crossentropy", "mse", "half_sse")     # losses that train one-hot rows
OUTPUT_GAP = 220.0        # horizontal distance from a new input node to the new output layer


@dataclass
class NetworkFit:
    """What the imported data needs: input values per sample, output values per sample (classes
    for one-hot and index targets), and how targets are encoded (raw, onehot, index, or binary:
    0/1 columns, trained through a sigmoid with binary cross-entropy)."""
    n_inputs: int
    n_outputs: int
    encoding: str


@dataclass
class FitPlan:
    """The edits that fit a project's network to a `NetworkFit`, and what to tell the user."""
    new_nodes: list[Node] = field(default_factory=list)
    new_edges: list[Edge] = field(default_factory=list)
    inputs: list[str] | None = None              # new project.inputs, when they change
    outputs: list[str] | None = None
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)    # node id → new config
    params: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)  # node id → kept arrays
    cleared_weights: list[str] = field(default_factory=list)            # edge ids
    loss: str | None = None
    notes: list[str] = field(default_factory=list)


def _spec(node: Node) -> registry.NodeKind | None:
    """The kind of `node`, None for a kind not on the allowlist (a broken file)."""
    return registry.KINDS.get(node.kind) if isinstance(node.kind, str) else None


def _is_source(node: Node) -> bool:
    spec = _spec(node)
    return spec is not None and spec.category == "input"


def _single_input(project: Project) -> Node | None:
    ids = project.inputs or [n.id for n in project.nodes if _is_source(n)]
    if len(ids) != 1:
        return None
    node = project.node(ids[0])
    return node if _is_source(node) else None


def _single_output(project: Project) -> Node | None:
    ids = project.outputs or [n.id for n in project.nodes
                              if not _is_source(n) and not project.outgoing(n.id)]
    return project.node(ids[0]) if len(ids) == 1 else None


def _units_key(node: Node | None) -> str:
    """The config key that sizes `node`'s outputs (a dense layer's units), "" when there is none."""
    spec = _spec(node) if node is not None else None
    return spec.output_units if spec is not None else ""


def _fitted_shape(shape: list[int], n_inputs: int) -> list[int]:
    """The input shape for `n_inputs` columns: [steps, features] keeps its features when they
    divide the columns (a sequence stays a sequence), anything else becomes a vector."""
    if len(shape) == 2 and shape[1] >= 1 and n_inputs % shape[1] == 0:
        return [n_inputs // shape[1], shape[1]]
    return [n_inputs]


def _loss_for(current: str, encoding: str) -> str:
    """The loss to train `encoding` targets with: the current one when it can."""
    if encoding == "index":
        return ENCODING_LOSS["index"]
    if encoding == "onehot":
        return current if current in ONEHOT_LOSSES else ENCODING_LOSS["onehot"]
    if encoding == "binary":
        return current if current in BINARY_LOSSES else ENCODING_LOSS["binary"]
    return ENCODING_LOSS["raw"] if current in CLASS_LOSSES else current


def plan_fit(project: Project, fit: NetworkFit) -> FitPlan:
    """How to change `project`'s network for `fit` (see the module docstring). Changes nothing."""
    plan = FitPlan()
    loss = _loss_for(project.training.loss, fit.encoding)
    if not project.nodes:
        _plan_new_network(project, fit, plan)
        plan.loss = ENCODING_LOSS[fit.encoding]
        return plan
    source = _single_input(project)
    if source is None:
        plan.notes.append(translate("DataImport", "the network has several input nodes (or none), so their shapes "
                                                  "were left alone"))
    else:
        shape = list(source.config.get("shape", [1]))
        if math.prod(shape) != fit.n_inputs:
            plan.configs[source.id] = {**source.config, "shape": _fitted_shape(shape, fit.n_inputs)}
        if source.id not in project.inputs:
            plan.inputs = [source.id]
    sink = _single_output(project)
    units = _units_key(sink)
    if not units:
        plan.notes.append(translate("DataImport", "the output is not a single dense layer, so the number of outputs "
                                                  "was left alone"))
    else:
        config = dict(plan.configs.get(sink.id, sink.config))
        config[units] = fit.n_outputs
        if registry.kind(sink.kind).activated:
            _fit_activation(config, loss)
        if config != sink.config:
            plan.configs[sink.id] = config
        if sink.id not in project.outputs:
            plan.outputs = [sink.id]
    if loss != project.training.loss:
        plan.loss = loss
    _plan_stale_arrays(project, plan)
    return plan


def _fit_activation(config: dict[str, Any], loss: str) -> None:
    """Give an output layer's `config` the activation `loss` expects of it (in place)."""
    if loss in CLASS_LOSSES:
        config["activation"] = "softmax"
    elif loss == "binary_crossentropy":
        config["activation"] = "sigmoid"     # its outputs are probabilities of class 1
    elif config.get("activation") == "softmax":
        config["activation"] = "linear"


def _plan_new_network(project: Project, fit: NetworkFit, plan: FitPlan) -> None:
    source = editing.new_node(project, "input", (0.0, 0.0), shape=[fit.n_inputs])
    activation = {"raw": "linear", "binary": "sigmoid"}.get(fit.encoding, "softmax")
    sink = editing.new_node(project, "dense", (OUTPUT_GAP, 0.0), {source.id},
                            units=fit.n_outputs, activation=activation)
    edge = Edge(editing.fresh_id(project, "e", {source.id, sink.id}), source.id, sink.id)
    plan.new_nodes, plan.new_edges = [source, sink], [edge]
    plan.inputs, plan.outputs = [source.id], [sink.id]


def _plan_stale_arrays(project: Project, plan: FitPlan) -> None:
    """Drop arrays and edge weights whose shapes the new configs no longer match."""
    if not plan.configs:
        return
    trial = project.copy()
    for node in trial.nodes:
        if node.id in plan.configs:
            node.config = plan.configs[node.id]
    try:
        shapes = graph.infer_shapes(trial)
    except graph.CycleError:
        return
    for node in trial.nodes:
        if not node.params or shapes.out.get(node.id) is None:
            continue
        try:
            specs = registry.node_params(node.kind, registry.kind(node.kind).check_config(node.config),
                                         shapes.inputs.get(node.id))
        except (KeyError, registry.ConfigError, registry.ShapeError):
            continue
        kept = {name: value for name, value in node.params.items()
                if name in specs and np.shape(value) == tuple(specs[name].shape)}
        if len(kept) != len(node.params):
            plan.params[node.id] = kept
    for edge in trial.edges:
        if isinstance(edge.weight, np.ndarray) and edge.weight.ndim:
            width = shapes.out.get(edge.source)
            if width is not None and math.prod(width) != edge.weight.size:
                plan.cleared_weights.append(edge.id)


def import_data(doc: Document, data: DataSpec, fit: NetworkFit | None,
                text: str = "") -> tuple[Compound, FitPlan]:
    """One undo step setting `data` and fitting the network to it (not pushed yet), called `text`
    ("Import data" when none is given)."""
    text = text or translate("DataImport", "Import data")
    project = doc.project
    plan = plan_fit(project, fit) if fit is not None else FitPlan()
    compound = Compound(text)
    compound.add(SetData(doc, data, text=text))
    for node in plan.new_nodes:
        compound.add(AddNode(doc, node))
    for edge in plan.new_edges:
        compound.add(AddEdge(doc, edge))
    for edge_id in plan.cleared_weights:
        compound.add(SetEdgeWeight(doc, edge_id, None, merge=False))
    for node_id, config in plan.configs.items():
        compound.add(SetNodeConfig(doc, node_id, config))
    for node_id, params in plan.params.items():
        compound.add(SetNodeParams(doc, node_id, params, translate("DataImport", "Reset {id} parameters").format(
            id=node_id)))
    if plan.inputs is not None:
        compound.add(SetInputsOutputs(doc, "inputs", plan.inputs))
    if plan.outputs is not None:
        compound.add(SetInputsOutputs(doc, "outputs", plan.outputs))
    if plan.loss is not None:
        training = copy.deepcopy(project.training)
        training.loss = plan.loss
        compound.add(SetTraining(doc, training))
    return compound, plan
