"""Building blocks for edits, without Qt: new nodes with fresh ids, columns of neurons, full
connection between two columns, copy/paste fragments, and checks for a proposed connection.
The UI wraps what these return in undo commands."""
from __future__ import annotations

from typing import Any

import numpy as np

from nnstudio.project import graph, io, registry
from nnstudio.project.model import Edge, Node, Project

COLUMN_SPACING = 90.0


def id_prefix(kind: str) -> str:
    """What fresh ids of a `kind` node start with: the kind's own prefix, else its name."""
    spec = registry.KINDS.get(kind)
    return spec.id_prefix if spec is not None and spec.id_prefix else kind


def fresh_id(project: Project, prefix: str, taken: set[str] = frozenset()) -> str:
    used = {n.id for n in project.nodes} | {e.id for e in project.edges} | set(taken)
    k = 1
    while f"{prefix}{k}" in used:
        k += 1
    return f"{prefix}{k}"


def new_node(project: Project, kind: str, pos: tuple[float, float], taken: set[str] = frozenset(),
             **config: Any) -> Node:
    """A node of registered `kind` with default config (overridden by `config`) and a fresh id."""
    spec = registry.kind(kind)
    node_id = fresh_id(project, id_prefix(kind), taken)
    return Node(node_id, kind, node_id, (float(pos[0]), float(pos[1])), spec.check_config(config))


def neuron_column(project: Project, count: int, pos: tuple[float, float], kind: str | None = None) -> list[Node]:
    """`count` nodes of `kind` (by default the neuron kind, registry.column_kind) stacked downwards
    from `pos`, `COLUMN_SPACING` apart."""
    kind = kind or registry.column_kind()
    taken: set[str] = set()
    nodes = []
    for k in range(count):
        node = new_node(project, kind, (pos[0], pos[1] + k * COLUMN_SPACING), taken)
        taken.add(node.id)
        nodes.append(node)
    return nodes


def split_columns(project: Project, node_ids: list[str]) -> tuple[list[str], list[str]]:
    """Split a selection into its leftmost column and the rest (sorted top to bottom)."""
    nodes = [project.node(i) for i in node_ids]
    if not nodes:
        return [], []
    left_x = min(n.pos[0] for n in nodes)
    left = sorted((n for n in nodes if abs(n.pos[0] - left_x) < 30), key=lambda n: n.pos[1])
    right = sorted((n for n in nodes if abs(n.pos[0] - left_x) >= 30), key=lambda n: (n.pos[0], n.pos[1]))
    return [n.id for n in left], [n.id for n in right]


def fully_connect(project: Project, sources: list[str], targets: list[str]) -> list[Edge]:
    """An edge from every source to every target, skipping pairs already connected or that
    would close a cycle."""
    existing = {(e.source, e.target) for e in project.edges}
    edges: list[Edge] = []
    taken: set[str] = set()
    trial = project.copy()
    for t in targets:
        for s in sources:
            if (s, t) in existing or graph.would_create_cycle(trial, s, t):
                continue
            edge = Edge(fresh_id(project, "e", taken), s, t)
            taken.add(edge.id)
            trial.edges.append(edge)
            edges.append(edge)
    return edges


def connection_problem(project: Project, source: str, target: str) -> str | None:
    """Why an edge source → target must be refused, or None when it is fine."""
    if source == target:
        return "a node cannot connect to itself"
    try:
        target_node = project.node(target)
        project.node(source)
    except KeyError as exc:
        return f"there is no node {exc.args[0]}"
    target_kind = registry.KINDS.get(target_node.kind) if isinstance(target_node.kind, str) else None
    if target_kind is not None and target_kind.category == "input":
        return f"{target} is an input: nothing can connect into it"
    if any(e.source == source and e.target == target for e in project.edges):
        return f"{source} is already connected to {target}"
    if graph.would_create_cycle(project, source, target):
        return f"connecting {source} → {target} would make a cycle"
    trial = project.copy()
    trial.edges.append(Edge("__trial__", source, target))
    try:
        info = graph.infer_shapes(trial)
    except graph.CycleError:
        return f"connecting {source} → {target} would make a cycle"
    before = graph.infer_shapes(project).errors
    if target in info.errors and info.errors[target] != before.get(target):
        return f"{target} {info.errors[target]}"
    return None


def fragment(project: Project, node_ids: list[str]) -> dict:
    """The selected nodes and the edges among them, as JSON-ready data (for the clipboard)."""
    keep = set(node_ids)
    nodes = [n for n in project.nodes if n.id in keep]
    edges = [e for e in project.edges if e.source in keep and e.target in keep]
    whole = io.project_to_dict(Project(nodes=nodes, edges=edges))
    return {"format": "nnstudio.fragment", "nodes": whole["nodes"], "edges": whole["edges"]}


def paste(project: Project, data: dict, offset: tuple[float, float] = (40.0, 40.0)) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges from a fragment with fresh ids, shifted by `offset`. Raises ProjectError
    for anything that is not a well-formed fragment."""
    if not isinstance(data, dict) or data.get("format") != "nnstudio.fragment":
        raise io.ProjectError("is not an nnstudio fragment", "clipboard")
    loaded = io.project_from_dict({"format": "nnstudio.project", "version": 1,
                                   "nodes": data.get("nodes", []), "edges": data.get("edges", [])})
    taken: set[str] = set()
    renamed: dict[str, str] = {}
    nodes: list[Node] = []
    for node in loaded.nodes:
        new = node.copy()
        new.id = fresh_id(project, id_prefix(node.kind), taken)
        if node.label == node.id or not node.label:
            new.label = new.id
        taken.add(new.id)
        renamed[node.id] = new.id
        new.pos = (node.pos[0] + offset[0], node.pos[1] + offset[1])
        nodes.append(new)
    edges: list[Edge] = []
    for edge in loaded.edges:
        new = edge.copy()
        new.id = fresh_id(project, "e", taken)
        taken.add(new.id)
        new.source, new.target = renamed[edge.source], renamed[edge.target]
        edges.append(new)
    return nodes, edges


def edge_value(weight: Any) -> float | None:
    """A single number to show for an edge weight (the mean magnitude's sign for vectors)."""
    if weight is None:
        return None
    if isinstance(weight, np.ndarray) and weight.ndim:
        return float(weight.mean()) if weight.size else 0.0
    return float(weight)
