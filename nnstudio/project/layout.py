"""Automatic layout: the graph laid out left to right in columns by depth. Pure Python, no Qt.

Positions are node centres (the canvas draws every node centred on `Node.pos`).
"""
from __future__ import annotations

from nnstudio.project import registry
from nnstudio.project.model import Project

COLUMN_GAP = 200.0          # x distance between columns
NEURON_SPACING = 90.0       # y distance between small nodes (neurons, inputs)
LAYER_SPACING = 100.0       # y distance when either neighbour is a layer block
# Kinds drawn as small nodes (inputs, neurons), from the kinds' looks; is_small() also sees a kind
# registered later.
SMALL_KINDS = tuple(name for name, spec in registry.KINDS.items() if spec.look is not None and spec.look.small)


def is_small(kind: str) -> bool:
    """Whether `kind` is drawn as a small node, which stacks closer to its small neighbours."""
    spec = registry.KINDS.get(kind) if isinstance(kind, str) else None
    return spec is not None and spec.look is not None and spec.look.small


def depths(project: Project) -> dict[str, int]:
    """Longest-path depth of every node: sources (inputs included) are 0, every other node one
    more than its deepest predecessor. Cycles (possible in a broken file) are broken at the
    first stuck node in file order, so this never fails."""
    ids = project.node_ids()
    known = set(ids)
    preds: dict[str, list[str]] = {i: [] for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for e in project.edges:
        if e.source in known and e.target in known and e.source != e.target:
            preds[e.target].append(e.source)
            succs[e.source].append(e.target)
    remaining = {i: len(preds[i]) for i in ids}
    depth = {i: 0 for i in ids}
    done: set[str] = set()
    ready = [i for i in ids if remaining[i] == 0]
    while len(done) < len(ids):
        if not ready:       # a cycle: release the first node still waiting
            ready = [next(i for i in ids if i not in done)]
        while ready:
            node = ready.pop()
            if node in done:
                continue
            done.add(node)
            for nxt in succs[node]:
                if nxt in done:
                    continue                 # a back edge of a broken cycle
                depth[nxt] = max(depth[nxt], depth[node] + 1)
                remaining[nxt] -= 1
                if remaining[nxt] == 0:
                    ready.append(nxt)
    return depth


def layered_positions(project: Project) -> dict[str, tuple[float, float]]:
    """Centre of every node: column `depth × 200`, each column centred on y = 0.

    The first column follows the order of `project.inputs`, then file order; later columns are
    sorted by the mean row of each node's predecessors (fewer crossings), ties in file order."""
    depth = depths(project)
    order = {node_id: k for k, node_id in enumerate(project.node_ids())}
    kinds = {n.id: n.kind for n in project.nodes}
    listed = {node_id: k for k, node_id in enumerate(project.inputs)}
    preds: dict[str, list[str]] = {i: [] for i in order}
    for e in project.edges:
        if e.source in order and e.target in order:
            preds[e.target].append(e.source)

    columns: dict[int, list[str]] = {}
    for node_id in project.node_ids():
        columns.setdefault(depth[node_id], []).append(node_id)

    row: dict[str, float] = {}
    positions: dict[str, tuple[float, float]] = {}
    for d in sorted(columns):
        members = columns[d]
        if d == 0:
            members.sort(key=lambda i: (listed.get(i, len(listed)), order[i]))
        else:
            def barycentre(i: str) -> tuple[float, int]:
                placed = [row[p] for p in preds[i] if p in row]
                return (sum(placed) / len(placed) if placed else float("inf"), order[i])
            members.sort(key=barycentre)
        ys = _stack([kinds[i] for i in members])
        for k, node_id in enumerate(members):
            row[node_id] = float(k)
            positions[node_id] = (d * COLUMN_GAP, ys[k])
    return positions


def _stack(kinds: list[str]) -> list[float]:
    """y centres for a column of nodes, spaced by their sizes and centred on 0."""
    ys = [0.0]
    for above, below in zip(kinds, kinds[1:]):
        small = is_small(above) and is_small(below)
        ys.append(ys[-1] + (NEURON_SPACING if small else LAYER_SPACING))
    middle = (ys[0] + ys[-1]) / 2
    return [y - middle for y in ys]
