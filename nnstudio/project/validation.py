"""Everything wrong with a project, as a list of Problems anchored to node and edge ids.

`validate` never raises: it is run after every edit and before every compile. An "error" stops
training (compile_project refuses); a "warning" is shown but does not. Messages are short
lower-case sentences in plain words that read well after "<where>: ", e.g.
`h3: has no incoming connections`. A Problem's `path` is the file's key that holds the fix
(`outputs`, `training.optimizer.lr`, or within the node `config.units`, `params.W`): the command
line prints it before a project-wide message ("training.optimizer.lr: must be > 0"), the window
names the control instead (ui.wording). So a project-wide message never spells out a key path;
a node's may start with its own key ("params.W has shape …"), which the window replaces too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nnstudio.engine.losses import FUSES_WITH
from nnstudio.project import io, registry
from nnstudio.project.graph import CycleError, ShapeInfo, infer_shapes, topological_order
from nnstudio.project.model import Edge, Node, Project
from nnstudio.project.registry import fmt_shape
from nnstudio.project.validation_data import DataChecks, plural

NO_INPUTS = "has no incoming connections"
FLOAT32_MAX = float(np.finfo(np.float32).max)
CLASS_LOSSES = ("categorical_crossentropy", "sparse_categorical_crossentropy")
_UNKNOWN = registry.NodeKind("", "", "", "", (), None, lambda config, in_shape: ())   # stands for a kind not on the allowlist


@dataclass(frozen=True)
class Problem:
    severity: str                 # "error" | "warning"
    message: str
    node_id: str | None = None
    edge_id: str | None = None
    path: str = ""                # the file's key that holds the fix: "outputs", "config.units" (in the node)

    @property
    def where(self) -> str:
        """The node or edge id, else the key path, else "project": what the message follows."""
        return self.node_id or self.edge_id or self.path or "project"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def validate(project: Project) -> list[Problem]:
    """All problems in `project`, errors and warnings, in a stable order. Never raises."""
    checker = _Checker(project)
    try:
        checker.run()
    except Exception as exc:     # a last line of defence; every check below guards its own input
        checker.error(f"cannot be checked completely ({type(exc).__name__}: {exc})")
    return checker.problems


def errors(project: Project) -> list[Problem]:
    return [p for p in validate(project) if p.severity == "error"]


class _Checker(DataChecks):
    def __init__(self, project: Project) -> None:
        self.p = project
        self.problems: list[Problem] = []
        self.nodes: dict[str, Node] = {}            # first node of each id
        self.configs: dict[str, dict[str, Any]] = {}  # checked configs of nodes of a known kind
        self.edges: list[Edge] = []                  # edges between existing nodes, no self-loops
        self.incoming: dict[str, list[Edge]] = {}
        self.outgoing: dict[str, list[Edge]] = {}
        self.shapes: ShapeInfo | None = None

    def error(self, message: str, node: str | None = None, edge: str | None = None, path: str = "") -> None:
        self.problems.append(Problem("error", message, node, edge, path))

    def warn(self, message: str, node: str | None = None, edge: str | None = None, path: str = "") -> None:
        self.problems.append(Problem("warning", message, node, edge, path))

    def run(self) -> None:
        self.check_nodes()
        self.check_edges()
        for check in (self.check_graph, self.check_connections, self.check_weights, self.check_params,
                      self.check_io_lists, self.check_settings, self.check_outputs_join, self.check_image_outputs,
                      self.check_loss,
                      self.check_perceptron, self.check_table, self.check_builtin):
            try:
                check()
            except Exception as exc:     # one broken check must not hide the others
                self.error(f"cannot be checked completely ({type(exc).__name__}: {exc})")

    # --- structure ----------------------------------------------------------------------------
    def check_nodes(self) -> None:
        used: set[str] = set()
        for node in self.p.nodes:
            if node.id in used:
                self.error("uses the id of another node", node.id)
                continue
            used.add(node.id)
            self.nodes[node.id] = node
            kind = registry.KINDS.get(node.kind) if isinstance(node.kind, str) else None
            if kind is None:
                self.error(f"has an unknown kind {node.kind!r}", node.id)
                continue
            try:
                self.configs[node.id] = kind.check_config(node.config)
            except registry.ConfigError as exc:
                if exc.key and exc.key not in {f.name for f in kind.fields}:
                    self.error(f"has an unknown setting {exc.key}", node.id)
                else:
                    self.error(f"{exc.key or 'config'} {exc}", node.id, path=f"config.{exc.key}" if exc.key else "")
            except Exception:
                self.error("has an invalid config", node.id)

    def check_edges(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        used = set(self.nodes)
        for edge in self.p.edges:
            if edge.id in used:
                self.error("uses the id of another node or edge", edge=edge.id)
                continue
            used.add(edge.id)
            missing = [end for end in (edge.source, edge.target) if end not in self.nodes]
            if missing:
                self.error(f"connects to {missing[0]!r}, which does not exist", edge=edge.id)
                continue
            if edge.source == edge.target:
                self.error(f"connects {edge.source} to itself", edge=edge.id)
                continue
            pair = (edge.source, edge.target)
            if pair in seen:
                self.error(f"repeats {seen[pair]}: both connect {edge.source} to {edge.target}", edge=edge.id)
                continue
            seen[pair] = edge.id
            self.edges.append(edge)
        self.incoming = {i: [] for i in self.nodes}
        self.outgoing = {i: [] for i in self.nodes}
        for edge in self.edges:
            self.incoming[edge.target].append(edge)
            self.outgoing[edge.source].append(edge)

    def check_graph(self) -> None:
        """Cycles, then shapes (on a copy holding only the nodes and edges checked so far)."""
        shadow = Project(nodes=[Node(i, n.kind if i in self.configs else "", config=self.configs.get(i, {}))
                                for i, n in self.nodes.items()], edges=self.edges)
        try:
            order = topological_order(shadow)
        except CycleError as exc:
            cycle = exc.cycle
            path = " → ".join(cycle + cycle[:1])
            for node_id in cycle:
                self.error(f"is on a cycle: {path}", node_id)
            return
        self.shapes = infer_shapes(shadow, order)
        for node_id, message in self.shapes.errors.items():
            if self.incoming[node_id] or message != NO_INPUTS:
                self.error(message, node_id)

    def check_connections(self) -> None:
        outputs = set(self.p.outputs)
        for node_id, node in self.nodes.items():
            kind = registry.KINDS.get(node.kind) if node_id in self.configs else None
            if kind is not None:
                limit, incoming = kind.max_inputs, self.incoming[node_id]
                if limit == 0:
                    for edge in incoming:
                        self.error(f"leads into input node {node_id}, which takes no incoming connections",
                                   edge=edge.id)
                elif not incoming:
                    self.error(NO_INPUTS, node_id)
                elif limit is not None and len(incoming) > limit:
                    self.error(f"takes at most {plural(limit, 'incoming connection')}, but has {len(incoming)}",
                               node_id)
            if not self.outgoing[node_id] and node_id not in outputs:
                self.warn("its output goes nowhere: connect it onward or make it a network output", node_id,
                          path="outputs")

    def width(self, node_id: str) -> int | None:
        shape = self.shapes.out.get(node_id) if self.shapes else None
        return int(shape[-1]) if shape else None

    def spec(self, node_id: str) -> registry.NodeKind:
        kind = self.nodes[node_id].kind
        return registry.KINDS.get(kind, _UNKNOWN) if isinstance(kind, str) else _UNKNOWN

    def is_input(self, node_id: str) -> bool:
        return self.spec(node_id).category == "input"

    def check_weights(self) -> None:
        for edge in self.edges:
            target = self.nodes[edge.target]
            if edge.weight is None or self.is_input(edge.target):
                continue
            if not self.spec(edge.target).weighted_inputs:
                self.warn(f"carries a weight, which is ignored: a {target.kind} node keeps its own weights",
                          edge=edge.id)
                continue
            try:
                w = np.asarray(edge.weight, dtype=np.float64)
            except (TypeError, ValueError):
                self.error("has a weight that is not a number or a list of numbers", edge=edge.id)
                continue
            if w.ndim > 1:
                self.error("has a weight that is not a number or a list of numbers", edge=edge.id)
            elif not np.isfinite(w).all():
                self.error("has a weight that is not a finite number", edge=edge.id)
            elif self.too_big_for_float32(w):
                self.error("has a weight too large for float32 precision: train in float64", edge=edge.id,
                           path="training.dtype")
            elif self.shapes and self.shapes.out.get(edge.target) is not None:
                width = self.width(edge.source)
                if width is not None and w.size != width:
                    self.error(f"has {plural(w.size, 'weight')}, but {edge.source} outputs "
                               f"{plural(width, 'value')}", edge=edge.id)

    def too_big_for_float32(self, arr: np.ndarray) -> bool:
        return self.p.training.dtype == "float32" and arr.size > 0 and float(np.abs(arr).max()) > FLOAT32_MAX

    def check_params(self) -> None:
        for node_id, config in self.configs.items():
            node = self.nodes[node_id]
            if not node.params:
                continue
            if not self.is_input(node_id) and (self.shapes is None or self.shapes.out.get(node_id) is None):
                continue     # the expected shapes depend on inputs that are not known
            in_shape = self.shapes.inputs.get(node_id) if self.shapes else None
            specs = registry.node_params(node.kind, config, in_shape)
            for name, value in node.params.items():
                here = f"params.{name}"
                if name not in specs:
                    self.warn(f"has a parameter {name} that this {node.kind} node does not use", node_id, path=here)
                    continue
                try:
                    arr = np.asarray(value, dtype=np.float64)
                except (TypeError, ValueError):
                    self.error(f"{here} is not an array of numbers", node_id, path=here)
                    continue
                expected = specs[name].shape
                if arr.shape != tuple(expected):
                    want = "a single number" if expected == () else fmt_shape(expected)
                    self.error(f"{here} has shape {fmt_shape(arr.shape)}, expected {want}", node_id, path=here)
                elif not np.isfinite(arr).all():
                    self.error(f"{here} holds values that are not finite", node_id, path=here)
                elif self.too_big_for_float32(arr):
                    self.error(f"has stored values ({name}) too large for float32 precision: train in float64",
                               node_id, path="training.dtype")

    def check_io_lists(self) -> None:
        for name, want_input in (("inputs", True), ("outputs", False)):
            ids = list(getattr(self.p, name))
            if not ids:
                self.error(f"the network has no {name[:-1]} node yet", path=name)
            seen: set[str] = set()
            for node_id in ids:
                if node_id not in self.nodes:
                    self.error(f"lists {node_id!r}, which does not exist", path=name)
                elif node_id in seen:
                    self.error(f"is listed twice in {name}", node_id)
                elif want_input and not self.is_input(node_id):
                    self.error("is listed in inputs but is not an input node", node_id)
                seen.add(node_id)
        listed = set(self.p.inputs)
        for node_id, node in self.nodes.items():
            if self.is_input(node_id) and node_id not in listed:
                self.error("is an input node but is not listed in inputs", node_id)

    # --- settings -----------------------------------------------------------------------------
    def optimizer(self) -> dict:
        opt = self.p.training.optimizer
        return opt if isinstance(opt, dict) else {}

    def check_settings(self) -> None:
        for exc in io.check_settings(self.p):
            self.error(exc.detail, path=exc.where)
        opt = self.optimizer()
        if opt.get("kind") == "sgd" and opt.get("nesterov") is True:
            if not opt.get("momentum", 0.0) > 0 or opt.get("dampening", 0.0) != 0:
                self.error("needs a momentum above 0 and a dampening of 0",
                           path="training.optimizer.nesterov")

    def output_activation(self, node_id: str) -> str | None:
        node = self.nodes.get(node_id)
        if node is None or node_id not in self.configs or not self.spec(node_id).activated:
            return None
        return self.configs[node_id]["activation"]

    def outputs_width(self) -> int | None:
        widths = [self.width(o) for o in self.p.outputs]
        return sum(widths) if widths and None not in widths else None   # type: ignore[arg-type]

    def check_outputs_join(self) -> None:
        """The network's output joins the outputs along the last axis: the other axes must agree."""
        shapes = [self.shapes.out.get(o) for o in self.p.outputs if o in self.nodes] if self.shapes else []
        if len(shapes) < 2 or any(s is None for s in shapes):
            return
        if len({len(s) for s in shapes}) > 1 or len({s[:-1] for s in shapes}) > 1:   # type: ignore[index]
            self.error("the network's outputs have shapes that cannot be joined along their last axis: "
                       + ", ".join(f"{o} {fmt_shape(s)}" for o, s in zip(self.p.outputs, shapes)), path="outputs")

    def check_image_outputs(self) -> None:
        """Targets are vectors or sequences: an output of rank 3 (an image, or a dense layer applied
        to an image's last axis) cannot be compared with them; the usual cause is a missing flatten."""
        for node_id in self.p.outputs:
            shape = self.shapes.out.get(node_id) if self.shapes and node_id in self.nodes else None
            if shape is not None and len(shape) >= 3:
                self.error(f"outputs {fmt_shape(shape)}, an image, but targets are vectors or sequences: "
                           "add a flatten node before the output layer", node_id)

    def check_loss(self) -> None:
        loss = self.p.training.loss
        outputs = [o for o in self.p.outputs if o in self.nodes]
        width = self.outputs_width()
        anchor = outputs[0] if len(outputs) == 1 else None
        if loss in CLASS_LOSSES and width is not None and width < 2:
            self.error(f"{loss} needs at least 2 outputs (one per class), but the network has {width}", anchor,
                       path="training.loss")
        expected = FUSES_WITH.get(loss) if isinstance(loss, str) else None
        if expected is None:
            return
        for node_id in outputs:
            act = self.output_activation(node_id)
            if act != expected:
                got = f"uses {act}" if act else "has no activation"
                self.warn(f"{loss} expects a {expected} output, but this node {got}", node_id,
                          path="config.activation")

    def check_perceptron(self) -> None:
        if self.optimizer().get("kind") != "perceptron":
            return
        outputs = set(self.p.outputs)
        for node_id, config in self.configs.items():
            edges_trainable = any(e.trainable for e in self.incoming[node_id])
            if not self.spec(node_id).trains(config, edges_trainable):
                continue
            if node_id not in outputs:
                self.error("is a hidden unit with trainable weights, but the perceptron rule trains only "
                           "output units: freeze its weights or choose another optimiser", node_id,
                           path="training.optimizer.kind")
            elif config["activation"] not in ("step", "sign"):
                self.error(f"the perceptron rule needs a step or sign activation, but this unit uses "
                           f"{config['activation']}", node_id, path="config.activation")
