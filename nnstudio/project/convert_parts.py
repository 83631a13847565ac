"""The pieces convert.py's two directions share: shapes, kinds and incoming edges of a project,
fresh ids by the thousand, and the values the compiler would start the converted parameters from.
Pure functions; no Qt."""
from __future__ import annotations

import dataclasses

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.project import graph, registry
from nnstudio.project.compile import compile_project
from nnstudio.project.model import Edge, Project

GRAPH_FAILURES = (graph.CycleError, ValueError, KeyError, TypeError)


def graph_shapes(project: Project) -> dict[str, registry.Shape | None] | None:
    try:
        return dict(graph.infer_shapes(project).out)
    except GRAPH_FAILURES:
        return None


def kind_of(project: Project, node_id: str) -> registry.NodeKind | None:
    node = project.node(node_id)
    return registry.KINDS.get(node.kind) if isinstance(node.kind, str) else None


def is_neuron(project: Project, node_id: str) -> bool:
    """Whether the node is a single neuron (what Group into Layer takes)."""
    return getattr(kind_of(project, node_id), "category", None) == "neuron"


def has_weighted_inputs(project: Project, node_id: str) -> bool:
    spec = kind_of(project, node_id)
    return spec is not None and spec.weighted_inputs


def incoming_edges(project: Project) -> dict[str, list[Edge]]:
    """Every node's incoming edges in edge order (their order is the order its input joins)."""
    into: dict[str, list[Edge]] = {n.id: [] for n in project.nodes}
    for e in project.edges:
        into.setdefault(e.target, []).append(e)
    return into


class FreshIds:
    """New ids as editing.fresh_id makes them (`prefix` and the smallest unused number), for many
    at once: the ids in use are gathered once, not once per new id (100,000 edges)."""

    def __init__(self, project: Project) -> None:
        self.used = {n.id for n in project.nodes} | {e.id for e in project.edges}
        self.after: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        k = self.after.get(prefix, 1)
        while f"{prefix}{k}" in self.used:
            k += 1
        self.after[prefix] = k + 1
        self.used.add(f"{prefix}{k}")
        return f"{prefix}{k}"


def repeated_source(edges: list[Edge]) -> str | None:
    seen: set[str] = set()
    for e in edges:
        if e.source in seen:
            return e.source
        seen.add(e.source)
    return None


# --- the values the compiler would use -----------------------------------------------------------
def current_values(project: Project, wanted: list[str]) -> tuple[dict[str, dict[str, np.ndarray]], dict[str, object]]:
    """The parameters of the nodes `wanted` and the weights of every edge into them, as compiling
    the project would start them: given values as they are, absent ones drawn from the seed.
    Only `wanted` and what feeds them are compiled, so a problem elsewhere does not stop it."""
    ids = set(project.node_ids())
    feeds = {i: [e.source for e in edges if e.source in ids] for i, edges in incoming_edges(project).items() if i in ids}
    keep: set[str] = set()
    todo = list(wanted)
    while todo:
        node_id = todo.pop()
        if node_id not in keep:
            keep.add(node_id)
            todo.extend(feeds[node_id])
    nodes = [n for n in project.nodes if n.id in keep]          # compiling reads them, never changes them
    sources = [n.id for n in nodes if registry.KINDS[n.kind].category == "input"]
    part = Project(project.meta, nodes, [e for e in project.edges if e.source in keep and e.target in keep],
                   [i for i in project.inputs if i in keep] + [i for i in sources if i not in project.inputs],
                   # In float64 whatever the project trains in: drawn values are float64 before
                   # the cast, and given ones are kept exactly.
                   list(wanted), project.data, dataclasses.replace(project.training, dtype="float64"))
    try:
        model = compile_project(part, check=False)
    except ProjectError:
        raise                   # it says what is wrong, and where
    except GRAPH_FAILURES as exc:
        raise ProjectError(f"the network cannot be compiled yet ({exc}): fix the problems listed first",
                           wanted[0]) from None
    return model.node_params(), dict(model.edge_weights())


def as_weight(values: np.ndarray) -> float | np.ndarray:
    """An edge weight: a number for a source of one value, else one number per value."""
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    return float(values[0]) if values.size == 1 else values.copy()
