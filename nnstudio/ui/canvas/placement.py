"""Where a node added without a drop point goes (a double-clicked palette entry): beside the last
one added, as a student builds a network left to right. Pure Python, no Qt.

A small node (an input, a neuron: its kind's look says so) after one of the same kind goes below
it (a column being built); anything else starts the next column to the right, level with the
middle of the last addition's column. A spot already taken moves down until it is free.
"""
from __future__ import annotations

from nnstudio.project import editing, registry
from nnstudio.project.layout import COLUMN_GAP, LAYER_SPACING, NEURON_SPACING, is_small
from nnstudio.project.model import Node, Project

NEURON_COLUMN = "neuron_column"     # mime.NEURON_COLUMN (that module imports Qt)
# Half the room a node needs around its centre (a layer block is 150 × 64; labels sit below).
HALF_W = {"layer": 90.0, "small": 40.0}
HALF_H = {"layer": 45.0, "small": 40.0}
SAME_COLUMN = 30.0                  # x distance within which nodes count as one column


def _size(kind: str) -> str:
    return "small" if kind == NEURON_COLUMN or is_small(kind) else "layer"


def _clashes(nodes: list[Node], x: float, y: float, kind: str) -> bool:
    mine = _size(kind)
    for node in nodes:
        other = _size(node.kind)
        if (abs(node.pos[0] - x) < HALF_W[mine] + HALF_W[other]
                and abs(node.pos[1] - y) < HALF_H[mine] + HALF_H[other]):
            return True
    return False


def _spacing(above: str, below: str) -> float:
    small = _size(above) == "small" and _size(below) == "small"
    return NEURON_SPACING if small else LAYER_SPACING


def last_present(project: Project, groups: list[list[str]]) -> list[str]:
    """The latest group of added ids that still has a node in the project (an undo may have
    taken the newest away)."""
    present = set(project.node_ids())
    return next(([i for i in g if i in present] for g in reversed(groups) if present.intersection(g)), [])


def next_spots(project: Project, last: list[str], kind: str, count: int,
               fallback: tuple[float, float]) -> list[tuple[float, float]]:
    """Centres for `count` new nodes of `kind` (a column: `count` neurons, top to bottom).
    `last`: the ids added last time (those still in the project count); `fallback`: where to go
    without them (the view's centre)."""
    nodes = {n.id: n for n in project.nodes}
    previous = [nodes[i] for i in last if i in nodes]
    step = NEURON_SPACING
    if previous:
        last_kind = previous[-1].kind
        xs = [n.pos[0] for n in previous]
        ys = [n.pos[1] for n in previous]
        # Small kinds stack below one of their own; layer blocks always start a new column.
        if is_small(kind) and kind == last_kind and len(previous) == 1:
            x, top = xs[0], max(ys) + _spacing(last_kind, kind)
        else:
            # Level with the middle of the last addition's whole column (x1 and x2, say).
            column = [n.pos[1] for n in project.nodes if abs(n.pos[0] - previous[-1].pos[0]) < SAME_COLUMN]
            x = max(xs) + COLUMN_GAP
            top = (min(column) + max(column)) / 2 - (count - 1) * step / 2
    else:
        x, top = fallback[0], fallback[1] - (count - 1) * step / 2
    others = list(project.nodes)
    # Down one row at a time until every new node has room (bounded: a huge canvas is still finite).
    for _ in range(10_000):
        spots = [(x, top + k * step) for k in range(count)]
        if not any(_clashes(others, sx, sy, kind) for sx, sy in spots):
            return spots
        top += step
    return spots


def centre_beside(project: Project, groups: list[list[str]], kind: str, count: int,
                  fallback: tuple[float, float]) -> tuple[float, float]:
    """The centre of what comes next (a column's middle), beside the latest of `groups` (the ids
    added so far, oldest first) still in the project."""
    last = last_present(project, groups)
    spots = next_spots(project, last, kind, count, (float(fallback[0]), float(fallback[1])))
    return spots[0][0], (spots[0][1] + spots[-1][1]) / 2


def new_nodes(project: Project, kind: str, count: int, centre: tuple[float, float]) -> list[Node]:
    """The nodes a palette entry adds, centred on `centre` (none for an unknown kind)."""
    x, y = centre
    if kind == NEURON_COLUMN:
        return editing.neuron_column(project, count, (x, y - (count - 1) * editing.COLUMN_SPACING / 2))
    return [editing.new_node(project, kind, (x, y))] if kind in registry.KINDS else []
