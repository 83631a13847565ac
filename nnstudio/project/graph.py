"""Graph facts about a project: topological order, cycles, and the shape every node outputs."""
from __future__ import annotations

from dataclasses import dataclass

from nnstudio.project import registry
from nnstudio.project.model import Project
from nnstudio.project.registry import Shape, ShapeError


class CycleError(ValueError):
    def __init__(self, cycle: list[str]):
        super().__init__("the graph has a cycle: " + " → ".join(cycle + cycle[:1]))
        self.cycle = cycle


def topological_order(project: Project) -> list[str]:
    """Node ids so that every edge goes forward; ties keep file order. Raises CycleError."""
    ids = project.node_ids()
    known = set(ids)
    indegree = {i: 0 for i in ids}
    successors: dict[str, list[str]] = {i: [] for i in ids}
    for e in project.edges:
        if e.source in known and e.target in known:
            indegree[e.target] += 1
            successors[e.source].append(e.target)
    position = {i: k for k, i in enumerate(ids)}
    ready = sorted((i for i in ids if indegree[i] == 0), key=position.__getitem__)
    order: list[str] = []
    while ready:
        current = ready.pop(0)
        order.append(current)
        freed = []
        for nxt in successors[current]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                freed.append(nxt)
        if freed:
            ready = sorted(ready + freed, key=position.__getitem__)
    if len(order) < len(ids):
        raise CycleError(_find_cycle([i for i in ids if indegree[i] > 0], successors))
    return order


def _find_cycle(stuck: list[str], successors: dict[str, list[str]]) -> list[str]:
    """A cycle among the nodes a topological sort cannot place, in edge direction. Every such node
    has a predecessor that cannot be placed either, so walking predecessors must close a loop."""
    stuck_set = set(stuck)
    predecessors: dict[str, list[str]] = {n: [] for n in stuck}
    for source, targets in successors.items():
        for t in targets:
            if t in stuck_set and source in stuck_set:
                predecessors[t].append(source)
    path: list[str] = []
    seen: dict[str, int] = {}
    node = stuck[0]
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = predecessors[node][0]
    cycle = path[seen[node]:][::-1]
    first = min(range(len(cycle)), key=lambda k: stuck.index(cycle[k]))   # start where the file does
    return cycle[first:] + cycle[:first]


def would_create_cycle(project: Project, source: str, target: str) -> bool:
    """True when an edge source → target would close a loop (target already reaches source)."""
    if source == target:
        return True
    frontier, seen = [target], {target}
    outgoing: dict[str, list[str]] = {}
    for e in project.edges:
        outgoing.setdefault(e.source, []).append(e.target)
    while frontier:
        node = frontier.pop()
        for nxt in outgoing.get(node, ()):
            if nxt == source:
                return True
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return False


@dataclass
class ShapeInfo:
    """Output shape of each node (None where it cannot be known) and the problems found."""
    out: dict[str, Shape | None]
    inputs: dict[str, Shape | None]
    errors: dict[str, str]


def infer_shapes(project: Project, order: list[str] | None = None) -> ShapeInfo:
    """Propagate shapes in topological order. Assumes configs have been checked."""
    order = order if order is not None else topological_order(project)
    nodes = {n.id: n for n in project.nodes}
    incoming: dict[str, list[str]] = {i: [] for i in nodes}
    for e in project.edges:
        if e.source in nodes and e.target in nodes:
            incoming[e.target].append(e.source)
    out: dict[str, Shape | None] = {}
    ins: dict[str, Shape | None] = {}
    errors: dict[str, str] = {}
    for node_id in order:
        node = nodes[node_id]
        kind = registry.KINDS.get(node.kind)
        if kind is None:
            out[node_id] = None
            continue
        sources = incoming[node_id]
        if any(out.get(s) is None for s in sources):
            out[node_id] = ins[node_id] = None
            continue
        try:
            in_shape = registry.concat_shapes([out[s] for s in sources]) if sources else None
            ins[node_id] = in_shape
            out[node_id] = kind.shape_rule(kind.check_config(node.config), in_shape)
        except ShapeError as exc:
            errors[node_id] = str(exc)
            out[node_id] = None
        except registry.ConfigError as exc:
            errors[node_id] = f"config.{exc.key}: {exc}"
            out[node_id] = None
    return ShapeInfo(out, ins, errors)
